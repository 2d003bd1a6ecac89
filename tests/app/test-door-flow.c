/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session door's screen logic without a display: the session by the
 * clock or by hand, the disclosure before the start (logged once), what
 * each scan outcome says (tone + icon + words), the counter and the last
 * ten scans.
 */
#include "config.h"

#include "lanyard-door-flow.h"

#define T0 G_GINT64_CONSTANT (1795510800000000) /* 2026-11-24 09:00 UTC */
#define AT(m) (T0 + (gint64) (m) * 60 * G_USEC_PER_SEC)

static LanyardEvent *
make_event (void)
{
  LanyardEvent *event = lanyard_event_new ();
  const struct { const char *id, *room; int start, end, capacity; const char *disclosure; } sessions[] = {
    { "S1", "Ballroom", 0, 60, 0, "Dr A has no relevant financial relationships." },
    { "S2", "Ballroom", 90, 150, 0, NULL },
    { "W1", "Salon B", 0, 120, 24, "Dr B: consulting fees from Corvanta (mitigated)." },
  };

  event->id = g_strdup ("TEST");
  event->policy.entry_window_minutes = 20;
  event->policy.repeat_seconds = 60;
  for (guint i = 0; i < G_N_ELEMENTS (sessions); i++)
    {
      LanyardSession *s = lanyard_session_new ();

      s->id = g_strdup (sessions[i].id);
      s->title = g_strdup_printf ("Session %s", sessions[i].id);
      s->room = g_strdup (sessions[i].room);
      s->starts_at = AT (sessions[i].start);
      s->ends_at = AT (sessions[i].end);
      s->capacity = sessions[i].capacity;
      s->disclosure = g_strdup (sessions[i].disclosure);
      g_ptr_array_add (event->sessions, s);
    }
  return event;
}

typedef struct {
  const char     *room;
  int             minute;
  const char     *session;   /* expected, NULL = none */
  gboolean        disclosure;
} PickCase;

static const PickCase picks[] = {
  { "Ballroom", -60, "S1", TRUE },   /* the next session, with its disclosure up */
  { "Ballroom", -5, "S1", TRUE },    /* entry window open, not started */
  { "Ballroom", 10, "S1", FALSE },   /* started: disclosure down */
  { "Ballroom", 70, "S2", FALSE },   /* between sessions: the next (no disclosure) */
  { "Ballroom", 200, NULL, FALSE },  /* nothing left today */
  { "Salon B", 30, "W1", FALSE },
  { "Nowhere", 0, NULL, FALSE },
};

static void
test_pick (gconstpointer data)
{
  const PickCase *c = data;
  g_autoptr(LanyardEvent) event = make_event ();
  g_autoptr(LanyardDoorFlow) door = lanyard_door_flow_new (event, "UTC");
  const LanyardSession *s;
  g_autofree char *line = NULL;

  lanyard_door_flow_set_room (door, c->room);
  s = lanyard_door_flow_get_session (door, AT (c->minute));
  g_assert_cmpstr (s ? s->id : NULL, ==, c->session);
  g_assert_cmpint (lanyard_door_flow_shows_disclosure (door, AT (c->minute)), ==, c->disclosure);
  line = lanyard_door_flow_dup_session_line (door, AT (c->minute));
  if (c->session != NULL)
    g_assert_nonnull (strstr (line, s->title));
  else
    g_assert_nonnull (strstr (line, c->room));
}

static void
test_manual_override (void)
{
  g_autoptr(LanyardEvent) event = make_event ();
  g_autoptr(LanyardDoorFlow) door = lanyard_door_flow_new (event, "UTC");
  g_autofree char *line = NULL;

  lanyard_door_flow_set_room (door, "Ballroom");
  g_assert_true (lanyard_door_flow_set_session (door, "S2"));
  g_assert_cmpstr (lanyard_door_flow_get_session (door, AT (10))->id, ==, "S2");
  line = lanyard_door_flow_dup_session_line (door, AT (10));
  g_assert_cmpstr (line, ==, "Session S2 · 10:30–11:30 · Ballroom");
  g_assert_false (lanyard_door_flow_set_session (door, "NOPE"));
  g_assert_cmpstr (lanyard_door_flow_get_session (door, AT (10))->id, ==, "S2");
  g_assert_true (lanyard_door_flow_set_session (door, NULL));
  g_assert_cmpstr (lanyard_door_flow_get_session (door, AT (10))->id, ==, "S1");
  /* Choosing a session chooses its room too. */
  g_assert_true (lanyard_door_flow_set_session (door, "W1"));
  g_assert_cmpstr (lanyard_door_flow_get_room (door), ==, "Salon B");
}

static void
test_disclosure_logged_once (void)
{
  g_autoptr(LanyardEvent) event = make_event ();
  g_autoptr(LanyardDoorFlow) door = lanyard_door_flow_new (event, "UTC");

  lanyard_door_flow_set_room (door, "Ballroom");
  g_assert_true (lanyard_door_flow_take_disclosure_to_log (door, AT (-30)));
  g_assert_false (lanyard_door_flow_take_disclosure_to_log (door, AT (-29)));
  g_assert_false (lanyard_door_flow_take_disclosure_to_log (door, AT (5)));
  lanyard_door_flow_set_room (door, "Salon B");
  g_assert_true (lanyard_door_flow_take_disclosure_to_log (door, AT (-10)));
}

static void
test_directions (void)
{
  g_autoptr(LanyardEvent) event = make_event ();
  g_autoptr(LanyardDoorFlow) door = lanyard_door_flow_new (event, "UTC");

  g_assert_cmpint (lanyard_door_flow_get_action (door), ==, LANYARD_CHECKIN_SESSION_TOGGLE);
  lanyard_door_flow_set_direction (door, LANYARD_DOOR_EXIT);
  g_assert_cmpint (lanyard_door_flow_get_action (door), ==, LANYARD_CHECKIN_SESSION_EXIT);
  lanyard_door_flow_set_direction (door, LANYARD_DOOR_ENTRY);
  g_assert_cmpint (lanyard_door_flow_get_action (door), ==, LANYARD_CHECKIN_SESSION_ENTRY);
}

typedef struct {
  LanyardOutcome  outcome;
  gboolean        known;      /* the code named an attendee */
  int             minutes;
  int             minute;     /* when */
  LanyardDoorTone tone;
  const char     *title;
  const char     *detail;
  LanyardOutcome  exit_refusal; /* exited although refused as this */
} ResultCase;

static const ResultCase results[] = {
  { LANYARD_OUTCOME_ENTERED, TRUE, 0, 5, LANYARD_DOOR_TONE_GOOD, "Admitted", "Enjoy the session" },
  { LANYARD_OUTCOME_EXITED, TRUE, 52, 55, LANYARD_DOOR_TONE_GOOD, "Exit recorded", "52 minutes in this session" },
  { LANYARD_OUTCOME_EXITED, TRUE, 1, 55, LANYARD_DOOR_TONE_GOOD, "Exit recorded", "1 minute in this session" },
  /* issue 22.2: let out although cancelled, and sent to the desk */
  { LANYARD_OUTCOME_EXITED, TRUE, 30, 55, LANYARD_DOOR_TONE_GOOD, "Exit recorded",
    "30 minutes in this session · Please see the registration desk", LANYARD_OUTCOME_CANCELLED },
  { LANYARD_OUTCOME_ALREADY_INSIDE, TRUE, 0, 5, LANYARD_DOOR_TONE_WARN, "Already inside", "This badge was just scanned in: go ahead" },
  { LANYARD_OUTCOME_NOT_INSIDE, TRUE, 0, 5, LANYARD_DOOR_TONE_WARN, "No entry on record", NULL },
  { LANYARD_OUTCOME_NOT_REGISTERED, TRUE, 0, 5, LANYARD_DOOR_TONE_BAD, "Not registered for this workshop", "This workshop needs a ticket. The registration desk can help." },
  { LANYARD_OUTCOME_FULL, TRUE, 0, 5, LANYARD_DOOR_TONE_BAD, "The room is full", "All 24 seats are taken" },
  { LANYARD_OUTCOME_REPLACED, FALSE, 0, 5, LANYARD_DOOR_TONE_BAD, "Replaced badge", NULL },
  { LANYARD_OUTCOME_CANCELLED, TRUE, 0, 5, LANYARD_DOOR_TONE_BAD, "Registration cancelled", "Please see the registration desk" },
  { LANYARD_OUTCOME_UNKNOWN, FALSE, 0, 5, LANYARD_DOOR_TONE_BAD, "Unknown badge", "Please see the registration desk" },
  { LANYARD_OUTCOME_OUTSIDE_WINDOW, TRUE, 0, -40, LANYARD_DOOR_TONE_BAD, "Not open for entry", "Entry opens at 08:40" },
  { LANYARD_OUTCOME_OUTSIDE_WINDOW, TRUE, 0, 130, LANYARD_DOOR_TONE_BAD, "Not open for entry", "This session has ended" },
  { LANYARD_OUTCOME_NOT_CHECKED_IN, TRUE, 0, 5, LANYARD_DOOR_TONE_BAD, "Please check in first", "You have not checked in at the event yet. The registration desk will check you in." },
};

static void
test_result (gconstpointer data)
{
  const ResultCase *c = data;
  g_autoptr(LanyardEvent) event = make_event ();
  g_autoptr(LanyardDoorFlow) door = lanyard_door_flow_new (event, "UTC");
  g_autoptr(LanyardAttendee) jane = lanyard_attendee_new ();
  LanyardCheckinResult result = { 0 };
  const LanyardDoorScan *shown;
  g_autofree char *counter = NULL;

  jane->first_name = g_strdup ("Jane");
  jane->last_name = g_strdup ("Smith");
  jane->credentials = g_strdup ("MD");
  lanyard_door_flow_set_session (door, "W1");

  result.outcome = c->outcome;
  result.attendee = c->known ? jane : NULL;
  result.session_id = (char *) "W1";
  result.minutes = c->minutes;
  result.exit_refusal = c->exit_refusal;
  result.inside = 7;
  result.capacity = 24;
  lanyard_door_flow_scan_result (door, &result, AT (c->minute));

  shown = lanyard_door_flow_get_last (door);
  g_assert_nonnull (shown);
  g_assert_cmpint (shown->tone, ==, c->tone);
  g_assert_cmpstr (shown->title, ==, c->title);
  if (c->detail != NULL)
    g_assert_cmpstr (shown->detail, ==, c->detail);
  g_assert_nonnull (shown->detail);
  g_assert_nonnull (shown->icon_name);
  g_assert_cmpstr (shown->name, ==, c->known ? "Jane Smith, MD" : NULL);
  /* sent to the desk to check in: a person's card, not a "no entry" sign */
  if (c->outcome == LANYARD_OUTCOME_NOT_CHECKED_IN)
    g_assert_cmpstr (shown->icon_name, ==, "contact-new-symbolic");

  counter = lanyard_door_flow_dup_counter (door);
  g_assert_cmpstr (counter, ==, c->known ? "7 inside / 24" : "0 inside");

  /* The result stays up a few seconds, then the door is ready again. */
  g_assert_false (lanyard_door_flow_tick (door, AT (c->minute) + 1 * G_USEC_PER_SEC));
  g_assert_true (lanyard_door_flow_tick (door, AT (c->minute) + 5 * G_USEC_PER_SEC));
  g_assert_null (lanyard_door_flow_get_last (door));
  g_assert_cmpuint (lanyard_door_flow_get_recent (door)->len, ==, 1);
}

static void
test_recent_ten (void)
{
  g_autoptr(LanyardEvent) event = make_event ();
  g_autoptr(LanyardDoorFlow) door = lanyard_door_flow_new (event, "UTC");
  LanyardCheckinResult result = { 0 };
  GPtrArray *recent;

  for (int i = 0; i < 14; i++)
    {
      result.outcome = i % 2 ? LANYARD_OUTCOME_ENTERED : LANYARD_OUTCOME_UNKNOWN;
      lanyard_door_flow_scan_result (door, &result, AT (i));
    }
  recent = lanyard_door_flow_get_recent (door);
  g_assert_cmpuint (recent->len, ==, 10);
  /* Newest first. */
  g_assert_cmpint (((LanyardDoorScan *) g_ptr_array_index (recent, 0))->at, ==, AT (13));
  g_assert_cmpint (((LanyardDoorScan *) g_ptr_array_index (recent, 9))->at, ==, AT (4));
  /* A new scan replaces what is on screen at once. */
  g_assert_cmpint (lanyard_door_flow_get_last (door)->at, ==, AT (13));
}

/* A scan the database refused is not passed off as an unknown badge. */
static void
test_scan_failed (void)
{
  g_autoptr(LanyardEvent) event = make_event ();
  g_autoptr(LanyardDoorFlow) door = lanyard_door_flow_new (event, "UTC");
  const LanyardDoorScan *shown;

  lanyard_door_flow_scan_failed (door, "The database refused the change (disk I/O error). Nothing was changed.", AT (3));
  shown = lanyard_door_flow_get_last (door);
  g_assert_nonnull (shown);
  g_assert_cmpint (shown->tone, ==, LANYARD_DOOR_TONE_BAD);
  g_assert_cmpstr (shown->title, ==, "Not recorded");
  g_assert_nonnull (strstr (shown->detail, "disk I/O error"));
  g_assert_nonnull (strstr (shown->detail, "tell the staff"));
  g_assert_null (shown->name);
  g_assert_cmpuint (lanyard_door_flow_get_recent (door)->len, ==, 1);
}

static void
test_rooms (void)
{
  g_autoptr(LanyardEvent) event = make_event ();
  g_autoptr(LanyardDoorFlow) door = lanyard_door_flow_new (event, "UTC");
  g_autoptr(GPtrArray) rooms = lanyard_door_flow_list_rooms (door);

  g_assert_cmpuint (rooms->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (rooms, 0), ==, "Ballroom");
  g_assert_cmpstr (g_ptr_array_index (rooms, 1), ==, "Salon B");
}

/* The camera's own words are the kiosk's ("find yourself by name"); a door
 * has no search, so it tells the staff what to do instead. */
static void
test_camera_problem (void)
{
  const char *camera_says[] = {
    "The camera is not working. You can still find yourself by name.",
    "No camera found. You can still find yourself by name.",
  };

  g_assert_null (lanyard_door_flow_camera_problem (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (camera_says); i++)
    {
      const char *shown = lanyard_door_flow_camera_problem (camera_says[i]);

      g_assert_cmpstr (shown, ==, "The camera is not working. "
                       "Staff: check the camera, or scan badges with a USB scanner.");
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (picks); i++)
    {
      g_autofree char *path = g_strdup_printf ("/door/pick/%s/%d", picks[i].room, picks[i].minute);

      g_strdelimit (path, " ", '-');
      g_test_add_data_func (path, &picks[i], test_pick);
    }
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autofree char *path = g_strdup_printf ("/door/result/%02u-%s", i, lanyard_outcome_to_string (results[i].outcome));

      g_test_add_data_func (path, &results[i], test_result);
    }
  g_test_add_func ("/door/manual-override", test_manual_override);
  g_test_add_func ("/door/disclosure-logged-once", test_disclosure_logged_once);
  g_test_add_func ("/door/directions", test_directions);
  g_test_add_func ("/door/recent-ten", test_recent_ten);
  g_test_add_func ("/door/rooms", test_rooms);
  g_test_add_func ("/door/scan-failed", test_scan_failed);
  g_test_add_func ("/door/camera-problem", test_camera_problem);
  return g_test_run ();
}
