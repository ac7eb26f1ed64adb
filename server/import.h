/*
 * import.h: "cimrpcd --import FILE.mof": compile a MOF file into the
 * repository offline, then exit.
 */
#ifndef CIMRPC_IMPORT_H
#define CIMRPC_IMPORT_H

#include "options.h"

/*
 * Open (or create) OPTS->repository, compile OPTS->import into it (into
 * OPTS->import_namespace or root/cimv2 unless the file says otherwise) in
 * one transaction, and report on stdout what was stored, or on stderr
 * what went wrong and where.  Returns the process's exit status: 0, or 1
 * with the repository unchanged.
 */
int import_run(const struct daemon_options *opts);

#endif
