/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The confirmed badge: the check-in is recorded, then the badge is drawn,
 * printed and followed as the desk's are (lanyard-document-job.h); "badge
 * printed" goes into the scan log when it is done. A failed print stays
 * recorded as a job for the desk to retry.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lanyard-checkin.h"
#include "lanyard-document-job.h"
#include "lanyard-error.h"
#include "lanyard-kiosk-window-private.h"

static void
print_failed (LanyardKioskWindow *self,
              const char    *why)
{
  self->printing = FALSE;
  if (self->flow == NULL)
    return;
  lanyard_kiosk_flow_print_failed (self->flow, why, g_get_monotonic_time ());
  _lanyard_kiosk_window_show_flow (self);
}

static void
log_printed (LanyardKioskWindow         *self,
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
    g_message ("Could not log the printed badge: %s", error->message);
}

static void
on_printed (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(LanyardKioskWindow) self = user_data;
  g_autoptr(LanyardPrintJob) job = NULL;
  g_autoptr(GError) error = NULL;
  const LanyardAttendee *attendee;

  if (!lanyard_document_job_finish (res, &job, &error))
    {
      /* No job record: the badge was never drawn (no key, no folder, a
       * broken template); otherwise the printer's own words. */
      if (job == NULL)
        {
          g_message ("Badge: %s", error->message);
          print_failed (self, g_error_matches (error, LANYARD_ERROR, LANYARD_ERROR_NO_KEY)
                                || g_error_matches (error, LANYARD_ERROR, LANYARD_ERROR_PRINTER)
                                ? _("This kiosk cannot make badges right now.")
                                : _("The badge could not be drawn."));
        }
      else
        print_failed (self, job->error != NULL ? job->error : error->message);
      return;
    }
  self->printing = FALSE;
  if (self->flow == NULL)
    return;
  attendee = lanyard_kiosk_flow_get_attendee (self->flow);
  if (attendee != NULL)
    log_printed (self, attendee);
  lanyard_kiosk_flow_print_done (self->flow, g_get_monotonic_time ());
  _lanyard_kiosk_window_show_flow (self);
}

void
_lanyard_kiosk_window_start_print (LanyardKioskWindow *self)
{
  const LanyardAttendee *attendee = lanyard_kiosk_flow_get_attendee (self->flow);
  LanyardCheckinRequest request = {
    .action = LANYARD_CHECKIN_EVENT,
    .device = lanyard_kiosk_config_get_device (self->config),
  };
  g_autoptr(LanyardCheckinResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (attendee == NULL || self->printing)
    return;

  /* Now it counts: the check-in is recorded before the badge exists. Had
   * another device checked this person in meanwhile, say so instead. */
  result = lanyard_checkin_perform (self->store, self->event, self->keys,
                                    (const guint8 *) attendee->ticket_code, strlen (attendee->ticket_code),
                                    &request, &error);
  if (result == NULL)
    {
      g_message ("Check-in: %s", error->message);
      print_failed (self, _("The kiosk could not record your check-in."));
      return;
    }
  if (result->outcome != LANYARD_OUTCOME_CHECKED_IN)
    {
      lanyard_kiosk_flow_print_refused (self->flow, result, g_get_monotonic_time ());
      _lanyard_kiosk_window_show_flow (self);
      return;
    }

  self->printing = TRUE;
  lanyard_badge_job_run_async (self->store, self->event, self->keys, attendee, self->config->badge_template,
                               self->config->printer, self->config->print_timeout_seconds, self->cancellable,
                               on_printed, g_object_ref (self));
}
