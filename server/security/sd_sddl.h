/*
 * sd_sddl.h: security descriptors to and from SDDL text.
 *
 * The syntax is Windows' Security Descriptor Definition Language, cut
 * down to what a namespace descriptor holds:
 *
 *     O:owner G:group D:[P][AI](ace)(ace)...
 *     ace     = (type;flags;rights;;;trustee)
 *     type    = A (allow) | D (deny)
 *     flags   = any of CI NP IO ID, run together ("CIIO")
 *     rights  = two-letter codes run together, CC DC LC SW RP WP DT LO RC
 *               WD (REFERENCE.md), or a hex mask 0x...
 *     trustee = WD AU AN BA NU IU SU LS NS SY  (well-known, sd.h)
 *             | U{name} | U{#uid}      a local user
 *             | G{name} | G{#gid}      a local group
 *             | P{alice@EXAMPLE.COM}   a Kerberos principal
 *
 * O:, G: and D: may come in any order, each at most once, and may be left
 * out (sd_validate() then refuses the descriptor for SetSD).  Whitespace
 * is allowed between the parts and between ACEs, not inside them.  "P"
 * protects the DACL; "AI" is accepted and ignored (inheritance is always
 * automatic here).  Differences from Windows, on purpose: OI (object
 * inherit) is refused, since a namespace's only children are namespaces
 * and CI is what reaches them; object ACEs (GUIDs), SACLs (S:), SIDs,
 * generic rights (GA, GR...) and the other aliases are refused too, each
 * with a message saying what to write instead.
 *
 * User and group names are resolved to ids when the text is parsed (a
 * name that does not resolve is an error) and back to names when it is
 * written (an id without a name is written U{#1000}).  Descriptors store
 * ids, so renaming an account keeps its rights.
 *
 * Bounds: text at most SD_SDDL_TEXT_MAX bytes, at most CIMRPC_ACES_MAX
 * ACEs, names at most CIMRPC_NAME_MAX bytes.  Positions in messages count
 * characters (UTF-8 code points) from 1.
 */
#ifndef CIMRPC_SD_SDDL_H
#define CIMRPC_SD_SDDL_H

#include <stddef.h>

#include "cimrpc.h"

#define SD_SDDL_TEXT_MAX 65536

/*
 * Parse TEXT (borrowed, NUL-terminated) into *OUT (overwritten, not
 * freed).  Only the syntax and the names are checked: call sd_validate()
 * before storing the result.  Returns 0 (caller frees *OUT with
 * sd_free()), or -1 with *OUT empty and WHY (WHY_LEN bytes) saying at
 * which character what was found and what was expected, or that the
 * memory ran out.
 */
int sd_from_sddl(const char *text, cimrpc_sd *out, char *why, size_t why_len);

/*
 * SD (borrowed) in canonical SDDL: aliases for well-known trustees, users
 * and groups by name when they resolve (else #id), flags in the order CI
 * NP IO ID, rights letters in the order of REFERENCE.md's table (a mask
 * with bits no letter names is written in hex), no whitespace; absent
 * parts are left out.  Returns a malloc'd string the caller frees, or
 * NULL with errno ENOMEM, or EINVAL when SD holds something SDDL cannot
 * express (unknown flags, trustee kinds or well-known ids, or a principal
 * sd_principal_problem() refuses).
 */
char *sd_to_sddl(const cimrpc_sd *sd);

/*
 * ACE (borrowed) as SDDL for a message, into BUF (LEN bytes, truncated):
 * never fails and never looks names up (users and groups are written by
 * their stored display name, else #id); what SDDL cannot express is shown
 * anyway (unknown flags as hex after the letters, an unknown trustee as
 * "?kind:id").
 */
void sd_sddl_ace_text(const cimrpc_ace *ace, char *buf, size_t len);

#endif
