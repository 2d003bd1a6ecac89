/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lanyard-application.h"
#include "lanyard-checkin.h"
#include "lanyard-keyboard.h"
#include "lanyard-language.h"
#include "lanyard-last4.h"
#include "lanyard-pin-dialog.h"
#include "lanyard-scan-input.h"
#include "lanyard-screen-layout.h"
#include "lanyard-store-work.h"
#include "lanyard-kiosk-window-private.h"

#define TICK_MS 250

G_DEFINE_FINAL_TYPE (LanyardKioskWindow, lanyard_kiosk_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_PRINTER_CHECK_SECONDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ */
/* Drawing the flow                                                     */

static const char *
message_kind (LanyardKioskPage page,
              LanyardRefusal   refusal)
{
  switch (page)
    {
    case LANYARD_KIOSK_PRINTING:
      return "working";
    case LANYARD_KIOSK_COLLECT:
      return "success";
    case LANYARD_KIOSK_REFUSED:
      /* Amber: the attendee is known and nothing is wrong with the kiosk;
       * red: we cannot help them here. */
      switch (refusal)
        {
        case LANYARD_REFUSAL_ALREADY_PRINTED:
        case LANYARD_REFUSAL_REPLACED:
        case LANYARD_REFUSAL_NEEDS_DESK:
          return "warning";
        case LANYARD_REFUSAL_NONE:
        case LANYARD_REFUSAL_CANCELLED:
        case LANYARD_REFUSAL_UNKNOWN:
        case LANYARD_REFUSAL_PRINTER:
        case LANYARD_REFUSAL_DEVICE:
        default:
          return "error";
        }
    case LANYARD_KIOSK_WELCOME:
    case LANYARD_KIOSK_SEARCH:
    case LANYARD_KIOSK_VERIFY:
    case LANYARD_KIOSK_CONFIRM:
    default:
      return NULL;
    }
}

static char *
dup_page_name (LanyardKioskWindow *self)
{
  LanyardKioskPage page = lanyard_kiosk_flow_get_page (self->flow);

  if (page == LANYARD_KIOSK_REFUSED)
    return g_strdup_printf ("refused:%s", lanyard_refusal_to_string (lanyard_kiosk_flow_get_refusal (self->flow)));
  if (page == LANYARD_KIOSK_CLAIM)
    return g_strdup_printf ("claim:%s", lanyard_claim_step_to_string (lanyard_claim_page_get_step (self->claim_page)));
  if (page == LANYARD_KIOSK_WELCOME && lanyard_kiosk_flow_get_claiming (self->flow))
    return g_strdup ("welcome:claim");
  return g_strdup (lanyard_kiosk_page_to_string (page));
}

static void
report_page (LanyardKioskWindow *self)
{
  g_autofree char *name = dup_page_name (self);

  lanyard_page_report_page (self->report, name);
}

static void
page_changed (LanyardKioskWindow    *self,
              LanyardKioskPage  page)
{
  switch (page)
    {
    case LANYARD_KIOSK_WELCOME:
      /* The next person must not find the last one's search, name or
       * affiliation, even on a page not shown. */
      lanyard_search_page_reset (self->search_page);
      lanyard_verify_page_reset (self->verify_page);
      lanyard_confirm_page_reset (self->confirm_page);
      lanyard_claim_page_reset (self->claim_page);
      lanyard_message_page_set (self->printing_page, NULL, NULL, "", "");
      lanyard_message_page_set (self->collect_page, NULL, NULL, "", "");
      lanyard_message_page_set (self->refused_page, NULL, NULL, "", "");
      break;
    case LANYARD_KIOSK_SEARCH:
      lanyard_search_page_focus (self->search_page);
      break;
    case LANYARD_KIOSK_VERIFY:
      lanyard_verify_page_focus (self->verify_page);
      break;
    case LANYARD_KIOSK_CLAIM:
      lanyard_sounds_play (self->sounds, LANYARD_SOUND_SUCCESS);
      /* reports the page itself, once the transcript is there */
      lanyard_claim_page_show (self->claim_page, self->store, self->event, self->config,
                               lanyard_context_get_device (self->context),
                               lanyard_kiosk_flow_get_attendee (self->flow));
      return;
    case LANYARD_KIOSK_CONFIRM:
    case LANYARD_KIOSK_COLLECT:
      lanyard_sounds_play (self->sounds, LANYARD_SOUND_SUCCESS);
      break;
    case LANYARD_KIOSK_REFUSED:
      lanyard_sounds_play (self->sounds, LANYARD_SOUND_ERROR);
      break;
    case LANYARD_KIOSK_PRINTING:
    default:
      break;
    }
  report_page (self);
}

void
_lanyard_kiosk_window_show_flow (LanyardKioskWindow *self)
{
  LanyardKioskFlow *flow = self->flow;
  LanyardKioskPage page = lanyard_kiosk_flow_get_page (flow);
  LanyardRefusal refusal = lanyard_kiosk_flow_get_refusal (flow);
  const char *title = lanyard_kiosk_flow_get_title (flow);
  const char *message = lanyard_kiosk_flow_get_message (flow);
  const char *icon = lanyard_kiosk_flow_get_icon_name (flow);
  const LanyardAttendee *attendee = lanyard_kiosk_flow_get_attendee (flow);
  LanyardMessagePage *message_page = NULL;

  switch (page)
    {
    case LANYARD_KIOSK_VERIFY:
      lanyard_verify_page_set_texts (self->verify_page, title, message);
      break;
    case LANYARD_KIOSK_CONFIRM:
      {
        g_autofree char *latin_name = attendee ? lanyard_attendee_dup_latin_name (attendee) : NULL;

        lanyard_confirm_page_set_texts (self->confirm_page, title, attendee ? attendee->affiliation : NULL, message);
        lanyard_confirm_page_set_latin_name (self->confirm_page, latin_name);
      }
      lanyard_confirm_page_set_countdown (self->confirm_page,
                                          lanyard_kiosk_flow_get_countdown (flow, g_get_monotonic_time ()));
      break;
    case LANYARD_KIOSK_PRINTING:
      message_page = self->printing_page;
      break;
    case LANYARD_KIOSK_COLLECT:
      message_page = self->collect_page;
      break;
    case LANYARD_KIOSK_REFUSED:
      message_page = self->refused_page;
      break;
    case LANYARD_KIOSK_WELCOME:
    case LANYARD_KIOSK_SEARCH:
    default:
      break;
    }
  if (message_page != NULL)
    {
      lanyard_message_page_set (message_page, message_kind (page, refusal), icon, title, message);
      lanyard_message_page_set_busy (message_page, page == LANYARD_KIOSK_PRINTING);
    }
  gtk_stack_set_visible_child_name (self->stack, lanyard_kiosk_page_to_string (page));

  if (page != self->shown_page || refusal != self->shown_refusal
      || (page == LANYARD_KIOSK_WELCOME && lanyard_kiosk_flow_get_claiming (flow) != self->shown_claiming))
    {
      self->shown_page = page;
      self->shown_refusal = refusal;
      self->shown_claiming = lanyard_kiosk_flow_get_claiming (flow);
      lanyard_welcome_page_set_claiming (self->welcome_page, self->shown_claiming);
      page_changed (self, page);
    }

  if (lanyard_kiosk_flow_should_print (flow))
    _lanyard_kiosk_window_start_print (self);
}

/* ------------------------------------------------------------------ */
/* Test hooks: page log and screenshots, once the page is on screen     */

/* The camera starts once the kiosk is on screen: the welcome page is
 * drawn before any code can arrive. */
static void
on_painted (gpointer data)
{
  LanyardKioskWindow *self = data;

  lanyard_camera_feed_start_soon (self->camera_feed);
}

static void
on_page_reported (GtkWindow  *window,
                  const char *page,
                  gint64      painted_at,
                  gpointer    user_data)
{
  LanyardKioskWindow *self = LANYARD_KIOSK_WINDOW (window);

  if (self->observer != NULL)
    self->observer (window, page, painted_at, self->observer_data);
}

/* ------------------------------------------------------------------ */
/* Inputs                                                               */

static void
touch (LanyardKioskWindow *self)
{
  self->touched_at = g_get_monotonic_time ();
  lanyard_kiosk_flow_touch (self->flow, self->touched_at);
}

/* A scanned code (or the person picked from a search) is looked up on a
 * worker thread with a connection of its own (lanyard-store-work.h): the
 * check-in rules' reads, the refusal logged at once when there is one,
 * and the last-four tries the registration has left. A database another
 * process holds (an import, a backup, rows from the hub) must not freeze
 * the kiosk. The confirm page decides without logging: nothing is
 * recorded for someone who taps "Not me". One lookup at a time; its
 * answer is shown only if the kiosk is still where the code was taken. */
typedef struct {
  LanyardEvent     *event;
  LanyardBadgeKeys *keys;         /* a copy, or NULL */
  char             *device;
  GBytes           *code;         /* NULL: @attendee_id's own code */
  gint64            attendee_id;
  gboolean          from_search;
  guint             flow_serial;
  LanyardKioskPage  page;
} Lookup;

typedef struct {
  LanyardCheckinResult *result;
  guint                 tries_left;
} LookupResult;

static void
lookup_free (Lookup *lookup)
{
  lanyard_event_unref (lookup->event);
  lanyard_badge_keys_free (lookup->keys);
  g_free (lookup->device);
  g_clear_pointer (&lookup->code, g_bytes_unref);
  g_free (lookup);
}

static void
lookup_result_free (LookupResult *found)
{
  g_clear_pointer (&found->result, lanyard_checkin_result_free);
  g_free (found);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LookupResult, lookup_result_free)

static gpointer
lookup_run (LanyardStore  *store,
            gpointer       data,
            GError       **error)
{
  Lookup *lookup = data;
  LanyardCheckinRequest request = {
    .action = LANYARD_CHECKIN_EVENT,
    .device = lookup->device,
    .dry_run = TRUE,
  };
  g_autoptr(LanyardAttendee) attendee = NULL;
  LookupResult *found;
  const guint8 *code;
  gsize len;

  if (lookup->code == NULL)
    {
      if ((attendee = lanyard_store_get_attendee (store, lookup->attendee_id, error)) == NULL)
        return NULL;
      lookup->code = g_bytes_new (attendee->ticket_code, strlen (attendee->ticket_code));
    }
  code = g_bytes_get_data (lookup->code, &len);
  found = g_new0 (LookupResult, 1);
  found->result = lanyard_checkin_perform (store, lookup->event, lookup->keys, code, len, &request, error);
  if (found->result == NULL)
    {
      lookup_result_free (found);
      return NULL;
    }
  /* a refusal is logged at once */
  if (found->result->outcome != LANYARD_OUTCOME_CHECKED_IN)
    {
      g_autoptr(GError) log_error = NULL;
      LanyardCheckinResult *logged;

      request.dry_run = FALSE;
      logged = lanyard_checkin_perform (store, lookup->event, lookup->keys, code, len, &request, &log_error);
      if (logged != NULL)
        {
          lanyard_checkin_result_free (found->result);
          found->result = logged;
        }
      else
        g_message ("Check-in not logged: %s", log_error->message);
    }
  /* from the store: searching the same name again gives none back (the
   * last four are asked only after a search, never after a scan) */
  if (lookup->from_search && found->result->attendee != NULL)
    found->tries_left = lanyard_store_last4_tries_left (store, found->result->attendee->id, g_get_real_time ());
  return found;
}

/* Wrong last fours still on their way to the database: a lookup's
 * count of tries left does not have them yet. */
static guint
last4_pending (LanyardKioskWindow *self,
               gint64              attendee_id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->last4_pending, &attendee_id));
}

static void
on_looked_up (gpointer      owner,
              gpointer      result,
              const GError *error,
              gpointer      data)
{
  LanyardKioskWindow *self = owner;
  g_autoptr(LookupResult) found = result;
  Lookup *lookup = data;

  self->looking_up = FALSE;
  /* Staff are at the PIN pad, or the kiosk moved on (left alone, another
   * page, another flow): this answer is for nobody. */
  if (self->pin_pad != NULL || self->flow_serial != lookup->flow_serial
      || lanyard_kiosk_flow_get_page (self->flow) != lookup->page
      || !lanyard_kiosk_flow_takes_scans (self->flow, lookup->from_search))
    return;
  if (found == NULL)
    {
      g_message ("Check-in: %s", error != NULL ? error->message : "?");
      lanyard_kiosk_flow_scan_failed (self->flow, error != NULL ? error->message : NULL, g_get_monotonic_time ());
      _lanyard_kiosk_window_show_flow (self);
      return;
    }
  lanyard_kiosk_flow_scan_result (self->flow, found->result, lookup->from_search, g_get_monotonic_time ());
  if (lanyard_kiosk_flow_get_page (self->flow) == LANYARD_KIOSK_VERIFY && found->result->attendee != NULL)
    {
      guint pending = last4_pending (self, found->result->attendee->id);

      lanyard_kiosk_flow_set_verify_tries (self->flow, found->tries_left - MIN (pending, found->tries_left),
                                           g_get_monotonic_time ());
    }
  _lanyard_kiosk_window_show_flow (self);
}

static void
look_up (LanyardKioskWindow *self,
         GBytes             *code,
         gint64              attendee_id,
         gboolean            from_search)
{
  Lookup *lookup;

  /* Staff are at the PIN pad: nobody is checked in behind it. */
  if (self->pin_pad != NULL || self->looking_up)
    return;
  if (!lanyard_kiosk_flow_takes_scans (self->flow, from_search))
    return;
  lookup = g_new0 (Lookup, 1);
  lookup->event = lanyard_event_ref (self->event);
  lookup->keys = self->keys != NULL ? g_memdup2 (self->keys, sizeof *self->keys) : NULL;
  lookup->device = g_strdup (lanyard_context_get_device (self->context));
  lookup->code = code != NULL ? g_bytes_ref (code) : NULL;
  lookup->attendee_id = attendee_id;
  lookup->from_search = from_search;
  lookup->flow_serial = self->flow_serial;
  lookup->page = lanyard_kiosk_flow_get_page (self->flow);
  self->looking_up = TRUE;
  lanyard_store_work_async (self->store, self, lookup_run, (GDestroyNotify) lookup_result_free, on_looked_up,
                            lookup, (GDestroyNotify) lookup_free, self->cancellable);
}

static void
handle_code (LanyardKioskWindow *self,
             const guint8  *code,
             gsize          len,
             gboolean       from_search)
{
  g_autoptr(GBytes) bytes = g_bytes_new (code, len);

  look_up (self, bytes, 0, from_search);
}

LanyardKioskPage
lanyard_kiosk_window_get_page (LanyardKioskWindow *self)
{
  g_return_val_if_fail (LANYARD_IS_KIOSK_WINDOW (self), LANYARD_KIOSK_WELCOME);
  return lanyard_kiosk_flow_get_page (self->flow);
}

static void
on_camera_code (gpointer      user_data,
                const guint8 *code,
                gsize         len)
{
  handle_code (LANYARD_KIOSK_WINDOW (user_data), code, len, FALSE);
}

static void
on_camera_frame (gpointer  user_data,
                 GBytes   *rgb,
                 int       width,
                 int       height,
                 int       stride)
{
  LanyardKioskWindow *self = user_data;

  if (lanyard_kiosk_flow_get_page (self->flow) == LANYARD_KIOSK_WELCOME)
    lanyard_welcome_page_set_frame (self->welcome_page, rgb, width, height, stride);
}

static void
on_camera_state (gpointer            user_data,
                 LanyardCameraState  state,
                 const char         *message)
{
  LanyardKioskWindow *self = user_data;

  lanyard_welcome_page_set_camera_message (self->welcome_page, message);
}

static void
on_scanned (const guint8 *code,
            gsize         len,
            gpointer      user_data)
{
  handle_code (LANYARD_KIOSK_WINDOW (user_data), code, len, FALSE);
}

static void
on_input (gpointer user_data)
{
  touch (LANYARD_KIOSK_WINDOW (user_data));
}

static LanyardKioskFlow *
flow_new (LanyardKioskWindow *self)
{
  const LanyardPolicy *policy = &self->event->policy;

  LanyardKioskFlow *flow =
    lanyard_kiosk_flow_new (lanyard_kiosk_choice_resolve (self->config->verify_last4, policy->verify_last4),
                            lanyard_kiosk_choice_resolve (self->config->tap_to_print, policy->tap_to_print),
                            self->config->idle_seconds, self->event->time_zone);

  lanyard_kiosk_flow_set_claim_first (flow, self->config->claim_first);
  self->flow_serial++;
  return flow;
}

/* Between people (on the welcome page, nothing printing) the flow is
 * made again from the event's policy (last-four check, tap to print). */
static void
renew_flow_between_people (LanyardKioskWindow *self)
{
  if (!self->flow_stale || self->printing
      || lanyard_kiosk_flow_get_page (self->flow) != LANYARD_KIOSK_WELCOME)
    return;
  g_clear_pointer (&self->flow, lanyard_kiosk_flow_free);
  self->flow = flow_new (self);
  self->flow_stale = FALSE;
}

/* The kiosk in @language (NULL: the event's, the one it started in): the
 * application builds it again in its place, on the welcome page. */
static void
speak (LanyardKioskWindow    *self,
       const LanyardLanguage *language)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  lanyard_language_apply (language);
  if (LANYARD_IS_APPLICATION (app))
    lanyard_application_show_mode (LANYARD_APPLICATION (app), "kiosk", FALSE);
}

/* An attendee's language lasts while they use the kiosk: left alone on
 * the welcome page (the idle reset brings any page there), it speaks the
 * event's again. */
static gboolean
back_to_event_language (LanyardKioskWindow *self,
                        gint64              now)
{
  if (lanyard_language_get_current () == lanyard_language_get_default ()
      || self->printing || lanyard_kiosk_flow_get_page (self->flow) != LANYARD_KIOSK_WELCOME
      || now - self->touched_at < (gint64) self->config->idle_seconds * G_USEC_PER_SEC)
    return FALSE;
  speak (self, NULL);
  return TRUE;
}

static gboolean
on_tick (gpointer data)
{
  LanyardKioskWindow *self = data;
  gint64 now = g_get_monotonic_time ();

  if (back_to_event_language (self, now))
    return G_SOURCE_CONTINUE;
  renew_flow_between_people (self);
  if (lanyard_kiosk_flow_tick (self->flow, now))
    _lanyard_kiosk_window_show_flow (self);
  else if (lanyard_kiosk_flow_get_page (self->flow) == LANYARD_KIOSK_CONFIRM)
    lanyard_confirm_page_set_countdown (self->confirm_page, lanyard_kiosk_flow_get_countdown (self->flow, now));
  return G_SOURCE_CONTINUE;
}

/* ------------------------------------------------------------------ */
/* Actions                                                              */

static void
find_by_name (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LanyardKioskWindow *self = LANYARD_KIOSK_WINDOW (widget);

  lanyard_kiosk_flow_find_by_name (self->flow, g_get_monotonic_time ());
  _lanyard_kiosk_window_show_flow (self);
}

static void
confirm (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  LanyardKioskWindow *self = LANYARD_KIOSK_WINDOW (widget);

  lanyard_kiosk_flow_confirm (self->flow, g_get_monotonic_time ());
  _lanyard_kiosk_window_show_flow (self);
}

/* "Not me", "Back", "Done": back to the start, forgetting. */
static void
not_me (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  LanyardKioskWindow *self = LANYARD_KIOSK_WINDOW (widget);

  lanyard_kiosk_flow_not_me (self->flow, g_get_monotonic_time ());
  _lanyard_kiosk_window_show_flow (self);
}

/* "My credits & certificate" on the welcome page, and back. */
static void
claim_toggle (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LanyardKioskWindow *self = LANYARD_KIOSK_WINDOW (widget);

  lanyard_kiosk_flow_set_claiming (self->flow, !lanyard_kiosk_flow_get_claiming (self->flow),
                                   g_get_monotonic_time ());
  _lanyard_kiosk_window_show_flow (self);
}

/* A new step of the claim page: logged (and pictured), and counted as
 * input for the idle timer. */
static void
on_claim_step (LanyardKioskWindow *self)
{
  if (lanyard_kiosk_flow_get_page (self->flow) != LANYARD_KIOSK_CLAIM)
    return;
  touch (self);
  report_page (self);
}

/* The welcome page's language button: this attendee's language. */
static void
choose_language (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LanyardKioskWindow *self = LANYARD_KIOSK_WINDOW (widget);
  const LanyardLanguage *language = lanyard_language_find (g_variant_get_string (parameter, NULL));

  if (language == NULL || language == lanyard_language_get_current ()
      || lanyard_kiosk_flow_get_page (self->flow) != LANYARD_KIOSK_WELCOME)
    return;
  speak (self, language);
}

/* A wrong last four, written on a worker thread (lanyard-store-work.h)
 * while the kiosk goes on; until it is written, lookups count it from
 * here (last4_pending ()), and for as long as the kiosk runs if it could
 * not be. */
typedef struct {
  gint64  attendee_id;
  char   *device;
  gint64  at;
} Last4Failure;

static void
last4_failure_free (Last4Failure *failure)
{
  g_free (failure->device);
  g_free (failure);
}

static gpointer
last4_failure_run (LanyardStore  *store,
                   gpointer       data,
                   GError       **error)
{
  Last4Failure *failure = data;

  lanyard_store_add_last4_failure (store, failure->attendee_id, failure->device, failure->at, error);
  return NULL;
}

static void
on_last4_failure_written (gpointer      owner,
                          gpointer      result,
                          const GError *error,
                          gpointer      data)
{
  LanyardKioskWindow *self = owner;
  Last4Failure *failure = data;
  guint pending = last4_pending (self, failure->attendee_id);

  /* not written (the database held past the busy timeout): this kiosk
   * goes on counting it while it runs */
  if (error != NULL)
    {
      g_message ("last-four: %s", error->message);
      return;
    }
  if (pending > 1)
    g_hash_table_insert (self->last4_pending, g_memdup2 (&failure->attendee_id, sizeof (gint64)),
                         GUINT_TO_POINTER (pending - 1));
  else
    g_hash_table_remove (self->last4_pending, &failure->attendee_id);
}

static void
add_last4_failure (LanyardKioskWindow *self,
                   gint64              attendee_id)
{
  Last4Failure *failure = g_new0 (Last4Failure, 1);

  failure->attendee_id = attendee_id;
  failure->device = g_strdup (lanyard_context_get_device (self->context));
  failure->at = g_get_real_time ();
  g_hash_table_insert (self->last4_pending, g_memdup2 (&attendee_id, sizeof (gint64)),
                       GUINT_TO_POINTER (last4_pending (self, attendee_id) + 1));
  /* written whether or not the kiosk is still there */
  lanyard_store_work_async (self->store, self, last4_failure_run, NULL, on_last4_failure_written,
                            failure, (GDestroyNotify) last4_failure_free, NULL);
}

static void
verify (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  LanyardKioskWindow *self = LANYARD_KIOSK_WINDOW (widget);
  const LanyardAttendee *attendee = lanyard_kiosk_flow_get_attendee (self->flow);
  gint64 attendee_id = attendee != NULL ? attendee->id : 0;

  if (lanyard_kiosk_flow_get_page (self->flow) != LANYARD_KIOSK_VERIFY)
    return;
  if (!lanyard_kiosk_flow_verify (self->flow, lanyard_verify_page_get_code (self->verify_page),
                                  g_get_monotonic_time ()))
    {
      /* Kept for this registration, whichever visit comes next. */
      if (attendee_id > 0)
        add_last4_failure (self, attendee_id);
      /* A fresh field, the keyboard still on it. */
      lanyard_verify_page_clear (self->verify_page);
    }
  _lanyard_kiosk_window_show_flow (self);
}

static void
pick_attendee (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  look_up (LANYARD_KIOSK_WINDOW (widget), NULL, g_variant_get_int64 (parameter), TRUE);
}

/* Staff at a kiosk: the desk takes its place, open, as the PIN was
 * entered just now for it (and closes this window). */
static void
on_unlocked (LanyardKioskWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  self->unlocked = TRUE;
  if (LANYARD_IS_APPLICATION (app))
    lanyard_application_show_mode (LANYARD_APPLICATION (app), "staff", TRUE);
}

/* The pad covers the kiosk, centred, until it is answered or left alone
 * (LANYARD_PIN_DIALOG_IDLE_SECONDS); no scan counts meanwhile. */
static void
staff_unlock (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LanyardKioskWindow *self = LANYARD_KIOSK_WINDOW (widget);
  LanyardPinDialog *pad;

  if (self->pin_pad != NULL)
    return;
  pad = lanyard_pin_dialog_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (pad, "unlocked", G_CALLBACK (on_unlocked), self, G_CONNECT_SWAPPED);
  lanyard_pin_dialog_cover (pad);
  g_set_weak_pointer (&self->pin_pad, GTK_WINDOW (pad));
  gtk_window_present (GTK_WINDOW (pad));
}

/* ------------------------------------------------------------------ */
/* Setting up                                                           */

/* A letter typed into the search, however it came (a key of the
 * on-screen keyboard, a hardware keyboard, a test's tap), is someone at
 * the kiosk: the idle reset waits. */
static void
on_search_typed (LanyardKioskWindow *self)
{
  if (lanyard_kiosk_flow_get_page (self->flow) == LANYARD_KIOSK_SEARCH)
    touch (self);
}

static void
add_input_controllers (LanyardKioskWindow *self)
{
  lanyard_scan_input_attach (GTK_WIDGET (self), on_scanned, on_input, self);
  g_signal_connect_object (lanyard_search_page_get_entry (self->search_page), "changed",
                           G_CALLBACK (on_search_typed), self, G_CONNECT_SWAPPED);

  /* Staff: a long press on the top right corner asks for the PIN. */
  lanyard_pin_dialog_attach_corner (self->staff_corner, "kiosk.staff-unlock");
}

static const LanyardCameraFeedFuncs camera_funcs = {
  .code = on_camera_code,
  .frame = on_camera_frame,
  .state = on_camera_state,
};

static void
show_event (LanyardKioskWindow *self)
{
  g_autofree char *footer = g_strdup_printf ("%s · %s", self->event->title, lanyard_context_get_device (self->context));

  gtk_label_set_text (self->footer, footer);
}

/* The event was loaded again (an import, a sync): the footer follows at
 * once, the policy with the next person. */
static void
on_event_changed (LanyardKioskWindow *self)
{
  g_clear_pointer (&self->event, lanyard_event_unref);
  self->event = lanyard_event_ref (lanyard_context_get_event (self->context));
  show_event (self);
  self->flow_stale = TRUE;
  renew_flow_between_people (self);
}

static void
lanyard_kiosk_window_constructed (GObject *object)
{
  LanyardKioskWindow *self = LANYARD_KIOSK_WINDOW (object);

  G_OBJECT_CLASS (lanyard_kiosk_window_parent_class)->constructed (object);

  g_return_if_fail (LANYARD_IS_CONTEXT (self->context));
  self->store = lanyard_context_get_store (self->context);
  self->event = lanyard_event_ref (lanyard_context_get_event (self->context));
  self->keys = lanyard_context_get_keys (self->context);
  self->config = lanyard_context_get_config (self->context);
  g_signal_connect_object (self->context, "notify::event", G_CALLBACK (on_event_changed), self, G_CONNECT_SWAPPED);

  self->last4_pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->flow = flow_new (self);
  self->sounds = lanyard_sounds_new ();
  self->cancellable = g_cancellable_new ();
  self->shown_page = LANYARD_KIOSK_WELCOME;
  self->touched_at = g_get_monotonic_time ();
  self->camera_feed = lanyard_camera_feed_new (self->context, &camera_funcs, self);
  self->report = lanyard_page_report_new (GTK_WINDOW (self), self->config);
  lanyard_page_report_set_painted (self->report, G_CALLBACK (on_painted), self);
  lanyard_page_report_set_observer (self->report, on_page_reported, NULL);
  report_page (self);

  lanyard_search_page_set_store (self->search_page, self->store);
  lanyard_search_page_offer_language (self->search_page, self->event->language);
  g_signal_connect_object (self->claim_page, "step-changed", G_CALLBACK (on_claim_step), self, G_CONNECT_SWAPPED);
  self->shown_claiming = lanyard_kiosk_flow_get_claiming (self->flow);
  lanyard_welcome_page_set_claiming (self->welcome_page, self->shown_claiming);
  show_event (self);

  add_input_controllers (self);
  lanyard_screen_layout_fill_screen (GTK_WINDOW (self));
  _lanyard_kiosk_window_show_flow (self);
  self->tick_id = g_timeout_add (TICK_MS, on_tick, self);
  _lanyard_kiosk_window_watch_printer (self);
}

static void
lanyard_kiosk_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LanyardKioskWindow *self = LANYARD_KIOSK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_PRINTER_CHECK_SECONDS:
      self->printer_check_seconds = g_value_get_uint (value);
      if (self->config != NULL)
        _lanyard_kiosk_window_watch_printer (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanyard_kiosk_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LanyardKioskWindow *self = LANYARD_KIOSK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_PRINTER_CHECK_SECONDS:
      g_value_set_uint (value, self->printer_check_seconds);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
lanyard_kiosk_window_close_request (GtkWindow *window)
{
  LanyardKioskWindow *self = LANYARD_KIOSK_WINDOW (window);
  GtkApplication *app = gtk_window_get_application (window);

  /* A kiosk is left only with the staff PIN, or for a kiosk in another
   * language (the application switching windows). */
  if (!self->unlocked
      && !(LANYARD_IS_APPLICATION (app) && lanyard_application_is_switching (LANYARD_APPLICATION (app))))
    return TRUE;
  return GTK_WINDOW_CLASS (lanyard_kiosk_window_parent_class)->close_request (window);
}

static void
lanyard_kiosk_window_dispose (GObject *object)
{
  LanyardKioskWindow *self = LANYARD_KIOSK_WINDOW (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->printer_watch_id, g_source_remove);
  g_clear_weak_pointer (&self->pin_pad);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->camera_feed, lanyard_camera_feed_free);
  g_clear_pointer (&self->sounds, lanyard_sounds_free);
  g_clear_pointer (&self->report, lanyard_page_report_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), LANYARD_TYPE_KIOSK_WINDOW);
  G_OBJECT_CLASS (lanyard_kiosk_window_parent_class)->dispose (object);
}

static void
lanyard_kiosk_window_finalize (GObject *object)
{
  LanyardKioskWindow *self = LANYARD_KIOSK_WINDOW (object);

  /* Freed last: a print finishing after dispose still reads the flow and
   * the store. */
  g_clear_pointer (&self->flow, lanyard_kiosk_flow_free);
  g_clear_pointer (&self->printer_problem, g_free);
  g_clear_pointer (&self->waiting_jobs, g_array_unref);
  g_clear_pointer (&self->last4_pending, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->event, lanyard_event_unref);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (lanyard_kiosk_window_parent_class)->finalize (object);
}

static void
lanyard_kiosk_window_class_init (LanyardKioskWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = lanyard_kiosk_window_constructed;
  object_class->dispose = lanyard_kiosk_window_dispose;
  object_class->finalize = lanyard_kiosk_window_finalize;
  object_class->set_property = lanyard_kiosk_window_set_property;
  object_class->get_property = lanyard_kiosk_window_get_property;
  window_class->close_request = lanyard_kiosk_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, LANYARD_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* How often the badge printer is asked how it is (0: never). */
  properties[PROP_PRINTER_CHECK_SECONDS] =
    g_param_spec_uint ("printer-check-seconds", NULL, NULL, 0, 3600, 10,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LANYARD_TYPE_WELCOME_PAGE);
  g_type_ensure (LANYARD_TYPE_SEARCH_PAGE);
  g_type_ensure (LANYARD_TYPE_VERIFY_PAGE);
  g_type_ensure (LANYARD_TYPE_CONFIRM_PAGE);
  g_type_ensure (LANYARD_TYPE_CLAIM_PAGE);
  g_type_ensure (LANYARD_TYPE_MESSAGE_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/lanyard/Lanyard/kiosk/lanyard-kiosk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LanyardKioskWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LanyardKioskWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, LanyardKioskWindow, search_page);
  gtk_widget_class_bind_template_child (widget_class, LanyardKioskWindow, verify_page);
  gtk_widget_class_bind_template_child (widget_class, LanyardKioskWindow, confirm_page);
  gtk_widget_class_bind_template_child (widget_class, LanyardKioskWindow, claim_page);
  gtk_widget_class_bind_template_child (widget_class, LanyardKioskWindow, printing_page);
  gtk_widget_class_bind_template_child (widget_class, LanyardKioskWindow, collect_page);
  gtk_widget_class_bind_template_child (widget_class, LanyardKioskWindow, refused_page);
  gtk_widget_class_bind_template_child (widget_class, LanyardKioskWindow, staff_corner);
  gtk_widget_class_bind_template_child (widget_class, LanyardKioskWindow, footer);

  gtk_widget_class_install_action (widget_class, "kiosk.find-by-name", NULL, find_by_name);
  gtk_widget_class_install_action (widget_class, "kiosk.confirm", NULL, confirm);
  gtk_widget_class_install_action (widget_class, "kiosk.not-me", NULL, not_me);
  gtk_widget_class_install_action (widget_class, "kiosk.go-home", NULL, not_me);
  gtk_widget_class_install_action (widget_class, "kiosk.verify", NULL, verify);
  gtk_widget_class_install_action (widget_class, "kiosk.claim-toggle", NULL, claim_toggle);
  gtk_widget_class_install_action (widget_class, "kiosk.pick-attendee", "x", pick_attendee);
  gtk_widget_class_install_action (widget_class, "kiosk.staff-unlock", NULL, staff_unlock);
  gtk_widget_class_install_action (widget_class, "kiosk.language", "s", choose_language);
}

static void
lanyard_kiosk_window_init (LanyardKioskWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LanyardKioskWindow *
lanyard_kiosk_window_new (GtkApplication *app,
                    LanyardContext *context)
{
  return g_object_new (LANYARD_TYPE_KIOSK_WINDOW, "application", app, "context", context, NULL);
}

void
lanyard_kiosk_window_set_page_observer (LanyardKioskWindow      *self,
                                        LanyardPageFunc     observer,
                                  gpointer            user_data)
{
  g_return_if_fail (LANYARD_IS_KIOSK_WINDOW (self));
  self->observer = observer;
  self->observer_data = user_data;
}

GObject *
lanyard_kiosk_window_get_camera (LanyardKioskWindow *self)
{
  g_return_val_if_fail (LANYARD_IS_KIOSK_WINDOW (self), NULL);
  return self->camera_feed != NULL ? G_OBJECT (lanyard_camera_feed_get_camera (self->camera_feed)) : NULL;
}
