/*
 * linux_computer.c: Linux_ComputerSystem, the one instance of this
 * computer: Name is the host name (uname), NameFormat "IP", FQDN the
 * canonical name the resolver gives for it (NULL when it gives none),
 * MachineID /etc/machine-id (NULL unless it holds 32 hexadecimal
 * digits).
 */
#include <config.h>

#include <ctype.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "common/wbem.h"
#include "worker/linux_provider.h"
#include "worker/linux_system.h"
#include "worker/provider_args.h"

/* The machine ID into BUF (33 bytes), or NULL. */
static const char *
machine_id(char *buf, size_t len)
{
    if (linux_read_line("/etc/machine-id", buf, len) < 0 || strlen(buf) != 32)
        return NULL;
    for (size_t i = 0; i < 32; i++)
        if (!isxdigit((unsigned char)buf[i]))
            return NULL;
    return buf;
}

static int
emit_computer(struct provider_call *call, const struct linux_scope *scope, bool keys_only)
{
    struct addrinfo hints, *ai = NULL;
    char id[64];
    struct cim_build b;
    int rc;

    cim_build_init(&b, LINUX_CS_CLASS);
    cim_build_string(&b, "CreationClassName", LINUX_CS_CLASS);
    cim_build_string(&b, "Name", scope->host);
    if (keys_only)
        return provider_emit_build(call, &b);
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_CANONNAME;
    cim_build_string(&b, "NameFormat", "IP");
    cim_build_string(&b, "ElementName", scope->host);
    cim_build_string(&b, "FQDN", getaddrinfo(scope->host, NULL, &hints, &ai) == 0 && ai &&
                                 ai->ai_canonname ? ai->ai_canonname : NULL);
    cim_build_string(&b, "MachineID", machine_id(id, sizeof(id)));
    rc = provider_emit_build(call, &b);
    if (ai)
        freeaddrinfo(ai);
    return rc;
}

static int
computer_enumerate(struct provider_call *call)
{
    struct linux_scope scope;

    if (linux_scope_read(call, &scope) < 0)
        return -1;
    return emit_computer(call, &scope, provider_call_keys_only(call));
}

static int
computer_get(struct provider_call *call, const cim_instance *keys)
{
    struct linux_scope scope;
    struct provider_key spec[2];
    const char *v[2];

    if (linux_scope_read(call, &scope) < 0)
        return -1;
    spec[0] = (struct provider_key){ "CreationClassName", LINUX_CS_CLASS, false };
    spec[1] = (struct provider_key){ "Name", scope.host, false };
    if (provider_keys_read(call, keys, spec, 2, v) < 0)
        return -1;
    return emit_computer(call, &scope, false);
}

const struct provider_class linux_computer_class = {
    .name = LINUX_CS_CLASS,
    .enumerate = computer_enumerate,
    .get = computer_get,
};
