/*
 * seq_window.h: the RPCSEC_GSS sequence window (RFC 2203 section 5.3.3.1).
 *
 * Remembers which of the last SEQ_WINDOW_SIZE sequence numbers were seen.
 * A number above the highest seen slides the window; one inside it is
 * accepted once; a replay, or a number below the window, is refused (the
 * server then drops the call without a reply).  The caller checks the
 * header MIC first and only then asks the window: a forged call can never
 * move it.
 */
#ifndef CIMRPC_SEQ_WINDOW_H
#define CIMRPC_SEQ_WINDOW_H

#include <stdbool.h>
#include <stdint.h>

#define SEQ_WINDOW_SIZE 128u

struct seq_window {
    bool started;
    uint32_t highest;               /* highest sequence number accepted */
    uint64_t seen[SEQ_WINDOW_SIZE / 64]; /* bit i: highest - i was accepted */
};

/* An empty window. */
void seq_window_init(struct seq_window *w);

/* Accept SEQ and record it: true when it is new and not below the window,
 * false for a replay or a number too old (drop the call). */
bool seq_window_accept(struct seq_window *w, uint32_t seq);

#endif
