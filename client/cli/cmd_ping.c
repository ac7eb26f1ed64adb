/*
 * cmd_ping.c: `cimrpc ping [-c COUNT] [-s SIZE]`: round trips to the
 * server with a payload of SIZE bytes echoed back and checked; prints the
 * target, the authentication level in force, the impersonation level the
 * session was granted and the round-trip times.
 */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "args.h"
#include "cli.h"

#define PING_MAX_COUNT 1000000
#define PING_MAX_SIZE 1048576

static double
ping_now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

struct ping_req {
    long count;
    long size;
};

static int
ping_number(const char *s, long max, long *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    if (errno != 0 || *s == '\0' || *end != '\0' || v < 0 || v > max)
        return -1;
    *out = v;
    return 0;
}

static int
ping_usage(FILE *out, int status)
{
    fprintf(out, "Usage: cimrpc [GLOBAL OPTIONS] ping [-c COUNT] [-s SIZE]\n"
                 "  -c, --count COUNT   round trips to make (1 to %d, default 1)\n"
                 "  -s, --size SIZE     payload bytes echoed each time (0 to %d, default 64)\n",
            PING_MAX_COUNT, PING_MAX_SIZE);
    return status;
}

int
ping_parse(int argc, char **argv, cli_req **req_out)
{
    static const struct option options[] = {
        { "count", required_argument, NULL, 'c' },
        { "size", required_argument, NULL, 's' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    struct ping_req *req;
    long count = 1, size = 64;
    int c;

    opterr = 0;
    while ((c = getopt_long(argc, argv, ":c:s:h", options, NULL)) != -1) {
        switch (c) {
        case 'c':
            if (ping_number(optarg, PING_MAX_COUNT, &count) < 0 || count == 0) {
                fprintf(stderr, "cimrpc: ping: --count takes 1 to %d, not '%s'\n",
                        PING_MAX_COUNT, optarg);
                return CLI_EXIT_USAGE;
            }
            break;
        case 's':
            if (ping_number(optarg, PING_MAX_SIZE, &size) < 0) {
                fprintf(stderr, "cimrpc: ping: --size takes 0 to %d bytes, not '%s'\n",
                        PING_MAX_SIZE, optarg);
                return CLI_EXIT_USAGE;
            }
            break;
        default: return args_option_other("ping", c, argv, ping_usage);
        }
    }
    if (optind < argc) {
        fprintf(stderr, "cimrpc: ping: unexpected argument '%s'\n", argv[optind]);
        return CLI_EXIT_USAGE;
    }
    if ((req = calloc(1, sizeof(*req))) == NULL)
        return args_no_memory("ping");
    req->count = count;
    req->size = size;
    *req_out = req;
    return CLI_RUN;
}

void
ping_free(cli_req *req)
{
    free(req);
}

int
ping_run(struct cli_ctx *ctx, cimrpc_conn *conn, const cli_req *creq)
{
    const struct ping_req *req = creq;
    long count = req->count, size = req->size;
    double min = 0, max = 0, total = 0;
    struct output_record *rec = NULL;
    cimrpc_error *err = NULL;
    unsigned char *payload = NULL;
    int status;

    payload = malloc(size > 0 ? (size_t)size : 1);
    if (payload == NULL)
        return cli_fail(ctx, CLI_EXIT_FAILURE, "ping: out of memory");
    for (long i = 0; i < size; i++)
        payload[i] = (unsigned char)(i * 131 + 7);
    for (long i = 0; i < count; i++) {
        double t0 = ping_now_us(), dt;
        if (cimrpc_ping(conn, payload, (size_t)size, &err) < 0) {
            status = cli_report(ctx, "ping", err);
            goto out;
        }
        dt = ping_now_us() - t0;
        total += dt;
        if (i == 0 || dt < min)
            min = dt;
        if (dt > max)
            max = dt;
    }
    rec = output_record_new("CIMRPC_PingResult");
    if (rec == NULL ||
        output_add_string(rec, "Target", cimrpc_conn_target(conn)) < 0 ||
        output_add_string(rec, "AuthenticationLevel",
                          cimrpc_authn_level_name(cimrpc_conn_authn_level(conn))) < 0 ||
        output_add_string(rec, "ImpersonationLevel",
                          cimrpc_imp_level_name(cimrpc_conn_imp_level(conn))) < 0 ||
        output_add_int(rec, "PayloadBytes", size) < 0 ||
        output_add_int(rec, "Count", count) < 0 ||
        output_add_int(rec, "MinMicroseconds", (long long)min) < 0 ||
        output_add_int(rec, "AvgMicroseconds", (long long)(total / (double)count)) < 0 ||
        output_add_int(rec, "MaxMicroseconds", (long long)max) < 0) {
        output_record_free(rec);
        status = cli_fail(ctx, CLI_EXIT_FAILURE, "ping: out of memory");
        goto out;
    }
    status = cli_print_record(ctx, rec);
out:
    free(payload);
    return status;
}
