/*
 * output.c: the CLI's output formats, printed as a stream.
 *
 * JSON is produced with json-c, so escaping is always right; integers
 * keep every digit (uint64 included) and reals are written with the
 * fewest digits that read back to the same number.  CSV follows RFC 4180
 * (a header row; fields with commas, quotes or line breaks are quoted,
 * quotes doubled; CRLF line ends).  MOF prints DSP0221 instance
 * declarations with its string escapes.  Table cells show control
 * characters as escapes so that every record stays on one line.
 *
 * Invariants: a field is either a scalar (ONE) or an array (ITEMS); every
 * scalar but a null has its display text; a stream prints JSON, CSV,
 * value and MOF records as they are added and frees them at once, and
 * keeps at most OUTPUT_TABLE_CHUNK records for a table.
 */
#include <config.h>

#include <errno.h>
#include <json.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "output.h"

enum scalar_kind { SCALAR_NULL, SCALAR_STRING, SCALAR_CHAR, SCALAR_INT, SCALAR_UINT, SCALAR_REAL,
                   SCALAR_BOOL, SCALAR_RECORD };

struct output_scalar {
    enum scalar_kind kind;
    char *text;                 /* display text; NULL for SCALAR_NULL */
    union {
        long long i;
        unsigned long long u;
        double r;
        bool b;
        struct output_record *rec;
    } as;
};

struct output_field {
    char *name;
    bool is_array;
    struct output_scalar one;       /* !is_array */
    struct output_scalar *items;    /* is_array */
    size_t n_items;
};

struct output_record {
    char *class_name;
    bool is_object;             /* a CIM object: prints __CLASS and __RELPATH */
    char *relpath;              /* is_object; may be NULL */
    char *mof;                  /* printed as it is by -o mof, or NULL */
    struct output_field *fields;
    size_t n_fields;
};

/* ------------------------------------------------------------ records */

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

struct output_record *
output_record_new_object(const char *class_name, const char *relpath)
{
    struct output_record *rec = output_record_new(class_name);

    if (rec == NULL)
        return NULL;
    rec->is_object = true;
    if (relpath != NULL && (rec->relpath = strdup(relpath)) == NULL) {
        output_record_free(rec);
        return NULL;
    }
    return rec;
}

static void
output_scalar_clear(struct output_scalar *sc)
{
    free(sc->text);
    if (sc->kind == SCALAR_RECORD)
        output_record_free(sc->as.rec);
    memset(sc, 0, sizeof(*sc));
}

static void
output_field_clear(struct output_field *f)
{
    free(f->name);
    output_scalar_clear(&f->one);
    for (size_t j = 0; j < f->n_items; j++)
        output_scalar_clear(&f->items[j]);
    free(f->items);
}

void
output_record_free(struct output_record *rec)
{
    if (rec == NULL)
        return;
    for (size_t i = 0; i < rec->n_fields; i++)
        output_field_clear(&rec->fields[i]);
    free(rec->fields);
    free(rec->class_name);
    free(rec->relpath);
    free(rec->mof);
    free(rec);
}

const char *
output_record_class(const struct output_record *rec)
{
    return rec->class_name;
}

void
output_record_set_mof(struct output_record *rec, char *mof)
{
    free(rec->mof);
    rec->mof = mof;
}

/* The slot a new value goes to: a new scalar field NAME, or (NAME NULL) a
 * new element of the last field, an array.  NULL on ENOMEM or misuse. */
static struct output_scalar *
output_slot(struct output_record *rec, const char *name)
{
    struct output_field *fields, *f;
    struct output_scalar *items;

    if (name == NULL) {
        if (rec->n_fields == 0 || !rec->fields[rec->n_fields - 1].is_array)
            return NULL;
        f = &rec->fields[rec->n_fields - 1];
        items = realloc(f->items, (f->n_items + 1) * sizeof(*items));
        if (items == NULL)
            return NULL;
        f->items = items;
        memset(&items[f->n_items], 0, sizeof(*items));
        return &items[f->n_items++];
    }
    fields = realloc(rec->fields, (rec->n_fields + 1) * sizeof(*fields));
    if (fields == NULL)
        return NULL;
    rec->fields = fields;
    f = &fields[rec->n_fields];
    memset(f, 0, sizeof(*f));
    if ((f->name = strdup(name)) == NULL)
        return NULL;
    rec->n_fields++;
    return &f->one;
}

int
output_add_array(struct output_record *rec, const char *name)
{
    if (name == NULL || output_slot(rec, name) == NULL)
        return -1;
    rec->fields[rec->n_fields - 1].is_array = true;
    return 0;
}

int
output_add_null(struct output_record *rec, const char *name)
{
    return output_slot(rec, name) == NULL ? -1 : 0;
}

static int
output_add_text(struct output_record *rec, const char *name, enum scalar_kind kind,
                const char *value)
{
    struct output_scalar *sc = output_slot(rec, name);

    if (sc == NULL)
        return -1;
    if (value == NULL)
        return 0;
    if ((sc->text = strdup(value)) == NULL)
        return -1;
    sc->kind = kind;
    return 0;
}

int
output_add_string(struct output_record *rec, const char *name, const char *value)
{
    return output_add_text(rec, name, SCALAR_STRING, value);
}

int
output_add_char(struct output_record *rec, const char *name, const char *value)
{
    return output_add_text(rec, name, SCALAR_CHAR, value);
}

int
output_add_int(struct output_record *rec, const char *name, long long value)
{
    struct output_scalar *sc = output_slot(rec, name);

    if (sc == NULL || asprintf(&sc->text, "%lld", value) < 0) {
        if (sc != NULL)
            sc->text = NULL;
        return -1;
    }
    sc->kind = SCALAR_INT;
    sc->as.i = value;
    return 0;
}

int
output_add_uint(struct output_record *rec, const char *name, unsigned long long value)
{
    struct output_scalar *sc = output_slot(rec, name);

    if (sc == NULL || asprintf(&sc->text, "%llu", value) < 0) {
        if (sc != NULL)
            sc->text = NULL;
        return -1;
    }
    sc->kind = SCALAR_UINT;
    sc->as.u = value;
    return 0;
}

/* VALUE with the fewest significant digits that read back to it (as a
 * float when SINGLE), always with a '.' or an exponent so that it reads
 * as a real; "NaN", "Infinity" or "-Infinity" when not finite. */
static void
output_real_text(double value, bool single, char buf[40])
{
    if (isnan(value)) {
        strcpy(buf, "NaN");
        return;
    }
    if (isinf(value)) {
        strcpy(buf, value < 0 ? "-Infinity" : "Infinity");
        return;
    }
    for (int digits = single ? 6 : 15; digits <= 17; digits++) {
        snprintf(buf, 32, "%.*g", digits, value);
        double back = strtod(buf, NULL);
        if (single ? (float)back == (float)value : back == value)
            break;
    }
    if (strpbrk(buf, ".eE") == NULL)
        strcat(buf, ".0");
}

int
output_add_real(struct output_record *rec, const char *name, double value, bool single)
{
    struct output_scalar *sc = output_slot(rec, name);
    char buf[40];

    if (sc == NULL)
        return -1;
    output_real_text(value, single, buf);
    if ((sc->text = strdup(buf)) == NULL)
        return -1;
    sc->kind = SCALAR_REAL;
    sc->as.r = value;
    return 0;
}

int
output_add_bool(struct output_record *rec, const char *name, bool value)
{
    struct output_scalar *sc = output_slot(rec, name);

    if (sc == NULL || (sc->text = strdup(value ? "true" : "false")) == NULL)
        return -1;
    sc->kind = SCALAR_BOOL;
    sc->as.b = value;
    return 0;
}

int
output_add_record(struct output_record *rec, const char *name, struct output_record *sub,
                  const char *text)
{
    struct output_scalar *sc = output_slot(rec, name);

    if (sc == NULL || (sc->text = strdup(text)) == NULL) {
        output_record_free(sub);
        return -1;
    }
    sc->kind = SCALAR_RECORD;
    sc->as.rec = sub;
    return 0;
}

int
output_add_list(struct output_record *rec, const char *name, const char *const *values, size_t n)
{
    if (output_add_array(rec, name) < 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (output_add_string(rec, NULL, values[i]) < 0)
            return -1;
    return 0;
}

int
output_record_select(struct output_record *rec, const char *const *names, size_t n)
{
    struct output_field *kept = calloc(n ? n : 1, sizeof(*kept));
    bool *taken = calloc(rec->n_fields ? rec->n_fields : 1, sizeof(bool));
    size_t n_kept = 0;

    if (kept == NULL || taken == NULL) {
        free(kept);
        free(taken);
        return -1;
    }
    for (size_t k = 0; k < n; k++) {
        for (size_t i = 0; i < rec->n_fields; i++) {
            if (!taken[i] && strcasecmp(rec->fields[i].name, names[k]) == 0) {
                kept[n_kept++] = rec->fields[i];
                taken[i] = true;
                break;
            }
        }
    }
    for (size_t i = 0; i < rec->n_fields; i++)
        if (!taken[i])
            output_field_clear(&rec->fields[i]);
    free(rec->fields);
    free(taken);
    rec->fields = kept;
    rec->n_fields = n_kept;
    return 0;
}

/* ----------------------------------------------------------- text forms */

/* The field as plain text, array elements joined with SEP (in braces for
 * a table: ", "); NULL for a null scalar.  A new string (free()), or NULL
 * with *failed set on ENOMEM. */
static char *
output_field_text(const struct output_field *f, const char *sep, bool *failed)
{
    bool braces = strcmp(sep, ", ") == 0;
    size_t len = 2, seplen = strlen(sep);
    char *s, *p;

    if (!f->is_array) {
        if (f->one.text == NULL)
            return NULL;
        if ((s = strdup(f->one.text)) == NULL)
            *failed = true;
        return s;
    }
    for (size_t i = 0; i < f->n_items; i++)
        len += (f->items[i].text ? strlen(f->items[i].text) : 4) + seplen;
    if ((p = s = malloc(len + 1)) == NULL) {
        *failed = true;
        return NULL;
    }
    if (braces)
        *p++ = '{';
    for (size_t i = 0; i < f->n_items; i++) {
        const char *t = f->items[i].text ? f->items[i].text : "NULL";
        if (i > 0) {
            memcpy(p, sep, seplen);
            p += seplen;
        }
        memcpy(p, t, strlen(t));
        p += strlen(t);
    }
    if (braces)
        *p++ = '}';
    *p = '\0';
    return s;
}

/* S with control characters written as escapes (\n, \t, \r, \xHH), for a
 * table cell; a new string, or NULL on ENOMEM. */
static char *
output_cell_escape(const char *s)
{
    size_t n = 0;
    char *out, *p;

    for (const unsigned char *c = (const unsigned char *)s; *c; c++)
        n += *c < 0x20 || *c == 0x7f ? 4 : 1;
    if ((p = out = malloc(n + 1)) == NULL)
        return NULL;
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (*c == '\n' || *c == '\t' || *c == '\r') {
            *p++ = '\\';
            *p++ = *c == '\n' ? 'n' : *c == '\t' ? 't' : 'r';
        } else if (*c < 0x20 || *c == 0x7f) {
            p += sprintf(p, "\\x%02X", *c);
        } else {
            *p++ = (char)*c;
        }
    }
    *p = '\0';
    return out;
}

/* The width of S on a terminal: its UTF-8 characters. */
static size_t
output_width(const char *s)
{
    size_t w = 0;

    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

/* Print S left-aligned in WIDTH columns. */
static void
output_pad(FILE *out, const char *s, size_t width)
{
    size_t w = output_width(s);

    fputs(s, out);
    for (; w < width; w++)
        fputc(' ', out);
}

/* ------------------------------------------------------------------ JSON */

static struct json_object *output_record_json(const struct output_record *rec);

static struct json_object *
output_scalar_json(const struct output_scalar *sc)
{
    switch (sc->kind) {
    case SCALAR_NULL: return NULL;
    case SCALAR_STRING: case SCALAR_CHAR: return json_object_new_string(sc->text);
    case SCALAR_INT: return json_object_new_int64(sc->as.i);
    case SCALAR_UINT: return json_object_new_uint64(sc->as.u);
    case SCALAR_REAL:
        return isfinite(sc->as.r) ? json_object_new_double_s(sc->as.r, sc->text) : NULL;
    case SCALAR_BOOL: return json_object_new_boolean(sc->as.b);
    case SCALAR_RECORD: return output_record_json(sc->as.rec);
    }
    return NULL;
}

/* REC as a JSON object (json_object_put() it), or NULL on ENOMEM. */
static struct json_object *
output_record_json(const struct output_record *rec)
{
    struct json_object *obj = json_object_new_object();
    bool failed = false;

    if (obj == NULL)
        return NULL;
    if (rec->is_object) {
        failed |= json_object_object_add(obj, "__CLASS",
                                         json_object_new_string(rec->class_name)) < 0;
        failed |= json_object_object_add(obj, "__RELPATH", rec->relpath ?
                                         json_object_new_string(rec->relpath) : NULL) < 0;
    }
    for (size_t i = 0; !failed && i < rec->n_fields; i++) {
        const struct output_field *f = &rec->fields[i];
        struct json_object *v;
        if (!f->is_array) {
            v = output_scalar_json(&f->one);
            failed |= v == NULL && f->one.kind != SCALAR_NULL &&
                      !(f->one.kind == SCALAR_REAL && !isfinite(f->one.as.r));
        } else {
            v = json_object_new_array_ext((int)f->n_items);
            failed |= v == NULL;
            for (size_t j = 0; v != NULL && j < f->n_items; j++)
                failed |= json_object_array_add(v, output_scalar_json(&f->items[j])) < 0;
        }
        failed |= json_object_object_add(obj, f->name, v) < 0;
    }
    if (failed) {
        json_object_put(obj);
        return NULL;
    }
    return obj;
}

static int
output_json_record(FILE *out, const struct output_record *rec)
{
    struct json_object *obj = output_record_json(rec);
    const char *text;
    int rc = -1;

    if (obj == NULL)
        return -1;
    text = json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
                                          JSON_C_TO_STRING_NOSLASHESCAPE);
    if (text != NULL && fputs(text, out) >= 0)
        rc = 0;
    json_object_put(obj);
    return rc;
}

/* ------------------------------------------------------------------- CSV */

void
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

/* ------------------------------------------------------------------- MOF */

void
output_mof_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\t': fputs("\\t", out); break;
        case '\r': fputs("\\r", out); break;
        case '\b': fputs("\\b", out); break;
        case '\f': fputs("\\f", out); break;
        default:
            if (c < 0x20)
                fprintf(out, "\\x%06X", c);
            else
                fputc(c, out);
            break;
        }
    }
    fputc('"', out);
}

static void
output_mof_scalar(FILE *out, const struct output_scalar *sc)
{
    switch (sc->kind) {
    case SCALAR_NULL: fputs("NULL", out); break;
    case SCALAR_STRING: output_mof_string(out, sc->text); break;
    case SCALAR_CHAR:
        if (strcmp(sc->text, "'") == 0 || strcmp(sc->text, "\\") == 0)
            fprintf(out, "'\\%s'", sc->text);
        else if (strlen(sc->text) == 1 && (unsigned char)sc->text[0] < 0x20)
            fprintf(out, "'\\x%06X'", (unsigned char)sc->text[0]);
        else
            fprintf(out, "'%s'", sc->text);
        break;
    case SCALAR_BOOL: fputs(sc->as.b ? "TRUE" : "FALSE", out); break;
    case SCALAR_INT: case SCALAR_UINT: case SCALAR_REAL: case SCALAR_RECORD:
        fputs(sc->text, out);
        break;
    }
}

static int
output_mof_record(FILE *out, const struct output_record *rec)
{
    if (rec->mof != NULL) {
        size_t len = strlen(rec->mof);
        fputs(rec->mof, out);
        if (len == 0 || rec->mof[len - 1] != '\n')
            fputc('\n', out);
        return 0;
    }
    fprintf(out, "instance of %s\n{\n", rec->class_name);
    for (size_t i = 0; i < rec->n_fields; i++) {
        const struct output_field *f = &rec->fields[i];
        fprintf(out, "    %s = ", f->name);
        if (!f->is_array) {
            output_mof_scalar(out, &f->one);
        } else {
            fputc('{', out);
            for (size_t j = 0; j < f->n_items; j++) {
                fputs(j ? ", " : "", out);
                output_mof_scalar(out, &f->items[j]);
            }
            fputc('}', out);
        }
        fputs(";\n", out);
    }
    fputs("};\n", out);
    return 0;
}

/* ----------------------------------------------------------------- value */

static int
output_value_record(FILE *out, const struct output_record *rec, const char *host)
{
    bool failed = false;

    for (size_t i = 0; i < rec->n_fields; i++) {
        char *s = output_field_text(&rec->fields[i], "\n", &failed);
        const char *t = s ? s : "";
        if (host == NULL) {
            fprintf(out, "%s\n", t);
        } else {
            /* Each line of the value carries the host. */
            const char *line = t, *nl;
            do {
                nl = strchr(line, '\n');
                fprintf(out, "%s: %.*s\n", host, nl ? (int)(nl - line) : (int)strlen(line), line);
                line = nl ? nl + 1 : NULL;
            } while (line != NULL);
        }
        free(s);
    }
    return failed ? -1 : 0;
}

/* ----------------------------------------------------------------- table */

struct table_row {
    struct output_record *rec;
    bool owned;
};

struct output_stream {
    FILE *out;
    enum output_format format;
    char *host;
    bool single;
    bool ended;
    size_t count;               /* records added */
    size_t printed;             /* records printed (JSON, MOF) */
    struct output_record *held; /* JSON single: the first record, until the end */
    bool held_owned;
    char **header;              /* CSV: the columns, from the first record */
    size_t n_header;
    bool csv_warned;
    struct table_row *rows;     /* table: the chunk kept */
    size_t n_rows;
    size_t tables;              /* tables printed */
};

/* One record: "Name  Value" lines (for an object, __CLASS and __RELPATH
 * first). */
static int
output_vertical(FILE *out, const struct output_record *rec)
{
    size_t width = rec->is_object ? strlen("__RELPATH") : 0;
    bool failed = false;

    for (size_t i = 0; i < rec->n_fields; i++)
        if (output_width(rec->fields[i].name) > width)
            width = output_width(rec->fields[i].name);
    if (rec->is_object) {
        char *path = rec->relpath ? output_cell_escape(rec->relpath) : NULL;
        if (rec->relpath != NULL && path == NULL)
            return -1;
        fprintf(out, "%-*s  %s\n", (int)width, "__CLASS", rec->class_name);
        fprintf(out, "%-*s  %s\n", (int)width, "__RELPATH", path ? path : "(null)");
        free(path);
    }
    for (size_t i = 0; i < rec->n_fields; i++) {
        char *s = output_field_text(&rec->fields[i], ", ", &failed);
        char *cell = s ? output_cell_escape(s) : NULL;
        failed |= s != NULL && cell == NULL;
        output_pad(out, rec->fields[i].name, width);
        fprintf(out, "  %s\n", cell ? cell : "(null)");
        free(cell);
        free(s);
    }
    return failed ? -1 : 0;
}

/* Do A and B have the same class (for objects) and columns? */
static bool
output_same_columns(const struct output_record *a, const struct output_record *b)
{
    if (a->n_fields != b->n_fields || a->is_object != b->is_object ||
        (a->is_object && strcasecmp(a->class_name, b->class_name) != 0))
        return false;
    for (size_t i = 0; i < a->n_fields; i++)
        if (strcasecmp(a->fields[i].name, b->fields[i].name) != 0)
            return false;
    return true;
}

/* Print the rows kept as one table (object records under their class
 * name), and let them go. */
static int
output_table_flush(struct output_stream *s)
{
    const struct output_record *first;
    size_t cols, *width = NULL;
    char **cells = NULL;
    bool failed = false;
    int rc = -1;

    if (s->n_rows == 0)
        return 0;
    first = s->rows[0].rec;
    cols = first->n_fields;
    width = calloc(cols ? cols : 1, sizeof(*width));
    cells = calloc(s->n_rows * cols + 1, sizeof(*cells));
    if (width == NULL || cells == NULL)
        goto cleanup;
    for (size_t i = 0; i < cols; i++)
        width[i] = output_width(first->fields[i].name);
    for (size_t r = 0; r < s->n_rows; r++) {
        for (size_t i = 0; i < cols; i++) {
            char *t = output_field_text(&s->rows[r].rec->fields[i], ", ", &failed);
            char *cell = t ? output_cell_escape(t) : strdup("(null)");
            free(t);
            if (cell == NULL)
                goto cleanup;
            cells[r * cols + i] = cell;
            if (output_width(cell) > width[i])
                width[i] = output_width(cell);
        }
    }
    if (s->tables > 0)
        fputc('\n', s->out);
    if (first->is_object)
        fprintf(s->out, "%s\n", first->class_name);
    for (size_t i = 0; i < cols; i++) {
        if (i + 1 < cols)
            output_pad(s->out, first->fields[i].name, width[i] + 2);
        else
            fprintf(s->out, "%s", first->fields[i].name);
    }
    fputc('\n', s->out);
    for (size_t r = 0; r < s->n_rows; r++) {
        for (size_t i = 0; i < cols; i++) {
            if (i + 1 < cols)
                output_pad(s->out, cells[r * cols + i], width[i] + 2);
            else
                fputs(cells[r * cols + i], s->out);
        }
        fputc('\n', s->out);
    }
    s->tables++;
    rc = failed ? -1 : 0;
cleanup:
    for (size_t k = 0; cells != NULL && k < s->n_rows * cols; k++)
        free(cells[k]);
    free(cells);
    free(width);
    for (size_t r = 0; r < s->n_rows; r++)
        if (s->rows[r].owned)
            output_record_free(s->rows[r].rec);
    s->n_rows = 0;
    return rc;
}

static int
output_table_add(struct output_stream *s, struct output_record *rec, bool owned)
{
    if (s->n_rows > 0 && (s->n_rows == OUTPUT_TABLE_CHUNK ||
                          !output_same_columns(s->rows[0].rec, rec))) {
        if (output_table_flush(s) < 0) {
            if (owned)
                output_record_free(rec);
            return -1;
        }
    }
    if (s->rows == NULL && (s->rows = calloc(OUTPUT_TABLE_CHUNK, sizeof(*s->rows))) == NULL) {
        if (owned)
            output_record_free(rec);
        return -1;
    }
    s->rows[s->n_rows].rec = rec;
    s->rows[s->n_rows].owned = owned;
    s->n_rows++;
    return 0;
}

/* ---------------------------------------------------------------- stream */

struct output_stream *
output_stream_new(FILE *out, enum output_format format, const char *host, bool single)
{
    struct output_stream *s = calloc(1, sizeof(*s));

    if (s == NULL)
        return NULL;
    s->out = out;
    s->format = format;
    s->single = single;
    if (host != NULL && (s->host = strdup(host)) == NULL) {
        free(s);
        return NULL;
    }
    return s;
}

/* Print the CSV header: "Host" when labelled, then REC's field names. */
static int
output_csv_header(struct output_stream *s, const struct output_record *rec)
{
    if ((s->header = calloc(rec->n_fields ? rec->n_fields : 1, sizeof(char *))) == NULL)
        return -1;
    for (size_t i = 0; i < rec->n_fields; i++) {
        if ((s->header[i] = strdup(rec->fields[i].name)) == NULL)
            return -1;
        s->n_header++;
    }
    if (s->host != NULL)
        fputs(s->n_header > 0 ? "Host," : "Host", s->out);
    for (size_t i = 0; i < s->n_header; i++) {
        if (i > 0)
            fputc(',', s->out);
        output_csv_cell(s->out, s->header[i]);
    }
    fputs("\r\n", s->out);
    return 0;
}

/* One CSV row: REC's fields under the header's columns, matched by name. */
static int
output_csv_row(struct output_stream *s, const struct output_record *rec)
{
    bool failed = false;
    size_t matched = 0;

    if (s->header == NULL && output_csv_header(s, rec) < 0)
        return -1;
    if (s->host != NULL) {
        output_csv_cell(s->out, s->host);
        if (s->n_header > 0)
            fputc(',', s->out);
    }
    for (size_t c = 0; c < s->n_header; c++) {
        const struct output_field *f = NULL;
        if (c < rec->n_fields && strcasecmp(rec->fields[c].name, s->header[c]) == 0)
            f = &rec->fields[c];
        for (size_t i = 0; f == NULL && i < rec->n_fields; i++)
            if (strcasecmp(rec->fields[i].name, s->header[c]) == 0)
                f = &rec->fields[i];
        if (c > 0)
            fputc(',', s->out);
        if (f != NULL) {
            char *t = output_field_text(f, ";", &failed);
            output_csv_cell(s->out, t);
            free(t);
            matched++;
        }
    }
    fputs("\r\n", s->out);
    if (matched < rec->n_fields && !s->csv_warned) {
        fprintf(stderr, "cimrpc: warning: CSV has the columns of the first result; properties "
                "of %s that are not among them are left out (query one class, or choose the "
                "properties)\n", rec->class_name);
        s->csv_warned = true;
    }
    return failed ? -1 : 0;
}

static int
output_json_add(struct output_stream *s, const struct output_record *rec)
{
    fputs(s->printed == 0 ? "[\n" : ",\n", s->out);
    s->printed++;
    return output_json_record(s->out, rec);
}

/* Add REC (owned: freed when done with). */
static int
output_stream_put(struct output_stream *s, struct output_record *rec, bool owned)
{
    int rc = 0;

    if (s->ended) {
        if (owned)
            output_record_free(rec);
        return -1;
    }
    s->count++;
    switch (s->format) {
    case OUTPUT_TABLE:
        return output_table_add(s, rec, owned);
    case OUTPUT_JSON:
        if (s->single && s->count == 1) {
            s->held = rec;
            s->held_owned = owned;
            return 0;
        }
        if (s->held != NULL) {          /* a second record: an array after all */
            rc = output_json_add(s, s->held);
            if (s->held_owned)
                output_record_free(s->held);
            s->held = NULL;
        }
        if (rc == 0)
            rc = output_json_add(s, rec);
        break;
    case OUTPUT_CSV:
        rc = output_csv_row(s, rec);
        break;
    case OUTPUT_MOF:
        fputs(s->printed++ > 0 ? "\n" : "", s->out);
        rc = output_mof_record(s->out, rec);
        break;
    case OUTPUT_VALUE:
        rc = output_value_record(s->out, rec, s->host);
        break;
    }
    if (owned)
        output_record_free(rec);
    if (fflush(s->out) != 0 || ferror(s->out))
        rc = -1;
    return rc;
}

int
output_stream_add(struct output_stream *s, struct output_record *rec)
{
    return output_stream_put(s, rec, true);
}

int
output_stream_end(struct output_stream *s)
{
    int rc = 0;

    if (s->ended)
        return 0;
    s->ended = true;
    switch (s->format) {
    case OUTPUT_TABLE:
        if (s->tables == 0 && s->n_rows == 1) {
            rc = output_vertical(s->out, s->rows[0].rec);
            if (s->rows[0].owned)
                output_record_free(s->rows[0].rec);
            s->n_rows = 0;
        } else {
            rc = output_table_flush(s);
        }
        break;
    case OUTPUT_JSON:
        if (s->held != NULL) {
            rc = output_json_record(s->out, s->held);
            fputc('\n', s->out);
            if (s->held_owned)
                output_record_free(s->held);
            s->held = NULL;
        } else if (s->printed > 0) {
            fputs("\n]\n", s->out);
        } else if (!s->single) {
            fputs("[]\n", s->out);
        }
        break;
    case OUTPUT_CSV: case OUTPUT_MOF: case OUTPUT_VALUE:
        break;
    }
    if (fflush(s->out) != 0 || ferror(s->out))
        rc = -1;
    return rc;
}

size_t
output_stream_count(const struct output_stream *s)
{
    return s->count;
}

void
output_stream_free(struct output_stream *s)
{
    if (s == NULL)
        return;
    for (size_t r = 0; r < s->n_rows; r++)
        if (s->rows[r].owned)
            output_record_free(s->rows[r].rec);
    free(s->rows);
    if (s->held_owned)
        output_record_free(s->held);
    for (size_t i = 0; i < s->n_header; i++)
        free(s->header[i]);
    free(s->header);
    free(s->host);
    free(s);
}

int
output_print(FILE *out, enum output_format format, struct output_record *const *recs, size_t n,
             bool single)
{
    struct output_stream *s = output_stream_new(out, format, NULL, single);
    int rc = 0;

    if (s == NULL)
        return -1;
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = output_stream_put(s, recs[i], false);
    if (rc == 0)
        rc = output_stream_end(s);
    output_stream_free(s);
    return rc;
}
