/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the staff desk shows about one attendee (lanyard-staff-record.h),
 * from a store on the demo event: details with the credit ids as "on file"
 * or "missing", check-ins and prints with time and device, sessions with
 * minutes, credits so far, print jobs, the change history.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lanyard-checkin.h"
#include "lanyard-event-import.h"
#include "lanyard-staff-record.h"
#include "lanyard-store-private.h"

#define M ((gint64) 60 * G_USEC_PER_SEC)

typedef struct {
  char               *dir;
  LanyardStore       *store;
  LanyardEvent       *event;
  LanyardBadgeKeys   *keys;
  const LanyardSession *s01;
} Fixture;

static gint64
add (Fixture    *fx,
     const char *ticket,
     const char *first,
     const char *last,
     const char *profession,
     const char *nabp)
{
  g_autoptr(LanyardAttendee) a = lanyard_attendee_new ();
  g_autoptr(GError) error = NULL;

  a->ticket_code = g_strdup (ticket);
  a->first_name = g_strdup (first);
  a->last_name = g_strdup (last);
  a->credentials = g_strdup ("MD");
  a->profession = g_strdup (profession);
  a->affiliation = g_strdup ("Lakeshore University Hospital");
  a->email = g_strdup ("someone@example.org");
  a->npi = g_strdup ("1000000000");
  a->nabp_eprofile = g_strdup (nabp);
  g_assert_true (lanyard_store_upsert_attendee (fx->store, a, NULL, NULL, &error));
  g_assert_no_error (error);
  return a->id;
}

static void
scan (Fixture              *fx,
      const char           *code,
      LanyardCheckinAction  action,
      const char           *session,
      const char           *device,
      gint64                at)
{
  LanyardCheckinRequest req = { action, session, device, at, FALSE };
  g_autoptr(LanyardCheckinResult) r = NULL;
  g_autoptr(GError) error = NULL;

  r = lanyard_checkin_perform (fx->store, fx->event, fx->keys, (const guint8 *) code, strlen (code), &req, &error);
  g_assert_no_error (error);
  g_assert_true (lanyard_outcome_is_accepted (r->outcome));
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *event = g_build_filename (g_getenv ("LANYARD_SOURCE_DIR"), "data", "demo", "event.json", NULL);

  fx->dir = g_dir_make_tmp ("lanyard-staff-record-XXXXXX", NULL);
  path = g_build_filename (fx->dir, "test.db", NULL);
  fx->store = lanyard_store_open (path, &error);
  g_assert_no_error (error);
  fx->event = lanyard_event_load_file (event, &error);
  g_assert_no_error (error);
  g_assert_true (lanyard_store_save_event (fx->store, fx->event, &error));
  g_assert_no_error (error);
  fx->keys = lanyard_badge_keys_generate_for_store (fx->store, FALSE, &error);
  g_assert_no_error (error);
  fx->s01 = lanyard_event_find_session (fx->event, "S01");
  g_assert_nonnull (fx->s01);
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

static const char *
field (LanyardStaffRecord *record,
       const char         *label)
{
  for (guint i = 0; i < record->details->len; i++)
    {
      const LanyardStaffField *f = g_ptr_array_index (record->details, i);

      if (g_strcmp0 (f->label, label) == 0)
        return f->value;
    }
  return NULL;
}

static const char *
line_with (GPtrArray  *lines,
           const char *needle)
{
  for (guint i = 0; i < lines->len; i++)
    if (strstr (g_ptr_array_index (lines, i), needle) != NULL)
      return g_ptr_array_index (lines, i);
  return NULL;
}

static LanyardStaffRecord *
load (Fixture *fx,
      gint64   id,
      gint64   now)
{
  g_autoptr(GError) error = NULL;
  LanyardStaffRecord *record = lanyard_staff_record_load (fx->store, fx->event, id, now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

static void
test_nothing_yet (Fixture       *fx,
                  gconstpointer  data)
{
  gint64 id = add (fx, "T-1", "Jane", "Smith", "physician", NULL);
  g_autoptr(LanyardStaffRecord) record = load (fx, id, fx->s01->starts_at);

  g_assert_cmpstr (record->name, ==, "Jane Smith, MD");
  g_assert_cmpstr (field (record, "Ticket code"), ==, "T-1");
  g_assert_cmpstr (field (record, "Affiliation"), ==, "Lakeshore University Hospital");
  g_assert_cmpstr (field (record, "Registration"), ==, "active");
  g_assert_cmpstr (field (record, "Badge"), ==, "version 1");
  g_assert_cmpstr (field (record, "Profession"), ==, "Physician");
  g_assert_cmpuint (record->history->len, ==, 0);
  g_assert_cmpuint (record->sessions->len, ==, 0);
  /* a physician's credit types, nothing earned yet */
  g_assert_nonnull (line_with (record->credits, "AMA PRA Category 1 Credit™: 0.00"));
  for (guint i = 0; i < record->credits->len; i++)
    g_assert_nonnull (strstr (g_ptr_array_index (record->credits, i), ": 0.00 "));
  g_assert_cmpuint (record->jobs->len, ==, 0);
  g_assert_cmpuint (record->audit->len, ==, 0);
  g_assert_nonnull (record->no_certificate);
}

/* Ids for credit reporting: whether they are there, never their value. */
static void
test_ids_on_file_or_missing (Fixture       *fx,
                             gconstpointer  data)
{
  gint64 with = add (fx, "T-1", "Paul", "Nguyen", "pharmacist", "3000003");
  gint64 without = add (fx, "T-2", "Mia", "Ross", "pharmacist", NULL);
  g_autoptr(LanyardStaffRecord) a = load (fx, with, fx->s01->starts_at);
  g_autoptr(LanyardStaffRecord) b = load (fx, without, fx->s01->starts_at);

  g_assert_cmpstr (field (a, "NABP e-Profile ID"), ==, "on file");
  g_assert_cmpstr (field (b, "NABP e-Profile ID"), ==, "missing: needed for credit");
  for (guint i = 0; i < a->details->len; i++)
    g_assert_null (strstr (((LanyardStaffField *) g_ptr_array_index (a->details, i))->value, "3000003"));
  /* a physician's credit types need no NABP id */
  {
    gint64 doc = add (fx, "T-3", "Jane", "Smith", "physician", NULL);
    g_autoptr(LanyardStaffRecord) c = load (fx, doc, fx->s01->starts_at);

    g_assert_null (field (c, "NABP e-Profile ID"));
  }
}

static void
test_history_sessions_credits_prints (Fixture       *fx,
                                      gconstpointer  data)
{
  gint64 start = fx->s01->starts_at;
  gint64 id = add (fx, "T-1", "Jane", "Smith", "physician", NULL);
  g_autoptr(LanyardStaffRecord) record = NULL;
  g_autoptr(LanyardPrintJob) job = lanyard_print_job_new ();
  g_autoptr(LanyardAttendee) fixed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *checked_in_at = lanyard_staff_format_time (fx->event, start - 30 * M);
  const char *line;

  scan (fx, "T-1", LANYARD_CHECKIN_EVENT, NULL, "kiosk-2", start - 30 * M);
  scan (fx, "T-1", LANYARD_CHECKIN_SESSION_ENTRY, "S01", "door-a", start - 5 * M);
  scan (fx, "T-1", LANYARD_CHECKIN_SESSION_EXIT, "S01", "door-a", start + 55 * M);

  job->attendee_id = id;
  job->document = g_strdup ("badge");
  job->queue = g_strdup ("Badges");
  job->pdf_path = g_strdup ("/tmp/x.pdf");
  g_assert_true (lanyard_store_add_print_job (fx->store, job, &error));
  job->state = LANYARD_JOB_COMPLETED;
  g_assert_true (lanyard_store_update_print_job (fx->store, job, &error));
  g_assert_true (lanyard_checkin_record_print (fx->store, id, LANYARD_SCAN_BADGE_PRINTED, "kiosk-2", NULL, &error));
  g_assert_true (lanyard_store_bump_badge_version (fx->store, id, "lost", "desk-1", &error) == 2);
  g_assert_true (lanyard_checkin_record_print (fx->store, id, LANYARD_SCAN_BADGE_REPRINTED, "desk-1", "lost",
                                               &error));
  fixed = lanyard_store_get_attendee (fx->store, id, &error);
  g_free (fixed->last_name);
  fixed->last_name = g_strdup ("Smyth");
  g_assert_true (lanyard_store_update_attendee (fx->store, fixed, "desk-1", &error));
  g_assert_no_error (error);

  record = load (fx, id, start + 120 * M);
  g_assert_cmpstr (record->name, ==, "Jane Smyth, MD");
  g_assert_cmpstr (field (record, "Badge"), ==, "version 2");

  /* check-ins and prints, oldest first, with time and device; door
   * entries and exits belong to the sessions, not here */
  g_assert_cmpuint (record->history->len, ==, 3);
  line = g_ptr_array_index (record->history, 0);
  g_assert_true (g_str_has_prefix (line, checked_in_at));
  g_assert_nonnull (strstr (line, "kiosk-2 · Checked in"));
  g_assert_nonnull (strstr (g_ptr_array_index (record->history, 1), "kiosk-2 · Badge printed"));
  g_assert_nonnull (strstr (g_ptr_array_index (record->history, 2), "desk-1 · Replacement badge: lost"));

  /* 5 minutes before the start to 55 after: the minutes inside the session */
  g_assert_cmpuint (record->sessions->len, ==, 1);
  line = g_ptr_array_index (record->sessions, 0);
  g_assert_true (g_str_has_prefix (line, fx->s01->title));
  g_assert_nonnull (strstr (line, "— 55 minutes"));

  /* per credit type of a physician, so far */
  line = line_with (record->credits, "AMA PRA Category 1 Credit™: ");
  g_assert_nonnull (line);
  g_assert_null (line_with (record->credits, "ACPE"));
  g_assert_null (line_with (record->credits, "ANCC"));

  g_assert_cmpuint (record->jobs->len, ==, 1);
  g_assert_nonnull (strstr (((LanyardStaffJob *) g_ptr_array_index (record->jobs, 0))->text, "Badge · printed"));
  g_assert_cmpint (((LanyardStaffJob *) g_ptr_array_index (record->jobs, 0))->state, ==, LANYARD_JOB_COMPLETED);

  g_assert_nonnull (line_with (record->audit, "desk-1 · badge version: “1” → “2” · lost"));
  g_assert_nonnull (line_with (record->audit, "desk-1 · last name: “Smith” → “Smyth”"));
}

static void
test_failed_job_and_cancelled (Fixture       *fx,
                               gconstpointer  data)
{
  gint64 id = add (fx, "T-1", "Jane", "Smith", "physician", NULL);
  g_autoptr(LanyardPrintJob) job = lanyard_print_job_new ();
  g_autoptr(LanyardStaffRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  const LanyardStaffJob *line;

  job->attendee_id = id;
  job->document = g_strdup ("certificate");
  job->queue = g_strdup ("Badges");
  job->pdf_path = g_strdup ("/tmp/x.pdf");
  g_assert_true (lanyard_store_add_print_job (fx->store, job, &error));
  job->state = LANYARD_JOB_FAILED;
  job->error = g_strdup ("The printer is out of labels");
  g_assert_true (lanyard_store_update_print_job (fx->store, job, &error));
  g_assert_true (lanyard_store_set_status (fx->store, id, LANYARD_STATUS_CANCELLED, "desk-1", &error));
  g_assert_no_error (error);

  record = load (fx, id, fx->s01->starts_at);
  g_assert_cmpstr (field (record, "Registration"), ==, "cancelled");
  line = g_ptr_array_index (record->jobs, 0);
  g_assert_cmpint (line->id, ==, job->id);
  g_assert_cmpint (line->state, ==, LANYARD_JOB_FAILED);
  g_assert_nonnull (strstr (line->text, "Certificate · failed"));
  g_assert_nonnull (strstr (line->text, "— The printer is out of labels"));
}

/* Another device's job, as the hub brought it: said with its device, and
 * no retry here (no id). */
static void
test_other_devices_job (Fixture       *fx,
                        gconstpointer  data)
{
  gint64 id = add (fx, "T-1", "Jane", "Smith", "physician", NULL);
  g_autofree char *sql = g_strdup_printf (
      "INSERT INTO sync_print_job (uuid, device, attendee_id, document, state, error, created_at, updated_at)"
      " VALUES ('job-k3', 'kiosk-3', %" G_GINT64_FORMAT ", 'badge', 'failed', 'Out of labels', 1, 2)", id);
  g_autoptr(LanyardStaffRecord) record = NULL;
  const LanyardStaffJob *line;

  g_assert_cmpint (sqlite3_exec (lanyard_store_get_db (fx->store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  record = load (fx, id, fx->s01->starts_at);
  g_assert_cmpuint (record->jobs->len, ==, 1);
  line = g_ptr_array_index (record->jobs, 0);
  g_assert_cmpint (line->id, ==, 0);
  g_assert_cmpint (line->state, ==, LANYARD_JOB_FAILED);
  g_assert_true (g_str_has_prefix (line->text, "Badge · failed · "));
  g_assert_true (g_str_has_suffix (line->text, " · at kiosk-3 — Out of labels"));
}

static void
test_walk_in_code (Fixture       *fx,
                   gconstpointer  data)
{
  g_autofree char *a = lanyard_staff_new_walk_in_code (fx->store);
  g_autofree char *b = lanyard_staff_new_walk_in_code (fx->store);

  g_assert_true (g_str_has_prefix (a, "WI-"));
  g_assert_cmpuint (strlen (a), ==, 11);
  g_assert_cmpstr (a, !=, b);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/staff-record/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("nothing-yet", test_nothing_yet);
  ADD ("ids-on-file-or-missing", test_ids_on_file_or_missing);
  ADD ("history-sessions-credits-prints", test_history_sessions_credits_prints);
  ADD ("failed-job-and-cancelled", test_failed_job_and_cancelled);
  ADD ("other-devices-job", test_other_devices_job);
  ADD ("walk-in-code", test_walk_in_code);
#undef ADD
  return g_test_run ();
}
