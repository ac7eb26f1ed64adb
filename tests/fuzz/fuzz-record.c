/*
 * fuzz-record.c: fuzz target for record-marking reassembly
 * (server/transport/record.h).
 *
 * Input layout: byte 0 picks max_record, byte 1 max_fragment (small, so
 * the bounds are reached often), bytes 2 and 3 the chunk sizes (chunk i
 * has 1 + (b2 + i * b3) % 64 bytes); the rest is the byte stream a peer
 * sends.  The stream is fed to a reader chunk by chunk, taking each
 * complete record, until the reader refuses it or the stream ends.
 *
 * Checks: NEED_MORE consumes its whole chunk; no record exceeds
 * max_record; and the records and the final verdict equal those of an
 * independent whole-stream model of RFC 5531 section 11 with the header
 * rule of record.h, so reassembly does not depend on how bytes arrive.
 */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "transport/record.h"
#include "fuzz.h"

#define FUZZ_RECORD_MAX_RECORDS 4096

struct fuzz_record_result {
    size_t n;
    size_t len[FUZZ_RECORD_MAX_RECORDS];
    unsigned char *bytes;                   /* all records, one after another */
    size_t bytes_len;
    bool too_large;
    bool no_memory;                         /* the reader ran out: no verdict */
};

static void
fuzz_record_add(struct fuzz_record_result *res, const unsigned char *rec, size_t len)
{
    if (res->n == FUZZ_RECORD_MAX_RECORDS)
        return;
    res->len[res->n] = len;
    res->n++;
    memcpy(res->bytes + res->bytes_len, rec, len);
    res->bytes_len += len;
}

/* The model: walk the whole stream at once. */
static void
fuzz_record_model(const unsigned char *s, size_t n, size_t max_record, size_t max_fragment,
                  struct fuzz_record_result *res, unsigned char *scratch)
{
    size_t pos = 0, rec_len = 0;

    while (n - pos >= RECORD_HEADER_SIZE) {
        uint32_t word = (uint32_t)s[pos] << 24 | (uint32_t)s[pos + 1] << 16 |
                        (uint32_t)s[pos + 2] << 8 | (uint32_t)s[pos + 3];
        size_t frag = word & ~RECORD_LAST_FRAGMENT;

        pos += RECORD_HEADER_SIZE;
        if (frag > max_fragment || rec_len + frag > max_record) {
            res->too_large = true;
            return;
        }
        if (n - pos < frag)
            return;                     /* the stream ends inside a fragment */
        memcpy(scratch + rec_len, s + pos, frag);
        rec_len += frag;
        pos += frag;
        if (word & RECORD_LAST_FRAGMENT) {
            fuzz_record_add(res, scratch, rec_len);
            rec_len = 0;
        }
    }
}

/* The reader, fed in chunks. */
static void
fuzz_record_read(const unsigned char *s, size_t n, size_t max_record, size_t max_fragment,
                 unsigned step, unsigned stride, struct fuzz_record_result *res)
{
    struct record_reader r;
    size_t pos = 0;

    record_reader_init(&r, max_record, max_fragment);
    for (unsigned i = 0; pos < n; i++) {
        size_t chunk = 1 + (step + (size_t)i * stride) % 64;

        if (chunk > n - pos)
            chunk = n - pos;
        while (chunk > 0) {
            size_t used = 0, len;
            unsigned char *rec;
            enum record_status st = record_reader_feed(&r, s + pos, chunk, &used);

            if (used > chunk)
                abort();
            pos += used;
            chunk -= used;
            if (st == RECORD_TOO_LARGE) {
                res->too_large = true;
                goto out;
            }
            if (st == RECORD_NO_MEMORY) {
                res->no_memory = true;
                goto out;
            }
            if (st == RECORD_NEED_MORE) {
                if (chunk != 0)
                    abort();            /* NEED_MORE consumes everything */
                break;
            }
            rec = record_reader_take(&r, &len);
            if (rec == NULL || len > max_record)
                abort();
            fuzz_record_add(res, rec, len);
            free(rec);
        }
    }
out:
    record_reader_free(&r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_record_result *model = NULL, *reader = NULL;
    unsigned char *scratch = NULL;
    size_t max_record, max_fragment, n;
    const unsigned char *s;

    if (size < 4)
        return 0;
    max_record = 1 + (size_t)data[0] * 16;
    max_fragment = 1 + (size_t)data[1] * 8;
    s = data + 4;
    n = size - 4;
    if ((model = calloc(1, sizeof(*model))) == NULL ||
        (reader = calloc(1, sizeof(*reader))) == NULL ||
        (model->bytes = malloc(n + 1)) == NULL || (reader->bytes = malloc(n + 1)) == NULL ||
        (scratch = malloc(max_record)) == NULL)
        goto cleanup;
    fuzz_record_model(s, n, max_record, max_fragment, model, scratch);
    fuzz_record_read(s, n, max_record, max_fragment, data[2], data[3], reader);
    if (reader->no_memory)
        goto cleanup;
    if (model->n != reader->n || model->too_large != reader->too_large ||
        model->bytes_len != reader->bytes_len ||
        memcmp(model->bytes, reader->bytes, model->bytes_len) != 0)
        abort();
    for (size_t i = 0; i < model->n; i++)
        if (model->len[i] != reader->len[i])
            abort();

cleanup:
    free(scratch);
    if (reader != NULL)
        free(reader->bytes);
    if (model != NULL)
        free(model->bytes);
    free(reader);
    free(model);
    return 0;
}
