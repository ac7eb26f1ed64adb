/*
 * sd.h: namespace security descriptors: the default, SetSD's validation,
 * inheritance down the namespace tree, and the rights a caller holds.
 *
 * A descriptor (cimrpc_sd, idl/cimrpc.x) is WMI's: an owner, a group and a
 * DACL of ACEs, each an allow or deny of an access mask (CIMRPC_RIGHT_*)
 * to one trustee, with inheritance flags CI, NP, IO and ID.  The
 * repository keeps each namespace's *stored* descriptor: the ACEs set on
 * it (SetSD keeps only those, sd_strip_inherited()).  Its *effective*
 * descriptor adds what it inherits from its parent's effective descriptor
 * (sd_inherit()); access checks evaluate the effective one (sd_rights()).
 *
 * Invariants of a descriptor these functions build:
 *   - every trustee's name is a non-NULL string (possibly ""), so that the
 *     descriptor always XDR-encodes;
 *   - a trustee of kind 0 is "absent" (an owner or group not given);
 *   - dacl.dacl_len <= CIMRPC_ACES_MAX.
 * A descriptor that passed sd_validate() also has: owner, group and DACL
 * present; only known rights and flags; no IO without CI; no allow of Full
 * Write without both Partial Write and Provider Write; only known trustee
 * kinds and well-known ids; principals that have a realm and can be
 * written in SDDL.
 *
 * Evaluation is default deny and fails closed: a descriptor without a
 * DACL grants nothing (Windows grants everything for a NULL DACL; SetSD
 * never stores one here).  ACEs are taken in canonical order whatever
 * order they are stored in: explicit deny, explicit allow, inherited
 * deny, inherited allow; a right denied before it was granted is never
 * granted.  IO ACEs apply to child namespaces only and are skipped.
 *
 * Trustee matching (sd_trustee_matches()):
 *   WD Everyone            every caller, anonymous or not
 *   AU Authenticated Users every authenticated caller, never anonymous
 *   AN Anonymous           callers that are not authenticated
 *   NU Network             callers over TCP, authenticated or not
 *   IU Local               callers over the local (AF_UNIX) socket,
 *                          authenticated or not ("interactive" in Windows)
 *   BA Administrators      authenticated callers with c->administrator
 *   SU Service             authenticated callers with c->service, over
 *                          either transport
 *   LS, NS, SY             this host's own service identities: an
 *                          authenticated c->service caller over the local
 *                          socket; never a network caller
 *   U{user}                an authenticated caller with a local account
 *                          whose uid is the trustee's
 *   G{group}               an authenticated caller with a local account
 *                          whose primary or a supplementary gid matches
 *   P{principal}           an authenticated caller whose Kerberos
 *                          principal is exactly the name (case-sensitive)
 * Every trustee but WD, AN, NU and IU needs an authenticated caller, so a
 * stray administrator or service flag on an anonymous caller grants
 * nothing.
 */
#ifndef CIMRPC_SD_H
#define CIMRPC_SD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "cimrpc.h"

/* Every ACE flag this server knows. */
#define SD_ACE_FLAGS_ALL                                                     \
    (CIMRPC_ACE_CONTAINER_INHERIT | CIMRPC_ACE_NO_PROPAGATE_INHERIT |        \
     CIMRPC_ACE_INHERIT_ONLY | CIMRPC_ACE_INHERITED)

/* Who is asking, as the access check sees it.  Everything is borrowed. */
struct sd_caller {
    bool authenticated;         /* false: the caller is Anonymous */
    bool network;               /* over TCP (else the local socket) */
    bool administrator;         /* uid 0 or in the admin group */
    bool service;               /* one of this server's service callers */
    uid_t uid;                  /* meaningful only with has_account */
    bool has_account;           /* a local account (uid, gid, groups) */
    gid_t gid;                  /* primary group */
    const gid_t *groups;        /* supplementary groups, N_GROUPS of them */
    size_t n_groups;
    const char *principal;      /* Kerberos principal, or NULL */
};

/* WMI's default descriptor of root, every namespace's unless set:
 *     O:BAG:BAD:(A;CI;CCDCLCSWRPWPRCWD;;;BA)(A;CI;CCDCRP;;;NS)
 *               (A;CI;CCDCRP;;;LS)(A;CI;CCDCRP;;;AU)
 * *OUT is overwritten (its old contents are not freed).  Returns 0 (the
 * caller frees *OUT with sd_free()), or -1 on allocation failure with
 * *OUT empty. */
int sd_default_root(cimrpc_sd *out);

/* Free what *SD owns and zero it.  Works on descriptors built here and on
 * ones decoded by XDR.  Accepts NULL. */
void sd_free(cimrpc_sd *sd);

/* Deep copy of SRC (borrowed) into *OUT (overwritten, not freed).  Returns
 * 0 (caller frees *OUT with sd_free()), or -1 on allocation failure or a
 * DACL over CIMRPC_ACES_MAX, with *OUT empty. */
int sd_copy(const cimrpc_sd *src, cimrpc_sd *out);

/*
 * SetSD's rules on SD (borrowed): owner, group and DACL present; no more
 * than CIMRPC_ACES_MAX ACEs; no unknown rights or ACE flags; no
 * INHERIT_ONLY without CONTAINER_INHERIT; no allow ACE with Full Write
 * unless it also allows Partial Write and Provider Write; only known
 * trustee kinds and well-known ids, valid uids and gids, and principals
 * with a realm.  Inherited (ID) ACEs are checked too (SetSD drops them
 * afterwards).  Returns 0, or -1 with WHY (WHY_LEN bytes) saying which
 * ACE (its position, from 1, and its SDDL) breaks which rule.
 */
int sd_validate(const cimrpc_sd *sd, char *why, size_t why_len);

/*
 * The effective descriptor of a namespace whose stored descriptor is
 * CHILD, below a parent whose effective descriptor is PARENT (both
 * borrowed; PARENT NULL for root).  *OUT (overwritten, not freed; must
 * not be PARENT or CHILD) gets CHILD's owner, group and protection, and a
 * DACL of CHILD's explicit ACEs (those without ID, stale inherited ones
 * are dropped) followed, unless CHILD's DACL is protected, by a copy of
 * every ACE of PARENT's DACL (explicit or inherited) with CI.  A copy has
 * ID set and IO cleared; when the original has NP, the copy loses CI and
 * NP, so it goes no further.  Returns 0 (caller frees *OUT with
 * sd_free()), or -1 with *OUT empty and errno ENOMEM, or E2BIG when the
 * result would hold more than CIMRPC_ACES_MAX ACEs.
 */
int sd_inherit(const cimrpc_sd *parent, const cimrpc_sd *child, cimrpc_sd *out);

/* What SetSD keeps of IN (borrowed): everything but the inherited (ID)
 * ACEs, into *OUT (overwritten, not freed; not IN).  Returns 0 (caller
 * frees *OUT with sd_free()), or -1 on allocation failure, *OUT empty. */
int sd_strip_inherited(const cimrpc_sd *in, cimrpc_sd *out);

/* Does trustee T (borrowed) stand for caller C (borrowed)?  The rules are
 * in the comment at the top of this file. */
bool sd_trustee_matches(const cimrpc_trustee *t, const struct sd_caller *c);

/* The rights (CIMRPC_RIGHT_* bits) that EFFECTIVE (an effective
 * descriptor, borrowed) grants caller C (borrowed): canonical order,
 * default deny, IO ACEs skipped.  Unknown mask bits are never returned. */
uint32_t sd_rights(const cimrpc_sd *effective, const struct sd_caller *c);

/* Do trustees A and B (borrowed) name the same trustee?  Kind and id, and
 * for principals the name; display names of users and groups are not
 * compared. */
bool sd_trustee_equal(const cimrpc_trustee *a, const cimrpc_trustee *b);

/* Are A and B (borrowed) the same descriptor, ACE for ACE in order? */
bool sd_equal(const cimrpc_sd *a, const cimrpc_sd *b);

/* The SDDL alias ("WD") and English name ("Everyone") of well-known
 * trustee ID (a cimrpc_well_known), or NULL when there is no such one.
 * Static strings. */
const char *sd_well_known_alias(unsigned int id);
const char *sd_well_known_name(unsigned int id);

/* Why NAME (borrowed) cannot be a principal trustee, or NULL when it can:
 * it must be 1 to CIMRPC_NAME_MAX bytes of valid UTF-8 without control
 * characters or braces, with a realm after its last unescaped '@'
 * ("alice@EXAMPLE.COM").  A static string. */
const char *sd_principal_problem(const char *name);

#endif
