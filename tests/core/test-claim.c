/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Claiming credit and recording the evaluation (lanyard-claim.h), one row
 * a rule from ../shared/docs/CME.md and issue 13: never more than earned
 * (re-computed from the scan log when the claim is made), in the type's
 * step, only for the learner's profession, board ids first, a second visit
 * claims only what was earned since, all claims together or none.
 * Times are minutes after the first session's start.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lanyard-claim.h"
#include "lanyard-error.h"
#include "lanyard-store.h"

#define T0 G_GINT64_CONSTANT (1795510800000000)
#define AT(m) (T0 + (gint64) (m) * 60 * G_USEC_PER_SEC)

typedef struct {
  const char *what;
  const char *profession;
  const char *abim_id;     /* "" = none on file */
  int         exit1;       /* in at 0, out at this minute (S1 0–60, S2 60–180) */
  const char *first;       /* claims made on a first visit, which succeed; NULL = none */
  int         exit2;       /* 0, or back in at 150 and out at this minute before the claim below */
  const char *claim;       /* "CODE=amount[+],…": + = permission to report */
  int         error_code;  /* -1 = stored */
  const char *stored;      /* every attestation row afterwards: "CODE=amount/permission;…" */
} ClaimCase;

static const ClaimCase cases[] = {
  { "the claim defaults to what was earned", "physician", "", 120, NULL, 0,
    "AMA_PRA_1=2", -1, "AMA_PRA_1=2.00/0" },
  { "less than earned, in the step", "physician", "", 120, NULL, 0,
    "AMA_PRA_1=1.5", -1, "AMA_PRA_1=1.50/0" },
  { "more than earned is refused", "physician", "", 120, NULL, 0,
    "AMA_PRA_1=2.25", LANYARD_ERROR_INVALID_DATA, "" },
  { "off the type's step is refused", "physician", "", 120, NULL, 0,
    "AMA_PRA_1=1.3", LANYARD_ERROR_INVALID_DATA, "" },
  { "a negative claim is refused", "physician", "", 120, NULL, 0,
    "AMA_PRA_1=-1", LANYARD_ERROR_INVALID_DATA, "" },
  { "a type the profession cannot get is refused", "nurse", "", 120, NULL, 0,
    "AMA_PRA_1=1", LANYARD_ERROR_INVALID_DATA, "" },
  { "MOC without a board id: to the desk", "physician", "", 120, NULL, 0,
    "ABIM_MOC=1", LANYARD_ERROR_MISSING_ID, "" },
  { "MOC with a board id keeps the permission to report", "physician", "123456", 120, NULL, 0,
    "ABIM_MOC=1+", -1, "ABIM_MOC=1.00/1" },
  { "a type that does not ask keeps no permission", "physician", "", 120, NULL, 0,
    "AMA_PRA_1=2+", -1, "AMA_PRA_1=2.00/0" },
  { "one bad claim stores none", "physician", "", 120, NULL, 0,
    "AMA_PRA_1=1,ABIM_MOC=1", LANYARD_ERROR_MISSING_ID, "" },
  { "second visit: nothing new, the same total again", "physician", "", 120, "AMA_PRA_1=1.5", 0,
    "AMA_PRA_1=2", -1, "AMA_PRA_1=1.50/0;AMA_PRA_1=2.00/0" },
  { "second visit: no more than earned in all", "physician", "", 120, "AMA_PRA_1=2", 0,
    "AMA_PRA_1=2.25", LANYARD_ERROR_INVALID_DATA, "AMA_PRA_1=2.00/0" },
  { "second visit after more attendance: the difference", "physician", "", 120, "AMA_PRA_1=2", 180,
    "AMA_PRA_1=2.5", -1, "AMA_PRA_1=2.00/0;AMA_PRA_1=2.50/0" },
  { "second visit after more attendance: not beyond it", "physician", "", 120, "AMA_PRA_1=2", 180,
    "AMA_PRA_1=3", LANYARD_ERROR_INVALID_DATA, "AMA_PRA_1=2.00/0" },
};

static void
add_type (LanyardEvent *event,
          const char   *code,
          const char   *required_id,
          gboolean      permission)
{
  LanyardCreditType *t = lanyard_credit_type_new ();

  t->code = g_strdup (code);
  t->label = g_strdup (code);
  t->professions = g_strsplit ("physician", ",", -1);
  t->step = 0.25;
  t->permission_to_report = permission;
  if (required_id != NULL)
    t->required_ids = g_strsplit (required_id, ",", -1);
  g_ptr_array_add (event->credit_types, t);
}

static void
add_session (LanyardEvent *event,
             const char   *id,
             int           start,
             int           end)
{
  LanyardSession *s = lanyard_session_new ();

  s->id = g_strdup (id);
  s->uuid = g_uuid_string_random ();
  s->title = g_strdup (id);
  s->room = g_strdup ("Hall A");
  s->starts_at = AT (start);
  s->ends_at = AT (end);
  g_ptr_array_add (s->credits, lanyard_credit_amount_new ("AMA_PRA_1", (end - start) / 60.0));
  g_ptr_array_add (s->credits, lanyard_credit_amount_new ("ABIM_MOC", (end - start) / 60.0));
  g_ptr_array_add (event->sessions, s);
}

static LanyardEvent *
make_event (void)
{
  LanyardEvent *event = lanyard_event_new ();
  LanyardQuestion *q;

  event->id = g_strdup ("TEST");
  event->title = g_strdup ("Test");
  event->time_zone = g_strdup ("UTC");
  event->provider = g_strdup ("Provider");
  add_type (event, "AMA_PRA_1", NULL, FALSE);
  add_type (event, "ABIM_MOC", "abim_id", TRUE);
  add_session (event, "S1", 0, 60);
  add_session (event, "S2", 60, 180);

  q = lanyard_question_new ();
  q->id = g_strdup ("q1");
  q->text = g_strdup ("Overall");
  q->kind = LANYARD_QUESTION_SCALE;
  q->required = TRUE;
  g_ptr_array_add (event->questions, q);
  q = lanyard_question_new ();
  q->id = g_strdup ("q2");
  q->text = g_strdup ("Bias");
  q->kind = LANYARD_QUESTION_CHOICE;
  q->choices = g_strsplit ("Yes\nNo", "\n", -1);
  g_ptr_array_add (event->questions, q);
  q = lanyard_question_new ();
  q->id = g_strdup ("q3");
  q->text = g_strdup ("Comments");
  q->kind = LANYARD_QUESTION_TEXT;
  q->per_session = TRUE;
  g_ptr_array_add (event->questions, q);
  return event;
}

typedef struct {
  char         *dir;
  LanyardStore *store;
  LanyardEvent *event;
  gint64        attendee_id;
} Fixture;

static void
scan (Fixture    *fx,
      int         minute,
      const char *session,
      gboolean    entry)
{
  g_autoptr(LanyardScan) s = lanyard_scan_new ();
  g_autoptr(GError) error = NULL;

  s->device = g_strdup ("door-1");
  s->at = AT (minute);
  s->attendee_id = fx->attendee_id;
  s->session_id = g_strdup (session);
  s->kind = entry ? LANYARD_SCAN_SESSION_ENTRY : LANYARD_SCAN_SESSION_EXIT;
  s->outcome = entry ? LANYARD_OUTCOME_ENTERED : LANYARD_OUTCOME_EXITED;
  g_assert_true (lanyard_store_append_scan (fx->store, s, &error));
  g_assert_no_error (error);
}

/* In at `from`, out at `to`, through the sessions' doors. */
static void
attend (Fixture *fx,
        int      from,
        int      to)
{
  if (from < 60)
    scan (fx, from, "S1", TRUE);
  if (to > 60)
    scan (fx, MAX (from, 60), "S2", TRUE);
  else
    scan (fx, to, "S1", FALSE);
  if (to > 60)
    scan (fx, to, "S2", FALSE);
}

static void
setup (Fixture    *fx,
       const char *profession,
       const char *abim_id)
{
  g_autoptr(LanyardAttendee) a = lanyard_attendee_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fx->dir = g_dir_make_tmp ("lanyard-claim-XXXXXX", NULL);
  path = g_build_filename (fx->dir, "t.db", NULL);
  fx->store = lanyard_store_open (path, &error);
  g_assert_no_error (error);
  fx->event = make_event ();
  g_assert_true (lanyard_store_save_event (fx->store, fx->event, &error));
  g_assert_no_error (error);
  a->ticket_code = g_strdup ("T1");
  a->first_name = g_strdup ("Jane");
  a->last_name = g_strdup ("Smith");
  a->profession = g_strdup (profession);
  a->abim_id = g_strdup (abim_id);
  g_assert_true (lanyard_store_upsert_attendee (fx->store, a, NULL, NULL, &error));
  g_assert_no_error (error);
  fx->attendee_id = a->id;
  g_assert_cmpint (fx->attendee_id, >, 0);
}

static void
teardown (Fixture *fx)
{
  g_autofree char *path = g_build_filename (fx->dir, "t.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&fx->store);
  g_clear_pointer (&fx->event, lanyard_event_unref);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fx->dir);
  g_free (fx->dir);
}

static gboolean
claim (Fixture     *fx,
       const char  *text,
       GError     **error)
{
  g_auto(GStrv) items = g_strsplit (text, ",", -1);
  guint n = g_strv_length (items);
  g_autofree LanyardClaim *claims = g_new0 (LanyardClaim, n);
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) parts = g_strsplit (items[i], "=", 2);
      char *code = g_strdup (parts[0]);

      g_ptr_array_add (codes, code);
      claims[i].code = code;
      claims[i].credits = g_ascii_strtod (parts[1], NULL);
      claims[i].permission_to_report = g_str_has_suffix (parts[1], "+");
    }
  return lanyard_claim_record (fx->store, fx->event, fx->attendee_id, claims, n, "kiosk-1", AT (300), error);
}

static char *
stored (Fixture *fx)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_open (lanyard_store_get_path (fx->store), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT credit_type, credits, permission_to_report, device, uuid"
                                           " FROM attestation ORDER BY rowid", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "kiosk-1");
      g_assert_true (g_uuid_string_is_valid ((const char *) sqlite3_column_text (stmt, 4)));
      g_string_append_printf (out, "%s%s=%.2f/%d", out->len ? ";" : "", sqlite3_column_text (stmt, 0),
                              sqlite3_column_double (stmt, 1), sqlite3_column_int (stmt, 2));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_claim (gconstpointer data)
{
  const ClaimCase *c = data;
  Fixture fx = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;

  g_test_message ("%s", c->what);
  setup (&fx, c->profession, c->abim_id);
  attend (&fx, 0, c->exit1);
  if (c->first != NULL)
    {
      g_assert_true (claim (&fx, c->first, &error));
      g_assert_no_error (error);
    }
  if (c->exit2 > 0)
    attend (&fx, 150, c->exit2);

  if (c->error_code < 0)
    {
      g_assert_true (claim (&fx, c->claim, &error));
      g_assert_no_error (error);
    }
  else
    {
      g_assert_false (claim (&fx, c->claim, &error));
      g_assert_error (error, LANYARD_ERROR, c->error_code);
    }
  rows = stored (&fx);
  g_assert_cmpstr (rows, ==, c->stored);
  teardown (&fx);
}

static LanyardAnswer *
answer (const char *question,
        const char *session,
        int         score,
        const char *choice,
        const char *text)
{
  LanyardAnswer *a = lanyard_answer_new (question, session);

  a->score = score;
  a->choice = g_strdup (choice);
  a->text = g_strdup (text);
  return a;
}

static int
count (Fixture    *fx,
       const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int n;

  g_assert_cmpint (sqlite3_open (lanyard_store_get_path (fx->store), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

typedef struct {
  const char *what;
  int         score;   /* q1, 0 = unanswered */
  const char *choice;  /* q2, NULL = unanswered */
  const char *text;    /* q3 for S1, NULL = unanswered */
  int         error_code;
} EvaluationCase;

static const EvaluationCase evaluation_cases[] = {
  { "all answered", 4, "No", "Clear slides", -1 },
  { "only the required one", 5, NULL, NULL, -1 },
  { "a required question unanswered", 0, "No", "Fine", LANYARD_ERROR_EVALUATION_REQUIRED },
  { "a score beyond the scale", 6, NULL, NULL, LANYARD_ERROR_INVALID_DATA },
  { "a choice not offered", 3, "Maybe", NULL, LANYARD_ERROR_INVALID_DATA },
  { "blank free text", 3, NULL, "   ", LANYARD_ERROR_INVALID_DATA },
};

static void
test_evaluation (gconstpointer data)
{
  const EvaluationCase *c = data;
  g_autoptr(GPtrArray) answers = g_ptr_array_new_with_free_func ((GDestroyNotify) lanyard_answer_free);
  g_autoptr(GError) error = NULL;
  Fixture fx = { 0 };
  gboolean ok;

  g_test_message ("%s", c->what);
  setup (&fx, "physician", "");
  if (c->score != 0)
    g_ptr_array_add (answers, answer ("q1", NULL, c->score, NULL, NULL));
  if (c->choice != NULL)
    g_ptr_array_add (answers, answer ("q2", NULL, 0, c->choice, NULL));
  if (c->text != NULL)
    g_ptr_array_add (answers, answer ("q3", "S1", 0, NULL, c->text));
  ok = lanyard_evaluation_record (fx.store, fx.event, fx.attendee_id, answers, "kiosk-1", &error);
  if (c->error_code < 0)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_true (lanyard_store_get_evaluation_done (fx.store, fx.attendee_id));
      g_assert_cmpint (count (&fx, "SELECT count(*) FROM evaluation WHERE device = 'kiosk-1' AND uuid IS NOT NULL"),
                       ==, 1);
      g_assert_cmpint (count (&fx, "SELECT count(*) FROM evaluation_answer WHERE device = 'kiosk-1'"),
                       ==, (int) answers->len);
      if (c->text != NULL)
        g_assert_cmpint (count (&fx, "SELECT count(*) FROM evaluation_answer WHERE question = 'q3'"
                                     " AND session_id = 'S1'"), ==, 1);
    }
  else
    {
      g_assert_error (error, LANYARD_ERROR, c->error_code);
      g_assert_false (ok);
      g_assert_false (lanyard_store_get_evaluation_done (fx.store, fx.attendee_id));
      g_assert_cmpint (count (&fx, "SELECT count(*) FROM evaluation_answer"), ==, 0);
    }
  teardown (&fx);
}

/* The event's claim and evaluation texts survive the store. */
static void
test_event_round_trip (void)
{
  g_autoptr(LanyardEvent) loaded = NULL;
  g_autoptr(GError) error = NULL;
  const LanyardQuestion *q;
  Fixture fx = { 0 };

  setup (&fx, "physician", "");
  fx.event->activity_id = g_strdup ("202612345");
  ((LanyardCreditType *) g_ptr_array_index (fx.event->credit_types, 0))->attestation =
    g_strdup ("I attest; that I took part.");
  g_assert_true (lanyard_store_save_event (fx.store, fx.event, &error));
  g_assert_no_error (error);
  loaded = lanyard_store_load_event (fx.store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->activity_id, ==, "202612345");
  g_assert_cmpstr (((LanyardCreditType *) g_ptr_array_index (loaded->credit_types, 0))->attestation, ==,
                   "I attest; that I took part.");
  g_assert_true (((LanyardCreditType *) g_ptr_array_index (loaded->credit_types, 1))->permission_to_report);
  g_assert_cmpuint (loaded->questions->len, ==, 3);
  q = g_ptr_array_index (loaded->questions, 1);
  g_assert_cmpstr (q->id, ==, "q2");
  g_assert_cmpint (q->kind, ==, LANYARD_QUESTION_CHOICE);
  g_assert_cmpstrv (q->choices, ((const char *[]) { "Yes", "No", NULL }));
  q = g_ptr_array_index (loaded->questions, 2);
  g_assert_true (q->per_session);
  g_assert_true (((LanyardQuestion *) g_ptr_array_index (loaded->questions, 0))->required);
  teardown (&fx);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/claim/%u", i);

      g_test_add_data_func (name, &cases[i], test_claim);
    }
  for (guint i = 0; i < G_N_ELEMENTS (evaluation_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/evaluation/%u", i);

      g_test_add_data_func (name, &evaluation_cases[i], test_evaluation);
    }
  g_test_add_func ("/claim/event-round-trip", test_event_round_trip);
  return g_test_run ();
}
