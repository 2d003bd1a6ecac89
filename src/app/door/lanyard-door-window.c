/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lanyard-application.h"
#include "lanyard-camera-feed.h"
#include "lanyard-checkin.h"
#include "lanyard-door-setup-page.h"
#include "lanyard-door-window.h"
#include "lanyard-pin-dialog.h"
#include "lanyard-scan-input.h"
#include "lanyard-screen-layout.h"
#include "lanyard-sounds.h"
#include "lanyard-staff-lock.h"
#include "lanyard-store-work.h"

#define TICK_MS 250

struct _LanyardDoorWindow
{
  AdwApplicationWindow      parent_instance;

  /* template widgets */
  GtkStack                 *stack;
  LanyardDoorSetupPage     *setup_page;
  GtkLabel                 *session_label;
  GtkLabel                 *direction_label;
  GtkLabel                 *counter_label;
  GtkStack                 *door_stack;
  GtkPicture               *preview;
  GtkLabel                 *camera_problem;
  GtkListBox               *recent_list;
  GtkWidget                *recent_empty;
  GtkLabel                 *disclosure_starts;
  GtkLabel                 *disclosure_text;
  GtkWidget                *result_box;
  GtkScrolledWindow        *result_scroll;
  GtkImage                 *result_icon;
  GtkLabel                 *result_title;
  GtkLabel                 *sync_label;
  gboolean                  hub_hint_shown;
  GtkLabel                 *result_name;
  GtkLabel                 *result_detail;
  GtkLabel                 *footer;
  GtkWidget                *staff_corner;

  /* owned */
  LanyardDoorFlow          *flow;
  LanyardStaffLock         *setup_lock;    /* the setup page, opened by the PIN */
  LanyardCameraFeed        *camera_feed;
  LanyardSounds            *sounds;
  LanyardPageReport        *report;
  char                     *shown_page;
  char                     *misfit_page;     /* said not to fit */
  char                     *session_id;    /* the session the counter is for */
  guint                     counts_asked;  /* one up at each count asked for and each scan shown */
  guint                     tick_id;
  LanyardStore             *scan_store;    /* the scans' own connection, for their worker */
  GQueue                    scans_waiting; /* WaitingScan: behind the one being recorded */
  gboolean                  scanning;      /* a scan's worker has not answered yet */
  LanyardPageFunc           observer;      /* may come before the report */
  gpointer                  observer_data;

  /* owned: the device's context, and the event this window shows (its
   * own reference, replaced when the context reloads the event) */
  LanyardContext           *context;
  LanyardEvent             *event;

  /* borrowed from the context, which the window holds */
  LanyardStore             *store;
  const LanyardBadgeKeys   *keys;
  const LanyardKioskConfig *config;
};

G_DEFINE_FINAL_TYPE (LanyardDoorWindow, lanyard_door_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
device (LanyardDoorWindow *self)
{
  /* the name it joined its hub as, where it has one: its rows go up under
   * that name, and other devices read it */
  return lanyard_context_get_device (self->context);
}

static const char *
tone_class (LanyardDoorTone tone)
{
  switch (tone)
    {
    case LANYARD_DOOR_TONE_GOOD:
      return "tone-good";
    case LANYARD_DOOR_TONE_WARN:
      return "tone-warn";
    case LANYARD_DOOR_TONE_BAD:
    default:
      return "tone-bad";
    }
}

static void
set_tone (GtkWidget       *widget,
          LanyardDoorTone  tone)
{
  gtk_widget_remove_css_class (widget, "tone-good");
  gtk_widget_remove_css_class (widget, "tone-warn");
  gtk_widget_remove_css_class (widget, "tone-bad");
  gtk_widget_add_css_class (widget, tone_class (tone));
}

/* ------------------------------------------------------------------ */
/* Drawing                                                              */

static GtkWidget *
recent_row_new (LanyardDoorWindow     *self,
                const LanyardDoorScan *scan)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (scan->at / G_USEC_PER_SEC);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (self->event->time_zone ? self->event->time_zone : "UTC");
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz != NULL ? tz : g_date_time_get_timezone (utc));
  g_autofree char *time = g_date_time_format (local, "%H:%M");
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (scan->icon_name);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label;

  gtk_image_set_pixel_size (GTK_IMAGE (icon), 28);
  set_tone (icon, scan->tone);
  gtk_widget_add_css_class (row, "recent-row");
  gtk_box_append (GTK_BOX (row), icon);
  label = gtk_label_new (time);
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (row), label);
  label = gtk_label_new (scan->name != NULL ? scan->name : _("Unknown badge"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "recent-name");
  gtk_box_append (GTK_BOX (texts), label);
  label = gtk_label_new (scan->title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "recent-result");
  gtk_box_append (GTK_BOX (texts), label);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (row), texts);
  return row;
}

static void
show_recent (LanyardDoorWindow *self)
{
  GPtrArray *recent = lanyard_door_flow_get_recent (self->flow);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);
  for (guint i = 0; i < recent->len; i++)
    gtk_list_box_append (self->recent_list, recent_row_new (self, g_ptr_array_index (recent, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->recent_list), recent->len > 0);
  gtk_widget_set_visible (self->recent_empty, recent->len == 0);
}

static const char *
direction_text (LanyardDoorDirection direction)
{
  switch (direction)
    {
    case LANYARD_DOOR_ENTRY:
      return _("Entry only");
    case LANYARD_DOOR_EXIT:
      return _("Exit only");
    case LANYARD_DOOR_TOGGLE:
    default:
      return _("Entry and exit: scan on the way in and on the way out");
    }
}

/* Who is inside a session, counted on a worker thread with a connection of
 * its own (lanyard-store-work.h) when the door's session changes (the
 * scans bring their own counts). Shown if nothing newer came meanwhile:
 * another session, or a scan's result with its count. */
typedef struct {
  LanyardEvent   *event;
  char           *session_id;
  gint64          now;
  guint           asked;
} CountInside;

static void
count_inside_free (CountInside *data)
{
  lanyard_event_unref (data->event);
  g_free (data->session_id);
  g_free (data);
}

static gpointer
count_inside (LanyardStore  *store,
              gpointer       data,
              GError       **error)
{
  CountInside *count = data;
  /* the session is the event's (a reference held): never missing */
  const LanyardSession *session = lanyard_event_find_session (count->event, count->session_id);
  int inside = session != NULL ? lanyard_store_count_inside (store, session, &count->event->policy, count->now,
                                                             error)
                               : 0;

  return GINT_TO_POINTER (MAX (inside, 0));
}

static void show_door (LanyardDoorWindow *self,
                       gboolean           new_scan);

static void
on_inside_counted (gpointer      owner,
                   gpointer      result,
                   const GError *error,
                   gpointer      data)
{
  LanyardDoorWindow *self = owner;
  CountInside *count = data;
  const LanyardSession *session;

  if (count->asked != self->counts_asked)
    return;
  if (error != NULL)
    {
      g_message ("Door: %s", error->message);
      return;
    }
  session = lanyard_event_find_session (self->event, count->session_id);
  lanyard_door_flow_set_counts (self->flow, GPOINTER_TO_INT (result), session != NULL ? session->capacity : 0);
  show_door (self, FALSE);
}

/* The session the clock (or the monitor) picked changed: new counts, 0
 * until they are counted. */
static void
follow_session (LanyardDoorWindow *self,
                gint64             now)
{
  const LanyardSession *session = lanyard_door_flow_get_session (self->flow, now);
  CountInside *data;

  if (g_strcmp0 (session != NULL ? session->id : NULL, self->session_id) == 0)
    return;
  g_free (self->session_id);
  self->session_id = session != NULL ? g_strdup (session->id) : NULL;
  self->counts_asked++;
  lanyard_door_flow_set_counts (self->flow, 0, session != NULL ? session->capacity : 0);
  if (session == NULL)
    return;
  data = g_new0 (CountInside, 1);
  data->event = lanyard_event_ref (self->event);
  data->session_id = g_strdup (session->id);
  data->now = now;
  data->asked = self->counts_asked;
  lanyard_store_work_async (self->store, self, count_inside, NULL, on_inside_counted, data,
                            (GDestroyNotify) count_inside_free, NULL);
}

/* That the session's disclosure was shown, in the log, written on a
 * worker thread (lanyard-store-work.h) as the scans are: a database
 * another process holds must not stop the door as it shows a session. */
typedef struct {
  LanyardEvent *event;
  char         *session_id;
  char         *device;
  gint64        now;
} LogDisclosure;

static void
log_disclosure_free (LogDisclosure *data)
{
  lanyard_event_unref (data->event);
  g_free (data->session_id);
  g_free (data->device);
  g_free (data);
}

static gpointer
write_disclosure (LanyardStore  *store,
                  gpointer       data,
                  GError       **error)
{
  LogDisclosure *log = data;
  /* the session is the event's (a reference held): never missing */
  const LanyardSession *session = lanyard_event_find_session (log->event, log->session_id);

  if (session != NULL)
    lanyard_checkin_log_disclosure (store, session, log->device, log->now, error);
  return NULL;
}

static void
on_disclosure_logged (gpointer      owner,
                      gpointer      result,
                      const GError *error,
                      gpointer      data)
{
  if (error != NULL)
    g_message ("Could not log the disclosure: %s", error->message);
}

static void
log_disclosure (LanyardDoorWindow *self,
                gint64             now)
{
  const LanyardSession *session;
  LogDisclosure *data;

  if (!lanyard_door_flow_take_disclosure_to_log (self->flow, now))
    return;
  session = lanyard_door_flow_get_session (self->flow, now);
  if (session == NULL)
    return;
  data = g_new0 (LogDisclosure, 1);
  data->event = lanyard_event_ref (self->event);
  data->session_id = g_strdup (session->id);
  data->device = g_strdup (device (self));
  data->now = now;
  lanyard_store_work_async (self->store, self, write_disclosure, NULL, on_disclosure_logged, data,
                            (GDestroyNotify) log_disclosure_free, NULL);
}

static void
report_page (LanyardDoorWindow *self,
             const char        *name,
             gboolean           again)
{
  if (!again && g_strcmp0 (name, self->shown_page) == 0)
    return;
  g_free (self->shown_page);
  self->shown_page = g_strdup (name);
  lanyard_page_report_page (self->report, name);
}

static void
show_door (LanyardDoorWindow *self,
           gboolean           new_scan)
{
  gint64 now = g_get_real_time ();
  const LanyardDoorScan *last = lanyard_door_flow_get_last (self->flow);
  const LanyardSession *session;
  g_autofree char *line = NULL;
  g_autofree char *counter = NULL;
  g_autofree char *page = NULL;

  /* "not-set-up" (the way to the PIN) or "setup" (after it) */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "door") != 0)
    {
      report_page (self, gtk_stack_get_visible_child_name (self->stack), FALSE);
      return;
    }

  follow_session (self, now);
  session = lanyard_door_flow_get_session (self->flow, now);
  line = lanyard_door_flow_dup_session_line (self->flow, now);
  counter = lanyard_door_flow_dup_counter (self->flow);
  gtk_label_set_text (self->session_label, line);
  gtk_label_set_text (self->counter_label, session != NULL ? counter : "");
  gtk_label_set_text (self->direction_label, direction_text (lanyard_door_flow_get_direction (self->flow)));

  if (last != NULL)
    {
      page = g_strdup_printf ("result:%s", lanyard_outcome_to_string (last->outcome));
      g_strdelimit (page, "_", '-');
      set_tone (self->result_box, last->tone);
      gtk_image_set_from_icon_name (self->result_icon, last->icon_name);
      gtk_label_set_text (self->result_title, last->title);
      gtk_label_set_text (self->result_name, last->name != NULL ? last->name : "");
      gtk_widget_set_visible (GTK_WIDGET (self->result_name), last->name != NULL);
      gtk_label_set_text (self->result_detail, last->detail != NULL ? last->detail : "");
      gtk_stack_set_visible_child_name (self->door_stack, "result");
    }
  else if (lanyard_door_flow_shows_disclosure (self->flow, now))
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (session->starts_at / G_USEC_PER_SEC);
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (self->event->time_zone);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz != NULL ? tz : g_date_time_get_timezone (utc));
      g_autofree char *starts = g_date_time_format (local, "%H:%M");
      g_autofree char *text = g_strdup_printf (_("“%s” starts at %s. Before it begins, the people in control of "
                                                 "its content disclose their financial relationships:"),
                                               session->title, starts);

      page = g_strdup ("disclosure");
      gtk_label_set_text (self->disclosure_starts, text);
      gtk_label_set_text (self->disclosure_text, session->disclosure);
      gtk_stack_set_visible_child_name (self->door_stack, "disclosure");
      log_disclosure (self, now);
    }
  else
    {
      page = g_strdup ("ready");
      gtk_stack_set_visible_child_name (self->door_stack, "ready");
    }
  if (new_scan)
    show_recent (self);
  report_page (self, page, new_scan);
}

/* ------------------------------------------------------------------ */
/* Scans                                                                */

static void show_event (LanyardDoorWindow *self);

/* A scan's database work (the check-in rules' reads and the commit, which
 * waits for the disk) runs on a worker thread with a connection of the
 * window's own, and its result is shown on the main thread: a slow disk
 * or a database another process holds never freezes the door. Scans are
 * recorded one at a time, in the order they came. */
typedef struct {
  GWeakRef               self;
  LanyardStore          *store;    /* NULL at the first scan: opened on the worker */
  char                  *path;     /* the file, to open it */
  LanyardEvent          *event;
  LanyardBadgeKeys      *keys;     /* a copy: the context may load others */
  GBytes                *code;
  LanyardCheckinRequest  request;  /* its strings owned below */
  char                  *session_id;
  char                  *device;
} ScanJob;

/* A code read while another was being recorded, with the time it was
 * read: that is the time recorded for it. */
typedef struct {
  GBytes *code;
  gint64  at;
} WaitingScan;

static void
waiting_scan_free (WaitingScan *waiting)
{
  g_bytes_unref (waiting->code);
  g_free (waiting);
}

static void
scan_job_free (ScanJob *job)
{
  g_weak_ref_clear (&job->self);
  g_clear_object (&job->store);
  g_free (job->path);
  lanyard_event_unref (job->event);
  lanyard_badge_keys_free (job->keys);
  g_bytes_unref (job->code);
  g_free (job->session_id);
  g_free (job->device);
  g_free (job);
}

static void
scan_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ScanJob *job = task_data;
  gsize len;
  const guint8 *code = g_bytes_get_data (job->code, &len);
  GError *error = NULL;
  LanyardCheckinResult *result = NULL;

  /* the connection opened here too (it may wait for a file another
   * process holds), and kept by the window for the next scans */
  if (job->store == NULL && (job->store = lanyard_store_open (job->path, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  result = lanyard_checkin_perform (job->store, job->event, job->keys, code, len, &job->request, &error);

  /* no result and no error: the door says it failed, in general words */
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) lanyard_checkin_result_free);
}

static void take_next_scan (LanyardDoorWindow *self);

static void
show_scan_result (LanyardDoorWindow          *self,
                  const LanyardCheckinResult *result,
                  const GError               *error,
                  gint64                      at)
{
  const LanyardDoorScan *scan;

  self->counts_asked++;  /* the scan's count is newer than one on its way */
  if (result != NULL)
    lanyard_door_flow_scan_result (self->flow, result, at);
  else
    {
      g_message ("Door: %s", error != NULL ? error->message : "?");
      lanyard_door_flow_scan_failed (self->flow, error != NULL ? error->message : NULL, at);
    }
  scan = lanyard_door_flow_get_last (self->flow);
  lanyard_sounds_play (self->sounds, scan->tone == LANYARD_DOOR_TONE_BAD ? LANYARD_SOUND_ERROR : LANYARD_SOUND_SUCCESS);
  show_door (self, TRUE);
}

static void
on_scan_recorded (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  ScanJob *job = g_task_get_task_data (G_TASK (res));
  g_autoptr(LanyardDoorWindow) self = g_weak_ref_get (&job->self);
  g_autoptr(LanyardCheckinResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* recorded (or not) whether or not the window is still there */
  result = g_task_propagate_pointer (G_TASK (res), &error);
  if (self == NULL)
    return;
  self->scanning = FALSE;
  if (self->scan_store == NULL && job->store != NULL)
    self->scan_store = g_object_ref (job->store);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "door") == 0)
    show_scan_result (self, result, error, job->request.at);
  take_next_scan (self);
}

static void
take_next_scan (LanyardDoorWindow *self)
{
  g_autoptr(GBytes) code = NULL;
  g_autoptr(GTask) task = NULL;
  WaitingScan *waiting;
  gint64 now;
  const LanyardSession *session;
  ScanJob *job;

  if (self->scanning || g_queue_is_empty (&self->scans_waiting))
    return;
  waiting = g_queue_pop_head (&self->scans_waiting);
  code = g_bytes_ref (waiting->code);
  now = waiting->at;
  waiting_scan_free (waiting);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "door") != 0)
    {
      /* left for the setup page while scans waited: they are dropped, as
       * a scan on the setup page is */
      g_queue_clear_full (&self->scans_waiting, (GDestroyNotify) waiting_scan_free);
      return;
    }

  session = lanyard_door_flow_get_session (self->flow, now);
  job = g_new0 (ScanJob, 1);
  g_weak_ref_init (&job->self, self);
  job->store = self->scan_store != NULL ? g_object_ref (self->scan_store) : NULL;
  job->path = g_strdup (lanyard_store_get_path (self->store));
  job->event = lanyard_event_ref (self->event);
  job->keys = self->keys != NULL ? g_memdup2 (self->keys, sizeof *self->keys) : NULL;
  job->code = g_steal_pointer (&code);
  job->session_id = session != NULL ? g_strdup (session->id) : NULL;
  job->device = g_strdup (device (self));
  job->request.action = lanyard_door_flow_get_action (self->flow);
  job->request.session_id = job->session_id;
  job->request.device = job->device;
  job->request.at = now;

  self->scanning = TRUE;
  task = g_task_new (NULL, NULL, on_scan_recorded, NULL);
  g_task_set_source_tag (task, take_next_scan);
  g_task_set_task_data (task, job, (GDestroyNotify) scan_job_free);
  g_task_run_in_thread (task, scan_in_thread);
}

void
lanyard_door_window_scan (LanyardDoorWindow *self,
                          const guint8      *code,
                          gsize              len)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LANYARD_IS_DOOR_WINDOW (self));
  /* Enrolment without typing: behind the PIN, the QR code of this door's
   * hub connection (lanyardctl hub add-device --qr). */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "setup") == 0 &&
      lanyard_context_is_hub_connection (code, len))
    {
      g_autofree char *words = NULL;

      if (!lanyard_context_join_hub (self->context, code, len, &error))
        {
          lanyard_sounds_play (self->sounds, LANYARD_SOUND_ERROR);
          lanyard_door_setup_page_set_hub_text (self->setup_page, error->message);
          return;
        }
      lanyard_sounds_play (self->sounds, LANYARD_SOUND_SUCCESS);
      words = g_strdup_printf (_("This door now follows the event’s hub as “%s”."),
                               lanyard_context_get_device (self->context));
      lanyard_door_setup_page_set_hub_text (self->setup_page, words);
      show_event (self);
      return;
    }
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "door") != 0)
    return;

  {
    WaitingScan *waiting = g_new0 (WaitingScan, 1);

    waiting->code = g_bytes_new (code, len);
    waiting->at = g_get_real_time ();
    g_queue_push_tail (&self->scans_waiting, waiting);
  }
  take_next_scan (self);
}

static void
on_scanned (const guint8 *code,
            gsize         len,
            gpointer      user_data)
{
  lanyard_door_window_scan (LANYARD_DOOR_WINDOW (user_data), code, len);
}

static void
on_camera_code (gpointer      user_data,
                const guint8 *code,
                gsize         len)
{
  lanyard_door_window_scan (LANYARD_DOOR_WINDOW (user_data), code, len);
}

static void
on_camera_frame (gpointer  user_data,
                 GBytes   *rgb,
                 int       width,
                 int       height,
                 int       stride)
{
  LanyardDoorWindow *self = user_data;
  g_autoptr(GdkTexture) texture = NULL;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->door_stack), "ready") != 0)
    return;
  texture = lanyard_camera_feed_texture_new (rgb, width, height, stride);
  gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (texture));
}

static void
on_camera_state (gpointer            user_data,
                 LanyardCameraState  state,
                 const char         *message)
{
  LanyardDoorWindow *self = user_data;
  const char *problem = lanyard_door_flow_camera_problem (message);

  gtk_label_set_text (self->camera_problem, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->camera_problem), problem != NULL);
}

static const LanyardCameraFeedFuncs camera_funcs = {
  .code = on_camera_code,
  .frame = on_camera_frame,
  .state = on_camera_state,
};

/* A page whose words do not fit the screen's height is measured wider
 * than the screen and cut at both sides; the result's words scroll
 * instead, which is no better at two metres: say so, for the tests. */
static void
report_misfit (LanyardDoorWindow *self,
               const char        *what,
               int                size,
               int                room)
{
  if (g_strcmp0 (self->misfit_page, self->shown_page) == 0)
    return;
  g_free (self->misfit_page);
  self->misfit_page = g_strdup (self->shown_page);
  g_message ("Door: the page %s is %d px %s on a %d px screen", self->shown_page, size, what, room);
}

static void
check_fit (LanyardDoorWindow *self)
{
  GtkStack *stacks[] = { self->stack, self->door_stack };
  GtkAdjustment *scroll = gtk_scrolled_window_get_vadjustment (self->result_scroll);

  for (guint i = 0; i < G_N_ELEMENTS (stacks); i++)
    {
      GtkWidget *page = gtk_stack_get_visible_child (stacks[i]);
      int width = gtk_widget_get_width (GTK_WIDGET (stacks[i]));

      if (page != NULL && width > 0 && gtk_widget_get_width (page) > width)
        report_misfit (self, "wide", gtk_widget_get_width (page), width);
    }
  if (gtk_widget_get_mapped (GTK_WIDGET (self->result_scroll))
      && gtk_adjustment_get_upper (scroll) > gtk_adjustment_get_page_size (scroll) + 1)
    report_misfit (self, "tall", (int) gtk_adjustment_get_upper (scroll), (int) gtk_adjustment_get_page_size (scroll));
}

/* The camera starts once the door is on screen, or behind the PIN on the
 * setup page (where it reads the door's hub connection), not before. */
static void
on_painted (gpointer data)
{
  LanyardDoorWindow *self = data;
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  check_fit (self);

  if (g_strcmp0 (page, "door") == 0 || g_strcmp0 (page, "setup") == 0)
    lanyard_camera_feed_start_soon (self->camera_feed);
}

/* The setup page left alone goes back behind the PIN, as the desk does:
 * to the door if it has a room, else to the way to the PIN. */
static void
close_setup (LanyardDoorWindow *self)
{
  lanyard_staff_lock_lock (self->setup_lock);
  gtk_stack_set_visible_child_name (self->stack, lanyard_door_flow_get_room (self->flow) != NULL ? "door" : "not-set-up");
}

/* "Synced 3 s ago", "Offline since 10:42 — 37 scans waiting": only on a
 * door that follows a hub. */
static void
show_sync (LanyardDoorWindow *self)
{
  g_autofree char *words = lanyard_context_describe_sync (self->context);

  gtk_widget_set_visible (GTK_WIDGET (self->sync_label), words != NULL);
  if (words != NULL && g_strcmp0 (gtk_label_get_text (self->sync_label), words) != 0)
    gtk_label_set_text (self->sync_label, words);
  /* behind the PIN: how to join a hub, until this door follows one */
  if (words == NULL && !self->hub_hint_shown)
    {
      lanyard_door_setup_page_set_hub_text (self->setup_page,
                                            _("To join the event’s hub, show this door’s connection QR code "
                                              "to the camera."));
      self->hub_hint_shown = TRUE;
    }
}

/* Another door of the same room, or a desk, changed who is inside: count
 * again. */
static void
on_rows_pulled (LanyardDoorWindow *self)
{
  g_clear_pointer (&self->session_id, g_free);
  self->session_id = g_strdup ("");  /* forces a count */
  show_door (self, FALSE);
}

static gboolean
on_tick (gpointer data)
{
  LanyardDoorWindow *self = data;

  if (lanyard_staff_lock_tick (self->setup_lock, g_get_monotonic_time ()))
    close_setup (self);
  lanyard_door_flow_tick (self->flow, g_get_real_time ());
  show_door (self, FALSE);
  show_sync (self);
  return G_SOURCE_CONTINUE;
}

static void
on_input (gpointer user_data)
{
  LanyardDoorWindow *self = user_data;

  lanyard_staff_lock_touch (self->setup_lock, g_get_monotonic_time ());
}

/* ------------------------------------------------------------------ */
/* Actions                                                              */

static void
open_door (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  LanyardDoorWindow *self = LANYARD_DOOR_WINDOW (widget);
  const char *room = lanyard_door_setup_page_get_room (self->setup_page);
  const char *session = lanyard_door_setup_page_get_session (self->setup_page);
  LanyardDoorDirection direction = lanyard_door_setup_page_get_direction (self->setup_page);
  static const char *const directions[] = { "toggle", "entry", "exit" };

  if (room == NULL)
    return;
  lanyard_door_flow_set_room (self->flow, room);
  lanyard_door_flow_set_session (self->flow, session);
  lanyard_door_flow_set_direction (self->flow, direction);
  /* The device comes back to this door after a restart. */
  lanyard_context_remember (self->context, "door-room", room);
  lanyard_context_remember (self->context, "door-session", session != NULL ? session : "");
  lanyard_context_remember (self->context, "door-direction", directions[direction]);
  g_clear_pointer (&self->session_id, g_free);
  lanyard_door_flow_set_counts (self->flow, 0, 0);
  self->session_id = g_strdup ("");  /* forces a count */
  close_setup (self);
  show_door (self, FALSE);
}

static void
on_unlocked (LanyardDoorWindow *self)
{
  lanyard_door_setup_page_select (self->setup_page, lanyard_door_flow_get_room (self->flow),
                                  NULL, lanyard_door_flow_get_direction (self->flow));
  lanyard_staff_lock_unlock (self->setup_lock, g_get_monotonic_time ());
  gtk_stack_set_visible_child_name (self->stack, "setup");
  show_door (self, FALSE);
}

static void
unlock (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  LanyardDoorWindow *self = LANYARD_DOOR_WINDOW (widget);

  lanyard_pin_dialog_ask (GTK_WINDOW (self), self->store, G_CALLBACK (on_unlocked), self);
}

/* ------------------------------------------------------------------ */
/* Setting up                                                           */

static LanyardDoorDirection
direction_from_string (const char *text)
{
  if (g_strcmp0 (text, "entry") == 0)
    return LANYARD_DOOR_ENTRY;
  if (g_strcmp0 (text, "exit") == 0)
    return LANYARD_DOOR_EXIT;
  return LANYARD_DOOR_TOGGLE;
}

static void
show_event (LanyardDoorWindow *self)
{
  g_autoptr(GPtrArray) rooms = lanyard_door_flow_list_rooms (self->flow);
  g_autofree char *footer = g_strdup_printf ("%s · %s", self->event->title, device (self));

  lanyard_door_setup_page_set_event (self->setup_page, self->event, rooms);
  gtk_label_set_text (self->footer, footer);
}

/* The event was loaded again (an import, a sync): its rooms and sessions
 * on the setup page, the session the clock picks, the counter. */
static void
on_event_changed (LanyardDoorWindow *self)
{
  g_clear_pointer (&self->event, lanyard_event_unref);
  self->event = lanyard_event_ref (lanyard_context_get_event (self->context));
  lanyard_door_flow_set_event (self->flow, self->event);
  show_event (self);
  lanyard_door_setup_page_select (self->setup_page, lanyard_door_flow_get_room (self->flow),
                                  NULL, lanyard_door_flow_get_direction (self->flow));
  g_clear_pointer (&self->session_id, g_free);
  self->session_id = g_strdup ("");  /* forces a count */
  show_door (self, FALSE);
}

static void
lanyard_door_window_constructed (GObject *object)
{
  LanyardDoorWindow *self = LANYARD_DOOR_WINDOW (object);
  const char *room;

  G_OBJECT_CLASS (lanyard_door_window_parent_class)->constructed (object);

  g_return_if_fail (LANYARD_IS_CONTEXT (self->context));
  self->store = lanyard_context_get_store (self->context);
  self->event = lanyard_event_ref (lanyard_context_get_event (self->context));
  self->keys = lanyard_context_get_keys (self->context);
  self->config = lanyard_context_get_config (self->context);
  g_signal_connect_object (self->context, "notify::event", G_CALLBACK (on_event_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "sync-changed", G_CALLBACK (show_sync), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "rows-pulled", G_CALLBACK (on_rows_pulled), self, G_CONNECT_SWAPPED);

  self->flow = lanyard_door_flow_new (self->event, self->event->time_zone);
  self->setup_lock = lanyard_staff_lock_new (self->config->staff_lock_seconds);
  self->sounds = lanyard_sounds_new ();
  self->camera_feed = lanyard_camera_feed_new (self->context, &camera_funcs, self);
  self->report = lanyard_page_report_new (GTK_WINDOW (self), self->config);
  lanyard_page_report_set_painted (self->report, G_CALLBACK (on_painted), self);
  lanyard_page_report_set_observer (self->report, self->observer, self->observer_data);

  show_event (self);
  lanyard_door_flow_set_direction (self->flow, direction_from_string (self->config->door_direction));
  room = self->config->door_room;
  if (room != NULL && *room != '\0')
    lanyard_door_flow_set_room (self->flow, room);
  if (self->config->door_session != NULL && *self->config->door_session != '\0'
      && !lanyard_door_flow_set_session (self->flow, self->config->door_session))
    g_message (_("There is no session “%s” in this event"), self->config->door_session);
  lanyard_door_setup_page_select (self->setup_page, lanyard_door_flow_get_room (self->flow),
                                  self->config->door_session, lanyard_door_flow_get_direction (self->flow));
  /* Without a room, nothing but the way to the PIN: the setup page comes
   * after it (on_unlocked). */
  gtk_stack_set_visible_child_name (self->stack, lanyard_door_flow_get_room (self->flow) != NULL ? "door" : "not-set-up");

  lanyard_scan_input_attach (GTK_WIDGET (self), on_scanned, on_input, self);
  lanyard_pin_dialog_attach_corner (self->staff_corner, "door.unlock");

  lanyard_screen_layout_fill_screen (GTK_WINDOW (self));
  show_door (self, FALSE);
  show_sync (self);
  self->tick_id = g_timeout_add (TICK_MS, on_tick, self);
}

static void
lanyard_door_window_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LanyardDoorWindow *self = LANYARD_DOOR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanyard_door_window_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LanyardDoorWindow *self = LANYARD_DOOR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
lanyard_door_window_close_request (GtkWindow *window)
{
  GtkApplication *app = gtk_window_get_application (window);

  /* Left only for another mode (after the staff PIN). */
  if (!LANYARD_IS_APPLICATION (app) || !lanyard_application_is_switching (LANYARD_APPLICATION (app)))
    return TRUE;
  return GTK_WINDOW_CLASS (lanyard_door_window_parent_class)->close_request (window);
}

static void
lanyard_door_window_dispose (GObject *object)
{
  LanyardDoorWindow *self = LANYARD_DOOR_WINDOW (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_queue_clear_full (&self->scans_waiting, (GDestroyNotify) waiting_scan_free);
  g_clear_object (&self->scan_store);
  g_clear_pointer (&self->camera_feed, lanyard_camera_feed_free);
  g_clear_pointer (&self->report, lanyard_page_report_free);
  g_clear_pointer (&self->sounds, lanyard_sounds_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANYARD_TYPE_DOOR_WINDOW);
  G_OBJECT_CLASS (lanyard_door_window_parent_class)->dispose (object);
}

static void
lanyard_door_window_finalize (GObject *object)
{
  LanyardDoorWindow *self = LANYARD_DOOR_WINDOW (object);

  g_clear_pointer (&self->flow, lanyard_door_flow_free);
  g_clear_pointer (&self->setup_lock, lanyard_staff_lock_free);
  g_free (self->shown_page);
  g_free (self->misfit_page);
  g_free (self->session_id);
  g_clear_pointer (&self->event, lanyard_event_unref);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (lanyard_door_window_parent_class)->finalize (object);
}

static void
lanyard_door_window_class_init (LanyardDoorWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = lanyard_door_window_constructed;
  object_class->dispose = lanyard_door_window_dispose;
  object_class->finalize = lanyard_door_window_finalize;
  object_class->set_property = lanyard_door_window_set_property;
  object_class->get_property = lanyard_door_window_get_property;
  window_class->close_request = lanyard_door_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, LANYARD_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LANYARD_TYPE_DOOR_SETUP_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/lanyard/Lanyard/door/lanyard-door-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LanyardDoorWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LanyardDoorWindow, setup_page);
  gtk_widget_class_bind_template_child (widget_class, LanyardDoorWindow, session_label);
  gtk_widget_class_bind_template_child (widget_class, LanyardDoorWindow, direction_label);
  gtk_widget_class_bind_template_child (widget_class, LanyardDoorWindow, counter_label);
  gtk_widget_class_bind_template_child (widget_class, LanyardDoorWindow, door_stack);
  gtk_widget_class_bind_template_child (widget_class, LanyardDoorWindow, preview);
  gtk_widget_class_bind_template_child (widget_class, LanyardDoorWindow, camera_problem);
  gtk_widget_class_bind_template_child (widget_class, LanyardDoorWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, LanyardDoorWindow, recent_empty);
  gtk_widget_class_bind_template_child (widget_class, LanyardDoorWindow, disclosure_starts);
  gtk_widget_class_bind_template_child (widget_class, LanyardDoorWindow, disclosure_text);
  gtk_widget_class_bind_template_child (widget_class, LanyardDoorWindow, result_box);
  gtk_widget_class_bind_template_child (widget_class, LanyardDoorWindow, result_scroll);
  gtk_widget_class_bind_template_child (widget_class, LanyardDoorWindow, result_icon);
  gtk_widget_class_bind_template_child (widget_class, LanyardDoorWindow, result_title);
  gtk_widget_class_bind_template_child (widget_class, LanyardDoorWindow, sync_label);
  gtk_widget_class_bind_template_child (widget_class, LanyardDoorWindow, result_name);
  gtk_widget_class_bind_template_child (widget_class, LanyardDoorWindow, result_detail);
  gtk_widget_class_bind_template_child (widget_class, LanyardDoorWindow, footer);
  gtk_widget_class_bind_template_child (widget_class, LanyardDoorWindow, staff_corner);

  gtk_widget_class_install_action (widget_class, "door.open", NULL, open_door);
  gtk_widget_class_install_action (widget_class, "door.unlock", NULL, unlock);
}

static void
lanyard_door_window_init (LanyardDoorWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LanyardDoorWindow *
lanyard_door_window_new (GtkApplication *app,
                         LanyardContext *context)
{
  return g_object_new (LANYARD_TYPE_DOOR_WINDOW, "application", app, "context", context, NULL);
}

void
lanyard_door_window_set_page_observer (LanyardDoorWindow *self,
                                       LanyardPageFunc    observer,
                                       gpointer           user_data)
{
  g_return_if_fail (LANYARD_IS_DOOR_WINDOW (self));
  /* "window-added" comes while the window is being made, before setup(). */
  self->observer = observer;
  self->observer_data = user_data;
  if (self->report != NULL)
    lanyard_page_report_set_observer (self->report, observer, user_data);
}

GObject *
lanyard_door_window_get_camera (LanyardDoorWindow *self)
{
  g_return_val_if_fail (LANYARD_IS_DOOR_WINDOW (self), NULL);
  return self->camera_feed != NULL ? G_OBJECT (lanyard_camera_feed_get_camera (self->camera_feed)) : NULL;
}
