/*
 * scale-bench.c: the measuring client of the scale benchmark (driven by
 * tests/bench/run-scale-bench, usable by hand).  Connections go through
 * libcimrpc as an application uses it: cimrpc_connect() sets up the
 * Kerberos context and opens a session, from the default credential
 * cache.
 *
 *   scale-bench ping TARGET LEVEL SIZE CONNS PROCS SECONDS [SERVER-PID]
 *       CONNS connections, spread over PROCS processes with one thread
 *       per connection (libcimrpc's calls block, so a connection needs a
 *       thread to be busy; with PROCS = CONNS every connection has a
 *       process of its own, as separate clients would, and no client
 *       lock or allocator is shared).  Every connection is
 *       set up and warmed (a few PINGs) first; then all start together
 *       and send PINGs of SIZE bytes back to back for SECONDS.  The
 *       latency of every call is kept, and the samples of all connections
 *       are merged.  Prints
 *         result mode=ping level=L size=S conns=C procs=P calls=N
 *                calls_s=R p50_us=.. p99_us=.. p999_us=.. max_us=..
 *                mean_us=.. p99_p50=.. setup_s=.. server_cpus=..
 *       (calls_s: calls ended within the window over its length;
 *       server_cpus: SERVER-PID's user+system CPU time over the window
 *       from /proc, "-" without SERVER-PID).
 *   scale-bench idle TARGET LEVEL CONNS SERVER-PID
 *       SERVER-PID's memory (/proc/PID/status VmRSS, RssAnon), then CONNS
 *       connections opened one after the other (each with its Kerberos
 *       context and session, one PING each), left idle for a second, the
 *       memory again, then closed, and the memory a last time.  Prints
 *         result mode=idle conns=N rss_before_kib=.. anon_before_kib=..
 *                rss_open_kib=.. anon_open_kib=.. rss_closed_kib=..
 *                anon_closed_kib=.. rss_per_conn_kib=..
 *                anon_per_conn_kib=.. connect_ms=..
 *   scale-bench get TARGET LEVEL DB CLASS KEYPROP N ITER
 *       ITER GetObject calls (cimrpc_instance_get of CLASS.KEYPROP=k for
 *       random k in 0..N-1) on one connection, taking turns in blocks of
 *       20 with the references measured in the same run: the raw SQLite
 *       lookup of a row of the same kind in the repository file DB (the
 *       instance table's key index, one prepared statement) and one RPC
 *       round trip (NULL) on the same connection.  Prints
 *         result mode=get level=L n=ITER get_us=M raw_us=M null_us=M ratio=R
 *       with medians, ratio = get / (raw + null).
 *   scale-bench gss ITER KEYTAB SERVICE
 *       One Kerberos GSS context set up in the process ITER times (after
 *       5 untimed): gss_init_sec_context for SERVICE@localhost from the
 *       default ccache (mutual authentication, as libcimrpc asks),
 *       gss_accept_sec_context with an acceptor credential from KEYTAB
 *       (acquired once, as a daemon does), the initiator's second step
 *       on the reply, both contexts deleted.  Prints
 *         result mode=gss n=ITER median_us=M min_us=.. max_us=..
 *   scale-bench spawn ROUNDS -- [NAME=VALUE...] CMD [ARG...] [-- ...]
 *       Runs each command (fork, execvp, waitpid; stdout to /dev/null;
 *       the NAME=VALUE words before it added to its environment, as
 *       env(1) would, without another exec) once untimed, then ROUNDS
 *       times, the commands taking turns.  Any exit status but 0 is an
 *       error.  Prints per command (I from 0)
 *         result mode=spawn cmd=I prog=NAME n=ROUNDS median_us=M min_us=..
 *                max_us=..
 *
 * LEVEL is a DCOM authentication level name (connect ... pktprivacy);
 * the server must allow it and the caller must be allowed to open a
 * session (over TCP: an Administrator).  Timings are CLOCK_MONOTONIC;
 * nothing here asserts one.  Exit status 0, or 1 with a message on stderr
 * (2 for usage).
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <gssapi/gssapi.h>
#include <gssapi/gssapi_ext.h>
#include <gssapi/gssapi_krb5.h>

#include "bench-io.h"
#include "bench-keyed.h"
#include "cimrpc/cimrpc.h"

#define SCALE_WARM_PINGS 5          /* untimed PINGs per connection */
#define SCALE_CONNS_MAX 4096
#define SCALE_PROCS_MAX 1024
#define SCALE_THREAD_STACK (512u * 1024u)
#define SCALE_GSS_WARMUP 5

/* ------------------------------------------------------------ helpers */

static void
scale_sleep(double seconds)
{
    struct timespec ts;

    if (seconds <= 0)
        return;
    ts.tv_sec = (time_t)seconds;
    ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

static int
scale_cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;

    return (x > y) - (x < y);
}

/* The Q-quantile (0..1) of the N sorted samples V (nearest rank). */
static double
scale_quantile(const float *v, size_t n, double q)
{
    size_t i;

    if (n == 0)
        return 0;
    i = (size_t)(q * (double)n + 0.999999);
    if (i == 0)
        i = 1;
    return v[(i > n ? n : i) - 1];
}

/* A whole number argument WHAT from S in MIN..MAX, or exit 2. */
static unsigned long
scale_number(const char *s, const char *what, unsigned long min, unsigned long max)
{
    char *end;
    unsigned long v;

    errno = 0;
    v = strtoul(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || *s == '-' || v < min || v > max) {
        fprintf(stderr, "scale-bench: %s must be a number from %lu to %lu, not '%s'\n", what,
                min, max, s);
        exit(2);
    }
    return v;
}

/* Raise the soft limit on open files to cover WANT descriptors (up to
 * the hard limit).  Returns 0, or -1 when the hard limit is too low. */
static int
scale_raise_nofile(rlim_t want)
{
    struct rlimit rl;

    if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
        return -1;
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < want) {
        rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max >= want ? want : rl.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
            return -1;
    }
    return rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= want ? 0 : -1;
}

/* User + system CPU seconds PID has used, from /proc/PID/stat, or -1. */
static double
scale_proc_cpu(pid_t pid)
{
    char path[64], buf[1024], *p;
    unsigned long utime, stime;
    FILE *f;
    size_t n;

    snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
    if ((f = fopen(path, "r")) == NULL)
        return -1;
    n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    /* The command name may hold spaces: fields count from its ')'. */
    if ((p = strrchr(buf, ')')) == NULL ||
        sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime,
               &stime) != 2)
        return -1;
    return (double)(utime + stime) / (double)sysconf(_SC_CLK_TCK);
}

struct scale_mem {
    long rss_kib, anon_kib;
};

/* PID's VmRSS and RssAnon from /proc/PID/status.  0 or -1. */
static int
scale_proc_mem(pid_t pid, struct scale_mem *mem)
{
    char path[64], line[256];
    FILE *f;

    mem->rss_kib = mem->anon_kib = -1;
    snprintf(path, sizeof(path), "/proc/%ld/status", (long)pid);
    if ((f = fopen(path, "r")) == NULL)
        return -1;
    while (fgets(line, sizeof(line), f) != NULL) {
        sscanf(line, "VmRSS: %ld kB", &mem->rss_kib);
        sscanf(line, "RssAnon: %ld kB", &mem->anon_kib);
    }
    fclose(f);
    return mem->rss_kib < 0 || mem->anon_kib < 0 ? -1 : 0;
}

/* --------------------------------------------------------------- ping */

/* One process's share of the ping run. */
struct scale_proc {
    const char *target, *level;
    size_t size;
    double seconds;
    pthread_barrier_t ready, go;
    double deadline;                /* set by the main thread before go */
    atomic_int failed;
};

struct scale_thread {
    struct scale_proc *proc;
    pthread_t tid;
    cimrpc_conn *conn;
    float *samples;                 /* µs */
    size_t n, cap;
    unsigned long errors;
};

/* What a child process sends its parent after the run, then N floats. */
struct scale_report {
    int ok;
    unsigned long errors;
    size_t n;
};

static int
scale_keep(struct scale_thread *t, double us)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 1024;
        float *s = realloc(t->samples, cap * sizeof(*s));

        if (s == NULL)
            return -1;
        t->samples = s;
        t->cap = cap;
    }
    t->samples[t->n++] = (float)us;
    return 0;
}

static void *
scale_ping_thread(void *arg)
{
    struct scale_thread *t = arg;
    struct scale_proc *p = t->proc;
    unsigned char *payload = malloc(p->size ? p->size : 1);
    cimrpc_error *err = NULL;

    if (payload == NULL || bench_connect("scale-bench", p->target, p->level, &t->conn) != 0)
        atomic_store(&p->failed, 1);
    else {
        for (size_t i = 0; i < p->size; i++)
            payload[i] = (unsigned char)(i * 131u + 7u);
        for (int i = 0; i < SCALE_WARM_PINGS; i++)
            if (cimrpc_ping(t->conn, payload, p->size, &err) < 0) {
                bench_fail("scale-bench", "warm-up PING", err);
                err = NULL;
                atomic_store(&p->failed, 1);
                break;
            }
    }
    pthread_barrier_wait(&p->ready);
    pthread_barrier_wait(&p->go);
    if (!atomic_load(&p->failed)) {
        for (;;) {
            double t0 = bench_now(), t1;

            if (t0 >= p->deadline)
                break;
            if (cimrpc_ping(t->conn, payload, p->size, &err) < 0) {
                if (t->errors++ == 0)
                    bench_fail("scale-bench", "PING", err);
                else
                    cimrpc_error_free(err);
                err = NULL;
                break;
            }
            t1 = bench_now();
            if (t1 <= p->deadline && scale_keep(t, (t1 - t0) * 1e6) < 0) {
                t->errors++;
                break;
            }
        }
    }
    free(payload);
    return NULL;
}

/* A child's whole life: NTHREADS connections, the run, the report on
 * DATA_FD.  Never returns. */
static void __attribute__((noreturn))
scale_ping_child(struct scale_proc *p, size_t nthreads, int ready_fd, int go_fd, int data_fd)
{
    struct scale_thread *threads = calloc(nthreads, sizeof(*threads));
    struct scale_report rep = { 0 };
    pthread_attr_t attr;
    size_t started = 0;
    char c;

    if (threads == NULL || pthread_barrier_init(&p->ready, NULL, (unsigned)nthreads + 1) != 0 ||
        pthread_barrier_init(&p->go, NULL, (unsigned)nthreads + 1) != 0 ||
        pthread_attr_init(&attr) != 0 ||
        pthread_attr_setstacksize(&attr, SCALE_THREAD_STACK) != 0) {
        c = 'f';
        (void)bench_io_write_all(ready_fd, &c, 1);
        _exit(1);
    }
    for (; started < nthreads; started++) {
        threads[started].proc = p;
        if (pthread_create(&threads[started].tid, &attr, scale_ping_thread,
                           &threads[started]) != 0) {
            fprintf(stderr, "scale-bench: cannot start thread %zu: %s\n", started,
                    strerror(errno));
            c = 'f';
            (void)bench_io_write_all(ready_fd, &c, 1);
            _exit(1);
        }
    }
    pthread_barrier_wait(&p->ready);
    c = atomic_load(&p->failed) ? 'f' : 'r';
    if (bench_io_write_all(ready_fd, &c, 1) < 0)
        atomic_store(&p->failed, 1);
    close(ready_fd);
    /* The parent closes its end of the go pipe to start everyone. */
    while (read(go_fd, &c, 1) < 0 && errno == EINTR)
        ;
    p->deadline = bench_now() + p->seconds;
    pthread_barrier_wait(&p->go);
    for (size_t i = 0; i < nthreads; i++) {
        pthread_join(threads[i].tid, NULL);
        rep.n += threads[i].n;
        rep.errors += threads[i].errors;
    }
    rep.ok = !atomic_load(&p->failed) && rep.errors == 0;
    if (bench_io_write_all(data_fd, &rep, sizeof(rep)) < 0)
        _exit(1);
    for (size_t i = 0; i < nthreads; i++)
        if (bench_io_write_all(data_fd, threads[i].samples, threads[i].n * sizeof(float)) < 0)
            _exit(1);
    close(data_fd);
    for (size_t i = 0; i < nthreads; i++) {
        cimrpc_conn_close(threads[i].conn);
        free(threads[i].samples);
    }
    free(threads);
    _exit(rep.ok ? 0 : 1);
}

static int
scale_ping(char **argv, int argc)
{
    struct scale_proc proc = { .target = argv[2], .level = argv[3] };
    unsigned long conns, procs;
    pid_t server = 0, pids[SCALE_PROCS_MAX] = { 0 };
    int data_fds[SCALE_PROCS_MAX], ready[2], go[2];
    double t_start, t_ready, t_go, cpu0 = -1, cpu1 = -1;
    unsigned long errors = 0;
    float *all = NULL;
    size_t n_all = 0;
    int rc = 1;

    proc.size = scale_number(argv[4], "SIZE", 0, 1024 * 1024);
    conns = scale_number(argv[5], "CONNS", 1, SCALE_CONNS_MAX);
    procs = scale_number(argv[6], "PROCS", 1, SCALE_PROCS_MAX);
    proc.seconds = (double)scale_number(argv[7], "SECONDS", 1, 3600);
    if (argc == 9)
        server = (pid_t)scale_number(argv[8], "SERVER-PID", 1, 1u << 22);
    if (procs > conns)
        procs = conns;
    for (unsigned long i = 0; i < procs; i++)
        data_fds[i] = -1;
    /* Each process: its connections, a few descriptors of its own. */
    if (scale_raise_nofile((rlim_t)(conns / procs + 1 + 64 + 2 * procs)) < 0) {
        fprintf(stderr, "scale-bench: cannot raise the open files limit for %lu connections\n",
                conns);
        return 1;
    }
    if (pipe(ready) < 0 || pipe(go) < 0) {
        perror("scale-bench: pipe");
        return 1;
    }
    fflush(NULL);
    t_start = bench_now();
    for (unsigned long i = 0; i < procs; i++) {
        size_t share = conns / procs + (i < conns % procs ? 1 : 0);
        int data[2];

        if (pipe(data) < 0) {
            perror("scale-bench: pipe");
            goto out;
        }
        pids[i] = fork();
        if (pids[i] < 0) {
            perror("scale-bench: fork");
            close(data[0]);
            close(data[1]);
            goto out;
        }
        if (pids[i] == 0) {
            close(ready[0]);
            close(go[1]);
            close(data[0]);
            for (unsigned long j = 0; j < i; j++)
                close(data_fds[j]);
            scale_ping_child(&proc, share, ready[1], go[0], data[1]);
        }
        close(data[1]);
        data_fds[i] = data[0];
    }
    close(ready[1]);
    ready[1] = -1;
    close(go[0]);
    go[0] = -1;
    for (unsigned long i = 0; i < procs; i++) {
        char c;

        if (bench_io_read_all(ready[0], &c, 1) < 0 || c != 'r') {
            fprintf(stderr, "scale-bench: a client process could not set up its connections\n");
            goto out;
        }
    }
    t_ready = bench_now();
    if (server > 0)
        cpu0 = scale_proc_cpu(server);
    t_go = bench_now();
    close(go[1]);
    go[1] = -1;
    scale_sleep(t_go + proc.seconds - bench_now());
    if (server > 0)
        cpu1 = scale_proc_cpu(server);
    for (unsigned long i = 0; i < procs; i++) {
        struct scale_report rep;
        float *grown;

        if (bench_io_read_all(data_fds[i], &rep, sizeof(rep)) < 0) {
            fprintf(stderr, "scale-bench: client process %lu ended without a report\n", i);
            goto out;
        }
        errors += rep.errors;
        if (!rep.ok) {
            fprintf(stderr, "scale-bench: client process %lu failed\n", i);
            goto out;
        }
        if ((grown = realloc(all, (n_all + rep.n + 1) * sizeof(float))) == NULL)
            goto out;
        all = grown;
        if (bench_io_read_all(data_fds[i], all + n_all, rep.n * sizeof(float)) < 0)
            goto out;
        n_all += rep.n;
    }
    if (n_all == 0) {
        fprintf(stderr, "scale-bench: no call completed\n");
        goto out;
    }
    qsort(all, n_all, sizeof(float), scale_cmp_float);
    {
        double sum = 0, p50, p99;
        char cpus[32] = "-";

        for (size_t i = 0; i < n_all; i++)
            sum += all[i];
        p50 = scale_quantile(all, n_all, 0.50);
        p99 = scale_quantile(all, n_all, 0.99);
        if (cpu0 >= 0 && cpu1 >= 0)
            snprintf(cpus, sizeof(cpus), "%.2f", (cpu1 - cpu0) / proc.seconds);
        printf("result mode=ping level=%s size=%zu conns=%lu procs=%lu calls=%zu calls_s=%.0f "
               "p50_us=%.1f p99_us=%.1f p999_us=%.1f max_us=%.1f mean_us=%.1f p99_p50=%.2f "
               "setup_s=%.2f server_cpus=%s\n",
               proc.level, proc.size, conns, procs, n_all, (double)n_all / proc.seconds, p50, p99,
               scale_quantile(all, n_all, 0.999), (double)all[n_all - 1],
               sum / (double)n_all, p99 / p50, t_ready - t_start, cpus);
    }
    rc = 0;
out:
    if (ready[1] >= 0)
        close(ready[1]);
    if (go[1] >= 0)
        close(go[1]);
    close(ready[0]);
    for (unsigned long i = 0; i < procs; i++) {
        if (pids[i] <= 0)
            continue;
        if (rc != 0)
            kill(pids[i], SIGTERM);
        if (data_fds[i] >= 0)
            close(data_fds[i]);
        waitpid(pids[i], NULL, 0);
    }
    free(all);
    return rc;
}

/* --------------------------------------------------------------- idle */

static int
scale_idle(char **argv)
{
    const char *target = argv[2], *level = argv[3];
    unsigned long conns = scale_number(argv[4], "CONNS", 1, SCALE_CONNS_MAX);
    pid_t server = (pid_t)scale_number(argv[5], "SERVER-PID", 1, 1u << 22);
    cimrpc_conn **c = calloc(conns, sizeof(*c));
    double *connect_s = calloc(conns, sizeof(double));
    struct scale_mem before, opened, closed;
    unsigned char payload[64] = { 0 };
    int rc = 1;

    if (c == NULL || connect_s == NULL)
        goto out;
    if (scale_raise_nofile((rlim_t)conns + 64) < 0) {
        fprintf(stderr, "scale-bench: cannot raise the open files limit for %lu connections\n",
                conns);
        goto out;
    }
    if (scale_proc_mem(server, &before) < 0) {
        fprintf(stderr, "scale-bench: cannot read the memory of process %ld\n", (long)server);
        goto out;
    }
    for (unsigned long i = 0; i < conns; i++) {
        cimrpc_error *err = NULL;
        double t0 = bench_now();

        if ((rc = bench_connect("scale-bench", target, level, &c[i])) != 0)
            goto out;
        rc = 1;
        connect_s[i] = bench_now() - t0;
        if (cimrpc_ping(c[i], payload, sizeof(payload), &err) < 0) {
            rc = bench_fail("scale-bench", "PING", err);
            goto out;
        }
    }
    scale_sleep(1.0);
    if (scale_proc_mem(server, &opened) < 0)
        goto out;
    for (unsigned long i = 0; i < conns; i++) {
        cimrpc_conn_close(c[i]);
        c[i] = NULL;
    }
    scale_sleep(1.0);
    if (scale_proc_mem(server, &closed) < 0)
        goto out;
    printf("result mode=idle level=%s conns=%lu rss_before_kib=%ld anon_before_kib=%ld "
           "rss_open_kib=%ld anon_open_kib=%ld rss_closed_kib=%ld anon_closed_kib=%ld "
           "rss_per_conn_kib=%.1f anon_per_conn_kib=%.1f connect_ms=%.2f\n",
           level, conns, before.rss_kib, before.anon_kib, opened.rss_kib, opened.anon_kib,
           closed.rss_kib, closed.anon_kib,
           (double)(opened.rss_kib - before.rss_kib) / (double)conns,
           (double)(opened.anon_kib - before.anon_kib) / (double)conns,
           bench_median(connect_s, conns) * 1e3);
    rc = 0;
out:
    if (c != NULL)
        for (unsigned long i = 0; i < conns; i++)
            cimrpc_conn_close(c[i]);
    free(c);
    free(connect_s);
    return rc;
}

/* ---------------------------------------------------------------- get */

/* bench_keyed_op: GetObject (INSTANCE_GET) by key. */
static int
scale_get_one(cimrpc_conn *conn, const char *cls, const char *keyprop, unsigned long k,
              cimrpc_error **err)
{
    cimrpc_instance *inst = NULL;
    char path[256];

    snprintf(path, sizeof(path), "%s.%s=%lu", cls, keyprop, k);
    if (cimrpc_instance_get(conn, path, NULL, &inst, err) < 0)
        return -1;
    cimrpc_instance_free(inst);
    return 0;
}

static int
scale_get(char **argv)
{
    unsigned long n = scale_number(argv[7], "N", 1, 1ul << 32);
    unsigned long iter = scale_number(argv[8], "ITER", 1, 10000000);

    return bench_keyed("scale-bench", "get", scale_get_one, argv[2], argv[3], argv[4], argv[5],
                       argv[6], n, iter);
}

/* ---------------------------------------------------------------- gss */

static int
scale_gss_fail(const char *what, OM_uint32 major, OM_uint32 minor)
{
    OM_uint32 codes[2] = { major, minor }, min2;
    int types[2] = { GSS_C_GSS_CODE, GSS_C_MECH_CODE };

    fprintf(stderr, "scale-bench: %s", what);
    for (int i = 0; i < 2; i++) {
        OM_uint32 ctx = 0;
        gss_buffer_desc text;

        do {
            if (gss_display_status(&min2, codes[i], types[i], GSS_C_NO_OID, &ctx, &text) !=
                GSS_S_COMPLETE)
                break;
            fprintf(stderr, ": %.*s", (int)text.length, (char *)text.value);
            gss_release_buffer(&min2, &text);
        } while (ctx != 0);
    }
    fputc('\n', stderr);
    return 1;
}

/* One context set up between the default ccache and ACRED for NAME.
 * 0 or 1 (reported). */
static int
scale_gss_once(gss_cred_id_t acred, const char *name)
{
    gss_buffer_desc namebuf = { .value = (void *)name, .length = strlen(name) };
    gss_buffer_desc out = GSS_C_EMPTY_BUFFER, back = GSS_C_EMPTY_BUFFER;
    gss_ctx_id_t init = GSS_C_NO_CONTEXT, accept = GSS_C_NO_CONTEXT;
    OM_uint32 major, amajor = GSS_S_CONTINUE_NEEDED, minor;
    gss_name_t target = GSS_C_NO_NAME;
    int rc = 1;

    major = gss_import_name(&minor, &namebuf, GSS_C_NT_HOSTBASED_SERVICE, &target);
    if (major != GSS_S_COMPLETE) {
        scale_gss_fail("gss_import_name", major, minor);
        goto out;
    }
    for (int round = 0; round < 4; round++) {
        major = gss_init_sec_context(&minor, GSS_C_NO_CREDENTIAL, &init, target,
                                     (gss_OID)gss_mech_krb5, GSS_C_MUTUAL_FLAG, 0,
                                     GSS_C_NO_CHANNEL_BINDINGS, &back, NULL, &out, NULL, NULL);
        gss_release_buffer(&minor, &back);
        if (GSS_ERROR(major)) {
            scale_gss_fail("gss_init_sec_context (no ticket? kinit first)", major, minor);
            goto out;
        }
        if (out.length > 0) {
            amajor = gss_accept_sec_context(&minor, &accept, acred, &out,
                                            GSS_C_NO_CHANNEL_BINDINGS, NULL, NULL, &back, NULL,
                                            NULL, NULL);
            gss_release_buffer(&minor, &out);
            if (GSS_ERROR(amajor)) {
                scale_gss_fail("gss_accept_sec_context", amajor, minor);
                goto out;
            }
        }
        if (major == GSS_S_COMPLETE && amajor == GSS_S_COMPLETE) {
            rc = 0;
            break;
        }
    }
    if (rc != 0)
        fprintf(stderr, "scale-bench: the GSS context did not complete\n");
out:
    gss_release_buffer(&minor, &back);
    gss_release_buffer(&minor, &out);
    gss_delete_sec_context(&minor, &init, GSS_C_NO_BUFFER);
    gss_delete_sec_context(&minor, &accept, GSS_C_NO_BUFFER);
    gss_release_name(&minor, &target);
    return rc;
}

static int
scale_gss(char **argv)
{
    unsigned long iter = scale_number(argv[2], "ITER", 1, 1000000);
    gss_key_value_element_desc kv = { .key = "keytab", .value = argv[3] };
    gss_key_value_set_desc store = { .count = 1, .elements = &kv };
    gss_cred_id_t acred = GSS_C_NO_CREDENTIAL;
    double *t = calloc(iter, sizeof(double));
    char name[256];
    OM_uint32 major, minor;
    int rc = 1;

    snprintf(name, sizeof(name), "%s@localhost", argv[4]);
    if (t == NULL)
        goto out;
    major = gss_acquire_cred_from(&minor, GSS_C_NO_NAME, GSS_C_INDEFINITE, GSS_C_NO_OID_SET,
                                  GSS_C_ACCEPT, &store, &acred, NULL, NULL);
    if (major != GSS_S_COMPLETE) {
        scale_gss_fail("gss_acquire_cred_from (the service keytab)", major, minor);
        goto out;
    }
    for (int i = 0; i < SCALE_GSS_WARMUP; i++)
        if (scale_gss_once(acred, name) != 0)
            goto out;
    for (unsigned long i = 0; i < iter; i++) {
        double t0 = bench_now();

        if (scale_gss_once(acred, name) != 0)
            goto out;
        t[i] = bench_now() - t0;
    }
    {
        double med = bench_median(t, iter);

        printf("result mode=gss service=%s n=%lu median_us=%.1f min_us=%.1f max_us=%.1f\n",
               name, iter, med * 1e6, t[0] * 1e6, t[iter - 1] * 1e6);
    }
    rc = 0;
out:
    gss_release_cred(&minor, &acred);
    free(t);
    return rc;
}

/* -------------------------------------------------------------- spawn */

/* Run ARGV (NULL-terminated; leading NAME=VALUE words go to its
 * environment) to its end with stdout on /dev/null.  Returns its wall
 * time in seconds, or -1 (reported). */
static double
scale_spawn_once(char **argv)
{
    double t0 = bench_now();
    int status;
    pid_t pid = fork();

    if (pid < 0) {
        perror("scale-bench: fork");
        return -1;
    }
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);

        if (null < 0 || dup2(null, STDOUT_FILENO) < 0)
            _exit(126);
        close(null);
        while (argv[0] != NULL && argv[0][0] != '/' && strchr(argv[0], '=') != NULL)
            if (putenv(*argv++) != 0)
                _exit(126);
        if (argv[0] == NULL)
            _exit(127);
        execvp(argv[0], argv);
        fprintf(stderr, "scale-bench: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) {
            perror("scale-bench: waitpid");
            return -1;
        }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "scale-bench: %s ended with status %d\n", argv[0],
                WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
        return -1;
    }
    return bench_now() - t0;
}

static int
scale_spawn(char **argv, int argc)
{
    unsigned long rounds = scale_number(argv[2], "ROUNDS", 1, 100000);
    char **cmds[64];
    double *t[64] = { 0 };
    size_t n_cmds = 0;
    int rc = 1;

    /* Split argv[3..] at each "--" (the separators become NULLs). */
    for (int i = 3; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            argv[i] = NULL;
            if (i + 1 < argc && strcmp(argv[i + 1], "--") != 0) {
                if (n_cmds == 64) {
                    fprintf(stderr, "scale-bench: at most 64 commands\n");
                    return 2;
                }
                cmds[n_cmds++] = &argv[i + 1];
            }
        }
    }
    if (n_cmds == 0) {
        fprintf(stderr, "scale-bench: spawn needs commands after --\n");
        return 2;
    }
    for (size_t c = 0; c < n_cmds; c++)
        if ((t[c] = calloc(rounds, sizeof(double))) == NULL || scale_spawn_once(cmds[c]) < 0)
            goto out;
    for (unsigned long r = 0; r < rounds; r++)
        for (size_t c = 0; c < n_cmds; c++)
            if ((t[c][r] = scale_spawn_once(cmds[c])) < 0)
                goto out;
    for (size_t c = 0; c < n_cmds; c++) {
        char **words = cmds[c];
        const char *prog;

        while (words[0][0] != '/' && strchr(words[0], '=') != NULL && words[1] != NULL)
            words++;
        prog = strrchr(words[0], '/');
        double med = bench_median(t[c], rounds);

        printf("result mode=spawn cmd=%zu prog=%s n=%lu median_us=%.0f min_us=%.0f "
               "max_us=%.0f\n", c, prog ? prog + 1 : words[0], rounds, med * 1e6,
               t[c][0] * 1e6, t[c][rounds - 1] * 1e6);
    }
    rc = 0;
out:
    for (size_t c = 0; c < n_cmds; c++)
        free(t[c]);
    return rc;
}

int
main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN);
    if ((argc == 8 || argc == 9) && strcmp(argv[1], "ping") == 0)
        return scale_ping(argv, argc);
    if (argc == 6 && strcmp(argv[1], "idle") == 0)
        return scale_idle(argv);
    if (argc == 9 && strcmp(argv[1], "get") == 0)
        return scale_get(argv);
    if (argc == 5 && strcmp(argv[1], "gss") == 0)
        return scale_gss(argv);
    if (argc >= 5 && strcmp(argv[1], "spawn") == 0)
        return scale_spawn(argv, argc);
    fprintf(stderr,
            "usage: scale-bench ping TARGET LEVEL SIZE CONNS PROCS SECONDS [SERVER-PID]\n"
            "       scale-bench idle TARGET LEVEL CONNS SERVER-PID\n"
            "       scale-bench get TARGET LEVEL DB CLASS KEYPROP N ITER\n"
            "       scale-bench gss ITER KEYTAB SERVICE\n"
            "       scale-bench spawn ROUNDS -- CMD [ARG...] [-- CMD [ARG...]...]\n");
    return 2;
}
