/*
 * pidfile.h: the daemon's pid file, locked while the daemon runs.
 *
 * The file holds the pid followed by a newline and carries an fcntl write
 * lock for the daemon's lifetime, so a second daemon started with the same
 * pid file refuses to run instead of overwriting it.
 */
#ifndef CIMRPC_PIDFILE_H
#define CIMRPC_PIDFILE_H

/* Create (or take over a stale) pid file at PATH, lock it and write our
 * pid.  Returns the open descriptor (keep it open), or -1 with the reason
 * logged (including the pid of a running daemon holding it). */
int pidfile_create(const char *path);

/* Remove the pid file and close FD.  Accepts fd < 0 (no-op). */
void pidfile_remove(const char *path, int fd);

#endif
