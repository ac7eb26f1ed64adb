/*
 * test-record.c: record-marking reassembly: single and multi-fragment
 * records, byte-at-a-time delivery, several records in one chunk, empty
 * records, and both bounds (fragment and record) enforced before memory
 * is committed.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "transport/record.h"

/* Append a fragment header and PAYLOAD to BUF at *LEN. */
static void
put_fragment(unsigned char *buf, size_t *len, const char *payload, size_t n, int last)
{
    record_write_header(buf + *len, (uint32_t)n, last);
    *len += RECORD_HEADER_SIZE;
    memcpy(buf + *len, payload, n);
    *len += n;
}

/* Feed IN in chunks of STEP bytes; collect complete records into OUT
 * (concatenated, separated by '|').  Returns the last status. */
static enum record_status
feed_all(struct record_reader *r, const unsigned char *in, size_t len, size_t step,
         char *out, int *records)
{
    enum record_status st = RECORD_NEED_MORE;
    size_t off = 0;

    *records = 0;
    out[0] = '\0';
    while (off < len) {
        size_t chunk = len - off < step ? len - off : step;
        while (chunk > 0) {
            size_t used;
            st = record_reader_feed(r, in + off, chunk, &used);
            off += used;
            chunk -= used;
            if (st == RECORD_COMPLETE) {
                size_t rl;
                unsigned char *rec = record_reader_take(r, &rl);
                strncat(out, (const char *)rec, rl);
                strcat(out, "|");
                free(rec);
                (*records)++;
            } else if (st != RECORD_NEED_MORE) {
                return st;
            }
        }
    }
    return st;
}

int
main(void)
{
    struct record_reader r;
    unsigned char buf[256];
    char out[256];
    size_t len = 0, used;
    int records;
    enum record_status st;

    tap_plan(14);

    /* One record in one fragment. */
    record_reader_init(&r, 1024, 1024);
    put_fragment(buf, &len, "hello", 5, 1);
    feed_all(&r, buf, len, len, out, &records);
    tap_is_int(records, 1, "single-fragment record is complete");
    tap_is_str(out, "hello|", "its bytes are intact");

    /* Three fragments, fed one byte at a time. */
    len = 0;
    put_fragment(buf, &len, "ab", 2, 0);
    put_fragment(buf, &len, "", 0, 0);
    put_fragment(buf, &len, "cde", 3, 1);
    feed_all(&r, buf, len, 1, out, &records);
    tap_is_int(records, 1, "multi-fragment record fed byte by byte completes once");
    tap_is_str(out, "abcde|", "fragments are joined in order, empty fragment allowed");

    /* Two records and half of a third in one chunk. */
    len = 0;
    put_fragment(buf, &len, "one", 3, 1);
    put_fragment(buf, &len, "two", 3, 1);
    put_fragment(buf, &len, "thr", 3, 0);
    feed_all(&r, buf, len, len, out, &records);
    tap_is_int(records, 2, "two records from one chunk, the third waits");
    tap_is_str(out, "one|two|", "both records intact");
    len = 0;
    put_fragment(buf, &len, "ee", 2, 1);
    feed_all(&r, buf, len, len, out, &records);
    tap_is_str(out, "three|", "the pending record completes with its last fragment");
    record_reader_free(&r);

    /* An empty record still yields a buffer. */
    record_reader_init(&r, 1024, 1024);
    len = 0;
    put_fragment(buf, &len, "", 0, 1);
    st = record_reader_feed(&r, buf, len, &used);
    tap_is_int(st, RECORD_COMPLETE, "empty record is complete");
    {
        size_t rl;
        unsigned char *rec = record_reader_take(&r, &rl);
        tap_ok(rec != NULL && rl == 0, "empty record is a non-NULL buffer of length 0");
        free(rec);
    }
    record_reader_free(&r);

    /* Fragment bound: a header declaring more than max_fragment. */
    record_reader_init(&r, 1 << 20, 16);
    len = 0;
    record_write_header(buf, 17, 1);
    st = record_reader_feed(&r, buf, RECORD_HEADER_SIZE, &used);
    tap_is_int(st, RECORD_TOO_LARGE, "fragment over max_fragment refused at its header");
    tap_ok(r.data == NULL, "nothing allocated for the refused fragment");
    record_reader_free(&r);

    /* Record bound: fragments each under the limit but too many in sum. */
    record_reader_init(&r, 8, 8);
    len = 0;
    put_fragment(buf, &len, "12345", 5, 0);
    put_fragment(buf, &len, "6789", 4, 1);
    st = feed_all(&r, buf, len, len, out, &records);
    tap_is_int(st, RECORD_TOO_LARGE, "record over max_record refused");
    record_reader_free(&r);

    /* A 4 GiB declaration (the largest 31-bit length) never allocates. */
    record_reader_init(&r, 4 << 20, 4 << 20);
    record_write_header(buf, 0x7fffffffu, 1);
    st = record_reader_feed(&r, buf, RECORD_HEADER_SIZE, &used);
    tap_is_int(st, RECORD_TOO_LARGE, "2 GiB fragment declaration refused");
    tap_ok(r.cap == 0, "no buffer reserved for it");
    record_reader_free(&r);

    return tap_done();
}
