/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Check-in rules: the decision table row by row, then perform() against a
 * real store file.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lanyard-checkin.h"
#include "lanyard-credits.h"
#include "lanyard-error.h"
#include "lanyard-store.h"

#define M (G_USEC_PER_SEC * (gint64) 60)
#define START (G_GINT64_CONSTANT (1795510800000000))

typedef struct {
  const char          *what;
  LanyardCheckinFacts  facts;
  LanyardOutcome       outcome;
  LanyardScanKind      kind;
} DecideCase;

/* A resolved, active attendee at a non-ticketed session running now. */
#define BASE .resolved = TRUE, .has_session = TRUE, .now = START + 10 * M, .starts_at = START, \
             .ends_at = START + 60 * M, .entry_window_minutes = 20, .repeat_seconds = 60, .registered = TRUE

static const DecideCase decide_cases[] = {
  { "first arrival", { .action = LANYARD_CHECKIN_EVENT, .resolved = TRUE },
    LANYARD_OUTCOME_CHECKED_IN, LANYARD_SCAN_CHECK_IN },
  { "second arrival", { .action = LANYARD_CHECKIN_EVENT, .resolved = TRUE, .checked_in = TRUE },
    LANYARD_OUTCOME_ALREADY_CHECKED_IN, LANYARD_SCAN_CHECK_IN },
  { "unknown code", { .action = LANYARD_CHECKIN_EVENT },
    LANYARD_OUTCOME_UNKNOWN, LANYARD_SCAN_CHECK_IN },
  { "replaced badge", { .action = LANYARD_CHECKIN_EVENT, .resolved = TRUE, .replaced = TRUE },
    LANYARD_OUTCOME_REPLACED, LANYARD_SCAN_CHECK_IN },
  { "cancelled registration", { .action = LANYARD_CHECKIN_EVENT, .resolved = TRUE, .status = LANYARD_STATUS_CANCELLED },
    LANYARD_OUTCOME_CANCELLED, LANYARD_SCAN_CHECK_IN },
  { "missing licence id", { .action = LANYARD_CHECKIN_EVENT, .resolved = TRUE, .missing_required_id = TRUE },
    LANYARD_OUTCOME_NEEDS_DESK, LANYARD_SCAN_CHECK_IN },
  { "badge printed", { .action = LANYARD_CHECKIN_BADGE_PRINTED, .resolved = TRUE },
    LANYARD_OUTCOME_PRINTED, LANYARD_SCAN_BADGE_PRINTED },
  { "badge reprinted", { .action = LANYARD_CHECKIN_BADGE_REPRINTED, .resolved = TRUE, .checked_in = TRUE },
    LANYARD_OUTCOME_PRINTED, LANYARD_SCAN_BADGE_REPRINTED },
  { "door: enters", { .action = LANYARD_CHECKIN_SESSION_TOGGLE, BASE },
    LANYARD_OUTCOME_ENTERED, LANYARD_SCAN_SESSION_ENTRY },
  { "door: enters in the entry window", { .action = LANYARD_CHECKIN_SESSION_TOGGLE, BASE, .now = START - 20 * M },
    LANYARD_OUTCOME_ENTERED, LANYARD_SCAN_SESSION_ENTRY },
  { "door: too early", { .action = LANYARD_CHECKIN_SESSION_TOGGLE, BASE, .now = START - 21 * M },
    LANYARD_OUTCOME_OUTSIDE_WINDOW, LANYARD_SCAN_SESSION_ENTRY },
  { "door: after the end", { .action = LANYARD_CHECKIN_SESSION_TOGGLE, BASE, .now = START + 60 * M },
    LANYARD_OUTCOME_OUTSIDE_WINDOW, LANYARD_SCAN_SESSION_ENTRY },
  { "door: workshop without ticket", { .action = LANYARD_CHECKIN_SESSION_TOGGLE, BASE, .ticketed = TRUE, .registered = FALSE },
    LANYARD_OUTCOME_NOT_REGISTERED, LANYARD_SCAN_SESSION_ENTRY },
  { "door: workshop with ticket", { .action = LANYARD_CHECKIN_SESSION_TOGGLE, BASE, .ticketed = TRUE },
    LANYARD_OUTCOME_ENTERED, LANYARD_SCAN_SESSION_ENTRY },
  { "door: room full", { .action = LANYARD_CHECKIN_SESSION_TOGGLE, BASE, .capacity = 30, .inside = 30 },
    LANYARD_OUTCOME_FULL, LANYARD_SCAN_SESSION_ENTRY },
  { "door: last seat", { .action = LANYARD_CHECKIN_SESSION_TOGGLE, BASE, .capacity = 30, .inside = 29 },
    LANYARD_OUTCOME_ENTERED, LANYARD_SCAN_SESSION_ENTRY },
  { "door: leaves", { .action = LANYARD_CHECKIN_SESSION_TOGGLE, BASE, .is_inside = TRUE, .entered_at = START },
    LANYARD_OUTCOME_EXITED, LANYARD_SCAN_SESSION_EXIT },
  { "door: same badge twice is a repeat", { .action = LANYARD_CHECKIN_SESSION_TOGGLE, BASE, .is_inside = TRUE, .entered_at = START + 9 * M + 30 * G_USEC_PER_SEC },
    LANYARD_OUTCOME_ALREADY_INSIDE, LANYARD_SCAN_SESSION_EXIT },
  { "door: full room still lets people out", { .action = LANYARD_CHECKIN_SESSION_TOGGLE, BASE, .capacity = 30, .inside = 30, .is_inside = TRUE, .entered_at = START },
    LANYARD_OUTCOME_EXITED, LANYARD_SCAN_SESSION_EXIT },
  { "door: explicit entry while inside", { .action = LANYARD_CHECKIN_SESSION_ENTRY, BASE, .is_inside = TRUE, .entered_at = START },
    LANYARD_OUTCOME_ALREADY_INSIDE, LANYARD_SCAN_SESSION_ENTRY },
  { "door: exit of someone not inside", { .action = LANYARD_CHECKIN_SESSION_EXIT, BASE },
    LANYARD_OUTCOME_NOT_INSIDE, LANYARD_SCAN_SESSION_EXIT },
  { "door: no session in the room", { .action = LANYARD_CHECKIN_SESSION_TOGGLE, .resolved = TRUE },
    LANYARD_OUTCOME_NO_SESSION, LANYARD_SCAN_SESSION_ENTRY },
  { "door: replaced badge", { .action = LANYARD_CHECKIN_SESSION_TOGGLE, BASE, .replaced = TRUE },
    LANYARD_OUTCOME_REPLACED, LANYARD_SCAN_SESSION_ENTRY },
  { "door: cancelled", { .action = LANYARD_CHECKIN_SESSION_TOGGLE, BASE, .status = LANYARD_STATUS_CANCELLED },
    LANYARD_OUTCOME_CANCELLED, LANYARD_SCAN_SESSION_ENTRY },
  { "door: unknown", { .action = LANYARD_CHECKIN_SESSION_TOGGLE, BASE, .resolved = FALSE },
    LANYARD_OUTCOME_UNKNOWN, LANYARD_SCAN_SESSION_ENTRY },
  /* issue 20.4: only a toggle door judges repeats */
  { "door: explicit exit 30 s after the entry is an exit", { .action = LANYARD_CHECKIN_SESSION_EXIT, BASE, .is_inside = TRUE, .entered_at = START + 9 * M + 30 * G_USEC_PER_SEC },
    LANYARD_OUTCOME_EXITED, LANYARD_SCAN_SESSION_EXIT },
  /* issue 22.1: presenters and staff are never shut out */
  { "door: presenter at a full room", { .action = LANYARD_CHECKIN_SESSION_TOGGLE, BASE, .capacity = 30, .inside = 30, .exempt_from_capacity = TRUE },
    LANYARD_OUTCOME_ENTERED, LANYARD_SCAN_SESSION_ENTRY },
  /* issue 22.2: an exit is never refused */
  { "door: cancelled while inside, leaving", { .action = LANYARD_CHECKIN_SESSION_TOGGLE, BASE, .is_inside = TRUE, .entered_at = START, .status = LANYARD_STATUS_CANCELLED },
    LANYARD_OUTCOME_EXITED, LANYARD_SCAN_SESSION_EXIT },
  { "door: replaced badge, explicit exit", { .action = LANYARD_CHECKIN_SESSION_EXIT, BASE, .is_inside = TRUE, .entered_at = START, .replaced = TRUE },
    LANYARD_OUTCOME_EXITED, LANYARD_SCAN_SESSION_EXIT },
  { "door: cancelled, not inside, entering", { .action = LANYARD_CHECKIN_SESSION_ENTRY, BASE, .status = LANYARD_STATUS_CANCELLED },
    LANYARD_OUTCOME_CANCELLED, LANYARD_SCAN_SESSION_ENTRY },
  { "door: not checked in at the event, policy on", { .action = LANYARD_CHECKIN_SESSION_TOGGLE, BASE, .require_check_in = TRUE },
    LANYARD_OUTCOME_NOT_CHECKED_IN, LANYARD_SCAN_SESSION_ENTRY },
  { "door: checked in at the event, policy on", { .action = LANYARD_CHECKIN_SESSION_TOGGLE, BASE, .require_check_in = TRUE, .checked_in = TRUE },
    LANYARD_OUTCOME_ENTERED, LANYARD_SCAN_SESSION_ENTRY },
  { "door: not checked in, policy off", { .action = LANYARD_CHECKIN_SESSION_TOGGLE, BASE },
    LANYARD_OUTCOME_ENTERED, LANYARD_SCAN_SESSION_ENTRY },
  { "door: not checked in, leaving is still an exit", { .action = LANYARD_CHECKIN_SESSION_TOGGLE, BASE, .require_check_in = TRUE, .is_inside = TRUE, .entered_at = START },
    LANYARD_OUTCOME_EXITED, LANYARD_SCAN_SESSION_EXIT },
};

static void
test_decide (gconstpointer data)
{
  const DecideCase *c = data;
  LanyardScanKind kind;

  g_test_message ("%s", c->what);
  g_assert_cmpstr (lanyard_outcome_to_string (lanyard_checkin_decide (&c->facts, &kind)), ==,
                   lanyard_outcome_to_string (c->outcome));
  g_assert_cmpint (kind, ==, c->kind);
}

/* ---- perform() on a real database ---- */

typedef struct {
  char             *dir;
  LanyardStore     *store;
  LanyardEvent     *event;
  LanyardBadgeKeys *keys;
} Fixture;

static LanyardAttendee *
make_attendee (const char *ticket,
               const char *first,
               const char *last,
               const char *profession)
{
  LanyardAttendee *a = lanyard_attendee_new ();

  a->ticket_code = g_strdup (ticket);
  a->first_name = g_strdup (first);
  a->last_name = g_strdup (last);
  a->profession = g_strdup (profession);
  return a;
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  LanyardSession *s;
  LanyardCreditType *t;
  const char *workshop[] = { "W1", NULL };
  struct { const char *ticket, *first, *last, *prof; gboolean workshop; } people[] = {
    { "T-1", "Jane", "Smith", "physician", FALSE },
    { "T-2", "Ahmed", "Haddad", "physician", TRUE },
    { "T-3", "Paul", "Nguyen", "pharmacist", FALSE },
  };

  fx->dir = g_dir_make_tmp ("lanyard-checkin-XXXXXX", NULL);
  path = g_build_filename (fx->dir, "test.db", NULL);
  fx->store = lanyard_store_open (path, &error);
  g_assert_no_error (error);

  fx->event = lanyard_event_new ();
  fx->event->id = g_strdup ("EV");
  fx->event->title = g_strdup ("Test event");
  fx->event->time_zone = g_strdup ("UTC");
  fx->event->provider = g_strdup ("Provider");
  t = lanyard_credit_type_new ();
  t->code = g_strdup ("ACPE");
  t->label = g_strdup ("ACPE");
  t->professions = g_strsplit ("pharmacist", ",", -1);
  t->required_ids = g_strsplit ("nabp_eprofile", ",", -1);
  g_ptr_array_add (fx->event->credit_types, t);
  s = lanyard_session_new ();
  s->id = g_strdup ("S1");
  s->title = g_strdup ("Plenary");
  s->room = g_strdup ("Hall");
  s->starts_at = START;
  s->ends_at = START + 60 * M;
  g_ptr_array_add (fx->event->sessions, s);
  s = lanyard_session_new ();
  s->id = g_strdup ("W1");
  s->title = g_strdup ("Workshop");
  s->room = g_strdup ("Room 1");
  s->starts_at = START;
  s->ends_at = START + 120 * M;
  s->ticketed = TRUE;
  s->capacity = 1;
  g_ptr_array_add (fx->event->sessions, s);
  /* The door tests here are about the room; the check-in policy has its own. */
  fx->event->policy.doors_require_check_in = FALSE;
  g_assert_true (lanyard_store_save_event (fx->store, fx->event, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(LanyardAttendee) a = make_attendee (people[i].ticket, people[i].first, people[i].last, people[i].prof);

      if (people[i].workshop)
        a->sessions = g_strdupv ((char **) workshop);
      g_assert_true (lanyard_store_upsert_attendee (fx->store, a, NULL, NULL, &error));
      g_assert_no_error (error);
    }

  fx->keys = lanyard_badge_keys_generate_for_store (fx->store, FALSE, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fx->dir, 0, NULL);
  const char *name;

  lanyard_badge_keys_free (fx->keys);
  lanyard_event_unref (fx->event);
  g_assert_finalize_object (fx->store);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_build_filename (fx->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (fx->dir);
  g_free (fx->dir);
}

static const LanyardSession *
find_session (Fixture    *fx,
              const char *id)
{
  return lanyard_event_find_session (fx->event, id);
}

static int
count_inside (Fixture    *fx,
              const char *session,
              gint64      at)
{
  g_autoptr(GError) error = NULL;
  int n = lanyard_store_count_inside (fx->store, find_session (fx, session), &fx->event->policy, at, &error);

  g_assert_no_error (error);
  return n;
}

static LanyardCheckinResult *
run (Fixture              *fx,
     const char           *code,
     LanyardCheckinAction  action,
     const char           *session,
     gint64                at)
{
  LanyardCheckinRequest req = { action, session, "test-device", at, FALSE };
  g_autoptr(GError) error = NULL;
  LanyardCheckinResult *r;

  r = lanyard_checkin_perform (fx->store, fx->event, fx->keys, (const guint8 *) code, strlen (code), &req, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

static void
test_perform_event (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(LanyardCheckinResult) first = run (fx, "T-1", LANYARD_CHECKIN_EVENT, NULL, START - 60 * M);
  g_autoptr(LanyardCheckinResult) again = run (fx, "T-1", LANYARD_CHECKIN_EVENT, NULL, START - 30 * M);
  g_autoptr(LanyardCheckinResult) needs = run (fx, "T-3", LANYARD_CHECKIN_EVENT, NULL, START);
  g_autoptr(LanyardCheckinResult) unknown = run (fx, "'; DROP TABLE attendee; --", LANYARD_CHECKIN_EVENT, NULL, START);
  g_autoptr(GPtrArray) scans = NULL;

  g_assert_cmpint (first->outcome, ==, LANYARD_OUTCOME_CHECKED_IN);
  g_assert_cmpstr (first->attendee->last_name, ==, "Smith");
  g_assert_nonnull (first->scan_uuid);
  g_assert_cmpint (again->outcome, ==, LANYARD_OUTCOME_ALREADY_CHECKED_IN);
  g_assert_cmpint (again->previous_at, ==, START - 60 * M);
  g_assert_cmpstr (again->previous_device, ==, "test-device");
  g_assert_cmpint (needs->outcome, ==, LANYARD_OUTCOME_NEEDS_DESK);
  g_assert_cmpint (unknown->outcome, ==, LANYARD_OUTCOME_UNKNOWN);
  g_assert_null (unknown->attendee);

  /* every scan, accepted or refused, is in the log */
  scans = lanyard_store_list_scans (fx->store, 0, NULL);
  g_assert_cmpuint (scans->len, ==, 4);
}

static void
test_perform_badge_codes (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old_code = lanyard_badge_code_encode (fx->keys, "EV", "T-1", 1, NULL);
  g_autofree char *new_code = NULL;
  g_autofree char *foreign = NULL;
  g_autoptr(LanyardBadgeKeys) other = lanyard_badge_keys_generate ();
  g_autoptr(LanyardAttendee) a = lanyard_store_find_ticket (fx->store, "T-1", NULL);
  int version;

  {
    g_autoptr(LanyardCheckinResult) r = run (fx, old_code, LANYARD_CHECKIN_EVENT, NULL, START);
    g_assert_cmpint (r->outcome, ==, LANYARD_OUTCOME_CHECKED_IN);
  }

  /* a replacement badge makes the old one unusable everywhere */
  version = lanyard_store_bump_badge_version (fx->store, a->id, "lost", "desk", &error);
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 2);
  new_code = lanyard_badge_code_encode (fx->keys, "EV", "T-1", version, NULL);
  {
    g_autoptr(LanyardCheckinResult) r = run (fx, old_code, LANYARD_CHECKIN_SESSION_TOGGLE, "S1", START + 5 * M);
    g_assert_cmpint (r->outcome, ==, LANYARD_OUTCOME_REPLACED);
  }
  {
    g_autoptr(LanyardCheckinResult) r = run (fx, new_code, LANYARD_CHECKIN_SESSION_TOGGLE, "S1", START + 5 * M);
    g_assert_cmpint (r->outcome, ==, LANYARD_OUTCOME_ENTERED);
  }
  foreign = lanyard_badge_code_encode (other, "EV", "T-1", 2, NULL);
  {
    g_autoptr(LanyardCheckinResult) r = run (fx, foreign, LANYARD_CHECKIN_EVENT, NULL, START);
    g_assert_cmpint (r->outcome, ==, LANYARD_OUTCOME_UNKNOWN);
  }
}

static void
test_perform_door (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(LanyardCheckinResult) in = run (fx, "T-1", LANYARD_CHECKIN_SESSION_TOGGLE, "S1", START + 2 * M);
  g_autoptr(LanyardCheckinResult) repeat = run (fx, "T-1", LANYARD_CHECKIN_SESSION_TOGGLE, "S1", START + 2 * M + 20 * G_USEC_PER_SEC);
  g_autoptr(LanyardCheckinResult) out = run (fx, "T-1", LANYARD_CHECKIN_SESSION_TOGGLE, "S1", START + 47 * M);
  g_autoptr(LanyardCheckinResult) ws_no = run (fx, "T-1", LANYARD_CHECKIN_SESSION_TOGGLE, "W1", START + 50 * M);
  g_autoptr(LanyardCheckinResult) ws_yes = run (fx, "T-2", LANYARD_CHECKIN_SESSION_TOGGLE, "W1", START + 50 * M);
  g_autoptr(LanyardCheckinResult) late = run (fx, "T-2", LANYARD_CHECKIN_SESSION_TOGGLE, "S1", START + 61 * M);

  g_assert_cmpint (in->outcome, ==, LANYARD_OUTCOME_ENTERED);
  g_assert_cmpint (in->inside, ==, 1);
  g_assert_cmpint (repeat->outcome, ==, LANYARD_OUTCOME_ALREADY_INSIDE);
  g_assert_cmpint (out->outcome, ==, LANYARD_OUTCOME_EXITED);
  g_assert_cmpint (out->minutes, ==, 45);
  g_assert_cmpint (out->inside, ==, 0);
  g_assert_cmpint (ws_no->outcome, ==, LANYARD_OUTCOME_NOT_REGISTERED);
  g_assert_cmpint (ws_yes->outcome, ==, LANYARD_OUTCOME_ENTERED);
  g_assert_cmpint (ws_yes->capacity, ==, 1);
  g_assert_cmpint (late->outcome, ==, LANYARD_OUTCOME_OUTSIDE_WINDOW);
  g_assert_cmpint (count_inside (fx, "W1", START + 50 * M), ==, 1);
}

static void
add_person (Fixture     *fx,
            const char  *ticket,
            LanyardRole  role,
            gboolean     workshop)
{
  g_autoptr(LanyardAttendee) a = make_attendee (ticket, "Test", ticket, "physician");
  const char *sessions[] = { "W1", NULL };
  g_autoptr(GError) error = NULL;

  a->role = role;
  if (workshop)
    a->sessions = g_strdupv ((char **) sessions);
  g_assert_true (lanyard_store_upsert_attendee (fx->store, a, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Issue 20.2: paper scans typed in any order tell one story. Four scans of
 * one learner (in 0, out 15, in 35, out 50), recorded in each of the 24
 * orders, each order by another learner: each is judged at its own time,
 * and every learner ends with the same 30 minutes. */
static void
test_perform_any_order (Fixture       *fx,
                        gconstpointer  data)
{
  static const struct { LanyardCheckinAction action; int minute; } paper[] = {
    { LANYARD_CHECKIN_SESSION_ENTRY, 0 }, { LANYARD_CHECKIN_SESSION_EXIT, 15 },
    { LANYARD_CHECKIN_SESSION_ENTRY, 35 }, { LANYARD_CHECKIN_SESSION_EXIT, 50 },
  };
  int n = 0;

  for (int a = 0; a < 4; a++)
    for (int b = 0; b < 4; b++)
      for (int c = 0; c < 4; c++)
        for (int d = 0; d < 4; d++)
          {
            int order[4] = { a, b, c, d };
            g_autofree char *ticket = g_strdup_printf ("P-%d%d%d%d", a, b, c, d);
            g_autoptr(LanyardAttendee) person = NULL;
            g_autoptr(GPtrArray) scans = NULL;
            g_autoptr(LanyardCreditReport) report = NULL;
            const LanyardSessionCredit *line;

            if (a == b || a == c || a == d || b == c || b == d || c == d)
              continue;
            n++;
            add_person (fx, ticket, LANYARD_ROLE_ATTENDEE, FALSE);
            for (int k = 0; k < 4; k++)
              {
                g_autoptr(LanyardCheckinResult) r = run (fx, ticket, paper[order[k]].action, "S1",
                                                         START + paper[order[k]].minute * M);
                g_assert_true (lanyard_outcome_is_accepted (r->outcome) ||
                               r->outcome == LANYARD_OUTCOME_NOT_INSIDE ||
                               r->outcome == LANYARD_OUTCOME_ALREADY_INSIDE);
              }
            person = lanyard_store_find_ticket (fx->store, ticket, NULL);
            scans = lanyard_store_list_scans (fx->store, person->id, NULL);
            report = lanyard_credits_compute (fx->event, person, scans, START + 120 * M);
            g_assert_cmpuint (report->sessions->len, ==, 1);
            line = g_ptr_array_index (report->sessions, 0);
            if (line->minutes != 30)
              g_error ("order %d%d%d%d: %d minutes", a, b, c, d, line->minutes);
            /* and nobody is left inside */
            g_assert_false (lanyard_store_is_inside (fx->store, person->id, find_session (fx, "S1"),
                                                     START + 55 * M, NULL));
          }
  g_assert_cmpint (n, ==, 24);
}

/* Issue 22.5: one answer to "who is inside" — the same timeline, the same
 * ordering (time, then record order), nobody inside an ended session,
 * nobody in two rooms. */
static void
test_perform_who_is_inside (Fixture       *fx,
                            gconstpointer  data)
{
  gint64 t = START + 10 * M;
  g_autoptr(LanyardAttendee) t2 = lanyard_store_find_ticket (fx->store, "T-2", NULL);

  add_person (fx, "T-4", LANYARD_ROLE_ATTENDEE, TRUE);
  /* W1 holds one. T-2 leaves and comes back in the same microsecond. */
  {
    g_autoptr(LanyardCheckinResult) in = run (fx, "T-2", LANYARD_CHECKIN_SESSION_ENTRY, "W1", START);
    g_autoptr(LanyardCheckinResult) out = run (fx, "T-2", LANYARD_CHECKIN_SESSION_EXIT, "W1", t);
    g_autoptr(LanyardCheckinResult) back = run (fx, "T-2", LANYARD_CHECKIN_SESSION_ENTRY, "W1", t);
    g_autoptr(LanyardCheckinResult) other = run (fx, "T-4", LANYARD_CHECKIN_SESSION_ENTRY, "W1", t);

    g_assert_cmpint (back->outcome, ==, LANYARD_OUTCOME_ENTERED);
    g_assert_true (lanyard_store_is_inside (fx->store, t2->id, find_session (fx, "W1"), t, NULL));
    g_assert_cmpint (count_inside (fx, "W1", t), ==, 1);
    g_assert_cmpint (other->outcome, ==, LANYARD_OUTCOME_FULL);
  }

  /* An entry elsewhere leaves the workshop. */
  {
    g_autoptr(LanyardCheckinResult) hall = run (fx, "T-2", LANYARD_CHECKIN_SESSION_ENTRY, "S1", t + M);

    g_assert_cmpint (hall->outcome, ==, LANYARD_OUTCOME_ENTERED);
    g_assert_false (lanyard_store_is_inside (fx->store, t2->id, find_session (fx, "W1"), t + M, NULL));
    g_assert_cmpint (count_inside (fx, "W1", t + M), ==, 0);
    g_assert_cmpint (count_inside (fx, "S1", t + M), ==, 1);
  }

  /* S1 ends at 60: nobody is inside it afterwards, though nobody left. */
  g_assert_cmpint (count_inside (fx, "S1", START + 59 * M), ==, 1);
  g_assert_cmpint (count_inside (fx, "S1", START + 60 * M), ==, 0);
  g_assert_false (lanyard_store_is_inside (fx->store, t2->id, find_session (fx, "S1"), START + 61 * M, NULL));

  /* An entry after the end is not open for entry; leaving late is an exit. */
  {
    g_autoptr(LanyardCheckinResult) late_in = run (fx, "T-2", LANYARD_CHECKIN_SESSION_ENTRY, "S1", START + 62 * M);
    g_autoptr(LanyardCheckinResult) late_out = run (fx, "T-2", LANYARD_CHECKIN_SESSION_EXIT, "S1", START + 63 * M);

    g_assert_cmpint (late_in->outcome, ==, LANYARD_OUTCOME_OUTSIDE_WINDOW);
    g_assert_cmpint (late_out->outcome, ==, LANYARD_OUTCOME_EXITED);
    g_assert_cmpint (late_out->minutes, ==, 49);
  }
}

/* Issue 22.1: faculty and staff never take a seat nor find the room full;
 * press as the event decides. */
static void
test_perform_capacity_roles (Fixture       *fx,
                             gconstpointer  data)
{
  gint64 t = START + 5 * M;

  add_person (fx, "STAFF-1", LANYARD_ROLE_STAFF, FALSE);
  add_person (fx, "FAC-1", LANYARD_ROLE_FACULTY, TRUE);
  add_person (fx, "PRESS-1", LANYARD_ROLE_PRESS, TRUE);
  add_person (fx, "T-4", LANYARD_ROLE_ATTENDEE, TRUE);
  {
    /* The presenter arrives early: the learner still gets the one seat. */
    g_autoptr(LanyardCheckinResult) fac = run (fx, "FAC-1", LANYARD_CHECKIN_SESSION_ENTRY, "W1", START - 10 * M);
    g_autoptr(LanyardCheckinResult) learner = run (fx, "T-2", LANYARD_CHECKIN_SESSION_ENTRY, "W1", t);
    g_autoptr(LanyardCheckinResult) staff = run (fx, "STAFF-1", LANYARD_CHECKIN_SESSION_ENTRY, "W1", t + M);
    g_autoptr(LanyardCheckinResult) press = NULL;
    g_autoptr(LanyardCheckinResult) press_again = NULL;
    g_autoptr(LanyardCheckinResult) full = run (fx, "T-4", LANYARD_CHECKIN_SESSION_ENTRY, "W1", t + 2 * M);

    g_assert_cmpint (fac->outcome, ==, LANYARD_OUTCOME_ENTERED);
    g_assert_cmpint (learner->outcome, ==, LANYARD_OUTCOME_ENTERED);
    g_assert_cmpint (learner->inside, ==, 1);
    g_assert_cmpint (staff->outcome, ==, LANYARD_OUTCOME_ENTERED);
    g_assert_cmpint (staff->inside, ==, 1);
    g_assert_cmpint (full->outcome, ==, LANYARD_OUTCOME_FULL);
    g_assert_cmpint (count_inside (fx, "W1", t + 2 * M), ==, 1);

    press = run (fx, "PRESS-1", LANYARD_CHECKIN_SESSION_ENTRY, "W1", t + 3 * M);
    g_assert_cmpint (press->outcome, ==, LANYARD_OUTCOME_FULL);
    fx->event->policy.press_takes_seat = FALSE;
    press_again = run (fx, "PRESS-1", LANYARD_CHECKIN_SESSION_ENTRY, "W1", t + 4 * M);
    g_assert_cmpint (press_again->outcome, ==, LANYARD_OUTCOME_ENTERED);
  }
}

/* Issue 22.2: someone cancelled while inside is let out, and the room's
 * count follows; the refusal is logged beside the exit. */
static void
test_perform_exit_never_refused (Fixture       *fx,
                                 gconstpointer  data)
{
  g_autoptr(LanyardAttendee) t2 = lanyard_store_find_ticket (fx->store, "T-2", NULL);
  g_autoptr(LanyardCheckinResult) in = run (fx, "T-2", LANYARD_CHECKIN_SESSION_TOGGLE, "W1", START + 5 * M);
  g_autoptr(LanyardCheckinResult) out = NULL;
  g_autoptr(LanyardScan) last = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (in->outcome, ==, LANYARD_OUTCOME_ENTERED);
  g_assert_true (lanyard_store_set_status (fx->store, t2->id, LANYARD_STATUS_CANCELLED, "desk", &error));
  g_assert_no_error (error);
  out = run (fx, "T-2", LANYARD_CHECKIN_SESSION_TOGGLE, "W1", START + 30 * M);
  g_assert_cmpint (out->outcome, ==, LANYARD_OUTCOME_EXITED);
  g_assert_cmpint (out->exit_refusal, ==, LANYARD_OUTCOME_CANCELLED);
  g_assert_cmpint (out->inside, ==, 0);
  g_assert_cmpint (count_inside (fx, "W1", START + 30 * M), ==, 0);
  last = lanyard_store_last_scan (fx->store, t2->id, LANYARD_SCAN_SESSION_EXIT, TRUE, NULL);
  g_assert_cmpstr (last->detail, ==, "cancelled");
  /* and a back-dated scan keeps both times */
  g_assert_cmpint (last->at, ==, START + 30 * M);
  g_assert_cmpint (last->recorded_at, >, START + 30 * M);
}

static void
test_back_dated (void)
{
  g_autoptr(LanyardEvent) event = lanyard_event_new ();
  gint64 now = START + 24 * 60 * M; /* the next day */
  static const struct { gint64 at; gboolean ok; } rows[] = {
    { START, TRUE },                                  /* 2026-11-24 09:00 UTC */
    { START + 24 * 60 * M + 4 * M, TRUE },            /* clock skew */
    { START + 24 * 60 * M + 6 * M, FALSE },           /* the future */
    { START - 9 * 60 * M - 24 * 60 * M, TRUE },       /* 2026-11-23 00:00: a day before */
    { START - 9 * 60 * M - 24 * 60 * M - M, FALSE },  /* 2026-11-22 23:59 */
    { G_GINT64_CONSTANT (2917036800) * G_USEC_PER_SEC, FALSE }, /* 2062 */
    { G_GINT64_CONSTANT (-62135596800) * G_USEC_PER_SEC, FALSE }, /* year 1 */
  };

  event->time_zone = g_strdup ("UTC");
  event->start_date = g_strdup ("2026-11-24");
  event->end_date = g_strdup ("2026-11-26");
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = lanyard_checkin_check_back_dated (event, rows[i].at, now, &error);

      g_test_message ("row %u", i);
      g_assert_cmpint (ok, ==, rows[i].ok);
      if (!ok)
        g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA);
    }
  /* the day after the last day, to its end */
  g_assert_true (lanyard_checkin_check_back_dated (event, START + (3 * 24 * 60 + 14 * 60) * M,
                                                   START + 10 * 24 * 60 * M, NULL));
  g_assert_false (lanyard_checkin_check_back_dated (event, START + (3 * 24 * 60 + 15 * 60) * M,
                                                    START + 10 * 24 * 60 * M, NULL));
}

/* doors_require_check_in: the door sends those who skipped the kiosk to
 * the desk; once checked in, the ticket code from the confirmation e-mail
 * opens the door, also after a badge replacement. */
static void
test_perform_door_needs_check_in (Fixture       *fx,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->event->policy.doors_require_check_in = TRUE;
  {
    g_autoptr(LanyardCheckinResult) r = run (fx, "T-1", LANYARD_CHECKIN_SESSION_TOGGLE, "S1", START + 2 * M);
    g_assert_cmpint (r->outcome, ==, LANYARD_OUTCOME_NOT_CHECKED_IN);
    g_assert_cmpint (r->inside, ==, 0);
  }
  {
    g_autoptr(LanyardCheckinResult) r = run (fx, "T-1", LANYARD_CHECKIN_EVENT, NULL, START - 30 * M);
    g_assert_cmpint (r->outcome, ==, LANYARD_OUTCOME_CHECKED_IN);
  }
  g_assert_cmpint (lanyard_store_bump_badge_version (fx->store, 1, "lost", "desk", &error), ==, 2);
  g_assert_no_error (error);
  {
    g_autoptr(LanyardCheckinResult) r = run (fx, "T-1", LANYARD_CHECKIN_SESSION_TOGGLE, "S1", START + 3 * M);
    g_assert_cmpint (r->outcome, ==, LANYARD_OUTCOME_ENTERED);
  }
}

/* A scanner's line end, a paste's spaces: the same person, case kept. */
static void
test_perform_trimmed (Fixture       *fx,
                      gconstpointer  data)
{
  const char *inputs[] = { "T-1\r\n", " T-1 ", "\tT-1\t", "T-1\n", "\r\nT-1" };
  const guint8 with_nul[] = { 'T', '-', '1', '\0' };
  LanyardCheckinRequest req = { LANYARD_CHECKIN_EVENT, NULL, "kiosk", START, TRUE };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(LanyardCheckinResult) r = lanyard_checkin_perform (fx->store, fx->event, fx->keys,
                                                                   (const guint8 *) inputs[i], strlen (inputs[i]), &req, NULL);
      g_assert_cmpint (r->outcome, ==, LANYARD_OUTCOME_CHECKED_IN);
    }
  {
    g_autoptr(LanyardCheckinResult) r = lanyard_checkin_perform (fx->store, fx->event, fx->keys, with_nul, sizeof with_nul, &req, NULL);
    g_assert_cmpint (r->outcome, ==, LANYARD_OUTCOME_CHECKED_IN);
  }
  {
    g_autoptr(LanyardCheckinResult) r = lanyard_checkin_perform (fx->store, fx->event, fx->keys, (const guint8 *) " t-1\n", 5, &req, NULL);
    g_assert_cmpint (r->outcome, ==, LANYARD_OUTCOME_UNKNOWN);
  }
}

static void
test_perform_dry_run (Fixture       *fx,
                      gconstpointer  data)
{
  LanyardCheckinRequest req = { LANYARD_CHECKIN_EVENT, NULL, "kiosk", START, TRUE };
  g_autoptr(LanyardCheckinResult) r = NULL;
  g_autoptr(GPtrArray) scans = NULL;

  r = lanyard_checkin_perform (fx->store, fx->event, fx->keys, (const guint8 *) "T-1", 3, &req, NULL);
  g_assert_cmpint (r->outcome, ==, LANYARD_OUTCOME_CHECKED_IN);
  g_assert_null (r->scan_uuid);
  scans = lanyard_store_list_scans (fx->store, 0, NULL);
  g_assert_cmpuint (scans->len, ==, 0);
}

static void
test_perform_hostile (Fixture       *fx,
                      gconstpointer  data)
{
  const guint8 nul[] = { 'T', '-', '1', 0, 'x' };
  const guint8 bad_utf8[] = { 0xff, 0xfe, 'T' };
  g_autofree char *huge = g_strnfill (100000, 'A');
  LanyardCheckinRequest req = { LANYARD_CHECKIN_EVENT, NULL, "kiosk", START, FALSE };
  struct { const guint8 *p; gsize len; } inputs[] = {
    { nul, sizeof nul }, { bad_utf8, sizeof bad_utf8 }, { (const guint8 *) huge, 100000 },
    { (const guint8 *) "<b>T-1</b>", 10 }, { (const guint8 *) "", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LanyardCheckinResult) r = lanyard_checkin_perform (fx->store, fx->event, fx->keys, inputs[i].p, inputs[i].len, &req, &error);

      g_assert_no_error (error);
      g_assert_cmpint (r->outcome, ==, LANYARD_OUTCOME_UNKNOWN);
    }
}

static void
test_disclosure_logged (Fixture       *fx,
                        gconstpointer  data)
{
  const LanyardSession *s = lanyard_event_find_session (fx->event, "S1");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scans = NULL;
  const LanyardScan *scan;

  g_assert_true (lanyard_checkin_log_disclosure (fx->store, s, "door-hall", START - 10 * M, &error));
  g_assert_no_error (error);
  scans = lanyard_store_list_session_scans (fx->store, "S1", &error);
  g_assert_cmpuint (scans->len, ==, 1);
  scan = g_ptr_array_index (scans, 0);
  g_assert_cmpint (scan->kind, ==, LANYARD_SCAN_DISCLOSURE_SHOWN);
  g_assert_cmpstr (scan->device, ==, "door-hall");
  g_assert_cmpint (scan->at, ==, START - 10 * M);
  /* a disclosure is not attendance */
  g_assert_cmpint (count_inside (fx, "S1", START), ==, 0);
}

static void
test_pick_session (void)
{
  g_autoptr(LanyardEvent) event = lanyard_event_new ();
  const struct { const char *id, *room; int start, end; } rows[] = {
    { "A", "Hall", 0, 60 }, { "B", "Hall", 90, 150 }, { "C", "Salon", 0, 60 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      LanyardSession *s = lanyard_session_new ();

      s->id = g_strdup (rows[i].id);
      s->room = g_strdup (rows[i].room);
      s->starts_at = START + rows[i].start * M;
      s->ends_at = START + rows[i].end * M;
      g_ptr_array_add (event->sessions, s);
    }
  g_assert_cmpstr (lanyard_checkin_pick_session (event, "Hall", START - 60 * M)->id, ==, "A");
  g_assert_cmpstr (lanyard_checkin_pick_session (event, "Hall", START + 30 * M)->id, ==, "A");
  g_assert_cmpstr (lanyard_checkin_pick_session (event, "Hall", START + 65 * M)->id, ==, "B"); /* in B's window */
  g_assert_cmpstr (lanyard_checkin_pick_session (event, "Salon", START + 10 * M)->id, ==, "C");
  g_assert_null (lanyard_checkin_pick_session (event, "Salon", START + 61 * M));
}

/* A badge that waits for the printer, table by table: it stays waiting
 * until a badge is printed for the person (here or at the desk) or the
 * desk says not to print it; a later failure waits again. */
typedef struct {
  const char *what;
  const char *kinds;      /* one letter a scan, in time order */
  int         waiting;    /* index of the waiting scan, -1: none */
} WaitingCase;

static const WaitingCase waiting_cases[] = {
  { "nothing",                       "",     -1 },
  { "checked in, printed",           "cp",   -1 },
  { "checked in, waiting",           "cw",    1 },
  { "waiting, then printed",         "cwp",  -1 },
  { "waiting, then a replacement",   "cwr",  -1 },
  { "waiting, then cancelled",       "cwx",  -1 },
  { "cancelled, then waiting again", "cwxw",  3 },
  { "a door scan does not print",    "cwe",   1 },
  { "a certificate is not a badge",  "cwC",   1 },
  { "printed, then waiting",         "cpw",   2 },
};

static LanyardScanKind
waiting_kind (char c)
{
  switch (c)
    {
    case 'c': return LANYARD_SCAN_CHECK_IN;
    case 'p': return LANYARD_SCAN_BADGE_PRINTED;
    case 'r': return LANYARD_SCAN_BADGE_REPRINTED;
    case 'w': return LANYARD_SCAN_BADGE_WAITING;
    case 'x': return LANYARD_SCAN_BADGE_CANCELLED;
    case 'e': return LANYARD_SCAN_SESSION_ENTRY;
    case 'C': return LANYARD_SCAN_CERTIFICATE_PRINTED;
    default: g_assert_not_reached ();
    }
}

static void
test_waiting_badge (gconstpointer data)
{
  const WaitingCase *c = data;
  g_autoptr(GPtrArray) scans = g_ptr_array_new_with_free_func ((GDestroyNotify) lanyard_scan_free);

  for (guint i = 0; c->kinds[i] != '\0'; i++)
    {
      LanyardScan *scan = lanyard_scan_new ();

      scan->kind = waiting_kind (c->kinds[i]);
      scan->at = START + i * M;
      g_ptr_array_add (scans, scan);
    }
  if (c->waiting < 0)
    g_assert_null (lanyard_checkin_find_waiting_badge (scans));
  else
    g_assert_true (lanyard_checkin_find_waiting_badge (scans) == g_ptr_array_index (scans, c->waiting));
}

/* Recorded in the scan log (so every device hears of it), and the desk's
 * "don't print it" refused when nothing waits. */
static void
test_waiting_badge_recorded (Fixture       *fx,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scans = NULL;
  g_autoptr(LanyardAttendee) jane = lanyard_store_find_ticket (fx->store, "T-1", NULL);
  const LanyardScan *waiting;

  g_assert_nonnull (jane);
  g_assert_false (lanyard_checkin_cancel_waiting_badge (fx->store, jane->id, "desk-1", &error));
  g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (lanyard_checkin_record_badge_waiting (fx->store, jane->id, "kiosk-1",
                                                       "The printer is out of labels", &error));
  g_assert_no_error (error);
  scans = lanyard_store_list_scans (fx->store, jane->id, &error);
  waiting = lanyard_checkin_find_waiting_badge (scans);
  g_assert_nonnull (waiting);
  g_assert_cmpstr (waiting->device, ==, "kiosk-1");
  g_assert_cmpstr (waiting->detail, ==, "The printer is out of labels");
  g_clear_pointer (&scans, g_ptr_array_unref);

  g_assert_true (lanyard_checkin_cancel_waiting_badge (fx->store, jane->id, "desk-1", &error));
  g_assert_no_error (error);
  scans = lanyard_store_list_scans (fx->store, jane->id, &error);
  g_assert_null (lanyard_checkin_find_waiting_badge (scans));
  g_assert_false (lanyard_checkin_cancel_waiting_badge (fx->store, jane->id, "desk-1", &error));
  g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (decide_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/checkin/decide/%02u", i + 1);
      g_test_add_data_func (path, &decide_cases[i], test_decide);
    }
  g_test_add_func ("/checkin/pick-session", test_pick_session);
  for (guint i = 0; i < G_N_ELEMENTS (waiting_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/checkin/waiting-badge/%02u", i + 1);
      g_test_add_data_func (path, &waiting_cases[i], test_waiting_badge);
    }
  g_test_add ("/checkin/waiting-badge/recorded", Fixture, NULL, fixture_setup, test_waiting_badge_recorded, fixture_teardown);
  g_test_add ("/checkin/perform/event", Fixture, NULL, fixture_setup, test_perform_event, fixture_teardown);
  g_test_add ("/checkin/perform/badge-codes", Fixture, NULL, fixture_setup, test_perform_badge_codes, fixture_teardown);
  g_test_add ("/checkin/perform/door", Fixture, NULL, fixture_setup, test_perform_door, fixture_teardown);
  g_test_add ("/checkin/perform/door-needs-check-in", Fixture, NULL, fixture_setup, test_perform_door_needs_check_in, fixture_teardown);
  g_test_add ("/checkin/perform/trimmed", Fixture, NULL, fixture_setup, test_perform_trimmed, fixture_teardown);
  g_test_add ("/checkin/perform/dry-run", Fixture, NULL, fixture_setup, test_perform_dry_run, fixture_teardown);
  g_test_add ("/checkin/disclosure-logged", Fixture, NULL, fixture_setup, test_disclosure_logged, fixture_teardown);
  g_test_add ("/checkin/perform/hostile", Fixture, NULL, fixture_setup, test_perform_hostile, fixture_teardown);
  g_test_add ("/checkin/perform/any-order", Fixture, NULL, fixture_setup, test_perform_any_order, fixture_teardown);
  g_test_add ("/checkin/perform/who-is-inside", Fixture, NULL, fixture_setup, test_perform_who_is_inside, fixture_teardown);
  g_test_add ("/checkin/perform/capacity-roles", Fixture, NULL, fixture_setup, test_perform_capacity_roles, fixture_teardown);
  g_test_add ("/checkin/perform/exit-never-refused", Fixture, NULL, fixture_setup, test_perform_exit_never_refused, fixture_teardown);
  g_test_add_func ("/checkin/back-dated", test_back_dated);

  return g_test_run ();
}
