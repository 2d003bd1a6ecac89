/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A recorded print job's document: what it says it printed, and drawing it
 * again from the store for a retry (LanyardPrintRedrawFunc in
 * lanyard-print.h). A retry never resends the first try's PDF: the badge
 * may have been replaced, the name corrected or the registration cancelled
 * since.
 */
#pragma once

#include <glib.h>

#include "lanyard-badge.h"
#include "lanyard-certificate-render.h"
#include "lanyard-store.h"

G_BEGIN_DECLS

/* Sets document, template_name, page size, badge_version and printed_name. */
void     lanyard_document_describe_badge       (LanyardPrintJob            *job,
                                                const LanyardBadgeTemplate *tmpl,
                                                const LanyardAttendee      *attendee);
/* Sets document, paper, page size and printed_name. */
void     lanyard_document_describe_certificate (LanyardPrintJob            *job,
                                                LanyardPaper                paper,
                                                const LanyardCertificate   *certificate);

/* Draws job's badge or certificate into pdf_path from what store says now
 * (the attendee's current name and badge version; credits, claims and the
 * evaluation as recorded now) on the job's template or paper, and describes
 * it in job. Refused (LANYARD_ERROR_INVALID_DATA) for a cancelled
 * registration. */
gboolean lanyard_document_redraw               (LanyardStore               *store,
                                                LanyardPrintJob            *job,
                                                const char                 *pdf_path,
                                                GError                    **error);

/* Fits a badge's template to the printer it goes to (queue NULL = the
 * default), e.g. lanyard_badge_template_set_monochrome. */
typedef void (*LanyardDocumentFitFunc) (LanyardBadgeTemplate *tmpl,
                                        const char           *queue);
/* lanyard_document_redraw, with the badge's template passed to fit first,
 * and the document's words in @language (the event's; NULL: the
 * process's, as lanyard_document_redraw draws them). */
gboolean lanyard_document_redraw_fitted        (LanyardStore               *store,
                                                LanyardPrintJob            *job,
                                                const char                 *pdf_path,
                                                LanyardDocumentFitFunc      fit,
                                                const char                 *language,
                                                GError                    **error);

/* For a monochrome printer (queue NULL = the default), draws tmpl for it:
 * solid black and white at the printer's resolution (the template's own
 * when the printer does not say), lanyard_badge_template_set_monochrome.
 * A colour printer, or one that cannot be asked within a third of
 * timeout_seconds, gets the colour badge; printing it then says what is
 * wrong. Asks the printer, so it blocks: lanyardctl, or the desk's worker
 * thread. Returns what is left of timeout_seconds (at least 1) for
 * printing the badge, so that asking and printing keep to one timeout. */
guint    lanyard_document_fit_printer          (LanyardBadgeTemplate       *tmpl,
                                                const char                 *queue,
                                                guint                       timeout_seconds);
/* lanyard_document_fit_printer for a retry (a LanyardDocumentFitFunc),
 * which has no timeout of its own to give. */
void     lanyard_document_fit_printer_for_retry (LanyardBadgeTemplate      *tmpl,
                                                 const char                *queue);
/* lanyard_document_redraw for a retry (LanyardPrintRedrawFunc), the badge
 * fitted to the job's printer (its queue, as the retry overrides it) as
 * above, in the process's language (lanyardctl's; the kiosk and the desk
 * use lanyard_document_job_redraw, in the event's). */
gboolean lanyard_document_redraw_for_printer   (LanyardStore               *store,
                                                LanyardPrintJob            *job,
                                                const char                 *pdf_path,
                                                GError                    **error);

G_END_DECLS
