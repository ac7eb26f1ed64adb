/*
 * dispatch_entry.h: one row of the procedure table.
 *
 * The table itself (dispatch_table.c) and the handler prototypes
 * (dispatch_procs.h) are generated at build time by idl/gen-dispatch.py from
 * the annotations on each procedure in idl/cimrpc.x.  Nothing here is
 * written by hand per procedure.
 *
 * Invariant: a zero-filled entry denies.  Every policy enum has its
 * "undeclared" value at 0, so a gap in the table (a procedure number with
 * no row) or a row the generator did not fill can never be dispatched.
 */
#ifndef CIMRPC_DISPATCH_ENTRY_H
#define CIMRPC_DISPATCH_ENTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <rpc/rpc.h>

struct call_context;

/* What the caller must hold on the session's namespace. */
enum dispatch_access {
    DISPATCH_ACCESS_UNDECLARED = 0, /* never dispatched */
    DISPATCH_ACCESS_NONE,           /* no namespace right needed */
    DISPATCH_ACCESS_RIGHTS,         /* every bit of .rights is needed */
};

/* Whether the procedure runs inside an open session. */
enum dispatch_session {
    DISPATCH_SESSION_UNDECLARED = 0,
    DISPATCH_SESSION_NONE,          /* callable without a session */
    DISPATCH_SESSION_REQUIRED,      /* refused unless a session is open */
};

/* Which audit category a decision about this procedure is logged under. */
enum dispatch_audit {
    DISPATCH_AUDIT_UNDECLARED = 0,
    DISPATCH_AUDIT_NONE,
    DISPATCH_AUDIT_SESSION,
    DISPATCH_AUDIT_READ,
    DISPATCH_AUDIT_WRITE,
    DISPATCH_AUDIT_METHOD,
    DISPATCH_AUDIT_SECURITY,
    DISPATCH_AUDIT_CONFIG,
};

/*
 * A handler adapter: decoded arguments in, results out.  args and res point
 * to zeroed storage of the entry's args_size / res_size (NULL when the type
 * is void).  Returns 0 when res is filled (application errors travel inside
 * res), -1 on an internal failure (the caller gets SYSTEM_ERR).  The
 * dispatcher frees both with xdr_free afterwards; a handler that keeps a
 * pointer from args must set it to NULL.
 */
typedef int dispatch_handler_fn(struct call_context *ctx, void *args, void *res);

struct dispatch_entry {
    uint32_t proc;                  /* procedure number */
    const char *name;               /* "PING": the .x name without prefix */
    xdrproc_t xdr_args;             /* decoder for the arguments */
    size_t args_size;               /* 0 for void */
    xdrproc_t xdr_res;              /* encoder for the results */
    size_t res_size;                /* 0 for void */
    dispatch_handler_fn *handler;
    enum dispatch_access access;
    uint32_t rights;                /* WBEM rights mask (common/rights.h) */
    enum dispatch_session session;
    enum dispatch_audit audit;
};

/* Generated: indexed by procedure number; gaps are zero-filled rows. */
extern const struct dispatch_entry dispatch_table[];
extern const size_t dispatch_table_size;

#endif
