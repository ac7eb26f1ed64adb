/*
 * config_ops.c: reading and changing the delegated configuration of the
 * session's namespace (CONFIG_READ, CONFIG_WRITE; docs/CONFIGURATION.md).
 *
 * A read hands out its rows as instances of __ConfigSetting, moved out
 * of the reply after each has been checked like any instance the server
 * sends.  A write sends its changes as given: the server checks names
 * and values against the section's declaration and applies them all or
 * none; here only what the wire bounds (lengths, counts, operations) is
 * checked, so that a mistake is a usage error before anything is sent.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conn.h"
#include "error.h"
#include "instance.h"
#include "ops.h"
#include "wire.h"

#define CONFIG_ROW_CLASS "__ConfigSetting"

_Static_assert(CIMRPC_CONFIG_NAME_MAX == CIM_NAME_MAX, "public name bound differs from the wire's");

/* Is SECTION (WHAT: "read configuration") usable: given when REQUIRED, and
 * no longer than the wire allows?  0, or -1 with a usage error. */
static int
config_check_section(const char *section, bool required, const char *what,
                     cimrpc_error **err_out)
{
    if (required && (section == NULL || section[0] == '\0'))
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "%s: a section is required, such as "
                         "limits or security/authentication", what);
    if (section != NULL && strlen(section) > CIMRPC_CONFIG_NAME_MAX)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "%s: a section name is at most %d "
                         "bytes, not %zu", what, CIMRPC_CONFIG_NAME_MAX, strlen(section));
    return 0;
}

/* VIEW on the wire, or -1 with a usage error. */
static int
config_view_wire(cimrpc_cfg_view view, cimrpc_config_view *out, cimrpc_error **err_out)
{
    switch (view) {
    case CIMRPC_CFG_VIEW_SECTIONS:
        *out = CIMRPC_CONFIG_VIEW_SECTIONS;
        return 0;
    case CIMRPC_CFG_VIEW_HERE:
        *out = CIMRPC_CONFIG_VIEW_HERE;
        return 0;
    case CIMRPC_CFG_VIEW_EFFECTIVE:
        *out = CIMRPC_CONFIG_VIEW_EFFECTIVE;
        return 0;
    }
    return error_set(err_out, CIMRPC_ERR_USAGE, 0, "read configuration: view %d does not "
                     "exist", (int)view);
}

/* Check the rows of a CONFIG_READ answer: valid instances of
 * __ConfigSetting.  0, or -1 with WHY. */
static int
config_check_rows(const cim_instance *rows, u_int n, char *why, size_t why_len)
{
    for (u_int i = 0; i < n; i++) {
        char inner[448];

        if (wire_check_instance(&rows[i], 0, inner, sizeof(inner)) < 0) {
            snprintf(why, why_len, "row %u: %s", i + 1, inner);
            return -1;
        }
        if (strcasecmp(rows[i].class_name, CONFIG_ROW_CLASS) != 0) {
            snprintf(why, why_len, "row %u is an instance of %.256s, not of %s", i + 1,
                     rows[i].class_name, CONFIG_ROW_CLASS);
            return -1;
        }
    }
    return 0;
}

void
cimrpc_instancev_free(cimrpc_instance **rows)
{
    if (rows == NULL)
        return;
    for (cimrpc_instance **r = rows; *r != NULL; r++)
        cimrpc_instance_free(*r);
    free(rows);
}

int
cimrpc_config_read(cimrpc_conn *conn, const char *section, cimrpc_cfg_view view,
                   cimrpc_instance ***rows_out, size_t *n_out, cimrpc_error **err_out)
{
    const char *what = "read configuration";
    cimrpc_config_read_args args;
    cimrpc_config_read_res res;
    cim_instance *wire_rows;
    cimrpc_instance **rows = NULL;
    char why[512];
    u_int n;
    int rc = -1;

    if (conn == NULL || rows_out == NULL)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "%s: a connection and a place for the "
                         "rows are required", what);
    memset(&args, 0, sizeof(args));
    if (config_check_section(section, false, what, err_out) < 0 ||
        config_view_wire(view, &args.view, err_out) < 0)
        return -1;
    args.section = (char *)(section != NULL ? section : "");
    memset(&res, 0, sizeof(res));
    if (conn_call_session(conn, CIMRPC_CONFIG_READ, (xdrproc_t)xdr_cimrpc_config_read_args,
                          &args, (xdrproc_t)xdr_cimrpc_config_read_res, &res, what,
                          err_out) < 0)
        return -1;
    if (res.code != 0) {
        error_set_wbem(err_out, res.code, res.cimrpc_config_read_res_u.reason);
        goto cleanup;
    }
    wire_rows = res.cimrpc_config_read_res_u.rows.rows_val;
    n = res.cimrpc_config_read_res_u.rows.rows_len;    /* at most CIMRPC_CONFIG_ROWS_MAX */
    if (config_check_rows(wire_rows, n, why, sizeof(why)) < 0) {
        wire_error(err_out, conn, what, why);
        goto cleanup;
    }
    if ((rows = calloc((size_t)n + 1, sizeof(*rows))) == NULL) {
        error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
        goto cleanup;
    }
    for (u_int i = 0; i < n; i++) {         /* each row moves out of the reply */
        if ((rows[i] = instance_adopt(&wire_rows[i], NULL)) == NULL) {
            cimrpc_instancev_free(rows);
            error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
            goto cleanup;
        }
    }
    *rows_out = rows;
    if (n_out != NULL)
        *n_out = n;
    rc = 0;
cleanup:
    xdr_free((xdrproc_t)xdr_cimrpc_config_read_res, (char *)&res);
    return rc;
}

/* Is OP an operation of a change?  Its wire value, or -1. */
static int
config_op_wire(cimrpc_cfg_op op)
{
    switch (op) {
    case CIMRPC_CFG_SET: return CIMRPC_CONFIG_SET;
    case CIMRPC_CFG_RESET: return CIMRPC_CONFIG_RESET;
    case CIMRPC_CFG_ADD: return CIMRPC_CONFIG_ADD;
    case CIMRPC_CFG_REMOVE: return CIMRPC_CONFIG_REMOVE;
    case CIMRPC_CFG_CLEAR: return CIMRPC_CONFIG_CLEAR;
    case CIMRPC_CFG_OVERRIDE_MODE: return CIMRPC_CONFIG_OVERRIDE_MODE;
    case CIMRPC_CFG_LOCK_ATTRIBUTE: return CIMRPC_CONFIG_LOCK_ATTRIBUTE;
    case CIMRPC_CFG_UNLOCK_ATTRIBUTE: return CIMRPC_CONFIG_UNLOCK_ATTRIBUTE;
    case CIMRPC_CFG_LOCK_ALL_ATTRIBUTES_EXCEPT: return CIMRPC_CONFIG_LOCK_ALL_ATTRIBUTES_EXCEPT;
    case CIMRPC_CFG_UNLOCK_ALL_ATTRIBUTES_EXCEPT:
        return CIMRPC_CONFIG_UNLOCK_ALL_ATTRIBUTES_EXCEPT;
    case CIMRPC_CFG_LOCK_ELEMENT: return CIMRPC_CONFIG_LOCK_ELEMENT;
    case CIMRPC_CFG_UNLOCK_ELEMENT: return CIMRPC_CONFIG_UNLOCK_ELEMENT;
    case CIMRPC_CFG_LOCK_ALL_ELEMENTS_EXCEPT: return CIMRPC_CONFIG_LOCK_ALL_ELEMENTS_EXCEPT;
    case CIMRPC_CFG_UNLOCK_ALL_ELEMENTS_EXCEPT: return CIMRPC_CONFIG_UNLOCK_ALL_ELEMENTS_EXCEPT;
    case CIMRPC_CFG_LOCK_ITEM: return CIMRPC_CONFIG_LOCK_ITEM;
    case CIMRPC_CFG_UNLOCK_ITEM: return CIMRPC_CONFIG_UNLOCK_ITEM;
    }
    return -1;
}

/* The N CHANGES (borrowed) as the wire's, borrowing their strings, into
 * *OUT (the caller's; free() only the array).  0, or -1 with *err_out. */
static int
config_changes_wire(const cimrpc_cfg_change *changes, size_t n, cimrpc_config_change **out,
                    const char *what, cimrpc_error **err_out)
{
    cimrpc_config_change *wire;

    if (changes == NULL || n == 0)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "%s: no change given", what);
    if (n > CIMRPC_CONFIG_CHANGES_MAX)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "%s: at most %d changes go in one "
                         "write, not %zu; split them (each write is applied on its own)",
                         what, CIMRPC_CONFIG_CHANGES_MAX, n);
    for (size_t i = 0; i < n; i++) {
        const char *name = changes[i].name ? changes[i].name : "";
        const char *value = changes[i].value ? changes[i].value : "";

        if (config_op_wire(changes[i].op) < 0)
            return error_set(err_out, CIMRPC_ERR_USAGE, 0, "%s: change %zu: operation %d "
                             "does not exist", what, i + 1, (int)changes[i].op);
        if (strlen(name) > CIMRPC_CONFIG_NAME_MAX)
            return error_set(err_out, CIMRPC_ERR_USAGE, 0, "%s: change %zu: a name is at most "
                             "%d bytes, not %zu", what, i + 1, CIMRPC_CONFIG_NAME_MAX,
                             strlen(name));
        if (strlen(value) > CIMRPC_CONFIG_VALUE_MAX)
            return error_set(err_out, CIMRPC_ERR_USAGE, 0, "%s: change %zu (%.64s): a value "
                             "is at most %d bytes, not %zu", what, i + 1, name,
                             CIMRPC_CONFIG_VALUE_MAX, strlen(value));
    }
    if ((wire = calloc(n, sizeof(*wire))) == NULL)
        return error_set(err_out, CIMRPC_ERR_OTHER, 0, "out of memory");
    for (size_t i = 0; i < n; i++) {
        wire[i].op = (cimrpc_config_op)config_op_wire(changes[i].op);
        wire[i].name = (char *)(changes[i].name ? changes[i].name : "");
        wire[i].value = (char *)(changes[i].value ? changes[i].value : "");
    }
    *out = wire;
    return 0;
}

int
cimrpc_config_write(cimrpc_conn *conn, const char *section, const cimrpc_cfg_change *changes,
                    size_t n, uint32_t *changed_out, char **notes_out, cimrpc_error **err_out)
{
    const char *what = "change configuration";
    cimrpc_config_write_args args;
    cimrpc_config_write_res res;
    cimrpc_config_write_ok *ok = &res.cimrpc_config_write_res_u.ok;
    cimrpc_config_change *wire = NULL;
    int rc = -1;

    if (conn == NULL)
        return error_set(err_out, CIMRPC_ERR_USAGE, 0, "%s: a connection is required", what);
    if (config_check_section(section, true, what, err_out) < 0 ||
        config_changes_wire(changes, n, &wire, what, err_out) < 0)
        return -1;
    memset(&args, 0, sizeof(args));
    args.section = (char *)section;
    args.changes.changes_val = wire;
    args.changes.changes_len = (u_int)n;        /* at most CIMRPC_CONFIG_CHANGES_MAX */
    memset(&res, 0, sizeof(res));
    if (ops_check_size(conn, (xdrproc_t)xdr_cimrpc_config_write_args, &args, what,
                       err_out) < 0 ||
        conn_call_session(conn, CIMRPC_CONFIG_WRITE, (xdrproc_t)xdr_cimrpc_config_write_args,
                          &args, (xdrproc_t)xdr_cimrpc_config_write_res, &res, what,
                          err_out) < 0) {
        free(wire);
        return -1;
    }
    free(wire);
    if (res.code != 0) {
        error_set_wbem(err_out, res.code, res.cimrpc_config_write_res_u.reason);
        goto cleanup;
    }
    if (notes_out != NULL) {
        if (ok->notes != NULL && ok->notes[0] != '\0') {   /* the notes move to the caller */
            *notes_out = ok->notes;
            ok->notes = NULL;
        } else {
            *notes_out = NULL;
        }
    }
    if (changed_out != NULL)
        *changed_out = ok->changed;
    rc = 0;
cleanup:
    xdr_free((xdrproc_t)xdr_cimrpc_config_write_res, (char *)&res);
    return rc;
}
