/*
 * fuzz-path.c: fuzz target for CIM object paths (common/cim_path.h).
 *
 * The input, cut at its first NUL, is parsed with cim_path_parse().  A
 * path that parses is written back in its canonical form ("//host/" with
 * '/', the namespace with '/', string keys quoted with
 * cim_path_append_quoted(), numbers as written, TRUE/FALSE), and that text
 * must parse again to the same parts: host, namespace, class, singleton,
 * and each key's name, kind and value in order.  Otherwise abort().
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "common/cim_path.h"
#include "fuzz.h"

static int
fuzz_path_append(char *buf, size_t cap, size_t *len, const char *s)
{
    size_t n = strlen(s);

    if (*len + n + 1 > cap)
        return -1;
    memcpy(buf + *len, s, n + 1);
    *len += n;
    return 0;
}

/* PATH written as text into BUF (CAP bytes); 0, or -1 when it is too long. */
static int
fuzz_path_write(const struct cim_path *path, char *buf, size_t cap)
{
    size_t len = 0;

    buf[0] = '\0';
    if (path->host != NULL && (fuzz_path_append(buf, cap, &len, "//") < 0 ||
                               fuzz_path_append(buf, cap, &len, path->host) < 0 ||
                               fuzz_path_append(buf, cap, &len, "/") < 0))
        return -1;
    if (path->nspace != NULL && (fuzz_path_append(buf, cap, &len, path->nspace) < 0 ||
                                 fuzz_path_append(buf, cap, &len, ":") < 0))
        return -1;
    if (fuzz_path_append(buf, cap, &len, path->class_name) < 0)
        return -1;
    if (path->singleton)
        return fuzz_path_append(buf, cap, &len, "=@");
    for (size_t i = 0; i < path->n_keys; i++) {
        const struct cim_path_key *k = &path->keys[i];

        if (fuzz_path_append(buf, cap, &len, i == 0 ? "." : ",") < 0 ||
            fuzz_path_append(buf, cap, &len, k->name) < 0 ||
            fuzz_path_append(buf, cap, &len, "=") < 0)
            return -1;
        if (k->kind == CIM_PATH_KEY_STRING) {
            if (cim_path_append_quoted(buf, cap, &len, k->value) < 0)
                return -1;
        } else if (fuzz_path_append(buf, cap, &len, k->value) < 0) {
            return -1;
        }
    }
    return 0;
}

static int
fuzz_path_streq(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return strcmp(a, b) == 0;
}

static int
fuzz_path_equal(const struct cim_path *a, const struct cim_path *b)
{
    if (!fuzz_path_streq(a->host, b->host) || !fuzz_path_streq(a->nspace, b->nspace) ||
        !fuzz_path_streq(a->class_name, b->class_name) || a->singleton != b->singleton ||
        a->n_keys != b->n_keys)
        return 0;
    for (size_t i = 0; i < a->n_keys; i++)
        if (!fuzz_path_streq(a->keys[i].name, b->keys[i].name) ||
            a->keys[i].kind != b->keys[i].kind ||
            !fuzz_path_streq(a->keys[i].value, b->keys[i].value))
            return 0;
    return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct cim_path path, again;
    char why[512];
    char *text = NULL, *written = NULL;
    size_t cap = 2 * size + 64;         /* escaping at most doubles a value */

    memset(&path, 0, sizeof(path));
    memset(&again, 0, sizeof(again));
    if ((text = malloc(size + 1)) == NULL || (written = malloc(cap)) == NULL)
        goto cleanup;
    memcpy(text, data, size);
    text[size] = '\0';
    why[0] = '\0';
    if (cim_path_parse(text, &path, why, sizeof(why)) < 0) {
        if (why[0] == '\0' || path.class_name != NULL || path.keys != NULL)
            abort();                    /* refused: a reason, nothing kept */
        goto cleanup;
    }
    if (path.class_name == NULL || (path.singleton && path.n_keys != 0))
        abort();
    if (fuzz_path_write(&path, written, cap) < 0)
        abort();                        /* cap is always enough */
    if (cim_path_parse(written, &again, why, sizeof(why)) < 0)
        abort();                        /* the written form must parse */
    if (!fuzz_path_equal(&path, &again))
        abort();

cleanup:
    cim_path_clear(&again);
    cim_path_clear(&path);
    free(written);
    free(text);
    return 0;
}
