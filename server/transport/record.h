/*
 * record.h: ONC RPC record marking (RFC 5531 section 11) for stream
 * transports.
 *
 * A record is a sequence of fragments, each preceded by a 4-byte header:
 * the top bit marks the last fragment, the low 31 bits give its length.
 * The reader reassembles records from arbitrary chunks of bytes with two
 * bounds: no fragment longer than max_fragment and no record longer than
 * max_record.  Memory grows with the bytes that actually arrived, never
 * with a length a peer merely declared.
 *
 * The reader is pure (no I/O), so it can be unit-tested and fuzzed alone.
 */
#ifndef CIMRPC_RECORD_H
#define CIMRPC_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RECORD_HEADER_SIZE 4
#define RECORD_LAST_FRAGMENT 0x80000000u

enum record_status {
    RECORD_NEED_MORE,      /* all input consumed, no record complete */
    RECORD_COMPLETE,       /* a record is ready: record_reader_take() it */
    RECORD_TOO_LARGE,      /* a bound was exceeded: close the connection */
    RECORD_NO_MEMORY,      /* allocation failed: close the connection */
};

struct record_reader {
    size_t max_record;
    size_t max_fragment;
    unsigned char header[RECORD_HEADER_SIZE];
    size_t header_have;     /* header bytes of the current fragment read */
    size_t fragment_left;   /* payload bytes of the current fragment to go */
    bool in_fragment;       /* header complete, payload pending */
    bool last;              /* current fragment is the record's last */
    bool complete;          /* a finished record waits to be taken */
    unsigned char *data;    /* record bytes so far */
    size_t len;
    size_t cap;
};

/* Initialise R with the given bounds (both > 0). */
void record_reader_init(struct record_reader *r, size_t max_record, size_t max_fragment);

/* Free R's buffer.  R may be re-initialised afterwards. */
void record_reader_free(struct record_reader *r);

/*
 * Consume bytes from IN (LEN bytes).  Stops right after a record is
 * complete, so *CONSUMED_OUT may be less than LEN: take the record, then
 * feed the rest.  After RECORD_TOO_LARGE or RECORD_NO_MEMORY the reader
 * must not be fed again.
 */
enum record_status record_reader_feed(struct record_reader *r, const unsigned char *in,
                                      size_t len, size_t *consumed_out);

/* Take the completed record: the caller owns the returned buffer (free()
 * it); its length goes to *LEN_OUT.  The reader starts a new record.  The
 * buffer is never NULL for a complete record, even an empty one. */
unsigned char *record_reader_take(struct record_reader *r, size_t *len_out);

/* Write the header of a single-fragment record of LEN bytes into OUT. */
void record_write_header(unsigned char out[RECORD_HEADER_SIZE], uint32_t len, bool last);

#endif
