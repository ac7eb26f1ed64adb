/*
 * cimrpcd.c: the cimrpc daemon's entry point.
 *
 * Parses options, detaches (unless --foreground) with the parent waiting
 * until the child is serving or has failed, takes the pid file, opens the
 * listeners and runs the server until SIGTERM.  The exit status is 0 after
 * a clean stop, 1 when the daemon could not start, 2 for a usage error.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/levels.h"
#include "config/config_decl.h"
#include "import.h"
#include "log.h"
#include "options.h"
#include "pidfile.h"
#include "security/access.h"
#include "policy.h"
#include "security/gss_acceptor.h"
#include "server.h"

/* Make sure descriptors 0-2 are open, so no later file (a SQLite database
 * above all) can land on them and receive stray writes. */
static int
cimrpcd_guard_std_fds(void)
{
    for (;;) {
        int fd = open("/dev/null", O_RDWR);
        if (fd < 0)
            return -1;
        if (fd > STDERR_FILENO) {
            close(fd);
            return 0;
        }
    }
}

/*
 * Detach from the terminal.  The parent returns only to exit: it waits on
 * a pipe for the child's verdict and exits 0 once the child serves, 1 if
 * it failed.  In the child, *READY_FD receives the write end.
 */
static int
cimrpcd_daemonize(int *ready_fd)
{
    int pipefd[2];
    pid_t pid;

    if (pipe2(pipefd, O_CLOEXEC) < 0)
        return -1;
    pid = fork();
    if (pid < 0)
        return -1;
    if (pid > 0) {
        char verdict = 1;
        close(pipefd[1]);
        if (read(pipefd[0], &verdict, 1) != 1)
            verdict = 1;
        _exit(verdict == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
    }
    close(pipefd[0]);
    if (setsid() < 0)
        return -1;
    pid = fork();
    if (pid < 0)
        return -1;
    if (pid > 0)
        _exit(EXIT_SUCCESS);        /* the grandchild carries the pipe on */
    if (chdir("/") < 0)
        return -1;
    umask(022);
    int devnull = open("/dev/null", O_RDWR);
    if (devnull < 0)
        return -1;
    if (dup2(devnull, STDIN_FILENO) < 0 || dup2(devnull, STDOUT_FILENO) < 0)
        return -1;
    /* stderr stays until the daemon is ready, so start-up errors show. */
    if (devnull > STDERR_FILENO)
        close(devnull);
    *ready_fd = pipefd[1];
    return 0;
}

static void
cimrpcd_report_ready(int ready_fd, bool ok)
{
    char verdict = ok ? 0 : 1;

    if (ready_fd < 0)
        return;
    if (write(ready_fd, &verdict, 1) != 1)
        log_msg(LOG_WARNING, "cannot tell the starting process that the daemon is ready");
    close(ready_fd);
    if (ok) {
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0) {
            dup2(devnull, STDERR_FILENO);
            if (devnull > STDERR_FILENO)
                close(devnull);
        }
    }
}

/* The section declarations, with the defaults the command line changes
 * for this run (docs/CONFIGURATION.md). */
static int
cimrpcd_config_defaults(const struct daemon_options *opts)
{
    struct config_default_override o[3];
    char record[32], why[512];
    size_t n = 0;

    snprintf(record, sizeof(record), "%u", opts->max_record);
    o[n++] = (struct config_default_override){ "security/authentication", "floor",
                                               levels_authn_name(opts->authn_floor) };
    o[n++] = (struct config_default_override){ "limits", "recordSize", record };
    if (opts->service_account != NULL)
        o[n++] = (struct config_default_override){ "security/impersonation", "serviceAccount",
                                                   opts->service_account };
    if (config_decls_init(o, n, why, sizeof(why)) < 0) {
        log_msg(LOG_ERR, "the configuration sections cannot be loaded: %s", why);
        return -1;
    }
    return 0;
}

int
main(int argc, char **argv)
{
    struct daemon_options opts;
    struct server *srv = NULL;
    int pid_fd = -1, ready_fd = -1;
    int status = EXIT_FAILURE;

    if (cimrpcd_guard_std_fds() < 0)
        return EXIT_FAILURE;
    /* Records and replies of up to a few MiB are allocated and freed per
     * call; keep freed memory in the process instead of giving it back to
     * the kernel and faulting it in again on the next call (the benchmark
     * measured 4x the server CPU per 64 KiB call without this).  An allocator
     * that does not support this (ASan's) just ignores it. */
    (void)mallopt(M_TRIM_THRESHOLD, 64 << 20);
    (void)mallopt(M_MMAP_THRESHOLD, 16 << 20);
    switch (options_parse(argc, argv, &opts)) {
    case OPTIONS_EXIT_OK: return EXIT_SUCCESS;
    case OPTIONS_USAGE: return 2;
    case OPTIONS_RUN: break;
    }
    if (opts.import != NULL) {
        status = import_run(&opts);
        options_free(&opts);
        return status;
    }
    if (log_open(opts.log) < 0)
        goto out;
    if (opts.verbose)
        log_set_verbosity(LOG_DEBUG);
    if (!opts.foreground && cimrpcd_daemonize(&ready_fd) < 0) {
        log_msg(LOG_ERR, "cannot detach from the terminal: %s", strerror(errno));
        goto out;
    }
    if (server_block_signals() < 0) {
        log_msg(LOG_ERR, "cannot set up signal handling: %s", strerror(errno));
        goto out;
    }
    if (opts.pidfile != NULL && (pid_fd = pidfile_create(opts.pidfile)) < 0)
        goto out;
    policy_set_authn_floor(opts.authn_floor);
    if (cimrpcd_config_defaults(&opts) < 0)
        goto out;
    if (opts.admin_group != NULL && access_set_admin_group(opts.admin_group) < 0)
        goto out;
    if (policy_init() < 0 ||
        gss_acceptor_init(opts.keytab, opts.service, opts.keytab_given) < 0)
        goto out;
    srv = server_new(&opts);
    if (srv == NULL)
        goto out;
    log_msg(LOG_NOTICE, "cimrpcd %s started (pid %ld)", PACKAGE_VERSION, (long)getpid());
    cimrpcd_report_ready(ready_fd, true);
    ready_fd = -1;
    if (server_run(srv) == 0)
        status = EXIT_SUCCESS;
    log_msg(LOG_NOTICE, "cimrpcd stopped");

out:
    cimrpcd_report_ready(ready_fd, false);
    server_free(srv);
    gss_acceptor_shutdown();
    if (opts.pidfile != NULL)
        pidfile_remove(opts.pidfile, pid_fd);
    options_free(&opts);
    log_close();
    return status;
}
