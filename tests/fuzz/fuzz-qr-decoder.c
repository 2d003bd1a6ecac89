/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The QR decoder on small grey frames: the first two bytes give the width
 * and height (1–96 pixels each), the third the row padding (stride − width,
 * 0–7), the rest are the pixels (missing ones are white). One decoder for
 * the whole run, as on a camera: it keeps state between frames.
 */
#include "config.h"

#include <string.h>

#include "lanyard-decoder.h"
#include "lanyard-fuzz.h"

static LanyardDecoder *decoder;

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree guint8 *pixels = NULL;
  g_autoptr(GBytes) code = NULL;
  int width, height, stride;
  gsize n;

  if (decoder == NULL)
    {
      lanyard_fuzz_abort_on (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      decoder = lanyard_decoder_new ();
    }
  if (size < 3)
    return 0;
  width = 1 + data[0] % 96;
  height = 1 + data[1] % 96;
  stride = width + data[2] % 8;
  n = (gsize) stride * height;
  pixels = g_malloc (n);
  memset (pixels, 0xff, n);
  memcpy (pixels, data + 3, MIN (n, size - 3));

  code = lanyard_decoder_decode_gray (decoder, pixels, width, height, stride);
  if (code != NULL)
    g_assert_cmpuint (g_bytes_get_size (code), >, 0);
  return 0;
}
