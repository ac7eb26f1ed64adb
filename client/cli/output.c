/*
 * output.c: the CLI's output formats.
 *
 * JSON is produced with json-c, so escaping is always right.  CSV follows
 * RFC 4180 (fields with commas, quotes or line breaks are quoted, quotes
 * doubled).  MOF prints instances as DSP0221 instance declarations.
 */
#include <config.h>

#include <json.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "output.h"

enum field_type { FIELD_STRING, FIELD_INT, FIELD_BOOL, FIELD_LIST };

struct output_field {
    char *name;
    enum field_type type;
    char *text;                 /* FIELD_STRING (NULL = null) */
    long long number;           /* FIELD_INT */
    bool flag;                  /* FIELD_BOOL */
    char **items;               /* FIELD_LIST */
    size_t n_items;
};

struct output_record {
    char *class_name;
    struct output_field *fields;
    size_t n_fields;
};

int
output_format_parse(const char *name, enum output_format *format_out)
{
    static const struct { const char *name; enum output_format format; } formats[] = {
        { "table", OUTPUT_TABLE }, { "json", OUTPUT_JSON }, { "csv", OUTPUT_CSV },
        { "mof", OUTPUT_MOF }, { "value", OUTPUT_VALUE },
    };

    for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
        if (strcasecmp(name, formats[i].name) == 0) {
            *format_out = formats[i].format;
            return 0;
        }
    }
    return -1;
}

struct output_record *
output_record_new(const char *class_name)
{
    struct output_record *rec = calloc(1, sizeof(*rec));

    if (rec == NULL || (rec->class_name = strdup(class_name)) == NULL) {
        free(rec);
        return NULL;
    }
    return rec;
}

void
output_record_free(struct output_record *rec)
{
    if (rec == NULL)
        return;
    for (size_t i = 0; i < rec->n_fields; i++) {
        struct output_field *f = &rec->fields[i];
        free(f->name);
        free(f->text);
        for (size_t j = 0; j < f->n_items; j++)
            free(f->items[j]);
        free(f->items);
    }
    free(rec->fields);
    free(rec->class_name);
    free(rec);
}

static struct output_field *
output_append(struct output_record *rec, const char *name, enum field_type type)
{
    struct output_field *fields = realloc(rec->fields, (rec->n_fields + 1) * sizeof(*fields));
    struct output_field *f;

    if (fields == NULL)
        return NULL;
    rec->fields = fields;
    f = &fields[rec->n_fields];
    memset(f, 0, sizeof(*f));
    f->type = type;
    if ((f->name = strdup(name)) == NULL)
        return NULL;
    rec->n_fields++;
    return f;
}

int
output_add_string(struct output_record *rec, const char *name, const char *value)
{
    struct output_field *f = output_append(rec, name, FIELD_STRING);

    if (f == NULL)
        return -1;
    if (value != NULL && (f->text = strdup(value)) == NULL)
        return -1;
    return 0;
}

int
output_add_int(struct output_record *rec, const char *name, long long value)
{
    struct output_field *f = output_append(rec, name, FIELD_INT);

    if (f == NULL)
        return -1;
    f->number = value;
    return 0;
}

int
output_add_bool(struct output_record *rec, const char *name, bool value)
{
    struct output_field *f = output_append(rec, name, FIELD_BOOL);

    if (f == NULL)
        return -1;
    f->flag = value;
    return 0;
}

int
output_add_list(struct output_record *rec, const char *name, const char *const *values, size_t n)
{
    struct output_field *f = output_append(rec, name, FIELD_LIST);

    if (f == NULL)
        return -1;
    if (n > 0 && (f->items = calloc(n, sizeof(char *))) == NULL)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if ((f->items[i] = strdup(values[i])) == NULL)
            return -1;
        f->n_items++;
    }
    return 0;
}

/* The field as plain text (lists joined with SEP), or NULL for null.
 * Returns a new string the caller frees; *failed on ENOMEM. */
static char *
output_field_text(const struct output_field *f, const char *sep, bool *failed)
{
    char *s = NULL;
    size_t len = 0;

    switch (f->type) {
    case FIELD_STRING:
        if (f->text == NULL)
            return NULL;
        s = strdup(f->text);
        break;
    case FIELD_INT:
        if (asprintf(&s, "%lld", f->number) < 0)
            s = NULL;
        break;
    case FIELD_BOOL:
        s = strdup(f->flag ? "true" : "false");
        break;
    case FIELD_LIST:
        for (size_t i = 0; i < f->n_items; i++)
            len += strlen(f->items[i]) + strlen(sep);
        s = calloc(1, len + 1);
        for (size_t i = 0; s != NULL && i < f->n_items; i++) {
            if (i > 0)
                strcat(s, sep);
            strcat(s, f->items[i]);
        }
        break;
    }
    if (s == NULL)
        *failed = true;
    return s;
}

static struct json_object *
output_field_json(const struct output_field *f)
{
    struct json_object *arr;

    switch (f->type) {
    case FIELD_STRING: return f->text ? json_object_new_string(f->text) : NULL;
    case FIELD_INT: return json_object_new_int64(f->number);
    case FIELD_BOOL: return json_object_new_boolean(f->flag);
    case FIELD_LIST:
        arr = json_object_new_array();
        for (size_t i = 0; arr != NULL && i < f->n_items; i++)
            json_object_array_add(arr, json_object_new_string(f->items[i]));
        return arr;
    }
    return NULL;
}

static int
output_json(FILE *out, struct output_record *const *recs, size_t n, bool single)
{
    struct json_object *top = single && n == 1 ? NULL : json_object_new_array();
    int rc;

    for (size_t r = 0; r < n; r++) {
        struct json_object *obj = json_object_new_object();
        for (size_t i = 0; obj != NULL && i < recs[r]->n_fields; i++)
            json_object_object_add(obj, recs[r]->fields[i].name,
                                   output_field_json(&recs[r]->fields[i]));
        if (top == NULL)
            top = obj;
        else
            json_object_array_add(top, obj);
    }
    rc = fprintf(out, "%s\n", json_object_to_json_string_ext(top,
                 JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
                 JSON_C_TO_STRING_NOSLASHESCAPE)) < 0 ? -1 : 0;
    json_object_put(top);
    return rc;
}

static void
output_csv_cell(FILE *out, const char *s)
{
    if (s == NULL)
        return;
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static int
output_csv(FILE *out, struct output_record *const *recs, size_t n)
{
    bool failed = false;

    if (n == 0)
        return 0;
    for (size_t i = 0; i < recs[0]->n_fields; i++) {
        if (i > 0)
            fputc(',', out);
        output_csv_cell(out, recs[0]->fields[i].name);
    }
    fputs("\r\n", out);
    for (size_t r = 0; r < n; r++) {
        for (size_t i = 0; i < recs[r]->n_fields; i++) {
            char *s = output_field_text(&recs[r]->fields[i], ";", &failed);
            if (i > 0)
                fputc(',', out);
            output_csv_cell(out, s);
            free(s);
        }
        fputs("\r\n", out);
    }
    return failed ? -1 : 0;
}

static void
output_mof_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        switch (*s) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\t': fputs("\\t", out); break;
        case '\r': fputs("\\r", out); break;
        default: fputc(*s, out); break;
        }
    }
    fputc('"', out);
}

static int
output_mof(FILE *out, struct output_record *const *recs, size_t n)
{
    for (size_t r = 0; r < n; r++) {
        fprintf(out, "%sinstance of %s\n{\n", r ? "\n" : "", recs[r]->class_name);
        for (size_t i = 0; i < recs[r]->n_fields; i++) {
            const struct output_field *f = &recs[r]->fields[i];
            fprintf(out, "    %s = ", f->name);
            switch (f->type) {
            case FIELD_STRING:
                if (f->text)
                    output_mof_string(out, f->text);
                else
                    fputs("NULL", out);
                break;
            case FIELD_INT: fprintf(out, "%lld", f->number); break;
            case FIELD_BOOL: fputs(f->flag ? "TRUE" : "FALSE", out); break;
            case FIELD_LIST:
                fputc('{', out);
                for (size_t j = 0; j < f->n_items; j++) {
                    fputs(j ? ", " : "", out);
                    output_mof_string(out, f->items[j]);
                }
                fputc('}', out);
                break;
            }
            fputs(";\n", out);
        }
        fputs("};\n", out);
    }
    return 0;
}

static int
output_value(FILE *out, struct output_record *const *recs, size_t n)
{
    bool failed = false;

    for (size_t r = 0; r < n; r++) {
        for (size_t i = 0; i < recs[r]->n_fields; i++) {
            char *s = output_field_text(&recs[r]->fields[i], "\n", &failed);
            fprintf(out, "%s\n", s ? s : "");
            free(s);
        }
    }
    return failed ? -1 : 0;
}

/* One record: "Name  Value" lines.  Several: a table with a header. */
static int
output_table(FILE *out, struct output_record *const *recs, size_t n)
{
    bool failed = false;

    if (n == 1) {
        size_t width = 0;
        for (size_t i = 0; i < recs[0]->n_fields; i++)
            if (strlen(recs[0]->fields[i].name) > width)
                width = strlen(recs[0]->fields[i].name);
        for (size_t i = 0; i < recs[0]->n_fields; i++) {
            char *s = output_field_text(&recs[0]->fields[i], ", ", &failed);
            fprintf(out, "%-*s  %s\n", (int)width, recs[0]->fields[i].name, s ? s : "(null)");
            free(s);
        }
        return failed ? -1 : 0;
    }
    if (n == 0)
        return 0;
    size_t cols = recs[0]->n_fields;
    size_t *width = calloc(cols ? cols : 1, sizeof(size_t));
    if (width == NULL)
        return -1;
    for (size_t i = 0; i < cols; i++)
        width[i] = strlen(recs[0]->fields[i].name);
    for (size_t r = 0; r < n; r++) {
        for (size_t i = 0; i < cols && i < recs[r]->n_fields; i++) {
            char *s = output_field_text(&recs[r]->fields[i], ", ", &failed);
            if (s && strlen(s) > width[i])
                width[i] = strlen(s);
            free(s);
        }
    }
    for (size_t i = 0; i < cols; i++)
        fprintf(out, "%-*s%s", (int)width[i], recs[0]->fields[i].name, i + 1 < cols ? "  " : "\n");
    for (size_t r = 0; r < n; r++) {
        for (size_t i = 0; i < cols && i < recs[r]->n_fields; i++) {
            char *s = output_field_text(&recs[r]->fields[i], ", ", &failed);
            fprintf(out, "%-*s%s", (int)width[i], s ? s : "(null)", i + 1 < cols ? "  " : "\n");
            free(s);
        }
    }
    free(width);
    return failed ? -1 : 0;
}

int
output_print(FILE *out, enum output_format format, struct output_record *const *recs, size_t n,
             bool single)
{
    int rc = -1;

    switch (format) {
    case OUTPUT_TABLE: rc = output_table(out, recs, n); break;
    case OUTPUT_JSON: rc = output_json(out, recs, n, single); break;
    case OUTPUT_CSV: rc = output_csv(out, recs, n); break;
    case OUTPUT_MOF: rc = output_mof(out, recs, n); break;
    case OUTPUT_VALUE: rc = output_value(out, recs, n); break;
    }
    if (fflush(out) != 0 || ferror(out))
        rc = -1;
    return rc;
}
