/*
 * fanout.c: `cimrpc -H @FILE COMMAND ...`: one command on many hosts.
 *
 * FILE lists the targets, one a line, as -H takes them; '#' starts a
 * comment, blank lines are ignored.  Every line is checked before
 * anything is sent.  At most FANOUT_THREADS hosts are worked on at once,
 * each in its own thread with its own connection (libcimrpc connections
 * are independent).  A host's results go to a temporary file, so memory
 * stays bounded; they are printed in the order of FILE as soon as the
 * hosts before have been printed, labelled by host:
 *
 *   table  a "== HOST ==" line, then the host's tables (or its error)
 *   json   one array of {"host": H, "result": R} or
 *          {"host": H, "error": {"code": WBEM code or null, "status": exit
 *          status, "message": M}}
 *   csv    a leading Host column (the header row printed once)
 *   value  "HOST: value" lines
 *   mof    a "// == HOST ==" comment before the host's declarations
 *
 * Failures are summed up on stderr at the end.  Exit status: 0 when every
 * host succeeded, the common status when all failed the same way, else 6.
 */
#include <config.h>

#include <errno.h>
#include <json.h>
#include <pthread.h>
#include <rpc/rpc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define FANOUT_THREADS 16       /* hosts worked on at once, at most */
#define FANOUT_HOSTS_MAX 100000 /* lines naming a host */
#define FANOUT_LINE_MAX 1024    /* bytes in one line of the file */

struct fan_host {
    char *target;
    unsigned long line;
    cimrpc_options *opts;
    FILE *out;                  /* the results, or NULL */
    struct cli_ctx ctx;         /* status, code and message of its failure */
    bool done;
};

struct fanout {
    const struct cli_globals *g;
    const struct cli_command *cmd;
    const cli_req *req;
    struct fan_host *hosts;
    size_t n;
    size_t next;                /* the next host to work on */
    pthread_mutex_t mu;
    pthread_cond_t cv;
};

static void
fanout_free_hosts(struct fanout *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->hosts[i].target);
        cimrpc_options_free(f->hosts[i].opts);
        if (f->hosts[i].out != NULL)
            fclose(f->hosts[i].out);
        free(f->hosts[i].ctx.message);
    }
    free(f->hosts);
}

/* Add the target of LINE (its number LINENO in FILE), trimmed and without
 * its comment, unless it is blank.  Returns 0 or the exit status after
 * printing the error. */
static int
fanout_add_line(struct fanout *f, const char *file, unsigned long lineno, char *line)
{
    char *hash = strchr(line, '#'), *end;
    cimrpc_error *err = NULL;
    struct fan_host *hosts, *h;

    if (hash != NULL)
        *hash = '\0';
    while (*line == ' ' || *line == '\t')
        line++;
    end = line + strlen(line);
    while (end > line && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' ||
                          end[-1] == '\n'))
        *--end = '\0';
    if (*line == '\0')
        return 0;
    if (strchr(line, ' ') != NULL || strchr(line, '\t') != NULL)
        return cli_usage("%s:%lu: one host a line, not '%s'", file, lineno, line);
    if (line[0] == '@')
        return cli_usage("%s:%lu: a host file cannot name another one ('%s')", file, lineno,
                         line);
    if (f->n >= FANOUT_HOSTS_MAX)
        return cli_usage("%s: at most %d hosts in one file", file, FANOUT_HOSTS_MAX);
    if ((hosts = realloc(f->hosts, (f->n + 1) * sizeof(*hosts))) == NULL)
        goto nomem;
    f->hosts = hosts;
    h = &hosts[f->n];
    memset(h, 0, sizeof(*h));
    if ((h->target = strdup(line)) == NULL)
        goto nomem;
    h->line = lineno;
    f->n++;
    if (cli_options_build(f->g, h->target, &h->opts, &err) < 0) {
        if (err == NULL)
            goto nomem;
        cli_usage("%s:%lu: %s", file, lineno, cimrpc_error_message(err));
        cimrpc_error_free(err);
        return CLI_EXIT_USAGE;
    }
    return 0;
nomem:
    fprintf(stderr, "cimrpc: out of memory\n");
    return CLI_EXIT_FAILURE;
}

/* Read the hosts of FILE into F.  Returns 0 or the exit status after
 * printing the error. */
static int
fanout_read(struct fanout *f, const char *file)
{
    FILE *in = strcmp(file, "-") == 0 ? stdin : fopen(file, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    unsigned long lineno = 0;
    int status = 0;

    if (in == NULL)
        return cli_usage("cannot read the host list %s: %s (-H @FILE names a file of hosts, "
                         "one a line)", file, strerror(errno));
    while (status == 0 && (len = getline(&line, &cap, in)) >= 0) {
        lineno++;
        if (len > FANOUT_LINE_MAX)
            status = cli_usage("%s:%lu: the line is longer than %d bytes", file, lineno,
                               FANOUT_LINE_MAX);
        else if (memchr(line, '\0', (size_t)len) != NULL)
            status = cli_usage("%s:%lu: the line holds a NUL byte: is it a text file?", file,
                               lineno);
        else
            status = fanout_add_line(f, file, lineno, line);
    }
    if (status == 0 && ferror(in))
        status = cli_usage("cannot read the host list %s: %s", file, strerror(errno));
    free(line);
    if (in != stdin)
        fclose(in);
    if (status == 0 && f->n == 0)
        status = cli_usage("%s lists no hosts: write one host a line (HOST[:PORT] or "
                           "unix:PATH)", file);
    return status;
}

/* Run the command on host H. */
static void
fanout_one(struct fanout *f, struct fan_host *h)
{
    h->ctx.g = f->g;
    h->ctx.opts = h->opts;
    h->ctx.host = h->target;
    h->ctx.keep_errors = true;
    if ((h->out = tmpfile()) == NULL) {
        cli_fail(&h->ctx, CLI_EXIT_FAILURE, "cannot make a temporary file for the results: %s",
                 strerror(errno));
        return;
    }
    h->ctx.out = h->out;
    if (cli_command_run(&h->ctx, f->cmd, f->req) != CLI_EXIT_OK && h->ctx.status == CLI_EXIT_OK)
        cli_fail(&h->ctx, CLI_EXIT_FAILURE, "%s failed", f->cmd->name);
    if (fflush(h->out) != 0 && h->ctx.status == CLI_EXIT_OK)
        cli_fail(&h->ctx, CLI_EXIT_FAILURE, "cannot write the results: %s", strerror(errno));
}

static void *
fanout_worker(void *arg)
{
    struct fanout *f = arg;

    for (;;) {
        size_t i;
        pthread_mutex_lock(&f->mu);
        i = f->next++;
        pthread_mutex_unlock(&f->mu);
        if (i >= f->n)
            return NULL;
        fanout_one(f, &f->hosts[i]);
        pthread_mutex_lock(&f->mu);
        f->hosts[i].done = true;
        pthread_cond_broadcast(&f->cv);
        pthread_mutex_unlock(&f->mu);
    }
}

/* Copy what remains of IN to stdout. */
static void
fanout_copy(FILE *in)
{
    char buf[65536];
    size_t n;

    while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
        fwrite(buf, 1, n, stdout);
}

/* Print S as a JSON string. */
static void
fanout_json_string(const char *s)
{
    struct json_object *js = json_object_new_string(s);

    fputs(js ? json_object_to_json_string_ext(js, JSON_C_TO_STRING_NOSLASHESCAPE) : "null",
          stdout);
    json_object_put(js);
}

/* Free a CSV record's N fields. */
static void
fanout_csv_free(char **fields, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(fields[i]);
    free(fields);
}

/* Read one CSV record (RFC 4180, CRLF line ends) from IN.  Returns 1 with
 * *fields_out and *n_out (the caller's), 0 at the end, -1 on ENOMEM. */
static int
fanout_csv_read(FILE *in, char ***fields_out, size_t *n_out)
{
    char **fields = NULL, *cell = NULL, **grown;
    size_t n = 0, len = 0, cap = 0;
    bool quoted = false, done = false;
    int c = fgetc(in);

    if (c == EOF)
        return 0;
    while (!done) {
        bool end_field = false;
        if (c == EOF) {
            done = end_field = true;
        } else if (quoted) {
            if (c == '"') {
                c = fgetc(in);
                if (c != '"') {
                    quoted = false;
                    continue;           /* look at C again, outside the quotes */
                }
            }
        } else if (c == '"') {
            quoted = true;
            c = fgetc(in);
            continue;
        } else if (c == ',') {
            end_field = true;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && (c = fgetc(in)) != '\n' && c != EOF)
                ungetc(c, in);
            done = end_field = true;
        }
        if (!end_field) {
            if (len + 2 > cap) {
                char *bigger = realloc(cell, cap = cap ? cap * 2 : 64);
                if (bigger == NULL)
                    goto nomem;
                cell = bigger;
            }
            cell[len++] = (char)c;
            c = fgetc(in);
            continue;
        }
        if ((grown = realloc(fields, (n + 1) * sizeof(*fields))) == NULL)
            goto nomem;
        fields = grown;
        if ((fields[n] = strndup(cell ? cell : "", len)) == NULL)
            goto nomem;
        n++;
        len = 0;
        if (!done)
            c = fgetc(in);
    }
    free(cell);
    *fields_out = fields;
    *n_out = n;
    return 1;
nomem:
    free(cell);
    fanout_csv_free(fields, n);
    return -1;
}

/* Copy the CSV rows left in IN, whose header is THEIRS (N_THEIRS
 * columns), under the header OURS (N_OURS), matching columns by name:
 * missing ones are empty, extra ones are left out (with a warning). */
static void
fanout_csv_realign(FILE *in, char **theirs, size_t n_theirs, char **ours, size_t n_ours,
                   const char *host)
{
    size_t *map = calloc(n_ours ? n_ours : 1, sizeof(*map)), matched = 0;
    char **row;
    size_t n_row;

    if (map == NULL)
        return;
    for (size_t o = 0; o < n_ours; o++) {
        map[o] = SIZE_MAX;
        for (size_t t = 0; t < n_theirs; t++) {
            if (strcmp(ours[o], theirs[t]) == 0) {
                map[o] = t;
                matched++;
                break;
            }
        }
    }
    if (matched < n_theirs)
        fprintf(stderr, "cimrpc: %s: warning: CSV has the columns of the first host; this "
                "host's other columns are left out\n", host);
    while (fanout_csv_read(in, &row, &n_row) == 1) {
        for (size_t o = 0; o < n_ours; o++) {
            if (o > 0)
                fputc(',', stdout);
            if (map[o] != SIZE_MAX && map[o] < n_row)
                output_csv_cell(stdout, row[map[o]]);
        }
        fputs("\r\n", stdout);
        fanout_csv_free(row, n_row);
    }
    free(map);
}

/* Is anything written to IN (rewound)? */
static bool
fanout_has_output(FILE *in)
{
    int c;

    if (in == NULL)
        return false;
    rewind(in);
    c = fgetc(in);
    rewind(in);
    return c != EOF;
}

/* Print host H's results (or error), the INDEX-th; *HEADER (*N_HEADER
 * fields) keeps the CSV header printed first (the caller frees it). */
static void
fanout_emit(const struct fanout *f, const struct fan_host *h, size_t index, char ***header,
            size_t *n_header)
{
    bool failed = h->ctx.status != CLI_EXIT_OK;
    const char *message = h->ctx.message ? h->ctx.message : "failed";

    switch (f->g->format) {
    case OUTPUT_TABLE:
        printf("%s== %s ==\n", index > 0 ? "\n" : "", h->target);
        if (fanout_has_output(h->out))
            fanout_copy(h->out);
        if (failed)
            printf("error: %s\n", message);
        break;
    case OUTPUT_JSON:
        fputs(index > 0 ? ",\n" : "", stdout);
        fputs("{\"host\": ", stdout);
        fanout_json_string(h->target);
        if (failed) {
            fputs(", \"error\": {\"code\": ", stdout);
            if (h->ctx.code != 0)
                printf("%lu", (unsigned long)h->ctx.code);
            else
                fputs("null", stdout);
            printf(", \"status\": %d, \"message\": ", h->ctx.status);
            fanout_json_string(message);
            fputs("}}", stdout);
        } else {
            fputs(", \"result\": ", stdout);
            if (fanout_has_output(h->out)) {
                /* The result's text, without its final newline. */
                char buf[65536];
                bool nl = false;
                size_t n;
                while ((n = fread(buf, 1, sizeof(buf), h->out)) > 0) {
                    if (nl)
                        fputc('\n', stdout);
                    nl = buf[n - 1] == '\n';
                    fwrite(buf, 1, nl ? n - 1 : n, stdout);
                }
            } else {
                fputs("null", stdout);
            }
            fputc('}', stdout);
        }
        break;
    case OUTPUT_CSV:
        if (fanout_has_output(h->out)) {
            char **theirs = NULL;
            size_t n_theirs = 0;
            bool same;
            if (fanout_csv_read(h->out, &theirs, &n_theirs) != 1)
                break;
            if (*header == NULL) {                  /* the first host's header is the one */
                for (size_t i = 0; i < n_theirs; i++) {
                    if (i > 0)
                        fputc(',', stdout);
                    output_csv_cell(stdout, theirs[i]);
                }
                fputs("\r\n", stdout);
                *header = theirs;
                *n_header = n_theirs;
                fanout_copy(h->out);
                break;
            }
            same = n_theirs == *n_header;
            for (size_t i = 0; same && i < n_theirs; i++)
                same = strcmp(theirs[i], (*header)[i]) == 0;
            if (same)
                fanout_copy(h->out);
            else
                fanout_csv_realign(h->out, theirs, n_theirs, *header, *n_header, h->target);
            fanout_csv_free(theirs, n_theirs);
        }
        break;
    case OUTPUT_VALUE:
        if (fanout_has_output(h->out))
            fanout_copy(h->out);
        break;
    case OUTPUT_MOF:
        printf("%s// == %s ==\n", index > 0 ? "\n" : "", h->target);
        if (fanout_has_output(h->out))
            fanout_copy(h->out);
        if (failed) {
            fputs("// error: ", stdout);
            for (const char *p = message; *p; p++)
                fputc(*p == '\n' || *p == '\r' ? ' ' : *p, stdout);
            fputc('\n', stdout);
        }
        break;
    }
    fflush(stdout);
}

/* The exit status of the whole run, after the summary on stderr. */
static int
fanout_summary(const struct fanout *f)
{
    size_t failed = 0;
    int common = CLI_EXIT_OK;

    for (size_t i = 0; i < f->n; i++) {
        const struct fan_host *h = &f->hosts[i];
        if (h->ctx.status == CLI_EXIT_OK)
            continue;
        if (failed == 0)
            common = h->ctx.status;
        else if (common != h->ctx.status)
            common = CLI_EXIT_PARTIAL;
        failed++;
    }
    if (failed == 0)
        return CLI_EXIT_OK;
    fprintf(stderr, "cimrpc: %zu of %zu host%s failed:\n", failed, f->n, f->n == 1 ? "" : "s");
    for (size_t i = 0; i < f->n; i++) {
        const struct fan_host *h = &f->hosts[i];
        if (h->ctx.status != CLI_EXIT_OK)
            fprintf(stderr, "cimrpc:   %s: %s (exit %d)\n", h->target,
                    h->ctx.message ? h->ctx.message : "failed", h->ctx.status);
    }
    return failed == f->n ? common : CLI_EXIT_PARTIAL;
}

int
fanout_run(const struct cli_globals *g, const char *file, const struct cli_command *cmd,
           const cli_req *req)
{
    struct fanout f = { .g = g, .cmd = cmd, .req = req };
    pthread_t threads[FANOUT_THREADS];
    size_t n_threads = 0, want;
    char **header = NULL;
    size_t n_header = 0;
    bool write_failed;
    int status;

    if ((status = fanout_read(&f, file)) != 0) {
        fanout_free_hosts(&f);
        return status;
    }
    if (pthread_mutex_init(&f.mu, NULL) != 0 || pthread_cond_init(&f.cv, NULL) != 0) {
        fprintf(stderr, "cimrpc: cannot set up the fan-out's threads: out of resources\n");
        fanout_free_hosts(&f);
        return CLI_EXIT_FAILURE;
    }
    /* libtirpc 1.3.3's authnone_create() reads its process-wide AUTH_NONE
     * before taking its lock, so threads making their first one at once
     * each allocate one and all but one are lost.  Make it here, before
     * any thread starts (it is never destroyed: it is shared). */
    if (authnone_create() == NULL) {
        fprintf(stderr, "cimrpc: out of memory\n");
        pthread_cond_destroy(&f.cv);
        pthread_mutex_destroy(&f.mu);
        fanout_free_hosts(&f);
        return CLI_EXIT_FAILURE;
    }
    want = f.n < FANOUT_THREADS ? f.n : FANOUT_THREADS;
    for (; n_threads < want; n_threads++)
        if (pthread_create(&threads[n_threads], NULL, fanout_worker, &f) != 0)
            break;
    if (n_threads == 0)
        fanout_worker(&f);      /* no thread to be had: one host after another, here */
    if (g->format == OUTPUT_JSON)
        fputs("[\n", stdout);
    for (size_t i = 0; i < f.n; i++) {
        pthread_mutex_lock(&f.mu);
        while (!f.hosts[i].done)
            pthread_cond_wait(&f.cv, &f.mu);
        pthread_mutex_unlock(&f.mu);
        fanout_emit(&f, &f.hosts[i], i, &header, &n_header);
        if (f.hosts[i].out != NULL) {
            fclose(f.hosts[i].out);         /* the disk space goes at once */
            f.hosts[i].out = NULL;
        }
    }
    if (g->format == OUTPUT_JSON)
        fputs("\n]\n", stdout);
    for (size_t t = 0; t < n_threads; t++)
        if (pthread_join(threads[t], NULL) != 0)
            abort();            /* a thread of ours that cannot be joined: a broken invariant */
    fanout_csv_free(header, n_header);
    write_failed = fflush(stdout) != 0 || ferror(stdout);
    if (write_failed)
        fprintf(stderr, "cimrpc: cannot write the output: %s\n", strerror(errno));
    status = fanout_summary(&f);
    if (write_failed && status == CLI_EXIT_OK)
        status = CLI_EXIT_FAILURE;
    pthread_cond_destroy(&f.cv);
    pthread_mutex_destroy(&f.mu);
    fanout_free_hosts(&f);
    return status;
}
