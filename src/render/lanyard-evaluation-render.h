/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The evaluation summary as a document, for people who would rather look
 * than read: a bar chart for each scale and choice question (how many gave
 * each answer, the mean), the free text listed. Letter pages, cairo and
 * Pango; a PNG of the first page for a quick look.
 */
#pragma once

#include <glib.h>

#include "lanyard-model.h"
#include "lanyard-report.h"

G_BEGIN_DECLS

gboolean lanyard_evaluation_render_pdf (const LanyardEvent            *event,
                                        const LanyardEvaluationReport *report,
                                        const char                    *pdf_path,
                                        GError                       **error);
gboolean lanyard_evaluation_render_png (const LanyardEvent            *event,
                                        const LanyardEvaluationReport *report,
                                        const char                    *png_path,
                                        GError                       **error);

G_END_DECLS
