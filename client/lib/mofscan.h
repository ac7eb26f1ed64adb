/*
 * mofscan.h: the files of a MOF compilation (internal): a file and those
 * it includes, read here so that the server reads no file of its own.
 */
#ifndef CIMRPC_CLIENT_MOFSCAN_H
#define CIMRPC_CLIENT_MOFSCAN_H

#include <stddef.h>
#include <sys/types.h>

#include "cimrpc/cimrpc.h"

struct mofscan_file {
    char *name;                     /* as the includer wrote it (the first: as given) */
    char *path;                     /* where it was read: the includer's directory + name */
    char *text;
    size_t len;
    dev_t dev;
    ino_t ino;
};

struct mofscan {
    struct mofscan_file *files;     /* the first is the one compiled */
    size_t n, cap;
    size_t total;                   /* bytes of text in all */
};

/*
 * Read FILE into *SCAN (zeroed by the caller), then every file its
 * #pragma include("NAME") lines name, and theirs, each name once.  NAME
 * is taken relative to the including file's directory unless absolute,
 * as cimrpcd's MOF parser does.  Fails (a usage error, positioned
 * FILE:LINE:COLUMN at the pragma where there is one) when a file cannot
 * be read, when one name means two files, or past CIMRPC_MOF_FILES_MAX
 * files or CIMRPC_MOF_MAX bytes.  Pragmas that are not well formed are
 * left for the server to report.  0 or -1; mofscan_clear() either way.
 */
int mofscan_collect(struct mofscan *scan, const char *file, cimrpc_error **err_out);

void mofscan_clear(struct mofscan *scan);

#endif
