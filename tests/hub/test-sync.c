/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sync's parts against the private PostgreSQL that test-sync.sh
 * starts ($LANYARD_HUB, the office's connection; $HUB_STOP and $HUB_START
 * stop and start it): the cursor under out-of-order commits, pulls cut
 * into batches, the worker (push within a second, pull on notification,
 * offline and back by itself, signals on the creator's main context), and
 * the status in words.
 */
#include "config.h"

#include <libpq-fe.h>

#include "lanyard-error.h"
#include "lanyard-hub.h"
#include "lanyard-store-private.h"
#include "lanyard-sync-private.h"
#include "lanyard-sync-worker.h"

static char *tmpdir;
static LanyardHub *hub;

static LanyardStore *
device_store (const char *name,
              const char *role)
{
  g_autofree char *path = g_strdup_printf ("%s/%s-%u.db", tmpdir, name, g_random_int ());
  g_autoptr(GError) error = NULL;
  LanyardStore *store = lanyard_store_open (path, &error);

  g_assert_no_error (error);
  lanyard_sync_set_link (store, g_getenv ("LANYARD_HUB"), name, role, &error);
  g_assert_no_error (error);
  return store;
}

static PGconn *
office (void)
{
  g_autoptr(GError) error = NULL;
  PGconn *conn = lanyard_hub_open (g_getenv ("LANYARD_HUB"), &error);

  g_assert_no_error (error);
  return conn;
}

static void
exec_ok (PGconn     *conn,
         const char *sql)
{
  g_autoptr(GError) error = NULL;

  lanyard_hub_exec (conn, sql, &error);
  g_assert_no_error (error);
}

static gboolean
has_scan (LanyardStore *store,
          const char   *uuid)
{
  sqlite3_stmt *stmt = lanyard_store_prepare (store, "SELECT 1 FROM scan WHERE uuid = ?", NULL);

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

#define ROW_SQL(uuid) \
  "INSERT INTO device_row (uuid, device, kind, device_at, payload) VALUES ('" uuid "', 'hub', 'scan', 1,"        \
  " '{\"device\": \"kiosk-9\", \"at\": 1, \"kind\": \"check_in\", \"outcome\": \"unknown\"}')"

/* Transaction A takes a position first, B a later one. Without the
 * advisory lock B commits first; a device pulling between the commits
 * moves its cursor past A's position and never sees A's row. */
static void
test_cursor_out_of_order (void)
{
  g_autoptr(PGconn) a = office ();
  g_autoptr(PGconn) b = office ();
  g_autoptr(PGconn) watch = office ();
  g_autoptr(PGconn) pull = office ();
  g_autoptr(LanyardStore) store = device_store ("door-9", "door");
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  g_autofree char *b_pid = g_strdup_printf ("%d", PQbackendPID (b));
  gboolean b_done = FALSE;

  exec_ok (a, "BEGIN");
  exec_ok (a, ROW_SQL ("row-a"));
  g_assert_true (PQsendQuery (b, "BEGIN; " ROW_SQL ("row-b") "; COMMIT"));
  /* B either commits (a bare sequence) or waits for A (the lock) */
  while (!b_done)
    {
      const char *params[1] = { b_pid };
      g_autoptr(PGresult) r = lanyard_hub_query (watch,
          "SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = $1::int", 1, params, &error);

      g_assert_no_error (error);
      if (g_strcmp0 (PQgetvalue (r, 0, 0), "t") == 0)
        break;
      PQconsumeInput (b);
      b_done = !PQisBusy (b);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10000);
    }
  lanyard_sync_pull_as (store, pull, FALSE, NULL, &error);
  g_assert_no_error (error);
  exec_ok (a, "COMMIT");
  for (PGresult *r; (r = PQgetResult (b)) != NULL;)
    {
      g_assert_cmpint (PQresultStatus (r), ==, PGRES_COMMAND_OK);
      PQclear (r);
    }
  lanyard_sync_pull_as (store, pull, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (has_scan (store, "row-b"));
  g_assert_true (has_scan (store, "row-a"));
}

/* More registrations and rows than one batch: the lists are applied up
 * to the position where the shorter one was cut, nothing skipped. */
static void
test_pull_batches (void)
{
  g_autoptr(PGconn) conn = office ();
  g_autoptr(LanyardStore) store = device_store ("kiosk-8", "kiosk");
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  guint pulled = 0;

  exec_ok (conn, "BEGIN");
  exec_ok (conn, "INSERT INTO registration (ticket_code, uuid, last_name)"
                 " SELECT 'BATCH-' || i, gen_random_uuid ()::text, 'Batch' FROM generate_series (1, 7000) i");
  exec_ok (conn, "INSERT INTO device_row (uuid, device, kind, ticket_code, device_at, payload)"
                 " SELECT 'batch-row-' || i, 'hub', 'scan', 'BATCH-' || i, i,"
                 " '{\"device\": \"kiosk-9\", \"at\": 1, \"kind\": \"check_in\", \"outcome\": \"checked_in\"}'"
                 " FROM generate_series (1, 6000) i");
  exec_ok (conn, "COMMIT");
  lanyard_sync_pull_as (store, conn, TRUE, &pulled, &error);
  g_assert_no_error (error);
  stmt = lanyard_store_prepare (store,
      "SELECT (SELECT count(*) FROM attendee WHERE ticket_code LIKE 'BATCH-%'),"
      " (SELECT count(*) FROM scan s JOIN attendee a ON a.id = s.attendee_id WHERE s.uuid LIKE 'batch-row-%')", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 7000);
  /* every row found its registration: registrations came first */
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 6000);
}

/* --- the worker */

typedef struct {
  GMainLoop          *loop;
  LanyardSyncWorker  *watched;
  gboolean          (*done) (LanyardSyncStatus *status);
  guint               pulled;
  GThread            *main_thread;
} Wait;

static void
on_status (LanyardSyncWorker *worker,
           Wait              *w)
{
  g_autoptr(LanyardSyncStatus) s = lanyard_sync_worker_get_status (worker);

  g_assert_true (g_thread_self () == w->main_thread);
  if (worker == w->watched && w->done != NULL && w->done (s))
    g_main_loop_quit (w->loop);
}

static void
on_pulled (LanyardSyncWorker *worker,
           guint              rows,
           Wait              *w)
{
  g_assert_true (g_thread_self () == w->main_thread);
  if (worker == w->watched && w->done == NULL)
    {
      w->pulled += rows;
      g_main_loop_quit (w->loop);
    }
}

static gboolean
on_timeout (gpointer data)
{
  g_error ("the worker did not get there in time");
  return G_SOURCE_REMOVE;
}

static void
wait_for (Wait               *w,
          LanyardSyncWorker  *worker,
          gboolean          (*done) (LanyardSyncStatus *status),
          guint               seconds)
{
  guint timeout = g_timeout_add_seconds (seconds, on_timeout, NULL);

  w->watched = worker;
  w->done = done;
  if (done != NULL)
    {
      g_autoptr(LanyardSyncStatus) s = lanyard_sync_worker_get_status (worker);

      if (done (s))
        {
          g_source_remove (timeout);
          return;
        }
    }
  g_main_loop_run (w->loop);
  g_source_remove (timeout);
}

static gboolean
synced (LanyardSyncStatus *s)
{
  return s->last_success != 0 && s->offline_since == 0 && s->rows_waiting == 0;
}

static gboolean
offline_one_waiting (LanyardSyncStatus *s)
{
  return s->offline_since != 0 && s->rows_waiting == 1;
}

static char *
add_scan (const char *db_path,
          const char *device)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardStore) app = lanyard_store_open (db_path, &error);
  g_autoptr(LanyardScan) scan = lanyard_scan_new ();

  g_assert_no_error (error);
  scan->device = g_strdup (device);
  scan->kind = LANYARD_SCAN_CHECK_IN;
  scan->outcome = LANYARD_OUTCOME_UNKNOWN;
  lanyard_store_append_scan (app, scan, &error);
  g_assert_no_error (error);
  return g_strdup (scan->uuid);
}

static void
run_command (const char *variable)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_command_line_sync (g_getenv (variable), NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
test_worker (void)
{
  g_autoptr(LanyardStore) s1 = device_store ("kiosk-7", "kiosk");
  g_autoptr(LanyardStore) s2 = device_store ("door-7", "door");
  g_autoptr(LanyardSyncWorker) w1 = lanyard_sync_worker_new (lanyard_store_get_path (s1));
  g_autoptr(LanyardSyncWorker) w2 = lanyard_sync_worker_new (lanyard_store_get_path (s2));
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(LanyardSyncStatus) status = NULL;
  g_autofree char *words = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *offline_uuid = NULL;
  Wait w = { loop, NULL, NULL, 0, g_thread_self () };
  gint64 t0, elapsed;

  for (guint i = 0; i < 2; i++)
    {
      LanyardSyncWorker *worker = i ? w2 : w1;

      g_signal_connect (worker, "status-changed", G_CALLBACK (on_status), &w);
      g_signal_connect (worker, "pulled", G_CALLBACK (on_pulled), &w);
      lanyard_sync_worker_start (worker);
    }
  wait_for (&w, w1, synced, 30);
  wait_for (&w, w2, synced, 30);

  /* a scan on one device reaches the other within two seconds: pushed
   * within one, pulled when the hub notifies (the poll is every 5 s) */
  t0 = g_get_monotonic_time ();
  uuid = add_scan (lanyard_store_get_path (s1), "kiosk-7");
  while (!has_scan (s2, uuid))
    wait_for (&w, w2, NULL, 10);
  elapsed = g_get_monotonic_time () - t0;
  g_test_message ("scan to the other device: %" G_GINT64_FORMAT " ms", elapsed / 1000);
  g_assert_cmpint (elapsed, <, 2 * G_USEC_PER_SEC);

  /* the hub goes: the device says since when, and what waits */
  run_command ("HUB_STOP");
  offline_uuid = add_scan (lanyard_store_get_path (s1), "kiosk-7");
  wait_for (&w, w1, offline_one_waiting, 30);
  status = lanyard_sync_worker_get_status (w1);
  words = lanyard_sync_status_describe (status, g_get_real_time (), NULL);
  g_assert_true (g_str_has_prefix (words, "Offline since "));
  g_assert_true (g_str_has_suffix (words, " — 1 scan waiting"));
  g_assert_nonnull (status->last_error);

  /* it comes back: both resume by themselves */
  run_command ("HUB_START");
  wait_for (&w, w1, synced, 90);
  while (!has_scan (s2, offline_uuid))
    wait_for (&w, w2, NULL, 90);

  lanyard_sync_worker_stop (w1);
  lanyard_sync_worker_stop (w2);
}

/* A claim and an evaluation made on one device reach another: the
 * attestation with its device and permission to report, the finished
 * evaluation and its answers, each once however often it is pulled. */
static gint64
add_learner (LanyardStore *store)
{
  g_autoptr(LanyardAttendee) a = lanyard_attendee_new ();
  g_autoptr(GError) error = NULL;

  a->ticket_code = g_strdup ("CLAIM-1");
  a->last_name = g_strdup ("Claimer");
  a->profession = g_strdup ("physician");
  lanyard_store_upsert_attendee (store, a, NULL, NULL, &error);
  g_assert_no_error (error);
  return a->id;
}

static char *
claim_rows (LanyardStore *store)
{
  sqlite3_stmt *stmt = lanyard_store_prepare (store,
      "SELECT (SELECT group_concat (credit_type || '=' || credits || '/' || device || '/' || permission_to_report)"
      "        FROM attestation),"
      " (SELECT group_concat (device || '/' || (uuid IS NOT NULL)) FROM evaluation),"
      " (SELECT group_concat (question || '=' || coalesce (score, choice, text) || '/' || device)"
      "        FROM (SELECT * FROM evaluation_answer ORDER BY question))", NULL);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup_printf ("%s|%s|%s", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                          sqlite3_column_text (stmt, 2));
}

static void
test_claims_travel (void)
{
  g_autoptr(LanyardStore) s1 = device_store ("kiosk-8", "kiosk");
  g_autoptr(LanyardStore) s2 = device_store ("desk-8", "desk");
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardAnswer) score = lanyard_answer_new ("q1", NULL);
  g_autoptr(LanyardAnswer) text = lanyard_answer_new ("q4", "S01");
  g_autofree char *rows = NULL;
  PGconn *c1, *c2;
  gint64 id = add_learner (s1);

  add_learner (s2);
  score->score = 4;
  text->text = g_strdup ("More cases");
  g_assert_true (lanyard_store_add_attestation (s1, id, "AMA_PRA_1", 1.5, "kiosk-8", TRUE, &error));
  g_assert_true (lanyard_store_add_evaluation_answer (s1, id, score, "kiosk-8", &error));
  g_assert_true (lanyard_store_add_evaluation_answer (s1, id, text, "kiosk-8", &error));
  g_assert_true (lanyard_store_set_evaluation_done (s1, id, "kiosk-8", &error));
  g_assert_no_error (error);

  c1 = lanyard_sync_connect (s1, &error);
  g_assert_no_error (error);
  c2 = lanyard_sync_connect (s2, &error);
  g_assert_no_error (error);
  g_assert_true (lanyard_sync_push (s1, c1, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (lanyard_sync_pull (s2, c2, NULL, &error));
      g_assert_no_error (error);
      g_clear_pointer (&rows, g_free);
      rows = claim_rows (s2);
      g_assert_cmpstr (rows, ==, "AMA_PRA_1=1.5/kiosk-8/1|kiosk-8/1|q1=4/kiosk-8,q4=More cases/kiosk-8");
    }
  PQfinish (c1);
  PQfinish (c2);
}

/* --- the words */

static void
test_describe (void)
{
  const gint64 now = G_GINT64_CONSTANT (1795500000) * G_USEC_PER_SEC;
  const struct {
    gint64      last_success;
    gint64      offline_since;
    guint       waiting;
    gint64      offset;
    int         code;
    const char *prefix;
    const char *suffix;
  } cases[] = {
    { now - 3 * G_USEC_PER_SEC, 0, 0, 0, -1, "Synced 3 s ago", "Synced 3 s ago" },
    { now - 600 * G_USEC_PER_SEC, 0, 0, 0, -1, "Synced 10 min ago", "ago" },
    { 0, 0, 0, 0, -1, "Not synced yet", "yet" },
    { now - G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC, now - 60 * G_USEC_PER_SEC, 37, 0, LANYARD_ERROR_HUB_OFFLINE,
      "Offline since ", " — 37 scans waiting" },
    { now, 0, 0, 3 * 60 * G_USEC_PER_SEC, -1, "Synced just now — this device’s clock is 3 minutes off",
      "credits depend on it" },
    { now, 0, 0, 90 * G_USEC_PER_SEC, -1, "Synced just now", "Synced just now" },
    { now, now, 2, 0, LANYARD_ERROR_HUB_TOO_NEW, "Working on its own: the hub needs a newer Lanyard", "Lanyard" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LanyardSyncStatus s = { (char *) "door-1", (char *) "door", cases[i].last_success, cases[i].offline_since,
                              cases[i].waiting, cases[i].offset,
                              ABS (cases[i].offset) > LANYARD_SYNC_CLOCK_SKEW_LIMIT, NULL, cases[i].code };
      g_autofree char *words = lanyard_sync_status_describe (&s, now, NULL);

      g_test_message ("%u: %s", i, words);
      g_assert_true (g_str_has_prefix (words, cases[i].prefix));
      g_assert_true (g_str_has_suffix (words, cases[i].suffix));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *event = g_build_filename (g_getenv ("LANYARD_SOURCE_DIR"), "data", "demo", "event.json", NULL);
  g_autofree char *csv = g_build_filename (g_getenv ("LANYARD_SOURCE_DIR"), "data", "demo", "registrations.csv", NULL);
  g_autofree char *key = NULL;
  g_autoptr(LanyardImportReport) report = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  /* every debug message on standard error, where tests/privacy-run.sh
   * looks for personal data (and out of the TAP stream) */
  g_log_writer_default_set_use_stderr (TRUE);
  tmpdir = g_dir_make_tmp ("lanyard-sync-XXXXXX", &error);
  g_assert_no_error (error);
  key = g_build_filename (tmpdir, "event.key", NULL);
  hub = lanyard_hub_connect (g_getenv ("LANYARD_HUB"), &error);
  g_assert_no_error (error);
  lanyard_hub_init (hub, NULL, NULL, &error);
  g_assert_no_error (error);
  lanyard_hub_load_event (hub, event, key, NULL, &error);
  g_assert_no_error (error);
  report = lanyard_hub_import (hub, csv, &(LanyardImportOptions) { 0 }, &error);
  g_assert_no_error (error);

  g_test_add_func ("/sync/describe", test_describe);
  g_test_add_func ("/sync/cursor-out-of-order", test_cursor_out_of_order);
  g_test_add_func ("/sync/pull-batches", test_pull_batches);
  g_test_add_func ("/sync/worker", test_worker);
  g_test_add_func ("/sync/claims-travel", test_claims_travel);
  status = g_test_run ();
  lanyard_hub_free (hub);
  {
    g_autofree char *command = g_strdup_printf ("rm -rf %s", tmpdir);
    g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  }
  g_free (tmpdir);
  return status;
}
