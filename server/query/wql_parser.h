/*
 * wql_parser.h: the WQL parser, a recursive-descent front end that turns
 * one query string into a struct wql_query.
 *
 *     struct wql_query *q;
 *     struct wql_error err;
 *     if (wql_parse(text, &q, &err) < 0)
 *         return reply_error(err.code, err.message);
 *     ...
 *     wql_query_free(q);
 *
 * Grammar (keywords in any case; "name" is a letter or '_' then letters,
 * digits and '_'; reserved words cannot be names):
 *
 *   query    = select / associators / references
 *   select   = SELECT ( "*" / prop *( "," prop ) ) FROM name
 *              [ WITHIN seconds ] [ WHERE cond ]
 *              [ GROUP WITHIN seconds [ BY prop *( "," prop ) ] [ HAVING cond ] ]
 *   cond     = and *( OR and )            ; NOT binds tighter than AND,
 *   and      = not *( AND not )           ; AND tighter than OR
 *   not      = NOT not / "(" cond ")" / test
 *   test     = prop op literal / literal op prop
 *            / prop [ NOT ] LIKE pattern / prop ISA ( string / name )
 *            / prop IS [ NOT ] NULL
 *   op       = "=" / "<>" / "!=" / "<" / "<=" / ">" / ">="
 *   literal  = string / integer / real / TRUE / FALSE / NULL
 *   associators = ASSOCIATORS OF "{" path "}" [ WHERE 1*assockw ]
 *   references  = REFERENCES OF "{" path "}" [ WHERE 1*refkw ]
 *   assockw  = AssocClass "=" name / ClassDefsOnly / KeysOnly / SchemaOnly
 *            / RequiredAssocQualifier "=" name / RequiredQualifier "=" name
 *            / ResultClass "=" name / ResultRole "=" name / Role "=" name
 *   refkw    = the same without AssocClass, RequiredAssocQualifier, ResultRole
 *
 * Rules beyond the grammar: a comparison has exactly one property and one
 * constant; "= NULL" and "<> NULL" mean IS NULL and IS NOT NULL, other
 * operators refuse NULL; a SELECT list and a GROUP BY list name each
 * property once; an ASSOCIATORS/REFERENCES keyword appears once, and
 * ClassDefsOnly excludes ResultClass and SchemaOnly, KeysOnly excludes
 * ClassDefsOnly and SchemaOnly; the object path must parse as a CIM path
 * (common/cim_path.h); a LIKE pattern must compile (query/wql_like.h);
 * WITHIN and GROUP WITHIN take a number of seconds greater than 0; HAVING
 * needs GROUP.  A query is an event query when its FROM class ends in
 * "Event" (__InstanceCreationEvent, __InstanceModificationEvent,
 * __InstanceDeletionEvent, __InstanceOperationEvent and any other event
 * class) or it has WITHIN or GROUP; only event queries may use dotted
 * property names (TargetInstance.Name).  A query ends at the end of the
 * text: a trailing ';' is refused, like anything else after a complete
 * query.
 *
 * Errors: the first error stops the parse and is reported once in a
 * struct wql_error: "column N: found X but expected Y" for a token that
 * does not fit, otherwise a sentence saying what is wrong, at the column
 * of the offending token.  Bounds (wql_ast.h): WQL_QUERY_MAX bytes of
 * text, WQL_NAME_MAX per name, WQL_PROPERTIES_MAX names in a list,
 * WQL_DEPTH_MAX nesting, WQL_TERMS_MAX comparisons per condition.
 */
#ifndef CIMRPC_WQL_PARSER_H
#define CIMRPC_WQL_PARSER_H

#include "query/wql_ast.h"

/*
 * Parse TEXT (borrowed; NUL-terminated UTF-8) as a data query: SELECT,
 * ASSOCIATORS OF or REFERENCES OF.  Returns 0 with *QUERY_OUT set (the
 * caller owns it: wql_query_free()), or -1 with *QUERY_OUT NULL and ERR
 * (borrowed) filled.  A well-formed event query is refused with
 * WBEM_E_INVALID_QUERY_TYPE: cimrpc has no event subscriptions yet.
 */
int wql_parse(const char *text, struct wql_query **query_out, struct wql_error *err);

/* As wql_parse(), but event queries are returned too (kind
 * WQL_QUERY_EVENT). */
int wql_parse_any(const char *text, struct wql_query **query_out, struct wql_error *err);

#endif
