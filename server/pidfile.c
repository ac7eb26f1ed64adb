/*
 * pidfile.c: create, lock and remove the pid file.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "pidfile.h"

int
pidfile_create(const char *path)
{
    struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
    char buf[32];
    int fd, n;

    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) {
        log_msg(LOG_ERR, "cannot create pid file %s: %s", path, strerror(errno));
        return -1;
    }
    if (fcntl(fd, F_SETLK, &lock) < 0) {
        if (errno == EACCES || errno == EAGAIN) {
            struct flock holder = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
            if (fcntl(fd, F_GETLK, &holder) == 0 && holder.l_type != F_UNLCK)
                log_msg(LOG_ERR, "another cimrpcd (pid %ld) is running with pid file %s; "
                        "stop it first or choose another --pidfile", (long)holder.l_pid, path);
            else
                log_msg(LOG_ERR, "pid file %s is locked by another process", path);
        } else {
            log_msg(LOG_ERR, "cannot lock pid file %s: %s", path, strerror(errno));
        }
        close(fd);
        return -1;
    }
    n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) < 0 || pwrite(fd, buf, (size_t)n, 0) != n) {
        log_msg(LOG_ERR, "cannot write pid file %s: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

void
pidfile_remove(const char *path, int fd)
{
    if (fd < 0)
        return;
    if (unlink(path) < 0 && errno != ENOENT)
        log_msg(LOG_WARNING, "cannot remove pid file %s: %s", path, strerror(errno));
    close(fd);
}
