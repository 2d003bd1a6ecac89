/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lanyard-checkin.h"
#include "lanyard-pin-dialog.h"
#include "lanyard-print.h"
#include "lanyard-scan-input.h"
#include "lanyard-screen-layout.h"
#include "lanyard-staff-rows.h"
#include "lanyard-collate.h"
#include "lanyard-staff-window-private.h"
#include "lanyard-stats.h"
#include "lanyard-store-work.h"

#define TICK_MS      1000
#define MIN_CHARS    2
#define MAX_RESULTS  30
#define STATUS_JOBS  20

G_DEFINE_FINAL_TYPE (LanyardStaffWindow, lanyard_staff_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_UNLOCKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
_lanyard_staff_window_device (LanyardStaffWindow *self)
{
  /* the hub's name for this device where it joined one */
  return lanyard_context_get_device (self->context);
}

/* A toast's title is markup (libadwaita 1.2): names, reasons and error
 * messages in it are text. */
void
_lanyard_staff_window_toast (LanyardStaffWindow *self,
                            const char         *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

/* The bar shows every print not yet ended, one a line, the newest last. */
static void
update_printing_bar (LanyardStaffWindow *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean printing = !g_queue_is_empty (&self->printing);

  if (self->printing_bar == NULL)
    return;
  for (GList *l = self->printing.head; l != NULL; l = l->next)
    g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", (const char *) l->data);
  /* the last words stay while the bar slides away */
  if (printing)
    gtk_label_set_text (self->printing_label, text->str);
  gtk_spinner_set_spinning (self->printing_spinner, printing);
  gtk_revealer_set_reveal_child (self->printing_bar, printing);
}

gpointer
_lanyard_staff_window_printing_begin (LanyardStaffWindow *self,
                                      const char         *text)
{
  char *note = g_strdup (text);

  g_queue_push_tail (&self->printing, note);
  update_printing_bar (self);
  return note;
}

void
_lanyard_staff_window_printing_end (LanyardStaffWindow *self,
                                    gpointer            note)
{
  /* not there once the window is disposed, which freed it */
  if (!g_queue_remove (&self->printing, note))
    return;
  g_free (note);
  update_printing_bar (self);
}

/* ------------------------------------------------------------------ */
/* Which page is up                                                     */

static void
report_page (LanyardStaffWindow *self,
             gboolean            again)
{
  const char *page;

  if (lanyard_staff_lock_is_locked (self->lock))
    page = "locked";
  else if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "status") == 0)
    page = "status";
  else
    page = self->record != NULL ? "attendee" : "people";
  if (!again && g_strcmp0 (page, self->shown_page) == 0)
    return;
  g_free (self->shown_page);
  self->shown_page = g_strdup (page);
  lanyard_page_report_page (self->report, page);
}

/* The desk's dialogs (walk-in, replacement, correction…) go with it: a
 * dialog left open over the locked desk would still act. */
static void
close_dialogs (LanyardStaffWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* GTK's */
  g_autoptr(GPtrArray) dialogs = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (window) == GTK_WINDOW (self) && !LANYARD_IS_PIN_DIALOG (window))
        g_ptr_array_add (dialogs, g_steal_pointer (&window));
    }
  for (guint i = 0; i < dialogs->len; i++)
    gtk_window_destroy (g_ptr_array_index (dialogs, i));
}

static void
show_lock (LanyardStaffWindow *self)
{
  gboolean locked = lanyard_staff_lock_is_locked (self->lock);

  gtk_stack_set_visible_child_name (self->lock_stack, locked ? "locked" : "desk");
  if (locked)
    {
      /* Nobody's details stay on a desk left alone. */
      close_dialogs (self);
      g_clear_pointer (&self->record, lanyard_staff_record_free);
      self->record_wanted++;  /* a page on its way is not shown either */
      self->record_wanted_id = 0;
      lanyard_staff_attendee_page_show (self->attendee_page, NULL);
      gtk_editable_set_text (self->search_entry, "");
    }
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  report_page (self, FALSE);
}

/* An attendee's page is read on a worker thread with its own connection
 * to the file (lanyard-store-work.h: check-ins, prints, sessions and
 * credits take milliseconds at the largest meeting, more while another
 * process writes), and shown on the main thread if it is still the last
 * one asked for and the desk is not locked. Until then the page shown
 * stays, and so does what the desk's actions act on. */
typedef struct {
  LanyardEvent *event;
  gint64        attendee_id;
  gint64        now;
  guint         wanted;
} LoadRecord;

static void
load_record_free (LoadRecord *data)
{
  lanyard_event_unref (data->event);
  g_free (data);
}

static gpointer
load_record (LanyardStore  *store,
             gpointer       data,
             GError       **error)
{
  LoadRecord *load = data;

  return lanyard_staff_record_load (store, load->event, load->attendee_id, load->now, error);
}

static void
show_record (LanyardStaffWindow *self,
             LanyardStaffRecord *record)
{
  g_clear_pointer (&self->record, lanyard_staff_record_free);
  self->record = record;
  lanyard_staff_attendee_page_show (self->attendee_page, self->record);
  adw_view_stack_set_visible_child_name (self->view_stack, "people");
  report_page (self, TRUE);
}

static void
on_record_loaded (gpointer      owner,
                  gpointer      result,
                  const GError *error,
                  gpointer      data)
{
  LanyardStaffWindow *self = owner;
  g_autoptr(LanyardStaffRecord) record = result;
  LoadRecord *load = data;

  if (load->wanted != self->record_wanted || lanyard_staff_lock_is_locked (self->lock))
    return;
  if (error != NULL)
    _lanyard_staff_window_toast (self, error->message);
  show_record (self, g_steal_pointer (&record));
}

void
_lanyard_staff_window_open (LanyardStaffWindow *self,
                           gint64              attendee_id)
{
  LoadRecord *data;

  self->record_wanted++;
  self->record_wanted_id = attendee_id;
  if (attendee_id == 0)
    {
      show_record (self, NULL);
      return;
    }
  data = g_new0 (LoadRecord, 1);
  data->event = lanyard_event_ref (self->event);
  data->attendee_id = attendee_id;
  data->now = g_get_real_time ();
  data->wanted = self->record_wanted;
  lanyard_store_work_async (self->store, self, load_record, (GDestroyNotify) lanyard_staff_record_free,
                            on_record_loaded, data, (GDestroyNotify) load_record_free, NULL);
}

gint64
lanyard_staff_window_get_attendee_id (LanyardStaffWindow *self)
{
  g_return_val_if_fail (LANYARD_IS_STAFF_WINDOW (self), 0);
  return self->record != NULL ? self->record->attendee->id : 0;
}

guint
lanyard_staff_window_get_lock_seconds_left (LanyardStaffWindow *self)
{
  g_return_val_if_fail (LANYARD_IS_STAFF_WINDOW (self), 0);
  return lanyard_staff_lock_seconds_left (self->lock, g_get_monotonic_time ());
}

/* ------------------------------------------------------------------ */
/* Search                                                               */

static GtkWidget *
result_row_new (const LanyardAttendee *a)
{
  g_autofree char *name = lanyard_attendee_dup_display_name (a);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s%s", a->ticket_code, a->affiliation ? a->affiliation : "",
                                               a->status == LANYARD_STATUS_CANCELLED ? _(" · cancelled") : "");
  GtkWidget *row = lanyard_staff_row_new (name, subtitle);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "attendee-id", g_memdup2 (&a->id, sizeof a->id), g_free);
  return row;
}

/* The results of a search for @text, best first, in the event's
 * language's alphabetical order. */
static void
show_hits (LanyardStaffWindow *self,
           GPtrArray          *hits)
{
  for (guint i = 0; i < hits->len; i++)
    gtk_list_box_append (self->results, result_row_new (g_ptr_array_index (hits, i)));
  if (hits->len == 0)
    gtk_label_set_text (self->search_hint, _("No one found"));
  else
    {
      g_autofree char *found = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person", "%u people", hits->len),
                                                hits->len);
      gtk_label_set_text (self->search_hint, found);
    }
}

/* The search, on a worker thread with its own connection to the file
 * (lanyard-store-work.h): a word in nearly every registration
 * ("Hospital") makes the full-text index merge 100,000 documents at the
 * largest meeting's size, and the desk must not stop while it does. The
 * results are shown on the main thread, if the field still says what was
 * searched. */
typedef struct {
  char *text;
  char *language;
} SearchPeople;

static void
search_people_free (SearchPeople *data)
{
  g_free (data->text);
  g_free (data->language);
  g_free (data);
}

static gpointer
search_people (LanyardStore  *store,
               gpointer       data,
               GError       **error)
{
  SearchPeople *search = data;
  GPtrArray *hits = lanyard_store_search (store, search->text, MAX_RESULTS, error);
  g_autoptr(LanyardCollator) collator = NULL;

  if (hits == NULL)
    return NULL;
  /* The best matches, shown in alphabetical order in the event's language. */
  collator = lanyard_collator_new (search->language);
  lanyard_collator_sort_attendees (collator, hits);
  return hits;
}

static void on_result_activated (LanyardStaffWindow *self,
                                 GtkListBoxRow      *row);

static void
on_searched (gpointer      owner,
             gpointer      result,
             const GError *error,
             gpointer      data)
{
  LanyardStaffWindow *self = owner;
  g_autoptr(GPtrArray) hits = result;
  SearchPeople *search = data;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (self->search_entry)));
  GtkListBoxRow *first;

  if (g_strcmp0 (text, search->text) != 0 || lanyard_staff_lock_is_locked (self->lock))
    return;
  lanyard_staff_list_clear (self->results);
  if (error != NULL)
    {
      gtk_label_set_text (self->search_hint, error->message);
      return;
    }
  show_hits (self, hits);
  /* Enter in the search field opens the first one found. */
  first = gtk_list_box_get_row_at_index (self->results, 0);
  if (self->open_first && first != NULL)
    on_result_activated (self, first);
  self->open_first = FALSE;
}

static void
on_search_changed (LanyardStaffWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (self->search_entry)));
  SearchPeople *data;

  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  lanyard_staff_list_clear (self->results);
  if (g_utf8_strlen (text, -1) < MIN_CHARS)
    {
      self->open_first = FALSE;
      gtk_label_set_text (self->search_hint, _("Type two letters or more, or scan a code"));
      return;
    }
  self->search_cancellable = g_cancellable_new ();
  data = g_new0 (SearchPeople, 1);
  data->text = g_steal_pointer (&text);
  data->language = g_strdup (self->event->language);
  lanyard_store_work_async (self->store, self, search_people, (GDestroyNotify) g_ptr_array_unref, on_searched,
                            data, (GDestroyNotify) search_people_free, self->search_cancellable);
}

static void
on_result_activated (LanyardStaffWindow *self,
                     GtkListBoxRow      *row)
{
  const gint64 *id = g_object_get_data (G_OBJECT (row), "attendee-id");

  if (id != NULL)
    _lanyard_staff_window_open (self, *id);
}

/* Enter in the search field opens the first one found, once found. */
static void
on_search_activate (LanyardStaffWindow *self)
{
  self->open_first = TRUE;
  on_search_changed (self);
}

/* ------------------------------------------------------------------ */
/* Codes from the camera and scanners                                   */

static void show_event (LanyardStaffWindow *self);

void
lanyard_staff_window_scan (LanyardStaffWindow *self,
                           const guint8       *code,
                           gsize               len)
{
  g_autoptr(LanyardAttendee) attendee = NULL;
  g_autoptr(GError) error = NULL;
  LanyardOutcome outcome = LANYARD_OUTCOME_UNKNOWN;

  g_return_if_fail (LANYARD_IS_STAFF_WINDOW (self));
  if (lanyard_staff_lock_is_locked (self->lock))
    return;
  lanyard_staff_lock_touch (self->lock, g_get_monotonic_time ());
  /* Enrolment without typing: the QR code of this device's hub connection
   * (lanyardctl hub add-device --qr), shown while the desk is unlocked. */
  if (lanyard_context_is_hub_connection (code, len))
    {
      g_autofree char *words = NULL;

      if (!lanyard_context_join_hub (self->context, code, len, &error))
        {
          lanyard_sounds_play (self->sounds, LANYARD_SOUND_ERROR);
          _lanyard_staff_window_toast (self, error->message);
          return;
        }
      lanyard_sounds_play (self->sounds, LANYARD_SOUND_SUCCESS);
      words = g_strdup_printf (_("This device now follows the event’s hub as “%s”."),
                               lanyard_context_get_device (self->context));
      _lanyard_staff_window_toast (self, words);
      show_event (self);
      return;
    }
  attendee = lanyard_checkin_resolve (self->store, self->event, self->keys, code, len, &outcome, &error);
  if (attendee == NULL)
    {
      lanyard_sounds_play (self->sounds, LANYARD_SOUND_ERROR);
      _lanyard_staff_window_toast (self, _("Nobody has this code."));
      return;
    }
  lanyard_sounds_play (self->sounds, LANYARD_SOUND_SUCCESS);
  if (outcome == LANYARD_OUTCOME_REPLACED)
    _lanyard_staff_window_toast (self, _("This badge was replaced by a newer one: doors refuse it."));
  _lanyard_staff_window_open (self, attendee->id);
}

static void
on_scanned (const guint8 *code,
            gsize         len,
            gpointer      user_data)
{
  lanyard_staff_window_scan (LANYARD_STAFF_WINDOW (user_data), code, len);
}

static void
on_input (gpointer user_data)
{
  LanyardStaffWindow *self = user_data;

  lanyard_staff_lock_touch (self->lock, g_get_monotonic_time ());
}

/* A dialog of the desk's (walk-in, correction, replacement…) is the desk
 * at work: keys, clicks and touches in it are input, as in the window.
 * It is a window of its own, whose events the window never sees: without
 * this, three minutes of typing in a form locked the desk, which closed
 * the form and what was typed in it. */
static gboolean
on_dialog_event (GtkEventControllerLegacy *controller,
                 GdkEvent                 *event,
                 LanyardStaffWindow       *self)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
    case GDK_SCROLL:
      on_input (self);
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

void
_lanyard_staff_window_watch_dialog (LanyardStaffWindow *self,
                                    GtkWindow          *dialog)
{
  GtkEventController *legacy = gtk_event_controller_legacy_new ();

  gtk_event_controller_set_propagation_phase (legacy, GTK_PHASE_CAPTURE);
  g_signal_connect_object (legacy, "event", G_CALLBACK (on_dialog_event), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (dialog), legacy);
}

static void
on_camera_code (gpointer      user_data,
                const guint8 *code,
                gsize         len)
{
  lanyard_staff_window_scan (LANYARD_STAFF_WINDOW (user_data), code, len);
}

static const char *
camera_state_text (LanyardCameraState state)
{
  switch (state)
    {
    case LANYARD_CAMERA_RUNNING:
      return _("Reading codes");
    case LANYARD_CAMERA_STARTING:
      return _("Starting");
    case LANYARD_CAMERA_UNAVAILABLE:
      return _("Not working");
    case LANYARD_CAMERA_STOPPED:
    default:
      return _("Off");
    }
}

static void
show_camera (LanyardStaffWindow *self)
{
  /* NULL once disposed: the view stack may still change while it goes. */
  LanyardCamera *camera = self->camera_feed != NULL ? lanyard_camera_feed_get_camera (self->camera_feed) : NULL;

  if (camera == NULL)
    lanyard_staff_status_page_show_camera (self->status_page, camera_state_text (LANYARD_CAMERA_STOPPED), NULL);
  else
    lanyard_staff_status_page_show_camera (self->status_page,
                                           camera_state_text (lanyard_camera_get_state (camera)),
                                           lanyard_camera_get_message (camera));
}

static void
on_camera_state (gpointer            user_data,
                 LanyardCameraState  state,
                 const char         *message)
{
  show_camera (LANYARD_STAFF_WINDOW (user_data));
}

static const LanyardCameraFeedFuncs camera_funcs = {
  .code = on_camera_code,
  .state = on_camera_state,
};

static void
on_painted (gpointer data)
{
  LanyardStaffWindow *self = data;

  lanyard_camera_feed_start_soon (self->camera_feed);
}

/* ------------------------------------------------------------------ */
/* Status                                                               */

/* Listed on a worker thread, bounded by the print timeout: a print
 * service that does not answer never holds the desk. */
typedef struct {
  GWeakRef  self;  /* weak, as lanyard-store-work.h says why */
  guint     timeout_seconds;
} ListPrinters;

static void
list_printers_free (ListPrinters *data)
{
  g_weak_ref_clear (&data->self);
  g_free (data);
}

static void
list_printers_in_thread (GTask        *task,
                         gpointer      source,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  ListPrinters *data = task_data;
  GError *error = NULL;
  GPtrArray *printers = lanyard_printer_list (data->timeout_seconds, &error);

  if (printers == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, printers, (GDestroyNotify) g_ptr_array_unref);
}

static void
on_printers_listed (GObject      *source,
                    GAsyncResult *res,
                    gpointer      user_data)
{
  g_autoptr(GPtrArray) printers = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardStaffWindow) self = NULL;
  ListPrinters *data;

  printers = g_task_propagate_pointer (G_TASK (res), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  data = g_task_get_task_data (G_TASK (res));
  self = g_weak_ref_get (&data->self);
  if (self != NULL)
    lanyard_staff_status_page_show_printers (self->status_page, printers, self->config->printer, error);
}

/* The status page's reads, on a worker thread with its own connection to
 * the file (lanyard-store-work.h): the counts read a log of millions of
 * scans at the largest meeting's size, and the desk must not stop while
 * they do; the newest print jobs and what other devices did that needs a
 * person come with them. */
typedef struct {
  LanyardEvent *event;      /* the stats borrow its sessions */
  gint64        now;
  gboolean      conflicts;  /* this device follows a hub: ask for them */
} CountStats;

typedef struct {
  LanyardStats *stats;
  GPtrArray    *jobs;       /* LanyardStaffJob*, or NULL */
  GError       *jobs_error;
  GPtrArray    *conflicts;  /* LanyardStaffField*, or NULL */
} StatusRead;

static void
count_stats_free (CountStats *data)
{
  lanyard_event_unref (data->event);
  g_free (data);
}

static void
status_read_free (StatusRead *read)
{
  g_clear_pointer (&read->stats, lanyard_stats_free);
  g_clear_pointer (&read->jobs, g_ptr_array_unref);
  g_clear_error (&read->jobs_error);
  g_clear_pointer (&read->conflicts, g_ptr_array_unref);
  g_free (read);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StatusRead, status_read_free)

static gpointer
read_status (LanyardStore  *store,
             gpointer       data,
             GError       **error)
{
  CountStats *count = data;
  g_autoptr(StatusRead) read = g_new0 (StatusRead, 1);
  g_autoptr(GPtrArray) jobs = NULL;

  read->stats = lanyard_stats_compute_at (store, count->event, count->now, error);
  if (read->stats == NULL)
    return NULL;
  jobs = lanyard_store_list_recent_print_jobs (store, STATUS_JOBS, &read->jobs_error);
  if (jobs != NULL)
    read->jobs = lanyard_staff_describe_jobs (count->event, jobs);
  if (count->conflicts)
    {
      g_autoptr(GError) conflicts_error = NULL;
      g_autoptr(GPtrArray) found = lanyard_sync_list_conflicts (store, &conflicts_error);

      if (found != NULL)
        read->conflicts = lanyard_staff_describe_conflicts (store, count->event, found);
      else
        g_message ("Desk: %s", conflicts_error->message);
    }
  return g_steal_pointer (&read);
}

static void
on_stats_counted (gpointer      owner,
                  gpointer      result,
                  const GError *error,
                  gpointer      data)
{
  LanyardStaffWindow *self = owner;
  g_autoptr(StatusRead) read = result;
  CountStats *count = data;

  if (error != NULL)
    {
      _lanyard_staff_window_toast (self, error->message);
      return;
    }
  if (count->event != self->event) /* the event was reloaded: its own count follows */
    return;
  lanyard_staff_status_page_show_stats (self->status_page, read->stats);
  if (read->jobs != NULL)
    lanyard_staff_status_page_show_jobs (self->status_page, read->jobs);
  else
    _lanyard_staff_window_toast (self, read->jobs_error->message);
  if (read->conflicts != NULL)
    lanyard_staff_status_page_show_conflicts (self->status_page, read->conflicts);
}

static gboolean
status_shown (LanyardStaffWindow *self)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "status") == 0;
}

/* The hub's state in words, and what staff must know about it. (What
 * other devices did that needs a person comes with the status page's
 * reads, read_status ().) */
static void
show_sync (LanyardStaffWindow *self)
{
  g_autofree char *words = lanyard_context_describe_sync (self->context);
  g_autoptr(LanyardSyncStatus) status = lanyard_context_get_sync_status (self->context);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  if (status != NULL && status->last_error != NULL)
    g_ptr_array_add (problems, g_strdup (status->last_error));
  lanyard_staff_status_page_show_sync (self->status_page, words, problems);
}

static void
on_sync_changed (LanyardStaffWindow *self)
{
  if (status_shown (self))
    show_sync (self);
}

/* Other devices' rows arrived: what is shown may have changed. */
static void
on_rows_pulled (LanyardStaffWindow *self)
{
  if (self->record_wanted_id != 0)  /* the page shown, or the one on its way */
    _lanyard_staff_window_open (self, self->record_wanted_id);
  if (status_shown (self))
    _lanyard_staff_window_refresh_status (self);
}

void
_lanyard_staff_window_refresh_status (LanyardStaffWindow *self)
{
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, on_printers_listed, NULL);
  ListPrinters *data = g_new0 (ListPrinters, 1);

  g_weak_ref_init (&data->self, self);
  data->timeout_seconds = self->config->print_timeout_seconds;
  g_task_set_task_data (task, data, (GDestroyNotify) list_printers_free);
  g_task_run_in_thread (task, list_printers_in_thread);

  {
    CountStats *counting = g_new0 (CountStats, 1);
    g_autofree char *words = lanyard_context_describe_sync (self->context);

    counting->event = lanyard_event_ref (self->event);
    counting->now = g_get_real_time ();
    counting->conflicts = words != NULL;
    lanyard_store_work_async (self->store, self, read_status, (GDestroyNotify) status_read_free,
                              on_stats_counted, counting, (GDestroyNotify) count_stats_free, self->cancellable);
  }
  show_camera (self);
  show_sync (self);
}

static void
on_view_changed (LanyardStaffWindow *self)
{
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "status") == 0)
    _lanyard_staff_window_refresh_status (self);
  report_page (self, FALSE);
}

/* ------------------------------------------------------------------ */
/* Lock                                                                 */

static gboolean
on_tick (gpointer data)
{
  LanyardStaffWindow *self = data;

  if (lanyard_staff_lock_tick (self->lock, g_get_monotonic_time ()))
    show_lock (self);
  /* "Synced 3 s ago" keeps counting */
  if (status_shown (self))
    show_sync (self);
  return G_SOURCE_CONTINUE;
}

static void
on_unlocked (LanyardStaffWindow *self)
{
  lanyard_staff_lock_unlock (self->lock, g_get_monotonic_time ());
  show_lock (self);
}

static void
unlock (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  LanyardStaffWindow *self = LANYARD_STAFF_WINDOW (widget);

  lanyard_pin_dialog_ask (GTK_WINDOW (self), self->store, G_CALLBACK (on_unlocked), self);
}

static void
lock (GtkWidget  *widget,
      const char *action_name,
      GVariant   *parameter)
{
  LanyardStaffWindow *self = LANYARD_STAFF_WINDOW (widget);

  lanyard_staff_lock_lock (self->lock);
  show_lock (self);
}

static void
refresh_status (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _lanyard_staff_window_refresh_status (LANYARD_STAFF_WINDOW (widget));
}

/* ------------------------------------------------------------------ */
/* Setting up                                                           */

static void
show_event (LanyardStaffWindow *self)
{
  g_autofree char *title = g_strdup_printf (_("Staff desk · %s · %s"), self->event->title,
                                            _lanyard_staff_window_device (self));

  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* The event was loaded again (an import, a sync): the title, the status
 * and the open attendee's page follow. */
static void
on_event_changed (LanyardStaffWindow *self)
{
  g_clear_pointer (&self->event, lanyard_event_unref);
  self->event = lanyard_event_ref (lanyard_context_get_event (self->context));
  show_event (self);
  if (self->record_wanted_id != 0)  /* the page shown, or the one on its way */
    _lanyard_staff_window_open (self, self->record_wanted_id);
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "status") == 0)
    _lanyard_staff_window_refresh_status (self);
}

static void
lanyard_staff_window_constructed (GObject *object)
{
  LanyardStaffWindow *self = LANYARD_STAFF_WINDOW (object);

  G_OBJECT_CLASS (lanyard_staff_window_parent_class)->constructed (object);

  g_return_if_fail (LANYARD_IS_CONTEXT (self->context));
  self->store = lanyard_context_get_store (self->context);
  self->event = lanyard_event_ref (lanyard_context_get_event (self->context));
  self->keys = lanyard_context_get_keys (self->context);
  self->config = lanyard_context_get_config (self->context);
  g_signal_connect_object (self->context, "notify::event", G_CALLBACK (on_event_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "sync-changed", G_CALLBACK (on_sync_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "rows-pulled", G_CALLBACK (on_rows_pulled), self, G_CONNECT_SWAPPED);

  self->lock = lanyard_staff_lock_new (self->config->staff_lock_seconds);
  if (self->unlocked)
    lanyard_staff_lock_unlock (self->lock, g_get_monotonic_time ());
  self->sounds = lanyard_sounds_new ();
  self->cancellable = g_cancellable_new ();
  self->camera_feed = lanyard_camera_feed_new (self->context, &camera_funcs, self);
  self->report = lanyard_page_report_new (GTK_WINDOW (self), self->config);
  lanyard_page_report_set_painted (self->report, G_CALLBACK (on_painted), self);
  lanyard_page_report_set_observer (self->report, self->observer, self->observer_data);

  show_event (self);
  on_search_changed (self);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child-name", G_CALLBACK (on_view_changed), self);
  lanyard_scan_input_attach (GTK_WIDGET (self), on_scanned, on_input, self);
  lanyard_screen_layout_fill_screen (GTK_WINDOW (self));
  show_lock (self);
  self->tick_id = g_timeout_add (TICK_MS, on_tick, self);
}

static void
lanyard_staff_window_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LanyardStaffWindow *self = LANYARD_STAFF_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_UNLOCKED:
      self->unlocked = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanyard_staff_window_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LanyardStaffWindow *self = LANYARD_STAFF_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_UNLOCKED:
      g_value_set_boolean (value, self->unlocked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanyard_staff_window_dispose (GObject *object)
{
  LanyardStaffWindow *self = LANYARD_STAFF_WINDOW (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_pointer (&self->camera_feed, lanyard_camera_feed_free);
  g_clear_pointer (&self->report, lanyard_page_report_free);
  g_clear_pointer (&self->sounds, lanyard_sounds_free);
  g_queue_clear_full (&self->printing, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANYARD_TYPE_STAFF_WINDOW);
  G_OBJECT_CLASS (lanyard_staff_window_parent_class)->dispose (object);
}

static void
lanyard_staff_window_finalize (GObject *object)
{
  LanyardStaffWindow *self = LANYARD_STAFF_WINDOW (object);

  g_clear_pointer (&self->lock, lanyard_staff_lock_free);
  g_clear_pointer (&self->record, lanyard_staff_record_free);
  g_clear_object (&self->cancellable);
  g_free (self->shown_page);
  g_clear_pointer (&self->event, lanyard_event_unref);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (lanyard_staff_window_parent_class)->finalize (object);
}

static void
lanyard_staff_window_class_init (LanyardStaffWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lanyard_staff_window_constructed;
  object_class->dispose = lanyard_staff_window_dispose;
  object_class->finalize = lanyard_staff_window_finalize;
  object_class->set_property = lanyard_staff_window_set_property;
  object_class->get_property = lanyard_staff_window_get_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, LANYARD_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Only the PIN pad's own "unlocked" hands over an open desk. */
  properties[PROP_UNLOCKED] =
    g_param_spec_boolean ("unlocked", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LANYARD_TYPE_KEYBOARD);
  g_type_ensure (LANYARD_TYPE_STAFF_ATTENDEE_PAGE);
  g_type_ensure (LANYARD_TYPE_STAFF_STATUS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/lanyard/Lanyard/desk/lanyard-staff-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffWindow, lock_stack);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffWindow, locked_page);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffWindow, search_hint);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffWindow, results);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffWindow, attendee_page);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffWindow, printing_bar);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffWindow, printing_spinner);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffWindow, printing_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_result_activated);

  gtk_widget_class_install_action (widget_class, "desk.unlock", NULL, unlock);
  gtk_widget_class_install_action (widget_class, "desk.lock", NULL, lock);
  gtk_widget_class_install_action (widget_class, "desk.refresh-status", NULL, refresh_status);
  _lanyard_staff_window_install_actions (widget_class);
}

static void
lanyard_staff_window_init (LanyardStaffWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LanyardStaffWindow *
lanyard_staff_window_new (GtkApplication *app,
                          LanyardContext *context,
                          gboolean        unlocked)
{
  return g_object_new (LANYARD_TYPE_STAFF_WINDOW,
                       "application", app,
                       "context", context,
                       "unlocked", unlocked,
                       NULL);
}

void
lanyard_staff_window_set_page_observer (LanyardStaffWindow *self,
                                        LanyardPageFunc     observer,
                                        gpointer            user_data)
{
  g_return_if_fail (LANYARD_IS_STAFF_WINDOW (self));
  /* "window-added" may come while the window is being made. */
  self->observer = observer;
  self->observer_data = user_data;
  if (self->report != NULL)
    lanyard_page_report_set_observer (self->report, observer, user_data);
}
