/*
 * assign.c: NAME=VALUE arguments and the values they make (assign.h).
 *
 * Texts become values through cimrpc_value_from_text(), which checks
 * each integer against the range of its type, so the CLI and the library
 * agree on what a value may be.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "assign.h"
#include "cli.h"
#include "common/cim_names.h"

#define ASSIGN_MAX 4096         /* NAME=VALUE words in one command */

void
assign_list_clear(struct assign_list *list)
{
    for (size_t i = 0; i < list->n; i++) {
        free(list->items[i].name);
        for (size_t j = 0; j < list->items[i].n_texts; j++)
            free(list->items[i].texts[j]);
        free(list->items[i].texts);
    }
    free(list->items);
    list->items = NULL;
    list->n = 0;
}

/* Add TEXT (copied) to NAME's texts, adding NAME (N bytes) when new. */
static int
assign_add(struct assign_list *list, const char *name, size_t n, const char *text)
{
    struct assign *a = NULL;
    char **texts;

    for (size_t i = 0; i < list->n; i++) {
        if (strlen(list->items[i].name) == n && strncasecmp(list->items[i].name, name, n) == 0) {
            a = &list->items[i];
            break;
        }
    }
    if (a == NULL) {
        struct assign *items = realloc(list->items, (list->n + 1) * sizeof(*items));
        if (items == NULL)
            return -1;
        list->items = items;
        a = &items[list->n];
        memset(a, 0, sizeof(*a));
        if ((a->name = strndup(name, n)) == NULL)
            return -1;
        list->n++;
    }
    texts = realloc(a->texts, (a->n_texts + 1) * sizeof(*texts));
    if (texts == NULL)
        return -1;
    a->texts = texts;
    if ((a->texts[a->n_texts] = strdup(text)) == NULL)
        return -1;
    a->n_texts++;
    return 0;
}

int
assign_parse(struct assign_list *list, const char *cmd, int argc, char **argv)
{
    if (argc > ASSIGN_MAX) {
        cli_usage("%s: at most %d NAME=VALUE arguments, not %d", cmd, ASSIGN_MAX, argc);
        return CLI_EXIT_USAGE;
    }
    for (int i = 0; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');
        size_t n = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
        char name[CIM_NAMES_NAME_MAX + 1];

        if (n == 0) {
            cli_usage("%s: '%s' has no name before '=': write NAME=VALUE", cmd, argv[i]);
            goto fail;
        }
        if (n > CIM_NAMES_NAME_MAX) {
            cli_usage("%s: a name is at most %d bytes: write NAME=VALUE", cmd,
                      CIM_NAMES_NAME_MAX);
            goto fail;
        }
        memcpy(name, argv[i], n);
        name[n] = '\0';
        if (!cim_names_element_valid(name)) {
            cli_usage("%s: '%s' is not a property or parameter name (a letter or '_', then "
                      "letters, digits and '_'): write NAME=VALUE", cmd, name);
            goto fail;
        }
        if (eq == NULL) {
            cli_usage("%s: '%s' needs a value: write %s=VALUE (or %s=NULL for null)", cmd,
                      name, name, name);
            goto fail;
        }
        if (assign_add(list, argv[i], n, eq + 1) < 0) {
            fprintf(stderr, "cimrpc: %s: out of memory\n", cmd);
            assign_list_clear(list);
            return CLI_EXIT_FAILURE;
        }
    }
    return 0;
fail:
    assign_list_clear(list);
    return CLI_EXIT_USAGE;
}

static int __attribute__((format(printf, 3, 4)))
assign_why(char **why_out, int status, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    if (vasprintf(why_out, fmt, ap) < 0)
        *why_out = NULL;
    va_end(ap);
    return status;
}

/* What values of TYPE look like, for an error message. */
static const char *
assign_hint(cimrpc_type type)
{
    switch (type) {
    case CIMRPC_TYPE_BOOLEAN: return "; write true or false";
    case CIMRPC_TYPE_SINT8: return "; write an integer from -128 to 127";
    case CIMRPC_TYPE_UINT8: return "; write an integer from 0 to 255";
    case CIMRPC_TYPE_SINT16: return "; write an integer from -32768 to 32767";
    case CIMRPC_TYPE_UINT16: return "; write an integer from 0 to 65535";
    case CIMRPC_TYPE_SINT32: return "; write an integer from -2147483648 to 2147483647";
    case CIMRPC_TYPE_UINT32: return "; write an integer from 0 to 4294967295";
    case CIMRPC_TYPE_SINT64:
        return "; write an integer from -9223372036854775808 to 9223372036854775807";
    case CIMRPC_TYPE_UINT64: return "; write an integer from 0 to 18446744073709551615";
    case CIMRPC_TYPE_REAL32: case CIMRPC_TYPE_REAL64: return "; write a number such as 2.5";
    case CIMRPC_TYPE_DATETIME:
        return "; write yyyymmddhhmmss.mmmmmmsutc (20240102030405.000000+000) or an interval "
               "ddddddddhhmmss.mmmmmm:000";
    case CIMRPC_TYPE_CHAR16: return "; write one character";
    case CIMRPC_TYPE_REFERENCE: return "; write an object path such as Class.Key=\"value\"";
    default: return "";
    }
}

/* One scalar of TYPE from TEXT (NULL is not allowed here) for NAME. */
static int
assign_scalar(const char *name, cimrpc_type type, const char *text, cimrpc_value **value_out,
              char **why_out)
{
    cimrpc_error *err = NULL;
    int status;

    if (type == CIMRPC_TYPE_INSTANCE)
        return assign_why(why_out, CLI_EXIT_USAGE, "%s holds an embedded instance, which "
                          "cannot be written on the command line", name);
    if (cimrpc_value_from_text(type, text, value_out, &err) == 0)
        return 0;
    status = cimrpc_error_get_kind(err) == CIMRPC_ERR_USAGE ? CLI_EXIT_USAGE : CLI_EXIT_FAILURE;
    assign_why(why_out, status, "%s (%s): %s%s", name, cimrpc_type_name(type),
               cimrpc_error_message(err),
               status == CLI_EXIT_USAGE && strstr(cimrpc_error_message(err), "write") == NULL ?
               assign_hint(type) : "");
    cimrpc_error_free(err);
    return status;
}

/* Append to ARRAY the elements of TEXT, "{a, "b,c", d}" (braces
 * included). */
static int
assign_braced(const char *name, cimrpc_type type, const char *text, cimrpc_value *array,
              char **why_out)
{
    const char *p = text + 1, *end = text + strlen(text) - 1;   /* at '}' */
    cimrpc_error *err = NULL;
    char *elem = NULL;
    int status = 0;

    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p == end)
        return 0;                                   /* {} */
    if ((elem = malloc(strlen(text) + 1)) == NULL)
        return assign_why(why_out, CLI_EXIT_FAILURE, "out of memory");
    for (;;) {
        size_t n = 0;
        cimrpc_value *v = NULL;
        bool quoted = false;

        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        if (p < end && *p == '"') {
            quoted = true;
            for (p++; p < end && *p != '"'; p++) {
                if (*p == '\\' && p + 1 < end)
                    p++;
                elem[n++] = *p;
            }
            if (p >= end) {
                status = assign_why(why_out, CLI_EXIT_USAGE, "%s: an element of %s has no "
                                    "closing quote", name, text);
                break;
            }
            p++;
            while (p < end && (*p == ' ' || *p == '\t'))
                p++;
            if (p < end && *p != ',') {
                status = assign_why(why_out, CLI_EXIT_USAGE, "%s: put a ',' after each quoted "
                                    "element of %s", name, text);
                break;
            }
        } else {
            while (p < end && *p != ',')
                elem[n++] = *p++;
            while (n > 0 && (elem[n - 1] == ' ' || elem[n - 1] == '\t'))
                n--;
        }
        elem[n] = '\0';
        if (!quoted && strcmp(elem, "NULL") == 0) {
            status = assign_why(why_out, CLI_EXIT_USAGE, "%s: an array cannot hold NULL "
                                "elements (write \"NULL\" for the string)", name);
            break;
        }
        if ((status = assign_scalar(name, type, elem, &v, why_out)) != 0)
            break;
        if (cimrpc_value_array_append(array, v, &err) < 0) {
            status = cimrpc_error_get_kind(err) == CIMRPC_ERR_USAGE ? CLI_EXIT_USAGE
                                                                     : CLI_EXIT_FAILURE;
            assign_why(why_out, status, "%s: %s", name, cimrpc_error_message(err));
            cimrpc_error_free(err);
            break;
        }
        if (p >= end)
            break;
        p++;                                        /* the ',' */
    }
    free(elem);
    return status;
}

int
assign_value(const struct assign *a, cimrpc_type type, bool array, cimrpc_value **value_out,
             char **why_out)
{
    cimrpc_value *v = NULL, *arr;
    cimrpc_error *err = NULL;
    int status;

    *why_out = NULL;
    if (a->n_texts == 1 && strcmp(a->texts[0], "NULL") == 0) {
        if ((v = cimrpc_value_new_null(type)) == NULL)
            return assign_why(why_out, CLI_EXIT_FAILURE, "out of memory");
        *value_out = v;
        return 0;
    }
    if (!array) {
        const char *text = a->texts[0];
        if (a->n_texts > 1)
            return assign_why(why_out, CLI_EXIT_USAGE, "%s is given %zu times, but it is not "
                              "an array: give it once", a->name, a->n_texts);
        if (text[0] == '\\')
            text++;
        status = assign_scalar(a->name, type, text, &v, why_out);
        if (status == 0)
            *value_out = v;
        return status;
    }
    if ((arr = cimrpc_value_new_array(type)) == NULL)
        return assign_why(why_out, CLI_EXIT_FAILURE, "out of memory");
    for (size_t i = 0; i < a->n_texts; i++) {
        const char *text = a->texts[i];
        size_t len = strlen(text);
        if (text[0] == '{' && len >= 2 && text[len - 1] == '}') {
            status = assign_braced(a->name, type, text, arr, why_out);
        } else if (strcmp(text, "NULL") == 0) {
            status = assign_why(why_out, CLI_EXIT_USAGE, "%s: an array cannot hold NULL "
                                "elements; give NULL alone for a null array", a->name);
        } else {
            if (text[0] == '\\')
                text++;
            status = assign_scalar(a->name, type, text, &v, why_out);
            if (status == 0 && cimrpc_value_array_append(arr, v, &err) < 0) {
                status = cimrpc_error_get_kind(err) == CIMRPC_ERR_USAGE ? CLI_EXIT_USAGE
                                                                         : CLI_EXIT_FAILURE;
                assign_why(why_out, status, "%s: %s", a->name, cimrpc_error_message(err));
                cimrpc_error_free(err);
            }
        }
        if (status != 0) {
            cimrpc_value_free(arr);
            return status;
        }
    }
    *value_out = arr;
    return 0;
}

/* The names of CLS's properties, "A, B, C" (the first 32), for a
 * message; the caller's, or NULL on ENOMEM. */
static char *
assign_property_names(const cimrpc_class *cls)
{
    size_t n = cimrpc_class_property_count(cls), len = 8;
    char *text;

    for (size_t i = 0; i < n && i < 32; i++)
        len += strlen(cimrpc_class_property_name(cls, i)) + 2;
    if ((text = malloc(len)) == NULL)
        return NULL;
    text[0] = '\0';
    for (size_t i = 0; i < n && i < 32; i++) {
        if (i > 0)
            strcat(text, ", ");
        strcat(text, cimrpc_class_property_name(cls, i));
    }
    if (n > 32)
        strcat(text, ", ...");
    return text;
}

int
assign_property(const struct assign *a, const cimrpc_class *cls, size_t *index_out,
                cimrpc_value **value_out, char **why_out)
{
    long index = cimrpc_class_property_index(cls, a->name);
    char *names;
    int status;

    *why_out = NULL;
    if (index < 0) {
        names = assign_property_names(cls);
        status = assign_why(why_out, CLI_EXIT_USAGE, "%s has no property '%s'%s%s",
                            cimrpc_class_name(cls), a->name,
                            names && *names ? "; its properties are " : "",
                            names ? names : "");
        free(names);
        return status;
    }
    status = assign_value(a, cimrpc_class_property_type(cls, (size_t)index),
                          cimrpc_class_property_is_array(cls, (size_t)index), value_out, why_out);
    if (status == 0)
        *index_out = (size_t)index;
    return status;
}
