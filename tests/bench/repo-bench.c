/*
 * repo-bench.c: the repository's benchmark (issue 4), reported, never
 * asserted.
 *
 *   1. MOF import of a class hierarchy (default 5,000 classes): parse and
 *      compile times, classes per second.
 *   2. MOF import of N instances (default 1,000,000) of one class: parse
 *      and compile (one transaction, committed durably), instances per
 *      second, and the process's peak memory.
 *   3. Point lookups by key among those instances, in random order:
 *      "path parse + repo_instance_get + decode" against raw SQLite in the
 *      same run on the same data, with the repository's read settings
 *      (memory map, page cache): a rowid table (the fastest lookup SQLite
 *      has) and a table with a TEXT UNIQUE key (the same shape of lookup
 *      the repository does), both with prepared statements reading every
 *      column.  Each figure is the median of ROUNDS rounds.
 *
 * Usage: repo-bench [--dir DIR] [--classes N] [--instances N]
 *                   [--lookups N] [--rounds N] [--quick]
 * Output: a Markdown table on stdout, with the target (lookup within 3x
 * of raw SQLite) marked met or NOT met.
 */
#include <config.h>

#include <getopt.h>
#include <stdarg.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "common/cim_path.h"
#include "mof/mof_compile.h"
#include "mof/mof_parser.h"
#include "mof/mof_schema.h"
#include "repository/repo_instance.h"

static double
now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
die(const char *what, const char *why)
{
    fprintf(stderr, "repo-bench: %s: %s\n", what, why);
    exit(1);
}

/* A growing text buffer. */
struct text {
    char *buf;
    size_t len, cap;
};

static void
text_printf(struct text *t, const char *fmt, ...)
{
    va_list ap;
    int n;

    for (;;) {
        va_start(ap, fmt);
        n = vsnprintf(t->buf + t->len, t->cap - t->len, fmt, ap);
        va_end(ap);
        if (n < 0)
            die("formatting", "vsnprintf failed");
        if ((size_t)n < t->cap - t->len) {
            t->len += (size_t)n;
            return;
        }
        t->cap = t->cap * 2 + (size_t)n + 4096;
        if ((t->buf = realloc(t->buf, t->cap)) == NULL)
            die("memory", "out of memory");
    }
}

/* Parse and compile TEXT; PARSE_S and COMPILE_S receive the times. */
static void
import_text(struct repo *repo, const struct text *t, const char *name, double *parse_s,
            double *compile_s, struct mof_compile_stats *stats)
{
    struct mof_parse_options popts = { .max_total_bytes = t->len + 1,
                                       .include_mode = MOF_INCLUDE_REFUSE };
    struct mof_document *doc;
    struct mof_error *err;
    double t0 = now_s();

    if (mof_parse_buffer(t->buf, t->len, name, &popts, &doc, &err) < 0)
        die("parsing", err != NULL ? err->message : "out of memory");
    *parse_s = now_s() - t0;
    t0 = now_s();
    if (mof_compile(repo, doc, NULL, stats, &err) < 0)
        die("compiling", err != NULL ? err->message : "out of memory");
    *compile_s = now_s() - t0;
    mof_ast_document_free(doc);
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

static double
median(double *v, size_t n)
{
    qsort(v, n, sizeof(*v), cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Keys to look up: a fixed pseudo-random sequence over 1..N. */
static uint32_t *
make_keys(size_t lookups, uint32_t n)
{
    uint32_t *keys = malloc(lookups * sizeof(*keys));
    uint64_t x = 0x9e3779b97f4a7c15ULL;
    size_t i;

    if (keys == NULL)
        die("memory", "out of memory");
    for (i = 0; i < lookups; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        keys[i] = (uint32_t)(x % n) + 1;
    }
    return keys;
}

/* Seconds per lookup through the repository. */
static double
lookup_repo(struct repo *repo, const uint32_t *keys, size_t n)
{
    char text[64], why[256];
    struct repo_error err;
    double t0 = now_s();
    size_t i;

    for (i = 0; i < n; i++) {
        struct cim_path path = { 0 };
        cim_instance inst;

        snprintf(text, sizeof(text), "Bench_Item.Id=%u", keys[i]);
        if (cim_path_parse(text, &path, why, sizeof(why)) < 0)
            die("path", why);
        memset(&inst, 0, sizeof(inst));
        if (repo_instance_get(repo, "root/cimv2", &path, &inst, &err) != 1)
            die("lookup", err.message);
        xdr_free((xdrproc_t)xdr_cim_instance, (char *)&inst);
        cim_path_clear(&path);
    }
    return (now_s() - t0) / (double)n;
}

/* Seconds per lookup in raw SQLite: TEXT_KEY selects the table keyed by
 * text ("Id=42") instead of the rowid table. */
static double
lookup_raw(sqlite3 *db, bool text_key, const uint32_t *keys, size_t n)
{
    sqlite3_stmt *stmt;
    char key[32];
    double t0;
    size_t i, bytes = 0;

    if (sqlite3_prepare_v2(db, text_key ? "SELECT name, size, owner FROM raw_text WHERE k = ?1"
                                        : "SELECT name, size, owner FROM raw_rowid WHERE id = ?1",
                           -1, &stmt, NULL) != SQLITE_OK)
        die("raw prepare", sqlite3_errmsg(db));
    t0 = now_s();
    for (i = 0; i < n; i++) {
        if (text_key) {
            snprintf(key, sizeof(key), "Id=%u", keys[i]);
            sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
        } else {
            sqlite3_bind_int64(stmt, 1, keys[i]);
        }
        if (sqlite3_step(stmt) != SQLITE_ROW)
            die("raw lookup", sqlite3_errmsg(db));
        bytes += (size_t)sqlite3_column_bytes(stmt, 0) + (size_t)sqlite3_column_int64(stmt, 1) % 2 +
                 (size_t)sqlite3_column_bytes(stmt, 2);
        sqlite3_reset(stmt);
    }
    t0 = now_s() - t0;
    sqlite3_finalize(stmt);
    if (bytes == 0)
        die("raw lookup", "read nothing");
    return t0 / (double)n;
}

/* Remove a database file and its WAL companions. */
static void
remove_db(const char *path)
{
    char aux[4200];

    unlink(path);
    snprintf(aux, sizeof(aux), "%s-wal", path);
    unlink(aux);
    snprintf(aux, sizeof(aux), "%s-shm", path);
    unlink(aux);
}

static void
raw_exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;

    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        die(sql, msg != NULL ? msg : "failed");
}

/* The raw reference database: the same rows in two tables. */
static sqlite3 *
raw_build(const char *path, uint32_t n, double *load_s)
{
    sqlite3_stmt *a, *b;
    sqlite3 *db;
    char name[64], key[32];
    double t0 = now_s();
    uint32_t i;

    remove_db(path);
    if (sqlite3_open(path, &db) != SQLITE_OK)
        die(path, sqlite3_errmsg(db));
    raw_exec(db, REPO_PRAGMA_MMAP ";" REPO_PRAGMA_CACHE ";");
    raw_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                 "CREATE TABLE raw_rowid (id INTEGER PRIMARY KEY, name TEXT, size INTEGER, owner TEXT);"
                 "CREATE TABLE raw_text (k TEXT NOT NULL UNIQUE, name TEXT, size INTEGER, owner TEXT);"
                 "BEGIN");
    if (sqlite3_prepare_v2(db, "INSERT INTO raw_rowid VALUES (?1, ?2, ?3, ?4)", -1, &a, NULL) ||
        sqlite3_prepare_v2(db, "INSERT INTO raw_text VALUES (?1, ?2, ?3, ?4)", -1, &b, NULL))
        die("raw prepare", sqlite3_errmsg(db));
    for (i = 1; i <= n; i++) {
        snprintf(name, sizeof(name), "item number %u", i);
        snprintf(key, sizeof(key), "Id=%u", i);
        sqlite3_bind_int64(a, 1, i);
        sqlite3_bind_text(b, 1, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(a, 2, name, -1, SQLITE_STATIC);
        sqlite3_bind_text(b, 2, name, -1, SQLITE_STATIC);
        sqlite3_bind_int64(a, 3, (int64_t)i * 3);
        sqlite3_bind_int64(b, 3, (int64_t)i * 3);
        sqlite3_bind_text(a, 4, i % 2 ? "alice" : "bob", -1, SQLITE_STATIC);
        sqlite3_bind_text(b, 4, i % 2 ? "alice" : "bob", -1, SQLITE_STATIC);
        if (sqlite3_step(a) != SQLITE_DONE || sqlite3_step(b) != SQLITE_DONE)
            die("raw insert", sqlite3_errmsg(db));
        sqlite3_reset(a);
        sqlite3_reset(b);
    }
    sqlite3_finalize(a);
    sqlite3_finalize(b);
    raw_exec(db, "COMMIT");
    *load_s = now_s() - t0;
    return db;
}

static long
peak_rss_kib(void)
{
    struct rusage ru;

    return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : -1;
}

int
main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "dir", required_argument, NULL, 'd' },      { "classes", required_argument, NULL, 'c' },
        { "instances", required_argument, NULL, 'i' }, { "lookups", required_argument, NULL, 'l' },
        { "rounds", required_argument, NULL, 'r' },   { "quick", no_argument, NULL, 'q' },
        { NULL, 0, NULL, 0 },
    };
    const char *dir = ".";
    unsigned long classes = 5000, instances = 1000000, lookups = 200000, rounds = 5;
    struct mof_compile_stats stats;
    struct repo_error rerr;
    struct text t = { 0 };
    struct repo *repo;
    char path[4096], raw_path[4096];
    double parse_s, compile_s, raw_load_s;
    double *ours, *raw_rowid, *raw_text;
    uint32_t *keys;
    long rss_before;
    sqlite3 *raw;
    unsigned long i, r;
    int c;

    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': dir = optarg; break;
        case 'c': classes = strtoul(optarg, NULL, 10); break;
        case 'i': instances = strtoul(optarg, NULL, 10); break;
        case 'l': lookups = strtoul(optarg, NULL, 10); break;
        case 'r': rounds = strtoul(optarg, NULL, 10); break;
        case 'q': classes = 200; instances = 20000; lookups = 20000; rounds = 1; break;
        default:
            fprintf(stderr, "usage: repo-bench [--dir DIR] [--classes N] [--instances N] "
                    "[--lookups N] [--rounds N] [--quick]\n");
            return 2;
        }
    }
    if (classes < 1 || instances < 1 || instances > UINT32_MAX || lookups < 1 || rounds < 1)
        die("options", "counts must be at least 1 (instances at most 4294967295)");
    snprintf(path, sizeof(path), "%s/repo-bench.db", dir);
    snprintf(raw_path, sizeof(raw_path), "%s/repo-bench-raw.db", dir);
    remove_db(path);
    if (mof_schema_open_repository(path, &repo, &rerr) < 0)
        die(path, rerr.message);

    /* 1. classes: a 4-ary tree, each class adding five properties. */
    for (i = 0; i < classes; i++) {
        if (i == 0)
            text_printf(&t, "[Description(\"the root\")]\nclass Bench_C0 {\n  [Key] string Name;\n");
        else
            text_printf(&t, "[Description(\"class %lu\")]\nclass Bench_C%lu : Bench_C%lu {\n", i, i,
                        (i - 1) / 4);
        for (r = 0; r < 5; r++)
            text_printf(&t, "  [Description(\"property %lu of class %lu\")] uint32 P%lu_%lu = %lu;\n",
                        r, i, i, r, r);
        text_printf(&t, "  uint32 Method%lu([In] string Arg);\n};\n", i);
    }
    import_text(repo, &t, "classes.mof", &parse_s, &compile_s, &stats);
    printf("| Import | count | parse (s) | compile+commit (s) | per second |\n");
    printf("|---|---:|---:|---:|---:|\n");
    printf("| classes (4-ary tree, 5 properties and 1 method each) | %u | %.2f | %.2f | %.0f |\n",
           stats.classes, parse_s, compile_s, (double)stats.classes / (parse_s + compile_s));
    fflush(stdout);

    /* 2. instances of one class. */
    t.len = 0;
    text_printf(&t, "class Bench_Item {\n  [Key] uint32 Id;\n  string Name;\n  uint64 Size;\n"
                    "  [Indexed] string Owner;\n};\n");
    for (i = 1; i <= instances; i++)
        text_printf(&t, "instance of Bench_Item { Id = %lu; Name = \"item number %lu\"; "
                    "Size = %lu; Owner = \"%s\"; };\n", i, i, i * 3, i % 2 ? "alice" : "bob");
    rss_before = peak_rss_kib();
    import_text(repo, &t, "instances.mof", &parse_s, &compile_s, &stats);
    printf("| instances (4 properties, one Indexed) | %u | %.2f | %.2f | %.0f |\n",
           stats.instances, parse_s, compile_s, (double)stats.instances / (parse_s + compile_s));
    printf("\nMOF text %.1f MiB; peak memory %.0f MiB before the instance import, %.0f MiB "
           "after (the whole document is parsed before it is compiled).\n\n",
           (double)t.len / 1048576.0, (double)rss_before / 1024.0,
           (double)peak_rss_kib() / 1024.0);
    free(t.buf);
    fflush(stdout);

    /* 3. point lookups. */
    raw = raw_build(raw_path, (uint32_t)instances, &raw_load_s);
    keys = make_keys(lookups, (uint32_t)instances);
    ours = calloc(rounds, sizeof(double));
    raw_rowid = calloc(rounds, sizeof(double));
    raw_text = calloc(rounds, sizeof(double));
    if (ours == NULL || raw_rowid == NULL || raw_text == NULL)
        die("memory", "out of memory");
    (void)lookup_repo(repo, keys, lookups < 10000 ? lookups : 10000);  /* warm up */
    (void)lookup_raw(raw, false, keys, lookups < 10000 ? lookups : 10000);
    (void)lookup_raw(raw, true, keys, lookups < 10000 ? lookups : 10000);
    for (r = 0; r < rounds; r++) {
        ours[r] = lookup_repo(repo, keys, lookups);
        raw_rowid[r] = lookup_raw(raw, false, keys, lookups);
        raw_text[r] = lookup_raw(raw, true, keys, lookups);
    }
    {
        double o = median(ours, rounds), a = median(raw_rowid, rounds),
               b = median(raw_text, rounds);

        printf("| Point lookup among %lu instances (median of %lu rounds of %lu) | µs | "
               "cimrpc ÷ this |\n|---|---:|---:|\n", instances, rounds, lookups);
        printf("| cimrpc: parse path, repo_instance_get, decode | %.2f | |\n", o * 1e6);
        printf("| raw SQLite, INTEGER PRIMARY KEY (rowid) | %.2f | %.2f |\n", a * 1e6, o / a);
        printf("| raw SQLite, TEXT UNIQUE key | %.2f | %.2f |\n", b * 1e6, o / b);
        printf("\nTarget: a point lookup within 3x of a raw SQLite point lookup (the rowid "
               "one, the stricter): %s (%.2fx)\n", o <= 3 * a ? "met" : "NOT met", o / a);
    }
    sqlite3_close(raw);
    repo_close(repo);
    remove_db(raw_path);
    remove_db(path);
    free(keys);
    free(ours);
    free(raw_rowid);
    free(raw_text);
    return 0;
}
