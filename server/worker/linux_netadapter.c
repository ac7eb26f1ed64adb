/*
 * linux_netadapter.c: Linux_NetworkAdapter, the network interfaces of
 * the worker's network namespace, from /sys/class/net/IF and
 * getifaddrs().
 *
 * DeviceID is the interface name, checked to be one (at most IFNAMSIZ-1
 * bytes, no slash, not "." or "..") before it becomes part of a /sys
 * path.  A value the driver does not report (speed and duplex of a link
 * that is down or virtual, carrier of an interface that is down, the
 * driver of a virtual interface) is NULL.  The hardware address is
 * written as hexadecimal digits without separators, upper case, as
 * CIM_NetworkPort.PermanentAddress describes it.  IPAddresses lists at
 * most NET_ADDRESSES_MAX addresses.
 */
#include <config.h>

#include <arpa/inet.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <ifaddrs.h>
#include <limits.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/wbem.h"
#include "worker/linux_provider.h"
#include "worker/linux_system.h"
#include "worker/provider_args.h"

#define NET_CLASS "Linux_NetworkAdapter"
#define NET_DIR "/sys/class/net"
#define NET_ADDRESSES_MAX 256           /* IP addresses listed per interface */
#define HWADDR_TEXT_MAX 64              /* the MOF's MaxLen of PermanentAddress */

enum { KEY_SCC, KEY_SNAME, KEY_CC, KEY_DEVICE, NKEYS };

static bool
valid_ifname(const char *name)
{
    size_t n = strlen(name);

    return n > 0 && n < IFNAMSIZ && !strchr(name, '/') && strcmp(name, ".") != 0 &&
           strcmp(name, "..") != 0;
}

/* Read /sys/class/net/IF/ATTR as a number: 0 or -1. */
static int
attr_u64(const char *ifname, const char *attr, uint64_t *v)
{
    char path[128];

    snprintf(path, sizeof(path), NET_DIR "/%s/%s", ifname, attr);
    return linux_read_u64(path, v);
}

static void
add_u64(struct cim_build *b, const char *ifname, const char *attr, const char *prop,
        cim_type type)
{
    uint64_t v;

    if (attr_u64(ifname, attr, &v) == 0)
        cim_build_uint(b, prop, type, v);
    else
        cim_build_null(b, prop, type, false);
}

/* OperStatus of an operstate word (RFC 2863 values). */
static unsigned
oper_status(const char *s)
{
    static const char *const words[] = { "up", "down", "testing", "unknown", "dormant",
                                         "notpresent", "lowerlayerdown" };

    for (unsigned i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (strcmp(s, words[i]) == 0)
            return i + 1;
    return 4;                           /* Unknown */
}

/* "aa:bb:..." as "AABB...", into OUT; false when it does not fit. */
static bool
hwaddr_text(const char *in, char *out, size_t len)
{
    size_t o = 0;

    for (; *in; in++) {
        if (*in == ':')
            continue;
        if (!isxdigit((unsigned char)*in) || o + 1 >= len)
            return false;
        out[o++] = (char)toupper((unsigned char)*in);
    }
    out[o] = '\0';
    return true;
}

/* Prefix length of the netmask SA. */
static int
prefix_len(const struct sockaddr *sa)
{
    const unsigned char *p;
    size_t n;
    int bits = 0;

    if (sa->sa_family == AF_INET) {
        p = (const unsigned char *)&((const struct sockaddr_in *)(const void *)sa)->sin_addr;
        n = 4;
    } else {
        p = (const unsigned char *)&((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
        n = 16;
    }
    for (size_t i = 0; i < n; i++)
        for (int bit = 7; bit >= 0; bit--)
            bits += (p[i] >> bit) & 1;
    return bits;
}

/* IPAddresses of IFNAME from the list IFA. */
static void
add_ip_addresses(struct cim_build *b, const char *ifname, const struct ifaddrs *ifa)
{
    char text[NET_ADDRESSES_MAX][INET6_ADDRSTRLEN + 16];
    const char *v[NET_ADDRESSES_MAX];
    size_t n = 0;

    for (; ifa && n < NET_ADDRESSES_MAX; ifa = ifa->ifa_next) {
        const struct sockaddr *sa = ifa->ifa_addr;
        char addr[INET6_ADDRSTRLEN];
        const void *raw;

        if (!sa || strcmp(ifa->ifa_name, ifname) != 0 ||
            (sa->sa_family != AF_INET && sa->sa_family != AF_INET6))
            continue;
        raw = sa->sa_family == AF_INET
                  ? (const void *)&((const struct sockaddr_in *)(const void *)sa)->sin_addr
                  : (const void *)&((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
        if (!inet_ntop(sa->sa_family, raw, addr, sizeof(addr)))
            continue;
        if (ifa->ifa_netmask && ifa->ifa_netmask->sa_family == sa->sa_family)
            snprintf(text[n], sizeof(text[n]), "%s/%d", addr, prefix_len(ifa->ifa_netmask));
        else
            snprintf(text[n], sizeof(text[n]), "%s", addr);
        v[n] = text[n];
        n++;
    }
    cim_build_strings(b, "IPAddresses", v, n);
}

static void
add_link(struct cim_build *b, const char *ifname)
{
    char path[128], buf[256], hw[HWADDR_TEXT_MAX + 1];
    uint64_t v;

    snprintf(path, sizeof(path), NET_DIR "/%s/operstate", ifname);
    cim_build_uint(b, "OperStatus", CIM_TYPE_UINT16,
                   linux_read_line(path, buf, sizeof(buf)) == 0 ? oper_status(buf) : 4);
    if (attr_u64(ifname, "carrier", &v) == 0)
        cim_build_bool(b, "Carrier", v != 0);
    else
        cim_build_null(b, "Carrier", CIM_TYPE_BOOLEAN, false);
    snprintf(path, sizeof(path), NET_DIR "/%s/flags", ifname);
    if (linux_read_line(path, buf, sizeof(buf)) == 0 && strncmp(buf, "0x", 2) == 0)
        cim_build_uint(b, "Flags", CIM_TYPE_UINT32, strtoul(buf + 2, NULL, 16));
    else
        cim_build_null(b, "Flags", CIM_TYPE_UINT32, false);
    snprintf(path, sizeof(path), NET_DIR "/%s/address", ifname);
    if (linux_read_line(path, buf, sizeof(buf)) == 0 && hwaddr_text(buf, hw, sizeof(hw))) {
        const char *one[1] = { hw };

        cim_build_string(b, "PermanentAddress", hw);
        cim_build_strings(b, "NetworkAddresses", one, hw[0] ? 1 : 0);
    } else {
        cim_build_null(b, "PermanentAddress", CIM_TYPE_STRING, false);
        cim_build_null(b, "NetworkAddresses", CIM_TYPE_STRING, true);
    }
    if (attr_u64(ifname, "speed", &v) == 0 && v <= UINT64_MAX / 1000000)
        cim_build_uint(b, "Speed", CIM_TYPE_UINT64, v * 1000000);     /* Mb/s to bit/s */
    else
        cim_build_null(b, "Speed", CIM_TYPE_UINT64, false);
    snprintf(path, sizeof(path), NET_DIR "/%s/duplex", ifname);
    if (linux_read_line(path, buf, sizeof(buf)) == 0 &&
        (strcmp(buf, "full") == 0 || strcmp(buf, "half") == 0))
        cim_build_bool(b, "FullDuplex", strcmp(buf, "full") == 0);
    else
        cim_build_null(b, "FullDuplex", CIM_TYPE_BOOLEAN, false);
}

static void
add_counters(struct cim_build *b, const char *ifname)
{
    static const char *const map[][2] = {
        { "statistics/rx_bytes", "ReceivedBytes" },
        { "statistics/tx_bytes", "TransmittedBytes" },
        { "statistics/rx_packets", "ReceivedPackets" },
        { "statistics/tx_packets", "TransmittedPackets" },
        { "statistics/rx_errors", "ReceiveErrors" },
        { "statistics/tx_errors", "TransmitErrors" },
        { "statistics/rx_dropped", "ReceiveDropped" },
        { "statistics/tx_dropped", "TransmitDropped" },
    };

    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
        add_u64(b, ifname, map[i][0], map[i][1], CIM_TYPE_UINT64);
}

static int
emit_adapter(struct provider_call *call, const struct linux_scope *scope, const char *ifname,
             const struct ifaddrs *ifa, bool keys_only)
{
    char path[128], target[PATH_MAX];
    struct cim_build b;
    uint64_t type;
    ssize_t n;

    cim_build_init(&b, NET_CLASS);
    cim_build_string(&b, "SystemCreationClassName", LINUX_CS_CLASS);
    cim_build_string(&b, "SystemName", scope->host);
    cim_build_string(&b, "CreationClassName", NET_CLASS);
    cim_build_string(&b, "DeviceID", ifname);
    if (keys_only)
        return provider_emit_build(call, &b);
    cim_build_string(&b, "Name", ifname);
    add_u64(&b, ifname, "ifindex", "InterfaceIndex", CIM_TYPE_UINT32);
    if (attr_u64(ifname, "type", &type) == 0 && type <= UINT16_MAX) {
        cim_build_uint(&b, "InterfaceType", CIM_TYPE_UINT16, type);
        /* LinkTechnology: ARPHRD_ETHER is Ethernet, ARPHRD_INFINIBAND IB. */
        cim_build_uint(&b, "LinkTechnology", CIM_TYPE_UINT16,
                       type == 1 ? 2 : type == 32 ? 3 : 0);
    } else {
        cim_build_null(&b, "InterfaceType", CIM_TYPE_UINT16, false);
        cim_build_null(&b, "LinkTechnology", CIM_TYPE_UINT16, false);
    }
    add_u64(&b, ifname, "mtu", "ActiveMaximumTransmissionUnit", CIM_TYPE_UINT64);
    add_link(&b, ifname);
    snprintf(path, sizeof(path), NET_DIR "/%s/device/driver", ifname);
    n = readlink(path, target, sizeof(target) - 1);
    if (n > 0 && (size_t)n < sizeof(target) - 1) {
        const char *slash;

        target[n] = '\0';
        slash = strrchr(target, '/');
        cim_build_string(&b, "Driver", slash ? slash + 1 : target);
    } else {
        cim_build_null(&b, "Driver", CIM_TYPE_STRING, false);
    }
    add_ip_addresses(&b, ifname, ifa);
    add_counters(&b, ifname);
    return provider_emit_build(call, &b);
}

/* The interface list for IPAddresses (NULL for keys only).  0 or -1. */
static int
addresses_read(struct provider_call *call, bool keys_only, struct ifaddrs **out)
{
    *out = NULL;
    if (!keys_only && getifaddrs(out) < 0)
        return provider_fail_errno(call, errno, NULL, "getifaddrs()");
    return 0;
}

static int
netadapter_enumerate(struct provider_call *call)
{
    bool keys_only = provider_call_keys_only(call);
    struct linux_scope scope;
    struct ifaddrs *ifa;
    struct dirent *de;
    int rc = 0;
    DIR *d;

    if (linux_scope_read(call, &scope) < 0 || addresses_read(call, keys_only, &ifa) < 0)
        return -1;
    d = opendir(NET_DIR);
    if (!d) {
        rc = provider_fail_errno(call, errno, NULL, "listing " NET_DIR);
        goto cleanup;
    }
    while (rc == 0 && (errno = 0, de = readdir(d)))
        if (de->d_name[0] != '.' && valid_ifname(de->d_name))
            rc = emit_adapter(call, &scope, de->d_name, ifa, keys_only);
    if (rc == 0 && errno != 0)
        rc = provider_fail_errno(call, errno, NULL, "listing " NET_DIR);
    closedir(d);
cleanup:
    if (ifa)
        freeifaddrs(ifa);
    return rc;
}

static int
netadapter_get(struct provider_call *call, const cim_instance *keys)
{
    struct provider_key spec[NKEYS];
    struct linux_scope scope;
    struct ifaddrs *ifa;
    const char *v[NKEYS];
    char path[128];
    struct stat st;
    int rc;

    if (linux_scope_read(call, &scope) < 0)
        return -1;
    spec[KEY_SCC] = (struct provider_key){ "SystemCreationClassName", LINUX_CS_CLASS, false };
    spec[KEY_SNAME] = (struct provider_key){ "SystemName", scope.host, false };
    spec[KEY_CC] = (struct provider_key){ "CreationClassName", NET_CLASS, false };
    spec[KEY_DEVICE] = (struct provider_key){ "DeviceID", NULL, false };
    if (provider_keys_read(call, keys, spec, NKEYS, v) < 0)
        return -1;
    if (!valid_ifname(v[KEY_DEVICE]))
        return provider_fail(call, WBEM_E_INVALID_PARAMETER, "the DeviceID of a %s is an "
                             "interface name (1 to %d bytes, no slash), not \"%.64s\"",
                             NET_CLASS, IFNAMSIZ - 1, v[KEY_DEVICE]);
    snprintf(path, sizeof(path), NET_DIR "/%s", v[KEY_DEVICE]);
    if (stat(path, &st) < 0) {
        if (errno == ENOENT)
            return provider_fail(call, WBEM_E_NOT_FOUND, "no network interface is named "
                                 "\"%s\"", v[KEY_DEVICE]);
        return provider_fail_errno(call, errno, NULL, "stat %s", path);
    }
    if (addresses_read(call, false, &ifa) < 0)
        return -1;
    rc = emit_adapter(call, &scope, v[KEY_DEVICE], ifa, false);
    freeifaddrs(ifa);
    return rc;
}

const struct provider_class linux_netadapter_class = {
    .name = NET_CLASS,
    .enumerate = netadapter_enumerate,
    .get = netadapter_get,
};
