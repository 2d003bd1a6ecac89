/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Who is inside a session (issue 14): lanyard_store_count_inside reads the
 * visits the scan log's triggers keep (presence_visit), and must give what
 * the query it replaced gave (kept here as the reference: each entrant's
 * latest entry anywhere, and any exit after it), at every time, whatever
 * order the scans arrive in (rows from other devices come through the hub
 * later than scans made after them), with the same rows offered twice, and
 * after a database of the schema before is opened (the migration builds
 * the visits from the log).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lanyard-checkin.h"
#include "lanyard-csv-import.h"
#include "lanyard-error.h"
#include "lanyard-store-private.h"
#include "lanyard-store.h"

#define M (G_USEC_PER_SEC * (gint64) 60)
#define START (G_GINT64_CONSTANT (1795510800000000))
/* The schema before the visits were kept (migration 13 makes them). */
#define SCHEMA_BEFORE "12"

typedef struct {
  char         *dir;
  char         *path;
  LanyardStore *store;
  LanyardEvent *event;
  guint         serial;
} Fixture;

/* People: 1-3 attendees, 4 faculty (takes no seat), 5 press. */
static const struct { const char *ticket; LanyardRole role; } people[] = {
  { "T-1", LANYARD_ROLE_ATTENDEE },
  { "T-2", LANYARD_ROLE_ATTENDEE },
  { "T-3", LANYARD_ROLE_ATTENDEE },
  { "T-4", LANYARD_ROLE_FACULTY },
  { "T-5", LANYARD_ROLE_PRESS },
};

static const char * const session_ids[] = { "A", "B", "C" };

/* fixture_setup's data for an event with nobody registered yet */
static const char NO_PEOPLE[] = "no people";

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("lanyard-presence-XXXXXX", NULL);
  fx->path = g_build_filename (fx->dir, "test.db", NULL);
  fx->store = lanyard_store_open (fx->path, &error);
  g_assert_no_error (error);

  fx->event = lanyard_event_new ();
  fx->event->id = g_strdup ("EV");
  fx->event->title = g_strdup ("Test event");
  fx->event->time_zone = g_strdup ("UTC");
  fx->event->provider = g_strdup ("Provider");
  for (guint i = 0; i < G_N_ELEMENTS (session_ids); i++)
    {
      LanyardSession *s = lanyard_session_new ();

      s->id = g_strdup (session_ids[i]);
      s->title = g_strdup (session_ids[i]);
      s->room = g_strdup_printf ("Room %u", i + 1);
      s->starts_at = START;
      s->ends_at = START + 60 * M;
      if (i == 1)
        {
          /* B's own faculty take no seat in it: T-2 (listed twice), and a code nobody has */
          g_ptr_array_add (s->faculty, lanyard_faculty_new ("Dr Two", "T-2"));
          g_ptr_array_add (s->faculty, lanyard_faculty_new ("Dr Two again", "T-2"));
          g_ptr_array_add (s->faculty, lanyard_faculty_new ("Dr Nobody", "T-99"));
          g_ptr_array_add (s->faculty, lanyard_faculty_new ("Dr No Code", NULL));
        }
      g_ptr_array_add (fx->event->sessions, s);
    }
  g_assert_true (lanyard_store_save_event (fx->store, fx->event, &error));
  g_assert_no_error (error);
  if (data == NO_PEOPLE)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(LanyardAttendee) a = lanyard_attendee_new ();

      a->ticket_code = g_strdup (people[i].ticket);
      a->first_name = g_strdup ("Pat");
      a->last_name = g_strdup_printf ("Person %u", i + 1);
      a->role = people[i].role;
      g_assert_true (lanyard_store_upsert_attendee (fx->store, a, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (a->id, ==, i + 1);
    }
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fx->dir, 0, NULL);
  const char *name;

  lanyard_event_unref (fx->event);
  g_clear_object (&fx->store);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_build_filename (fx->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (fx->dir);
  g_free (fx->path);
  g_free (fx->dir);
}

/* ---- the reference: the query count_inside ran before the visits ---- */

static int
old_count_inside (Fixture              *fx,
                  const LanyardSession *session,
                  gint64                at)
{
  sqlite3_stmt *stmt;
  int count = 0;
  int rc;

  if (at >= session->ends_at)
    return 0;
  stmt = lanyard_store_prepare (fx->store,
      "WITH entrant (id) AS (SELECT DISTINCT attendee_id FROM scan"
      "   WHERE session_id = ?1 AND attendee_id IS NOT NULL AND at <= ?2),"
      " last (id, rid) AS (SELECT id, (SELECT e.rowid FROM scan e INDEXED BY scan_timeline"
      "   WHERE e.attendee_id = entrant.id AND e.kind = 'session_entry'"
      "   AND e.outcome IN ('entered', 'already_inside') AND e.session_id IS NOT NULL AND e.at <= ?2"
      "   ORDER BY e.at DESC, e.rowid DESC LIMIT 1) FROM entrant)"
      " SELECT a.role, a.ticket_code FROM last"
      " JOIN scan e INDEXED BY scan_timeline ON e.attendee_id = last.id AND e.rowid = last.rid"
      " JOIN attendee a ON a.id = last.id"
      " WHERE e.session_id = ?1 AND NOT EXISTS (SELECT 1 FROM scan x"
      "   WHERE x.attendee_id = last.id AND x.kind = 'session_exit' AND x.session_id = ?1"
      "   AND x.outcome IN ('exited', 'not_inside') AND x.at <= ?2"
      "   AND (x.at > e.at OR (x.at = e.at AND x.rowid > e.rowid)))", NULL);
  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, session->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, at);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LanyardRole role = LANYARD_ROLE_ATTENDEE;

      lanyard_role_from_string ((const char *) sqlite3_column_text (stmt, 0), &role);
      if (lanyard_checkin_takes_seat (session, &fx->event->policy, role, (const char *) sqlite3_column_text (stmt, 1)))
        count++;
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  return count;
}

static int
count_inside (Fixture    *fx,
              const char *session_id,
              gint64      at)
{
  g_autoptr(GError) error = NULL;
  int n = lanyard_store_count_inside (fx->store, lanyard_event_find_session (fx->event, session_id),
                                      &fx->event->policy, at, &error);

  g_assert_no_error (error);
  return n;
}

/* The kept visits, one line each, for comparing two ways of making them. */
static char *
dump_visits (Fixture *fx)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = lanyard_store_prepare (fx->store,
      "SELECT attendee_id, session_id, entered_at, IFNULL (left_at, -1), IFNULL (role, '-') FROM presence_visit"
      " ORDER BY attendee_id, entered_at", NULL);

  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s %s %s %s %s\n", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                            sqlite3_column_text (stmt, 2), sqlite3_column_text (stmt, 3), sqlite3_column_text (stmt, 4));
  sqlite3_reset (stmt);
  return g_string_free (out, FALSE);
}

/* The new count against the old query, in every session, just before, at
 * and just after every scan's time and around the sessions' bounds. */
static void
assert_same_as_old (Fixture *fx)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) scans = lanyard_store_list_scans (fx->store, 0, NULL);
  const gint64 bounds[] = { START - 1, START, START + 60 * M - 1, START + 60 * M };

  g_array_append_vals (times, bounds, G_N_ELEMENTS (bounds));
  for (guint i = 0; i < scans->len; i++)
    for (gint64 d = -1; d <= 1; d++)
      {
        gint64 t = ((LanyardScan *) g_ptr_array_index (scans, i))->at + d;

        g_array_append_val (times, t);
      }
  for (guint i = 0; i < times->len; i++)
    for (guint s = 0; s < G_N_ELEMENTS (session_ids); s++)
      {
        const LanyardSession *session = lanyard_event_find_session (fx->event, session_ids[s]);
        gint64 t = g_array_index (times, gint64, i);
        int old = old_count_inside (fx, session, t);
        int now = count_inside (fx, session_ids[s], t);

        if (old != now)
          g_test_message ("session %s at %+.4f min: old query %d, visits %d", session_ids[s],
                          (double) (t - START) / M, old, now);
        g_assert_cmpint (now, ==, old);
      }
}

/* The database as the schema before left it (no visits), opened again:
 * the migration builds the visits from the log, the same as the triggers
 * made them. */
static void
assert_migration_builds_the_same (Fixture *fx)
{
  g_autofree char *kept = dump_visits (fx);
  g_autofree char *built = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_clear_object (&fx->store);
  g_assert_cmpint (sqlite3_open (fx->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER scan_presence_entry;"
                                     "DROP TRIGGER scan_presence_exit;"
                                     "DROP TRIGGER attendee_presence_insert;"
                                     "DROP TRIGGER attendee_presence_role;"
                                     "DROP TRIGGER attendee_presence_delete;"
                                     "DROP TABLE presence_visit;"
                                     "PRAGMA user_version = " SCHEMA_BEFORE, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  fx->store = lanyard_store_open (fx->path, &error);
  g_assert_no_error (error);
  built = dump_visits (fx);
  g_assert_cmpstr (built, ==, kept);
  assert_same_as_old (fx);
}

/* ---- the cases ---- */

typedef struct {
  int         who;       /* 1-5; 0: a code nobody has (attendee_id NULL) */
  const char *session;
  char        kind;      /* 'e' entry, 'x' exit */
  const char *outcome;
  double      minute;    /* after START */
  int         again;     /* 1: the row before offered again (the same uuid), not a new scan */
} Row;

typedef struct {
  const char *session;
  double      minute;
  int         inside;
} Expect;

typedef struct {
  const char *what;
  Row         rows[12];
  Expect      expect[6];
} PresenceCase;

#define END { 0 }

static const PresenceCase cases[] = {
  { "enter, then leave",
    { { 1, "A", 'e', "entered", 10 }, { 1, "A", 'x', "exited", 20 }, END },
    { { "A", 9, 0 }, { "A", 10, 1 }, { "A", 19, 1 }, { "A", 20, 0 }, { "A", 30, 0 }, END } },
  { "the exit arrives before its entry (synced later)",
    { { 1, "A", 'x', "exited", 20 }, { 1, "A", 'e', "entered", 10 }, END },
    { { "A", 15, 1 }, { "A", 20, 0 }, END } },
  { "an earlier entry arrives after a later one elsewhere",
    { { 1, "B", 'e', "entered", 30 }, { 1, "A", 'e', "entered", 10 }, END },
    { { "A", 15, 1 }, { "A", 30, 0 }, { "B", 30, 1 }, END } },
  { "an entry arrives late between an entry and its exit",
    { { 1, "A", 'e', "entered", 10 }, { 1, "A", 'x', "exited", 40 }, { 1, "B", 'e', "entered", 20 }, END },
    { { "A", 15, 1 }, { "A", 20, 0 }, { "B", 30, 1 }, { "B", 40, 1 }, END } },
  { "two doors of one room",
    { { 1, "A", 'e', "entered", 10 }, { 1, "A", 'e', "already_inside", 12 }, { 1, "A", 'x', "exited", 20 },
      { 2, "A", 'x', "exited", 25 }, { 2, "A", 'e', "already_inside", 14 }, { 2, "A", 'e', "entered", 11 }, END },
    { { "A", 11, 2 }, { "A", 15, 2 }, { "A", 20, 1 }, { "A", 25, 0 }, END } },
  { "entry into B while inside A; the exit from A then says nothing",
    { { 1, "A", 'e', "entered", 10 }, { 1, "B", 'e', "entered", 20 }, { 1, "A", 'x', "exited", 25 }, END },
    { { "A", 15, 1 }, { "A", 20, 0 }, { "B", 20, 1 }, { "B", 30, 1 }, END } },
  { "exit without an entry",
    { { 1, "A", 'x', "not_inside", 10 }, { 1, "A", 'e', "entered", 15 }, { 2, "B", 'x', "exited", 5 }, END },
    { { "A", 12, 0 }, { "A", 15, 1 }, { "B", 10, 0 }, END } },
  { "a tie: the exit at the entry's time, recorded after it",
    { { 1, "A", 'e', "entered", 10 }, { 1, "A", 'x', "exited", 10 }, END },
    { { "A", 10, 0 }, { "A", 11, 0 }, END } },
  { "a tie: the exit at the entry's time, recorded before it",
    { { 1, "A", 'x', "exited", 10 }, { 1, "A", 'e', "entered", 10 }, END },
    { { "A", 10, 1 }, { "A", 11, 1 }, END } },
  { "two entries at one time: the one recorded last counts",
    { { 1, "A", 'e', "entered", 10 }, { 1, "B", 'e', "entered", 10 }, { 2, "B", 'e', "entered", 10 },
      { 2, "A", 'e', "entered", 10 }, END },
    { { "A", 10, 1 }, { "B", 10, 1 }, { "A", 9, 0 }, END } },
  { "refusals and repeats count for nothing",
    { { 1, "A", 'e', "full", 10 }, { 2, "A", 'e', "outside_window", 10 }, { 3, "A", 'e', "entered", 10 },
      { 3, "A", 'x', "already_inside", 11 }, { 3, "B", 'e', "not_registered", 12 }, END },
    { { "A", 15, 1 }, { "B", 15, 0 }, END } },
  { "the same rows offered again",
    { { 1, "A", 'e', "entered", 10 }, { 1, "A", 'e', "entered", 10, 1 }, { 1, "A", 'x', "exited", 20 },
      { 1, "A", 'x', "exited", 20, 1 }, { 1, "A", 'e', "entered", 10, 1 }, END },
    { { "A", 15, 1 }, { "A", 20, 0 }, END } },
  { "a replaced badge is refused at the door; its holder's exit counts",
    { { 2, "A", 'e', "entered", 5 }, { 1, "A", 'e', "replaced", 10 }, { 2, "A", 'x', "exited", 20 },
      { 2, "A", 'e', "replaced", 25 }, END },
    { { "A", 10, 1 }, { "A", 15, 1 }, { "A", 20, 0 }, { "A", 30, 0 }, END } },
  { "faculty and an unknown code take no seat; press does",
    { { 4, "A", 'e', "entered", 10 }, { 0, "A", 'e', "entered", 10 }, { 5, "A", 'e', "entered", 10 }, END },
    { { "A", 15, 1 }, END } },
  { "the session's own faculty take no seat in it, elsewhere they do",
    { { 2, "B", 'e', "entered", 10 }, { 1, "B", 'e', "entered", 10 }, { 2, "A", 'e', "entered", 20 }, END },
    { { "B", 15, 1 }, { "A", 25, 1 }, { "B", 25, 1 }, END } },
  { "nobody is inside a session that has ended",
    { { 1, "A", 'e', "entered", 10 }, END },
    { { "A", 59, 1 }, { "A", 60, 0 }, END } },
  { "back and forth, shuffled",
    { { 1, "B", 'e', "entered", 40 }, { 1, "A", 'x', "exited", 20 }, { 1, "A", 'e', "entered", 30 },
      { 1, "A", 'e', "entered", 10 }, { 1, "B", 'x', "exited", 50 }, { 1, "A", 'x', "exited", 35 }, END },
    { { "A", 15, 1 }, { "A", 25, 0 }, { "A", 32, 1 }, { "A", 35, 0 }, { "B", 45, 1 }, { "B", 50, 0 } } },
};

static void
append_row (Fixture    *fx,
            const Row  *row,
            char      **last_uuid)
{
  g_autoptr(LanyardScan) scan = lanyard_scan_new ();
  g_autoptr(GError) error = NULL;

  scan->device = g_strdup_printf ("door-%u", fx->serial++ % 2 + 1);
  scan->attendee_id = row->who;
  scan->session_id = g_strdup (row->session);
  scan->kind = row->kind == 'e' ? LANYARD_SCAN_SESSION_ENTRY : LANYARD_SCAN_SESSION_EXIT;
  g_assert_true (lanyard_outcome_from_string (row->outcome, &scan->outcome));
  scan->at = START + (gint64) (row->minute * M);
  if (row->again)
    {
      /* The hub's idempotent insert does nothing; a second append is refused. */
      sqlite3_stmt *stmt = lanyard_store_prepare (fx->store,
          "INSERT INTO scan (uuid, device, at, attendee_id, session_id, kind, outcome)"
          " SELECT ?1, 'hub', ?2, ?3, ?4, ?5, ?6 WHERE NOT EXISTS (SELECT 1 FROM scan WHERE uuid = ?1)", NULL);

      sqlite3_bind_text (stmt, 1, *last_uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, scan->at);
      sqlite3_bind_int64 (stmt, 3, scan->attendee_id);
      sqlite3_bind_text (stmt, 4, scan->session_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, lanyard_scan_kind_to_string (scan->kind), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, lanyard_outcome_to_string (scan->outcome), -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      g_assert_cmpint (sqlite3_changes (lanyard_store_get_db (fx->store)), ==, 0);
      scan->uuid = g_strdup (*last_uuid);
      g_assert_false (lanyard_store_append_scan (fx->store, scan, &error));
      g_assert_nonnull (error);
      return;
    }
  g_assert_true (lanyard_store_append_scan (fx->store, scan, &error));
  g_assert_no_error (error);
  g_free (*last_uuid);
  *last_uuid = g_strdup (scan->uuid);
}

static void
test_case (Fixture       *fx,
           gconstpointer  data)
{
  const PresenceCase *c = data;
  g_autofree char *last_uuid = NULL;

  g_test_message ("%s", c->what);
  for (guint i = 0; i < G_N_ELEMENTS (c->rows) && c->rows[i].session != NULL; i++)
    append_row (fx, &c->rows[i], &last_uuid);
  for (guint i = 0; i < G_N_ELEMENTS (c->expect) && c->expect[i].session != NULL; i++)
    {
      const Expect *e = &c->expect[i];

      g_test_message ("%s at %.1f min", e->session, e->minute);
      g_assert_cmpint (count_inside (fx, e->session, START + (gint64) (e->minute * M)), ==, e->inside);
    }
  assert_same_as_old (fx);
  assert_migration_builds_the_same (fx);
}

/* A change of role (a new import) counts at once: the visits keep none. */
static void
test_role_change (Fixture       *fx,
                  gconstpointer  data)
{
  const Row row = { 2, "A", 'e', "entered", 10 };
  g_autofree char *last_uuid = NULL;
  g_autoptr(LanyardAttendee) a = NULL;
  g_autoptr(GError) error = NULL;

  append_row (fx, &row, &last_uuid);
  g_assert_cmpint (count_inside (fx, "A", START + 15 * M), ==, 1);
  a = lanyard_store_get_attendee (fx->store, 2, &error);
  g_assert_no_error (error);
  a->role = LANYARD_ROLE_STAFF;
  g_assert_true (lanyard_store_upsert_attendee (fx->store, a, NULL, NULL, &error)); /* a new import */
  g_assert_no_error (error);
  g_assert_cmpint (count_inside (fx, "A", START + 15 * M), ==, 0);
  assert_same_as_old (fx);
  assert_migration_builds_the_same (fx);
}

/* Scans of a code whose registration comes later (attendee id 6 before
 * there is one): counted from when the registration is there. */
static void
test_registration_after_scans (Fixture       *fx,
                               gconstpointer  data)
{
  const Row rows[] = { { 6, "A", 'e', "entered", 10 }, { 1, "A", 'e', "entered", 10 } };
  g_autofree char *last_uuid = NULL;
  g_autoptr(LanyardAttendee) a = lanyard_attendee_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    append_row (fx, &rows[i], &last_uuid);
  g_assert_cmpint (count_inside (fx, "A", START + 15 * M), ==, 1);
  assert_same_as_old (fx);
  a->ticket_code = g_strdup ("T-6");
  a->first_name = g_strdup ("Pat");
  a->last_name = g_strdup ("Late");
  g_assert_true (lanyard_store_upsert_attendee (fx->store, a, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (a->id, ==, 6);
  g_assert_cmpint (count_inside (fx, "A", START + 15 * M), ==, 2);
  assert_same_as_old (fx);
  assert_migration_builds_the_same (fx);
}

/* The same, the registrations coming by an import into the empty
 * database: more than 1,000 rows, so the import sets the role trigger
 * aside and does its work at the end in one statement. */
static void
test_registrations_imported_after_scans (Fixture       *fx,
                                         gconstpointer  data)
{
  const Row rows[] = { { 1, "A", 'e', "entered", 10 }, { 2, "A", 'e', "entered", 12 } };
  g_autoptr(GString) csv = g_string_new ("ticket_code,first_name,last_name,role\n");
  g_autoptr(LanyardImportReport) report = NULL;
  g_autofree char *last_uuid = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    append_row (fx, &rows[i], &last_uuid);
  g_assert_cmpint (count_inside (fx, "A", START + 15 * M), ==, 0);
  for (guint i = 1; i <= 1200; i++)
    g_string_append_printf (csv, "T-%u,Pat,Person %u,%s\n", i, i, i == 2 ? "faculty" : "attendee");
  report = lanyard_csv_import_data (fx->store, fx->event, csv->str, csv->len, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 1200);
  /* T-1 takes a seat; T-2, faculty, takes none (the policy's default) */
  g_assert_cmpint (count_inside (fx, "A", START + 15 * M), ==, 1);
  assert_same_as_old (fx);
  assert_migration_builds_the_same (fx);
}

/* Many scans of a few people in three rooms, arriving in a random order,
 * on a coarse clock (ties are common). */
static void
test_random (Fixture       *fx,
             gconstpointer  data)
{
  const char *entry_outcomes[] = { "entered", "entered", "entered", "already_inside", "full" };
  const char *exit_outcomes[] = { "exited", "exited", "not_inside", "already_inside" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (GPOINTER_TO_UINT (data));
  g_autofree char *last_uuid = NULL;

  for (guint i = 0; i < 160; i++)
    {
      Row row = { g_rand_int_range (rand, 0, 6), session_ids[g_rand_int_range (rand, 0, 3)],
                  g_rand_boolean (rand) ? 'e' : 'x', NULL, g_rand_int_range (rand, -5, 65) / 2.0,
                  0 };

      row.outcome = row.kind == 'e' ? entry_outcomes[g_rand_int_range (rand, 0, G_N_ELEMENTS (entry_outcomes))]
                                    : exit_outcomes[g_rand_int_range (rand, 0, G_N_ELEMENTS (exit_outcomes))];
      append_row (fx, &row, &last_uuid);
    }
  assert_same_as_old (fx);
  assert_migration_builds_the_same (fx);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/presence/case/%u", i);

      g_test_add (path, Fixture, &cases[i], fixture_setup, test_case, fixture_teardown);
    }
  g_test_add ("/presence/registration-after-scans", Fixture, NULL, fixture_setup, test_registration_after_scans,
              fixture_teardown);
  g_test_add ("/presence/role-change", Fixture, NULL, fixture_setup, test_role_change, fixture_teardown);
  g_test_add ("/presence/registrations-imported-after-scans", Fixture, NO_PEOPLE, fixture_setup,
              test_registrations_imported_after_scans, fixture_teardown);
  for (guint seed = 1; seed <= 8; seed++)
    {
      g_autofree char *path = g_strdup_printf ("/presence/random/%u", seed);

      g_test_add (path, Fixture, GUINT_TO_POINTER (seed), fixture_setup, test_random, fixture_teardown);
    }
  return g_test_run ();
}
