/*
 * fuzz.h: the entry point every fuzz target in tests/fuzz/ defines.
 *
 * Each fuzz-*.c file defines LLVMFuzzerTestOneInput() once.  It is linked
 * either with libFuzzer (clang -fsanitize=fuzzer, "make fuzz") or with
 * replay.c, which runs it over a corpus without clang ("make check").  A
 * target returns 0 for every input; it calls abort() only when the code
 * under test breaks one of its own promises (a round trip that does not
 * hold), so that both drivers report it as a crash.
 */
#ifndef CIMRPC_FUZZ_H
#define CIMRPC_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
