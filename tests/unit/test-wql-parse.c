/*
 * test-wql-parse.c: the WQL front end (lexer, parser, syntax tree).
 *
 * Two tables drive most of it.  Valid queries are parsed and dumped in
 * the normalised notation of wql_query_dump(), which shows every node:
 * precedence as parentheses, literal-on-left turned round, hex and
 * escapes converted, keywords in one case.  Invalid queries must fail
 * with the exact WBEM code, column and message.  Then the fields the dump
 * does not show (positions, raw LIKE bodies, integer signs, event
 * intervals), the limits (query length, name length, list length,
 * nesting, comparisons) and the event-query entry points.
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/wbem.h"
#include "query/wql_ast.h"
#include "query/wql_parser.h"
#include "tap.h"

/* ------------------------------------------------------------ helpers --- */

/* Parse TEXT with wql_parse_any(); NULL (and a failed test) on error. */
static struct wql_query *
parse_ok(const char *text, const char *label)
{
    struct wql_query *q = NULL;
    struct wql_error err;

    memset(&err, 0, sizeof(err));
    if (!tap_ok(wql_parse_any(text, &q, &err) == 0 && q != NULL, "%s: parses", label)) {
        printf("#   %s\n", err.message);
        wql_query_free(q);
        return NULL;
    }
    return q;
}

/* "CODE POS message" of a failed parse, or "parsed: DUMP" (caller frees). */
static char *
outcome(int rc, struct wql_query *q, const struct wql_error *err)
{
    char *s = NULL, *dump;
    const char *name;

    if (rc == 0) {
        dump = q != NULL ? wql_query_to_string(q) : NULL;
        if (asprintf(&s, "parsed: %s", dump != NULL ? dump : "(null)") < 0)
            s = NULL;
        free(dump);
        return s;
    }
    name = wbem_code_name(err->code);
    if (asprintf(&s, "%s %u %s%s", name != NULL ? name : "?", err->pos, err->message,
                 q != NULL ? " (and a query)" : "") < 0)
        s = NULL;
    return s;
}

/* The first bytes of TEXT for a test label, one line of ASCII: control
 * characters and non-ASCII bytes shown as '?'.  Returns BUF. */
static const char *
shown(const char *text, char buf[48])
{
    size_t i;

    for (i = 0; i < 47 && text[i] != '\0'; i++)
        buf[i] = (unsigned char)text[i] < 0x20 || (unsigned char)text[i] >= 0x7F ? '?' : text[i];
    buf[i] = '\0';
    return buf;
}

/* PARSE(TEXT) must fail with CODE at column POS with MESSAGE. */
static void
check_refused(int (*parse)(const char *, struct wql_query **, struct wql_error *),
              const char *text, uint32_t code, unsigned pos, const char *message,
              const char *label)
{
    struct wql_query *q = (struct wql_query *)&q; /* must be set to NULL */
    struct wql_error err;
    char *got, *want = NULL;
    int rc;

    memset(&err, 0, sizeof(err));
    rc = parse(text, &q, &err);
    got = outcome(rc, q, &err);
    if (asprintf(&want, "%s %u %s", wbem_code_name(code), pos, message) < 0)
        want = NULL;
    tap_is_str(got, want, "%s", label);
    free(got);
    free(want);
    if (rc == 0)
        wql_query_free(q);
}

/* ------------------------------------------------------- valid queries --- */

static const struct {
    const char *text;
    enum wql_query_kind kind;
    const char *dump;
} valid[] = {
    /* SELECT lists, FROM */
    { "SELECT * FROM Win32_Service", WQL_QUERY_SELECT, "SELECT * FROM Win32_Service" },
    { "SELECT Name, Size FROM CIM_LogicalDisk", WQL_QUERY_SELECT,
      "SELECT Name,Size FROM CIM_LogicalDisk" },
    { "SELECT __PATH,__CLASS , __RELPATH FROM __NAMESPACE", WQL_QUERY_SELECT,
      "SELECT __PATH,__CLASS,__RELPATH FROM __NAMESPACE" },
    { "  select\t*\r\nfrom  x  ", WQL_QUERY_SELECT, "SELECT * FROM x" },
    { "SeLeCt name FrOm X wHeRe name = 'a'", WQL_QUERY_SELECT,
      "SELECT name FROM X WHERE (name = 'a')" },
    /* every operator */
    { "SELECT * FROM X WHERE a = 1 OR a <> 1 OR a != 1 OR a < 1 OR a <= 1 OR a > 1 OR a >= 1",
      WQL_QUERY_SELECT,
      "SELECT * FROM X WHERE (((((((a = 1) OR (a <> 1)) OR (a <> 1)) OR (a < 1)) OR "
      "(a <= 1)) OR (a > 1)) OR (a >= 1))" },
    { "SELECT * FROM X WHERE a=1 AND b<>2 AND c>=3", WQL_QUERY_SELECT,
      "SELECT * FROM X WHERE (((a = 1) AND (b <> 2)) AND (c >= 3))" },
    { "SELECT * FROM X WHERE Name LIKE 'a%' AND Name NOT LIKE '%b'", WQL_QUERY_SELECT,
      "SELECT * FROM X WHERE ((Name LIKE 'a%') AND (Name NOT LIKE '%b'))" },
    { "SELECT * FROM X WHERE Obj ISA 'CIM_Foo' OR Obj ISA CIM_Bar", WQL_QUERY_SELECT,
      "SELECT * FROM X WHERE ((Obj ISA 'CIM_Foo') OR (Obj ISA 'CIM_Bar'))" },
    { "SELECT * FROM X WHERE a IS NULL AND b IS NOT NULL", WQL_QUERY_SELECT,
      "SELECT * FROM X WHERE ((a IS NULL) AND (b IS NOT NULL))" },
    { "SELECT * FROM X WHERE a = NULL OR b <> NULL OR c != null", WQL_QUERY_SELECT,
      "SELECT * FROM X WHERE (((a IS NULL) OR (b IS NOT NULL)) OR (c IS NOT NULL))" },
    /* precedence: NOT > AND > OR, and parentheses */
    { "SELECT * FROM X WHERE a = 1 OR b = 2 AND c = 3", WQL_QUERY_SELECT,
      "SELECT * FROM X WHERE ((a = 1) OR ((b = 2) AND (c = 3)))" },
    { "SELECT * FROM X WHERE a = 1 AND b = 2 OR c = 3", WQL_QUERY_SELECT,
      "SELECT * FROM X WHERE (((a = 1) AND (b = 2)) OR (c = 3))" },
    { "SELECT * FROM X WHERE (a = 1 OR b = 2) AND c = 3", WQL_QUERY_SELECT,
      "SELECT * FROM X WHERE (((a = 1) OR (b = 2)) AND (c = 3))" },
    { "SELECT * FROM X WHERE NOT a = 1 AND b = 2", WQL_QUERY_SELECT,
      "SELECT * FROM X WHERE ((NOT (a = 1)) AND (b = 2))" },
    { "SELECT * FROM X WHERE NOT (a = 1 AND b = 2)", WQL_QUERY_SELECT,
      "SELECT * FROM X WHERE (NOT ((a = 1) AND (b = 2)))" },
    { "SELECT * FROM X WHERE NOT NOT a = 1", WQL_QUERY_SELECT,
      "SELECT * FROM X WHERE (NOT (NOT (a = 1)))" },
    { "SELECT * FROM X WHERE ((((a = 1))))", WQL_QUERY_SELECT,
      "SELECT * FROM X WHERE (a = 1)" },
    /* literal on the left is turned round */
    { "SELECT * FROM X WHERE 5 < x AND 5 <= y AND 5 > z AND 5 >= w AND 5 = v AND 5 <> u",
      WQL_QUERY_SELECT,
      "SELECT * FROM X WHERE ((((((x > 5) AND (y >= 5)) AND (z < 5)) AND (w <= 5)) AND "
      "(v = 5)) AND (u <> 5))" },
    { "SELECT * FROM X WHERE 'abc' = Name AND NULL = a AND NULL <> b AND TRUE = c",
      WQL_QUERY_SELECT,
      "SELECT * FROM X WHERE ((((Name = 'abc') AND (a IS NULL)) AND (b IS NOT NULL)) AND "
      "(c = TRUE))" },
    /* literals */
    { "SELECT * FROM X WHERE a = 0x1F AND b = 0XfF AND c = -0x10 AND d = +7 AND e = -0",
      WQL_QUERY_SELECT,
      "SELECT * FROM X WHERE (((((a = 31) AND (b = 255)) AND (c = -16)) AND (d = 7)) AND "
      "(e = 0))" },
    { "SELECT * FROM X WHERE a = 18446744073709551615 AND b = -9223372036854775808 AND c = 007",
      WQL_QUERY_SELECT,
      "SELECT * FROM X WHERE (((a = 18446744073709551615) AND (b = -9223372036854775808)) "
      "AND (c = 7))" },
    { "SELECT * FROM X WHERE a = 1.5 AND b = -2.5e3 AND c = .5 AND d = 1E-3 AND e = 5.0 "
      "AND f = 0.1 AND g = +1e300",
      WQL_QUERY_SELECT,
      "SELECT * FROM X WHERE (((((((a = 1.5) AND (b = -2500.0)) AND (c = 0.5)) AND "
      "(d = 0.001)) AND (e = 5.0)) AND (f = 0.1)) AND (g = 1e+300))" },
    { "SELECT * FROM X WHERE a = 'it\\'s' AND b = \"say \\\"hi\\\"\" AND c = 'x\\\\y' "
      "AND d = '\\n\\t\\r\\b\\f' AND e = \"'\" AND f = '\"' AND g = ''",
      WQL_QUERY_SELECT,
      "SELECT * FROM X WHERE (((((((a = 'it\\'s') AND (b = 'say \"hi\"')) AND "
      "(c = 'x\\\\y')) AND (d = '\\n\\t\\r\\b\\f')) AND (e = '\\'')) AND (f = '\"')) AND "
      "(g = ''))" },
    { "SELECT * FROM X WHERE a = TRUE AND b = false AND c = True", WQL_QUERY_SELECT,
      "SELECT * FROM X WHERE (((a = TRUE) AND (b = FALSE)) AND (c = TRUE))" },
    { "SELECT * FROM X WHERE Name = 'caf\xc3\xa9 \xe2\x82\xac'", WQL_QUERY_SELECT,
      "SELECT * FROM X WHERE (Name = 'caf\xc3\xa9 \xe2\x82\xac')" },
    /* LIKE patterns are raw: backslash is an ordinary character */
    { "SELECT * FROM Win32_Directory WHERE Name LIKE 'C:\\Windows\\%'", WQL_QUERY_SELECT,
      "SELECT * FROM Win32_Directory WHERE (Name LIKE 'C:\\Windows\\%')" },
    { "SELECT * FROM X WHERE Name LIKE 'C:\\'", WQL_QUERY_SELECT,
      "SELECT * FROM X WHERE (Name LIKE 'C:\\')" },
    { "SELECT * FROM X WHERE Name LIKE \"it's[_]%\" OR Name LIKE \"[^a-f]\"", WQL_QUERY_SELECT,
      "SELECT * FROM X WHERE ((Name LIKE \"it's[_]%\") OR (Name LIKE '[^a-f]'))" },
    { "SELECT * FROM X WHERE Name LIKE ''", WQL_QUERY_SELECT,
      "SELECT * FROM X WHERE (Name LIKE '')" },
    /* what looks like SQL injection is a plain string literal */
    { "SELECT * FROM X WHERE Name = 'x\\' OR 1=1 --'", WQL_QUERY_SELECT,
      "SELECT * FROM X WHERE (Name = 'x\\' OR 1=1 --')" },
    /* reserved words are recognised whole, not as prefixes */
    { "SELECT Origin, Notes, Isolated, Bytes FROM Orders WHERE Origin = 1 AND Notes = 2 OR "
      "Isolated = TRUE AND Andy = 4 AND Bytes IS NULL",
      WQL_QUERY_SELECT,
      "SELECT Origin,Notes,Isolated,Bytes FROM Orders WHERE (((Origin = 1) AND (Notes = 2)) OR "
      "(((Isolated = TRUE) AND (Andy = 4)) AND (Bytes IS NULL)))" },

    /* ASSOCIATORS OF / REFERENCES OF */
    { "ASSOCIATORS OF {Win32_Service.Name=\"Spooler\"}", WQL_QUERY_ASSOCIATORS,
      "ASSOCIATORS OF {Win32_Service.Name=\"Spooler\"}" },
    { "associators of {  root/cimv2:Disk.Id=\"a}b\",N=2  } where ClassDefsOnly",
      WQL_QUERY_ASSOCIATORS,
      "ASSOCIATORS OF {root/cimv2:Disk.Id=\"a}b\",N=2} WHERE ClassDefsOnly" },
    { "ASSOCIATORS OF {X.K=1} WHERE AssocClass = A ResultClass = C Role = R ResultRole = RR "
      "RequiredQualifier = Q RequiredAssocQualifier = QA",
      WQL_QUERY_ASSOCIATORS,
      "ASSOCIATORS OF {X.K=1} WHERE AssocClass = A RequiredAssocQualifier = QA "
      "RequiredQualifier = Q ResultClass = C ResultRole = RR Role = R" },
    { "ASSOCIATORS OF {X.K=1} WHERE KEYSONLY", WQL_QUERY_ASSOCIATORS,
      "ASSOCIATORS OF {X.K=1} WHERE KeysOnly" },
    { "ASSOCIATORS OF {X} WHERE SchemaOnly assocclass=A", WQL_QUERY_ASSOCIATORS,
      "ASSOCIATORS OF {X} WHERE AssocClass = A SchemaOnly" },
    { "REFERENCES OF {X=@}", WQL_QUERY_REFERENCES, "REFERENCES OF {X=@}" },
    { "references of {//host/root:X.K=\"v\"} where resultclass = C role = R "
      "requiredqualifier = Key keysonly",
      WQL_QUERY_REFERENCES,
      "REFERENCES OF {//host/root:X.K=\"v\"} WHERE KeysOnly RequiredQualifier = Key "
      "ResultClass = C Role = R" },
    { "REFERENCES OF {X.K=1} WHERE ClassDefsOnly", WQL_QUERY_REFERENCES,
      "REFERENCES OF {X.K=1} WHERE ClassDefsOnly" },
    { "REFERENCES OF {X.K=1} WHERE SchemaOnly", WQL_QUERY_REFERENCES,
      "REFERENCES OF {X.K=1} WHERE SchemaOnly" },

    /* event queries (wql_parse_any only) */
    { "SELECT * FROM __InstanceCreationEvent WITHIN 5 WHERE TargetInstance ISA "
      "'Win32_Process'",
      WQL_QUERY_EVENT,
      "SELECT * FROM __InstanceCreationEvent WITHIN 5 WHERE (TargetInstance ISA "
      "'Win32_Process')" },
    { "SELECT * FROM __InstanceModificationEvent WITHIN 0.5 WHERE TargetInstance ISA "
      "'Win32_Service' AND TargetInstance.State <> 'Running'",
      WQL_QUERY_EVENT,
      "SELECT * FROM __InstanceModificationEvent WITHIN 0.5 WHERE ((TargetInstance ISA "
      "'Win32_Service') AND (TargetInstance.State <> 'Running'))" },
    { "SELECT TargetInstance.Name FROM __InstanceDeletionEvent", WQL_QUERY_EVENT,
      "SELECT TargetInstance.Name FROM __InstanceDeletionEvent" },
    { "SELECT * FROM __InstanceOperationEvent WITHIN 10 WHERE TargetInstance ISA "
      "'CIM_DataFile' GROUP WITHIN 600 BY TargetInstance.Drive, TargetInstance.Path "
      "HAVING NumberOfEvents > 25 AND NumberOfEvents < 100",
      WQL_QUERY_EVENT,
      "SELECT * FROM __InstanceOperationEvent WITHIN 10 WHERE (TargetInstance ISA "
      "'CIM_DataFile') GROUP WITHIN 600 BY TargetInstance.Drive,TargetInstance.Path "
      "HAVING ((NumberOfEvents > 25) AND (NumberOfEvents < 100))" },
    { "select * from MyAppEvent group within 2.5", WQL_QUERY_EVENT,
      "SELECT * FROM MyAppEvent GROUP WITHIN 2.5" },
    { "SELECT * FROM CIM_Disk WITHIN 30", WQL_QUERY_EVENT, "SELECT * FROM CIM_Disk WITHIN 30" },
    { "SELECT * FROM CIM_Disk WHERE a.b = 1 GROUP WITHIN 1", WQL_QUERY_EVENT,
      "SELECT * FROM CIM_Disk WHERE (a.b = 1) GROUP WITHIN 1" },
};

/* ----------------------------------------------------- invalid queries --- */

#define E_QUERY WBEM_E_INVALID_QUERY
#define OPS "a comparison operator (=, <>, !=, <, <=, >, >=), LIKE, ISA or IS"
#define ASSOC_KWS \
    "AssocClass, ClassDefsOnly, KeysOnly, RequiredAssocQualifier, RequiredQualifier, " \
    "ResultClass, ResultRole, Role, SchemaOnly"
#define REF_KWS "ClassDefsOnly, KeysOnly, RequiredQualifier, ResultClass, Role, SchemaOnly"

static const struct {
    const char *text;
    uint32_t code;
    unsigned pos;
    const char *message;
} invalid[] = {
    /* structure */
    { "", E_QUERY, 1,
      "column 1: found end of query but expected SELECT, ASSOCIATORS OF or REFERENCES OF" },
    { "   ", E_QUERY, 4,
      "column 4: found end of query but expected SELECT, ASSOCIATORS OF or REFERENCES OF" },
    { "DELETE FROM X", E_QUERY, 1,
      "column 1: found 'DELETE' but expected SELECT, ASSOCIATORS OF or REFERENCES OF" },
    { "SELECT * FORM X", E_QUERY, 10, "column 10: found 'FORM' but expected FROM" },
    { "SELECT Name Win32_Service", E_QUERY, 13,
      "column 13: found 'Win32_Service' but expected ',' or FROM" },
    { "SELECT * X", E_QUERY, 10, "column 10: found 'X' but expected FROM" },
    { "SELECT FROM X", E_QUERY, 8, "column 8: found 'FROM' but expected a property name or '*'" },
    { "SELECT", E_QUERY, 7, "column 7: found end of query but expected a property name or '*'" },
    { "SELECT * FROM", E_QUERY, 14, "column 14: found end of query but expected a class name" },
    { "SELECT * FROM WHERE", E_QUERY, 15, "column 15: found 'WHERE' but expected a class name" },
    { "SELECT * FROM 'X'", E_QUERY, 15,
      "column 15: found the string 'X' but expected a class name" },
    { "SELECT a, FROM X", E_QUERY, 11, "column 11: found 'FROM' but expected a property name" },
    { "SELECT *, a FROM X", E_QUERY, 9, "column 9: found ',' but expected FROM" },
    { "SELECT a, A FROM X", E_QUERY, 11,
      "column 11: property A is named twice in the SELECT list" },
    { "SELECT * FROM X Y", E_QUERY, 17,
      "column 17: found 'Y' but expected WHERE or the end of the query" },
    { "SELECT * FROM X;", E_QUERY, 16,
      "column 16: unexpected character ';' (a WQL query is not terminated by ';')" },
    { "SELECT * FROM X WHERE a = 1;", E_QUERY, 28,
      "column 28: unexpected character ';' (a WQL query is not terminated by ';')" },
    { "SELECT * FROM X WHERE a = 1 b = 2", E_QUERY, 29,
      "column 29: found 'b' but expected AND, OR or the end of the query" },
    { "SELECT * FROM X WHERE", E_QUERY, 22,
      "column 22: found end of query but expected a property name, NOT or '('" },
    { "SELECT * FROM X WHERE a = 1 AND", E_QUERY, 32,
      "column 32: found end of query but expected a property name, NOT or '('" },
    { "SELECT * FROM X WHERE (a = 1", E_QUERY, 29,
      "column 29: found end of query but expected AND, OR or ')'" },
    { "SELECT * FROM X WHERE a = 1)", E_QUERY, 28,
      "column 28: found ')' but expected AND, OR or the end of the query" },
    { "SELECT * FROM X WHERE ()", E_QUERY, 24,
      "column 24: found ')' but expected a property name, NOT or '('" },
    { "SELECT * FROM X.Y", E_QUERY, 15, "column 15: found 'X.Y' but expected a class name" },
    /* operators */
    { "SELECT * FROM X WHERE a 1", E_QUERY, 25, "column 25: found '1' but expected " OPS },
    { "SELECT * FROM X WHERE a == 1", E_QUERY, 26,
      "column 26: found '=' but expected a value (a string, a number, TRUE, FALSE or NULL)" },
    { "SELECT * FROM X WHERE a =< 1", E_QUERY, 26,
      "column 26: found '<' but expected a value (a string, a number, TRUE, FALSE or NULL)" },
    { "SELECT * FROM X WHERE a ~ 1", E_QUERY, 25, "column 25: unexpected character '~'" },
    { "SELECT * FROM X WHERE a ! 1", E_QUERY, 25,
      "column 25: unexpected character '!' (not-equal is written != or <>)" },
    { "SELECT * FROM X WHERE a BETWEEN 1 AND 2", E_QUERY, 25,
      "column 25: found 'BETWEEN' but expected " OPS },
    { "SELECT * FROM X WHERE a IS 5", E_QUERY, 28,
      "column 28: found '5' but expected NULL or NOT NULL" },
    { "SELECT * FROM X WHERE a IS NOT 5", E_QUERY, 32, "column 32: found '5' but expected NULL" },
    { "SELECT * FROM X WHERE a NOT = 5", E_QUERY, 29,
      "column 29: found '=' but expected LIKE after NOT" },
    { "SELECT * FROM X WHERE a LIKE 5", E_QUERY, 30,
      "column 30: found '5' but expected a pattern in quotes after LIKE" },
    { "SELECT * FROM X WHERE a LIKE '[a-'", E_QUERY, 30,
      "column 30: the LIKE pattern is malformed: '[' at character 1 is never closed by ']'" },
    { "SELECT * FROM X WHERE a LIKE 'abc", E_QUERY, 30,
      "column 30: unterminated LIKE pattern: the opening ' is never closed" },
    { "SELECT * FROM X WHERE a ISA 'not a class'", E_QUERY, 29,
      "column 29: 'not a class' is not a class name (a letter or '_', then letters, digits "
      "and '_')" },
    { "SELECT * FROM X WHERE a ISA 5", E_QUERY, 29,
      "column 29: found '5' but expected a class name after ISA" },
    { "SELECT * FROM X WHERE a < NULL", E_QUERY, 27,
      "column 27: NULL cannot be compared with '<'; test for it with IS NULL or IS NOT NULL" },
    { "SELECT * FROM X WHERE NULL >= a", E_QUERY, 23,
      "column 23: NULL cannot be compared with '<='; test for it with IS NULL or IS NOT NULL" },
    /* property against property, constant against constant */
    { "SELECT * FROM X WHERE a = b", E_QUERY, 27,
      "column 27: found the property 'b' but expected a value: WQL compares a property with a "
      "constant, not with another property" },
    { "SELECT * FROM X WHERE a < b.c", E_QUERY, 27,
      "column 27: found the property 'b.c' but expected a value: WQL compares a property with "
      "a constant, not with another property" },
    { "SELECT * FROM __InstanceModificationEvent WHERE TargetInstance.State <> "
      "PreviousInstance.State", E_QUERY, 73,
      "column 73: found the property 'PreviousInstance.State' but expected a value: WQL "
      "compares a property with a constant, not with another property" },
    { "SELECT * FROM X WHERE 1 = 2", E_QUERY, 27,
      "column 27: found '2' but expected a property name: WQL compares a property with a "
      "constant, not two constants" },
    { "SELECT * FROM X WHERE 'a' = 'a'", E_QUERY, 29,
      "column 29: found the string 'a' but expected a property name: WQL compares a property "
      "with a constant, not two constants" },
    { "SELECT * FROM X WHERE 5 LIKE a", E_QUERY, 25,
      "column 25: found 'LIKE' but expected a comparison operator (=, <>, !=, <, <=, >, >=) "
      "between the value and a property" },
    /* literals */
    { "SELECT * FROM X WHERE a = 'abc", E_QUERY, 27,
      "column 27: unterminated string: the opening ' is never closed" },
    { "SELECT * FROM X WHERE a = \"abc'", E_QUERY, 27,
      "column 27: unterminated string: the opening \" is never closed" },
    { "SELECT * FROM X WHERE a = 'abc\\'", E_QUERY, 27,
      "column 27: unterminated string: the opening ' is never closed" },
    { "SELECT * FROM X WHERE a = 'a\\qb'", E_QUERY, 29,
      "column 29: invalid escape '\\q' in a string (valid escapes: \\\\ \\' \\\" \\n \\t \\r "
      "\\b \\f)" },
    { "SELECT * FROM X WHERE a = 'a\\x41'", E_QUERY, 29,
      "column 29: invalid escape '\\x' in a string (valid escapes: \\\\ \\' \\\" \\n \\t \\r "
      "\\b \\f)" },
    { "SELECT * FROM X WHERE a = 'a\nb'", E_QUERY, 29,
      "column 29: control character U+000A in a string (write \\n, \\t, \\r as escapes)" },
    { "SELECT * FROM X WHERE Name = 'x'' OR 1=1 --'", E_QUERY, 33,
      "column 33: found the string ' OR 1=1 --' but expected AND, OR or the end of the query" },
    { "SELECT * FROM X WHERE a = 18446744073709551616", E_QUERY, 27,
      "column 27: the integer 18446744073709551616 is out of range (integers are 64-bit: "
      "-9223372036854775808 to 18446744073709551615)" },
    { "SELECT * FROM X WHERE a = -9223372036854775809", E_QUERY, 27,
      "column 27: the integer -9223372036854775809 is out of range (integers are 64-bit: "
      "-9223372036854775808 to 18446744073709551615)" },
    { "SELECT * FROM X WHERE a = 0x10000000000000000", E_QUERY, 27,
      "column 27: the integer 0x10000000000000000 is out of range (integers are 64-bit: "
      "-9223372036854775808 to 18446744073709551615)" },
    { "SELECT * FROM X WHERE a = 1e999", E_QUERY, 27,
      "column 27: the real number 1e999 is out of range" },
    { "SELECT * FROM X WHERE a = 12abc", E_QUERY, 27, "column 27: malformed number '12abc'" },
    { "SELECT * FROM X WHERE a = 0x", E_QUERY, 27,
      "column 27: malformed number '0x': hex digits must follow 0x" },
    { "SELECT * FROM X WHERE a = 0x1G", E_QUERY, 27, "column 27: malformed number '0x1G'" },
    { "SELECT * FROM X WHERE a = 1.", E_QUERY, 27,
      "column 27: malformed number '1.': a digit must follow '.'" },
    { "SELECT * FROM X WHERE a = 1e+", E_QUERY, 27,
      "column 27: malformed number '1e+': the exponent has no digits" },
    { "SELECT * FROM X WHERE a = 1.2.3", E_QUERY, 27, "column 27: malformed number '1.2.3'" },
    { "SELECT * FROM X WHERE a = -", E_QUERY, 27, "column 27: unexpected character '-'" },
    /* names */
    { "SELECT a.b FROM X", E_QUERY, 8,
      "column 8: the dotted name a.b is only valid in event queries (TargetInstance.Name); a "
      "data query names the properties of class X directly" },
    { "SELECT * FROM X WHERE c = 1 AND (d = 2 OR TargetInstance.Name = 'x')", E_QUERY, 43,
      "column 43: the dotted name TargetInstance.Name is only valid in event queries "
      "(TargetInstance.Name); a data query names the properties of class X directly" },
    { "SELECT * FROM X WHERE a. = 1", E_QUERY, 24,
      "column 24: '.' after 'a' must be followed by a name, as in TargetInstance.Name" },
    { "SELECT * FROM X WHERE \xc3\xa9t\xc3\xa9 = 1", E_QUERY, 23,
      "column 23: unexpected character '\xc3\xa9' (U+00E9): names are ASCII letters, digits "
      "and '_', and text is written in quotes" },
    /* positions count characters, not bytes */
    { "SELECT * FROM X WHERE a = '\xc3\xa9\xc3\xa9\xe2\x82\xac' b", E_QUERY, 33,
      "column 33: found 'b' but expected AND, OR or the end of the query" },
    { "SELECT * FROM X WHERE a = '\xc3\xa9\xff'", E_QUERY, 29,
      "column 29: invalid UTF-8 byte 0xFF in the query (queries are UTF-8 text)" },
    { "SELECT * FROM X WHERE a = '\xc0\xaf'", E_QUERY, 28,
      "column 28: invalid UTF-8 byte 0xC0 in the query (queries are UTF-8 text)" },
    { "SELECT * FROM X WHERE a = '\xed\xa0\x80'", E_QUERY, 28,
      "column 28: invalid UTF-8 byte 0xED in the query (queries are UTF-8 text)" },

    /* ASSOCIATORS OF / REFERENCES OF */
    { "ASSOCIATORS X", E_QUERY, 13, "column 13: found 'X' but expected OF" },
    { "ASSOCIATORS OF X.K=1", E_QUERY, 16,
      "column 16: found 'X.K' but expected an object path in braces, as in ASSOCIATORS OF "
      "{Class.Key=\"v\"}" },
    { "ASSOCIATORS OF {  }", E_QUERY, 16,
      "column 16: the object path between '{' and '}' is empty" },
    { "ASSOCIATORS OF {X.K=1", E_QUERY, 16,
      "column 16: the object path opened by '{' is never closed by '}'" },
    { "ASSOCIATORS OF {X.K=\"}", E_QUERY, 21,
      "column 21: unterminated quoted value in the object path: the opening \" is never "
      "closed" },
    { "ASSOCIATORS OF { X..K=1 }", E_QUERY, 18,
      "column 18: the object path is not valid: a key name is expected at character 3, found "
      "'.'; names start with a letter or _" },
    { "ASSOCIATORS OF {X.K=1} junk", E_QUERY, 24,
      "column 24: found 'junk' but expected WHERE or the end of the query" },
    { "ASSOCIATORS OF {X.K=1} WHERE", E_QUERY, 29,
      "column 29: found end of query but expected an ASSOCIATORS OF keyword (" ASSOC_KWS ")" },
    { "ASSOCIATORS OF {X.K=1} WHERE Foo = 1", E_QUERY, 30,
      "column 30: found 'Foo' but expected an ASSOCIATORS OF keyword (" ASSOC_KWS ")" },
    { "ASSOCIATORS OF {X.K=1} WHERE Role = a Role = b", E_QUERY, 39,
      "column 39: Role is given twice" },
    { "ASSOCIATORS OF {X.K=1} WHERE keysonly KeysOnly", E_QUERY, 39,
      "column 39: KeysOnly is given twice" },
    { "ASSOCIATORS OF {X.K=1} WHERE ClassDefsOnly ResultClass = C", E_QUERY, 44,
      "column 44: ResultClass cannot be used together with ClassDefsOnly" },
    { "ASSOCIATORS OF {X.K=1} WHERE ResultClass = C ClassDefsOnly", E_QUERY, 46,
      "column 46: ClassDefsOnly cannot be used together with ResultClass" },
    { "ASSOCIATORS OF {X.K=1} WHERE ClassDefsOnly SchemaOnly", E_QUERY, 44,
      "column 44: SchemaOnly cannot be used together with ClassDefsOnly" },
    { "ASSOCIATORS OF {X.K=1} WHERE KeysOnly ClassDefsOnly", E_QUERY, 39,
      "column 39: ClassDefsOnly cannot be used together with KeysOnly" },
    { "REFERENCES OF {X.K=1} WHERE SchemaOnly KeysOnly", E_QUERY, 40,
      "column 40: KeysOnly cannot be used together with SchemaOnly" },
    { "ASSOCIATORS OF {X.K=1} WHERE Role = a AND ResultRole = b", E_QUERY, 39,
      "column 39: found 'AND' but expected an ASSOCIATORS OF keyword (" ASSOC_KWS "): the "
      "keywords after WHERE are separated by blanks, not AND" },
    { "ASSOCIATORS OF {X.K=1} WHERE Role != a", E_QUERY, 35,
      "column 35: found '!=' but expected '=' after Role" },
    { "ASSOCIATORS OF {X.K=1} WHERE ResultClass = 'C'", E_QUERY, 44,
      "column 44: found the string 'C' but expected a class name" },
    { "ASSOCIATORS OF {X.K=1} WHERE Role = a 5", E_QUERY, 39,
      "column 39: found '5' but expected an ASSOCIATORS OF keyword or the end of the query" },
    { "REFERENCES OF {X.K=1} WHERE ResultRole = X", E_QUERY, 29,
      "column 29: ResultRole is not valid in REFERENCES OF (valid: " REF_KWS ")" },
    { "REFERENCES OF {X.K=1} WHERE AssocClass = X", E_QUERY, 29,
      "column 29: AssocClass is not valid in REFERENCES OF (valid: " REF_KWS ")" },
    { "REFERENCES OF {X.K=1} WHERE RequiredAssocQualifier = Q", E_QUERY, 29,
      "column 29: RequiredAssocQualifier is not valid in REFERENCES OF (valid: " REF_KWS ")" },
    { "REFERENCES OF {X.K=1} WHERE Bogus", E_QUERY, 29,
      "column 29: found 'Bogus' but expected a REFERENCES OF keyword (" REF_KWS ")" },

    /* event clauses (syntax errors are reported as such) */
    { "SELECT * FROM __InstanceCreationEvent WITHIN 0", E_QUERY, 46,
      "column 46: WITHIN needs a number of seconds greater than 0, not '0'" },
    { "SELECT * FROM __InstanceCreationEvent WITHIN -1.5", E_QUERY, 46,
      "column 46: WITHIN needs a number of seconds greater than 0, not '-1.5'" },
    { "SELECT * FROM __InstanceCreationEvent WITHIN soon", E_QUERY, 46,
      "column 46: found 'soon' but expected a number of seconds after WITHIN" },
    { "SELECT * FROM __InstanceCreationEvent WHERE TargetInstance ISA 'A' WITHIN 5", E_QUERY,
      68, "column 68: WITHIN comes right after the class: SELECT ... FROM Class WITHIN seconds "
      "WHERE ..." },
    { "SELECT * FROM __InstanceCreationEvent GROUP BY TargetInstance.Name",
      WBEM_E_MISSING_GROUP_WITHIN, 45,
      "column 45: found 'BY' but expected WITHIN: GROUP needs an interval, as in GROUP WITHIN "
      "600 BY TargetInstance.Name" },
    { "SELECT * FROM X WHERE a = 1 GROUP HAVING b > 1", WBEM_E_MISSING_GROUP_WITHIN, 35,
      "column 35: found 'HAVING' but expected WITHIN: GROUP needs an interval, as in GROUP "
      "WITHIN 600 BY TargetInstance.Name" },
    { "SELECT * FROM __InstanceCreationEvent GROUP WITHIN 0", E_QUERY, 52,
      "column 52: GROUP WITHIN needs a number of seconds greater than 0, not '0'" },
    { "SELECT * FROM X WHERE a = 1 HAVING b > 2", E_QUERY, 29,
      "column 29: HAVING needs GROUP before it: GROUP WITHIN seconds [BY ...] HAVING ..." },
    { "SELECT * FROM __InstanceCreationEvent GROUP WITHIN 5 BY a, A", E_QUERY, 60,
      "column 60: property A is named twice in the GROUP BY list" },
    { "SELECT * FROM __InstanceCreationEvent GROUP WITHIN 5 BY a b", E_QUERY, 59,
      "column 59: found 'b' but expected ',', HAVING or the end of the query" },
    { "SELECT * FROM __InstanceCreationEvent GROUP WITHIN 5 x", E_QUERY, 54,
      "column 54: found 'x' but expected BY, HAVING or the end of the query" },
    { "SELECT * FROM __InstanceCreationEvent WHERE x = 1 y", E_QUERY, 51,
      "column 51: found 'y' but expected AND, OR, GROUP or the end of the query" },
    { "SELECT * FROM __InstanceCreationEvent z", E_QUERY, 39,
      "column 39: found 'z' but expected WITHIN, WHERE, GROUP or the end of the query" },
    { "SELECT * FROM __InstanceCreationEvent WITHIN 1 z", E_QUERY, 48,
      "column 48: found 'z' but expected WHERE, GROUP or the end of the query" },
};

/* Event queries that wql_parse() refuses (wql_parse_any() takes them). */
static const struct {
    const char *text;
    unsigned pos;
    const char *message;
} events_refused[] = {
    { "SELECT * FROM __InstanceCreationEvent WITHIN 5 WHERE TargetInstance ISA 'Win32_Process'",
      15, "column 15: FROM __InstanceCreationEvent makes this an event query; event queries "
      "are not supported yet: cimrpc has no event subscriptions" },
    { "SELECT * FROM __InstanceDeletionEvent", 15,
      "column 15: FROM __InstanceDeletionEvent makes this an event query; event queries are "
      "not supported yet: cimrpc has no event subscriptions" },
    { "select * from __instancemodificationevent", 15,
      "column 15: FROM __instancemodificationevent makes this an event query; event queries "
      "are not supported yet: cimrpc has no event subscriptions" },
    { "SELECT * FROM __InstanceOperationEvent", 15,
      "column 15: FROM __InstanceOperationEvent makes this an event query; event queries are "
      "not supported yet: cimrpc has no event subscriptions" },
    { "SELECT * FROM MyAppEvent", 15,
      "column 15: FROM MyAppEvent makes this an event query; event queries are not supported "
      "yet: cimrpc has no event subscriptions" },
    { "SELECT * FROM CIM_Disk WITHIN 5", 24,
      "column 24: WITHIN makes this an event query; event queries are not supported yet: "
      "cimrpc has no event subscriptions" },
    { "SELECT * FROM CIM_Disk WHERE a = 1 GROUP WITHIN 5", 36,
      "column 36: GROUP makes this an event query; event queries are not supported yet: "
      "cimrpc has no event subscriptions" },
};

/* ------------------------------------------------------------- tables --- */

static void
test_valid(void)
{
    for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
        struct wql_query *q = NULL;
        struct wql_error err;
        char *got, *want = NULL, buf[48];
        int rc;

        memset(&err, 0, sizeof(err));
        rc = wql_parse_any(valid[i].text, &q, &err);
        got = outcome(rc, q, &err);
        if (asprintf(&want, "parsed: %s", valid[i].dump) < 0)
            want = NULL;
        tap_is_str(got, want, "valid %zu: %s", i, shown(valid[i].text, buf));
        free(want);
        tap_is_int(q != NULL ? (int)q->kind : -1, valid[i].kind, "valid %zu: kind", i);
        free(got);
        wql_query_free(q);

        /* wql_parse() agrees on data queries */
        if (valid[i].kind != WQL_QUERY_EVENT) {
            rc = wql_parse(valid[i].text, &q, &err);
            tap_ok(rc == 0 && q != NULL && q->kind == valid[i].kind,
                   "valid %zu: wql_parse() takes it too", i);
            wql_query_free(q);
        }
    }
}

static void
test_invalid(void)
{
    for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
        char label[80], buf[48];
        snprintf(label, sizeof(label), "invalid %zu: %s", i, shown(invalid[i].text, buf));
        check_refused(wql_parse_any, invalid[i].text, invalid[i].code, invalid[i].pos,
                      invalid[i].message, label);
    }
    for (size_t i = 0; i < sizeof(events_refused) / sizeof(events_refused[0]); i++) {
        char label[80];
        struct wql_query *q = NULL;
        struct wql_error err;

        snprintf(label, sizeof(label), "wql_parse refuses event query %.40s",
                 events_refused[i].text);
        check_refused(wql_parse, events_refused[i].text, WBEM_E_INVALID_QUERY_TYPE,
                      events_refused[i].pos, events_refused[i].message, label);
        tap_ok(wql_parse_any(events_refused[i].text, &q, &err) == 0 && q != NULL &&
               q->kind == WQL_QUERY_EVENT, "wql_parse_any takes event query %zu", i);
        wql_query_free(q);
    }
}

/* -------------------------------------------------------- the fields --- */

static void
test_select_fields(void)
{
    struct wql_query *q;
    const struct wql_expr *e, *like, *isa, *cmp, *null;

    q = parse_ok("SELECT Name, Size FROM CIM_LogicalDisk WHERE Size >= -0x10 AND "
                 "Name NOT LIKE 'a\\b_%' AND NOT (Obj ISA CIM_X OR Tag IS NOT NULL)",
                 "select fields");
    if (q == NULL)
        return;
    tap_ok(q->kind == WQL_QUERY_SELECT && !q->select_all && q->n_properties == 2 &&
           strcmp(q->properties[0], "Name") == 0 && strcmp(q->properties[1], "Size") == 0 &&
           q->property_pos[0] == 8 && q->property_pos[1] == 14,
           "SELECT list: names in order with their columns");
    tap_ok(strcmp(q->class_name, "CIM_LogicalDisk") == 0 && q->class_pos == 24 &&
           q->event_pos == 0 && !q->has_within && !q->has_group && q->object_path == NULL,
           "FROM class and column; no event parts");
    e = q->where;
    tap_ok(e != NULL && e->kind == WQL_EXPR_AND && e->left->kind == WQL_EXPR_AND &&
           e->right->kind == WQL_EXPR_NOT && e->right->left->kind == WQL_EXPR_OR,
           "tree shape: AND(AND(cmp, like), NOT(OR(isa, null)))");
    if (e == NULL || e->left == NULL || e->right == NULL || e->right->left == NULL)
        goto done;
    cmp = e->left->left;
    like = e->left->right;
    isa = e->right->left->left;
    null = e->right->left->right;
    tap_ok(cmp->kind == WQL_EXPR_COMPARE && strcmp(cmp->property, "Size") == 0 &&
           cmp->op == WQL_OP_GE && cmp->value.kind == WQL_LIT_INTEGER && cmp->value.negative &&
           cmp->value.magnitude == 16 && cmp->pos == 46 && cmp->value.pos == 54,
           "comparison: property, operator, negative hex integer, columns");
    tap_ok(like->kind == WQL_EXPR_LIKE && like->negated && strcmp(like->property, "Name") == 0 &&
           like->value.kind == WQL_LIT_STRING && strcmp(like->value.string, "a\\b_%") == 0 &&
           like->value.pos == 78,
           "NOT LIKE: negated, the raw pattern with its backslash");
    tap_ok(isa->kind == WQL_EXPR_ISA && strcmp(isa->value.string, "CIM_X") == 0 &&
           isa->value.kind == WQL_LIT_STRING && strcmp(isa->property, "Obj") == 0,
           "ISA with a bare class name");
    tap_ok(null->kind == WQL_EXPR_IS_NULL && null->negated && strcmp(null->property, "Tag") == 0,
           "IS NOT NULL");
    tap_is_int(e->pos, 86, "AND is placed at its keyword (the second, at the root)");
    tap_is_int(e->left->pos, 60, "the first AND at its keyword");
done:
    wql_query_free(q);

    q = parse_ok("SELECT * FROM X WHERE s = 'a\\\\b\\'c\\\"d\\ne\\tf\\rg\\bh\\fi' AND t = \"q'\" "
                 "AND u = 2.5 AND v = 18446744073709551615 AND w = FALSE", "literal values");
    if (q == NULL)
        return;
    e = q->where;
    while (e->kind == WQL_EXPR_AND && e->left->kind == WQL_EXPR_AND)
        e = e->left;
    tap_is_str(e->left->value.string, "a\\b'c\"d\ne\tf\rg\bh\fi", "escapes are processed");
    tap_is_str(e->right->value.string, "q'", "a double-quoted string holds a single quote");
    e = q->where;
    tap_ok(e->right->value.kind == WQL_LIT_BOOLEAN && !e->right->value.boolean, "FALSE");
    tap_ok(e->left->right->value.kind == WQL_LIT_INTEGER && !e->left->right->value.negative &&
           e->left->right->value.magnitude == UINT64_MAX, "the largest integer");
    tap_ok(e->left->left->right->value.kind == WQL_LIT_REAL &&
           e->left->left->right->value.real == 2.5, "a real");
    wql_query_free(q);
}

static void
test_assoc_fields(void)
{
    struct wql_query *q;

    q = parse_ok("ASSOCIATORS OF {  Win32_Service.Name=\"a } b\"  } WHERE AssocClass = A "
                 "ResultClass = C Role = R ResultRole = RR RequiredQualifier = Q "
                 "RequiredAssocQualifier = QA KeysOnly", "associators fields");
    if (q != NULL) {
        tap_ok(q->kind == WQL_QUERY_ASSOCIATORS &&
               strcmp(q->object_path, "Win32_Service.Name=\"a } b\"") == 0 &&
               q->object_path_pos == 19, "the object path: trimmed, '}' inside quotes kept");
        tap_ok(strcmp(q->assoc_class, "A") == 0 && strcmp(q->result_class, "C") == 0 &&
               strcmp(q->role, "R") == 0 && strcmp(q->result_role, "RR") == 0 &&
               strcmp(q->required_qualifier, "Q") == 0 &&
               strcmp(q->required_assoc_qualifier, "QA") == 0 && q->keys_only &&
               !q->class_defs_only && !q->schema_only && q->class_name == NULL,
               "every keyword's value lands in its field");
        wql_query_free(q);
    }
    q = parse_ok("REFERENCES OF {X.K=1} WHERE ClassDefsOnly", "references fields");
    if (q != NULL) {
        tap_ok(q->kind == WQL_QUERY_REFERENCES && q->class_defs_only && !q->keys_only &&
               q->role == NULL && q->result_class == NULL, "ClassDefsOnly alone");
        wql_query_free(q);
    }
}

static void
test_event_fields(void)
{
    struct wql_query *q;

    q = parse_ok("SELECT * FROM __InstanceModificationEvent WITHIN 0.25 WHERE TargetInstance ISA "
                 "'Win32_Service' AND TargetInstance.State <> 'Running' "
                 "GROUP WITHIN 600 BY TargetInstance.Name HAVING NumberOfEvents > 3",
                 "event fields");
    if (q == NULL)
        return;
    tap_ok(q->kind == WQL_QUERY_EVENT && q->event_pos == 15 && q->has_within &&
           q->within == 0.25 && q->has_group && q->group_within == 600.0,
           "event: kind, fractional WITHIN, GROUP WITHIN");
    tap_ok(q->n_group_by == 1 && strcmp(q->group_by[0], "TargetInstance.Name") == 0 &&
           q->group_by_pos[0] == 154, "GROUP BY: a dotted name and its column");
    tap_ok(q->having != NULL && q->having->kind == WQL_EXPR_COMPARE &&
           strcmp(q->having->property, "NumberOfEvents") == 0 && q->having->op == WQL_OP_GT,
           "HAVING condition");
    wql_query_free(q);
}

/* ------------------------------------------------------------- limits --- */

/* A new string: PREFIX, then PIECE N times, then SUFFIX. */
static char *
repeat(const char *prefix, const char *piece, size_t n, const char *suffix)
{
    size_t lp = strlen(prefix), lc = strlen(piece), ls = strlen(suffix);
    char *s = malloc(lp + lc * n + ls + 1), *p = s;

    if (s == NULL)
        abort();
    memcpy(p, prefix, lp);
    p += lp;
    for (size_t i = 0; i < n; i++, p += lc)
        memcpy(p, piece, lc);
    memcpy(p, suffix, ls + 1);
    return s;
}

static void
check_limit(char *text, bool ok, uint32_t code, unsigned pos, const char *message,
            const char *label)
{
    struct wql_query *q = NULL;
    struct wql_error err;
    int rc = wql_parse(text, &q, &err);

    if (ok) {
        if (!tap_ok(rc == 0 && q != NULL, "%s", label))
            printf("#   %s\n", err.message);
    } else {
        check_refused(wql_parse, text, code, pos, message, label);
    }
    wql_query_free(q);
    free(text);
}

/* A SELECT list of WQL_PROPERTIES_MAX distinct names, then one more. */
static void
test_list_limit(void)
{
    size_t cap = (size_t)(WQL_PROPERTIES_MAX + 1) * 8 + 64, len = 0;
    struct wql_query *q = NULL;
    struct wql_error err;
    char *t = malloc(cap), msg[128];

    if (t == NULL)
        abort();
    len += (size_t)sprintf(t, "SELECT ");
    for (unsigned i = 0; i < WQL_PROPERTIES_MAX; i++)
        len += (size_t)sprintf(t + len, "%sp%u", i > 0 ? "," : "", i);
    strcpy(t + len, " FROM X");
    if (!tap_ok(wql_parse(t, &q, &err) == 0 && q->n_properties == WQL_PROPERTIES_MAX &&
                strcmp(q->properties[WQL_PROPERTIES_MAX - 1], "p4095") == 0,
                "a SELECT list of WQL_PROPERTIES_MAX names"))
        printf("#   %s\n", err.message);
    wql_query_free(q);
    sprintf(t + len, ",p%u FROM X", (unsigned)WQL_PROPERTIES_MAX);
    snprintf(msg, sizeof(msg), "column %zu: the SELECT list has more than 4096 properties",
             len + 2);
    check_refused(wql_parse, t, WBEM_E_INVALID_QUERY, (unsigned)(len + 2), msg,
                  "one name more is refused");
    free(t);
}

static void
test_limits(void)
{
    struct wql_query *q = (struct wql_query *)&q;
    struct wql_error err;
    char *s, name[WQL_NAME_MAX + 2];

    /* query length */
    check_limit(repeat("SELECT * FROM X", " ", WQL_QUERY_MAX - 15, ""), true, 0, 0, NULL,
                "a query of exactly WQL_QUERY_MAX bytes");
    check_limit(repeat("SELECT * FROM X", " ", WQL_QUERY_MAX - 14, ""), false,
                WBEM_E_INVALID_QUERY, 0,
                "the query is longer than 65536 bytes; split it or select less",
                "one byte more is refused, without a column");

    /* name length */
    memset(name, 'n', WQL_NAME_MAX);
    name[WQL_NAME_MAX] = '\0';
    check_limit(repeat("SELECT * FROM ", name, 1, ""), true, 0, 0, NULL,
                "a name of WQL_NAME_MAX characters");
    name[WQL_NAME_MAX] = 'n';
    name[WQL_NAME_MAX + 1] = '\0';
    check_limit(repeat("SELECT * FROM ", name, 1, ""), false, WBEM_E_INVALID_QUERY, 15,
                "column 15: the name 'nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn...' is longer "
                "than 256 characters", "one character more is refused");
    check_limit(repeat("SELECT * FROM __InstanceCreationEvent WHERE a", ".a", 8, " = 1"), false,
                WBEM_E_INVALID_QUERY, 45,
                "column 45: the dotted name 'a.a.a.a.a.a.a.a.a...' has more than 8 parts",
                "a dotted name of 9 parts is refused");

    test_list_limit();

    /* nesting: parentheses and NOT together */
    s = repeat("a = 1", ")", WQL_DEPTH_MAX, "");
    check_limit(repeat("SELECT * FROM X WHERE ", "(", WQL_DEPTH_MAX, s), true, 0, 0, NULL,
                "64 parentheses are accepted");
    free(s);
    check_limit(repeat("SELECT * FROM X WHERE ", "(", WQL_DEPTH_MAX + 1, "a = 1"), false,
                WBEM_E_INVALID_QUERY, 87, "column 87: the condition is nested more than 64 "
                "levels deep (parentheses and NOT)", "65 parentheses are refused");
    check_limit(repeat("SELECT * FROM X WHERE ", "NOT ", WQL_DEPTH_MAX, "a = 1"), true, 0, 0,
                NULL, "64 NOTs are accepted");
    check_limit(repeat("SELECT * FROM X WHERE ", "NOT (", WQL_DEPTH_MAX / 2 + 1, "a = 1"),
                false, WBEM_E_INVALID_QUERY, 183, "column 183: the condition is nested more "
                "than 64 levels deep (parentheses and NOT)", "NOT and '(' count together");
    check_limit(repeat("SELECT * FROM X WHERE ", "(", 60000, ""), false, WBEM_E_INVALID_QUERY,
                87, "column 87: the condition is nested more than 64 levels deep (parentheses "
                "and NOT)", "deep nesting is refused before it can exhaust the stack");

    /* comparisons */
    check_limit(repeat("SELECT * FROM X WHERE a = 1", " OR a = 1", WQL_TERMS_MAX - 1, ""), true,
                0, 0, NULL, "WQL_TERMS_MAX comparisons are accepted");
    check_limit(repeat("SELECT * FROM X WHERE a = 1", " OR a = 1", WQL_TERMS_MAX, ""), false,
                WBEM_E_INVALID_QUERY, 9239, "column 9239: the condition has more than 1024 "
                "comparisons", "one more is refused");
    s = repeat("SELECT * FROM __InstanceCreationEvent WHERE a = 1", " OR a = 1",
               WQL_TERMS_MAX - 1, " GROUP WITHIN 1 HAVING b = 1 AND c = 1");
    tap_ok(wql_parse_any(s, &q, &err) == 0 && q->having != NULL,
           "HAVING counts its comparisons apart from WHERE");
    wql_query_free(q);
    free(s);
}

/* --------------------------------------------------------------- misc --- */

static void
test_misc(void)
{
    struct wql_query *q = (struct wql_query *)&q;
    struct wql_error err;

    tap_ok(wql_parse(NULL, &q, &err) == -1 && q == NULL && err.code == WBEM_E_INVALID_QUERY &&
           err.pos == 0 && strcmp(err.message, "no query text was given") == 0,
           "NULL text is refused");
    wql_query_free(NULL);
    wql_expr_free(NULL);
    wql_literal_clear(NULL);
    tap_ok(1, "the free functions accept NULL (a crash would cut the test short)");
    tap_ok(strcmp(wql_op_text(WQL_OP_EQ), "=") == 0 && strcmp(wql_op_text(WQL_OP_NE), "<>") == 0 &&
           strcmp(wql_op_text(WQL_OP_LT), "<") == 0 && strcmp(wql_op_text(WQL_OP_LE), "<=") == 0 &&
           strcmp(wql_op_text(WQL_OP_GT), ">") == 0 && strcmp(wql_op_text(WQL_OP_GE), ">=") == 0 &&
           strcmp(wql_op_text((enum wql_op)99), "?") == 0, "operator spellings");
    tap_ok(wql_op_swap(WQL_OP_LT) == WQL_OP_GT && wql_op_swap(WQL_OP_GE) == WQL_OP_LE &&
           wql_op_swap(WQL_OP_EQ) == WQL_OP_EQ && wql_op_swap(WQL_OP_NE) == WQL_OP_NE,
           "operators swap sides");

    /* the dump parses back to the same dump */
    for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
        struct wql_query *a = NULL, *b = NULL;
        char *da = NULL, *db = NULL;
        if (wql_parse_any(valid[i].text, &a, &err) == 0 && (da = wql_query_to_string(a)) != NULL &&
            wql_parse_any(da, &b, &err) == 0)
            db = wql_query_to_string(b);
        if (!tap_ok(da != NULL && db != NULL && strcmp(da, db) == 0, "valid %zu: dump round-trips",
                    i))
            printf("#   %s\n#   %s\n", da != NULL ? da : err.message,
                   db != NULL ? db : err.message);
        free(da);
        free(db);
        wql_query_free(a);
        wql_query_free(b);
    }
}

int
main(void)
{
    test_valid();
    test_invalid();
    test_select_fields();
    test_assoc_fields();
    test_event_fields();
    test_limits();
    test_misc();
    tap_plan(tap_n);
    return tap_done();
}
