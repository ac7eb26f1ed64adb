/*
 * log.h: the daemon's log: stderr, syslog, or a file reopened on SIGHUP.
 *
 * Messages use syslog priorities (LOG_ERR, LOG_WARNING, LOG_NOTICE,
 * LOG_INFO, LOG_DEBUG).  Each message is written as one line with one
 * write(2), so lines from several threads never interleave.
 */
#ifndef CIMRPC_LOG_H
#define CIMRPC_LOG_H

#include <syslog.h>

/* Direct the log to DEST: "stderr", "syslog", or a file path (appended,
 * created 0640).  Returns 0, or -1 with the reason printed on stderr. */
int log_open(const char *dest);

/* Reopen a log file (after rotation).  No-op for stderr and syslog.
 * Returns 0 or -1 (the old file stays in use on failure). */
int log_reopen(void);

/* Log one message at PRIORITY.  Messages above the verbosity are dropped. */
void log_msg(int priority, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Messages at priorities up to and including PRIORITY are written
 * (default LOG_INFO). */
void log_set_verbosity(int priority);

void log_close(void);

#endif
