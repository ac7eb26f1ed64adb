/*
 * cmd_config.c: `cimrpc config`: the delegated configuration of cimrpcd
 * (docs/CONFIGURATION.md).
 *
 *     cimrpc config sections [SECTION]           the declarations (-n namespace)
 *     cimrpc config get NAMESPACE [SECTION]      what NAMESPACE itself sets
 *     cimrpc config effective NAMESPACE [SECTION]   the merge down to NAMESPACE
 *     cimrpc config set NAMESPACE SECTION ATTR=VALUE... [--reset ATTR]
 *         [--add COLLECTION KEY=V[,ATTR=V...]] [--remove COLLECTION KEY=V]
 *         [--clear COLLECTION]
 *     cimrpc config lock|unlock NAMESPACE SECTION [--attributes A,B]
 *         [--all-attributes-except A,B] [--elements C,D]
 *         [--all-elements-except C,D] [--item COLLECTION KEY=V] [--inherit]
 *
 * NAMESPACE is "root/..." or relative to the -n namespace; every form but
 * sections opens its session there (a connection of its own unless the
 * one given is on it already), since the server reads and changes the
 * configuration of the session's namespace.
 *
 * set, lock and unlock turn their words into changes in the order given
 * (options and ATTR=VALUE words alike: getopt runs in order, and the
 * options that take two words read the second one themselves) and send
 * them in one CONFIG_WRITE, which the server applies all or none.  lock
 * and unlock without options set the section's overrideMode for the
 * subtree (Deny, Allow; --inherit removes the one set here).
 *
 * Reads print one record per row (__ConfigSetting instances): every
 * property in json, csv and mof; in table and value the columns that
 * matter for the view.  Writes print "NAMESPACE SECTION: N changes" and
 * the server's notes (a table), or a record in the other formats.
 */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "args.h"
#include "cli.h"
#include "common/cim_names.h"
#include "objrec.h"

enum config_verb {
    CONFIG_SECTIONS, CONFIG_GET, CONFIG_EFFECTIVE, CONFIG_SET, CONFIG_LOCK, CONFIG_UNLOCK,
};

static const char *const config_verbs[] = {
    "sections", "get", "effective", "set", "lock", "unlock",
};

/* What each verb is called in messages. */
static const char *const config_what[] = {
    "config sections", "config get", "config effective", "config set", "config lock",
    "config unlock",
};

/* What each verb takes, after its name. */
static const char *const config_synopsis[] = {
    "[SECTION]", "NAMESPACE [SECTION]", "NAMESPACE [SECTION]",
    "NAMESPACE SECTION ATTR=VALUE...", "NAMESPACE SECTION [LOCKS]",
    "NAMESPACE SECTION [LOCKS]",
};

#define CONFIG_N(a) (sizeof(a) / sizeof((a)[0]))

/* One change, its strings owned. */
struct config_change {
    cimrpc_cfg_op op;
    char *name;                 /* NULL: none */
    char *value;                /* NULL: none */
};

struct config_req {
    enum config_verb verb;
    char *nspace;               /* NULL: the session's (sections) */
    char *section;              /* NULL: every section (reads) */
    struct config_change *changes;
    size_t n_changes;
};

static int
config_usage(FILE *out, int status)
{
    fprintf(out,
        "Usage: cimrpc [GLOBAL OPTIONS] config sections [SECTION]\n"
        "       cimrpc [GLOBAL OPTIONS] config get NAMESPACE [SECTION]\n"
        "       cimrpc [GLOBAL OPTIONS] config effective NAMESPACE [SECTION]\n"
        "       cimrpc [GLOBAL OPTIONS] config set NAMESPACE SECTION [ATTR=VALUE...]\n"
        "                  [--reset ATTR] [--add COLLECTION KEY=V[,ATTR=V...]]\n"
        "                  [--remove COLLECTION KEY=V[,KEY2=V...]] [--clear COLLECTION]\n"
        "       cimrpc [GLOBAL OPTIONS] config lock NAMESPACE SECTION [LOCKS]\n"
        "       cimrpc [GLOBAL OPTIONS] config unlock NAMESPACE SECTION [LOCKS]\n"
        "                  [--inherit]\n"
        "Read or change the delegated configuration of cimrpcd: settings grouped in\n"
        "sections (limits, audit, security/authentication, ...), set on namespaces and\n"
        "merged from root down.  NAMESPACE is root/... or relative to -n; the session\n"
        "is opened on it.  SECTION omitted: every section.\n"
        "  sections   the sections (on the -n namespace): each attribute and\n"
        "             collection with its type, default and description\n"
        "  get        what NAMESPACE itself sets, and the locks set on it\n"
        "  effective  the values in force on NAMESPACE, where each was set, and\n"
        "             what locks it\n"
        "  set        change SECTION on NAMESPACE, all or nothing, in the order given:\n"
        "             ATTR=VALUE sets an attribute\n"
        "    --reset ATTR           remove what NAMESPACE sets for ATTR (an attribute\n"
        "                           or a collection), so the inherited value holds\n"
        "    --add COLLECTION KEY=V[,ATTR=V...]\n"
        "                           add an entry (or give an existing key new values)\n"
        "    --remove COLLECTION KEY=V[,KEY2=V...]\n"
        "                           remove the entry with that key\n"
        "    --clear COLLECTION     drop the entries NAMESPACE inherits\n"
        "  lock       without LOCKS: delegated administrators may no longer change\n"
        "             SECTION on NAMESPACE and below (overrideMode Deny)\n"
        "  unlock     without LOCKS: they may (overrideMode Allow); --inherit removes\n"
        "             the overrideMode set on NAMESPACE\n"
        "LOCKS (repeatable, combinable; unlock removes the lock set on NAMESPACE):\n"
        "    --attributes A,B       lock attributes A and B\n"
        "    --all-attributes-except A,B\n"
        "                           lock every attribute but these ('' for all; unlock\n"
        "                           takes no list)\n"
        "    --elements C,D         lock collections C and D\n"
        "    --all-elements-except C,D\n"
        "                           lock every collection but these ('' for all;\n"
        "                           unlock takes no list)\n"
        "    --item COLLECTION KEY=V[,KEY2=V...]\n"
        "                           lock one entry of a collection\n"
        "Changes need Full Write on NAMESPACE; locks, the root's settings and\n"
        "root-only sections need Edit Security on root as well.\n");
    return status;
}

void
config_free(cli_req *creq)
{
    struct config_req *req = creq;

    if (req == NULL)
        return;
    free(req->nspace);
    free(req->section);
    for (size_t i = 0; i < req->n_changes; i++) {
        free(req->changes[i].name);
        free(req->changes[i].value);
    }
    free(req->changes);
    free(req);
}

/* ---------------------------------------------------------------- parse --- */

/* Is NS a namespace path as the command takes it: root/... or relative
 * (checked as if below root)?  0, or CLI_EXIT_USAGE after saying why. */
static int
config_check_namespace(const char *what, const char *ns)
{
    char why[384], *full = NULL;
    int status = 0;
    bool ok;

    if (ns[0] == '\0')
        return cli_usage("%s: the namespace is empty: give root/... or a path relative "
                         "to -n", what);
    if (strncasecmp(ns, "root", 4) == 0 && (ns[4] == '\0' || ns[4] == '/'))
        ok = cim_names_namespace_valid(ns, why, sizeof(why));
    else if (asprintf(&full, "root/%s", ns) < 0)
        return args_no_memory(what);
    else
        ok = cim_names_namespace_valid(full, why, sizeof(why));
    if (!ok)
        status = cli_usage("%s: '%s' is not a namespace%s: %s", what, ns,
                           full != NULL ? " (a path relative to -n)" : "", why);
    free(full);
    return status;
}

/* Is NAME (an attribute or collection, named for option OPT or "") a
 * property name?  0, or CLI_EXIT_USAGE after saying why. */
static int
config_check_name(const char *what, const char *opt, const char *kind, const char *name)
{
    if (!cim_names_element_valid(name))
        return cli_usage("%s: %s%s'%s' is not %s name (a letter or '_', then letters, "
                         "digits and '_')", what, opt, opt[0] ? ": " : "", name, kind);
    return 0;
}

/* Is ENTRY the text of a collection entry, FORM (KEY=V[,ATTR=V...] or
 * KEY=V[,KEY2=V...]), for option OPT?  Only its first name is checked;
 * the server reads the rest against the collection's declaration.  0, or
 * CLI_EXIT_USAGE. */
static int
config_check_entry(const char *what, const char *opt, const char *collection,
                   const char *entry, const char *form)
{
    const char *eq = entry ? strchr(entry, '=') : NULL;
    char *name;
    bool ok;

    if (eq == NULL)
        return cli_usage("%s: %s %s needs the entry after it: write %s %s %s", what, opt,
                         collection, opt, collection, form);
    if (strlen(entry) > CIMRPC_CONFIG_VALUE_MAX)
        return cli_usage("%s: %s %s: an entry is at most %d bytes", what, opt, collection,
                         CIMRPC_CONFIG_VALUE_MAX);
    if ((name = strndup(entry, (size_t)(eq - entry))) == NULL)
        return args_no_memory(what);
    ok = cim_names_element_valid(name);
    free(name);
    if (!ok)
        return cli_usage("%s: %s %s: '%s' does not start with KEY=: write %s %s %s", what,
                         opt, collection, entry, opt, collection, form);
    return 0;
}

/* Append change OP with NAME and VALUE (borrowed, copied; NULL: none) to
 * REQ.  0, or the exit status after saying why. */
static int
config_add_change(struct config_req *req, cimrpc_cfg_op op, const char *name, const char *value)
{
    const char *what = config_what[req->verb];
    struct config_change *grown, *c;

    if (req->n_changes >= CIMRPC_CONFIG_CHANGES_MAX)
        return cli_usage("%s: at most %d changes go in one command; split them", what,
                         CIMRPC_CONFIG_CHANGES_MAX);
    if (value != NULL && strlen(value) > CIMRPC_CONFIG_VALUE_MAX)
        return cli_usage("%s: %s: a value is at most %d bytes", what, name ? name : "",
                         CIMRPC_CONFIG_VALUE_MAX);
    if ((grown = realloc(req->changes, (req->n_changes + 1) * sizeof(*grown))) == NULL)
        return args_no_memory(what);
    req->changes = grown;
    c = &req->changes[req->n_changes];
    memset(c, 0, sizeof(*c));
    if ((name != NULL && (c->name = strdup(name)) == NULL) ||
        (value != NULL && (c->value = strdup(value)) == NULL)) {
        free(c->name);
        return args_no_memory(what);
    }
    c->op = op;
    req->n_changes++;
    return 0;
}

/* ATTR=VALUE, a word of set. */
static int
config_parse_assignment(struct config_req *req, const char *word)
{
    const char *what = config_what[req->verb];
    const char *eq = strchr(word, '=');
    char *name;
    int status;

    if (eq == NULL)
        return cli_usage("%s: '%s' is not ATTR=VALUE (to remove a setting write --reset "
                         "%s)", what, word, word);
    if ((name = strndup(word, (size_t)(eq - word))) == NULL)
        return args_no_memory(what);
    if ((status = config_check_name(what, "", "an attribute", name)) == 0)
        status = config_add_change(req, CIMRPC_CFG_SET, name, eq + 1);
    free(name);
    return status;
}

/* The names of LIST ("a,b"; EMPTY_OK: "" is no name), for option OPT:
 * one change OP each (NAMES), or one change OP whose value is LIST.  0,
 * or the exit status. */
static int
config_parse_list(struct config_req *req, const char *opt, const char *kind, const char *list,
                  bool empty_ok, bool names, cimrpc_cfg_op op)
{
    const char *what = config_what[req->verb];
    char *copy, *save = NULL;
    int status = 0;

    if (list[0] == '\0') {
        if (!empty_ok)
            return cli_usage("%s: %s needs names: %s A,B", what, opt, opt);
        return config_add_change(req, op, NULL, "");
    }
    if (list[0] == ',' || list[strlen(list) - 1] == ',' || strstr(list, ",,") != NULL)
        return cli_usage("%s: %s '%s': an empty name in the list; write %s A,B", what, opt,
                         list, opt);
    if ((copy = strdup(list)) == NULL)
        return args_no_memory(what);
    for (char *name = strtok_r(copy, ",", &save); name != NULL && status == 0;
         name = strtok_r(NULL, ",", &save)) {
        if ((status = config_check_name(what, opt, kind, name)) == 0 && names)
            status = config_add_change(req, op, name, NULL);
    }
    free(copy);
    if (status == 0 && !names)
        status = config_add_change(req, op, NULL, list);
    return status;
}

/* The option ids of set, lock and unlock. */
enum {
    OPT_RESET = 256, OPT_ADD, OPT_REMOVE, OPT_CLEAR, OPT_ATTRIBUTES, OPT_ALL_ATTRIBUTES_EXCEPT,
    OPT_ELEMENTS, OPT_ALL_ELEMENTS_EXCEPT, OPT_ITEM, OPT_INHERIT,
};

/* An option of set, lock or unlock: C with its argument ARG, WORDS[*NEXT]
 * the word after it (N words).  0, or the exit status. */
static int
config_parse_option(struct config_req *req, int c, const char *arg, char **words, int n,
                    int *next)
{
    bool lock = req->verb == CONFIG_LOCK;
    const char *second = *next < n ? words[*next] : NULL;
    const char *what = config_what[req->verb];
    const char *opt = NULL;
    cimrpc_cfg_op op;
    int status;

    switch (c) {
    case OPT_RESET:
        if ((status = config_check_name(what, "--reset", "an attribute or collection",
                                        arg)) != 0)
            return status;
        return config_add_change(req, CIMRPC_CFG_RESET, arg, NULL);
    case OPT_CLEAR:
        if ((status = config_check_name(what, "--clear", "a collection", arg)) != 0)
            return status;
        return config_add_change(req, CIMRPC_CFG_CLEAR, arg, NULL);
    case OPT_ADD: opt = "--add"; op = CIMRPC_CFG_ADD; break;
    case OPT_REMOVE: opt = "--remove"; op = CIMRPC_CFG_REMOVE; break;
    case OPT_ITEM:
        opt = "--item";
        op = lock ? CIMRPC_CFG_LOCK_ITEM : CIMRPC_CFG_UNLOCK_ITEM;
        break;
    case OPT_ATTRIBUTES:
        return config_parse_list(req, "--attributes", "an attribute", arg, false, true,
                                 lock ? CIMRPC_CFG_LOCK_ATTRIBUTE : CIMRPC_CFG_UNLOCK_ATTRIBUTE);
    case OPT_ELEMENTS:
        return config_parse_list(req, "--elements", "a collection", arg, false, true,
                                 lock ? CIMRPC_CFG_LOCK_ELEMENT : CIMRPC_CFG_UNLOCK_ELEMENT);
    case OPT_ALL_ATTRIBUTES_EXCEPT:
        if (!lock)
            return config_add_change(req, CIMRPC_CFG_UNLOCK_ALL_ATTRIBUTES_EXCEPT, NULL, NULL);
        return config_parse_list(req, "--all-attributes-except", "an attribute", arg, true,
                                 false, CIMRPC_CFG_LOCK_ALL_ATTRIBUTES_EXCEPT);
    case OPT_ALL_ELEMENTS_EXCEPT:
        if (!lock)
            return config_add_change(req, CIMRPC_CFG_UNLOCK_ALL_ELEMENTS_EXCEPT, NULL, NULL);
        return config_parse_list(req, "--all-elements-except", "a collection", arg, true,
                                 false, CIMRPC_CFG_LOCK_ALL_ELEMENTS_EXCEPT);
    case OPT_INHERIT:
        return config_add_change(req, CIMRPC_CFG_OVERRIDE_MODE, NULL, "Inherit");
    default:
        return cli_usage("%s: internal error: option %d", what, c);
    }
    /* --add, --remove, --item: COLLECTION, then the entry as the next word. */
    if ((status = config_check_name(what, opt, "a collection", arg)) != 0 ||
        (status = config_check_entry(what, opt, arg, second,
                                     c == OPT_ADD ? "KEY=V[,ATTR=V...]"
                                                  : "KEY=V[,KEY2=V...]")) != 0)
        return status;
    (*next)++;
    return config_add_change(req, op, arg, second);
}

/* A word that is not an option: NAMESPACE, SECTION, then (set) ATTR=VALUE.
 * *N_POS counts those seen; LAST_OPT is the option before it, or 0. */
static int
config_parse_word(struct config_req *req, const char *word, int *n_pos, int last_opt)
{
    enum config_verb verb = req->verb;
    const char *what = config_what[verb];
    int status;

    if (verb != CONFIG_SECTIONS && *n_pos == 0) {
        if ((status = config_check_namespace(what, word)) != 0)
            return status;
        (*n_pos)++;
        return args_copy(what, word, &req->nspace);
    }
    if (req->section == NULL) {
        if (word[0] == '\0')
            return cli_usage("%s: the section is empty: give its name, such as limits", what);
        if (strlen(word) > CIMRPC_CONFIG_NAME_MAX)
            return cli_usage("%s: a section name is at most %d bytes", what,
                             CIMRPC_CONFIG_NAME_MAX);
        if (strchr(word, '=') != NULL || word[0] == '-')
            return cli_usage("%s: '%s' is not a section name; write %s %s", what, word, what,
                             config_synopsis[verb]);
        (*n_pos)++;
        return args_copy(what, word, &req->section);
    }
    (*n_pos)++;
    if (verb == CONFIG_SET)
        return config_parse_assignment(req, word);
    if (verb == CONFIG_UNLOCK &&
        (last_opt == OPT_ALL_ATTRIBUTES_EXCEPT || last_opt == OPT_ALL_ELEMENTS_EXCEPT))
        return cli_usage("%s: unexpected argument '%s': unlock %s takes no list (it removes "
                         "the lock set on the namespace)", what, word,
                         last_opt == OPT_ALL_ATTRIBUTES_EXCEPT ? "--all-attributes-except"
                                                               : "--all-elements-except");
    return cli_usage("%s: unexpected argument '%s'; write %s %s", what, word, what,
                     config_synopsis[verb]);
}

int
config_parse(int argc, char **argv, cli_req **req_out)
{
    static const struct option read_options[] = {
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    static const struct option set_options[] = {
        { "reset", required_argument, NULL, OPT_RESET },
        { "add", required_argument, NULL, OPT_ADD },
        { "remove", required_argument, NULL, OPT_REMOVE },
        { "clear", required_argument, NULL, OPT_CLEAR },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    static const struct option lock_options[] = {
        { "attributes", required_argument, NULL, OPT_ATTRIBUTES },
        { "all-attributes-except", required_argument, NULL, OPT_ALL_ATTRIBUTES_EXCEPT },
        { "elements", required_argument, NULL, OPT_ELEMENTS },
        { "all-elements-except", required_argument, NULL, OPT_ALL_ELEMENTS_EXCEPT },
        { "item", required_argument, NULL, OPT_ITEM },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    static const struct option unlock_options[] = {
        { "attributes", required_argument, NULL, OPT_ATTRIBUTES },
        { "all-attributes-except", no_argument, NULL, OPT_ALL_ATTRIBUTES_EXCEPT },
        { "elements", required_argument, NULL, OPT_ELEMENTS },
        { "all-elements-except", no_argument, NULL, OPT_ALL_ELEMENTS_EXCEPT },
        { "item", required_argument, NULL, OPT_ITEM },
        { "inherit", no_argument, NULL, OPT_INHERIT },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const struct option *options;
    struct config_req *req;
    const char *what;
    char **words;
    size_t i;
    int c, n, status, n_pos = 0, last_opt = 0;

    /* Options follow the action, so look for a help request after it. */
    if (cli_wants_help(argc, argv))
        return config_usage(stdout, CLI_EXIT_OK);
    if ((status = args_options_none("config", argc, argv, true, config_usage)) != CLI_RUN)
        return status;
    if (optind >= argc)
        return cli_usage("config: what to do? write config sections, config get NAMESPACE, "
                         "config effective NAMESPACE, config set NAMESPACE SECTION "
                         "ATTR=VALUE..., config lock NAMESPACE SECTION or config unlock "
                         "NAMESPACE SECTION");
    for (i = 0; i < CONFIG_N(config_verbs); i++)
        if (strcmp(argv[optind], config_verbs[i]) == 0)
            break;
    if (i == CONFIG_N(config_verbs))
        return cli_usage("config: unknown action '%s'; use sections, get, effective, set, "
                         "lock or unlock", argv[optind]);
    if ((req = calloc(1, sizeof(*req))) == NULL)
        return args_no_memory("config");
    req->verb = (enum config_verb)i;
    what = config_what[req->verb];
    options = req->verb == CONFIG_SET ? set_options : req->verb == CONFIG_LOCK ? lock_options
              : req->verb == CONFIG_UNLOCK ? unlock_options : read_options;

    /* The action's own words, WORDS[0] the action.  "-" keeps the order:
     * words that are not options come back as 1, in place. */
    words = argv + optind;
    n = argc - optind;
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(n, words, "-:h", options, NULL)) != -1) {
        if (c == 1) {
            status = config_parse_word(req, optarg, &n_pos, last_opt);
        } else if (c == '?' && req->verb == CONFIG_UNLOCK &&
                   (optopt == OPT_ALL_ATTRIBUTES_EXCEPT || optopt == OPT_ALL_ELEMENTS_EXCEPT)) {
            status = cli_usage("%s: unlock %s takes no list (it removes the lock set on the "
                               "namespace)", what, optopt == OPT_ALL_ATTRIBUTES_EXCEPT
                               ? "--all-attributes-except" : "--all-elements-except");
        } else if (c >= OPT_RESET) {
            status = config_parse_option(req, c, optarg, words, n, &optind);
        } else {
            status = args_option_other(what, c, words, config_usage);
        }
        if (status != 0)
            goto fail;
        last_opt = c == 1 ? 0 : c;
    }
    for (; optind < n; optind++)        /* after "--" */
        if ((status = config_parse_word(req, words[optind], &n_pos, 0)) != 0)
            goto fail;

    switch (req->verb) {
    case CONFIG_SECTIONS:
        break;
    case CONFIG_GET: case CONFIG_EFFECTIVE:
        if (req->nspace == NULL) {
            status = cli_usage("%s: which namespace? write %s %s", what, what,
                               config_synopsis[req->verb]);
            goto fail;
        }
        break;
    case CONFIG_SET: case CONFIG_LOCK: case CONFIG_UNLOCK:
        if (req->nspace == NULL || req->section == NULL) {
            status = cli_usage("%s: %s missing; write %s %s", what,
                               req->nspace == NULL ? "the namespace and the section are"
                                                   : "the section is", what,
                               config_synopsis[req->verb]);
            goto fail;
        }
        if (req->verb == CONFIG_SET && req->n_changes == 0) {
            status = cli_usage("%s: nothing to change; give ATTR=VALUE, --reset ATTR, --add, "
                               "--remove or --clear", what);
            goto fail;
        }
        /* Without lock options, lock and unlock are about the override mode. */
        if (req->n_changes == 0 &&
            (status = config_add_change(req, CIMRPC_CFG_OVERRIDE_MODE, NULL,
                                        req->verb == CONFIG_LOCK ? "Deny" : "Allow")) != 0)
            goto fail;
        break;
    }
    *req_out = req;
    return CLI_RUN;
fail:
    config_free(req);
    return status;
}

/* ------------------------------------------------------------------ run --- */

/* The full path of NS (borrowed) given the session's namespace SESSION:
 * the caller's, or NULL on ENOMEM. */
static char *
config_namespace(const char *ns, const char *session)
{
    char *path;

    if (strncasecmp(ns, "root", 4) == 0 && (ns[4] == '\0' || ns[4] == '/'))
        return strdup(ns);
    if (asprintf(&path, "%s/%s", session, ns) < 0)
        return NULL;
    return path;
}

/* A connection with its session on NSPACE: CONN itself when its session
 * is there, else a new one with the same options (*OWNED_OUT true: the
 * caller closes it).  Returns 0, or the exit status after reporting. */
static int
config_connect(struct cli_ctx *ctx, cimrpc_conn *conn, const char *what, const char *nspace,
               cimrpc_conn **out, bool *owned_out)
{
    cimrpc_options *opts = NULL;
    cimrpc_error *err = NULL;
    int status;

    *owned_out = false;
    if (strcasecmp(cimrpc_conn_namespace(conn), nspace) == 0) {
        *out = conn;
        return CLI_EXIT_OK;
    }
    if (cli_options_build(ctx->g, cimrpc_conn_target(conn), &opts, &err) < 0 ||
        cimrpc_options_set_namespace(opts, nspace, &err) < 0) {
        cimrpc_options_free(opts);
        return cli_report(ctx, what, err);
    }
    status = cimrpc_connect(opts, out, &err) < 0 ? cli_report(ctx, "connect", err) : CLI_EXIT_OK;
    cimrpc_options_free(opts);
    *owned_out = status == CLI_EXIT_OK;
    return status;
}

/* Print ROWS (N, borrowed), read by REQ, in CTX's format. */
static int
config_print_rows(struct cli_ctx *ctx, const struct config_req *req,
                  cimrpc_instance *const *rows, size_t n)
{
    static const char *const sections_cols[] = {
        "Section", "Setting", "Type", "Value", "Lock", "Note",
    };
    /* get shows the section only when it lists several. */
    static const char *const get_cols[] = { "Section", "Setting", "Value", "Lock", "Note" };
    static const char *const effective_cols[] = {
        "Section", "Setting", "Value", "SetAt", "Lock", "Note",
    };
    enum config_verb verb = req->verb;
    size_t skip = verb == CONFIG_GET && req->section != NULL ? 1 : 0;    /* get's Section */
    const char *const *cols = verb == CONFIG_SECTIONS ? sections_cols
                              : verb == CONFIG_GET ? get_cols + skip : effective_cols;
    size_t n_cols = verb == CONFIG_SECTIONS ? CONFIG_N(sections_cols)
                    : verb == CONFIG_GET ? CONFIG_N(get_cols) - skip : CONFIG_N(effective_cols);
    enum output_format format = ctx->g->format;
    bool columns = format == OUTPUT_TABLE || format == OUTPUT_VALUE;
    struct output_stream *s = cli_stream(ctx, false);
    int status = CLI_EXIT_OK;

    if (s == NULL)
        return CLI_EXIT_FAILURE;
    for (size_t i = 0; i < n && status == CLI_EXIT_OK; i++) {
        struct output_record *rec = objrec_instance(rows[i], format == OUTPUT_MOF);

        if (rec != NULL && columns && output_record_select(rec, cols, n_cols) < 0) {
            output_record_free(rec);
            rec = NULL;
        }
        status = cli_stream_add(ctx, s, rec);
    }
    if (status != CLI_EXIT_OK) {
        output_stream_free(s);
        return status;
    }
    return cli_stream_end(ctx, s);
}

/* Print what a write did: CHANGED changes on NSPACE's SECTION, and the
 * server's NOTES (borrowed; NULL: none). */
static int
config_print_written(struct cli_ctx *ctx, const char *nspace, const char *section,
                     uint32_t changed, const char *notes)
{
    struct output_record *rec;
    size_t len;

    if (ctx->g->format == OUTPUT_TABLE) {
        fprintf(ctx->out, "%s %s: %u change%s\n", nspace, section, (unsigned)changed,
                changed == 1 ? "" : "s");
        if (notes != NULL) {
            len = strlen(notes);
            fprintf(ctx->out, "%s%s", notes, len > 0 && notes[len - 1] == '\n' ? "" : "\n");
        }
        if (fflush(ctx->out) != 0 || ferror(ctx->out))
            return cli_fail(ctx, CLI_EXIT_FAILURE, "cannot write the output");
        return CLI_EXIT_OK;
    }
    rec = output_record_new("CIMRPC_ConfigChange");
    if (rec != NULL &&
        (output_add_string(rec, "Namespace", nspace) < 0 ||
         output_add_string(rec, "Section", section) < 0 ||
         output_add_uint(rec, "Changed", changed) < 0 ||
         output_add_string(rec, "Notes", notes) < 0)) {
        output_record_free(rec);
        rec = NULL;
    }
    return cli_print_record(ctx, rec);
}

/* set, lock, unlock: REQ's changes in one write on CONN (on NSPACE). */
static int
config_write(struct cli_ctx *ctx, cimrpc_conn *conn, const char *nspace,
             const struct config_req *req)
{
    const char *what = config_what[req->verb];
    cimrpc_cfg_change *changes = calloc(req->n_changes, sizeof(*changes));
    cimrpc_error *err = NULL;
    uint32_t changed = 0;
    char *notes = NULL;
    int status;

    if (changes == NULL)
        return cli_fail(ctx, CLI_EXIT_FAILURE, "%s: out of memory", what);
    for (size_t i = 0; i < req->n_changes; i++) {
        changes[i].op = req->changes[i].op;
        changes[i].name = req->changes[i].name;
        changes[i].value = req->changes[i].value;
    }
    if (cimrpc_config_write(conn, req->section, changes, req->n_changes, &changed, &notes,
                            &err) < 0)
        status = cli_report(ctx, what, err);
    else
        status = config_print_written(ctx, nspace, req->section, changed, notes);
    free(notes);
    free(changes);
    return status;
}

int
config_run(struct cli_ctx *ctx, cimrpc_conn *conn, const cli_req *creq)
{
    static const cimrpc_cfg_view views[] = {
        [CONFIG_SECTIONS] = CIMRPC_CFG_VIEW_SECTIONS,
        [CONFIG_GET] = CIMRPC_CFG_VIEW_HERE,
        [CONFIG_EFFECTIVE] = CIMRPC_CFG_VIEW_EFFECTIVE,
    };
    const struct config_req *req = creq;
    const char *what = config_what[req->verb];
    cimrpc_instance **rows = NULL;
    cimrpc_error *err = NULL;
    cimrpc_conn *on = conn;
    char *nspace = NULL;
    bool owned = false;
    size_t n = 0;
    int status;

    if (req->nspace != NULL) {
        if ((nspace = config_namespace(req->nspace, cimrpc_conn_namespace(conn))) == NULL)
            return cli_fail(ctx, CLI_EXIT_FAILURE, "%s: out of memory", what);
        if ((status = config_connect(ctx, conn, what, nspace, &on, &owned)) != CLI_EXIT_OK) {
            free(nspace);
            return status;
        }
    }
    switch (req->verb) {
    case CONFIG_SECTIONS: case CONFIG_GET: case CONFIG_EFFECTIVE:
        if (cimrpc_config_read(on, req->section, views[req->verb], &rows, &n, &err) < 0)
            status = cli_report(ctx, what, err);
        else
            status = config_print_rows(ctx, req, rows, n);
        cimrpc_instancev_free(rows);
        break;
    case CONFIG_SET: case CONFIG_LOCK: case CONFIG_UNLOCK:
        status = config_write(ctx, on, nspace, req);
        break;
    default:
        status = cli_fail(ctx, CLI_EXIT_FAILURE, "%s: internal error", what);
        break;
    }
    if (owned)
        cimrpc_conn_close(on);
    free(nspace);
    return status;
}
