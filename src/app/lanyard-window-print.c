/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The confirmed badge: the check-in is recorded, the badge is drawn into
 * the kept-documents folder (in a worker thread), sent to the printer and
 * followed; "badge printed" goes into the scan log when it is done. A
 * failed print stays recorded as a job for the desk to retry.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <string.h>

#include "lanyard-badge.h"
#include "lanyard-checkin.h"
#include "lanyard-error.h"
#include "lanyard-print.h"
#include "lanyard-window-private.h"

typedef struct {
  const LanyardEvent *event;     /* the application's */
  LanyardAttendee    *attendee;
  char               *badge_code;
  char               *template_name;
  char               *pdf_path;
  double              width_pt;
  double              height_pt;
} RenderData;

static void
render_data_free (RenderData *data)
{
  lanyard_attendee_free (data->attendee);
  g_free (data->badge_code);
  g_free (data->template_name);
  g_free (data->pdf_path);
  g_free (data);
}

static void
print_failed (LanyardWindow *self,
              const char    *why)
{
  self->printing = FALSE;
  if (self->flow == NULL)
    return;
  lanyard_kiosk_flow_print_failed (self->flow, why, g_get_monotonic_time ());
  lanyard_window_show_flow (self);
}

static void
log_printed (LanyardWindow         *self,
             const LanyardAttendee *attendee)
{
  LanyardCheckinRequest request = {
    .action = LANYARD_CHECKIN_BADGE_PRINTED,
    .device = lanyard_kiosk_config_get_device (self->config),
  };
  g_autoptr(LanyardCheckinResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = lanyard_checkin_perform (self->store, self->event, self->keys,
                                    (const guint8 *) attendee->ticket_code, strlen (attendee->ticket_code),
                                    &request, &error);
  if (result == NULL)
    g_printerr ("lanyard: could not log the printed badge: %s\n", error->message);
}

static void
on_printed (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(LanyardWindow) self = user_data;
  g_autoptr(LanyardPrintJob) job = NULL;
  g_autoptr(GError) error = NULL;
  const LanyardAttendee *attendee;

  (void) source;
  if (!lanyard_print_job_run_finish (res, &job, &error))
    {
      print_failed (self, job != NULL && job->error != NULL ? job->error : error->message);
      return;
    }
  self->printing = FALSE;
  if (self->flow == NULL)
    return;
  attendee = lanyard_kiosk_flow_get_attendee (self->flow);
  if (attendee != NULL)
    log_printed (self, attendee);
  lanyard_kiosk_flow_print_done (self->flow, g_get_monotonic_time ());
  lanyard_window_show_flow (self);
}

static void
render_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  RenderData *data = task_data;
  g_autoptr(LanyardBadgeTemplate) template = NULL;
  GError *error = NULL;

  (void) source;
  (void) cancellable;
  template = lanyard_badge_template_load (data->template_name, &error);
  if (template == NULL
      || !lanyard_badge_render_pdf (template, data->event, data->attendee, data->badge_code,
                                    data->pdf_path, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  data->width_pt = lanyard_badge_template_get_width_pt (template);
  data->height_pt = lanyard_badge_template_get_height_pt (template);
  g_task_return_boolean (task, TRUE);
}

static void
on_rendered (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  LanyardWindow *self = LANYARD_WINDOW (source);
  RenderData *data = g_task_get_task_data (G_TASK (res));
  g_autoptr(LanyardPrintJob) job = NULL;
  g_autoptr(GError) error = NULL;

  (void) user_data;
  if (!g_task_propagate_boolean (G_TASK (res), &error))
    {
      g_printerr ("lanyard: badge: %s\n", error->message);
      print_failed (self, _("The badge could not be drawn."));
      return;
    }
  job = lanyard_print_job_new ();
  job->attendee_id = data->attendee->id;
  job->document = g_strdup ("badge");
  job->queue = g_strdup (self->config->printer);
  job->pdf_path = g_strdup (data->pdf_path);
  lanyard_print_job_run_async (self->store, job, data->width_pt, data->height_pt,
                               self->config->print_timeout_seconds, self->cancellable,
                               on_printed, g_object_ref (self));
}

static char *
new_pdf_path (GError **error)
{
  g_autofree char *dir = lanyard_print_dup_kept_dir ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *name = g_strconcat ("badge-", uuid, ".pdf", NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PRINTER, "%s: %s", dir, g_strerror (errno));
      return NULL;
    }
  return g_build_filename (dir, name, NULL);
}

void
lanyard_window_start_print (LanyardWindow *self)
{
  const LanyardAttendee *attendee = lanyard_kiosk_flow_get_attendee (self->flow);
  LanyardCheckinRequest request = {
    .action = LANYARD_CHECKIN_EVENT,
    .device = lanyard_kiosk_config_get_device (self->config),
  };
  g_autoptr(LanyardCheckinResult) result = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  RenderData *data;

  if (attendee == NULL || self->printing)
    return;

  /* Now it counts: the check-in is recorded before the badge exists. Had
   * another device checked this person in meanwhile, say so instead. */
  result = lanyard_checkin_perform (self->store, self->event, self->keys,
                                    (const guint8 *) attendee->ticket_code, strlen (attendee->ticket_code),
                                    &request, &error);
  if (result == NULL)
    {
      g_printerr ("lanyard: check-in: %s\n", error->message);
      print_failed (self, _("The kiosk could not record your check-in."));
      return;
    }
  if (result->outcome != LANYARD_OUTCOME_CHECKED_IN)
    {
      lanyard_kiosk_flow_print_refused (self->flow, result, g_get_monotonic_time ());
      lanyard_window_show_flow (self);
      return;
    }

  data = g_new0 (RenderData, 1);
  data->event = self->event;
  data->attendee = lanyard_attendee_copy (attendee);
  data->template_name = g_strdup (self->config->badge_template);
  if (self->keys == NULL || !self->keys->has_secret)
    g_set_error (&error, LANYARD_ERROR, LANYARD_ERROR_NO_KEY, "no badge signing key on this device");
  else
    data->badge_code = lanyard_badge_code_encode (self->keys, self->event->id, attendee->ticket_code,
                                                  attendee->badge_version, &error);
  if (data->badge_code != NULL)
    data->pdf_path = new_pdf_path (&error);
  if (data->pdf_path == NULL)
    {
      g_printerr ("lanyard: badge: %s\n", error->message);
      render_data_free (data);
      print_failed (self, _("This kiosk cannot make badges right now."));
      return;
    }

  self->printing = TRUE;
  task = g_task_new (self, self->cancellable, on_rendered, NULL);
  g_task_set_source_tag (task, lanyard_window_start_print);
  g_task_set_task_data (task, data, (GDestroyNotify) render_data_free);
  g_task_run_in_thread (task, render_in_thread);
}
