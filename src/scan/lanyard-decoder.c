/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <zbar.h>
#include <string.h>

#include "lanyard-error.h"
#include "lanyard-decoder.h"

struct _LanyardDecoder
{
  zbar_image_scanner_t *scanner;
  zbar_image_t         *image;
  guint8               *buf;
  gsize                 buf_len;
};

LanyardDecoder *
lanyard_decoder_new (void)
{
  LanyardDecoder *self = g_new0 (LanyardDecoder, 1);

  self->scanner = zbar_image_scanner_create ();
  zbar_image_scanner_set_config (self->scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
  zbar_image_scanner_set_config (self->scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
  zbar_image_scanner_set_config (self->scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);
  self->image = zbar_image_create ();
  zbar_image_set_format (self->image, zbar_fourcc ('Y', '8', '0', '0'));
  return self;
}

void
lanyard_decoder_free (LanyardDecoder *self)
{
  if (self == NULL)
    return;
  zbar_image_destroy (self->image);
  zbar_image_scanner_destroy (self->scanner);
  g_free (self->buf);
  g_free (self);
}

GBytes *
lanyard_decoder_decode_gray (LanyardDecoder *self,
                             const guint8   *pixels,
                             int             width,
                             int             height,
                             int             stride)
{
  const zbar_symbol_t *sym;
  int w4;

  g_return_val_if_fail (self != NULL, NULL);
  if (pixels == NULL || width <= 0 || height <= 0 || stride < width)
    return NULL;

  w4 = (stride + 3) & ~3;
  if (self->buf_len < (gsize) w4 * height)
    {
      g_free (self->buf);
      self->buf_len = (gsize) w4 * height;
      self->buf = g_malloc (self->buf_len);
    }
  for (int y = 0; y < height; y++)
    {
      memcpy (self->buf + (gsize) y * w4, pixels + (gsize) y * stride, width);
      memset (self->buf + (gsize) y * w4 + width, 0xff, w4 - width);
    }
  zbar_image_set_size (self->image, w4, height);
  zbar_image_set_data (self->image, self->buf, (unsigned long) w4 * height, NULL);
  if (zbar_scan_image (self->scanner, self->image) <= 0)
    return NULL;
  sym = zbar_image_first_symbol (self->image);
  if (sym == NULL)
    return NULL;
  return g_bytes_new (zbar_symbol_get_data (sym), zbar_symbol_get_data_length (sym));
}

GBytes *
lanyard_decoder_decode_file (LanyardDecoder  *self,
                             const char      *path,
                             GError         **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *gray = NULL;
  const guint8 *src;
  int w, h, rs, nc;

  pixbuf = gdk_pixbuf_new_from_file (path, &local_error);
  if (pixbuf == NULL)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE,
                   _("The image “%s” could not be read: %s"), path, local_error->message);
      return NULL;
    }
  w = gdk_pixbuf_get_width (pixbuf);
  h = gdk_pixbuf_get_height (pixbuf);
  rs = gdk_pixbuf_get_rowstride (pixbuf);
  nc = gdk_pixbuf_get_n_channels (pixbuf);
  src = gdk_pixbuf_read_pixels (pixbuf);
  gray = g_malloc ((gsize) w * h);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guint8 *p = src + (gsize) y * rs + (gsize) x * nc;
        gray[(gsize) y * w + x] = (guint8) ((p[0] * 77 + p[1] * 150 + p[2] * 29) >> 8);
      }
  return lanyard_decoder_decode_gray (self, gray, w, h, w);
}
