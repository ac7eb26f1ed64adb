/*
 * propsel.h: choosing properties (get -p, enum --properties and
 * --keys-only) and checking object path arguments.
 *
 * A list is read when the command line is parsed ("a,b" and repeated
 * options add up); the server is asked for those properties (it always
 * adds the keys, so that an instance stays identifiable), and the output
 * shows exactly the properties asked for, in the order asked.
 */
#ifndef CIMRPC_CLI_PROPSEL_H
#define CIMRPC_CLI_PROPSEL_H

#include <stdbool.h>
#include <stddef.h>

#include "cimrpc/cimrpc.h"
#include "output.h"

struct propsel {
    char **names;               /* as given, each once */
    size_t n;
    bool keys_only;
};

/* Add the names of LIST ("a,b,c") to SEL.  Returns 0, or the exit status
 * after printing a usage error naming command CMD and option OPT. */
int propsel_parse(struct propsel *sel, const char *cmd, const char *opt, const char *list);

/* Free what SEL holds and empty it. */
void propsel_clear(struct propsel *sel);

/* Does SEL choose anything (a list, or keys only)? */
bool propsel_any(const struct propsel *sel);

/* The selection to send for SEL: 0 with *sel_out (the caller's; NULL when
 * SEL chooses nothing: all properties), or -1 with *err_out. */
int propsel_build(const struct propsel *sel, cimrpc_select **sel_out, cimrpc_error **err_out);

/* REC (taken; NULL means it could not be made) keeping only the
 * properties SEL (borrowed; NULL: all) lists, in its order (nothing to do
 * without a list).  Returns REC, or NULL (REC freed) on ENOMEM. */
struct output_record *propsel_filter(const struct propsel *sel, struct output_record *rec);

/* Check that PATH is an object path; INSTANCE: of an instance (keys, or
 * Class=@).  Returns 0, or the exit status after printing a usage error
 * naming command CMD. */
int propsel_check_path(const char *cmd, const char *path, bool instance);

/* The class name PATH names (the caller's; free()), or NULL when PATH
 * is no object path or memory runs out. */
char *propsel_path_class(const char *path);

/* Does PATH name a class (no keys)?  False for a malformed path. */
bool propsel_path_is_class(const char *path);

#endif
