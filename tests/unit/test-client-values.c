/*
 * test-client-values.c: libcimrpc's CIM objects without a server: types,
 * values (constructors, checks, getters, text in and out), arrays,
 * instances and their MOF, embedded instances and their nesting bound,
 * paths, parameter lists and selections.  Public API only.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "cimrpc/cimrpc.h"
#include "tap.h"

/* The text of V (freed here), for comparisons; "(null)" when V is NULL. */
static char text_buf[4096];

static const char *
text(const cimrpc_value *v)
{
    char *t = v != NULL ? cimrpc_value_to_text(v) : NULL;

    snprintf(text_buf, sizeof(text_buf), "%s", t != NULL ? t : "(null)");
    free(t);
    return text_buf;
}

/* from_text of TYPE and TEXT: its text, or "ERR <kind>". */
static const char *
parse(cimrpc_type type, const char *s)
{
    cimrpc_value *v = NULL;
    cimrpc_error *err = NULL;

    if (cimrpc_value_from_text(type, s, &v, &err) < 0) {
        snprintf(text_buf, sizeof(text_buf), "ERR %d", (int)cimrpc_error_get_kind(err));
        cimrpc_error_free(err);
        return text_buf;
    }
    text(v);
    cimrpc_value_free(v);
    return text_buf;
}

static void
test_types(void)
{
    cimrpc_type t = CIMRPC_TYPE_VOID;

    tap_is_str(cimrpc_type_name(CIMRPC_TYPE_UINT32), "uint32", "type name uint32");
    tap_is_str(cimrpc_type_name((cimrpc_type)99), "unknown", "type name of a non-type");
    tap_ok(cimrpc_type_parse("DateTime", &t) == 0 && t == CIMRPC_TYPE_DATETIME,
           "type names parse without regard to case");
    tap_ok(cimrpc_type_parse("ref", &t) == 0 && t == CIMRPC_TYPE_REFERENCE, "ref is reference");
    tap_ok(cimrpc_type_parse("object", &t) == 0 && t == CIMRPC_TYPE_INSTANCE,
           "object is instance");
    tap_ok(cimrpc_type_parse("uint128", &t) == -1 && t == CIMRPC_TYPE_INSTANCE,
           "an unknown type name is refused and the output untouched");
}

static void
test_integers(void)
{
    cimrpc_value *v = NULL;
    cimrpc_error *err = NULL;
    int64_t i = 0;
    uint64_t u = 0;

    tap_ok(cimrpc_value_new_sint(CIMRPC_TYPE_SINT8, 127, &v, NULL) == 0 &&
           cimrpc_value_type(v) == CIMRPC_TYPE_SINT8 && strcmp(text(v), "127") == 0,
           "sint8 127");
    cimrpc_value_free(v);
    tap_ok(cimrpc_value_new_sint(CIMRPC_TYPE_SINT8, 128, &v, &err) == -1 &&
           cimrpc_error_get_kind(err) == CIMRPC_ERR_USAGE, "sint8 128 is a usage error");
    cimrpc_error_free(err);
    tap_ok(cimrpc_value_new_sint(CIMRPC_TYPE_UINT8, -1, &v, NULL) == -1, "uint8 -1 refused");
    tap_ok(cimrpc_value_new_uint(CIMRPC_TYPE_UINT8, 256, &v, NULL) == -1, "uint8 256 refused");
    tap_ok(cimrpc_value_new_uint(CIMRPC_TYPE_SINT64, (uint64_t)INT64_MAX + 1, &v, NULL) == -1,
           "sint64 2^63 refused");
    tap_ok(cimrpc_value_new_sint(CIMRPC_TYPE_STRING, 1, &v, NULL) == -1,
           "an integer of type string refused");

    v = cimrpc_value_new_uint64(UINT64_MAX);
    tap_is_str(text(v), "18446744073709551615", "uint64 max as text");
    tap_ok(cimrpc_value_get_uint64(v, 0, &u, NULL) == 0 && u == UINT64_MAX, "get_uint64");
    tap_ok(cimrpc_value_get_sint64(v, 0, &i, &err) == -1 &&
           cimrpc_error_get_kind(err) == CIMRPC_ERR_USAGE,
           "get_sint64 of a uint64 above INT64_MAX fails");
    cimrpc_error_free(err);
    tap_ok(cimrpc_value_get_sint64(v, 1, &i, NULL) == -1, "index 1 of a scalar fails");
    cimrpc_value_free(v);

    cimrpc_value_new_uint(CIMRPC_TYPE_UINT8, 200, &v, NULL);
    tap_ok(cimrpc_value_get_sint64(v, 0, &i, NULL) == 0 && i == 200,
           "get_sint64 reads a uint8 that fits");
    tap_ok(cimrpc_value_get_string(v, 0, &(const char *){ NULL }, &err) == -1 &&
           cimrpc_error_get_kind(err) == CIMRPC_ERR_USAGE, "get_string of a uint8 fails");
    cimrpc_error_free(err);
    cimrpc_value_free(v);

    cimrpc_value_new_sint(CIMRPC_TYPE_SINT16, -1, &v, NULL);
    tap_ok(cimrpc_value_get_uint64(v, 0, &u, NULL) == -1, "get_uint64 of a negative fails");
    cimrpc_value_free(v);
}

static void
test_scalars(void)
{
    cimrpc_value *v = NULL;
    cimrpc_error *err = NULL;
    const char *s = NULL;
    uint16_t c = 0;
    bool b = false;

    v = cimrpc_value_new_real64(0.1);
    tap_is_str(text(v), "0.10000000000000001", "reals as %%.17g");
    cimrpc_value_free(v);
    tap_ok(cimrpc_value_new_real(CIMRPC_TYPE_REAL32, 1e39, &v, NULL) == -1,
           "real32 1e39 refused");
    v = cimrpc_value_new_boolean(true);
    tap_ok(strcmp(text(v), "TRUE") == 0 && cimrpc_value_get_boolean(v, 0, &b, NULL) == 0 && b,
           "boolean TRUE");
    cimrpc_value_free(v);
    v = cimrpc_value_new_char16(0xE9);
    tap_ok(strcmp(text(v), "\xc3\xa9") == 0 && cimrpc_value_get_char16(v, 0, &c, NULL) == 0 &&
           c == 0xE9, "char16 as its character");
    cimrpc_value_free(v);
    tap_ok(cimrpc_value_new_string("a \"b\"\n", &v, NULL) == 0 &&
           strcmp(text(v), "a \"b\"\n") == 0 && cimrpc_value_get_string(v, 0, &s, NULL) == 0 &&
           strcmp(s, "a \"b\"\n") == 0, "strings as they are");
    cimrpc_value_free(v);
    tap_ok(cimrpc_value_new_string(NULL, &v, &err) == -1 &&
           cimrpc_error_get_kind(err) == CIMRPC_ERR_USAGE, "a NULL string is a usage error");
    cimrpc_error_free(err);

    v = cimrpc_value_new_null(CIMRPC_TYPE_STRING);
    tap_ok(cimrpc_value_is_null(v) && cimrpc_value_array_len(v) == 0 &&
           strcmp(text(v), "NULL") == 0, "NULL value");
    tap_ok(cimrpc_value_get_string(v, 0, &s, NULL) == -1, "reading a NULL value fails");
    cimrpc_value_free(v);
    tap_ok(cimrpc_value_new_null(CIMRPC_TYPE_VOID) == NULL, "no NULL of type void");

    tap_ok(cimrpc_value_new_reference("CIM_Foo.Name=\"x\"", &v, NULL) == 0 &&
           strcmp(text(v), "CIM_Foo.Name=\"x\"") == 0, "a reference as its path");
    cimrpc_value_free(v);
    tap_ok(cimrpc_value_new_reference("CIM_Foo.Name=\"x", &v, &err) == -1 &&
           cimrpc_error_get_kind(err) == CIMRPC_ERR_USAGE, "a broken path is refused");
    cimrpc_error_free(err);
}

static void
test_from_text(void)
{
    tap_is_str(parse(CIMRPC_TYPE_BOOLEAN, "true"), "TRUE", "from text: true");
    tap_is_str(parse(CIMRPC_TYPE_BOOLEAN, "yes"), "ERR 2", "from text: yes is no boolean");
    tap_is_str(parse(CIMRPC_TYPE_SINT8, "-128"), "-128", "from text: sint8 -128");
    tap_is_str(parse(CIMRPC_TYPE_SINT8, "-129"), "ERR 2", "from text: sint8 -129");
    tap_is_str(parse(CIMRPC_TYPE_UINT16, "0xFFFF"), "65535", "from text: hex");
    tap_is_str(parse(CIMRPC_TYPE_UINT16, "0x"), "ERR 2", "from text: 0x alone");
    tap_is_str(parse(CIMRPC_TYPE_UINT32, "12a"), "ERR 2", "from text: trailing garbage");
    tap_is_str(parse(CIMRPC_TYPE_UINT32, " 12"), "ERR 2", "from text: leading blank");
    tap_is_str(parse(CIMRPC_TYPE_UINT32, "-0"), "0", "from text: -0 is 0");
    tap_is_str(parse(CIMRPC_TYPE_SINT64, "-9223372036854775808"), "-9223372036854775808",
               "from text: sint64 min");
    tap_is_str(parse(CIMRPC_TYPE_UINT64, "18446744073709551616"), "ERR 2",
               "from text: beyond 64 bits");
    tap_is_str(parse(CIMRPC_TYPE_REAL64, "1.5"), "1.5", "from text: real");
    tap_is_str(parse(CIMRPC_TYPE_REAL32, "1e39"), "ERR 2", "from text: real32 too large");
    tap_is_str(parse(CIMRPC_TYPE_REAL64, "1e999"), "ERR 2", "from text: real64 overflow");
    tap_is_str(parse(CIMRPC_TYPE_CHAR16, "\xc3\xa9"), "\xc3\xa9", "from text: one character");
    tap_is_str(parse(CIMRPC_TYPE_CHAR16, "ab"), "ERR 2", "from text: two characters");
    tap_is_str(parse(CIMRPC_TYPE_CHAR16, "\xf0\x9f\x98\x80"), "ERR 2",
               "from text: beyond the BMP");
    tap_is_str(parse(CIMRPC_TYPE_DATETIME, "20261121120000.000000+000"),
               "20261121120000.000000+000", "from text: timestamp");
    tap_is_str(parse(CIMRPC_TYPE_DATETIME, "00000001000000.000000:000"),
               "00000001000000.000000:000", "from text: interval");
    tap_is_str(parse(CIMRPC_TYPE_DATETIME, "20261121******.******+***"),
               "20261121******.******+***", "from text: timestamp with unknown fields");
    tap_is_str(parse(CIMRPC_TYPE_DATETIME, "20261321120000.000000+000"), "ERR 2",
               "from text: month 13");
    tap_is_str(parse(CIMRPC_TYPE_DATETIME, "2026112112*000.000000+000"), "ERR 2",
               "from text: a field half unknown");
    tap_is_str(parse(CIMRPC_TYPE_REFERENCE, "CIM_Foo=@"), "CIM_Foo=@", "from text: reference");
    tap_is_str(parse(CIMRPC_TYPE_INSTANCE, "x"), "ERR 2", "from text: no instances");
    tap_is_str(parse(CIMRPC_TYPE_VOID, "x"), "ERR 2", "from text: no void");
}

static void
test_arrays(void)
{
    cimrpc_value *a = cimrpc_value_new_array(CIMRPC_TYPE_STRING), *e = NULL, *copy;
    cimrpc_error *err = NULL;
    const char *s = NULL;

    tap_ok(a != NULL && cimrpc_value_is_array(a) && cimrpc_value_array_len(a) == 0 &&
           strcmp(text(a), "{}") == 0, "an empty array");
    cimrpc_value_new_string("a", &e, NULL);
    tap_ok(cimrpc_value_array_append(a, e, NULL) == 0, "append a");
    cimrpc_value_new_string("b c", &e, NULL);
    cimrpc_value_array_append(a, e, NULL);
    tap_ok(cimrpc_value_array_len(a) == 2 && strcmp(text(a), "{a, b c}") == 0,
           "an array as {a, b c}");
    tap_ok(cimrpc_value_get_string(a, 1, &s, NULL) == 0 && strcmp(s, "b c") == 0,
           "element 1");
    tap_ok(cimrpc_value_get_string(a, 2, &s, &err) == -1 &&
           cimrpc_error_get_kind(err) == CIMRPC_ERR_USAGE, "element 2 does not exist");
    cimrpc_error_free(err);
    tap_ok(cimrpc_value_array_append(a, cimrpc_value_new_sint64(1), NULL) == -1 &&
           cimrpc_value_array_len(a) == 2, "an element of another type is refused (and freed)");
    tap_ok(cimrpc_value_array_append(a, cimrpc_value_new_null(CIMRPC_TYPE_STRING), NULL) == -1,
           "a NULL element is refused");
    copy = cimrpc_value_copy(a);
    tap_ok(copy != NULL && strcmp(text(copy), "{a, b c}") == 0, "a copy");
    e = cimrpc_value_new_sint64(2);
    tap_ok(cimrpc_value_array_append(e, cimrpc_value_new_sint64(1), NULL) == -1 &&
           cimrpc_value_array_append(copy, NULL, NULL) == -1,
           "appending to a non-array, or nothing, fails");
    cimrpc_value_free(e);
    cimrpc_value_free(copy);
    cimrpc_value_free(a);
}

static void
test_instances(void)
{
    cimrpc_instance *inst = NULL, *back = NULL;
    cimrpc_value *v = NULL, *emb = NULL;
    cimrpc_error *err = NULL;
    char *mof;

    tap_ok(cimrpc_instance_new("1Bad", &inst, &err) == -1 &&
           cimrpc_error_get_kind(err) == CIMRPC_ERR_USAGE, "a bad class name is refused");
    cimrpc_error_free(err);
    tap_ok(cimrpc_instance_new("CIM_Foo", &inst, NULL) == 0 &&
           cimrpc_instance_path(inst) == NULL && cimrpc_instance_property_count(inst) == 0,
           "a new instance has no path nor properties");
    cimrpc_value_new_string("a \"q\"", &v, NULL);
    tap_ok(cimrpc_instance_set_property(inst, "Name", v, NULL) == 0, "set Name");
    cimrpc_value_new_uint(CIMRPC_TYPE_UINT32, 3, &v, NULL);
    cimrpc_instance_set_property(inst, "Count", v, NULL);
    cimrpc_instance_set_property(inst, "Gone", cimrpc_value_new_null(CIMRPC_TYPE_STRING), NULL);
    cimrpc_value_new_uint(CIMRPC_TYPE_UINT32, 4, &v, NULL);
    tap_ok(cimrpc_instance_set_property(inst, "COUNT", v, NULL) == 0 &&
           cimrpc_instance_property_count(inst) == 3 &&
           strcmp(cimrpc_instance_property_name(inst, 1), "Count") == 0 &&
           strcmp(text(cimrpc_instance_get_property(inst, "count")), "4") == 0,
           "setting a property again replaces its value, keeping its place and spelling");
    tap_ok(cimrpc_instance_set_property(inst, "no such", cimrpc_value_new_boolean(true),
                                        &err) == -1 &&
           cimrpc_error_get_kind(err) == CIMRPC_ERR_USAGE, "a bad property name is refused");
    cimrpc_error_free(err);
    tap_ok(cimrpc_instance_get_property(inst, "Other") == NULL &&
           cimrpc_instance_property_value(inst, 3) == NULL, "absent properties are NULL");
    mof = cimrpc_instance_to_mof(inst);
    tap_is_str(mof, "instance of CIM_Foo\n{\n    Name = \"a \\\"q\\\"\";\n    Count = 4;\n};\n",
               "instance MOF leaves NULL properties out and escapes strings");
    free(mof);

    tap_ok(cimrpc_value_new_instance(inst, &emb, NULL) == 0 &&
           cimrpc_value_type(emb) == CIMRPC_TYPE_INSTANCE, "embed an instance");
    tap_is_str(text(emb), "instance of CIM_Foo { Name = \"a \\\"q\\\"\"; Count = 4; }",
               "an embedded instance as text");
    tap_ok(cimrpc_value_get_instance(emb, 0, &back, NULL) == 0 &&
           strcmp(cimrpc_instance_class_name(back), "CIM_Foo") == 0 &&
           cimrpc_instance_path(back) == NULL && cimrpc_instance_property_count(back) == 3 &&
           strcmp(text(cimrpc_instance_get_property(back, "Name")), "a \"q\"") == 0,
           "the embedded instance reads back");
    cimrpc_instance_free(back);
    cimrpc_value_free(emb);
    cimrpc_instance_free(inst);
}

/* Instances nest at most 32 deep. */
static void
test_nesting(void)
{
    cimrpc_value *v = NULL;
    cimrpc_error *err = NULL;
    int depth = 0, rc = 0;

    for (;;) {
        cimrpc_instance *inst = NULL;
        cimrpc_value *next = NULL;
        cimrpc_instance_new("Nest", &inst, NULL);
        if (v != NULL)
            cimrpc_instance_set_property(inst, "Inner", v, NULL);
        rc = cimrpc_value_new_instance(inst, &next, &err);
        cimrpc_instance_free(inst);
        if (rc < 0)
            break;
        v = next;
        depth++;
    }
    tap_ok(depth == 32 && cimrpc_error_get_kind(err) == CIMRPC_ERR_USAGE,
           "embedded instances nest 32 deep, not 33 (got %d)", depth);
    cimrpc_error_free(err);
}

static void
test_paths(void)
{
    cimrpc_params *keys = cimrpc_params_new();
    cimrpc_value *v = NULL;
    cimrpc_error *err = NULL;
    char *path = NULL;

    tap_ok(cimrpc_path_make("CIM_Foo", NULL, &path, NULL) == 0 &&
           strcmp(path, "CIM_Foo=@") == 0, "a singleton's path");
    free(path);
    cimrpc_value_new_string("a\"b\\", &v, NULL);
    cimrpc_params_add(keys, "Name", v, NULL);
    cimrpc_value_new_sint(CIMRPC_TYPE_SINT32, -3, &v, NULL);
    cimrpc_params_add(keys, "Id", v, NULL);
    cimrpc_params_add(keys, "On", cimrpc_value_new_boolean(false), NULL);
    tap_ok(cimrpc_path_make("CIM_Foo", keys, &path, NULL) == 0, "a path from keys");
    tap_is_str(path, "CIM_Foo.Name=\"a\\\"b\\\\\",Id=-3,On=FALSE", "its text");
    free(path);
    cimrpc_params_add(keys, "Id", cimrpc_value_new_null(CIMRPC_TYPE_SINT32), NULL);
    tap_ok(cimrpc_path_make("CIM_Foo", keys, &path, &err) == -1 &&
           cimrpc_error_get_kind(err) == CIMRPC_ERR_USAGE, "a NULL key is refused");
    cimrpc_error_free(err);
    tap_ok(cimrpc_path_make("a b", NULL, &path, NULL) == -1, "a bad class name is refused");
    cimrpc_params_free(keys);
}

static void
test_params_select(void)
{
    cimrpc_params *p = cimrpc_params_new();
    cimrpc_select *sel = cimrpc_select_new();
    cimrpc_error *err = NULL;
    char name[32];
    int failed = 0;

    for (int i = 0; i < 256; i++) {
        snprintf(name, sizeof(name), "P%d", i);
        failed += cimrpc_params_add(p, name, cimrpc_value_new_sint64(i), NULL) < 0;
    }
    tap_ok(failed == 0 && cimrpc_params_count(p) == 256, "256 parameters");
    tap_ok(cimrpc_params_add(p, "P256", cimrpc_value_new_sint64(0), &err) == -1 &&
           cimrpc_error_get_kind(err) == CIMRPC_ERR_USAGE, "not 257");
    cimrpc_error_free(err);
    tap_ok(cimrpc_params_add(p, "p7", cimrpc_value_new_sint64(70), NULL) == 0 &&
           cimrpc_params_count(p) == 256 && strcmp(text(cimrpc_params_get(p, "P7")), "70") == 0 &&
           strcmp(cimrpc_params_name(p, 7), "P7") == 0, "replacing a parameter at the limit");
    cimrpc_params_free(p);

    tap_ok(cimrpc_select_add(sel, "Name", NULL) == 0 && cimrpc_select_add(sel, "NAME", NULL) == 0,
           "a name added twice is kept once");
    tap_ok(cimrpc_select_add(sel, "Na me", NULL) == -1, "a bad property name is refused");
    for (int i = 0; i < 4095; i++) {
        snprintf(name, sizeof(name), "P%d", i);
        cimrpc_select_add(sel, name, NULL);
    }
    tap_ok(cimrpc_select_add(sel, "Last", &err) == -1 &&
           cimrpc_error_get_kind(err) == CIMRPC_ERR_USAGE, "at most 4096 names");
    cimrpc_error_free(err);
    cimrpc_select_free(sel);
}

int
main(void)
{
    tap_plan(86);
    test_types();
    test_integers();
    test_scalars();
    test_from_text();
    test_arrays();
    test_instances();
    test_nesting();
    test_paths();
    test_params_select();
    return tap_done();
}
