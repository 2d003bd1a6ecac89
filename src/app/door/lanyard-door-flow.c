/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "lanyard-door-flow.h"

#define RECENT_MAX 10
#define RESULT_SECONDS 4

struct _LanyardDoorFlow {
  LanyardEvent        *event;   /* a reference: replaced by set_event */
  GTimeZone           *tz;
  char                *room;
  char                *session_id;  /* chosen by hand; NULL = by the clock */
  LanyardDoorDirection direction;
  LanyardDoorScan     *last;        /* on screen; NULL = ready */
  GPtrArray           *recent;      /* LanyardDoorScan*, newest first */
  GHashTable          *disclosed;   /* session ids whose disclosure was logged */
  int                  inside;
  int                  capacity;
};

static void
door_scan_free (LanyardDoorScan *scan)
{
  g_free (scan->name);
  g_free (scan->title);
  g_free (scan->detail);
  g_free (scan);
}

static GTimeZone *
time_zone_new (const char *identifier)
{
  GTimeZone *tz = g_time_zone_new_identifier (identifier != NULL ? identifier : "UTC");

  return tz != NULL ? tz : g_time_zone_new_utc ();
}

LanyardDoorFlow *
lanyard_door_flow_new (const LanyardEvent *event,
                       const char         *time_zone)
{
  LanyardDoorFlow *self = g_new0 (LanyardDoorFlow, 1);

  self->event = lanyard_event_ref (event);
  self->tz = time_zone_new (time_zone);
  self->recent = g_ptr_array_new_with_free_func ((GDestroyNotify) door_scan_free);
  self->disclosed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

void
lanyard_door_flow_free (LanyardDoorFlow *self)
{
  if (self == NULL)
    return;
  g_time_zone_unref (self->tz);
  lanyard_event_unref (self->event);
  g_free (self->room);
  g_free (self->session_id);
  g_ptr_array_unref (self->recent);
  g_hash_table_unref (self->disclosed);
  g_free (self);
}

/* The event was loaded again: rooms, sessions and times from now on come
 * from @event; the room, a chosen session (by id) and the last scans stay. */
void
lanyard_door_flow_set_event (LanyardDoorFlow    *self,
                             const LanyardEvent *event)
{
  g_return_if_fail (self != NULL && event != NULL);

  lanyard_event_unref (self->event);
  self->event = lanyard_event_ref (event);
  g_time_zone_unref (self->tz);
  self->tz = time_zone_new (event->time_zone);
}

void
lanyard_door_flow_set_room (LanyardDoorFlow *self,
                            const char      *room)
{
  if (g_strcmp0 (self->room, room) == 0)
    return;
  g_free (self->room);
  self->room = g_strdup (room);
  g_clear_pointer (&self->session_id, g_free);
  self->last = NULL;
  g_ptr_array_set_size (self->recent, 0);
}

const char *
lanyard_door_flow_get_room (LanyardDoorFlow *self)
{
  return self->room;
}

gboolean
lanyard_door_flow_set_session (LanyardDoorFlow *self,
                               const char      *session_id)
{
  const LanyardSession *session = NULL;

  if (session_id != NULL && (session = lanyard_event_find_session (self->event, session_id)) == NULL)
    return FALSE;
  g_free (self->session_id);
  self->session_id = g_strdup (session_id);
  if (session != NULL)
    {
      g_free (self->room);
      self->room = g_strdup (session->room);
    }
  return TRUE;
}

void
lanyard_door_flow_set_direction (LanyardDoorFlow      *self,
                                 LanyardDoorDirection  direction)
{
  self->direction = direction;
}

LanyardDoorDirection
lanyard_door_flow_get_direction (LanyardDoorFlow *self)
{
  return self->direction;
}

GPtrArray *
lanyard_door_flow_list_rooms (LanyardDoorFlow *self)
{
  GPtrArray *rooms = g_ptr_array_new ();

  for (guint i = 0; i < self->event->sessions->len; i++)
    {
      const LanyardSession *s = g_ptr_array_index (self->event->sessions, i);

      if (s->room != NULL && !g_ptr_array_find_with_equal_func (rooms, s->room, g_str_equal, NULL))
        g_ptr_array_add (rooms, s->room);
    }
  return rooms;
}

const LanyardSession *
lanyard_door_flow_get_session (LanyardDoorFlow *self,
                               gint64           now)
{
  if (self->session_id != NULL)
    return lanyard_event_find_session (self->event, self->session_id);
  if (self->room == NULL)
    return NULL;
  return lanyard_checkin_pick_session (self->event, self->room, now);
}

LanyardCheckinAction
lanyard_door_flow_get_action (LanyardDoorFlow *self)
{
  switch (self->direction)
    {
    case LANYARD_DOOR_ENTRY:
      return LANYARD_CHECKIN_SESSION_ENTRY;
    case LANYARD_DOOR_EXIT:
      return LANYARD_CHECKIN_SESSION_EXIT;
    case LANYARD_DOOR_TOGGLE:
    default:
      return LANYARD_CHECKIN_SESSION_TOGGLE;
    }
}

static char *
format_clock (LanyardDoorFlow *self,
              gint64           at)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, self->tz);

  return g_date_time_format (local, "%H:%M");
}

char *
lanyard_door_flow_dup_session_line (LanyardDoorFlow *self,
                                    gint64           now)
{
  const LanyardSession *s = lanyard_door_flow_get_session (self, now);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (s == NULL)
    return self->room != NULL
           ? g_strdup_printf (_("No more sessions today in %s"), self->room)
           : g_strdup (_("Choose the room this door is for"));
  from = format_clock (self, s->starts_at);
  to = format_clock (self, s->ends_at);
  return g_strdup_printf ("%s · %s–%s · %s", s->title, from, to, s->room ? s->room : "");
}

gboolean
lanyard_door_flow_shows_disclosure (LanyardDoorFlow *self,
                                    gint64           now)
{
  const LanyardSession *s = lanyard_door_flow_get_session (self, now);

  return s != NULL && s->disclosure != NULL && *s->disclosure != '\0' && now < s->starts_at;
}

gboolean
lanyard_door_flow_take_disclosure_to_log (LanyardDoorFlow *self,
                                          gint64           now)
{
  const LanyardSession *s = lanyard_door_flow_get_session (self, now);

  if (!lanyard_door_flow_shows_disclosure (self, now) || g_hash_table_contains (self->disclosed, s->id))
    return FALSE;
  g_hash_table_add (self->disclosed, g_strdup (s->id));
  return TRUE;
}

static LanyardDoorTone
tone_for (LanyardOutcome outcome)
{
  switch (outcome)
    {
    case LANYARD_OUTCOME_ENTERED:
    case LANYARD_OUTCOME_EXITED:
      return LANYARD_DOOR_TONE_GOOD;
    case LANYARD_OUTCOME_ALREADY_INSIDE:
    case LANYARD_OUTCOME_NOT_INSIDE:
      return LANYARD_DOOR_TONE_WARN;
    default:
      return LANYARD_DOOR_TONE_BAD;
    }
}

static const char *
icon_for (LanyardOutcome outcome)
{
  switch (outcome)
    {
    case LANYARD_OUTCOME_ENTERED:
      return "emblem-ok-symbolic";
    case LANYARD_OUTCOME_EXITED:
      return "system-log-out-symbolic";
    case LANYARD_OUTCOME_ALREADY_INSIDE:
    case LANYARD_OUTCOME_NOT_INSIDE:
      return "dialog-information-symbolic";
    case LANYARD_OUTCOME_FULL:
      return "system-users-symbolic";
    case LANYARD_OUTCOME_OUTSIDE_WINDOW:
    case LANYARD_OUTCOME_NO_SESSION:
      return "alarm-symbolic";
    case LANYARD_OUTCOME_NOT_CHECKED_IN:
      return "contact-new-symbolic";
    default:
      return "action-unavailable-symbolic";
    }
}

/* Words for a person two metres away: what happened, then what to do. */
static char *
detail_for (LanyardDoorFlow            *self,
            const LanyardCheckinResult *result,
            gint64                      now)
{
  const LanyardSession *s = lanyard_door_flow_get_session (self, now);

  switch (result->outcome)
    {
    case LANYARD_OUTCOME_ENTERED:
      return g_strdup (_("Enjoy the session"));
    case LANYARD_OUTCOME_EXITED:
      {
        g_autofree char *minutes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute in this session",
                                                                 "%d minutes in this session", result->minutes),
                                                    result->minutes);

        /* Let out although cancelled or with a replaced badge. */
        if (result->exit_refusal == LANYARD_OUTCOME_CANCELLED || result->exit_refusal == LANYARD_OUTCOME_REPLACED)
          /* Translators: "52 minutes in this session · Please see the registration desk" */
          return g_strdup_printf (_("%s · Please see the registration desk"), minutes);
        return g_steal_pointer (&minutes);
      }
    case LANYARD_OUTCOME_ALREADY_INSIDE:
      return g_strdup (_("This badge was just scanned in: go ahead"));
    case LANYARD_OUTCOME_NOT_INSIDE:
      return g_strdup (_("No entry was scanned for this badge, so no exit is recorded"));
    case LANYARD_OUTCOME_NOT_REGISTERED:
      return g_strdup (_("This workshop needs a ticket. The registration desk can help."));
    case LANYARD_OUTCOME_FULL:
      return result->capacity > 0
             ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The room's %d seat is taken",
                                             "All %d seats are taken", result->capacity),
                                result->capacity)
             : g_strdup (_("All seats are taken"));
    case LANYARD_OUTCOME_REPLACED:
      return g_strdup (_("Please use your newest badge. The registration desk can help."));
    case LANYARD_OUTCOME_OUTSIDE_WINDOW:
      if (s != NULL && now < s->starts_at)
        {
          g_autofree char *opens = format_clock (self, s->starts_at
                                                 - self->event->policy.entry_window_minutes * 60 * G_USEC_PER_SEC);

          return g_strdup_printf (_("Entry opens at %s"), opens);
        }
      return g_strdup (_("This session has ended"));
    case LANYARD_OUTCOME_NO_SESSION:
      return g_strdup (_("There is no session in this room now"));
    case LANYARD_OUTCOME_NOT_CHECKED_IN:
      return g_strdup (_("You have not checked in at the event yet. The registration desk will check you in."));
    case LANYARD_OUTCOME_CANCELLED:
    case LANYARD_OUTCOME_UNKNOWN:
    default:
      return g_strdup (_("Please see the registration desk"));
    }
}

static const char *
title_for (LanyardOutcome outcome)
{
  switch (outcome)
    {
    case LANYARD_OUTCOME_REPLACED:
      return _("Replaced badge");
    case LANYARD_OUTCOME_CANCELLED:
      return _("Registration cancelled");
    case LANYARD_OUTCOME_UNKNOWN:
      return _("Unknown badge");
    case LANYARD_OUTCOME_NOT_INSIDE:
      return _("No entry on record");
    case LANYARD_OUTCOME_OUTSIDE_WINDOW:
      return _("Not open for entry");
    default:
      return lanyard_outcome_to_message (outcome);
    }
}

static void
push_scan (LanyardDoorFlow *self,
           LanyardDoorScan *scan)
{
  g_ptr_array_insert (self->recent, 0, scan);
  if (self->recent->len > RECENT_MAX)
    g_ptr_array_set_size (self->recent, RECENT_MAX);
  self->last = scan;
}

void
lanyard_door_flow_scan_failed (LanyardDoorFlow *self,
                               const char      *reason,
                               gint64           now)
{
  LanyardDoorScan *scan = g_new0 (LanyardDoorScan, 1);

  scan->outcome = LANYARD_OUTCOME_UNKNOWN;
  scan->tone = LANYARD_DOOR_TONE_BAD;
  scan->at = now;
  scan->title = g_strdup (_("Not recorded"));
  /* Translators: %s says why the device could not record the scan */
  scan->detail = g_strdup_printf (_("This device could not record the scan (%s). Please tell the staff."),
                                  reason != NULL ? reason : _("no reason given"));
  scan->icon_name = "dialog-error-symbolic";
  push_scan (self, scan);
}

const char *
lanyard_door_flow_camera_problem (const char *camera_message)
{
  if (camera_message == NULL)
    return NULL;
  return _("The camera is not working. Staff: check the camera, or scan badges with a USB scanner.");
}

void
lanyard_door_flow_scan_result (LanyardDoorFlow            *self,
                               const LanyardCheckinResult *result,
                               gint64                      now)
{
  LanyardDoorScan *scan = g_new0 (LanyardDoorScan, 1);

  scan->outcome = result->outcome;
  scan->tone = tone_for (result->outcome);
  scan->at = now;
  scan->name = result->attendee != NULL ? lanyard_attendee_dup_display_name (result->attendee) : NULL;
  scan->title = g_strdup (title_for (result->outcome));
  scan->detail = detail_for (self, result, now);
  scan->icon_name = icon_for (result->outcome);

  push_scan (self, scan);

  /* Refusals of unknown badges know no session counts. */
  if (result->attendee != NULL && result->session_id != NULL)
    {
      self->inside = result->inside;
      self->capacity = result->capacity;
    }
}

void
lanyard_door_flow_set_counts (LanyardDoorFlow *self,
                              int              inside,
                              int              capacity)
{
  self->inside = inside;
  self->capacity = capacity;
}

const LanyardDoorScan *
lanyard_door_flow_get_last (LanyardDoorFlow *self)
{
  return self->last;
}

GPtrArray *
lanyard_door_flow_get_recent (LanyardDoorFlow *self)
{
  return self->recent;
}

char *
lanyard_door_flow_dup_counter (LanyardDoorFlow *self)
{
  if (self->capacity > 0)
    return g_strdup_printf (_("%d inside / %d"), self->inside, self->capacity);
  return g_strdup_printf (_("%d inside"), self->inside);
}

gboolean
lanyard_door_flow_tick (LanyardDoorFlow *self,
                        gint64           now)
{
  if (self->last != NULL && now - self->last->at >= RESULT_SECONDS * G_USEC_PER_SEC)
    {
      self->last = NULL;
      return TRUE;
    }
  return FALSE;
}
