/*
 * provider_host.h: what the daemon needs to run provider code: the pool
 * of worker processes (priv/priv_pool.h), the program they run, and the
 * service account that runs providers for callers who are only
 * identified (DESIGN.md section 5).
 *
 * Made once at startup from the options, shared by every loop and every
 * offload thread (the pool has its own lock; the rest never changes).
 */
#ifndef CIMRPC_PROVIDER_HOST_H
#define CIMRPC_PROVIDER_HOST_H

#include "options.h"
#include "priv/priv_pool.h"
#include "priv/priv_worker.h"

struct provider_host;

/*
 * Resolve the worker program (--worker; else the installed one; else
 * cimrpc-worker beside cimrpcd itself), the service account
 * (--service-account, default nobody: uid, gid, groups, home) and the
 * worker's settings, and make the pool.  Returns the host (free it with
 * provider_host_free()), or NULL with the reason logged: a worker that is
 * not an executable file, a service account that does not exist or is
 * root.
 */
struct provider_host *provider_host_new(const struct daemon_options *opts);

/* End every worker and free HOST.  Accepts NULL. */
void provider_host_free(struct provider_host *host);

/* The pool of workers (thread-safe). */
struct priv_pool *provider_host_pool(const struct provider_host *host);

/* The directory delegated credentials are kept in (root's, mode 0711,
 * REPOSITORY.delegated), or NULL when it could not be made (logged at
 * startup; Delegate calls then fail saying so). */
const char *provider_host_ccache_dir(const struct provider_host *host);

/* The Kerberos configuration (KRB5_CONFIG) the daemon started with, for
 * Delegate's workers, or NULL (they use /etc/krb5.conf). */
const char *provider_host_krb5_config(const struct provider_host *host);

/* May callers' system accounts run provider code (--allow-system-accounts)? */
bool provider_host_allow_system(const struct provider_host *host);

/* Account NAME as a service account (unprivileged, not root) into *ID at
 * level Identify, with its name and home in new strings *ACCOUNT_OUT and
 * *HOME_OUT that ID borrows (the caller frees them).  Returns 0, or -1
 * with WHY. */
int provider_host_resolve_service(const char *name, struct priv_identity *id,
                                  char **account_out, char **home_out, char *why,
                                  size_t why_len);

/* The service account as a worker identity at level Identify (borrowed;
 * constant). */
const struct priv_identity *provider_host_service(const struct provider_host *host);

#endif
