/*
 * objrec.c: CIM objects as output records (see objrec.h).
 *
 * Each element of a value is read with the getter of its C form; a char16
 * that is a lone surrogate (not a character) is shown as U+FFFD.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/utf8.h"
#include "objrec.h"

/* The text of embedded instance INST (borrowed) as libcimrpc writes a
 * value: "instance of X { A = 1; }".  The caller's; NULL on ENOMEM. */
static char *
objrec_instance_text(const cimrpc_instance *inst)
{
    cimrpc_value *v = NULL;
    cimrpc_error *err = NULL;
    char *text;

    if (cimrpc_value_new_instance(inst, &v, &err) < 0) {
        cimrpc_error_free(err);
        return NULL;
    }
    text = cimrpc_value_to_text(v);
    cimrpc_value_free(v);
    return text;
}

/* Append element INDEX of V (not NULL) as field NAME (NULL: an element of
 * the array begun last). */
static int
objrec_add_element(struct output_record *rec, const char *name, const cimrpc_value *v,
                   size_t index)
{
    cimrpc_error *err = NULL;
    bool b;
    int64_t i;
    uint64_t u;
    double r;
    uint16_t c;
    const char *s;
    cimrpc_instance *inst = NULL;
    int rc = -1;

    switch (cimrpc_value_type(v)) {
    case CIMRPC_TYPE_BOOLEAN:
        if (cimrpc_value_get_boolean(v, index, &b, &err) == 0)
            rc = output_add_bool(rec, name, b);
        break;
    case CIMRPC_TYPE_SINT8: case CIMRPC_TYPE_SINT16: case CIMRPC_TYPE_SINT32:
    case CIMRPC_TYPE_SINT64:
        if (cimrpc_value_get_sint64(v, index, &i, &err) == 0)
            rc = output_add_int(rec, name, (long long)i);
        break;
    case CIMRPC_TYPE_UINT8: case CIMRPC_TYPE_UINT16: case CIMRPC_TYPE_UINT32:
    case CIMRPC_TYPE_UINT64:
        if (cimrpc_value_get_uint64(v, index, &u, &err) == 0)
            rc = output_add_uint(rec, name, (unsigned long long)u);
        break;
    case CIMRPC_TYPE_REAL32: case CIMRPC_TYPE_REAL64:
        if (cimrpc_value_get_real64(v, index, &r, &err) == 0)
            rc = output_add_real(rec, name, r, cimrpc_value_type(v) == CIMRPC_TYPE_REAL32);
        break;
    case CIMRPC_TYPE_CHAR16:
        if (cimrpc_value_get_char16(v, index, &c, &err) == 0) {
            char buf[5] = { 0 };
            uint32_t cp = c >= 0xD800 && c <= 0xDFFF ? 0xFFFD : c;
            buf[utf8_encode(cp, buf)] = '\0';
            rc = output_add_char(rec, name, buf);
        }
        break;
    case CIMRPC_TYPE_STRING: case CIMRPC_TYPE_DATETIME: case CIMRPC_TYPE_REFERENCE:
        if (cimrpc_value_get_string(v, index, &s, &err) == 0)
            rc = output_add_string(rec, name, s);
        break;
    case CIMRPC_TYPE_INSTANCE:
        if (cimrpc_value_get_instance(v, index, &inst, &err) == 0) {
            struct output_record *sub = objrec_instance(inst, false);
            char *text = objrec_instance_text(inst);
            if (sub != NULL && text != NULL)
                rc = output_add_record(rec, name, sub, text);
            else
                output_record_free(sub);
            free(text);
            cimrpc_instance_free(inst);
        }
        break;
    case CIMRPC_TYPE_VOID:
        break;
    }
    if (err != NULL) {
        /* A value whose type has another C form cannot come from the
         * library; show it as its text rather than fail. */
        char *text = cimrpc_value_to_text(v);
        cimrpc_error_free(err);
        rc = text ? output_add_string(rec, name, text) : -1;
        free(text);
    }
    return rc;
}

int
objrec_add_value(struct output_record *rec, const char *name, const cimrpc_value *v)
{
    size_t n;

    if (v == NULL || cimrpc_value_is_null(v))
        return output_add_null(rec, name);
    if (!cimrpc_value_is_array(v))
        return objrec_add_element(rec, name, v, 0);
    if (output_add_array(rec, name) < 0)
        return -1;
    n = cimrpc_value_array_len(v);
    for (size_t i = 0; i < n; i++)
        if (objrec_add_element(rec, NULL, v, i) < 0)
            return -1;
    return 0;
}

struct output_record *
objrec_instance(const cimrpc_instance *inst, bool mof)
{
    struct output_record *rec = output_record_new_object(cimrpc_instance_class_name(inst),
                                                         cimrpc_instance_path(inst));
    size_t n = cimrpc_instance_property_count(inst);
    char *text;

    if (rec == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (objrec_add_value(rec, cimrpc_instance_property_name(inst, i),
                             cimrpc_instance_property_value(inst, i)) < 0) {
            output_record_free(rec);
            return NULL;
        }
    }
    if (mof) {
        if ((text = cimrpc_instance_to_mof(inst)) == NULL) {
            output_record_free(rec);
            return NULL;
        }
        output_record_set_mof(rec, text);
    }
    return rec;
}

/* The declaration of property INDEX of CLS as MOF writes its type:
 * "uint64 Size", "string Tags[]", "CIM_Disk REF Disk", with "[Key] "
 * before a key.  The caller's; NULL on ENOMEM. */
static char *
objrec_property_text(const cimrpc_class *cls, size_t index)
{
    cimrpc_type type = cimrpc_class_property_type(cls, index);
    const char *ref = cimrpc_class_property_ref_class(cls, index);
    char *text;

    if (asprintf(&text, "%s%s%s %s%s", cimrpc_class_property_is_key(cls, index) ? "[Key] " : "",
                 type == CIMRPC_TYPE_REFERENCE && ref ? ref : cimrpc_type_name(type),
                 type == CIMRPC_TYPE_REFERENCE && ref ? " REF" : "",
                 cimrpc_class_property_name(cls, index),
                 cimrpc_class_property_is_array(cls, index) ? "[]" : "") < 0)
        return NULL;
    return text;
}

/* Method INDEX of CLS as "uint32 Name([In] uint64 A, [Out] string B)".
 * The caller's; NULL on ENOMEM. */
static char *
objrec_method_text(const cimrpc_class *cls, size_t index)
{
    size_t n = cimrpc_class_param_count(cls, index);
    char *text = NULL, *next;

    if (asprintf(&text, "%s %s(", cimrpc_type_name(cimrpc_class_method_return_type(cls, index)),
                 cimrpc_class_method_name(cls, index)) < 0)
        return NULL;
    for (size_t p = 0; p < n; p++) {
        unsigned dir = cimrpc_class_param_direction(cls, index, p);
        cimrpc_type type = cimrpc_class_param_type(cls, index, p);
        const char *ref = cimrpc_class_param_ref_class(cls, index, p);
        if (asprintf(&next, "%s%s[%s] %s%s %s%s", text, p ? ", " : "",
                     dir == (CIMRPC_PARAM_IN | CIMRPC_PARAM_OUT) ? "In, Out" :
                     dir == CIMRPC_PARAM_OUT ? "Out" : "In",
                     type == CIMRPC_TYPE_REFERENCE && ref ? ref : cimrpc_type_name(type),
                     type == CIMRPC_TYPE_REFERENCE && ref ? " REF" : "",
                     cimrpc_class_param_name(cls, index, p),
                     cimrpc_class_param_is_array(cls, index, p) ? "[]" : "") < 0) {
            free(text);
            return NULL;
        }
        free(text);
        text = next;
    }
    if (asprintf(&next, "%s)", text) < 0)
        next = NULL;
    free(text);
    return next;
}

/* Add the FULL detail of CLS: every property and method, as text. */
static int
objrec_class_full(struct output_record *rec, const cimrpc_class *cls)
{
    size_t np = cimrpc_class_property_count(cls), nm = cimrpc_class_method_count(cls);

    if (output_add_array(rec, "Properties") < 0)
        return -1;
    for (size_t i = 0; i < np; i++) {
        char *text = objrec_property_text(cls, i);
        int rc = text ? output_add_string(rec, NULL, text) : -1;
        free(text);
        if (rc < 0)
            return -1;
    }
    if (output_add_array(rec, "Methods") < 0)
        return -1;
    for (size_t i = 0; i < nm; i++) {
        char *text = objrec_method_text(cls, i);
        int rc = text ? output_add_string(rec, NULL, text) : -1;
        free(text);
        if (rc < 0)
            return -1;
    }
    return 0;
}

struct output_record *
objrec_class(const cimrpc_class *cls, enum objrec_detail detail, bool mof)
{
    struct output_record *rec = output_record_new("CIMRPC_Class");
    char *text;

    if (rec == NULL)
        return NULL;
    if (output_add_string(rec, "Name", cimrpc_class_name(cls)) < 0 ||
        output_add_string(rec, "Superclass", cimrpc_class_superclass(cls)) < 0)
        goto fail;
    if (detail != OBJREC_NAMES) {
        size_t nk = cimrpc_class_key_count(cls);
        if (output_add_array(rec, "Keys") < 0)
            goto fail;
        for (size_t i = 0; i < nk; i++)
            if (output_add_string(rec, NULL, cimrpc_class_key_name(cls, i)) < 0)
                goto fail;
    }
    if (detail == OBJREC_SUMMARY &&
        (output_add_uint(rec, "Properties", cimrpc_class_property_count(cls)) < 0 ||
         output_add_uint(rec, "Methods", cimrpc_class_method_count(cls)) < 0))
        goto fail;
    if (detail == OBJREC_FULL && objrec_class_full(rec, cls) < 0)
        goto fail;
    if (mof) {
        if ((text = cimrpc_class_to_mof(cls)) == NULL)
            goto fail;
        output_record_set_mof(rec, text);
    }
    return rec;
fail:
    output_record_free(rec);
    return NULL;
}

struct output_record *
objrec_obj(const cimrpc_obj *obj, enum objrec_detail detail, bool mof)
{
    if (cimrpc_obj_get_kind(obj) == CIMRPC_OBJ_CLASS) {
        const cimrpc_class *cls = cimrpc_obj_class(obj);
        return cls ? objrec_class(cls, detail, mof) : NULL;
    }
    const cimrpc_instance *inst = cimrpc_obj_instance(obj);
    return inst ? objrec_instance(inst, mof) : NULL;
}
