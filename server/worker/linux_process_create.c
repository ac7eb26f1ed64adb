/*
 * linux_process_create.c: Linux_Process.Create, a program started as the
 * caller's account, detached, with no shell.
 *
 * The command line is split into words (shell_words.c); a first word
 * without a slash is looked up in the worker's PATH here, so that a
 * missing program is NOT_FOUND and one the account may not execute is
 * ACCESS_DENIED, both naming it.  The program gets the worker's own
 * environment (PATH, LANG, HOME, and KRB5CCNAME at Delegate), starts in
 * CurrentDirectory or else the account's home directory (or "/" when
 * that does not exist, as login does), in a session of its own with
 * /dev/null on its standard streams (worker_exec.c).  Create returns
 * once the program has been executed: its ProcessId is the process that
 * runs it.
 */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/wbem.h"
#include "worker/linux_provider.h"
#include "worker/provider_args.h"
#include "worker/shell_words.h"
#include "worker/worker_exec.h"

#define CREATE_CMDLINE_MAX 65536        /* bytes of CommandLine */

extern char **environ;

/* Look PROG (no slash) up in PATH: the full path into BUF.  0, or -1
 * with the error recorded. */
static int
find_program(struct provider_call *call, const char *prog, char *buf, size_t len)
{
    const char *path = getenv("PATH"), *p;
    int denied = 0;

    if (!path || !*path)
        path = "/usr/bin:/bin";
    for (p = path; *p;) {
        size_t dlen = strcspn(p, ":");
        struct stat st;

        if (dlen > 0 && (size_t)snprintf(buf, len, "%.*s/%s", (int)dlen, p, prog) < len &&
            stat(buf, &st) == 0 && S_ISREG(st.st_mode)) {
            if (access(buf, X_OK) == 0)
                return 0;
            denied = errno;
        }
        p += dlen;
        if (*p == ':')
            p++;
    }
    if (denied)
        return provider_fail_errno(call, denied, NULL, "execute %s", prog);
    return provider_fail(call, WBEM_E_NOT_FOUND, "no program %.256s in PATH (%s)", prog, path);
}

/* The directory to start in: DIR when given, else the home directory,
 * else "/". */
static int
start_dir(struct provider_call *call, const char *dir, const char **out)
{
    const char *home = getenv("HOME");
    struct stat st;

    *out = "/";
    if (dir) {
        if (dir[0] != '/')
            return provider_fail(call, WBEM_E_INVALID_METHOD_PARAMETERS, "CurrentDirectory "
                                 "must be an absolute path, not \"%.256s\"", dir);
        if (stat(dir, &st) < 0)
            return provider_fail_errno(call, errno, NULL, "CurrentDirectory %.256s", dir);
        if (!S_ISDIR(st.st_mode))
            return provider_fail(call, WBEM_E_INVALID_METHOD_PARAMETERS, "CurrentDirectory "
                                 "%.256s is not a directory", dir);
        *out = dir;
        return 0;
    }
    if (home && home[0] == '/' && stat(home, &st) == 0 && S_ISDIR(st.st_mode))
        *out = home;
    return 0;
}

int
linux_process_create(struct provider_call *call, const cim_instance *params)
{
    static const char *const names[] = { "CommandLine", "CurrentDirectory" };
    const char *line, *dir_param, *dir, *prog;
    char why[WORKER_REASON_MAX], found[PATH_MAX];
    struct worker_exec_error err;
    struct cim_build out;
    char **argv = NULL;
    size_t argc;
    pid_t pid;
    int rc = -1;

    if (provider_params_check(call, "Create", params, names, 2) < 0 ||
        provider_param_string(call, "Create", params, "CommandLine", true, CREATE_CMDLINE_MAX,
                              &line) < 0 ||
        provider_param_string(call, "Create", params, "CurrentDirectory", false, PATH_MAX - 1,
                              &dir_param) < 0 ||
        start_dir(call, dir_param, &dir) < 0)
        return -1;
    if (shell_words_split(line, &argv, &argc, why, sizeof(why)) < 0)
        return provider_fail(call, WBEM_E_INVALID_METHOD_PARAMETERS, "%s", why);
    prog = argv[0];
    if (!strchr(prog, '/')) {
        if (find_program(call, prog, found, sizeof(found)) < 0)
            goto cleanup;
        prog = found;
    }
    if (worker_exec_detached(prog, argv, environ, dir, &pid, &err) < 0) {
        if (strcmp(err.step, "chdir") == 0)
            provider_fail_errno(call, err.err, NULL, "chdir %.256s", dir);
        else
            provider_fail_errno(call, err.err, NULL, "%s %.256s", err.step, prog);
        goto cleanup;
    }
    cim_build_init(&out, "__PARAMETERS");
    cim_build_uint(&out, "ProcessId", CIM_TYPE_UINT32, (uint64_t)pid);
    rc = provider_emit_return(call, &out, 0);
cleanup:
    shell_words_free(argv);
    return rc;
}
