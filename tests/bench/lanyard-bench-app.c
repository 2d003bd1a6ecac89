/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "lanyard-bench-app.h"

gboolean
lanyard_bench_env_get (const char      *name,
                       LanyardBenchEnv *env)
{
  env->ctl = g_getenv ("LANYARDCTL");
  env->make_qr = g_getenv ("LANYARD_MAKE_QR");
  env->src = g_getenv ("LANYARD_SOURCE_DIR");
  if (env->ctl == NULL || env->make_qr == NULL || env->src == NULL || g_getenv ("DISPLAY") == NULL)
    {
      printf ("%s: needs LANYARDCTL, LANYARD_MAKE_QR, LANYARD_SOURCE_DIR and a display (run it through meson)\n",
              name);
      return FALSE;
    }
  return TRUE;
}

void
lanyard_bench_run (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s", argv[0], error->message);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

void
lanyard_bench_sort (GArray *values)
{
  g_array_sort (values, compare_doubles);
}

void
lanyard_bench_write_frame (const char *path,
                           const char *code_png)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1280, 720);
  cairo_t *cr = cairo_create (s);
  cairo_pattern_t *p = cairo_pattern_create_linear (0, 0, 1280, 720);

  cairo_pattern_add_color_stop_rgb (p, 0, 0.2, 0.3, 0.4);
  cairo_pattern_add_color_stop_rgb (p, 1, 0.8, 0.7, 0.5);
  cairo_set_source (cr, p);
  cairo_paint (cr);
  if (code_png != NULL)
    {
      cairo_surface_t *code = cairo_image_surface_create_from_png (code_png);
      int w = cairo_image_surface_get_width (code), h = cairo_image_surface_get_height (code);

      cairo_set_source_surface (cr, code, (1280 - w) / 2, (720 - h) / 2);
      cairo_paint (cr);
      cairo_surface_destroy (code);
    }
  cairo_surface_write_to_png (s, path);
  cairo_pattern_destroy (p);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

void
lanyard_bench_switch_camera (LanyardCamera *camera,
                             const char    *source)
{
  lanyard_camera_stop (camera);
  lanyard_camera_set_source_description (camera, source);
  lanyard_camera_start (camera);
}

void
lanyard_bench_copy_db (const char *from,
                       const char *to)
{
  const char *suffixes[] = { "", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *f = g_strconcat (from, suffixes[i], NULL);
      g_autofree char *t = g_strconcat (to, suffixes[i], NULL);
      g_autoptr(GFile) src = g_file_new_for_path (f);
      g_autoptr(GFile) dst = g_file_new_for_path (t);
      g_autoptr(GError) error = NULL;

      if (g_file_test (f, G_FILE_TEST_EXISTS) && !g_file_copy (src, dst, G_FILE_COPY_NONE, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
    }
}

void
lanyard_bench_remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}
