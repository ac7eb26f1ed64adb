/*
 * bench-io.c: whole reads and writes on a pipe (bench-io.h).
 */
#include <config.h>

#include <errno.h>
#include <stdbool.h>
#include <unistd.h>

#include "bench-io.h"

/* Move LEN bytes between FD and BUF, writing when WRITING. */
static int
bench_io_all(int fd, char *buf, size_t len, bool writing)
{
    while (len > 0) {
        ssize_t n = writing ? write(fd, buf, len) : read(fd, buf, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

int
bench_io_write_all(int fd, const void *buf, size_t len)
{
    return bench_io_all(fd, (char *)buf, len, true);
}

int
bench_io_read_all(int fd, void *buf, size_t len)
{
    return bench_io_all(fd, buf, len, false);
}
