/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * make-qr TEXT OUT.png — a confirmation e-mail's QR code as a camera would
 * see a phone held up: the code on a white screen in a dark frame. For the
 * kiosk's end-to-end test (no qrencode command on the test machine).
 */
#include "config.h"

#include <cairo.h>
#include <glib.h>
#include <qrencode.h>

#define WIDTH   640
#define HEIGHT  480
#define MODULE  6

int
main (int   argc,
      char *argv[])
{
  cairo_surface_t *surface;
  cairo_t *cr;
  QRcode *qr;
  double x0, y0, side;
  cairo_status_t status;

  if (argc != 3)
    {
      g_printerr ("usage: %s TEXT OUT.png\n", argv[0]);
      return 2;
    }
  qr = QRcode_encodeString (argv[1], 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (qr == NULL)
    {
      g_printerr ("make-qr: cannot encode\n");
      return 1;
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 0.25, 0.27, 0.3);
  cairo_paint (cr);

  side = (qr->width + 8) * MODULE;
  x0 = (WIDTH - side) / 2;
  y0 = (HEIGHT - side) / 2;
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x0, y0, side, side);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int r = 0; r < qr->width; r++)
    for (int c = 0; c < qr->width; c++)
      if (qr->data[r * qr->width + c] & 1)
        cairo_rectangle (cr, x0 + (c + 4) * MODULE, y0 + (r + 4) * MODULE, MODULE, MODULE);
  cairo_fill (cr);

  status = cairo_surface_write_to_png (surface, argv[2]);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  QRcode_free (qr);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_printerr ("make-qr: %s: %s\n", argv[2], cairo_status_to_string (status));
      return 1;
    }
  return 0;
}
