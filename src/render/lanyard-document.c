/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lanyard-badge-code.h"
#include "lanyard-claim.h"
#include "lanyard-document.h"
#include "lanyard-error.h"
#include "lanyard-print.h"

void
lanyard_document_describe_badge (LanyardPrintJob            *job,
                                 const LanyardBadgeTemplate *tmpl,
                                 const LanyardAttendee      *attendee)
{
  g_free (job->document);
  job->document = g_strdup ("badge");
  g_free (job->template_name);
  job->template_name = g_strdup (lanyard_badge_template_get_name (tmpl));
  job->width_pt = lanyard_badge_template_get_width_pt (tmpl);
  job->height_pt = lanyard_badge_template_get_height_pt (tmpl);
  job->badge_version = attendee->badge_version;
  g_free (job->printed_name);
  job->printed_name = lanyard_attendee_dup_display_name (attendee);
}

void
lanyard_document_describe_certificate (LanyardPrintJob          *job,
                                       LanyardPaper              paper,
                                       const LanyardCertificate *certificate)
{
  g_free (job->document);
  job->document = g_strdup ("certificate");
  g_free (job->paper);
  job->paper = g_strdup (lanyard_paper_to_string (paper));
  lanyard_paper_get_size (paper, &job->width_pt, &job->height_pt);
  g_free (job->printed_name);
  job->printed_name = g_strdup (certificate->learner);
}

static gboolean
redraw_badge (LanyardStore           *store,
              const LanyardEvent     *event,
              const LanyardAttendee  *attendee,
              LanyardPrintJob        *job,
              const char             *pdf_path,
              LanyardDocumentFitFunc  fit,
              const char             *language,
              GError                **error)
{
  g_autoptr(LanyardBadgeTemplate) tmpl = NULL;
  g_autoptr(LanyardBadgeKeys) keys = NULL;
  g_autofree char *code = NULL;

  if ((tmpl = lanyard_badge_template_load (job->template_name != NULL ? job->template_name : "4x3",
                                           error)) == NULL
      || (keys = lanyard_badge_keys_load_for_store (store, error)) == NULL)
    return FALSE;
  lanyard_badge_template_set_language (tmpl, language);
  if (fit != NULL)
    fit (tmpl, job->queue);
  if (!keys->has_secret)
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_NO_KEY,
                           _("This device cannot make badges: the signing key is not here."));
      return FALSE;
    }
  if ((code = lanyard_badge_code_encode (keys, event->id, attendee->ticket_code,
                                         attendee->badge_version, error)) == NULL
      || !lanyard_badge_render_pdf (tmpl, event, attendee, code, pdf_path, error))
    return FALSE;
  lanyard_document_describe_badge (job, tmpl, attendee);
  return TRUE;
}

static gboolean
redraw_certificate (LanyardStore          *store,
                    const LanyardEvent    *event,
                    const LanyardAttendee *attendee,
                    LanyardPrintJob       *job,
                    const char            *pdf_path,
                    const char            *language,
                    GError               **error)
{
  g_autoptr(LanyardCertificate) certificate = NULL;
  LanyardPaper paper = LANYARD_PAPER_LETTER;

  if (job->paper != NULL && !lanyard_paper_from_string (job->paper, &paper))
    paper = LANYARD_PAPER_LETTER;
  if ((certificate = lanyard_claim_read_certificate (store, event, attendee, g_get_real_time (), error)) == NULL
      || !lanyard_certificate_render_pdf (event, certificate, paper, g_get_real_time (), language, pdf_path, error))
    return FALSE;
  lanyard_document_describe_certificate (job, paper, certificate);
  return TRUE;
}

gboolean
lanyard_document_redraw (LanyardStore    *store,
                         LanyardPrintJob *job,
                         const char      *pdf_path,
                         GError         **error)
{
  return lanyard_document_redraw_fitted (store, job, pdf_path, NULL, NULL, error);
}

gboolean
lanyard_document_redraw_fitted (LanyardStore           *store,
                                LanyardPrintJob        *job,
                                const char             *pdf_path,
                                LanyardDocumentFitFunc  fit,
                                const char             *language,
                                GError                **error)
{
  g_autoptr(LanyardEvent) event = NULL;
  g_autoptr(LanyardAttendee) attendee = NULL;

  if (job->attendee_id <= 0)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_NOT_FOUND,
                   _("Print job %lld belongs to no registration, so it cannot be drawn again."),
                   (long long) job->id);
      return FALSE;
    }
  if ((event = lanyard_store_load_event (store, error)) == NULL
      || (attendee = lanyard_store_get_attendee (store, job->attendee_id, error)) == NULL)
    return FALSE;
  if (attendee->status == LANYARD_STATUS_CANCELLED)
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA,
                           _("This registration is cancelled, so nothing is printed for it. "
                             "Restore it first."));
      return FALSE;
    }
  if (g_strcmp0 (job->document, "certificate") == 0)
    return redraw_certificate (store, event, attendee, job, pdf_path, language, error);
  return redraw_badge (store, event, attendee, job, pdf_path, fit, language, error);
}

guint
lanyard_document_fit_printer (LanyardBadgeTemplate *tmpl,
                              const char           *queue,
                              guint                 timeout_seconds)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  /* A third: a print service that does not answer leaves the rest of
   * the timeout to record the job and say so. */
  g_autoptr(LanyardPrinterStatus) status = lanyard_printer_get_status (queue, MAX (timeout_seconds / 3, 1), &error);
  gint64 left_us = (gint64) timeout_seconds * G_USEC_PER_SEC - (g_get_monotonic_time () - start);

  if (status == NULL)
    g_debug ("%s not asked for its colour and resolution: %s", queue != NULL ? queue : "default printer",
             error->message);
  else if (status->monochrome)
    lanyard_badge_template_set_monochrome (tmpl, status->dpi > 0 ? status->dpi
                                                                 : lanyard_badge_template_get_dpi (tmpl));
  return left_us >= G_USEC_PER_SEC ? (guint) (left_us / G_USEC_PER_SEC) : 1;
}

/* A retry has no timeout of its own to give the question (a third of
 * this, 5 s); the printer is asked again right after, when the job is
 * sent. */
#define RETRY_FIT_TIMEOUT_S 15

void
lanyard_document_fit_printer_for_retry (LanyardBadgeTemplate *tmpl,
                                        const char           *queue)
{
  lanyard_document_fit_printer (tmpl, queue, RETRY_FIT_TIMEOUT_S);
}

gboolean
lanyard_document_redraw_for_printer (LanyardStore    *store,
                                     LanyardPrintJob *job,
                                     const char      *pdf_path,
                                     GError         **error)
{
  return lanyard_document_redraw_fitted (store, job, pdf_path, lanyard_document_fit_printer_for_retry, NULL, error);
}
