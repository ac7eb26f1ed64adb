/*
 * options.c: parse cimrpcd's command line and bootstrap configuration file.
 *
 * Order: defaults, then the configuration file (the default path only when
 * it exists; a path given with -c must exist), then the command line.
 * Every error names the option or the file and line, and says what is
 * expected.
 */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "common/cim_names.h"
#include "common/levels.h"
#include "options.h"

enum {
    OPT_LISTEN = 256, OPT_SOCKET, OPT_PIDFILE, OPT_LOG, OPT_VERSION, OPT_HELP,
    OPT_KEYTAB, OPT_SERVICE, OPT_AUTHN_FLOOR, OPT_THREADS, OPT_IDLE_TIMEOUT, OPT_REPOSITORY,
    OPT_MAX_CONNECTIONS, OPT_MAX_RECORD, OPT_MAX_FRAGMENT, OPT_IMPORT, OPT_NAMESPACE,
    OPT_CURSOR_TIMEOUT, OPT_ADMIN_GROUP, OPT_AUDIT, OPT_WORKER, OPT_SERVICE_ACCOUNT,
    OPT_REBOOT_COMMAND, OPT_SHUTDOWN_COMMAND, OPT_WORKER_IDLE_TIMEOUT,
    OPT_ALLOW_SYSTEM_ACCOUNTS,
};

static const struct option long_options[] = {
    { "foreground", no_argument, NULL, 'f' },
    { "config", required_argument, NULL, 'c' },
    { "listen", required_argument, NULL, OPT_LISTEN },
    { "socket", required_argument, NULL, OPT_SOCKET },
    { "pidfile", required_argument, NULL, OPT_PIDFILE },
    { "log", required_argument, NULL, OPT_LOG },
    { "keytab", required_argument, NULL, OPT_KEYTAB },
    { "repository", required_argument, NULL, OPT_REPOSITORY },
    { "audit", required_argument, NULL, OPT_AUDIT },
    { "service", required_argument, NULL, OPT_SERVICE },
    { "authn-floor", required_argument, NULL, OPT_AUTHN_FLOOR },
    { "threads", required_argument, NULL, OPT_THREADS },
    { "idle-timeout", required_argument, NULL, OPT_IDLE_TIMEOUT },
    { "cursor-timeout", required_argument, NULL, OPT_CURSOR_TIMEOUT },
    { "admin-group", required_argument, NULL, OPT_ADMIN_GROUP },
    { "worker", required_argument, NULL, OPT_WORKER },
    { "service-account", required_argument, NULL, OPT_SERVICE_ACCOUNT },
    { "worker-idle-timeout", required_argument, NULL, OPT_WORKER_IDLE_TIMEOUT },
    { "allow-system-accounts", no_argument, NULL, OPT_ALLOW_SYSTEM_ACCOUNTS },
    { "reboot-command", required_argument, NULL, OPT_REBOOT_COMMAND },
    { "shutdown-command", required_argument, NULL, OPT_SHUTDOWN_COMMAND },
    { "max-connections", required_argument, NULL, OPT_MAX_CONNECTIONS },
    { "max-record", required_argument, NULL, OPT_MAX_RECORD },
    { "max-fragment", required_argument, NULL, OPT_MAX_FRAGMENT },
    { "import", required_argument, NULL, OPT_IMPORT },
    { "namespace", required_argument, NULL, OPT_NAMESPACE },
    { "verbose", no_argument, NULL, 'v' },
    { "version", no_argument, NULL, OPT_VERSION },
    { "help", no_argument, NULL, OPT_HELP },
    { NULL, 0, NULL, 0 },
};

static void
options_usage(FILE *out)
{
    fprintf(out,
        "Usage: cimrpcd [OPTION]...\n"
        "Serve the cimrpc CIM object model over ONC RPC.\n"
        "\n"
        "  -f, --foreground        stay in the foreground (do not daemonize)\n"
        "  -c, --config FILE       bootstrap configuration (default %s)\n"
        "      --listen ADDR:PORT  listen on TCP (repeatable; IPv6 as [ADDR]:PORT;\n"
        "                          default 0.0.0.0:%d; 'none' disables TCP)\n"
        "      --socket PATH       local socket (default %s; 'none' disables)\n"
        "      --pidfile FILE      pid file (default %s; 'none' disables)\n"
        "      --log DEST          stderr, syslog or a file path (default: stderr in\n"
        "                          the foreground, syslog otherwise)\n"
        "      --repository FILE   the CIM repository (default %s; created when\n"
        "                          missing)\n"
        "      --audit FILE        the audit trail of access decisions, a SQLite\n"
        "                          database (default: the repository's path with\n"
        "                          .audit appended; created when missing)\n"
        "      --keytab FILE       the service's Kerberos keytab (default %s;\n"
        "                          'none' disables Kerberos)\n"
        "      --service NAME      GSS service name (default cimrpc: cimrpc/HOST@REALM)\n"
        "      --authn-floor LEVEL lowest authentication level a session may have:\n"
        "                          none, connect, call, pkt, pktintegrity (default),\n"
        "                          pktprivacy\n"
        "      --threads N         event loop threads (default: one per core)\n"
        "      --idle-timeout S    close connections idle for S seconds (default 600;\n"
        "                          0 never)\n"
        "      --admin-group NAME  members of local group NAME are Administrators\n"
        "                          besides root (default: none)\n"
        "      --worker PATH       the provider worker program (default\n"
        "                          %s, or cimrpc-worker beside cimrpcd)\n"
        "      --service-account NAME  the account provider code runs as for callers\n"
        "                          who are only identified (default nobody)\n"
        "      --worker-idle-timeout S  end a provider worker unused for S seconds\n"
        "                          (default 60, 1 to 86400)\n"
        "      --allow-system-accounts  let provider code run as callers whose\n"
        "                          accounts are system accounts (below UID_MIN, or\n"
        "                          in group 0); never as root\n"
        "      --reboot-command PATH, --shutdown-command PATH  what\n"
        "                          Linux_OperatingSystem.Reboot and Shutdown run, as\n"
        "                          the caller (default /sbin/reboot, /sbin/poweroff)\n"
        "      --cursor-timeout S  close a result cursor unused for S seconds (default\n"
        "                          300, 1 to 86400)\n"
        "      --max-connections N connections served at once (default 1024)\n"
        "      --max-record BYTES  largest RPC record accepted (default 4194304, at\n"
        "                          least 1024); a larger one closes its connection\n"
        "      --max-fragment BYTES largest record fragment (default 4194304)\n"
        "      --import FILE.mof   compile FILE.mof into the repository and exit\n"
        "                          (the daemon need not be stopped)\n"
        "      --namespace NS      where --import puts what the MOF file does not\n"
        "                          place with #pragma namespace (default root/cimv2)\n"
        "  -v, --verbose           log debugging detail\n"
        "      --version           print the version and exit\n"
        "      --help              print this help and exit\n"
        "\n"
        "Signals: SIGTERM and SIGINT stop the daemon; SIGHUP reopens the log file.\n",
        CIMRPC_DEFAULT_CONFIG, CIMRPC_DEFAULT_PORT, CIMRPC_DEFAULT_SOCKET,
        CIMRPC_DEFAULT_PIDFILE, CIMRPC_DEFAULT_REPOSITORY, CIMRPC_DEFAULT_KEYTAB,
        CIMRPC_DEFAULT_WORKER);
}

/* Replace *slot with a copy of VALUE ("none" → NULL when none_ok). */
static int
options_set_string(char **slot, const char *value, bool none_ok)
{
    char *copy = NULL;

    if (!(none_ok && strcmp(value, "none") == 0)) {
        copy = strdup(value);
        if (copy == NULL)
            return -1;
    }
    free(*slot);
    *slot = copy;
    return 0;
}

/* Replace *SLOT with a copy of VALUE, an absolute path (the setting NAME
 * in messages).  Returns 0, or -1 with WHY set (or empty: out of memory). */
static int
options_set_path(char **slot, const char *name, const char *value, char *why, size_t why_len)
{
    why[0] = '\0';
    if (value[0] != '/') {
        snprintf(why, why_len, "%s takes an absolute path, not '%s'", name, value);
        return -1;
    }
    return options_set_string(slot, value, false);
}

static void
options_clear_listen(struct daemon_options *opts)
{
    for (size_t i = 0; i < opts->n_listen; i++)
        free(opts->listen[i]);
    opts->n_listen = 0;
}

/* Add a listener spec; "none" clears the list.  Returns 0 or -1 (too many). */
static int
options_add_listen(struct daemon_options *opts, const char *spec, char *why, size_t why_len)
{
    if (strcmp(spec, "none") == 0) {
        options_clear_listen(opts);
        return 0;
    }
    if (strchr(spec, ':') == NULL) {
        snprintf(why, why_len, "listen address '%s' has no port; write ADDR:PORT, "
                 "for example 0.0.0.0:%d or [::1]:%d", spec, CIMRPC_DEFAULT_PORT,
                 CIMRPC_DEFAULT_PORT);
        return -1;
    }
    if (opts->n_listen == OPTIONS_MAX_LISTEN) {
        snprintf(why, why_len, "too many listen addresses (at most %d)", OPTIONS_MAX_LISTEN);
        return -1;
    }
    opts->listen[opts->n_listen] = strdup(spec);
    if (opts->listen[opts->n_listen] == NULL) {
        snprintf(why, why_len, "out of memory");
        return -1;
    }
    opts->n_listen++;
    return 0;
}

/* Parse a whole number from 0 to MAX.  Returns 0 or -1. */
static int
options_parse_uint(const char *s, unsigned long max, unsigned int *out)
{
    char *end;
    unsigned long v;

    errno = 0;
    v = strtoul(s, &end, 10);
    if (errno != 0 || *s == '\0' || *s == '-' || *end != '\0' || v > max)
        return -1;
    *out = (unsigned int)v;
    return 0;
}

/* Set the authentication floor from a level name.  Returns 0 or -1. */
static int
options_set_floor(struct daemon_options *opts, const char *name, char *why, size_t why_len)
{
    enum levels_authn level;

    if (levels_authn_parse(name, &level) < 0 || level == LEVELS_AUTHN_DEFAULT) {
        snprintf(why, why_len, "unknown authentication level '%s' (use %s)", name,
                 levels_authn_names());
        return -1;
    }
    opts->authn_floor = (int)level;
    return 0;
}

struct config_state {
    struct daemon_options *opts;
    bool listen_seen;
    char why[512];
};

/* inih callback: one key of the configuration file.  Returns 1 to go on,
 * 0 to stop with an error at this line. */
static int
options_config_key(void *user, const char *section, const char *name, const char *value)
{
    struct config_state *st = user;
    struct daemon_options *opts = st->opts;

    if (strcmp(section, "daemon") != 0) {
        snprintf(st->why, sizeof(st->why), "unknown section [%s]; the bootstrap file has only [daemon]", section);
        return 0;
    }
    if (strcmp(name, "listen") == 0) {
        if (!st->listen_seen) {
            options_clear_listen(opts);     /* the file replaces the default */
            st->listen_seen = true;
        }
        return options_add_listen(opts, value, st->why, sizeof(st->why)) == 0;
    }
    if (strcmp(name, "socket") == 0)
        return options_set_string(&opts->socket_path, value, true) == 0;
    if (strcmp(name, "pidfile") == 0)
        return options_set_string(&opts->pidfile, value, true) == 0;
    if (strcmp(name, "log") == 0)
        return options_set_string(&opts->log, value, false) == 0;
    if (strcmp(name, "keytab") == 0) {
        opts->keytab_given = true;
        return options_set_string(&opts->keytab, value, true) == 0;
    }
    if (strcmp(name, "repository") == 0)
        return options_set_string(&opts->repository, value, false) == 0;
    if (strcmp(name, "audit") == 0)
        return options_set_string(&opts->audit, value, false) == 0;
    if (strcmp(name, "service") == 0)
        return options_set_string(&opts->service, value, false) == 0;
    if (strcmp(name, "authn_floor") == 0)
        return options_set_floor(opts, value, st->why, sizeof(st->why)) == 0;
    if (strcmp(name, "admin_group") == 0)
        return options_set_string(&opts->admin_group, value, true) == 0;
    if (strcmp(name, "worker") == 0 || strcmp(name, "reboot_command") == 0 ||
        strcmp(name, "shutdown_command") == 0)
        return options_set_path(strcmp(name, "worker") == 0 ? &opts->worker :
                                strcmp(name, "reboot_command") == 0 ? &opts->reboot_command :
                                &opts->shutdown_command, name, value, st->why,
                                sizeof(st->why)) == 0;
    if (strcmp(name, "service_account") == 0)
        return options_set_string(&opts->service_account, value, false) == 0;
    if (strcmp(name, "allow_system_accounts") == 0) {
        if (strcmp(value, "true") != 0 && strcmp(value, "false") != 0) {
            snprintf(st->why, sizeof(st->why), "allow_system_accounts is true or false, not "
                     "'%s'", value);
            return 0;
        }
        opts->allow_system_accounts = strcmp(value, "true") == 0;
        return 1;
    }
    snprintf(st->why, sizeof(st->why), "unknown key '%s' (known: listen, socket, pidfile, log, "
             "repository, audit, keytab, service, authn_floor, admin_group, worker, "
             "service_account, allow_system_accounts, reboot_command, shutdown_command)", name);
    return 0;
}

static int
options_read_config(struct daemon_options *opts, const char *path, bool must_exist)
{
    struct config_state st = { .opts = opts };
    FILE *f;
    int rc;

    f = fopen(path, "re");
    if (f == NULL) {
        if (errno == ENOENT && !must_exist)
            return 0;
        fprintf(stderr, "cimrpcd: cannot read configuration file %s: %s\n", path, strerror(errno));
        return -1;
    }
    rc = ini_parse_file(f, options_config_key, &st);
    fclose(f);
    if (rc != 0) {
        if (rc > 0)
            fprintf(stderr, "cimrpcd: %s:%d: %s\n", path, rc,
                    st.why[0] ? st.why : "syntax error (expected 'key = value' or '[section]')");
        else
            fprintf(stderr, "cimrpcd: cannot read configuration file %s\n", path);
        return -1;
    }
    return options_set_string(&opts->config_path, path, false);
}

static int
options_defaults(struct daemon_options *opts)
{
    char spec[64];
    char why[128];

    memset(opts, 0, sizeof(*opts));
    snprintf(spec, sizeof(spec), "0.0.0.0:%d", CIMRPC_DEFAULT_PORT);
    if (options_add_listen(opts, spec, why, sizeof(why)) < 0 ||
        options_set_string(&opts->socket_path, CIMRPC_DEFAULT_SOCKET, false) < 0 ||
        options_set_string(&opts->pidfile, CIMRPC_DEFAULT_PIDFILE, false) < 0 ||
        options_set_string(&opts->keytab, CIMRPC_DEFAULT_KEYTAB, false) < 0 ||
        options_set_string(&opts->repository, CIMRPC_DEFAULT_REPOSITORY, false) < 0 ||
        options_set_string(&opts->service, "cimrpc", false) < 0)
        return -1;
    opts->authn_floor = LEVELS_AUTHN_PKT_INTEGRITY;
    opts->idle_timeout = 600;
    opts->cursor_timeout = 300;
    opts->max_connections = 1024;
    opts->max_record = 4u << 20;
    opts->max_fragment = 4u << 20;
    return 0;
}

enum options_result
options_parse(int argc, char **argv, struct daemon_options *opts)
{
    const char *config = NULL;
    bool listen_from_cli = false;
    char why[512];
    int c;

    if (options_defaults(opts) < 0)
        goto oom;

    /* Pass 1: find the configuration file; report usage errors once, here. */
    opterr = 1;
    optind = 0;
    while ((c = getopt_long(argc, argv, "+fc:v", long_options, NULL)) != -1) {
        switch (c) {
        case 'c': config = optarg; break;
        case OPT_HELP: options_usage(stdout); options_free(opts); return OPTIONS_EXIT_OK;
        case OPT_VERSION:
            printf("cimrpcd (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION);
            options_free(opts);
            return OPTIONS_EXIT_OK;
        case '?': goto usage;
        default: break;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "cimrpcd: unexpected argument '%s' (cimrpcd takes options only)\n", argv[optind]);
        goto usage;
    }
    if (options_read_config(opts, config ? config : CIMRPC_DEFAULT_CONFIG, config != NULL) < 0)
        goto fail;

    /* Pass 2: the command line overrides the file. */
    opterr = 0;
    optind = 0;
    while ((c = getopt_long(argc, argv, "+fc:v", long_options, NULL)) != -1) {
        int rc = 0;
        switch (c) {
        case 'f': opts->foreground = true; break;
        case 'v': opts->verbose = true; break;
        case OPT_LISTEN:
            if (!listen_from_cli) {
                options_clear_listen(opts);
                listen_from_cli = true;
            }
            if (options_add_listen(opts, optarg, why, sizeof(why)) < 0) {
                fprintf(stderr, "cimrpcd: --listen: %s\n", why);
                goto usage;
            }
            break;
        case OPT_SOCKET: rc = options_set_string(&opts->socket_path, optarg, true); break;
        case OPT_PIDFILE: rc = options_set_string(&opts->pidfile, optarg, true); break;
        case OPT_LOG: rc = options_set_string(&opts->log, optarg, false); break;
        case OPT_KEYTAB:
            opts->keytab_given = true;
            rc = options_set_string(&opts->keytab, optarg, true);
            break;
        case OPT_REPOSITORY: rc = options_set_string(&opts->repository, optarg, false); break;
        case OPT_AUDIT: rc = options_set_string(&opts->audit, optarg, false); break;
        case OPT_IMPORT: rc = options_set_string(&opts->import, optarg, false); break;
        case OPT_NAMESPACE:
            if (!cim_names_namespace_valid(optarg, why, sizeof(why))) {
                fprintf(stderr, "cimrpcd: --namespace: %s\n", why);
                goto usage;
            }
            rc = options_set_string(&opts->import_namespace, optarg, false);
            break;
        case OPT_SERVICE:
            if (*optarg == '\0' || strpbrk(optarg, "/@") != NULL) {
                fprintf(stderr, "cimrpcd: --service takes a bare service name such as "
                        "cimrpc, not '%s'\n", optarg);
                goto usage;
            }
            rc = options_set_string(&opts->service, optarg, false);
            break;
        case OPT_THREADS:
            if (options_parse_uint(optarg, 16, &opts->threads) < 0 || opts->threads == 0) {
                fprintf(stderr, "cimrpcd: --threads takes 1 to 16, not '%s'\n", optarg);
                goto usage;
            }
            break;
        case OPT_IDLE_TIMEOUT:
            if (options_parse_uint(optarg, 86400, &opts->idle_timeout) < 0) {
                fprintf(stderr, "cimrpcd: --idle-timeout takes 0 to 86400 seconds, not '%s'\n",
                        optarg);
                goto usage;
            }
            break;
        case OPT_ADMIN_GROUP:
            rc = options_set_string(&opts->admin_group, optarg, true);
            break;
        case OPT_ALLOW_SYSTEM_ACCOUNTS:
            opts->allow_system_accounts = true;
            break;
        case OPT_WORKER_IDLE_TIMEOUT:
            if (options_parse_uint(optarg, 86400, &opts->worker_idle_timeout) < 0 ||
                opts->worker_idle_timeout == 0) {
                fprintf(stderr, "cimrpcd: --worker-idle-timeout takes 1 to 86400 seconds, not "
                        "'%s'\n", optarg);
                goto usage;
            }
            break;
        case OPT_SERVICE_ACCOUNT:
            rc = options_set_string(&opts->service_account, optarg, false);
            break;
        case OPT_WORKER:
        case OPT_REBOOT_COMMAND:
        case OPT_SHUTDOWN_COMMAND: {
            const char *name = c == OPT_WORKER ? "--worker" : c == OPT_REBOOT_COMMAND ?
                               "--reboot-command" : "--shutdown-command";

            rc = options_set_path(c == OPT_WORKER ? &opts->worker : c == OPT_REBOOT_COMMAND ?
                                  &opts->reboot_command : &opts->shutdown_command, name, optarg,
                                  why, sizeof(why));
            if (rc < 0 && why[0] != '\0') {
                fprintf(stderr, "cimrpcd: %s\n", why);
                goto usage;
            }
            break;
        }
        case OPT_CURSOR_TIMEOUT:
            if (options_parse_uint(optarg, 86400, &opts->cursor_timeout) < 0 ||
                opts->cursor_timeout == 0) {
                fprintf(stderr, "cimrpcd: --cursor-timeout takes 1 to 86400 seconds, not '%s'\n",
                        optarg);
                goto usage;
            }
            break;
        case OPT_MAX_CONNECTIONS:
            if (options_parse_uint(optarg, 1000000, &opts->max_connections) < 0 ||
                opts->max_connections == 0) {
                fprintf(stderr, "cimrpcd: --max-connections takes 1 to 1000000, not '%s'\n",
                        optarg);
                goto usage;
            }
            break;
        case OPT_MAX_RECORD:
        case OPT_MAX_FRAGMENT:
            if (options_parse_uint(optarg, 64u << 20, c == OPT_MAX_RECORD ? &opts->max_record
                                   : &opts->max_fragment) < 0 ||
                (c == OPT_MAX_RECORD ? opts->max_record : opts->max_fragment) < 1024) {
                fprintf(stderr, "cimrpcd: --%s takes 1024 to 67108864 bytes, not '%s'\n",
                        c == OPT_MAX_RECORD ? "max-record" : "max-fragment", optarg);
                goto usage;
            }
            break;
        case OPT_AUTHN_FLOOR:
            if (options_set_floor(opts, optarg, why, sizeof(why)) < 0) {
                fprintf(stderr, "cimrpcd: --authn-floor: %s\n", why);
                goto usage;
            }
            break;
        default: break;
        }
        if (rc < 0)
            goto oom;
    }
    if (opts->import_namespace != NULL && opts->import == NULL) {
        fprintf(stderr, "cimrpcd: --namespace applies to --import FILE.mof only\n");
        goto usage;
    }
    if (opts->import == NULL && opts->n_listen == 0 && opts->socket_path == NULL) {
        fprintf(stderr, "cimrpcd: both TCP (--listen none) and the local socket (--socket none) "
                "are disabled; enable at least one\n");
        goto usage;
    }
    if (opts->log == NULL &&
        options_set_string(&opts->log, opts->foreground ? "stderr" : "syslog", false) < 0)
        goto oom;
    if (opts->audit == NULL && asprintf(&opts->audit, "%s.audit", opts->repository) < 0) {
        opts->audit = NULL;
        goto oom;
    }
    return OPTIONS_RUN;

oom:
    fprintf(stderr, "cimrpcd: out of memory\n");
    goto fail;
usage:
    fprintf(stderr, "Try 'cimrpcd --help' for more information.\n");
fail:
    options_free(opts);
    return OPTIONS_USAGE;
}

void
options_free(struct daemon_options *opts)
{
    if (opts == NULL)
        return;
    options_clear_listen(opts);
    free(opts->config_path);
    free(opts->socket_path);
    free(opts->pidfile);
    free(opts->log);
    free(opts->keytab);
    free(opts->repository);
    free(opts->audit);
    free(opts->service);
    free(opts->admin_group);
    free(opts->worker);
    free(opts->service_account);
    free(opts->reboot_command);
    free(opts->shutdown_command);
    free(opts->import);
    free(opts->import_namespace);
    memset(opts, 0, sizeof(*opts));
}
