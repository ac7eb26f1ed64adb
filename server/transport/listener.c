/*
 * listener.c: create listening sockets.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "transport/listener.h"

/* Split "ADDR:PORT" / "[ADDR]:PORT" into host and port strings. */
static int
listener_split(const char *spec, char *host, size_t host_len, char *port, size_t port_len)
{
    const char *colon, *h = spec;
    size_t hl;

    if (spec[0] == '[') {
        const char *close = strchr(spec, ']');
        if (close == NULL || close[1] != ':')
            return -1;
        h = spec + 1;
        hl = (size_t)(close - h);
        colon = close + 1;
    } else {
        colon = strrchr(spec, ':');
        if (colon == NULL)
            return -1;
        hl = (size_t)(colon - spec);
        if (memchr(spec, ':', hl) != NULL)   /* bare IPv6 needs brackets */
            return -1;
    }
    if (hl == 0 || hl >= host_len || strlen(colon + 1) == 0 || strlen(colon + 1) >= port_len)
        return -1;
    memcpy(host, h, hl);
    host[hl] = '\0';
    strcpy(port, colon + 1);
    for (const char *p = port; *p; p++)
        if (*p < '0' || *p > '9')
            return -1;
    if (atol(port) > 65535)
        return -1;
    return 0;
}

int
listener_open_tcp(const char *spec, int backlog, char *why, size_t why_len)
{
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                              .ai_flags = AI_PASSIVE | AI_NUMERICSERV };
    struct addrinfo *res = NULL;
    char host[256], port[8];
    int fd = -1, one = 1, rc;

    if (listener_split(spec, host, sizeof(host), port, sizeof(port)) < 0) {
        snprintf(why, why_len, "listen address '%s' is not ADDR:PORT (IPv6 as [ADDR]:PORT, "
                 "port 0-65535)", spec);
        return -1;
    }
    rc = getaddrinfo(host, port, &hints, &res);
    if (rc != 0) {
        snprintf(why, why_len, "cannot resolve listen address '%s': %s", spec, gai_strerror(rc));
        return -1;
    }
    fd = socket(res->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        snprintf(why, why_len, "cannot create a socket for '%s': %s", spec, strerror(errno));
        goto fail;
    }
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0) {
        snprintf(why, why_len, "setsockopt(SO_REUSEADDR) on '%s': %s", spec, strerror(errno));
        goto fail;
    }
    if (bind(fd, res->ai_addr, res->ai_addrlen) < 0) {
        snprintf(why, why_len, "cannot listen on %s: %s%s", spec, strerror(errno),
                 errno == EADDRINUSE ? " (another process uses that port; choose another "
                 "with --listen)" : "");
        goto fail;
    }
    if (listen(fd, backlog) < 0) {
        snprintf(why, why_len, "cannot listen on %s: %s", spec, strerror(errno));
        goto fail;
    }
    freeaddrinfo(res);
    return fd;

fail:
    if (fd >= 0)
        close(fd);
    freeaddrinfo(res);
    return -1;
}

/* Is a daemon answering on the socket at ADDR? */
static int
listener_unix_alive(const struct sockaddr_un *addr)
{
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int alive;

    if (fd < 0)
        return 0;
    alive = connect(fd, (const struct sockaddr *)addr, sizeof(*addr)) == 0;
    close(fd);
    return alive;
}

static int
listener_make_parent(const char *path, char *why, size_t why_len)
{
    char dir[sizeof(((struct sockaddr_un *)0)->sun_path)];
    char *slash;

    snprintf(dir, sizeof(dir), "%s", path);
    slash = strrchr(dir, '/');
    if (slash == NULL || slash == dir)
        return 0;
    *slash = '\0';
    if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
        snprintf(why, why_len, "cannot create directory %s for the local socket: %s",
                 dir, strerror(errno));
        return -1;
    }
    return 0;
}

int
listener_open_unix(const char *path, int backlog, char *why, size_t why_len)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    struct stat st;
    int fd;

    if (strlen(path) >= sizeof(addr.sun_path)) {
        snprintf(why, why_len, "local socket path '%s' is too long (at most %zu bytes); "
                 "choose a shorter --socket", path, sizeof(addr.sun_path) - 1);
        return -1;
    }
    memcpy(addr.sun_path, path, strlen(path) + 1);
    if (listener_make_parent(path, why, why_len) < 0)
        return -1;
    if (lstat(path, &st) == 0) {
        if (!S_ISSOCK(st.st_mode)) {
            snprintf(why, why_len, "%s exists and is not a socket; remove it or choose "
                     "another --socket", path);
            return -1;
        }
        if (listener_unix_alive(&addr)) {
            snprintf(why, why_len, "another daemon is already listening on %s", path);
            return -1;
        }
        if (unlink(path) < 0) {
            snprintf(why, why_len, "cannot remove stale socket %s: %s", path, strerror(errno));
            return -1;
        }
    }
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        snprintf(why, why_len, "cannot create the local socket: %s", strerror(errno));
        return -1;
    }
    if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
        chmod(path, 0666) < 0 || listen(fd, backlog) < 0) {
        snprintf(why, why_len, "cannot listen on %s: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

int
listener_local_port(int fd)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);

    if (getsockname(fd, (struct sockaddr *)&ss, &len) < 0)
        return -1;
    if (ss.ss_family == AF_INET)
        return ntohs(((struct sockaddr_in *)&ss)->sin_port);
    if (ss.ss_family == AF_INET6)
        return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
    return -1;
}
