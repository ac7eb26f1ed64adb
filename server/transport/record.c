/*
 * record.c: record-marking reassembly.
 *
 * Invariants: len <= cap <= max_record; fragment_left <= max_fragment.  A header is checked before any
 * of its payload is accepted.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "transport/record.h"

#define RECORD_MIN_CAP 512

void
record_reader_init(struct record_reader *r, size_t max_record, size_t max_fragment)
{
    memset(r, 0, sizeof(*r));
    r->max_record = max_record;
    r->max_fragment = max_fragment;
}

void
record_reader_free(struct record_reader *r)
{
    free(r->data);
    r->data = NULL;
    r->len = r->cap = 0;
}

/* Make room for NEED more bytes, growing geometrically up to max_record. */
static int
record_reserve(struct record_reader *r, size_t need)
{
    size_t want = r->len + need;
    size_t cap;
    unsigned char *p;

    if (want <= r->cap)
        return 0;
    if (want > r->max_record)
        return -1;
    cap = r->cap ? r->cap : RECORD_MIN_CAP;
    if (cap > r->max_record)
        cap = r->max_record;
    while (cap < want)
        cap = cap > r->max_record / 2 ? r->max_record : cap * 2;
    p = realloc(r->data, cap);
    if (p == NULL)
        return -1;
    r->data = p;
    r->cap = cap;
    return 0;
}

enum record_status
record_reader_feed(struct record_reader *r, const unsigned char *in, size_t len, size_t *consumed_out)
{
    size_t used = 0;
    enum record_status status = RECORD_NEED_MORE;

    while (used < len && !r->complete) {
        if (!r->in_fragment) {
            size_t take = RECORD_HEADER_SIZE - r->header_have;
            uint32_t word;

            if (take > len - used)
                take = len - used;
            memcpy(r->header + r->header_have, in + used, take);
            r->header_have += take;
            used += take;
            if (r->header_have < RECORD_HEADER_SIZE)
                break;
            word = (uint32_t)r->header[0] << 24 | (uint32_t)r->header[1] << 16 |
                   (uint32_t)r->header[2] << 8 | (uint32_t)r->header[3];
            r->header_have = 0;
            r->last = (word & RECORD_LAST_FRAGMENT) != 0;
            r->fragment_left = word & ~RECORD_LAST_FRAGMENT;
            if (r->fragment_left > r->max_fragment ||
                r->fragment_left > r->max_record - r->len) {
                status = RECORD_TOO_LARGE;
                goto out;
            }
            r->in_fragment = true;
        }
        if (r->fragment_left > 0 && used < len) {
            size_t take = r->fragment_left < len - used ? r->fragment_left : len - used;
            if (record_reserve(r, take) < 0) {
                status = RECORD_NO_MEMORY;
                goto out;
            }
            memcpy(r->data + r->len, in + used, take);
            r->len += take;
            r->fragment_left -= take;
            used += take;
        }
        if (r->fragment_left == 0) {
            r->in_fragment = false;
            if (r->last)
                r->complete = true;
        }
    }
    if (r->complete) {
        /* An empty record still hands out a buffer. */
        if (r->data == NULL && record_reserve(r, 1) < 0) {
            status = RECORD_NO_MEMORY;
            goto out;
        }
        status = RECORD_COMPLETE;
    }
out:
    *consumed_out = used;
    return status;
}

unsigned char *
record_reader_take(struct record_reader *r, size_t *len_out)
{
    unsigned char *data = r->data;

    *len_out = r->len;
    r->data = NULL;
    r->len = r->cap = 0;
    r->complete = false;
    r->last = false;
    return data;
}

void
record_write_header(unsigned char out[RECORD_HEADER_SIZE], uint32_t len, bool last)
{
    uint32_t word = (len & ~RECORD_LAST_FRAGMENT) | (last ? RECORD_LAST_FRAGMENT : 0);

    out[0] = (unsigned char)(word >> 24);
    out[1] = (unsigned char)(word >> 16);
    out[2] = (unsigned char)(word >> 8);
    out[3] = (unsigned char)word;
}
