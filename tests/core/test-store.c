/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "lanyard-error.h"
#include "lanyard-store.h"

typedef struct {
  char         *dir;
  char         *path;
  LanyardStore *store;
} Fixture;

static void
rm_rf (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (dir);
}

static void
add_person (LanyardStore *store,
            const char   *ticket,
            const char   *first,
            const char   *last,
            const char   *affiliation)
{
  g_autoptr(LanyardAttendee) a = lanyard_attendee_new ();
  g_autoptr(GError) error = NULL;
  gboolean created = FALSE;

  a->ticket_code = g_strdup (ticket);
  a->first_name = g_strdup (first);
  a->last_name = g_strdup (last);
  a->affiliation = g_strdup (affiliation);
  a->email = g_strdup_printf ("%s@example.org", ticket);
  g_assert_true (lanyard_store_upsert_attendee (store, a, &created, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (created);
}

static void
setup (Fixture       *fx,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("lanyard-store-XXXXXX", NULL);
  fx->path = g_build_filename (fx->dir, "t.db", NULL);
  fx->store = lanyard_store_open (fx->path, &error);
  g_assert_no_error (error);
  add_person (fx->store, "T1", "José", "Muñoz", "Hospital La Paz");
  add_person (fx->store, "T2", "Jane", "Smith", "Lakeshore University Hospital");
  add_person (fx->store, "T3", "Seán", "O'Brien-Walsh", "St. Mary's");
  add_person (fx->store, "T4", "小明", "王", "Kyoto Riverside Hospital");
  add_person (fx->store, "T5", "فاطمة", "الزهراء", "King Faisal Heart Institute");
  add_person (fx->store, "T6", "Anna", "Kowalski", "Smithfield Clinic");
}

static void
teardown (Fixture       *fx,
          gconstpointer  data)
{
  g_clear_object (&fx->store);
  rm_rf (fx->dir);
  g_free (fx->dir);
  g_free (fx->path);
}

static void
test_file_mode_and_version (Fixture       *fx,
                            gconstpointer  data)
{
  GStatBuf st;
  sqlite3 *db;
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardStore) again = NULL;

  g_assert_cmpint (g_stat (fx->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* a database from a newer Lanyard is refused, not damaged */
  g_clear_object (&fx->store);
  g_assert_cmpint (sqlite3_open (fx->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  again = lanyard_store_open (fx->path, &error);
  g_assert_null (again);
  g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_DATABASE_TOO_NEW);
}

static void
test_not_a_database (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lanyard-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "junk.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardStore) store = NULL;

  g_file_set_contents (path, "this is not sqlite, just text that is long enough to be a header....", -1, NULL);
  store = lanyard_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_DATABASE);
  rm_rf (dir);
}

/* Refused by the scan log's own triggers, not by any other error. */
static void
assert_append_only (sqlite3    *db,
                    const char *sql)
{
  char *msg = NULL;

  g_test_message ("%s", sql);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, &msg), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_extended_errcode (db), ==, SQLITE_CONSTRAINT_TRIGGER);
  g_assert_cmpstr (msg, ==, "the scan log is append-only");
  sqlite3_free (msg);
}

static LanyardScan *
append_scan (LanyardStore   *store,
             const char     *device,
             LanyardOutcome  outcome)
{
  g_autoptr(LanyardScan) scan = lanyard_scan_new ();
  g_autoptr(GError) error = NULL;

  scan->kind = LANYARD_SCAN_CHECK_IN;
  scan->outcome = outcome;
  scan->device = g_strdup (device);
  g_assert_true (lanyard_store_append_scan (store, scan, &error));
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (scan->uuid));
  return g_steal_pointer (&scan);
}

/* VERB is "INSERT OR REPLACE" or "REPLACE": another scan under UUID. */
static void
assert_replace_refused (sqlite3    *db,
                        const char *verb,
                        const char *uuid)
{
  g_autofree char *sql = g_strdup_printf ("%s INTO scan (uuid, device, at, kind, outcome)"
                                          " VALUES ('%s', 'elsewhere', 1, 'check_in', 'checked_in')", verb, uuid);

  assert_append_only (db, sql);
}

static void
test_scan_log_append_only (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(LanyardScan) scan = append_scan (fx->store, "kiosk-1", LANYARD_OUTCOME_UNKNOWN);
  g_autoptr(LanyardScan) next = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scans = NULL;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (fx->path, &db), ==, SQLITE_OK);
  assert_append_only (db, "UPDATE scan SET outcome = 'checked_in'");
  assert_append_only (db, "DELETE FROM scan");
  /* REPLACE deletes the old row without firing delete triggers */
  assert_replace_refused (db, "INSERT OR REPLACE", scan->uuid);
  assert_replace_refused (db, "REPLACE", scan->uuid);
  sqlite3_close (db);

  scans = lanyard_store_list_scans (fx->store, 0, &error);
  g_assert_cmpuint (scans->len, ==, 1);
  g_assert_cmpstr (((LanyardScan *) scans->pdata[0])->device, ==, "kiosk-1");
  g_assert_cmpint (((LanyardScan *) scans->pdata[0])->outcome, ==, LANYARD_OUTCOME_UNKNOWN);

  /* a new scan still goes in */
  next = append_scan (fx->store, "kiosk-2", LANYARD_OUTCOME_CHECKED_IN);
}

/* A database made before the scan log refused REPLACE (schema 1) gets
 * the guard when it is opened. */
static void
test_scan_log_guard_migrated (Fixture       *fx,
                              gconstpointer  data)
{
  g_autoptr(LanyardScan) scan = append_scan (fx->store, "kiosk-1", LANYARD_OUTCOME_UNKNOWN);
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_clear_object (&fx->store);
  g_assert_cmpint (sqlite3_open (fx->path, &db), ==, SQLITE_OK);
  /* A database of schema 1: without the guard, nor what schemas 3 and 4 add. */
  g_assert_cmpint (sqlite3_exec (db, /* the visits kept for "inside" (scale), first: they read scan_timeline */
                                     "DROP TRIGGER scan_presence_entry;"
                                     "DROP TRIGGER scan_presence_exit;"
                                     "DROP TRIGGER attendee_presence_insert;"
                                     "DROP TRIGGER attendee_presence_role;"
                                     "DROP TRIGGER attendee_presence_delete;"
                                     "DROP TABLE presence_visit;"
                                     "DROP TRIGGER IF EXISTS scan_no_replace;"
                                     "DROP TRIGGER scan_tally_arrival;"
                                     "DROP TRIGGER scan_tally_admission;"
                                     "DROP INDEX scan_device;"
                                     "DROP INDEX scan_timeline;"
                                     "DROP TABLE scan_arrival;"
                                     "DROP TABLE scan_admission;"
                                     "DROP TABLE session_tally;"
                                     "ALTER TABLE scan DROP COLUMN recorded_at;"
                                     "ALTER TABLE event DROP COLUMN rounding;"
                                     "ALTER TABLE event DROP COLUMN press_takes_seat;"
                                     /* nor the learner fields PARS needs */
                                     "ALTER TABLE attendee DROP COLUMN board;"
                                     "ALTER TABLE attendee DROP COLUMN permission_to_report;"
                                     /* nor the names in Latin script */
                                     "ALTER TABLE attendee DROP COLUMN first_name_latin;"
                                     "ALTER TABLE attendee DROP COLUMN last_name_latin;"
                                     /* nor what the print job migration adds */
                                     "ALTER TABLE print_job DROP COLUMN template;"
                                     "ALTER TABLE print_job DROP COLUMN paper;"
                                     "ALTER TABLE print_job DROP COLUMN media;"
                                     "ALTER TABLE print_job DROP COLUMN width_pt;"
                                     "ALTER TABLE print_job DROP COLUMN height_pt;"
                                     "ALTER TABLE print_job DROP COLUMN copies;"
                                     "ALTER TABLE print_job DROP COLUMN sent_pdf_path;"
                                     "ALTER TABLE print_job DROP COLUMN badge_version;"
                                     "ALTER TABLE print_job DROP COLUMN printed_name;"
                                     /* nor the hub sync's tables (its triggers come with a join) */
                                     "DROP TRIGGER IF EXISTS sync_scan;"
                                     "DROP TRIGGER IF EXISTS sync_audit;"
                                     "DROP TRIGGER IF EXISTS sync_attestation;"
                                     "DROP TRIGGER IF EXISTS sync_attendee;"
                                     "DROP TRIGGER IF EXISTS sync_print_job;"
                                     "DROP TRIGGER IF EXISTS sync_print_job_state;"
                                     "DROP TABLE sync_outbox;"
                                     "DROP TABLE sync_conflict;"
                                     "DROP TABLE sync_print_job;"
                                     /* nor the last-four tries */
                                     "DROP TABLE last4_failure;"
                                     /* nor the claims' and evaluations' columns and tables */
                                     "DROP TRIGGER IF EXISTS sync_evaluation;"
                                     "DROP TRIGGER IF EXISTS sync_evaluation_answer;"
                                     "ALTER TABLE attestation DROP COLUMN device;"
                                     "ALTER TABLE attestation DROP COLUMN permission_to_report;"
                                     "ALTER TABLE evaluation DROP COLUMN uuid;"
                                     "ALTER TABLE evaluation DROP COLUMN device;"
                                     "DROP TABLE evaluation_answer;"
                                     "ALTER TABLE event DROP COLUMN activity_id;"
                                     "ALTER TABLE credit_type DROP COLUMN attestation;"
                                     "ALTER TABLE credit_type DROP COLUMN permission_to_report;"
                                     "DROP TABLE evaluation_question;"
                                     /* nor the registrations' tally index (scale) */
                                     "DROP INDEX attendee_tally;"
                                     "PRAGMA user_version = 1",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  fx->store = lanyard_store_open (fx->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (fx->path, &db), ==, SQLITE_OK);
  assert_replace_refused (db, "INSERT OR REPLACE", scan->uuid);
  sqlite3_close (db);
}

static LanyardSession *
make_session (const char *id,
              gboolean    ticketed)
{
  LanyardSession *s = lanyard_session_new ();

  s->id = g_strdup (id);
  s->title = g_strdup (id);
  s->room = g_strdup ("Room 1");
  s->starts_at = G_GINT64_CONSTANT (1795528800) * G_USEC_PER_SEC;
  s->ends_at = s->starts_at + G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC;
  s->ticketed = ticketed;
  return s;
}

static LanyardEvent *
make_event (const char * const *session_ids)
{
  LanyardEvent *event = lanyard_event_new ();

  event->id = g_strdup ("EV");
  event->title = g_strdup ("Event");
  event->time_zone = g_strdup ("UTC");
  event->provider = g_strdup ("P");
  for (guint i = 0; session_ids[i] != NULL; i++)
    g_ptr_array_add (event->sessions, make_session (session_ids[i], g_str_has_prefix (session_ids[i], "W")));
  return event;
}

typedef struct {
  const char *what;
  guint       registered;  /* people registered for W2 */
  gboolean    scanned;     /* someone was scanned in W2 */
  const char *error_words; /* NULL: W2 may go */
} DropCase;

static const DropCase drop_cases[] = {
  { "nobody registered or scanned: the session goes", 0, FALSE, NULL },
  { "registrations: refused, with how many", 2, FALSE, "2 people are registered for it" },
  { "attendance: refused", 0, TRUE, "attendance was recorded there" },
};

/* An edited event file that leaves out a session must not lose what
 * belongs to it without a word. */
static void
test_event_drops_session (Fixture       *fx,
                          gconstpointer  data)
{
  static const char * const before[] = { "S1", "W2", NULL };
  static const char * const after[] = { "S1", NULL };
  static const char * const tickets[] = { "T1", "T2", "T3" };
  const DropCase *c = data;
  g_autoptr(LanyardEvent) event = make_event (before);
  g_autoptr(LanyardEvent) edited = make_event (after);
  g_autoptr(LanyardEvent) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_test_message ("%s", c->what);
  g_assert_true (lanyard_store_save_event (fx->store, event, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < c->registered; i++)
    {
      g_autoptr(LanyardAttendee) a = lanyard_store_find_ticket (fx->store, tickets[i], &error);

      g_assert_no_error (error);
      g_strfreev (a->sessions);
      a->sessions = g_strdupv ((char **) (const char * const[]) { "W2", NULL });
      g_assert_true (lanyard_store_upsert_attendee (fx->store, a, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  if (c->scanned)
    {
      g_autoptr(LanyardScan) scan = lanyard_scan_new ();

      scan->kind = LANYARD_SCAN_SESSION_ENTRY;
      scan->outcome = LANYARD_OUTCOME_ENTERED;
      scan->session_id = g_strdup ("W2");
      g_assert_true (lanyard_store_append_scan (fx->store, scan, &error));
      g_assert_no_error (error);
    }

  if (c->error_words == NULL)
    {
      g_assert_true (lanyard_store_save_event (fx->store, edited, &error));
      g_assert_no_error (error);
      loaded = lanyard_store_load_event (fx->store, &error);
      g_assert_null (lanyard_event_find_session (loaded, "W2"));
      return;
    }

  g_assert_false (lanyard_store_save_event (fx->store, edited, &error));
  g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_EVENT);
  g_assert_nonnull (strstr (error->message, "Session W2 "));
  g_assert_nonnull (strstr (error->message, c->error_words));
  /* nothing changed: the session and its registrations are all there */
  loaded = lanyard_store_load_event (fx->store, &error);
  g_assert_nonnull (lanyard_event_find_session (loaded, "W2"));
  for (guint i = 0; i < c->registered; i++)
    {
      g_autoptr(LanyardAttendee) a = lanyard_store_find_ticket (fx->store, tickets[i], NULL);

      g_assert_true (lanyard_store_is_registered (fx->store, a->id, "W2"));
    }
}

typedef struct {
  const char *query;
  const char *first_ticket; /* NULL: no result */
} SearchCase;

static const SearchCase search_cases[] = {
  { "jose", "T1" },
  { "JOSÉ muñ", "T1" },
  { "munoz", "T1" },
  { "smi", "T2" },              /* prefix; name outranks affiliation "Smithfield" */
  { "o'brien", "T3" },
  { "brien-walsh", "T3" },
  { "sean", "T3" },
  { "小明", "T4" },
  { "王", "T4" },
  { "王小明", "T4" },
  { "فاطمة", "T5" },
  { "kyoto", "T4" },
  { "T6", "T6" },
  { "T5@example.org", "T5" },
  { "nobody", NULL },
  { "\"", NULL },
  { "*", NULL },
  { "AND OR NOT", NULL },
  { "NEAR(", NULL },
  { "'; DROP TABLE attendee; --", NULL },
  { "", NULL },
};

static void
test_search (Fixture       *fx,
             gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (search_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) hits = lanyard_store_search (fx->store, search_cases[i].query, 10, &error);

      g_test_message ("query %s", search_cases[i].query);
      g_assert_no_error (error);
      g_assert_nonnull (hits);
      if (search_cases[i].first_ticket == NULL)
        g_assert_cmpuint (hits->len, ==, 0);
      else
        {
          g_assert_cmpuint (hits->len, >, 0);
          g_assert_cmpstr (((LanyardAttendee *) hits->pdata[0])->ticket_code, ==, search_cases[i].first_ticket);
        }
    }
  {
    g_autoptr(GPtrArray) hits = lanyard_store_search (fx->store, "\xff\xfe", 10, NULL);
    g_assert_cmpuint (hits->len, ==, 0);
  }
  {
    g_autoptr(GPtrArray) still = lanyard_store_list_attendees (fx->store, NULL);
    g_assert_cmpuint (still->len, ==, 6);
  }
}

static void
test_revision_and_audit (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(LanyardAttendee) a = lanyard_store_find_ticket (fx->store, "T2", NULL);
  g_autoptr(LanyardAttendee) same = lanyard_attendee_copy (a);
  g_autoptr(LanyardAttendee) after = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  gboolean created = TRUE, changed = TRUE;
  gint64 rev = a->revision;

  g_assert_true (lanyard_store_upsert_attendee (fx->store, same, &created, &changed, &error));
  g_assert_false (created);
  g_assert_false (changed);
  after = lanyard_store_find_ticket (fx->store, "T2", NULL);
  g_assert_cmpint (after->revision, ==, rev);
  g_clear_pointer (&after, lanyard_attendee_free);

  g_free (a->first_name);
  a->first_name = g_strdup ("Janet");
  g_assert_true (lanyard_store_update_attendee (fx->store, a, "desk-1", &error));
  g_assert_no_error (error);
  after = lanyard_store_find_ticket (fx->store, "T2", NULL);
  g_assert_cmpstr (after->first_name, ==, "Janet");
  g_assert_cmpint (after->revision, ==, rev + 1);

  audit = lanyard_store_list_audit (fx->store, a->id, &error);
  g_assert_cmpuint (audit->len, ==, 1);
  g_assert_cmpstr (((LanyardAuditEntry *) audit->pdata[0])->field, ==, "first_name");
  g_assert_cmpstr (((LanyardAuditEntry *) audit->pdata[0])->old_value, ==, "Jane");
  g_assert_cmpstr (((LanyardAuditEntry *) audit->pdata[0])->new_value, ==, "Janet");
  g_assert_cmpstr (((LanyardAuditEntry *) audit->pdata[0])->device, ==, "desk-1");

  /* the edit is searchable at once */
  {
    g_autoptr(GPtrArray) hits = lanyard_store_search (fx->store, "janet", 5, NULL);
    g_assert_cmpuint (hits->len, ==, 1);
  }

  g_assert_cmpint (lanyard_store_bump_badge_version (fx->store, a->id, "lost", "desk-1", &error), ==, 2);
  g_assert_true (lanyard_store_set_status (fx->store, a->id, LANYARD_STATUS_CANCELLED, "desk-1", &error));
  g_clear_pointer (&audit, g_ptr_array_unref);
  audit = lanyard_store_list_audit (fx->store, a->id, &error);
  g_assert_cmpuint (audit->len, ==, 3);
  g_assert_cmpstr (((LanyardAuditEntry *) audit->pdata[1])->reason, ==, "lost");
}

/* The ids credit reporting needs are corrected at the desk like a name:
 * each change audited; a cancelled registration gets no new badge. */
static void
test_edit_ids_audited (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(LanyardAttendee) a = lanyard_store_find_ticket (fx->store, "T2", NULL);
  g_autoptr(LanyardAttendee) after = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  const struct { const char *field, *value; } edits[] = {
    { "profession", "pharmacist" }, { "npi", "1234567893" }, { "nabp_eprofile", "3000002" },
    { "birth_mmdd", "0229" }, { "abim_id", "123456" }, { "license", "TX 123456" },
  };

#define SET(field, value) g_free (a->field); a->field = g_strdup (value)
  SET (profession, "pharmacist");
  SET (npi, "1234567893");
  SET (nabp_eprofile, "3000002");
  SET (birth_mmdd, "0229");
  SET (abim_id, "123456");
  SET (license, "TX 123456");
#undef SET
  g_assert_true (lanyard_store_update_attendee (fx->store, a, "desk-2", &error));
  g_assert_no_error (error);
  after = lanyard_store_find_ticket (fx->store, "T2", NULL);
  g_assert_cmpstr (after->nabp_eprofile, ==, "3000002");
  g_assert_cmpstr (after->birth_mmdd, ==, "0229");
  g_assert_cmpstr (after->license, ==, "TX 123456");
  g_assert_cmpstr (after->abim_id, ==, "123456");
  g_assert_cmpstr (after->npi, ==, "1234567893");

  audit = lanyard_store_list_audit (fx->store, a->id, &error);
  g_assert_cmpuint (audit->len, ==, G_N_ELEMENTS (edits));
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      const LanyardAuditEntry *e = NULL;

      for (guint j = 0; j < audit->len; j++)
        if (g_str_equal (((LanyardAuditEntry *) audit->pdata[j])->field, edits[i].field))
          e = audit->pdata[j];
      g_assert_nonnull (e);
      g_assert_cmpstr (e->new_value, ==, edits[i].value);
      g_assert_cmpstr (e->device, ==, "desk-2");
      g_assert_cmpint (e->at, >, 0);
    }

  g_assert_true (lanyard_store_set_status (fx->store, a->id, LANYARD_STATUS_CANCELLED, "desk-2", &error));
  g_assert_cmpint (lanyard_store_bump_badge_version (fx->store, a->id, "lost", "desk-2", &error), ==, 0);
  g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "cancelled"));
  g_clear_pointer (&after, lanyard_attendee_free);
  after = lanyard_store_find_ticket (fx->store, "T2", NULL);
  g_assert_cmpint (after->badge_version, ==, 1);
}

static void
test_print_jobs (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(LanyardPrintJob) job = lanyard_print_job_new ();
  g_autoptr(LanyardPrintJob) back = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;

  job->document = g_strdup ("badge");
  job->queue = g_strdup ("Badges");
  job->pdf_path = g_strdup ("/tmp/x.pdf");
  g_assert_true (lanyard_store_add_print_job (fx->store, job, &error));
  g_assert_cmpint (job->id, >, 0);
  job->state = LANYARD_JOB_FAILED;
  job->error = g_strdup ("The printer is out of labels");
  job->cups_job_id = 17;
  /* how it prints, kept for every retry; what the last try printed */
  job->paper = g_strdup ("a4");
  job->media = g_strdup ("iso_a4_210x297mm");
  job->width_pt = 595.28;
  job->height_pt = 841.89;
  job->copies = 2;
  job->sent_pdf_path = g_strdup ("/tmp/y.pdf");
  job->badge_version = 3;
  job->printed_name = g_strdup ("Jane Smith, MD");
  g_assert_true (lanyard_store_update_print_job (fx->store, job, &error));
  back = lanyard_store_get_print_job (fx->store, job->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->paper, ==, "a4");
  g_assert_cmpstr (back->media, ==, "iso_a4_210x297mm");
  g_assert_cmpfloat (back->width_pt, ==, 595.28);
  g_assert_cmpfloat (back->height_pt, ==, 841.89);
  g_assert_cmpint (back->copies, ==, 2);
  g_assert_cmpstr (back->sent_pdf_path, ==, "/tmp/y.pdf");
  g_assert_cmpstr (back->pdf_path, ==, "/tmp/x.pdf");
  g_assert_cmpint (back->badge_version, ==, 3);
  g_assert_cmpstr (back->printed_name, ==, "Jane Smith, MD");
  g_assert_cmpint (back->state, ==, LANYARD_JOB_FAILED);
  g_assert_cmpint (back->cups_job_id, ==, 17);
  g_assert_cmpstr (back->error, ==, "The printer is out of labels");
  jobs = lanyard_store_list_print_jobs (fx->store, 0, &error);
  g_assert_cmpuint (jobs->len, ==, 1);
  g_assert_null (lanyard_store_get_print_job (fx->store, 999, &error));
  g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_NOT_FOUND);
}

/* The newest few, and the badges still to settle with CUPS, straight from
 * the database (a kiosk keeps thousands of jobs over a meeting). */
static void
test_print_jobs_listed (Fixture       *fx,
                        gconstpointer  data)
{
  static const struct { const char *document; LanyardJobState state; } made[] = {
    { "badge", LANYARD_JOB_COMPLETED },          /* 1 */
    { "badge", LANYARD_JOB_SUBMITTED },        /* 2: unfinished */
    { "certificate", LANYARD_JOB_PENDING },    /* 3: not a badge */
    { "badge", LANYARD_JOB_FAILED },           /* 4 */
    { "badge", LANYARD_JOB_PENDING },          /* 5: unfinished */
    { "badge", LANYARD_JOB_COMPLETED },          /* 6 */
  };
  gint64 ids[G_N_ELEMENTS (made)];
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(GPtrArray) unfinished = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (made); i++)
    {
      g_autoptr(LanyardPrintJob) job = lanyard_print_job_new ();

      job->document = g_strdup (made[i].document);
      job->queue = g_strdup ("Badges");
      g_assert_true (lanyard_store_add_print_job (fx->store, job, &error));
      job->state = made[i].state;
      g_assert_true (lanyard_store_update_print_job (fx->store, job, &error));
      g_assert_no_error (error);
      ids[i] = job->id;
    }

  recent = lanyard_store_list_recent_print_jobs (fx->store, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recent->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (((LanyardPrintJob *) g_ptr_array_index (recent, i))->id, ==, ids[5 - i]);

  unfinished = lanyard_store_list_unfinished_badge_jobs (fx->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unfinished->len, ==, 2);
  g_assert_cmpint (((LanyardPrintJob *) g_ptr_array_index (unfinished, 0))->id, ==, ids[1]);
  g_assert_cmpint (((LanyardPrintJob *) g_ptr_array_index (unfinished, 1))->id, ==, ids[4]);
}

static void
test_transactions_roll_back (Fixture       *fx,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;

  g_assert_true (lanyard_store_begin (fx->store, &error));
  add_person (fx->store, "T9", "Temp", "Person", "");
  lanyard_store_rollback (fx->store);
  all = lanyard_store_list_attendees (fx->store, &error);
  g_assert_cmpuint (all->len, ==, 6);
  g_assert_null (lanyard_store_find_ticket (fx->store, "T9", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/store/file-mode-and-version", Fixture, NULL, setup, test_file_mode_and_version, teardown);
  g_test_add_func ("/store/not-a-database", test_not_a_database);
  g_test_add ("/store/scan-log-append-only", Fixture, NULL, setup, test_scan_log_append_only, teardown);
  g_test_add ("/store/scan-log-guard-migrated", Fixture, NULL, setup, test_scan_log_guard_migrated, teardown);
  for (guint i = 0; i < G_N_ELEMENTS (drop_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/store/event-drops-session/%u", i + 1);
      g_test_add (path, Fixture, &drop_cases[i], setup, test_event_drops_session, teardown);
    }
  g_test_add ("/store/search", Fixture, NULL, setup, test_search, teardown);
  g_test_add ("/store/revision-and-audit", Fixture, NULL, setup, test_revision_and_audit, teardown);
  g_test_add ("/store/edit-ids-audited", Fixture, NULL, setup, test_edit_ids_audited, teardown);
  g_test_add ("/store/print-jobs", Fixture, NULL, setup, test_print_jobs, teardown);
  g_test_add ("/store/print-jobs-listed", Fixture, NULL, setup, test_print_jobs_listed, teardown);
  g_test_add ("/store/transactions", Fixture, NULL, setup, test_transactions_roll_back, teardown);
  return g_test_run ();
}
