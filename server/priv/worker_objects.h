/*
 * worker_objects.h: the objects of a PROVIDE request or reply
 * (idl/worker.x), as XDR of idl/cimrpc.x's cim_instance.
 *
 * A request carries at most one object per field (the keys or the
 * instance, and the in-parameters).  A reply carries a batch: a count,
 * then that many instances, within WORKER_DATA_MAX bytes; a provider
 * with more to say sends several replies.  The writer packs instances
 * into a batch until the next would not fit, and says so, so the worker
 * sends the batch and starts another.  Both the daemon (server/priv/)
 * and cimrpc-worker use these functions, so the encoding lives in one
 * place.
 */
#ifndef CIMRPC_WORKER_OBJECTS_H
#define CIMRPC_WORKER_OBJECTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cimrpc.h"
#include "worker.h"

#define WORKER_OBJECTS_MAX 4096     /* instances in one reply */

/* One object: encode INST (borrowed) into *DATA_OUT and *LEN_OUT (a new
 * buffer, the caller frees it; at most WORKER_DATA_MAX bytes).  Returns
 * 0, or -1 when it does not encode or is too large. */
int worker_object_encode(const cim_instance *inst, char **data_out, u_int *len_out);

/* Decode one object from DATA (LEN bytes) into *INST (zeroed by the
 * caller; freed with xdr_free(xdr_cim_instance, ...) after success).
 * Returns 0, or -1 with nothing allocated. */
int worker_object_decode(const char *data, u_int len, cim_instance *inst);

/* A batch being written. */
struct worker_batch {
    char data[WORKER_DATA_MAX];
    size_t len;                     /* bytes used, the count included */
    uint32_t count;
};

/* Start an empty batch. */
void worker_batch_init(struct worker_batch *b);

/* Append INST (borrowed).  Returns 0 when it was added, 1 when the batch
 * is full (send it, start another, add INST again), or -1 when INST can
 * never fit one batch or does not encode. */
int worker_batch_add(struct worker_batch *b, const cim_instance *inst);

/* Decode a batch from DATA (LEN bytes) into *LIST_OUT (an array of
 * *COUNT_OUT instances, the caller frees it with worker_objects_free()).
 * Returns 0, or -1 with nothing allocated when it is malformed. */
int worker_batch_decode(const char *data, u_int len, cim_instance **list_out,
                        u_int *count_out);

/* Free LIST (COUNT instances, as decoded).  Accepts NULL. */
void worker_objects_free(cim_instance *list, u_int count);

#endif
