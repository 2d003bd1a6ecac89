/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <qrencode.h>
#include <string.h>

#include "lanyard-camera.h"
#include "lanyard-demo-camera.h"

/* Only a test that would otherwise hang fails on this. */
#define HANG_TIMEOUT_S 60

typedef struct {
  GPtrArray *codes;        /* of GBytes, in order */
  GArray    *states;       /* LanyardCameraState, every change */
  guint      frames;
  GBytes    *last_frame;
  int        width, height, stride;
  gboolean   stop_on_code;
} Watch;

static void
on_frame (LanyardCamera *camera,
          GBytes        *rgb,
          int            width,
          int            height,
          int            stride,
          Watch         *w)
{
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (stride, >=, width * 3);
  g_assert_cmpuint (g_bytes_get_size (rgb), >=, (gsize) stride * (height - 1) + width * 3);
  w->frames++;
  g_clear_pointer (&w->last_frame, g_bytes_unref);
  w->last_frame = g_bytes_ref (rgb);
  w->width = width;
  w->height = height;
  w->stride = stride;
}

static void
on_code (LanyardCamera *camera,
         GBytes        *code,
         Watch         *w)
{
  g_ptr_array_add (w->codes, g_bytes_ref (code));
  if (w->stop_on_code)
    lanyard_camera_stop (camera);
}

static void
on_state (LanyardCamera *camera,
          GParamSpec    *pspec,
          Watch         *w)
{
  LanyardCameraState state = lanyard_camera_get_state (camera);

  g_test_message ("state %d (%s)", state, lanyard_camera_get_message (camera));
  g_array_append_val (w->states, state);
}

static void
watch_init (Watch         *w,
            LanyardCamera *camera)
{
  memset (w, 0, sizeof *w);
  w->codes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  w->states = g_array_new (FALSE, FALSE, sizeof (LanyardCameraState));
  g_signal_connect (camera, "frame", G_CALLBACK (on_frame), w);
  g_signal_connect (camera, "code", G_CALLBACK (on_code), w);
  g_signal_connect (camera, "notify::state", G_CALLBACK (on_state), w);
}

static void
watch_clear (Watch *w)
{
  g_ptr_array_unref (w->codes);
  g_array_unref (w->states);
  g_clear_pointer (&w->last_frame, g_bytes_unref);
}

static gboolean
timed_out (gpointer data)
{
  g_error ("timed out waiting for %s", (const char *) data);
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @done (checked after every event). */
#define WAIT_UNTIL(cond) \
  G_STMT_START { \
    guint _id = g_timeout_add_seconds (HANG_TIMEOUT_S, timed_out, (gpointer) #cond); \
    while (!(cond)) \
      g_main_context_iteration (NULL, TRUE); \
    g_source_remove (_id); \
  } G_STMT_END

static gboolean
saw_state (Watch              *w,
           LanyardCameraState  state,
           guint               from)
{
  for (guint i = from; i < w->states->len; i++)
    if (g_array_index (w->states, LanyardCameraState, i) == state)
      return TRUE;
  return FALSE;
}

/* A QR code on white, with a red square in the top-left corner so mirroring
 * shows. */
static char *
write_code_png (const char   *dir,
                const char   *name,
                const guint8 *payload,
                gsize         len,
                int           width,
                int           height)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  QRcode *qr = QRcode_encodeData ((int) len, payload, 0, QR_ECLEVEL_M);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  int module, x0, y0;

  g_assert_nonnull (qr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_rectangle (cr, 0, 0, 16, 16);
  cairo_fill (cr);

  module = MIN (width, height) * 7 / 10 / qr->width;
  x0 = (width - module * qr->width) / 2;
  y0 = (height - module * qr->width) / 2;
  for (int y = 0; y < qr->width; y++)
    for (int x = 0; x < qr->width; x++)
      if (qr->data[y * qr->width + x] & 1)
        cairo_rectangle (cr, x0 + x * module, y0 + y * module, module, module);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_fill (cr);

  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  QRcode_free (qr);
  return g_steal_pointer (&path);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
assert_code (GBytes       *code,
             const guint8 *expected,
             gsize         len)
{
  g_assert_cmpmem (g_bytes_get_data (code, NULL), g_bytes_get_size (code), expected, len);
}

static void
test_code_once_and_mirrored (gconstpointer data)
{
  const int *size = data;
  /* binary-safe: a NUL and a byte that is not UTF-8 */
  static const guint8 payload[] = "LANYARD-TEST\0\xff-0001";
  g_autofree char *dir = g_dir_make_tmp ("lanyard-camera-XXXXXX", NULL);
  g_autofree char *png = write_code_png (dir, "code.png", payload, sizeof payload - 1,
                                      size[0], size[1]);
  g_autofree char *desc = g_strdup_printf ("filesrc location=%s ! pngdec ! imagefreeze", png);
  LanyardCamera *camera = lanyard_camera_new (desc);
  const guint8 *px;
  guint frames_at_code;
  Watch w;

  watch_init (&w, camera);
  g_assert_cmpint (lanyard_camera_get_state (camera), ==, LANYARD_CAMERA_STOPPED);
  lanyard_camera_start (camera);

  WAIT_UNTIL (w.codes->len > 0);
  g_assert_cmpint (lanyard_camera_get_state (camera), ==, LANYARD_CAMERA_RUNNING);
  g_assert_null (lanyard_camera_get_message (camera));
  assert_code (g_ptr_array_index (w.codes, 0), payload, sizeof payload - 1);

  /* The code stays in view for many more frames: it must not count again. */
  frames_at_code = w.frames;
  WAIT_UNTIL (w.frames >= frames_at_code + 60);
  g_assert_cmpuint (w.codes->len, ==, 1);

  /* The preview is 640 pixels wide, in the frame's proportions, and
   * mirrored: the red corner is now top right. */
  g_assert_cmpint (w.width, ==, 640);
  g_assert_cmpint (ABS (w.height - size[1] * 640 / size[0]), <=, 1);
  px = g_bytes_get_data (w.last_frame, NULL);
  {
    const guint8 *right = px + 4 * w.stride + (w.width - 5) * 3;
    const guint8 *left = px + 4 * w.stride + 4 * 3;

    g_assert_cmpuint (right[0], >, 200);
    g_assert_cmpuint (right[1], <, 60);
    g_assert_cmpuint (right[2], <, 60);
    g_assert_cmpuint (left[0], >, 200);
    g_assert_cmpuint (left[1], >, 200);
    g_assert_cmpuint (left[2], >, 200);
  }

  lanyard_camera_stop (camera);
  g_assert_cmpint (lanyard_camera_get_state (camera), ==, LANYARD_CAMERA_STOPPED);
  g_assert_finalize_object (camera);
  watch_clear (&w);
  remove_dir (dir);
}

static void
test_no_code (void)
{
  LanyardCamera *camera = lanyard_camera_new ("videotestsrc pattern=ball ! video/x-raw,width=640,height=480,framerate=30/1");
  Watch w;

  watch_init (&w, camera);
  lanyard_camera_start (camera);
  WAIT_UNTIL (w.frames >= 45);
  g_assert_cmpint (lanyard_camera_get_state (camera), ==, LANYARD_CAMERA_RUNNING);
  g_assert_cmpuint (w.codes->len, ==, 0);

  /* dropping the last reference while running tears everything down */
  g_assert_finalize_object (camera);
  watch_clear (&w);
}

static void
test_failing_then_working (gconstpointer data)
{
  const char *bad = data;
  LanyardCamera *camera = lanyard_camera_new (bad);
  guint mark;
  Watch w;

  watch_init (&w, camera);
  lanyard_camera_set_retry_interval (camera, 1);
  lanyard_camera_start (camera);
  WAIT_UNTIL (lanyard_camera_get_state (camera) == LANYARD_CAMERA_UNAVAILABLE);
  g_assert_nonnull (lanyard_camera_get_message (camera));
  g_assert_true (g_str_has_suffix (lanyard_camera_get_message (camera),
                                   "You can still find yourself by name."));
  g_assert_cmpuint (w.frames, ==, 0);

  /* It keeps retrying (and keeps failing) without leaving UNAVAILABLE. */
  mark = w.states->len;
  /* the camera comes back: */
  lanyard_camera_set_source_description (camera, "videotestsrc ! video/x-raw,width=320,height=240");
  WAIT_UNTIL (lanyard_camera_get_state (camera) == LANYARD_CAMERA_RUNNING);
  g_assert_false (saw_state (&w, LANYARD_CAMERA_STARTING, mark));
  g_assert_null (lanyard_camera_get_message (camera));
  WAIT_UNTIL (w.frames >= 3);

  lanyard_camera_stop (camera);
  g_assert_finalize_object (camera);
  watch_clear (&w);
}

static void
test_default_source (void)
{
  g_autoptr(GDir) dev = g_dir_open ("/dev", 0, NULL);
  const char *name;
  LanyardCamera *camera;

  while (dev != NULL && (name = g_dir_read_name (dev)) != NULL)
    if (g_str_has_prefix (name, "video"))
      {
        g_test_skip ("this machine has a webcam");
        return;
      }

  /* no /dev/video*: says so at once, without a pipeline */
  camera = lanyard_camera_new (NULL);
  g_assert_cmpstr (lanyard_camera_get_source_description (camera), ==, "v4l2src");
  lanyard_camera_start (camera);
  g_assert_cmpint (lanyard_camera_get_state (camera), ==, LANYARD_CAMERA_UNAVAILABLE);
  g_assert_cmpstr (lanyard_camera_get_message (camera), ==,
                   "No camera found. You can still find yourself by name.");
  lanyard_camera_stop (camera);
  g_assert_finalize_object (camera);
}

static void
test_unplugged_mid_stream (void)
{
  /* The source ends after 20 frames, like a camera pulled out; each retry
   * gets 20 more frames. */
  LanyardCamera *camera = lanyard_camera_new ("videotestsrc num-buffers=20 ! video/x-raw,width=320,height=240,framerate=30/1");
  guint mark, frames;
  Watch w;

  watch_init (&w, camera);
  lanyard_camera_set_retry_interval (camera, 1);
  lanyard_camera_start (camera);
  WAIT_UNTIL (saw_state (&w, LANYARD_CAMERA_RUNNING, 0));
  WAIT_UNTIL (lanyard_camera_get_state (camera) == LANYARD_CAMERA_UNAVAILABLE);
  g_assert_nonnull (lanyard_camera_get_message (camera));
  mark = w.states->len;
  frames = w.frames;
  WAIT_UNTIL (saw_state (&w, LANYARD_CAMERA_RUNNING, mark));
  /* and pictures again */
  WAIT_UNTIL (w.frames > frames);

  lanyard_camera_stop (camera);
  g_assert_finalize_object (camera);
  watch_clear (&w);
}

static void
test_stop_in_handler (void)
{
  static const guint8 payload[] = "STOP-ME";
  g_autofree char *dir = g_dir_make_tmp ("lanyard-camera-XXXXXX", NULL);
  g_autofree char *png = write_code_png (dir, "code.png", payload, sizeof payload - 1, 320, 240);
  g_autofree char *desc = g_strdup_printf ("filesrc location=%s ! pngdec ! imagefreeze", png);
  LanyardCamera *camera = lanyard_camera_new (desc);
  guint frames;
  Watch w;

  watch_init (&w, camera);
  w.stop_on_code = TRUE;
  lanyard_camera_start (camera);
  WAIT_UNTIL (w.codes->len > 0);
  g_assert_cmpint (lanyard_camera_get_state (camera), ==, LANYARD_CAMERA_STOPPED);
  frames = w.frames;
  /* nothing is left to be delivered */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (w.frames, ==, frames);
  g_assert_cmpuint (w.codes->len, ==, 1);

  /* and it starts again */
  w.stop_on_code = FALSE;
  lanyard_camera_start (camera);
  WAIT_UNTIL (w.codes->len > 1);

  g_assert_finalize_object (camera);
  watch_clear (&w);
  remove_dir (dir);
}

static void
test_demo_camera (void)
{
  const char *codes[] = { "LY1-DEMO-ALICE", "LY1-DEMO-BOB", "TICKET-0003" };
  g_autofree char *dir = g_dir_make_tmp ("lanyard-demo-XXXXXX", NULL);
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *desc = NULL;
  LanyardCamera *camera;
  Watch w;

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    g_ptr_array_add (list, (gpointer) codes[i]);
  desc = lanyard_demo_camera_source_description (list, dir, &error);
  g_assert_no_error (error);
  g_test_message ("demo camera: %s", desc);

  camera = lanyard_camera_new (desc);
  watch_init (&w, camera);
  lanyard_camera_start (camera);
  /* every code in turn, then the first again: the empty screen between
   * rounds let it leave the view */
  WAIT_UNTIL (w.codes->len >= G_N_ELEMENTS (codes) + 1);
  for (guint i = 0; i <= G_N_ELEMENTS (codes); i++)
    {
      const char *expected = codes[i % G_N_ELEMENTS (codes)];
      assert_code (g_ptr_array_index (w.codes, i), (const guint8 *) expected, strlen (expected));
    }
  /* 1280×720 pictures, previewed 640 pixels wide */
  g_assert_cmpint (w.width, ==, 640);
  g_assert_cmpint (w.height, ==, 360);

  lanyard_camera_stop (camera);
  g_assert_finalize_object (camera);
  watch_clear (&w);
  remove_dir (dir);
}

static void
test_demo_camera_errors (void)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *desc = NULL;

  desc = lanyard_demo_camera_source_description (none, "/nonexistent-dir", &error);
  g_assert_null (desc);
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  static const int even[] = { 640, 480 };
  static const int odd[] = { 642, 481 };  /* GStreamer pads these rows */

  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/camera/code-once-and-mirrored", even, test_code_once_and_mirrored);
  g_test_add_data_func ("/camera/code-once-and-mirrored-padded-rows", odd,
                        test_code_once_and_mirrored);
  g_test_add_func ("/camera/no-code", test_no_code);
  g_test_add_data_func ("/camera/missing-device-then-working",
                        "v4l2src device=/dev/video99", test_failing_then_working);
  g_test_add_data_func ("/camera/missing-file-then-working",
                        "filesrc location=/nonexistent/code.png ! pngdec ! imagefreeze",
                        test_failing_then_working);
  g_test_add_data_func ("/camera/bad-description-then-working",
                        "no-such-element ! imagefreeze", test_failing_then_working);
  /* opens, then never sends a picture (a stalled driver): the watchdog */
  g_test_add_data_func ("/camera/no-pictures-then-working",
                        "videotestsrc is-live=true ! valve drop=true", test_failing_then_working);
  g_test_add_func ("/camera/default-source-without-webcam", test_default_source);
  g_test_add_func ("/camera/unplugged-mid-stream", test_unplugged_mid_stream);
  g_test_add_func ("/camera/stop-in-handler", test_stop_in_handler);
  g_test_add_func ("/camera/demo", test_demo_camera);
  g_test_add_func ("/camera/demo-errors", test_demo_camera_errors);

  return g_test_run ();
}
