/*
 * config_sections_mof.h: schema/config/sections.mof, compiled into the
 * daemon (generated into config_sections_mof.c by schema/embed-mof.py
 * --string), so the section declarations need no file at run time.
 */
#ifndef CIMRPC_CONFIG_SECTIONS_MOF_H
#define CIMRPC_CONFIG_SECTIONS_MOF_H

#include <stddef.h>

/* The file's text, NUL-terminated, and its length without the NUL. */
extern const char config_sections_mof[];
extern const size_t config_sections_mof_len;

#endif
