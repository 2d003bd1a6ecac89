/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the benchmarks of the program (bench-kiosk.c, bench-door.c) share:
 * their environment, running lanyardctl and make-qr, a webcam's frame as a
 * PNG, sorting figures, and the scratch folder.
 */
#pragma once

#include <glib.h>

#include "lanyard-camera.h"

G_BEGIN_DECLS

typedef struct {
  const char *ctl;       /* $LANYARDCTL */
  const char *make_qr;   /* $LANYARD_MAKE_QR */
  const char *src;       /* $LANYARD_SOURCE_DIR */
} LanyardBenchEnv;

/* FALSE (said on standard output) when not run through meson on a display. */
gboolean lanyard_bench_env_get       (const char      *name,
                                      LanyardBenchEnv *env);
/* Runs @argv (NULL-terminated) to the end; a failure ends the benchmark. */
void     lanyard_bench_run           (const char *const *argv);
/* Sorts an array of doubles, smallest first. */
void     lanyard_bench_sort          (GArray          *values);
/* A webcam's 1280×720 frame as a PNG at @path: a scene, with the code at
 * @code_png held up in the middle (or nobody there, for %NULL). */
void     lanyard_bench_write_frame   (const char      *path,
                                      const char      *code_png);
/* Puts @source before @camera: stopped, switched, started again. */
void     lanyard_bench_switch_camera (LanyardCamera   *camera,
                                      const char      *source);
/* Copies the database @from (and its WAL, if any) to @to. */
void     lanyard_bench_copy_db       (const char      *from,
                                      const char      *to);
/* Removes @dir and the files in it. */
void     lanyard_bench_remove_tree   (const char      *dir);

G_END_DECLS
