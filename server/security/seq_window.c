/*
 * seq_window.c: a 128-entry replay window as a bitmap anchored at the
 * highest sequence number accepted.
 */
#include <config.h>

#include <string.h>

#include "security/seq_window.h"

#define WORDS (SEQ_WINDOW_SIZE / 64)

void
seq_window_init(struct seq_window *w)
{
    memset(w, 0, sizeof(*w));
}

static bool
seq_window_test(const struct seq_window *w, uint32_t offset)
{
    return (w->seen[offset / 64] >> (offset % 64)) & 1u;
}

static void
seq_window_set(struct seq_window *w, uint32_t offset)
{
    w->seen[offset / 64] |= (uint64_t)1 << (offset % 64);
}

/* Shift the bitmap by N positions (older entries move to higher offsets). */
static void
seq_window_shift(struct seq_window *w, uint32_t n)
{
    if (n >= SEQ_WINDOW_SIZE) {
        memset(w->seen, 0, sizeof(w->seen));
        return;
    }
    uint32_t words = n / 64, bits = n % 64;
    for (int i = WORDS - 1; i >= 0; i--) {
        uint64_t v = 0;
        if ((uint32_t)i >= words) {
            v = w->seen[i - words] << bits;
            if (bits != 0 && (uint32_t)i > words)
                v |= w->seen[i - words - 1] >> (64 - bits);
        }
        w->seen[i] = v;
    }
}

bool
seq_window_accept(struct seq_window *w, uint32_t seq)
{
    if (!w->started) {
        w->started = true;
        w->highest = seq;
        memset(w->seen, 0, sizeof(w->seen));
        seq_window_set(w, 0);
        return true;
    }
    if (seq > w->highest) {
        seq_window_shift(w, seq - w->highest);
        w->highest = seq;
        seq_window_set(w, 0);
        return true;
    }
    uint32_t offset = w->highest - seq;
    if (offset >= SEQ_WINDOW_SIZE || seq_window_test(w, offset))
        return false;
    seq_window_set(w, offset);
    return true;
}
