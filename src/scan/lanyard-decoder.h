/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Lanyard's QR reader, built on ZBar. One decoder per thread: it is not
 * thread-safe, and it keeps state between frames (where the last code was,
 * which polarity to try next) so that a steady camera stream stays cheap.
 * A decoder may start one helper thread of its own for hard frames; it is
 * joined in lanyard_decoder_free(). */
typedef struct _LanyardDecoder LanyardDecoder;

LanyardDecoder *lanyard_decoder_new         (void);
void            lanyard_decoder_free        (LanyardDecoder  *self);

/* Decodes one 8-bit grey frame. @stride is the byte distance between rows
 * (≥ @width; GStreamer pads rows). Returns the payload bytes of a QR code
 * (binary-safe: NULs and non-UTF-8 bytes are kept as they were encoded), or
 * %NULL when no code was found. Never takes much more than ~30 ms. */
GBytes         *lanyard_decoder_decode_gray (LanyardDecoder  *self,
                                             const guint8    *pixels,
                                             int              width,
                                             int              height,
                                             int              stride);

/* Reads a PNG/JPEG file (gdk-pixbuf) and decodes it with the same pipeline,
 * trying harder than on a live frame since there is no next frame. Returns
 * %NULL without @error set when the image holds no readable code, %NULL with
 * @error (LANYARD_ERROR_PARSE) when the file could not be read. */
GBytes         *lanyard_decoder_decode_file (LanyardDecoder  *self,
                                             const char      *path,
                                             GError         **error);

/* Like lanyard_decoder_decode_file(), but reads every code the picture
 * holds (a few at most; a code printed inside another's, say): after each
 * code read, its finder patterns are covered and the picture decoded
 * again. Returns the payloads (#GBytes), the first as decode_file() gives
 * it, none when nothing was read; %NULL with @error when the file could
 * not be read. */
GPtrArray      *lanyard_decoder_decode_file_all (LanyardDecoder  *self,
                                                 const char      *path,
                                                 GError         **error);

/* Reads a PNG/JPEG file into 8-bit grey, one byte a pixel, rows without
 * padding (stride = *@width); transparent pixels become white. Returns
 * %NULL with @error (LANYARD_ERROR_PARSE) when the file could not be read.
 * Free with g_free(). */
guint8         *lanyard_decoder_load_gray   (const char      *path,
                                             int             *width,
                                             int             *height,
                                             GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardDecoder, lanyard_decoder_free)

G_END_DECLS
