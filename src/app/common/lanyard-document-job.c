/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lanyard-badge.h"
#include "lanyard-document.h"
#include "lanyard-document-job.h"
#include "lanyard-error.h"
#include "lanyard-language.h"
#include "lanyard-print.h"

typedef struct {
  /* what to draw */
  LanyardEvent       *event;        /* a reference: the device's event may be reloaded meanwhile */
  LanyardAttendee    *attendee;     /* a badge */
  char               *badge_code;
  char               *template_name;
  LanyardCertificate *certificate;  /* or a certificate */
  LanyardPaper        paper;
  const char         *language;     /* its words in the event's language, not this attendee's */
  /* where it goes */
  LanyardStore       *store;
  gint64              attendee_id;
  char               *queue;
  guint               timeout_seconds;
  char               *pdf_path;
  LanyardPrintJob    *described;    /* what was drawn (template or paper, size, version, name) */
  LanyardPrintJob    *job;          /* the final record */
} JobData;

static void
job_data_free (JobData *data)
{
  g_clear_pointer (&data->event, lanyard_event_unref);
  g_clear_pointer (&data->attendee, lanyard_attendee_free);
  g_free (data->badge_code);
  g_free (data->template_name);
  g_clear_pointer (&data->certificate, lanyard_certificate_free);
  g_clear_object (&data->store);
  g_free (data->queue);
  g_free (data->pdf_path);
  g_clear_pointer (&data->described, lanyard_print_job_free);
  g_clear_pointer (&data->job, lanyard_print_job_free);
  g_free (data);
}

/* The language the program started in: the event's. The kiosk's language
 * button switches the screens (and gettext) for one attendee; what is
 * printed for them stays in the event's language. */
static const char *
event_language (void)
{
  return lanyard_language_get_default ()->code;
}

gboolean
lanyard_document_job_redraw (LanyardStore    *store,
                             LanyardPrintJob *job,
                             const char      *pdf_path,
                             GError         **error)
{
  return lanyard_document_redraw_fitted (store, job, pdf_path, lanyard_document_fit_printer_for_retry,
                                         event_language (), error);
}

static void
draw_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  JobData *data = task_data;
  GError *error = NULL;

  data->described = lanyard_print_job_new ();
  if (data->certificate != NULL)
    {
      if (!lanyard_certificate_render_pdf (data->event, data->certificate, data->paper, g_get_real_time (),
                                           data->language, data->pdf_path, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      lanyard_document_describe_certificate (data->described, data->paper, data->certificate);
    }
  else
    {
      g_autoptr(LanyardBadgeTemplate) template = lanyard_badge_template_load (data->template_name, &error);

      if (template != NULL)
        {
          lanyard_badge_template_set_language (template, data->language);
          /* on_drawn prints within what is left of the timeout */
          data->timeout_seconds = lanyard_document_fit_printer (template, data->queue, data->timeout_seconds);
        }
      if (template == NULL
          || !lanyard_badge_render_pdf (template, data->event, data->attendee, data->badge_code,
                                        data->pdf_path, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      lanyard_document_describe_badge (data->described, template, data->attendee);
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_printed (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  JobData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (lanyard_print_job_run_finish (res, &data->job, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_drawn (GObject      *source,
          GAsyncResult *res,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  JobData *data = g_task_get_task_data (task);
  g_autoptr(LanyardPrintJob) job = NULL;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (res), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  job = g_steal_pointer (&data->described);
  job->attendee_id = data->attendee_id;
  job->queue = g_strdup (data->queue);
  job->pdf_path = g_strdup (data->pdf_path);
  lanyard_print_job_run_async (data->store, job, job->width_pt, job->height_pt, data->timeout_seconds,
                               g_task_get_cancellable (task), on_printed, g_object_ref (task));
}

/* The outer task returns once printed; the inner one only draws. */
static void
start (JobData             *data,
       GCancellable        *cancellable,
       GAsyncReadyCallback  callback,
       gpointer             user_data,
       gpointer             source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GTask) draw = NULL;
  GError *error = NULL;

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) job_data_free);
  data->pdf_path = lanyard_print_new_kept_path (data->certificate != NULL ? "certificate" : "badge", &error);
  if (data->pdf_path == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  draw = g_task_new (NULL, cancellable, on_drawn, task);
  g_task_set_task_data (draw, data, NULL);
  g_task_run_in_thread (draw, draw_in_thread);
}

static JobData *
job_data_new (LanyardStore       *store,
              const LanyardEvent *event,
              gint64              attendee_id,
              const char         *queue,
              guint               timeout_seconds)
{
  JobData *data = g_new0 (JobData, 1);

  data->store = g_object_ref (store);
  data->event = lanyard_event_ref (event);
  data->attendee_id = attendee_id;
  data->queue = g_strdup (queue);
  data->timeout_seconds = timeout_seconds;
  data->language = event_language ();
  return data;
}

void
lanyard_badge_job_run_async (LanyardStore           *store,
                             const LanyardEvent     *event,
                             const LanyardBadgeKeys *keys,
                             const LanyardAttendee  *attendee,
                             const char             *template_name,
                             const char             *queue,
                             guint                   timeout_seconds,
                             GCancellable           *cancellable,
                             GAsyncReadyCallback     callback,
                             gpointer                user_data)
{
  JobData *data = job_data_new (store, event, attendee->id, queue, timeout_seconds);
  GError *error = NULL;

  data->attendee = lanyard_attendee_copy (attendee);
  data->template_name = g_strdup (template_name != NULL ? template_name : "4x3");
  if (keys == NULL || !keys->has_secret)
    g_set_error_literal (&error, LANYARD_ERROR, LANYARD_ERROR_NO_KEY,
                         _("This device cannot make badges: the signing key is not here."));
  else
    data->badge_code = lanyard_badge_code_encode (keys, event->id, attendee->ticket_code,
                                                  attendee->badge_version, &error);
  if (data->badge_code == NULL)
    {
      g_task_report_error (NULL, callback, user_data, lanyard_badge_job_run_async, error);
      job_data_free (data);
      return;
    }
  start (data, cancellable, callback, user_data, lanyard_badge_job_run_async);
}

void
lanyard_certificate_job_run_async (LanyardStore        *store,
                                   const LanyardEvent  *event,
                                   gint64               attendee_id,
                                   LanyardCertificate  *certificate,
                                   LanyardPaper         paper,
                                   const char          *queue,
                                   guint                timeout_seconds,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  JobData *data = job_data_new (store, event, attendee_id, queue, timeout_seconds);

  data->certificate = certificate;
  data->paper = paper;
  start (data, cancellable, callback, user_data, lanyard_certificate_job_run_async);
}

gboolean
lanyard_document_job_finish (GAsyncResult     *result,
                             LanyardPrintJob **out_job,
                             GError          **error)
{
  JobData *data = g_task_get_task_data (G_TASK (result));

  if (out_job != NULL)
    *out_job = data != NULL ? g_steal_pointer (&data->job) : NULL;
  return g_task_propagate_boolean (G_TASK (result), error);
}
