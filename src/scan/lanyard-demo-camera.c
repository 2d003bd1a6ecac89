/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <qrencode.h>
#include <string.h>

#include "lanyard-demo-camera.h"
#include "lanyard-error.h"

#define FRAME_WIDTH  1280
#define FRAME_HEIGHT 720

/* A phone held up to the camera: a dark surround, a white screen, the code
 * in the middle of the screen with a generous quiet zone. @qr NULL draws
 * the empty screen shown between codes. */
static void
draw_frame (cairo_t      *cr,
            const QRcode *qr)
{
  const double screen_w = 420, screen_h = 640;
  const double sx = (FRAME_WIDTH - screen_w) / 2, sy = (FRAME_HEIGHT - screen_h) / 2;
  const double r = 36;

  cairo_set_source_rgb (cr, 0.18, 0.19, 0.21);
  cairo_paint (cr);

  cairo_new_sub_path (cr);
  cairo_arc (cr, sx + screen_w - r, sy + r, r, -G_PI / 2, 0);
  cairo_arc (cr, sx + screen_w - r, sy + screen_h - r, r, 0, G_PI / 2);
  cairo_arc (cr, sx + r, sy + screen_h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, sx + r, sy + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);

  if (qr != NULL)
    {
      /* whole pixels per module keep the edges crisp; 4 modules quiet zone */
      int module = MAX (1, (int) ((screen_w - 40) / (qr->width + 8)));
      int size = module * qr->width;
      int x0 = (FRAME_WIDTH - size) / 2, y0 = (FRAME_HEIGHT - size) / 2;

      for (int y = 0; y < qr->width; y++)
        for (int x = 0; x < qr->width; x++)
          if (qr->data[y * qr->width + x] & 1)
            cairo_rectangle (cr, x0 + x * module, y0 + y * module, module, module);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_fill (cr);
    }
}

static gboolean
write_frame (const char  *path,
             const char  *code,
             GError     **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  QRcode *qr = NULL;
  cairo_status_t status;

  if (code != NULL)
    {
      qr = QRcode_encodeString (code, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
      if (qr == NULL)
        {
          g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA,
                       _("The demo code “%s” cannot be made into a QR code."), code);
          return FALSE;
        }
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, FRAME_WIDTH, FRAME_HEIGHT);
  cr = cairo_create (surface);
  draw_frame (cr, qr);
  cairo_destroy (cr);
  status = cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);
  if (qr != NULL)
    QRcode_free (qr);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_FAILED,
                   _("The demo camera could not write its pictures to %s."), path);
      return FALSE;
    }
  return TRUE;
}

char *
lanyard_demo_camera_source_description (GPtrArray   *codes,
                                        const char  *dir,
                                        GError     **error)
{
  g_autofree char *pattern = NULL;
  g_autofree char *quoted = NULL;
  guint n = 0;

  g_return_val_if_fail (codes != NULL, NULL);
  g_return_val_if_fail (dir != NULL, NULL);

  if (codes->len == 0)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA,
                   _("The demo camera has no codes to show."));
      return NULL;
    }

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_FAILED,
                   _("The demo camera could not create the folder %s."), dir);
      return NULL;
    }

  /* code, empty, code, empty…: the empty screen lets each code leave the
   * view, so the next round counts it again. */
  for (guint i = 0; i < codes->len; i++)
    {
      for (guint blank = 0; blank < 2; blank++)
        {
          g_autofree char *name = g_strdup_printf ("demo-%03u.png", n++);
          g_autofree char *path = g_build_filename (dir, name, NULL);

          if (!write_frame (path, blank ? NULL : g_ptr_array_index (codes, i), error))
            return NULL;
        }
    }

  /* multifilesrc reads the pictures in a loop, pngdec stamps them at one
   * per LANYARD_DEMO_CAMERA_SECONDS_PER_FRAME, and videorate repeats each
   * for a camera-like 10 fps so the preview and the decoder keep getting
   * frames. */
  pattern = g_build_filename (dir, "demo-%03d.png", NULL);
  quoted = g_strescape (pattern, NULL);
  return g_strdup_printf ("multifilesrc location=\"%s\" loop=true"
                          " caps=image/png,framerate=1/%d"
                          " ! pngdec ! videorate ! video/x-raw,framerate=10/1",
                          quoted, LANYARD_DEMO_CAMERA_SECONDS_PER_FRAME);
}
