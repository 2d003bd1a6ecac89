/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The accreditors' reports, read back field by field: one learner a row
 * of the table — rounding, claims, pharmacists, faculty, missing ids, no
 * permission.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lanyard-error.h"
#include "lanyard-report.h"
#include "lanyard-store-private.h"
#include "lanyard-test-db.h"

/* 2026-11-24 09:00 UTC, plus minutes */
#define T0 G_GINT64_CONSTANT (1795510800)
#define AT(min) ((T0 + (gint64) (min) * 60) * G_USEC_PER_SEC)
#define UAN "JA0000000-0000-26-041-L01-P"

typedef struct {
  const char *what;
  /* the learner */
  const char *profession;
  const char *first_name;
  const char *birth_mmdd;
  const char *license;
  const char *npi;
  const char *board;
  const char *board_id;
  const char *nabp;
  gboolean    permission;        /* at registration */
  gboolean    kiosk_permission;  /* with the claim */
  gboolean    faculty_of_s2;
  gboolean    evaluated;
  int         s1[2], s2[2];      /* minutes inside: entry, exit (0, 0 = not there) */
  const char *claims;            /* "AMA_PRA_1=1.5,ABIM_MOC=1" or NULL */
  /* what the report says */
  const char *pars[12];          /* the PARS row, or { NULL } for none */
  const char *cpe[7];            /* the CPE Monitor row, or { NULL } */
  const char *problem;           /* a substring of the one problem, or NULL for none */
} ReportCase;

static const ReportCase cases[] = {
  { "licensed physician, claim in full",
    "physician", "Jane", "0314", "TX 123456", "", "", "", "", TRUE, FALSE, FALSE, FALSE, { 0, 60 }, { 0, 0 },
    "AMA_PRA_1=1",
    { "Add", "202612345", "11/25/2026", "Jane", "Case", "0314", "TX", "123456", "1.00", "", "", "" } },
  { "rounded once over the sessions: 52 + 37 minutes are 1.50, not 0.75 + 0.50",
    "physician", "Jane", "0314", "TX 123456", "", "", "", "", TRUE, FALSE, FALSE, FALSE, { 0, 52 }, { 60, 97 },
    "AMA_PRA_1=1.5",
    { "Add", "202612345", "11/25/2026", "Jane", "Case", "0314", "TX", "123456", "1.50", "", "", "" } },
  { "a claim above what was earned is reported as earned",
    "physician", "Jane", "0314", "TX 123456", "", "", "", "", TRUE, FALSE, FALSE, FALSE, { 0, 45 }, { 0, 0 },
    "AMA_PRA_1=2",
    { "Add", "202612345", "11/25/2026", "Jane", "Case", "0314", "TX", "123456", "0.75", "", "", "" } },
  { "claimed less than earned",
    "physician", "Jane", "0314", "CA A-77", "", "", "", "", TRUE, FALSE, FALSE, FALSE, { 0, 60 }, { 60, 120 },
    "AMA_PRA_1=0.5",
    { "Add", "202612345", "11/25/2026", "Jane", "Case", "0314", "CA", "A-77", "0.50", "", "", "" } },
  { "NPI when there is no licence",
    "physician", "Jane", "0314", "", "1234567893", "", "", "", TRUE, FALSE, FALSE, FALSE, { 0, 60 }, { 0, 0 },
    "AMA_PRA_1=1",
    { "Add", "202612345", "11/25/2026", "Jane", "Case", "0314", "", "1234567893", "1.00", "", "", "" } },
  { "MOC: the board from the credit type, its ID and points",
    "physician", "Jane", "0314", "TX 123456", "", "", "12345678", "", TRUE, FALSE, FALSE, TRUE, { 0, 60 }, { 60, 120 },
    "AMA_PRA_1=2,ABIM_MOC=1.25",
    { "Add", "202612345", "11/25/2026", "Jane", "Case", "0314", "TX", "123456", "2.00", "ABIM", "12345678", "1.25" } },
  { "MOC only, a board named at registration",
    "physician", "Jane", "0314", "", "", "ABIM (Internal Medicine)", "12345678", "", TRUE, FALSE, FALSE, TRUE,
    { 0, 60 }, { 60, 120 }, "ABIM_MOC=2",
    { "Add", "202612345", "11/25/2026", "Jane", "Case", "0314", "", "", "", "ABIM (Internal Medicine)", "12345678",
      "2.00" } },
  { "MOC waits for the evaluation; the CME credit goes",
    "physician", "Jane", "0314", "TX 123456", "", "", "12345678", "", TRUE, FALSE, FALSE, FALSE, { 0, 60 }, { 60, 120 },
    "AMA_PRA_1=2,ABIM_MOC=2",
    { "Add", "202612345", "11/25/2026", "Jane", "Case", "0314", "TX", "123456", "2.00", "", "", "" }, { NULL },
    "MOC points wait for the evaluation" },
  { "faculty: no learner credit for the session they present",
    "physician", "Jane", "0314", "TX 123456", "", "", "", "", TRUE, FALSE, TRUE, FALSE, { 0, 60 }, { 60, 120 },
    "AMA_PRA_1=2",
    { "Add", "202612345", "11/25/2026", "Jane", "Case", "0314", "TX", "123456", "1.00", "", "", "" } },
  { "faculty who only presented: nothing to report",
    "physician", "Jane", "0314", "TX 123456", "", "", "", "", TRUE, FALSE, TRUE, FALSE, { 0, 0 }, { 60, 120 },
    "AMA_PRA_1=1", { NULL } },
  { "permission given with the claim at the kiosk",
    "physician", "Jane", "0314", "TX 123456", "", "", "", "", FALSE, TRUE, FALSE, FALSE, { 0, 60 }, { 0, 0 },
    "AMA_PRA_1=1",
    { "Add", "202612345", "11/25/2026", "Jane", "Case", "0314", "TX", "123456", "1.00", "", "", "" } },
  { "no permission to report: left out, said so",
    "physician", "Jane", "0314", "TX 123456", "", "", "", "", FALSE, FALSE, FALSE, FALSE, { 0, 60 }, { 0, 0 },
    "AMA_PRA_1=1", { NULL }, { NULL }, "no permission to report" },
  { "no claim: not reported",
    "physician", "Jane", "0314", "TX 123456", "", "", "", "", TRUE, FALSE, FALSE, FALSE, { 0, 60 }, { 0, 0 },
    NULL, { NULL } },
  { "missing birth date: not written, named",
    "physician", "Jane", "", "TX 123456", "", "", "", "", TRUE, FALSE, FALSE, FALSE, { 0, 60 }, { 0, 0 },
    "AMA_PRA_1=1", { NULL }, { NULL }, "Jane Case (L1): no birth date (MMDD); not written" },
  { "a licence without its state and no NPI",
    "physician", "Jane", "0314", "778", "", "", "", "", TRUE, FALSE, FALSE, FALSE, { 0, 60 }, { 0, 0 },
    "AMA_PRA_1=1", { NULL }, { NULL }, "no licensing state (or NPI)" },
  { "neither licence nor NPI",
    "physician", "Jane", "0314", "", "", "", "", "", TRUE, FALSE, FALSE, FALSE, { 0, 60 }, { 0, 0 },
    "AMA_PRA_1=1", { NULL }, { NULL }, "no licensing state and licence ID, or NPI" },
  { "MOC without a board ID",
    "physician", "Jane", "0314", "TX 123456", "", "", "", "", TRUE, FALSE, FALSE, TRUE, { 0, 60 }, { 0, 0 },
    "ABIM_MOC=1", { NULL }, { NULL }, "no certifying board ID" },
  /* pharmacists: CPE Monitor, never PARS */
  { "pharmacist with e-Profile and birth date",
    "pharmacist", "Raj", "1231", "", "", "", "", "3000002", FALSE, FALSE, FALSE, TRUE, { 0, 60 }, { 60, 90 },
    NULL, { NULL },
    { "3000002", "1231", UAN, "11/24/2026", "1.50", "Case", "Raj" } },
  { "pharmacist's claim less than attended",
    "pharmacist", "Raj", "1231", "", "", "", "", "3000002", TRUE, FALSE, FALSE, TRUE, { 0, 60 }, { 60, 90 },
    "ACPE=1", { NULL },
    { "3000002", "1231", UAN, "11/24/2026", "1.00", "Case", "Raj" } },
  { "pharmacist without an e-Profile ID",
    "pharmacist", "Raj", "1231", "", "", "", "", "", FALSE, FALSE, FALSE, TRUE, { 0, 60 }, { 0, 0 },
    NULL, { NULL }, { NULL }, "Raj Case (L1): no NABP e-Profile ID; not written" },
  { "pharmacist without a birth date",
    "pharmacist", "Raj", "", "", "", "", "", "3000002", FALSE, FALSE, FALSE, TRUE, { 0, 60 }, { 0, 0 },
    NULL, { NULL }, { NULL }, "no birth date (MMDD); not written" },
  { "pharmacist who owes the evaluation",
    "pharmacist", "Raj", "1231", "", "", "", "", "3000002", FALSE, FALSE, FALSE, FALSE, { 0, 60 }, { 0, 0 },
    NULL, { NULL }, { NULL }, "evaluation is not completed" },
};

typedef struct {
  char         *dir;
  char         *path;
  LanyardStore *store;
  LanyardEvent *event;
} Fixture;

static void
add_type (LanyardEvent *event,
          const char   *code,
          const char   *professions,
          gboolean      evaluation,
          const char   *uan)
{
  LanyardCreditType *t = lanyard_credit_type_new ();

  t->code = g_strdup (code);
  t->label = g_strdup (code);
  t->professions = g_strsplit (professions, ",", -1);
  t->step = 0.25;
  t->max_credits = 10;
  t->evaluation_required = evaluation;
  t->uan = g_strdup (uan);
  g_ptr_array_add (event->credit_types, t);
}

static void
add_session (LanyardEvent *event,
             const char   *id,
             int           start,
             int           end,
             const char   *faculty)
{
  LanyardSession *s = lanyard_session_new ();

  s->id = g_strdup (id);
  s->uuid = g_uuid_string_random ();
  s->title = g_strdup (id);
  s->room = g_strdup (id);
  s->starts_at = AT (start);
  s->ends_at = AT (end);
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (s->credits, lanyard_credit_amount_new ((const char *[]) { "AMA_PRA_1", "ACPE", "ABIM_MOC" }[i],
                                                            (end - start) / 60.0));
  if (faculty != NULL)
    g_ptr_array_add (s->faculty, lanyard_faculty_new ("Jane Case", faculty));
  g_ptr_array_add (event->sessions, s);
}

static void
setup (Fixture       *fx,
       gconstpointer  data)
{
  const ReportCase *c = data;
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("lanyard-report-XXXXXX", NULL);
  fx->path = g_build_filename (fx->dir, "t.db", NULL);
  fx->store = lanyard_store_open (fx->path, &error);
  g_assert_no_error (error);
  fx->event = lanyard_event_new ();
  fx->event->id = g_strdup ("EV");
  fx->event->uuid = g_uuid_string_random ();
  fx->event->title = g_strdup ("Event");
  fx->event->time_zone = g_strdup ("UTC");
  fx->event->provider = g_strdup ("P");
  fx->event->start_date = g_strdup ("2026-11-24");
  fx->event->end_date = g_strdup ("2026-11-25");
  fx->event->activity_id = g_strdup ("202612345");
  add_type (fx->event, "AMA_PRA_1", "physician", FALSE, NULL);
  add_type (fx->event, "ACPE", "pharmacist", TRUE, UAN);
  add_type (fx->event, "ABIM_MOC", "physician", TRUE, NULL);
  add_session (fx->event, "S1", 0, 60, NULL);
  add_session (fx->event, "S2", 60, 120, c != NULL && c->faculty_of_s2 ? "L1" : NULL);
  g_assert_true (lanyard_store_save_event (fx->store, fx->event, &error));
  g_assert_no_error (error);
}

static void
teardown (Fixture       *fx,
          gconstpointer  data)
{
  g_assert_finalize_object (fx->store);
  lanyard_event_unref (fx->event);
  lanyard_test_remove_db_file (fx->dir, fx->path);
  g_free (fx->path);
  g_free (fx->dir);
}

static void
add_scan (LanyardStore *store,
          gint64        attendee_id,
          const char   *session,
          gboolean      entry,
          int           minute)
{
  g_autoptr(LanyardScan) scan = lanyard_scan_new ();
  g_autoptr(GError) error = NULL;

  scan->uuid = g_uuid_string_random ();
  scan->device = g_strdup ("door");
  scan->attendee_id = attendee_id;
  scan->session_id = g_strdup (session);
  scan->at = AT (minute);
  scan->kind = entry ? LANYARD_SCAN_SESSION_ENTRY : LANYARD_SCAN_SESSION_EXIT;
  scan->outcome = entry ? LANYARD_OUTCOME_ENTERED : LANYARD_OUTCOME_EXITED;
  g_assert_true (lanyard_store_append_scan (store, scan, &error));
  g_assert_no_error (error);
}

/* The learner of case C, stored with their scans, claims and evaluation. */
static void
add_learner (Fixture          *fx,
             const ReportCase *c)
{
  g_autoptr(LanyardAttendee) a = lanyard_attendee_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) claims = c->claims ? g_strsplit (c->claims, ",", -1) : NULL;

  a->ticket_code = g_strdup ("L1");
  a->first_name = g_strdup (c->first_name);
  a->last_name = g_strdup ("Case");
  a->profession = g_strdup (c->profession);
  a->role = c->faculty_of_s2 ? LANYARD_ROLE_FACULTY : LANYARD_ROLE_ATTENDEE;
  a->birth_mmdd = g_strdup (c->birth_mmdd);
  a->license = g_strdup (c->license);
  a->npi = g_strdup (c->npi);
  a->board = g_strdup (c->board);
  a->abim_id = g_strdup (c->board_id);
  a->nabp_eprofile = g_strdup (c->nabp);
  a->permission_to_report = c->permission;
  g_assert_true (lanyard_store_upsert_attendee (fx->store, a, NULL, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      const int *span = i == 0 ? c->s1 : c->s2;

      if (span[1] == 0)
        continue;
      add_scan (fx->store, a->id, i == 0 ? "S1" : "S2", TRUE, span[0]);
      add_scan (fx->store, a->id, i == 0 ? "S1" : "S2", FALSE, span[1]);
    }
  for (guint i = 0; claims != NULL && claims[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (claims[i], "=", 2);

      g_assert_true (lanyard_store_add_attestation (fx->store, a->id, parts[0], g_ascii_strtod (parts[1], NULL),
                                                    "kiosk-1", c->kiosk_permission, &error));
      g_assert_no_error (error);
    }
  if (c->evaluated)
    g_assert_true (lanyard_store_set_evaluation_done (fx->store, a->id, "kiosk-1", NULL));
}

static void
assert_table (const LanyardReportTable *table,
              const char * const       *expected,
              guint                     n_columns)
{
  g_assert_cmpuint (table->columns->len, ==, n_columns);
  if (expected[0] == NULL)
    {
      g_assert_cmpuint (table->rows->len, ==, 0);
      return;
    }
  g_assert_cmpuint (table->rows->len, ==, 1);
  for (guint i = 0; i < n_columns; i++)
    {
      const char *got = ((char **) g_ptr_array_index (table->rows, 0))[i];

      if (g_strcmp0 (got, expected[i]) != 0)
        g_error ("column “%s”: got “%s”, wanted “%s”", (const char *) g_ptr_array_index (table->columns, i),
                 got, expected[i]);
    }
}

static void
test_case (Fixture       *fx,
           gconstpointer  data)
{
  const ReportCase *c = data;
  g_autoptr(LanyardReportTable) pars = NULL;
  g_autoptr(LanyardReportTable) cpe = NULL;
  g_autoptr(GError) error = NULL;
  guint problems;

  add_learner (fx, c);
  pars = lanyard_report_pars (fx->store, fx->event, AT (60 * 24 * 3), &error);
  g_assert_no_error (error);
  cpe = lanyard_report_cpe_monitor (fx->store, fx->event, AT (60 * 24 * 3), &error);
  g_assert_no_error (error);

  g_assert_cmpstr (g_ptr_array_index (pars->columns, 0), ==, "Record Action");
  g_assert_cmpstr (g_ptr_array_index (pars->columns, 11), ==, "Total Board Credits");
  assert_table (pars, c->pars, 12);
  assert_table (cpe, c->cpe, 7);

  problems = pars->problems->len + cpe->problems->len;
  for (guint i = 0; i < pars->problems->len; i++)
    g_test_message ("PARS: %s", (const char *) g_ptr_array_index (pars->problems, i));
  for (guint i = 0; i < cpe->problems->len; i++)
    g_test_message ("CPE Monitor: %s", (const char *) g_ptr_array_index (cpe->problems, i));
  if (c->problem == NULL)
    {
      g_assert_cmpuint (problems, ==, 0);
      return;
    }
  g_assert_cmpuint (problems, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (pars->problems->len ? pars->problems : cpe->problems, 0), c->problem));
}

/* CPE Monitor takes credit until day 60 after the activity: after that
 * each learner is warned about, and still written. */
static void
test_day_60 (Fixture       *fx,
             gconstpointer  data)
{
  const ReportCase *c = &cases[G_N_ELEMENTS (cases) - 5]; /* the pharmacist with everything */
  struct { int day; gboolean warned; } days[] = { { 59, FALSE }, { 60, FALSE }, { 61, TRUE }, { 400, TRUE } };

  g_assert_cmpstr (c->nabp, ==, "3000002");
  add_learner (fx, c);
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(LanyardReportTable) cpe = NULL;
      g_autoptr(GError) error = NULL;

      /* the activity's live date is 24 November: day N is N days later, at noon */
      cpe = lanyard_report_cpe_monitor (fx->store, fx->event, AT (60 * (24 * days[i].day + 3)), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (cpe->rows->len, ==, 1);
      g_assert_cmpuint (cpe->problems->len, ==, days[i].warned ? 1 : 0);
      if (days[i].warned)
        {
          g_autofree char *day = g_strdup_printf ("day %d after the activity", days[i].day);

          g_assert_nonnull (strstr (g_ptr_array_index (cpe->problems, 0), day));
        }
    }
}

static void
test_no_activity_id (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(LanyardReportTable) pars = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&fx->event->activity_id, g_free);
  pars = lanyard_report_pars (fx->store, fx->event, AT (0), &error);
  g_assert_null (pars);
  g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "activity_id"));
}

/* The office's mapping renames and reorders; CSV quotes what needs it. */
static void
test_mapping_and_text (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(LanyardReportTable) table = lanyard_report_table_new ((const char *[]) { "A", "B", "C", NULL });
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL, *tsv = NULL;

  g_ptr_array_add (table->rows, g_strdupv ((char *[]) { "1", "x, \"y\"", "line\nbreak", NULL }));
  csv = lanyard_report_table_to_text (table, ',');
  g_assert_cmpstr (csv, ==, "A,B,C\r\n1,\"x, \"\"y\"\"\",\"line\nbreak\"\r\n");
  tsv = lanyard_report_table_to_text (table, '\t');
  g_assert_cmpstr (tsv, ==, "A\tB\tC\r\n1\tx, \"y\"\tline break\r\n");

  g_assert_true (lanyard_report_table_remap (table, "{\"columns\": [\"C\", {\"Their A\": \"A\"}]}", &error));
  g_assert_no_error (error);
  g_clear_pointer (&csv, g_free);
  csv = lanyard_report_table_to_text (table, ',');
  g_assert_cmpstr (csv, ==, "C,Their A\r\n\"line\nbreak\",1\r\n");

  g_assert_false (lanyard_report_table_remap (table, "{\"columns\": [\"Nope\"]}", &error));
  g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "column 1"));
  g_clear_error (&error);
  g_assert_false (lanyard_report_table_remap (table, "[]", &error));
  g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE);
}

static void
add_question (LanyardEvent        *event,
              const char          *id,
              LanyardQuestionKind  kind,
              gboolean             per_session)
{
  LanyardQuestion *q = lanyard_question_new ();

  q->id = g_strdup (id);
  q->text = g_strdup_printf ("Question %s", id);
  q->kind = kind;
  q->per_session = per_session;
  if (kind == LANYARD_QUESTION_CHOICE)
    q->choices = g_strsplit ("Yes,No", ",", -1);
  g_ptr_array_add (event->questions, q);
}

/* One answer, at a known time: the last one of a learner is the one counted. */
static void
answer (LanyardStore *store,
        gint64        attendee_id,
        const char   *question,
        const char   *session,
        int           score,
        const char   *text,
        int           minute)
{
  sqlite3_stmt *stmt = lanyard_store_prepare (store,
      "INSERT INTO evaluation_answer (uuid, attendee_id, session_id, question, score, choice, text, at, device)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'kiosk-1')", NULL);
  g_autofree char *uuid = g_uuid_string_random ();

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, attendee_id);
  if (session != NULL)
    sqlite3_bind_text (stmt, 3, session, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, question, -1, SQLITE_STATIC);
  if (score > 0)
    sqlite3_bind_int (stmt, 5, score);
  if (text != NULL)
    sqlite3_bind_text (stmt, g_str_equal (question, "q2") ? 6 : 7, text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, AT (minute));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

static gint64
learner (LanyardStore *store,
         const char   *ticket)
{
  g_autoptr(LanyardAttendee) a = lanyard_attendee_new ();

  a->ticket_code = g_strdup (ticket);
  a->last_name = g_strdup (ticket);
  g_assert_true (lanyard_store_upsert_attendee (store, a, NULL, NULL, NULL));
  return a->id;
}

/* Aggregated per question and per session; a learner's last answer counts
 * once; what is no answer (a 7 on a 1–5 scale, a choice not offered) is
 * not counted; a session nobody evaluated is no line. */
static void
test_evaluations (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(LanyardEvaluationReport) report = NULL;
  g_autoptr(LanyardReportTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  gint64 a1, a2, a3;

  add_question (fx->event, "q1", LANYARD_QUESTION_SCALE, FALSE);
  add_question (fx->event, "q2", LANYARD_QUESTION_CHOICE, FALSE);
  add_question (fx->event, "q3", LANYARD_QUESTION_SCALE, TRUE);
  add_question (fx->event, "q4", LANYARD_QUESTION_TEXT, FALSE);
  a1 = learner (fx->store, "A1");
  a2 = learner (fx->store, "A2");
  a3 = learner (fx->store, "A3");
  answer (fx->store, a1, "q1", NULL, 5, NULL, 10);
  answer (fx->store, a1, "q1", NULL, 2, NULL, 20); /* changed their mind */
  answer (fx->store, a1, "q2", NULL, 0, "Yes", 10);
  answer (fx->store, a1, "q3", "S1", 4, NULL, 10);
  answer (fx->store, a1, "q4", NULL, 0, "More cases, please", 10);
  answer (fx->store, a2, "q1", NULL, 4, NULL, 10);
  answer (fx->store, a2, "q2", NULL, 0, "No", 10);
  answer (fx->store, a2, "q3", "S1", 5, NULL, 10);
  answer (fx->store, a2, "q3", "S2", 3, NULL, 10);
  answer (fx->store, a3, "q1", NULL, 7, NULL, 10);
  answer (fx->store, a3, "q2", NULL, 0, "Maybe", 10);
  g_assert_true (lanyard_store_set_evaluation_done (fx->store, a1, "kiosk-1", NULL));
  g_assert_true (lanyard_store_set_evaluation_done (fx->store, a2, "kiosk-1", NULL));

  report = lanyard_report_evaluations (fx->store, fx->event, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->completed, ==, 2);
  table = lanyard_evaluation_report_to_table (report);
  csv = lanyard_report_table_to_text (table, ',');
  g_assert_cmpstr (csv, ==,
                   "Question ID,Question,Session,Kind,Answers,Mean,Answer,Count\r\n"
                   "q1,Question q1,,scale,2,3.00,1,0\r\n"
                   "q1,Question q1,,scale,2,3.00,2,1\r\n"
                   "q1,Question q1,,scale,2,3.00,3,0\r\n"
                   "q1,Question q1,,scale,2,3.00,4,1\r\n"
                   "q1,Question q1,,scale,2,3.00,5,0\r\n"
                   "q2,Question q2,,choice,2,,Yes,1\r\n"
                   "q2,Question q2,,choice,2,,No,1\r\n"
                   "q3,Question q3,S1,scale,2,4.50,1,0\r\n"
                   "q3,Question q3,S1,scale,2,4.50,2,0\r\n"
                   "q3,Question q3,S1,scale,2,4.50,3,0\r\n"
                   "q3,Question q3,S1,scale,2,4.50,4,1\r\n"
                   "q3,Question q3,S1,scale,2,4.50,5,1\r\n"
                   "q3,Question q3,S2,scale,1,3.00,1,0\r\n"
                   "q3,Question q3,S2,scale,1,3.00,2,0\r\n"
                   "q3,Question q3,S2,scale,1,3.00,3,1\r\n"
                   "q3,Question q3,S2,scale,1,3.00,4,0\r\n"
                   "q3,Question q3,S2,scale,1,3.00,5,0\r\n"
                   "q4,Question q4,,text,1,,\"More cases, please\",1\r\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/report/%s", cases[i].what);
      g_test_add (path, Fixture, &cases[i], setup, test_case, teardown);
    }
  g_test_add ("/report/cpe-monitor-day-60", Fixture, NULL, setup, test_day_60, teardown);
  g_test_add ("/report/pars-needs-the-activity-id", Fixture, NULL, setup, test_no_activity_id, teardown);
  g_test_add ("/report/evaluations", Fixture, NULL, setup, test_evaluations, teardown);
  g_test_add ("/report/mapping-and-text", Fixture, NULL, setup, test_mapping_and_text, teardown);
  return g_test_run ();
}
