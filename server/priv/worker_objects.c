/*
 * worker_objects.c: cim_instance objects and batches of them, as the
 * PROVIDE operation of idl/worker.x carries them (worker_objects.h).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "common/xdr_blob.h"
#include "priv/worker_objects.h"

int
worker_object_encode(const cim_instance *inst, char **data_out, u_int *len_out)
{
    unsigned char *buf;
    size_t len;

    *data_out = NULL;
    *len_out = 0;
    if (xdr_blob_encode((xdrproc_t)xdr_cim_instance, (void *)inst, &buf, &len) < 0)
        return -1;
    if (len > WORKER_DATA_MAX) {
        free(buf);
        return -1;
    }
    *data_out = (char *)buf;
    *len_out = (u_int)len;
    return 0;
}

int
worker_object_decode(const char *data, u_int len, cim_instance *inst)
{
    return xdr_blob_decode((xdrproc_t)xdr_cim_instance, data, len, inst);
}

void
worker_batch_init(struct worker_batch *b)
{
    b->len = 4;                     /* the count, written as it grows */
    b->count = 0;
    memset(b->data, 0, 4);
}

int
worker_batch_add(struct worker_batch *b, const cim_instance *inst)
{
    unsigned long need = xdr_sizeof((xdrproc_t)xdr_cim_instance, (void *)inst);
    XDR xdr;
    bool ok;

    if (need == 0 || need > WORKER_DATA_MAX - 4)
        return -1;
    if (b->count >= WORKER_OBJECTS_MAX || b->len + need > WORKER_DATA_MAX)
        return 1;
    xdrmem_create(&xdr, b->data + b->len, (u_int)need, XDR_ENCODE);
    ok = xdr_cim_instance(&xdr, (cim_instance *)inst) && xdr_getpos(&xdr) == need;
    xdr_destroy(&xdr);
    if (!ok)
        return -1;
    b->len += need;
    b->count++;
    b->data[0] = (char)(b->count >> 24);
    b->data[1] = (char)(b->count >> 16);
    b->data[2] = (char)(b->count >> 8);
    b->data[3] = (char)b->count;
    return 0;
}

/* The batch as XDR: a counted array of cim_instance. */
struct worker_object_list {
    u_int count;
    cim_instance *list;
};

static bool_t
xdr_worker_object_list(XDR *xdr, struct worker_object_list *l)
{
    return xdr_array(xdr, (char **)&l->list, &l->count, WORKER_OBJECTS_MAX,
                     sizeof(cim_instance), (xdrproc_t)xdr_cim_instance);
}

int
worker_batch_decode(const char *data, u_int len, cim_instance **list_out, u_int *count_out)
{
    struct worker_object_list l = { 0, NULL };

    *list_out = NULL;
    *count_out = 0;
    if (xdr_blob_decode((xdrproc_t)xdr_worker_object_list, data, len, &l) < 0)
        return -1;
    *list_out = l.list;
    *count_out = l.count;
    return 0;
}

void
worker_objects_free(cim_instance *list, u_int count)
{
    struct worker_object_list l = { count, list };

    if (list != NULL)
        xdr_free((xdrproc_t)xdr_worker_object_list, (char *)&l);
}
