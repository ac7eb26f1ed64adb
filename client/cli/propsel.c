/*
 * propsel.c: property lists and object path arguments (propsel.h).
 *
 * Paths are read with the parser the server uses (common/cim_path), so a
 * path refused here would be refused there, only later and once per host.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "common/cim_names.h"
#include "common/cim_path.h"
#include "propsel.h"

#define PROPSEL_MAX 4096        /* names in one list, as cimrpc_select_add() allows */

void
propsel_clear(struct propsel *sel)
{
    for (size_t i = 0; i < sel->n; i++)
        free(sel->names[i]);
    free(sel->names);
    sel->names = NULL;
    sel->n = 0;
}

bool
propsel_any(const struct propsel *sel)
{
    return sel->keys_only || sel->n > 0;
}

int
propsel_parse(struct propsel *sel, const char *cmd, const char *opt, const char *list)
{
    const char *p = list;

    for (;;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        char name[CIM_NAMES_NAME_MAX + 1];
        bool seen = false;
        char **names;

        if (n == 0 || n > CIM_NAMES_NAME_MAX) {
            return cli_usage("%s: %s takes property names separated by commas, such as "
                             "Name,Size; '%s' has an empty or overlong one", cmd, opt, list);
        }
        memcpy(name, p, n);
        name[n] = '\0';
        if (!cim_names_element_valid(name))
            return cli_usage("%s: %s: '%s' is not a property name (a letter or '_', then "
                             "letters, digits and '_')", cmd, opt, name);
        for (size_t i = 0; i < sel->n; i++)
            seen |= strcasecmp(sel->names[i], name) == 0;
        if (!seen) {
            if (sel->n >= PROPSEL_MAX)
                return cli_usage("%s: %s: at most %d properties", cmd, opt, PROPSEL_MAX);
            names = realloc(sel->names, (sel->n + 1) * sizeof(*names));
            if (names == NULL || (names[sel->n] = strdup(name)) == NULL) {
                if (names != NULL)
                    sel->names = names;
                fprintf(stderr, "cimrpc: %s: out of memory\n", cmd);
                return CLI_EXIT_FAILURE;
            }
            sel->names = names;
            sel->n++;
        }
        if (comma == NULL)
            return 0;
        p = comma + 1;
    }
}

int
propsel_build(const struct propsel *sel, cimrpc_select **sel_out, cimrpc_error **err_out)
{
    cimrpc_select *s;

    *sel_out = NULL;
    if (!propsel_any(sel))
        return 0;
    if ((s = cimrpc_select_new()) == NULL) {
        /* No error object can be made without memory: let the caller see
         * the same as the library's own out-of-memory report. */
        *err_out = NULL;
        return -1;
    }
    cimrpc_select_set_keys_only(s, sel->keys_only);
    for (size_t i = 0; !sel->keys_only && i < sel->n; i++) {
        if (cimrpc_select_add(s, sel->names[i], err_out) < 0) {
            cimrpc_select_free(s);
            return -1;
        }
    }
    *sel_out = s;
    return 0;
}

struct output_record *
propsel_filter(const struct propsel *sel, struct output_record *rec)
{
    if (rec == NULL || sel == NULL || sel->keys_only || sel->n == 0)
        return rec;
    if (output_record_select(rec, (const char *const *)sel->names, sel->n) < 0) {
        output_record_free(rec);
        return NULL;
    }
    return rec;
}

int
propsel_check_path(const char *cmd, const char *path, bool instance)
{
    struct cim_path parsed = { 0 };
    char why[256];
    bool is_instance;

    if (*path == '\0')
        return cli_usage("%s: the object path is empty: write Class.Key=\"value\"", cmd);
    if (strlen(path) > CIM_PATH_MAX)
        return cli_usage("%s: an object path is at most %d bytes", cmd, CIM_PATH_MAX);
    if (cim_path_parse(path, &parsed, why, sizeof(why)) < 0)
        return cli_usage("%s: '%s' is not an object path: %s (write Class.Key=\"value\"; "
                         "quote the argument for the shell)", cmd, path, why);
    is_instance = cim_path_is_instance(&parsed);
    cim_path_clear(&parsed);
    if (instance && !is_instance)
        return cli_usage("%s: '%s' names a class, not an instance: give its keys, such as "
                         "%s.Key=\"value\" (or %s=@ for a singleton)", cmd, path, path, path);
    return 0;
}

char *
propsel_path_class(const char *path)
{
    struct cim_path parsed = { 0 };
    char why[256];
    char *name;

    if (cim_path_parse(path, &parsed, why, sizeof(why)) < 0)
        return NULL;
    name = strdup(parsed.class_name);
    cim_path_clear(&parsed);
    return name;
}

bool
propsel_path_is_class(const char *path)
{
    struct cim_path parsed = { 0 };
    char why[256];
    bool is_class;

    if (cim_path_parse(path, &parsed, why, sizeof(why)) < 0)
        return false;
    is_class = !cim_path_is_instance(&parsed);
    cim_path_clear(&parsed);
    return is_class;
}
