/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A badge or a certificate for one attendee, from the desk: drawn into the
 * kept-documents folder on a worker thread, then printed and followed
 * (lanyard-print.h). The print job is recorded in the store whatever the
 * printer does, so a failure can be retried from the status page.
 */
#pragma once

#include <gio/gio.h>

#include "lanyard-badge.h"
#include "lanyard-badge-code.h"
#include "lanyard-certificate-render.h"
#include "lanyard-store.h"

G_BEGIN_DECLS

void     lanyard_badge_job_run_async       (LanyardStore           *store,
                                            const LanyardEvent     *event,
                                            const LanyardBadgeKeys *keys,
                                            const LanyardAttendee  *attendee,
                                            const char             *template_name,
                                            const char             *queue,
                                            guint                   timeout_seconds,
                                            GCancellable           *cancellable,
                                            GAsyncReadyCallback     callback,
                                            gpointer                user_data);
/* @certificate: taken (from lanyard_certificate_prepare). */
void     lanyard_certificate_job_run_async (LanyardStore           *store,
                                            const LanyardEvent     *event,
                                            gint64                  attendee_id,
                                            LanyardCertificate     *certificate,
                                            LanyardPaper            paper,
                                            const char             *queue,
                                            guint                   timeout_seconds,
                                            GCancellable           *cancellable,
                                            GAsyncReadyCallback     callback,
                                            gpointer                user_data);
/* lanyard_document_redraw for the kiosk's and the desk's retries
 * (LanyardPrintRedrawFunc): the badge fitted to the job's printer
 * (lanyard_document_fit_printer), its words in the event's language
 * whatever the screen speaks now. */
gboolean lanyard_document_job_redraw       (LanyardStore           *store,
                                            LanyardPrintJob        *job,
                                            const char             *pdf_path,
                                            GError                **error);
/* TRUE when the printer finished the job. @out_job (optional): the final
 * record, also on failure once it was recorded. */
gboolean lanyard_document_job_finish       (GAsyncResult           *result,
                                            LanyardPrintJob       **out_job,
                                            GError                **error);

G_END_DECLS
