/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The credits engine against the rules in ../shared/docs/CME.md, one row a
 * rule. Times are minutes after 09:00 on the event's first day.
 */
#include "config.h"

#include "lanyard-credits.h"

#define T0 G_GINT64_CONSTANT (1795510800000000) /* 2026-11-24 09:00 America/Chicago, in µs */
#define AT(m) (T0 + (gint64) (m) * 60 * G_USEC_PER_SEC)

typedef struct {
  char        kind;     /* 'i' entry, 'o' exit, 'x' refused entry (room full) */
  const char *session;
  int         minute;
} ScanSpec;

typedef struct {
  const char        *what;
  const char        *rule;
  const char        *profession;
  const char        *ticket;
  LanyardMissingExit missing_exit;
  int                min_minutes;
  int                now;
  ScanSpec           scans[6];
  const char        *session;       /* the session line checked */
  int                minutes;       /* -1: the session has no line */
  const char        *code;          /* credit type checked */
  double             amount;        /* on that line */
  double             total;         /* report total for code; -1: type not in totals */
} CreditCase;

static const CreditCase cases[] = {
  { "whole session", "AMA PRA: 60 minutes = 1 credit", "physician", "P1", 0, 0, 999,
    { { 'i', "S1", 0 }, { 'o', "S1", 60 } }, "S1", 60, "AMA_PRA_1", 1.0, 1.0 },
  { "early arrival and late exit are clipped", "AMA PRA: breaks and non-CME parts do not count", "physician", "P1", 0, 0, 999,
    { { 'i', "S1", -10 }, { 'o', "S1", 75 } }, "S1", 60, "AMA_PRA_1", 1.0, 1.0 },
  { "52 minutes rounds down", "AMA PRA: rounded to the nearest quarter hour", "physician", "P1", 0, 0, 999,
    { { 'i', "S1", 0 }, { 'o', "S1", 52 } }, "S1", 52, "AMA_PRA_1", 0.75, 0.75 },
  { "53 minutes rounds up", "AMA PRA: rounded to the nearest quarter hour", "physician", "P1", 0, 0, 999,
    { { 'i', "S1", 0 }, { 'o', "S1", 53 } }, "S1", 53, "AMA_PRA_1", 1.0, 1.0 },
  { "7 minutes earn nothing", "AMA PRA: quarter-hour steps", "physician", "P1", 0, 0, 999,
    { { 'i', "S1", 0 }, { 'o', "S1", 7 } }, "S1", 7, "AMA_PRA_1", 0.0, 0.0 },
  { "8 minutes earn a quarter", "AMA PRA: quarter-hour steps", "physician", "P1", 0, 0, 999,
    { { 'i', "S1", 0 }, { 'o', "S1", 8 } }, "S1", 8, "AMA_PRA_1", 0.25, 0.25 },
  { "two visits are summed", "Door scans on entry and exit (CME.md, attendance tracking)", "physician", "P1", 0, 0, 999,
    { { 'i', "S1", 0 }, { 'o', "S1", 20 }, { 'i', "S1", 30 }, { 'o', "S1", 60 } }, "S1", 50, "AMA_PRA_1", 0.75, 0.75 },
  { "capped at the designation", "AMA PRA: designated maximum", "physician", "P1", 0, 0, 999,
    { { 'i', "S5", 400 }, { 'o', "S5", 460 } }, "S5", 60, "AMA_PRA_1", 0.5, 0.5 },
  { "overlap counts once (first session)", "AMA PRA: concurrent sessions count once", "physician", "P1", 0, 0, 999,
    { { 'i', "S1", 0 }, { 'i', "S2", 30 }, { 'o', "S1", 60 }, { 'o', "S2", 120 } }, "S1", 60, "AMA_PRA_1", 1.0, 2.0 },
  { "overlap counts once (second session)", "AMA PRA: concurrent sessions count once", "physician", "P1", 0, 0, 999,
    { { 'i', "S1", 0 }, { 'i', "S2", 30 }, { 'o', "S1", 60 }, { 'o', "S2", 120 } }, "S2", 60, "AMA_PRA_1", 1.0, 2.0 },
  { "presenter gets no learner credit", "AMA PRA: faculty get no learner credit for their own session", "physician", "FAC1", 0, 0, 999,
    { { 'i', "S3", 240 }, { 'o', "S3", 300 } }, "S3", 60, "AMA_PRA_1", 0.0, 0.0 },
  { "faculty are learners elsewhere", "AMA PRA: presenter exclusion is per session", "physician", "FAC1", 0, 0, 999,
    { { 'i', "S1", 0 }, { 'o', "S1", 60 } }, "S1", 60, "AMA_PRA_1", 1.0, 1.0 },
  { "missing exit counts to the end", "Provider policy: missing exit = count to session end", "physician", "P1", LANYARD_MISSING_EXIT_COUNT_TO_END, 0, 999,
    { { 'i', "S1", 10 } }, "S1", 50, "AMA_PRA_1", 0.75, 0.75 },
  { "missing exit earns nothing", "Provider policy: missing exit = no credit", "physician", "P1", LANYARD_MISSING_EXIT_NO_CREDIT, 0, 999,
    { { 'i', "S1", 10 } }, "S1", 0, "AMA_PRA_1", 0.0, 0.0 },
  { "still running: counts to now", "Provider policy: missing exit while the session runs", "physician", "P1", LANYARD_MISSING_EXIT_COUNT_TO_END, 0, 40,
    { { 'i', "S1", 0 } }, "S1", 40, "AMA_PRA_1", 0.75, 0.75 },
  { "below the minimum", "Provider policy: minimum minutes per session", "physician", "P1", 0, 30, 999,
    { { 'i', "S1", 0 }, { 'o', "S1", 20 } }, "S1", 20, "AMA_PRA_1", 0.0, 0.0 },
  { "at the minimum", "Provider policy: minimum minutes per session", "physician", "P1", 0, 30, 999,
    { { 'i', "S1", 0 }, { 'o', "S1", 30 } }, "S1", 30, "AMA_PRA_1", 0.5, 0.5 },
  { "nurses earn contact hours", "ANCC: 1 contact hour = 60 minutes", "nurse", "N1", 0, 0, 999,
    { { 'i', "S1", 0 }, { 'o', "S1", 45 } }, "S1", 45, "ANCC", 0.75, 0.75 },
  { "nurses get no AMA credit", "Credit types apply to the professions they list", "nurse", "N1", 0, 0, 999,
    { { 'i', "S1", 0 }, { 'o', "S1", 60 } }, "S1", 60, "AMA_PRA_1", 0.0, -1 },
  { "full attendance within tolerance", "APA provider policy: full attendance required", "psychologist", "Y1", 0, 0, 999,
    { { 'i', "S1", 3 }, { 'o', "S1", 60 } }, "S1", 57, "APA", 1.0, 1.0 },
  { "partial attendance earns nothing", "APA provider policy: no partial credit", "psychologist", "Y1", 0, 0, 999,
    { { 'i', "S1", 0 }, { 'o', "S1", 45 } }, "S1", 45, "APA", 0.0, 0.0 },
  { "stray exit is ignored", "Pairing: an exit without an entry says nothing", "physician", "P1", 0, 0, 999,
    { { 'o', "S1", 10 }, { 'i', "S1", 20 }, { 'o', "S1", 50 } }, "S1", 30, "AMA_PRA_1", 0.5, 0.5 },
  { "second entry is a repeat", "Pairing: repeated entry scans count once", "physician", "P1", 0, 0, 999,
    { { 'i', "S1", 0 }, { 'i', "S1", 20 }, { 'o', "S1", 60 } }, "S1", 60, "AMA_PRA_1", 1.0, 1.0 },
  { "refused entry is not attendance", "Only accepted scans count", "physician", "P1", 0, 0, 999,
    { { 'x', "S1", 0 }, { 'o', "S1", 60 } }, "S1", -1, "AMA_PRA_1", 0.0, 0.0 },
  { "total capped at the activity maximum", "AMA PRA: designated maximum for the activity", "physician", "P1", 0, 0, 999,
    { { 'i', "S1", 0 }, { 'o', "S1", 60 }, { 'i', "S4", 300 }, { 'o', "S4", 420 } }, "S4", 120, "AMA_PRA_1", 2.0, 2.5 },
};

static void
add_session (LanyardEvent *event,
             const char   *id,
             int           start,
             int           end,
             double        ama,
             const char   *faculty)
{
  LanyardSession *s = lanyard_session_new ();

  s->id = g_strdup (id);
  s->title = g_strdup (id);
  s->starts_at = AT (start);
  s->ends_at = AT (end);
  g_ptr_array_add (s->credits, lanyard_credit_amount_new ("AMA_PRA_1", ama));
  g_ptr_array_add (s->credits, lanyard_credit_amount_new ("ANCC", ama));
  g_ptr_array_add (s->credits, lanyard_credit_amount_new ("APA", ama));
  if (faculty != NULL)
    g_ptr_array_add (s->faculty, lanyard_faculty_new ("Dr Faculty", faculty));
  g_ptr_array_add (event->sessions, s);
}

static void
add_type (LanyardEvent *event,
          const char   *code,
          const char   *professions,
          double        max,
          gboolean      full)
{
  LanyardCreditType *t = lanyard_credit_type_new ();

  t->code = g_strdup (code);
  t->label = g_strdup (code);
  t->professions = g_strsplit (professions, ",", -1);
  t->max_credits = max;
  t->full_attendance_required = full;
  g_ptr_array_add (event->credit_types, t);
}

static LanyardEvent *
make_event (void)
{
  LanyardEvent *event = lanyard_event_new ();

  event->id = g_strdup ("TEST");
  add_type (event, "AMA_PRA_1", "physician,physician_assistant", 2.5, FALSE);
  add_type (event, "ANCC", "nurse", 0, FALSE);
  add_type (event, "APA", "psychologist", 0, TRUE);
  add_session (event, "S1", 0, 60, 1.0, NULL);
  add_session (event, "S2", 30, 120, 1.5, NULL);
  add_session (event, "S3", 240, 300, 1.0, "FAC1");
  add_session (event, "S4", 300, 420, 2.0, NULL);
  add_session (event, "S5", 400, 460, 0.5, NULL);
  return event;
}

static void
test_credit_case (gconstpointer data)
{
  const CreditCase *c = data;
  g_autoptr(LanyardEvent) event = make_event ();
  g_autoptr(LanyardAttendee) attendee = lanyard_attendee_new ();
  g_autoptr(GPtrArray) scans = g_ptr_array_new_with_free_func ((GDestroyNotify) lanyard_scan_free);
  g_autoptr(LanyardCreditReport) report = NULL;
  const LanyardSessionCredit *line = NULL;
  double amount = 0.0;
  gboolean in_totals = FALSE;

  g_test_message ("%s: %s", c->what, c->rule);

  event->policy.missing_exit = c->missing_exit;
  event->policy.min_minutes = c->min_minutes;
  attendee->profession = g_strdup (c->profession);
  attendee->ticket_code = g_strdup (c->ticket);

  /* Scans arrive in any order; the engine sorts them. */
  for (int i = G_N_ELEMENTS (c->scans) - 1; i >= 0; i--)
    {
      LanyardScan *scan;

      if (c->scans[i].kind == 0)
        continue;
      scan = lanyard_scan_new ();
      scan->session_id = g_strdup (c->scans[i].session);
      scan->at = AT (c->scans[i].minute);
      scan->kind = c->scans[i].kind == 'o' ? LANYARD_SCAN_SESSION_EXIT : LANYARD_SCAN_SESSION_ENTRY;
      scan->outcome = c->scans[i].kind == 'i' ? LANYARD_OUTCOME_ENTERED
                    : c->scans[i].kind == 'o' ? LANYARD_OUTCOME_EXITED
                    : LANYARD_OUTCOME_FULL;
      g_ptr_array_add (scans, scan);
    }

  report = lanyard_credits_compute (event, attendee, scans, AT (c->now));

  for (guint i = 0; i < report->sessions->len; i++)
    {
      const LanyardSessionCredit *l = g_ptr_array_index (report->sessions, i);

      if (g_strcmp0 (l->session_id, c->session) == 0)
        line = l;
    }

  if (c->minutes < 0)
    {
      g_assert_null (line);
    }
  else
    {
      g_assert_nonnull (line);
      g_assert_cmpint (line->minutes, ==, c->minutes);
      for (guint i = 0; i < line->credits->len; i++)
        {
          const LanyardCreditAmount *a = g_ptr_array_index (line->credits, i);

          if (g_strcmp0 (a->code, c->code) == 0)
            amount = a->amount;
        }
      g_assert_cmpfloat_with_epsilon (amount, c->amount, 1e-9);
      g_assert_cmpint (line->presenter, ==, g_strcmp0 (c->ticket, "FAC1") == 0 && g_strcmp0 (c->session, "S3") == 0);
    }

  for (guint i = 0; i < report->totals->len; i++)
    {
      const LanyardCreditAmount *a = g_ptr_array_index (report->totals, i);

      if (g_strcmp0 (a->code, c->code) == 0)
        in_totals = TRUE;
    }
  if (c->total < 0)
    g_assert_false (in_totals);
  else
    {
      g_assert_true (in_totals);
      g_assert_cmpfloat_with_epsilon (lanyard_credit_report_get_total (report, c->code), c->total, 1e-9);
    }
}

static void
test_round_quarter (void)
{
  /* minutes → credits at 0.25 steps */
  static const struct { double minutes; double credits; } rows[] = {
    { 0, 0 }, { 7, 0 }, { 8, 0.25 }, { 15, 0.25 }, { 22, 0.25 }, { 23, 0.5 },
    { 37, 0.5 }, { 38, 0.75 }, { 60, 1.0 }, { 90, 1.5 }, { 97, 1.5 }, { 98, 1.75 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_assert_cmpfloat_with_epsilon (lanyard_credits_round_quarter (rows[i].minutes, 0.25),
                                    rows[i].credits, 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/credits/rule/%02u", i + 1);

      g_test_add_data_func (path, &cases[i], test_credit_case);
    }
  g_test_add_func ("/credits/round-quarter", test_round_quarter);

  return g_test_run ();
}
