/*
 * schema_mof.h: the MOF files of schema/mof, compiled into the daemon.
 *
 * A new repository is created from these files on the daemon's first
 * start, so the daemon needs no schema file at run time.  The table is
 * generated at build time by schema/embed-mof.py, in the order the files
 * must be compiled:
 *
 *   qualifiers.mof   the qualifier declarations      every namespace
 *   system.mof       the system classes (__*)         every namespace
 *   cim-core.mof     the DMTF CIM core subset         root/cimv2
 *   linux.mof        the built-in Linux provider     root/cimv2
 *
 * Each text is the file's bytes (UTF-8, no NUL) with a terminating NUL
 * after LEN bytes; parse it with mof_parse_buffer(text, len, name, ...).
 * The files use no #pragma include and no #pragma namespace: the caller
 * chooses the target namespace.  Everything here is static storage,
 * borrowed by every user and never freed.
 */
#ifndef CIMRPC_SCHEMA_MOF_H
#define CIMRPC_SCHEMA_MOF_H

#include <stddef.h>

struct schema_mof_file {
    const char *name;       /* the file's base name, "system.mof" */
    const char *text;       /* its contents, NUL-terminated */
    size_t len;             /* bytes in text, without the NUL */
};

/* The files in compile order; schema_mof_files_count of them. */
extern const struct schema_mof_file schema_mof_files[];
extern const size_t schema_mof_files_count;

#endif
