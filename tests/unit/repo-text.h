/*
 * repo-text.h: repository contents as text, for unit tests.  A test
 * compares what it reads back with one tap_is_str(), and a failure shows
 * the whole difference.
 *
 *     values      NULL  TRUE  -15  255  1.5  U+263A  "text"  {1, 2}
 *                 instance of Class { Name = "v"; Value = 3; }
 *     property    "5 uint8 U8 = 255 from Test_Types"
 *                 "0 string Id = NULL from Test_Base propagated"
 *                 "1 Test_Base REF Right = NULL from Test_Link"
 *     qualifier   "TRUE (DisableOverride ToSubclass) propagated"
 *     snapshot    every namespace from root down, with the names and XDR
 *                 hashes of its qualifier declarations, classes and
 *                 instances: equal snapshots, equal contents
 *
 * Strings are returned allocated (the caller frees them); NULL only when
 * memory ran out.  Strings and datetimes are shown unescaped between
 * quotes; a scalar whose type differs from its value's is marked "!type".
 */
#ifndef CIMRPC_TESTS_REPO_TEXT_H
#define CIMRPC_TESTS_REPO_TEXT_H

#include <stdio.h>

#include "cimrpc.h"
#include "repository/repo.h"

/* V (NULL: "(absent)"). */
char *repo_text_value(const cim_value *v);
void repo_text_write_value(const cim_value *v, FILE *out);

/* A declared type: "uint8", "string[]", "uint16[3]", "Test_Base REF". */
void repo_text_write_type(cim_type type, int array_size, const char *ref_class, FILE *out);

/* The position of property NAME in CLS, or -1. */
long repo_text_property_index(const cim_class *cls, const char *name);

/* Property NAME of CLS: position, type, name, default, class_origin and
 * propagated ("(absent)" when CLS has none). */
char *repo_text_property(const cim_class *cls, const char *name);

/* Qualifier NAME among ITEMS (N of them): value, flavors, propagated
 * ("(absent)" when not there). */
char *repo_text_qualifier(const cim_qualifier *items, u_int n, const char *name);

/* Everything REPO holds (exits the test with "Bail out!" when memory
 * runs out). */
char *repo_text_snapshot(struct repo *repo);

#endif
