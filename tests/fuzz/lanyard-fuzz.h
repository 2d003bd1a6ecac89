/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the fuzz targets share. Each target is one LLVMFuzzerTestOneInput:
 * built with -Dfuzz=true it links libFuzzer's main (-fsanitize=fuzzer); in
 * an ordinary build it links fuzz-replay.c instead, which runs the seed
 * corpus and the regression inputs through it once, as a test.
 */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

G_BEGIN_DECLS

int   LLVMFuzzerTestOneInput (const uint8_t *data,
                              size_t         size);

/* A folder of the target's own for the whole run, removed at exit. */
const char *lanyard_fuzz_tmpdir (void);

/* A file of the source tree (data/demo/…), read once; aborts if missing. */
char       *lanyard_fuzz_read_source (const char *relative,
                                      gsize      *length);

/* A message for people: valid UTF-8 (it is shown on a screen, logged,
 * translated). Prints it escaped before failing. */
void        lanyard_fuzz_assert_message (const GError *error);

/* GLib messages at @levels (criticals, warnings) end the run with abort(),
 * so libFuzzer keeps the input: a fatal GLib message ends it with SIGTRAP,
 * which libFuzzer does not catch, and the input is lost. */
void        lanyard_fuzz_abort_on (GLogLevelFlags levels);

G_END_DECLS
