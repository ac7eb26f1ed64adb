/*
 * rights.h: WMI namespace access rights, with WMI's own values.
 *
 * These bits make up the access mask of a security descriptor's ACEs and
 * the "rights" of a procedure in the dispatch table.  Values and meanings
 * are WMI's exactly (REFERENCE.md, "WMI namespace access rights").
 */
#ifndef CIMRPC_RIGHTS_H
#define CIMRPC_RIGHTS_H

#define CIMRPC_RIGHT_ENABLE          0x00001u /* WBEM_ENABLE, SDDL CC */
#define CIMRPC_RIGHT_METHOD_EXECUTE  0x00002u /* WBEM_METHOD_EXECUTE, DC */
#define CIMRPC_RIGHT_FULL_WRITE      0x00004u /* WBEM_FULL_WRITE_REP, LC */
#define CIMRPC_RIGHT_PARTIAL_WRITE   0x00008u /* WBEM_PARTIAL_WRITE_REP, SW */
#define CIMRPC_RIGHT_WRITE_PROVIDER  0x00010u /* WBEM_WRITE_PROVIDER, RP */
#define CIMRPC_RIGHT_REMOTE_ENABLE   0x00020u /* WBEM_REMOTE_ACCESS, WP */
#define CIMRPC_RIGHT_SUBSCRIBE       0x00040u /* WBEM_RIGHT_SUBSCRIBE, DT */
#define CIMRPC_RIGHT_PUBLISH         0x00080u /* WBEM_RIGHT_PUBLISH, LO */
#define CIMRPC_RIGHT_READ_CONTROL    0x20000u /* READ_CONTROL, RC */
#define CIMRPC_RIGHT_WRITE_DAC       0x40000u /* WRITE_DAC, WD */

#define CIMRPC_RIGHTS_ALL (CIMRPC_RIGHT_ENABLE | CIMRPC_RIGHT_METHOD_EXECUTE | \
    CIMRPC_RIGHT_FULL_WRITE | CIMRPC_RIGHT_PARTIAL_WRITE |                    \
    CIMRPC_RIGHT_WRITE_PROVIDER | CIMRPC_RIGHT_REMOTE_ENABLE |                \
    CIMRPC_RIGHT_SUBSCRIBE | CIMRPC_RIGHT_PUBLISH |                           \
    CIMRPC_RIGHT_READ_CONTROL | CIMRPC_RIGHT_WRITE_DAC)

#endif
