/*
 * log.c: the daemon's log.
 *
 * One global destination, guarded by a mutex so log_reopen() can swap the
 * file descriptor while other threads log.  Lines longer than the line
 * buffer are truncated with "...", never split.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

enum log_dest { LOG_DEST_STDERR, LOG_DEST_SYSLOG, LOG_DEST_FILE };

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static enum log_dest log_dest = LOG_DEST_STDERR;
static int log_fd = STDERR_FILENO;
static char *log_path;
static int log_verbosity = LOG_INFO;

static const char *
log_priority_name(int priority)
{
    switch (priority) {
    case LOG_EMERG: case LOG_ALERT: case LOG_CRIT: case LOG_ERR: return "error";
    case LOG_WARNING: return "warning";
    case LOG_NOTICE: return "notice";
    case LOG_INFO: return "info";
    default: return "debug";
    }
}

static int
log_open_file(const char *path)
{
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0640);
    if (fd < 0)
        fprintf(stderr, "cimrpcd: cannot open log file %s: %s\n", path, strerror(errno));
    return fd;
}

int
log_open(const char *dest)
{
    int rc = -1;

    pthread_mutex_lock(&log_lock);
    if (strcmp(dest, "stderr") == 0) {
        log_dest = LOG_DEST_STDERR;
        log_fd = STDERR_FILENO;
        rc = 0;
    } else if (strcmp(dest, "syslog") == 0) {
        openlog("cimrpcd", LOG_PID | LOG_NDELAY, LOG_DAEMON);
        log_dest = LOG_DEST_SYSLOG;
        rc = 0;
    } else {
        int fd = log_open_file(dest);
        char *copy = strdup(dest);
        if (fd >= 0 && copy != NULL) {
            free(log_path);
            log_path = copy;
            log_fd = fd;
            log_dest = LOG_DEST_FILE;
            rc = 0;
        } else {
            if (fd >= 0)
                close(fd);
            free(copy);
        }
    }
    pthread_mutex_unlock(&log_lock);
    return rc;
}

int
log_reopen(void)
{
    int rc = 0;

    pthread_mutex_lock(&log_lock);
    if (log_dest == LOG_DEST_FILE) {
        int fd = log_open_file(log_path);
        if (fd < 0) {
            rc = -1;
        } else {
            close(log_fd);
            log_fd = fd;
        }
    }
    pthread_mutex_unlock(&log_lock);
    return rc;
}

void
log_set_verbosity(int priority)
{
    log_verbosity = priority;
}

void
log_msg(int priority, const char *fmt, ...)
{
    char line[2048];
    size_t len = 0;
    va_list ap;
    int n;

    if (priority > log_verbosity)
        return;

    pthread_mutex_lock(&log_lock);
    if (log_dest == LOG_DEST_SYSLOG) {
        va_start(ap, fmt);
        vsyslog(priority, fmt, ap);
        va_end(ap);
        pthread_mutex_unlock(&log_lock);
        return;
    }

    if (log_dest == LOG_DEST_FILE) {
        struct timespec ts;
        struct tm tm;
        clock_gettime(CLOCK_REALTIME, &ts);
        gmtime_r(&ts.tv_sec, &tm);
        len = strftime(line, sizeof(line), "%Y-%m-%dT%H:%M:%SZ ", &tm);
    }
    n = snprintf(line + len, sizeof(line) - len, "cimrpcd[%ld]: %s: ",
                 (long)getpid(), log_priority_name(priority));
    if (n > 0)
        len += (size_t)n;
    va_start(ap, fmt);
    n = vsnprintf(line + len, sizeof(line) - len, fmt, ap);
    va_end(ap);
    if (n > 0)
        len += (size_t)n;
    if (len >= sizeof(line) - 1) {
        len = sizeof(line) - 5;
        memcpy(line + len, "...", 3);
        len += 3;
    }
    line[len++] = '\n';
    /* A failed log write has nowhere better to be reported. */
    if (write(log_fd, line, len) < 0)
        (void)0;
    pthread_mutex_unlock(&log_lock);
}

void
log_close(void)
{
    pthread_mutex_lock(&log_lock);
    if (log_dest == LOG_DEST_FILE)
        close(log_fd);
    else if (log_dest == LOG_DEST_SYSLOG)
        closelog();
    log_dest = LOG_DEST_STDERR;
    log_fd = STDERR_FILENO;
    free(log_path);
    log_path = NULL;
    pthread_mutex_unlock(&log_lock);
}
