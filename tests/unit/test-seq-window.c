/*
 * test-seq-window.c: the RPCSEC_GSS replay window: in-order, out-of-order
 * within the window, replays, numbers below the window, large jumps, and
 * shifts across the 64-bit word boundary.
 */
#include <config.h>

#include "security/seq_window.h"
#include "tap.h"

int
main(void)
{
    struct seq_window w;
    bool all;

    tap_plan(13);
    seq_window_init(&w);
    tap_ok(seq_window_accept(&w, 5), "first number accepted");
    tap_ok(!seq_window_accept(&w, 5), "its replay refused");
    tap_ok(seq_window_accept(&w, 7) && seq_window_accept(&w, 6), "out of order inside the window accepted");
    tap_ok(!seq_window_accept(&w, 6), "replay of an out-of-order number refused");

    /* 32 calls in flight arriving in reverse order. */
    all = true;
    for (uint32_t s = 100 + 31; s >= 100; s--)
        all = all && seq_window_accept(&w, s);
    tap_ok(all, "32 numbers arriving newest first are all accepted");
    all = true;
    for (uint32_t s = 100; s < 132; s++)
        all = all && !seq_window_accept(&w, s);
    tap_ok(all, "and each of them only once");

    seq_window_init(&w);
    seq_window_accept(&w, 1000);
    tap_ok(seq_window_accept(&w, 1000 - 127), "the oldest number inside a 128 window accepted");
    tap_ok(!seq_window_accept(&w, 1000 - 128), "one below the window dropped");
    tap_ok(seq_window_accept(&w, 1070), "a jump of 70 slides the window across a word boundary");
    tap_ok(!seq_window_accept(&w, 1000), "numbers seen before the slide are still remembered");
    tap_ok(seq_window_accept(&w, 1001), "unseen numbers inside the slid window accepted");
    tap_ok(seq_window_accept(&w, 5000) && !seq_window_accept(&w, 1070),
           "a jump past the window size forgets everything older");
    tap_ok(seq_window_accept(&w, 0x7fffffffu), "the largest legal sequence number accepted");
    return tap_done();
}
