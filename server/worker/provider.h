/*
 * provider.h: the providers compiled into cimrpc-worker, and how the
 * worker serves WORKER_OP_PROVIDE (idl/worker.x) with them.
 *
 * A provider is a name ("cimrpc-linux") and a table of classes; each
 * class has one function per operation, NULL when the class does not
 * support it (the caller then gets WBEM_E_NOT_SUPPORTED saying so).  The
 * providers are listed in a static registry in provider.c.
 *
 * A class function gets a struct provider_call and reports through it:
 *
 *   - provider_emit() sends one instance (ENUMERATE: each instance found;
 *     GET: the one instance; INVOKE: the one __PARAMETERS instance, best
 *     through provider_emit_return()).  Instances are packed into batches
 *     (worker_objects.h); a full batch goes out at once as a reply with
 *     more = TRUE, so an enumeration streams in bounded memory.
 *   - provider_fail() / provider_fail_errno() record the error of the
 *     operation, once, where it happens: a WBEM code and a reason the
 *     caller can act on.  The function then returns -1.
 *
 * After the function returns, provider_serve() fills the last reply: the
 * objects not yet sent with more = FALSE, or the code and reason.  The
 * reply's status stays 0 for a provider's error; it is EINVAL only for a
 * malformed request (an unknown kind, objects that do not decode).
 *
 * Methods: a kernel refusal or a missing object is an error of the call
 * (ACCESS_DENIED, NOT_FOUND, with the kernel's reason), as are bad
 * parameters (INVALID_METHOD_PARAMETERS); ReturnValue is 0 then, and
 * other values of the MOF's ValueMap are used only where a started
 * program failed on its own (Reboot, Shutdown), with a reason alongside.
 *
 * Everything runs single-threaded in the worker, as the worker's uid.
 */
#ifndef CIMRPC_WORKER_PROVIDER_H
#define CIMRPC_WORKER_PROVIDER_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cimrpc.h"
#include "worker.h"
#include "common/cim_build.h"

/* The worker's settings that providers use (borrowed strings, set from
 * the command line, alive for the whole process). */
struct provider_config {
    const char *reboot_command;         /* absolute path */
    const char *shutdown_command;       /* absolute path */
};

#define PROVIDER_DEFAULT_REBOOT "/sbin/reboot"
#define PROVIDER_DEFAULT_SHUTDOWN "/sbin/poweroff"

struct provider_call;

/* Every function returns 0 when it is done (having emitted what it
 * found), or -1 after provider_fail*() recorded why.  Arguments are
 * borrowed for the call.  KEYS is the decoded keys object; PARAMS the
 * in-parameters (an instance of __PARAMETERS, possibly with no
 * properties); for INVOKE, KEYS is NULL when the request named no
 * instance (a static method on the class). */
struct provider_class {
    const char *name;
    int (*enumerate)(struct provider_call *call);
    int (*get)(struct provider_call *call, const cim_instance *keys);
    int (*invoke)(struct provider_call *call, const char *method, const cim_instance *keys,
                  const cim_instance *params);
    int (*put)(struct provider_call *call, const cim_instance *inst, unsigned int put_mode);
    int (*delete_instance)(struct provider_call *call, const cim_instance *keys);
};

struct provider {
    const char *name;
    const struct provider_class *const *classes;
    size_t nclasses;
};

/* Send one reply REP (borrowed) to the daemon: a priv_channel_status. */
typedef int (*provider_send_fn)(void *arg, worker_reply *rep);

/*
 * Serve the PROVIDE request REQ (borrowed) with CFG (borrowed).  Replies
 * before the last are sent through SEND (with SEND_ARG); the last is
 * written to *REP (zeroed by the caller): its reason points at WHY
 * (WHY_LEN bytes, at most WORKER_REASON_MAX), its objects are owned by
 * REP until provider_reply_release().  Returns 0, or the
 * priv_channel_status of a send that failed (the daemon is gone or the
 * channel broke: stop serving; *REP is then left empty).
 */
int provider_serve(const worker_request *req, const struct provider_config *cfg,
                   provider_send_fn send, void *send_arg, worker_reply *rep, char *why,
                   size_t why_len);

/* Free what provider_serve() left owned by REP.  Accepts any reply. */
void provider_reply_release(worker_reply *rep);

/* --------------------------------------------------- for class code ---- */

/* The class the call is about, and the settings (borrowed). */
const char *provider_call_class(const struct provider_call *call);
const struct provider_config *provider_call_config(const struct provider_call *call);

/* ENUMERATE with keys_only: only the key properties are needed. */
bool provider_call_keys_only(const struct provider_call *call);

/* Send INST (borrowed).  Returns 0, or -1 with the error recorded. */
int provider_emit(struct provider_call *call, const cim_instance *inst);

/* Emit B (an instance being built, borrowed), first checking that it
 * was built completely.  Clears B in every case.  0 or -1. */
int provider_emit_build(struct provider_call *call, struct cim_build *b);

/* INVOKE: add ReturnValue RV (uint32) to OUT (a builder of class
 * __PARAMETERS holding the out-parameters; cleared here) and emit it.
 * 0 or -1. */
int provider_emit_return(struct provider_call *call, struct cim_build *out, uint32_t rv);

/* Record the error CODE with a reason from FMT; returns -1.  Only the
 * first error of a call is kept. */
int provider_fail(struct provider_call *call, uint32_t code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Record the kernel's error ERR for the action FMT describes ("kill(12,
 * SIGTERM)"): "<action>: <strerror(ERR)>" and ": <HINT>" when HINT is not
 * NULL.  EPERM, EACCES and EROFS give WBEM_E_ACCESS_DENIED; ENOENT,
 * ENOTDIR, ESRCH, ELOOP and ENXIO give WBEM_E_NOT_FOUND; ENAMETOOLONG
 * and EINVAL WBEM_E_INVALID_PARAMETER; ENOMEM WBEM_E_PROVIDER_FAILURE;
 * others WBEM_E_FAILED.  Returns -1. */
int provider_fail_errno(struct provider_call *call, int err, const char *hint,
                        const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* The WBEM code provider_fail_errno() gives ERR. */
uint32_t provider_errno_code(int err);

/* Out of memory, naming nothing: WBEM_E_PROVIDER_FAILURE.  Returns -1. */
int provider_fail_oom(struct provider_call *call);

/* Record a note for the last reply's reason without an error (an INVOKE
 * whose ReturnValue says a started program failed: what happened).  An
 * error recorded later replaces it. */
void provider_note(struct provider_call *call, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The method called on an object of a class that has no such method:
 * WBEM_E_INVALID_METHOD.  Returns -1. */
int provider_no_method(struct provider_call *call, const char *method);

#endif
