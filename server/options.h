/*
 * options.h: the daemon's bootstrap settings, from the command line and
 * the configuration file.
 *
 * The configuration file (/etc/cimrpc/cimrpcd.conf, INI syntax) holds only
 * what the daemon needs before it can read its repository: listeners and
 * paths.  Everything else is delegated configuration stored in the
 * repository.  Command-line options override the file; --listen on the
 * command line replaces the file's listeners.
 */
#ifndef CIMRPC_OPTIONS_H
#define CIMRPC_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#define OPTIONS_MAX_LISTEN 16

struct daemon_options {
    bool foreground;
    char *config_path;              /* file read, NULL when none */
    char *listen[OPTIONS_MAX_LISTEN]; /* "ADDR:PORT" specs; none = TCP off */
    size_t n_listen;
    char *socket_path;              /* NULL: no local socket */
    char *pidfile;                  /* NULL: no pid file */
    char *log;                      /* "stderr", "syslog" or a path */
    char *keytab;                   /* the service key; NULL: Kerberos off */
    char *repository;               /* the repository database file */
    char *audit;                    /* the audit database file (security/audit.h);
                                       default: REPOSITORY.audit */
    bool keytab_given;              /* named explicitly: must be usable */
    char *service;                  /* GSS service name, "cimrpc" */
    char *admin_group;              /* members are Administrators; NULL: none */
    char *worker;                   /* provider worker program; NULL: the default */
    char *service_account;          /* runs providers for Identify; NULL: "nobody" */
    unsigned int worker_idle_timeout; /* seconds; 0: the pool's default (60) */
    bool allow_system_accounts;     /* provider code may run as system accounts */
    char *reboot_command;           /* for the Linux provider; NULL: its default */
    char *shutdown_command;
    int authn_floor;                /* lowest session level (DCOM value) */
    unsigned int threads;           /* event loops; 0 = one per core */
    unsigned int idle_timeout;      /* seconds; 0 = never */
    unsigned int cursor_timeout;    /* seconds a cursor may stay unused */
    unsigned int max_connections;
    unsigned int max_record;        /* bytes in one RPC record */
    unsigned int max_fragment;      /* bytes in one record fragment */
    bool verbose;
    char *import;                   /* --import FILE.mof: compile, then exit */
    char *import_namespace;         /* --namespace NS for --import; NULL: root/cimv2 */
};

enum options_result {
    OPTIONS_RUN = 0,                /* start the daemon */
    OPTIONS_EXIT_OK = 1,            /* --help or --version was printed */
    OPTIONS_USAGE = -1,             /* error printed; exit status 2 */
};

/* Fill *opts from defaults, the configuration file and ARGV.  On
 * OPTIONS_RUN the caller owns *opts and frees it with options_free(). */
enum options_result options_parse(int argc, char **argv, struct daemon_options *opts);

/* Free what *opts owns (not opts itself).  Accepts NULL. */
void options_free(struct daemon_options *opts);

#endif
