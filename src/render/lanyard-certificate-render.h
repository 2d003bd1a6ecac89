/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CME certificates as PDF, Letter or A4 landscape: learner, activity, format,
 * location, dates, credits claimed per type, and the accreditation and
 * designation statements exactly as the event file has them. What goes on
 * the page is decided by lanyard_certificate_prepare(); this only draws it.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "lanyard-certificate.h"
#include "lanyard-model.h"

G_BEGIN_DECLS

/* language: the certificate's own words in it, the event's, whatever the
 * screen speaks now (lanyard-render-words.h); NULL: the process's. */

typedef enum {
  LANYARD_PAPER_LETTER,
  LANYARD_PAPER_A4,
} LanyardPaper;

gboolean lanyard_paper_from_string          (const char               *text,
                                             LanyardPaper             *out_paper);
/* Landscape: width > height, in points. */
/* "letter" or "a4", as lanyard_paper_from_string reads it. */
const char *lanyard_paper_to_string         (LanyardPaper              paper);
void     lanyard_paper_get_size             (LanyardPaper              paper,
                                             double                   *width_pt,
                                             double                   *height_pt);

void     lanyard_certificate_draw           (cairo_t                  *cr,
                                             double                    width_pt,
                                             double                    height_pt,
                                             const LanyardEvent       *event,
                                             const LanyardCertificate *certificate,
                                             gint64                    issued_at,
                                             const char               *language);
gboolean lanyard_certificate_render_pdf     (const LanyardEvent       *event,
                                             const LanyardCertificate *certificate,
                                             LanyardPaper              paper,
                                             gint64                    issued_at,
                                             const char               *language,
                                             const char               *pdf_path,
                                             GError                  **error);

G_END_DECLS
