/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The confirmed badge: the check-in is recorded, then the badge is drawn,
 * printed and followed as the desk's are (lanyard-document-job.h); "badge
 * printed" goes into the scan log when it is done. A failed print stays
 * recorded (failed, or submitted and waiting in a printer out of labels):
 * it waits, and is retried by itself once the printer says it is back —
 * the same record, and the retry first asks CUPS what became of it, so it
 * cannot print twice —
 * unless staff cancelled it from the desk meanwhile. The printer is asked
 * how it is every few seconds; the welcome page says when it has a problem.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lanyard-document.h"
#include "lanyard-checkin.h"
#include "lanyard-document-job.h"
#include "lanyard-error.h"
#include "lanyard-print.h"
#include "lanyard-store-work.h"
#include "lanyard-kiosk-window-private.h"

static void show_printer_problem (LanyardKioskWindow *self,
                                  const char         *problem);

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

/* The kiosk's lines in the scan log, written on a worker thread with a
 * connection of its own (lanyard-store-work.h): a database another process
 * holds a moment (an import, a backup, rows from the hub) must not freeze
 * the kiosk. The check-in before the badge is waited for (had another
 * device checked this person in meanwhile, the kiosk says so instead);
 * "badge printed" and "badge waiting" are written while the kiosk goes
 * on. */
typedef struct {
  LanyardCheckinAction action;
  LanyardEvent        *event;
  LanyardBadgeKeys    *keys;         /* a copy, or NULL */
  char                *ticket_code;
  char                *device;
  gint64               attendee_id;
  char                *waiting;      /* a waiting badge's reason, instead of @action */
} CheckIn;

static void
check_in_free (CheckIn *check_in)
{
  lanyard_event_unref (check_in->event);
  lanyard_badge_keys_free (check_in->keys);
  g_free (check_in->ticket_code);
  g_free (check_in->device);
  g_free (check_in->waiting);
  g_free (check_in);
}

static CheckIn *
check_in_new (LanyardKioskWindow    *self,
              const LanyardAttendee *attendee,
              LanyardCheckinAction   action)
{
  CheckIn *check_in = g_new0 (CheckIn, 1);

  check_in->action = action;
  check_in->event = lanyard_event_ref (self->event);
  check_in->keys = self->keys != NULL ? g_memdup2 (self->keys, sizeof *self->keys) : NULL;
  check_in->ticket_code = g_strdup (attendee != NULL ? attendee->ticket_code : NULL);
  check_in->device = g_strdup (lanyard_context_get_device (self->context));
  check_in->attendee_id = attendee != NULL ? attendee->id : 0;
  return check_in;
}

static gpointer
record_check_in (LanyardStore  *store,
                 gpointer       data,
                 GError       **error)
{
  CheckIn *check_in = data;
  LanyardCheckinRequest request = {
    .action = check_in->action,
    .device = check_in->device,
  };
  g_autoptr(LanyardAttendee) attendee = NULL;

  if (check_in->waiting != NULL)
    {
      lanyard_checkin_record_badge_waiting (store, check_in->attendee_id, check_in->device, check_in->waiting, error);
      return NULL;
    }
  if (check_in->ticket_code == NULL)
    {
      if ((attendee = lanyard_store_get_attendee (store, check_in->attendee_id, error)) == NULL)
        return NULL;
      check_in->ticket_code = g_strdup (attendee->ticket_code);
    }
  return lanyard_checkin_perform (store, check_in->event, check_in->keys, (const guint8 *) check_in->ticket_code,
                                  strlen (check_in->ticket_code), &request, error);
}

/* "badge printed", "badge waiting": nothing to show, a failure only said */
static void
on_logged (gpointer      owner,
           gpointer      result,
           const GError *error,
           gpointer      data)
{
  g_autoptr(LanyardCheckinResult) logged = result;

  if (error != NULL)
    g_message ("Badge: %s", error->message);
}

static void
log_async (LanyardKioskWindow *self,
           CheckIn            *check_in)
{
  lanyard_store_work_async (self->store, self, record_check_in, (GDestroyNotify) lanyard_checkin_result_free,
                            on_logged, check_in, (GDestroyNotify) check_in_free, NULL);
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
        {
          /* It waits for the printer, and the kiosk says the printer has
           * a problem until it says otherwise. */
          if (self->waiting_jobs != NULL)
            g_array_append_val (self->waiting_jobs, job->id);
          /* in the log, so the desk (here or on another device) sees it
           * waits, and may say not to print it */
          if (job->attendee_id > 0)
            {
              CheckIn *waiting = check_in_new (self, NULL, LANYARD_CHECKIN_EVENT);

              waiting->attendee_id = job->attendee_id;
              waiting->waiting = g_strdup (job->error != NULL ? job->error : error->message);
              log_async (self, waiting);
            }
          show_printer_problem (self, job->error != NULL ? job->error : error->message);
          self->printing = FALSE;
          if (self->flow == NULL)
            return;
          lanyard_kiosk_flow_print_waits (self->flow, job->error != NULL ? job->error : error->message,
                                          g_get_monotonic_time ());
          _lanyard_kiosk_window_show_flow (self);
        }
      return;
    }
  self->printing = FALSE;
  if (self->flow == NULL)
    return;
  attendee = lanyard_kiosk_flow_get_attendee (self->flow);
  if (attendee != NULL)
    log_async (self, check_in_new (self, attendee, LANYARD_CHECKIN_BADGE_PRINTED));
  lanyard_kiosk_flow_print_done (self->flow, g_get_monotonic_time ());
  _lanyard_kiosk_window_show_flow (self);
}

/* Now it counts: the check-in is recorded before the badge exists. */
static void
on_checked_in (gpointer      owner,
               gpointer      result,
               const GError *error,
               gpointer      data)
{
  LanyardKioskWindow *self = owner;
  g_autoptr(LanyardCheckinResult) checked = result;
  CheckIn *check_in = data;
  const LanyardAttendee *attendee = self->flow != NULL ? lanyard_kiosk_flow_get_attendee (self->flow) : NULL;

  self->printing = FALSE;
  /* the kiosk is still on this person's printing page (nothing else
   * leaves it while it prints) */
  if (attendee == NULL || attendee->id != check_in->attendee_id)
    return;
  if (checked == NULL)
    {
      g_message ("Check-in: %s", error != NULL ? error->message : "no result");
      print_failed (self, _("The kiosk could not record your check-in."));
      return;
    }
  if (checked->outcome != LANYARD_OUTCOME_CHECKED_IN)
    {
      lanyard_kiosk_flow_print_refused (self->flow, checked, g_get_monotonic_time ());
      _lanyard_kiosk_window_show_flow (self);
      return;
    }

  self->printing = TRUE;
  lanyard_badge_job_run_async (self->store, self->event, self->keys, attendee, self->config->badge_template,
                               self->config->printer, self->config->print_timeout_seconds, self->cancellable,
                               on_printed, g_object_ref (self));
}

void
_lanyard_kiosk_window_start_print (LanyardKioskWindow *self)
{
  const LanyardAttendee *attendee = lanyard_kiosk_flow_get_attendee (self->flow);
  CheckIn *check_in;

  if (attendee == NULL || self->printing)
    return;
  /* printing from here: the check-in first */
  self->printing = TRUE;
  check_in = check_in_new (self, attendee, LANYARD_CHECKIN_EVENT);
  lanyard_store_work_async (self->store, self, record_check_in, (GDestroyNotify) lanyard_checkin_result_free,
                            on_checked_in, check_in, (GDestroyNotify) check_in_free, NULL);
}

/* ------------------------------------------------------------------ */
/* The printer's state, and the badges that wait for it                 */

static void
show_printer_problem (LanyardKioskWindow *self,
                      const char         *problem)
{
  g_autofree char *words = NULL;

  if (g_strcmp0 (problem, self->printer_problem) == 0)
    return;
  g_free (self->printer_problem);
  self->printer_problem = g_strdup (problem);
  if (problem != NULL)
    /* Translators: %s is the printer's problem, "The printer is out of labels" */
    words = g_strdup_printf (_("Badges cannot be printed here right now (%s). You can still check in: "
                               "your badge prints here once the printer is fixed, or see the registration desk."),
                             problem);
  lanyard_welcome_page_set_printer_message (self->welcome_page, words);
}

static void retry_next (LanyardKioskWindow *self);

static void
on_retried (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(LanyardKioskWindow) self = user_data;
  g_autoptr(LanyardPrintJob) job = NULL;
  g_autoptr(GError) error = NULL;

  self->retrying = FALSE;
  if (!lanyard_print_job_retry_finish (res, &job, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Still not printing: it waits for the next time. */
      show_printer_problem (self, job != NULL && job->error != NULL ? job->error : error->message);
      return;
    }
  if (self->waiting_jobs != NULL && self->waiting_jobs->len > 0)
    g_array_remove_index (self->waiting_jobs, 0);
  if (job->attendee_id > 0)
    {
      /* whose code the worker reads */
      CheckIn *printed = check_in_new (self, NULL, LANYARD_CHECKIN_BADGE_PRINTED);

      printed->attendee_id = job->attendee_id;
      log_async (self, printed);
    }
  retry_next (self);
}

/* A badge printed for @job's attendee since @job was made (at the desk,
 * as a new job), or the desk said not to print it: the waiting one must
 * not print. */
static gboolean
settled_since (LanyardKioskWindow    *self,
               const LanyardPrintJob *job)
{
  g_autoptr(GPtrArray) scans = NULL;

  if (job->attendee_id <= 0)
    return FALSE;
  scans = lanyard_store_list_scans (self->store, job->attendee_id, NULL);
  for (guint i = 0; scans != NULL && i < scans->len; i++)
    {
      const LanyardScan *scan = g_ptr_array_index (scans, i);

      if ((scan->kind == LANYARD_SCAN_BADGE_PRINTED || scan->kind == LANYARD_SCAN_BADGE_REPRINTED ||
           scan->kind == LANYARD_SCAN_BADGE_CANCELLED)
          && scan->at >= job->created_at)
        return TRUE;
    }
  return FALSE;
}

/* The first waiting badge, unless it was cancelled, or printed, or a badge
 * was printed for the person another way meanwhile, or the desk said not
 * to print it: sent again as the same record. */
static void
retry_next (LanyardKioskWindow *self)
{
  while (!self->retrying && self->waiting_jobs != NULL && self->waiting_jobs->len > 0)
    {
      gint64 id = g_array_index (self->waiting_jobs, gint64, 0);
      g_autoptr(LanyardPrintJob) job = lanyard_store_get_print_job (self->store, id, NULL);

      /* FAILED, SUBMITTED and waiting at the printer (out of labels), or
       * left PENDING by a kill: the retry asks CUPS what became of it
       * before it sends anything */
      if (job == NULL || job->state == LANYARD_JOB_COMPLETED || job->state == LANYARD_JOB_CANCELLED
          || settled_since (self, job))
        {
          g_array_remove_index (self->waiting_jobs, 0);
          continue;
        }
      self->retrying = TRUE;
      /* drawn again from the record as it is now (lanyard-document.h) */
      lanyard_print_job_retry_async (self->store, id, NULL, FALSE, lanyard_document_job_redraw,
                                     self->config->print_timeout_seconds, self->cancellable, on_retried,
                                     g_object_ref (self));
    }
}

/* A printer's state is asked for now and then: a stuck print service must
 * not hold the question long. */
#define STATUS_TIMEOUT_SECONDS 5

static void
get_status_in_thread (GTask        *task,
                      gpointer      source,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  LanyardPrinterStatus *status = lanyard_printer_get_status (task_data, STATUS_TIMEOUT_SECONDS, &error);

  if (status == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, status, (GDestroyNotify) lanyard_printer_status_free);
}

static void
free_weak_ref (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* The window is held weakly while CUPS is asked: closing it need not
 * wait for an answer. */
static void
on_status (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(LanyardKioskWindow) self = g_weak_ref_get (user_data);
  g_autoptr(LanyardPrinterStatus) status = g_task_propagate_pointer (G_TASK (res), NULL);

  free_weak_ref (user_data);
  if (self == NULL)
    return;
  self->printer_checking = FALSE;
  if (status == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  if (status->state == LANYARD_PRINTER_STOPPED || status->state == LANYARD_PRINTER_UNREACHABLE
      || (status->message != NULL && status->is_error) || !status->accepting)
    show_printer_problem (self, status->message != NULL ? status->message : _("The printer is stopped"));
  else if (!self->printing)
    {
      show_printer_problem (self, NULL);
      retry_next (self);
    }
}

static gboolean
check_printer (gpointer data)
{
  LanyardKioskWindow *self = data;
  g_autoptr(GTask) task = NULL;
  GWeakRef *ref;

  if (self->printer_checking)
    return G_SOURCE_CONTINUE;
  self->printer_checking = TRUE;
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  task = g_task_new (NULL, NULL, on_status, ref);
  g_task_set_task_data (task, g_strdup (self->config->printer), g_free);
  g_task_run_in_thread (task, get_status_in_thread);
  return G_SOURCE_CONTINUE;
}

/* Badges this database left unfinished when the program last stopped
 * (killed mid-print, a power cut): they wait like a failed one, and the
 * retry first asks CUPS what became of each, so none prints twice. */
static void
add_unfinished_jobs (LanyardKioskWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) jobs = lanyard_store_list_unfinished_badge_jobs (self->store, &error);

  if (jobs == NULL)
    {
      g_message ("Print jobs: %s", error->message);
      return;
    }
  /* oldest first: the oldest waits first */
  for (guint i = 0; i < jobs->len; i++)
    g_array_append_val (self->waiting_jobs, ((const LanyardPrintJob *) g_ptr_array_index (jobs, i))->id);
}

void
_lanyard_kiosk_window_watch_printer (LanyardKioskWindow *self)
{
  if (self->waiting_jobs == NULL)
    {
      self->waiting_jobs = g_array_new (FALSE, FALSE, sizeof (gint64));
      add_unfinished_jobs (self);
    }
  g_clear_handle_id (&self->printer_watch_id, g_source_remove);
  if (self->printer_check_seconds == 0)
    return;
  check_printer (self);
  self->printer_watch_id = g_timeout_add_seconds (self->printer_check_seconds, check_printer, self);
}
