/*
 * moftext.c: CIM values, instances and classes as MOF text (DSP0221),
 * for cimrpc_value_to_text(), cimrpc_instance_to_mof() and
 * cimrpc_class_to_mof().
 *
 * What is written compiles again with cimrpcd's MOF compiler, with three
 * exceptions MOF has no syntax for: NaN and infinite reals, char16
 * surrogates, and a reference-typed method result.  Strings escape '"',
 * '\' and control characters (\x with six hex digits, which the lexer
 * reads no further than); other bytes pass as they are (UTF-8).
 */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "common/utf8.h"
#include "moftext.h"
#include "numtext.h"
#include "value.h"
#include "wire.h"

/* The escape of character C inside a MOF literal, or NULL for none. */
static const char *
moftext_escape(unsigned c, char buf[12])
{
    switch (c) {
    case '"':  return "\\\"";
    case '\'': return "\\'";
    case '\\': return "\\\\";
    case '\n': return "\\n";
    case '\t': return "\\t";
    case '\r': return "\\r";
    case '\b': return "\\b";
    case '\f': return "\\f";
    default:
        if (c >= 0x20)
            return NULL;
        snprintf(buf, 12, "\\x%06X", c);
        return buf;
    }
}

/* S as a MOF string literal. */
static void
moftext_quoted(struct textbuf *tb, const char *s)
{
    const char *run = s, *esc;
    char buf[12];

    textbuf_add(tb, "\"", 1);
    for (; *s != '\0'; s++) {
        if (*s == '\'' || (esc = moftext_escape((unsigned char)*s, buf)) == NULL)
            continue;
        textbuf_add(tb, run, (size_t)(s - run));
        textbuf_puts(tb, esc);
        run = s + 1;
    }
    textbuf_add(tb, run, (size_t)(s - run));
    textbuf_add(tb, "\"", 1);
}

/* A char16: 'c' with LITERAL, else the character itself. */
static void
moftext_char16(struct textbuf *tb, unsigned c, bool literal)
{
    char buf[12];
    const char *esc = literal ? moftext_escape(c, buf) : NULL;
    bool surrogate = c >= 0xD800 && c <= 0xDFFF;

    if (literal)
        textbuf_add(tb, "'", 1);
    if (esc != NULL) {
        textbuf_puts(tb, esc);
    } else if (surrogate || (c == 0 && !literal)) {
        textbuf_printf(tb, literal ? "\\x%06X" : "U+%04X", c);
    } else {
        size_t n = utf8_encode(c, buf);
        textbuf_add(tb, buf, n);
    }
    if (literal)
        textbuf_add(tb, "'", 1);
}

/* Embedded instance S, found at nesting DEPTH, inline. */
static void
moftext_embedded(struct textbuf *tb, const cim_scalar *s, unsigned depth)
{
    cim_instance inst;

    memset(&inst, 0, sizeof(inst));
    if (depth + 1 > VALUE_DEPTH_MAX || wire_decode_embedded(s, &inst) < 0) {
        /* Not reached: values are checked to depth VALUE_DEPTH_MAX. */
        textbuf_puts(tb, "instance of ? { }");
        return;
    }
    moftext_instance(tb, &inst, true, depth + 1);
    xdr_free((xdrproc_t)xdr_cim_instance, (char *)&inst);
}

static void
moftext_scalar(struct textbuf *tb, const cim_scalar *s, bool literal, unsigned depth)
{
    char real[NUMTEXT_REAL_MAX];

    switch (s->type) {
    case CIM_TYPE_BOOLEAN:
        textbuf_puts(tb, s->cim_scalar_u.b ? "TRUE" : "FALSE");
        break;
    case CIM_TYPE_SINT8: case CIM_TYPE_SINT16: case CIM_TYPE_SINT32: case CIM_TYPE_SINT64:
        textbuf_printf(tb, "%lld", (long long)s->cim_scalar_u.i);
        break;
    case CIM_TYPE_UINT8: case CIM_TYPE_UINT16: case CIM_TYPE_UINT32: case CIM_TYPE_UINT64:
        textbuf_printf(tb, "%llu", (unsigned long long)s->cim_scalar_u.u);
        break;
    case CIM_TYPE_REAL32: case CIM_TYPE_REAL64:
        numtext_format_real(real, s->cim_scalar_u.r, literal);
        textbuf_puts(tb, real);
        break;
    case CIM_TYPE_CHAR16:
        moftext_char16(tb, s->cim_scalar_u.c, literal);
        break;
    case CIM_TYPE_STRING: case CIM_TYPE_DATETIME: case CIM_TYPE_REFERENCE:
        if (literal)
            moftext_quoted(tb, s->cim_scalar_u.s);
        else
            textbuf_puts(tb, s->cim_scalar_u.s);
        break;
    case CIM_TYPE_INSTANCE:
        moftext_embedded(tb, s, depth);
        break;
    default:
        break;                      /* not reached: values are checked */
    }
}

void
moftext_value(struct textbuf *tb, const cim_value *v, bool literal, unsigned depth)
{
    if (v->is_null) {
        textbuf_puts(tb, "NULL");
        return;
    }
    if (!v->is_array) {
        moftext_scalar(tb, &v->items.items_val[0], literal, depth);
        return;
    }
    textbuf_add(tb, "{", 1);
    for (u_int i = 0; i < v->items.items_len; i++) {
        if (i > 0)
            textbuf_add(tb, ", ", 2);
        moftext_scalar(tb, &v->items.items_val[i], literal, depth);
    }
    textbuf_add(tb, "}", 1);
}

void
moftext_instance(struct textbuf *tb, const cim_instance *inst, bool inline_text, unsigned depth)
{
    const char *sep = inline_text ? " " : "\n    ";

    textbuf_printf(tb, "instance of %s%s{", inst->class_name, inline_text ? " " : "\n");
    for (u_int i = 0; i < inst->properties.properties_len; i++) {
        const cim_property_value *p = &inst->properties.properties_val[i];
        if (p->value.is_null)
            continue;
        textbuf_printf(tb, "%s%s = ", sep, p->name);
        moftext_value(tb, &p->value, true, depth);
        textbuf_add(tb, ";", 1);
    }
    textbuf_puts(tb, inline_text ? " }" : "\n};\n");
}

/* ------------------------------------------------------------ classes */

/* Flavors other than the defaults (EnableOverride, ToSubclass). */
static const struct {
    unsigned bit;
    const char *name;
} moftext_flavors[] = {
    { CIM_FLAVOR_DISABLE_OVERRIDE, "DisableOverride" },
    { CIM_FLAVOR_RESTRICTED, "Restricted" },
    { CIM_FLAVOR_TRANSLATABLE, "Translatable" },
};

static void
moftext_qualifier(struct textbuf *tb, const cim_qualifier *q)
{
    const cim_value *v = &q->value;
    bool first = true;

    textbuf_puts(tb, q->name);
    if (v->is_null) {
        textbuf_puts(tb, "(NULL)");
    } else if (v->is_array) {
        moftext_value(tb, v, true, 0);
    } else if (v->type != CIM_TYPE_BOOLEAN || !v->items.items_val[0].cim_scalar_u.b) {
        textbuf_add(tb, "(", 1);
        moftext_value(tb, v, true, 0);
        textbuf_add(tb, ")", 1);
    }
    for (size_t i = 0; i < sizeof(moftext_flavors) / sizeof(moftext_flavors[0]); i++) {
        if (!(q->flavor & moftext_flavors[i].bit))
            continue;
        textbuf_puts(tb, first ? " : " : " ");
        textbuf_puts(tb, moftext_flavors[i].name);
        first = false;
    }
}

/* The qualifiers of the element itself (not inherited ones) as "[a, b]"
 * and then AFTER, or nothing when there are none. */
static void
moftext_qualifiers(struct textbuf *tb, const cim_qualifier *q, u_int n, const char *after)
{
    bool any = false;

    for (u_int i = 0; i < n; i++) {
        if (q[i].propagated)
            continue;
        textbuf_puts(tb, any ? ", " : "[");
        moftext_qualifier(tb, &q[i]);
        any = true;
    }
    if (any) {
        textbuf_add(tb, "]", 1);
        textbuf_puts(tb, after);
    }
}

/* Does the element itself (not its superclass) carry qualifier NAME? */
static bool
moftext_own_qualifier(const cim_qualifier *q, u_int nq, const char *name)
{
    const cim_qualifier *found = wire_qualifier_find(q, nq, name);

    return found != NULL && !found->propagated;
}

/* A feature's type: "uint32", "Class REF", and for an embedded instance
 * "string" when its own EmbeddedInstance or EmbeddedObject qualifier is
 * written too, else its class (as MOF v3 writes it) or "object". */
static void
moftext_type(struct textbuf *tb, cim_type type, const char *ref_class, const cim_qualifier *q,
             u_int nq)
{
    const char *cls = ref_class != NULL ? wire_type_class(type, ref_class, q, nq) : NULL;

    if (cls == NULL)
        cls = "object";
    if (type == CIM_TYPE_REFERENCE)
        textbuf_printf(tb, "%s REF", cls);
    else if (type == CIM_TYPE_INSTANCE && (moftext_own_qualifier(q, nq, "EmbeddedInstance") ||
                                           moftext_own_qualifier(q, nq, "EmbeddedObject")))
        textbuf_puts(tb, "string");
    else if (type == CIM_TYPE_INSTANCE)
        textbuf_puts(tb, cls);
    else
        textbuf_puts(tb, cimrpc_type_name((cimrpc_type)type));
}

/* " Name" with an array suffix, "[]" or "[4]". */
static void
moftext_name(struct textbuf *tb, const char *name, int array_size)
{
    textbuf_printf(tb, " %s", name);
    if (array_size == 0)
        textbuf_puts(tb, "[]");
    else if (array_size > 0)
        textbuf_printf(tb, "[%d]", array_size);
}

static void
moftext_property(struct textbuf *tb, const cim_property *p)
{
    textbuf_puts(tb, "    ");
    moftext_qualifiers(tb, p->qualifiers.qualifiers_val, p->qualifiers.qualifiers_len, " ");
    moftext_type(tb, p->type, p->ref_class, p->qualifiers.qualifiers_val,
                 p->qualifiers.qualifiers_len);
    moftext_name(tb, p->name, p->array_size);
    if (!p->default_value.is_null) {
        textbuf_puts(tb, " = ");
        moftext_value(tb, &p->default_value, true, 0);
    }
    textbuf_puts(tb, ";\n");
}

static void
moftext_method(struct textbuf *tb, const cim_method *m)
{
    textbuf_puts(tb, "    ");
    moftext_qualifiers(tb, m->qualifiers.qualifiers_val, m->qualifiers.qualifiers_len, " ");
    if (m->return_type == CIM_TYPE_VOID)
        textbuf_puts(tb, "void");
    else
        moftext_type(tb, m->return_type, NULL, m->qualifiers.qualifiers_val,
                     m->qualifiers.qualifiers_len);
    textbuf_printf(tb, " %s(", m->name);
    for (u_int i = 0; i < m->parameters.parameters_len; i++) {
        const cim_parameter *p = &m->parameters.parameters_val[i];
        if (i > 0)
            textbuf_puts(tb, ", ");
        moftext_qualifiers(tb, p->qualifiers.qualifiers_val, p->qualifiers.qualifiers_len, " ");
        moftext_type(tb, p->type, p->ref_class, p->qualifiers.qualifiers_val,
                     p->qualifiers.qualifiers_len);
        moftext_name(tb, p->name, p->array_size);
    }
    textbuf_puts(tb, ");\n");
}

void
moftext_class(struct textbuf *tb, const cim_class *cls)
{
    moftext_qualifiers(tb, cls->qualifiers.qualifiers_val, cls->qualifiers.qualifiers_len, "\n");
    textbuf_printf(tb, "class %s", cls->name);
    if (cls->superclass[0] != '\0')
        textbuf_printf(tb, " : %s", cls->superclass);
    textbuf_puts(tb, "\n{\n");
    for (u_int i = 0; i < cls->properties.properties_len; i++)
        if (!cls->properties.properties_val[i].propagated)
            moftext_property(tb, &cls->properties.properties_val[i]);
    for (u_int i = 0; i < cls->methods.methods_len; i++)
        if (!cls->methods.methods_val[i].propagated)
            moftext_method(tb, &cls->methods.methods_val[i]);
    textbuf_puts(tb, "};\n");
}
