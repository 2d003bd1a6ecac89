/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* QR code Model 1, the first QR code (1994, ISO 18004:2000 annex M): no
 * alignment pattern, its format information masked with 0x2825 where a
 * Model 2 code uses 0x5412, and its codewords laid out in 2 × 4 and 4 × 2
 * blocks. ZBar reads only Model 2, so the decoder samples such a code's
 * modules itself and hands them here (private to src/scan).
 *
 * @modules is @size × @size bytes, row by row, nonzero for a dark module;
 * @size is 21…73 (versions 1 to 14). Mirrored codes are read too. Returns
 * the payload's bytes as ZBar's binary mode gives them (Kanji as Shift-JIS
 * pairs), or %NULL when the modules are no Model 1 code or hold more errors
 * than its Reed–Solomon blocks correct. */
GBytes *lanyard_qr_model1_read (const guint8 *modules,
                                int           size);

/* Corrects one Reed–Solomon block in place (QR's field, GF(256) over
 * x⁸ + x⁴ + x³ + x² + 1, roots α⁰ …): @n codewords of which the last @n_ec
 * are error correction. Returns the number of codewords corrected, or −1
 * when the block holds more errors than that can correct. */
int      lanyard_rs_correct     (guint8       *block,
                                 int           n,
                                 int           n_ec);

G_END_DECLS
