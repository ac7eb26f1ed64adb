/*
 * priv_channel.c: framing of idl/worker.x messages, one per packet.
 *
 * Invariant: a decoded message consumed the whole packet, and the packet
 * was not truncated (MSG_TRUNC), so each message is exactly what the peer
 * encoded.  The buffer is a fixed WORKER_MSG_MAX bytes on the heap per
 * call, never sized by what the peer sends.
 */
#include <config.h>

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "priv/priv_channel.h"

int
priv_channel_send(int fd, xdrproc_t proc, void *msg)
{
    XDR xdrs;
    char *buf;
    ssize_t n;
    u_int len;
    int rc;

    buf = malloc(WORKER_MSG_MAX);
    if (!buf)
        return PRIV_CHANNEL_ERROR;
    xdrmem_create(&xdrs, buf, WORKER_MSG_MAX, XDR_ENCODE);
    if (!proc(&xdrs, msg)) {
        rc = PRIV_CHANNEL_PROTOCOL;
        goto cleanup;
    }
    len = xdr_getpos(&xdrs);
    do {
        n = send(fd, buf, len, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    if (n < 0)
        rc = (errno == EPIPE || errno == ECONNRESET) ? PRIV_CHANNEL_EOF : PRIV_CHANNEL_ERROR;
    else if ((size_t)n != len)
        rc = PRIV_CHANNEL_PROTOCOL;     /* SEQPACKET sends all or nothing */
    else
        rc = PRIV_CHANNEL_OK;
cleanup:
    xdr_destroy(&xdrs);
    free(buf);
    return rc;
}

/* Wait for FD to become readable: 1, 0 on timeout, -1 on error. */
static int
channel_wait(int fd, int timeout_ms)
{
    struct pollfd pfd = { .fd = fd, .events = POLLIN };
    int n;

    do {
        n = poll(&pfd, 1, timeout_ms);
    } while (n < 0 && errno == EINTR);
    if (n < 0)
        return -1;
    return n > 0;
}

int
priv_channel_recv(int fd, xdrproc_t proc, void *msg_out, int timeout_ms)
{
    struct msghdr mh = { 0 };
    struct iovec iov;
    XDR xdrs;
    char *buf;
    ssize_t n;
    int rc, ready;

    ready = channel_wait(fd, timeout_ms);
    if (ready < 0)
        return PRIV_CHANNEL_ERROR;
    if (ready == 0)
        return PRIV_CHANNEL_TIMEOUT;
    buf = malloc(WORKER_MSG_MAX);
    if (!buf)
        return PRIV_CHANNEL_ERROR;
    iov.iov_base = buf;
    iov.iov_len = WORKER_MSG_MAX;
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    do {
        n = recvmsg(fd, &mh, MSG_CMSG_CLOEXEC);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        rc = errno == ECONNRESET ? PRIV_CHANNEL_EOF : PRIV_CHANNEL_ERROR;
        free(buf);
        return rc;
    }
    if (n == 0) {
        free(buf);
        return PRIV_CHANNEL_EOF;
    }
    if (mh.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) {
        free(buf);
        return PRIV_CHANNEL_PROTOCOL;
    }
    xdrmem_create(&xdrs, buf, (u_int)n, XDR_DECODE);
    if (!proc(&xdrs, msg_out)) {
        xdr_free(proc, msg_out);
        rc = PRIV_CHANNEL_PROTOCOL;
    } else if (xdr_getpos(&xdrs) != (u_int)n) {
        xdr_free(proc, msg_out);
        rc = PRIV_CHANNEL_PROTOCOL;
    } else {
        rc = PRIV_CHANNEL_OK;
    }
    xdr_destroy(&xdrs);
    free(buf);
    return rc;
}

const char *
priv_channel_strerror(int status)
{
    switch (status) {
    case PRIV_CHANNEL_OK: return "no error";
    case PRIV_CHANNEL_EOF: return "the other end closed the channel";
    case PRIV_CHANNEL_TIMEOUT: return "no answer in time";
    case PRIV_CHANNEL_ERROR: return "a system error on the channel";
    case PRIV_CHANNEL_PROTOCOL: return "a malformed message on the channel";
    default: return "an unknown channel error";
    }
}

int
priv_why(char *why, size_t why_len, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(why, why_len, fmt, ap);
    va_end(ap);
    return -1;
}
