/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Camera benchmark: CPU used by the kiosk's camera pipeline and decoder
 * thread while previewing 1280×720 at 30 fps, and the time from
 * lanyard_camera_start() to the first frame and the first code. The frames
 * come through the same pipeline a webcam feeds: a 720p JPEG decoded every
 * frame (as a webcam's MJPEG is), a code held up in it. GTK's texture upload
 * and drawing are not included (no display here). A tool, not a gate: it
 * prints figures and exits 0. */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "lanyard-camera.h"
#include "lanyard-demo-camera.h"

static int opt_seconds = 10;

static GOptionEntry entries[] = {
  { "seconds", 0, 0, G_OPTION_ARG_INT, &opt_seconds, "How long each run lasts", "N" },
  { NULL }
};

typedef struct {
  gint64 start;
  gint64 first_frame;
  gint64 first_code;
  guint  frames;
  guint  codes;
  gboolean done;
} Run;

static void
on_frame (LanyardCamera *camera,
          GBytes        *rgb,
          int            width,
          int            height,
          int            stride,
          Run           *run)
{
  if (run->frames++ == 0)
    run->first_frame = g_get_monotonic_time ();
}

static void
on_code (LanyardCamera *camera,
         GBytes        *code,
         Run           *run)
{
  if (run->codes++ == 0)
    run->first_code = g_get_monotonic_time ();
}

static gboolean
stop_run (gpointer data)
{
  ((Run *) data)->done = TRUE;
  return G_SOURCE_REMOVE;
}

static double
cpu_seconds (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
         ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static void
bench (const char *name,
       const char *description)
{
  LanyardCamera *camera = lanyard_camera_new (description);
  Run run = { 0 };
  double cpu0, cpu1;
  gint64 t1;

  g_signal_connect (camera, "frame", G_CALLBACK (on_frame), &run);
  g_signal_connect (camera, "code", G_CALLBACK (on_code), &run);

  cpu0 = cpu_seconds ();
  run.start = g_get_monotonic_time ();
  lanyard_camera_start (camera);
  g_timeout_add_seconds (opt_seconds, stop_run, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  t1 = g_get_monotonic_time ();
  cpu1 = cpu_seconds ();

  printf ("%-12s %5.2f cores  %5.1f fps shown  first frame %6.1f ms  first code ",
          name,
          (cpu1 - cpu0) / ((t1 - run.start) / 1e6),
          run.frames / ((t1 - run.start) / 1e6),
          run.frames ? (run.first_frame - run.start) / 1e3 : -1.0);
  if (run.codes > 0)
    printf ("%6.1f ms (%u counted)\n", (run.first_code - run.start) / 1e3, run.codes);
  else
    printf ("none\n");
  lanyard_camera_stop (camera);
  g_object_unref (camera);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- camera benchmark");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lanyard-bench-camera-XXXXXX", NULL);
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autofree char *demo = NULL;
  g_autofree char *png = NULL;
  g_autofree char *jpeg = NULL;
  g_autofree char *mjpeg = NULL;
  g_autofree char *still = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *empty_png = NULL;
  g_autofree char *empty_jpeg = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  /* one 720p frame with a badge code held up, as the demo camera draws it */
  g_ptr_array_add (codes, (gpointer) "LY1.EVT2026.A00042.V1.5mGq0Yx3Lr8TzB1KfW9nH2sJ4dQ7cV6uA");
  demo = lanyard_demo_camera_source_description (codes, dir, &error);
  g_assert_no_error (error);
  png = g_build_filename (dir, "demo-000.png", NULL);
  jpeg = g_build_filename (dir, "frame.jpg", NULL);
  pixbuf = gdk_pixbuf_new_from_file (png, &error);
  g_assert_no_error (error);
  gdk_pixbuf_save (pixbuf, jpeg, "jpeg", &error, "quality", "85", NULL);
  g_assert_no_error (error);

  /* the same scene with nothing held up */
  empty_png = g_build_filename (dir, "demo-001.png", NULL);
  empty_jpeg = g_build_filename (dir, "empty.jpg", NULL);
  g_clear_object (&pixbuf);
  pixbuf = gdk_pixbuf_new_from_file (empty_png, &error);
  g_assert_no_error (error);
  gdk_pixbuf_save (pixbuf, empty_jpeg, "jpeg", &error, "quality", "85", NULL);
  g_assert_no_error (error);
  empty = g_strdup_printf ("multifilesrc location=%s loop=true"
                           " caps=image/jpeg,framerate=30/1 ! jpegdec", empty_jpeg);

  mjpeg = g_strdup_printf ("multifilesrc location=%s loop=true"
                           " caps=image/jpeg,framerate=30/1 ! jpegdec", jpeg);
  still = g_strdup_printf ("filesrc location=%s ! pngdec"
                           " ! imagefreeze ! video/x-raw,framerate=30/1", png);

  printf ("1280×720 at 30 fps for %d s each; CPU = user+system of the whole process\n",
          opt_seconds);
  bench ("mjpeg+code", mjpeg);
  bench ("png+code", still);
  bench ("mjpeg-empty", empty);
  bench ("test-pattern", "videotestsrc pattern=smpte"
                    " ! video/x-raw,width=1280,height=720,framerate=30/1");

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("demo-%03u.png", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_unlink (jpeg);
  g_unlink (empty_jpeg);
  g_rmdir (dir);
  return 0;
}
