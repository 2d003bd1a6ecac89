/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk's pages without a display: every path through the flow.
 */
#include "config.h"

#include <string.h>

#include "lanyard-kiosk-flow.h"

#define S G_USEC_PER_SEC

static LanyardCheckinResult *
result (LanyardOutcome outcome,
        gboolean       with_attendee)
{
  LanyardCheckinResult *r = g_new0 (LanyardCheckinResult, 1);

  r->outcome = outcome;
  if (with_attendee)
    {
      r->attendee = lanyard_attendee_new ();
      r->attendee->ticket_code = g_strdup ("MW26-DEMO01");
      r->attendee->first_name = g_strdup ("Jane");
      r->attendee->last_name = g_strdup ("Smith");
      r->attendee->credentials = g_strdup ("MD");
      r->attendee->profession = g_strdup ("physician");
    }
  return r;
}

static void
test_scan_confirm_countdown_print_collect (void)
{
  g_autoptr(LanyardKioskFlow) flow = lanyard_kiosk_flow_new (FALSE, FALSE, 20, "America/Chicago");
  g_autoptr(LanyardCheckinResult) r = result (LANYARD_OUTCOME_CHECKED_IN, TRUE);
  gint64 t = 1000 * S;

  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_WELCOME);
  lanyard_kiosk_flow_scan_result (flow, r, FALSE, t);
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_CONFIRM);
  g_assert_cmpstr (lanyard_kiosk_flow_get_title (flow), ==, "Welcome, Jane Smith, MD");
  g_assert_cmpint (lanyard_kiosk_flow_get_countdown (flow, t), ==, 6);
  g_assert_cmpint (lanyard_kiosk_flow_get_countdown (flow, t + 2 * S), ==, 4);

  /* no tap needed: the countdown prints */
  g_assert_false (lanyard_kiosk_flow_tick (flow, t + 5 * S));
  g_assert_true (lanyard_kiosk_flow_tick (flow, t + 6 * S));
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_PRINTING);
  g_assert_true (lanyard_kiosk_flow_should_print (flow));
  g_assert_false (lanyard_kiosk_flow_should_print (flow));

  /* printing is never interrupted by the idle timer or a scan */
  g_assert_false (lanyard_kiosk_flow_tick (flow, t + 60 * S));
  lanyard_kiosk_flow_scan_result (flow, r, FALSE, t + 61 * S);
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_PRINTING);

  lanyard_kiosk_flow_print_done (flow, t + 62 * S);
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_COLLECT);
  g_assert_true (lanyard_kiosk_flow_tick (flow, t + 70 * S));
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_WELCOME);
  g_assert_null (lanyard_kiosk_flow_get_attendee (flow));
}

static void
test_not_me_and_tap_to_print (void)
{
  g_autoptr(LanyardKioskFlow) flow = lanyard_kiosk_flow_new (FALSE, TRUE, 20, NULL);
  g_autoptr(LanyardCheckinResult) r = result (LANYARD_OUTCOME_CHECKED_IN, TRUE);
  gint64 t = 1000 * S;

  lanyard_kiosk_flow_scan_result (flow, r, FALSE, t);
  g_assert_cmpint (lanyard_kiosk_flow_get_countdown (flow, t), ==, -1);
  g_assert_false (lanyard_kiosk_flow_tick (flow, t + 10 * S)); /* waits for a tap */
  lanyard_kiosk_flow_not_me (flow, t + 11 * S);
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_WELCOME);
  g_assert_null (lanyard_kiosk_flow_get_attendee (flow));
  g_assert_false (lanyard_kiosk_flow_should_print (flow));

  lanyard_kiosk_flow_scan_result (flow, r, FALSE, t + 20 * S);
  lanyard_kiosk_flow_confirm (flow, t + 21 * S);
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_PRINTING);
  g_assert_true (lanyard_kiosk_flow_should_print (flow));
}

typedef struct {
  LanyardOutcome outcome;
  LanyardRefusal refusal;
  const char    *words;   /* in the title or message */
} RefusalCase;

static const RefusalCase refusals[] = {
  { LANYARD_OUTCOME_ALREADY_CHECKED_IN, LANYARD_REFUSAL_ALREADY_PRINTED, "08:14 on kiosk-3" },
  { LANYARD_OUTCOME_REPLACED, LANYARD_REFUSAL_REPLACED, "replaced" },
  { LANYARD_OUTCOME_CANCELLED, LANYARD_REFUSAL_CANCELLED, "cancelled" },
  { LANYARD_OUTCOME_NEEDS_DESK, LANYARD_REFUSAL_NEEDS_DESK, "registration desk" },
  { LANYARD_OUTCOME_UNKNOWN, LANYARD_REFUSAL_UNKNOWN, "registration desk" },
};

static void
test_refusals (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autoptr(LanyardKioskFlow) flow = lanyard_kiosk_flow_new (FALSE, FALSE, 20, "America/Chicago");
      g_autoptr(LanyardCheckinResult) r = result (refusals[i].outcome, refusals[i].outcome != LANYARD_OUTCOME_UNKNOWN);
      g_autofree char *all = NULL;
      gint64 t = 1000 * S;

      /* 2026-11-24 08:14 in Chicago */
      r->badge_printed_at = G_GINT64_CONSTANT (1795529640) * S;
      r->badge_printed_device = g_strdup ("kiosk-3");
      lanyard_kiosk_flow_scan_result (flow, r, FALSE, t);
      g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_REFUSED);
      g_assert_cmpint (lanyard_kiosk_flow_get_refusal (flow), ==, refusals[i].refusal);
      all = g_strconcat (lanyard_kiosk_flow_get_title (flow), " ", lanyard_kiosk_flow_get_message (flow), NULL);
      g_test_message ("%s", all);
      g_assert_nonnull (strstr (all, refusals[i].words));
      g_assert_nonnull (lanyard_kiosk_flow_get_icon_name (flow));

      /* the idle timeout returns to welcome and forgets */
      g_assert_false (lanyard_kiosk_flow_tick (flow, t + 19 * S));
      g_assert_true (lanyard_kiosk_flow_tick (flow, t + 20 * S));
      g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_WELCOME);
      g_assert_null (lanyard_kiosk_flow_get_attendee (flow));
    }
}

static void
test_printer_problem (void)
{
  g_autoptr(LanyardKioskFlow) flow = lanyard_kiosk_flow_new (FALSE, TRUE, 20, NULL);
  g_autoptr(LanyardCheckinResult) r = result (LANYARD_OUTCOME_CHECKED_IN, TRUE);

  lanyard_kiosk_flow_scan_result (flow, r, FALSE, 0);
  lanyard_kiosk_flow_confirm (flow, S);
  lanyard_kiosk_flow_print_failed (flow, "The printer is out of labels.", 2 * S);
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_REFUSED);
  g_assert_cmpint (lanyard_kiosk_flow_get_refusal (flow), ==, LANYARD_REFUSAL_PRINTER);
  g_assert_nonnull (strstr (lanyard_kiosk_flow_get_message (flow), "out of labels"));
  g_assert_nonnull (strstr (lanyard_kiosk_flow_get_message (flow), "Staff have been told"));
}

/* The printer failed the job, which waits for it: the attendee is checked
 * in and told where the badge will be. */
static void
test_printer_badge_waits (void)
{
  g_autoptr(LanyardKioskFlow) flow = lanyard_kiosk_flow_new (FALSE, TRUE, 20, NULL);
  g_autoptr(LanyardCheckinResult) r = result (LANYARD_OUTCOME_CHECKED_IN, TRUE);

  lanyard_kiosk_flow_scan_result (flow, r, FALSE, 0);
  lanyard_kiosk_flow_confirm (flow, S);
  lanyard_kiosk_flow_print_waits (flow, "The printer is stopped", 2 * S);
  g_assert_cmpint (lanyard_kiosk_flow_get_refusal (flow), ==, LANYARD_REFUSAL_PRINTER);
  g_assert_cmpstr (lanyard_kiosk_flow_get_title (flow), ==, "You are checked in");
  g_assert_cmpstr (lanyard_kiosk_flow_get_message (flow), ==,
                   "The printer is stopped. Your badge prints here by itself once the printer is fixed; "
                   "if you cannot wait, the registration desk can print it.");
}

static void
test_printer_words_become_a_sentence (void)
{
  g_autoptr(LanyardKioskFlow) flow = lanyard_kiosk_flow_new (FALSE, TRUE, 20, NULL);
  g_autoptr(LanyardCheckinResult) r = result (LANYARD_OUTCOME_CHECKED_IN, TRUE);

  /* lanyard-print's reasons come without a full stop */
  lanyard_kiosk_flow_scan_result (flow, r, FALSE, 0);
  lanyard_kiosk_flow_confirm (flow, S);
  lanyard_kiosk_flow_print_failed (flow, "The printer has stopped", 2 * S);
  g_assert_cmpstr (lanyard_kiosk_flow_get_message (flow), ==,
                   "The printer has stopped. Staff have been told, and your badge will be printed at the desk.");

  lanyard_kiosk_flow_scan_result (flow, r, FALSE, 3 * S);
  lanyard_kiosk_flow_confirm (flow, 4 * S);
  lanyard_kiosk_flow_print_failed (flow, NULL, 5 * S);
  g_assert_cmpstr (lanyard_kiosk_flow_get_message (flow), ==,
                   "The printer has a problem. Staff have been told, and your badge will be printed at the desk.");
  g_assert_cmpstr (lanyard_kiosk_flow_get_icon_name (flow), ==, "printer-error-symbolic");
}

/* The database refused the lookup: the kiosk's own problem, in words, not
 * "unknown code"; and, like every refusal, gone after the idle time. */
static void
test_scan_failed (void)
{
  g_autoptr(LanyardKioskFlow) flow = lanyard_kiosk_flow_new (FALSE, FALSE, 20, NULL);

  lanyard_kiosk_flow_scan_failed (flow, "database is locked", 0);
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_REFUSED);
  g_assert_cmpint (lanyard_kiosk_flow_get_refusal (flow), ==, LANYARD_REFUSAL_DEVICE);
  g_assert_cmpstr (lanyard_kiosk_flow_get_title (flow), ==, "This kiosk has a problem");
  g_assert_nonnull (strstr (lanyard_kiosk_flow_get_message (flow), "database is locked"));
  g_assert_nonnull (strstr (lanyard_kiosk_flow_get_message (flow), "registration desk"));
  g_assert_cmpstr (lanyard_kiosk_flow_get_icon_name (flow), ==, "dialog-error-symbolic");
  g_assert_false (lanyard_kiosk_flow_should_print (flow));
  lanyard_kiosk_flow_tick (flow, 21 * S);
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_WELCOME);
}

/* Checked in by another device between the confirm page and the print:
 * the kiosk says so instead of printing a second badge. */
static void
test_refused_while_printing (void)
{
  g_autoptr(LanyardKioskFlow) flow = lanyard_kiosk_flow_new (FALSE, TRUE, 20, NULL);
  g_autoptr(LanyardCheckinResult) r = result (LANYARD_OUTCOME_CHECKED_IN, TRUE);
  g_autoptr(LanyardCheckinResult) already = result (LANYARD_OUTCOME_ALREADY_CHECKED_IN, TRUE);

  /* only while printing */
  lanyard_kiosk_flow_print_refused (flow, already, 0);
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_WELCOME);

  lanyard_kiosk_flow_scan_result (flow, r, FALSE, 0);
  lanyard_kiosk_flow_confirm (flow, S);
  g_assert_true (lanyard_kiosk_flow_should_print (flow));
  already->previous_at = 1000 * S;
  already->previous_device = g_strdup ("kiosk-2");
  lanyard_kiosk_flow_print_refused (flow, already, 2 * S);
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_REFUSED);
  g_assert_cmpint (lanyard_kiosk_flow_get_refusal (flow), ==, LANYARD_REFUSAL_ALREADY_PRINTED);
  /* checked in there, but no badge came out: the desk prints it */
  g_assert_cmpstr (lanyard_kiosk_flow_get_title (flow), ==, "You are already checked in");
  g_assert_nonnull (strstr (lanyard_kiosk_flow_get_message (flow), "kiosk-2"));
  g_assert_nonnull (strstr (lanyard_kiosk_flow_get_message (flow), "registration desk"));
  g_assert_false (lanyard_kiosk_flow_should_print (flow));

  /* a late print result changes nothing */
  lanyard_kiosk_flow_print_done (flow, 3 * S);
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_REFUSED);
}

/* A second code while someone is on the confirm page does not replace
 * them; on any other page it starts over with the new person. */
static void
test_confirm_keeps_its_person (void)
{
  g_autoptr(LanyardKioskFlow) flow = lanyard_kiosk_flow_new (FALSE, FALSE, 20, NULL);
  g_autoptr(LanyardCheckinResult) jane = result (LANYARD_OUTCOME_CHECKED_IN, TRUE);
  g_autoptr(LanyardCheckinResult) other = result (LANYARD_OUTCOME_CHECKED_IN, TRUE);

  g_free (other->attendee->first_name);
  other->attendee->first_name = g_strdup ("Joan");
  lanyard_kiosk_flow_scan_result (flow, jane, FALSE, 0);
  lanyard_kiosk_flow_scan_result (flow, other, FALSE, 2 * S);
  g_assert_cmpstr (lanyard_kiosk_flow_get_title (flow), ==, "Welcome, Jane Smith, MD");
  /* the countdown was not restarted either */
  g_assert_true (lanyard_kiosk_flow_tick (flow, 6 * S));
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_PRINTING);
  g_assert_true (lanyard_kiosk_flow_should_print (flow));
  lanyard_kiosk_flow_print_done (flow, 7 * S);

  /* from "collect", the next person's code is welcome at once */
  lanyard_kiosk_flow_scan_result (flow, other, FALSE, 8 * S);
  g_assert_cmpstr (lanyard_kiosk_flow_get_title (flow), ==, "Welcome, Joan Smith, MD");
}

static void
test_names (void)
{
  const char *pages[] = { "welcome", "search", "verify", "confirm", "printing", "collect", "refused" };
  const char *refusal_names[] = { "none", "already-printed", "replaced", "cancelled", "needs-desk", "unknown", "printer" };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    g_assert_cmpstr (lanyard_kiosk_page_to_string ((LanyardKioskPage) i), ==, pages[i]);
  for (guint i = 0; i < G_N_ELEMENTS (refusal_names); i++)
    g_assert_cmpstr (lanyard_refusal_to_string ((LanyardRefusal) i), ==, refusal_names[i]);
}

static void
test_search_and_verify (void)
{
  g_autoptr(LanyardKioskFlow) flow = lanyard_kiosk_flow_new (TRUE, TRUE, 20, NULL);
  g_autoptr(LanyardCheckinResult) r = result (LANYARD_OUTCOME_CHECKED_IN, TRUE);

  lanyard_kiosk_flow_find_by_name (flow, 0);
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_SEARCH);
  lanyard_kiosk_flow_scan_result (flow, r, TRUE, S);
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_VERIFY);
  lanyard_kiosk_flow_verify (flow, "0000", 2 * S);
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_VERIFY);
  g_assert_cmpstr (lanyard_kiosk_flow_get_title (flow), ==, "That does not match");
  lanyard_kiosk_flow_verify (flow, "mo01", 3 * S);   /* MW26-DEMO01, any case */
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_CONFIRM);

  /* three wrong tries send the person to the desk, and forget the name */
  lanyard_kiosk_flow_scan_result (flow, r, TRUE, 10 * S);
  for (int i = 0; i < 3; i++)
    lanyard_kiosk_flow_verify (flow, "XXXX", (11 + i) * S);
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_REFUSED);
  g_assert_cmpint (lanyard_kiosk_flow_get_refusal (flow), ==, LANYARD_REFUSAL_NEEDS_DESK);
  g_assert_null (lanyard_kiosk_flow_get_attendee (flow));

  /* a scan at the kiosk needs no second check */
  lanyard_kiosk_flow_scan_result (flow, r, FALSE, 20 * S);
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_CONFIRM);
}

/* Each wrong try says so in new words (the tries left), and the tries
 * left come from outside (the store) when the page opens. */
static void
test_verify_tries (void)
{
  g_autoptr(LanyardKioskFlow) flow = lanyard_kiosk_flow_new (TRUE, TRUE, 20, NULL);
  g_autoptr(LanyardCheckinResult) r = result (LANYARD_OUTCOME_CHECKED_IN, TRUE);
  g_autofree char *first = NULL;

  lanyard_kiosk_flow_find_by_name (flow, 0);
  lanyard_kiosk_flow_scan_result (flow, r, TRUE, S);
  lanyard_kiosk_flow_set_verify_tries (flow, 3, S);
  g_assert_false (lanyard_kiosk_flow_verify (flow, "0000", 2 * S));
  first = g_strdup (lanyard_kiosk_flow_get_message (flow));
  g_assert_nonnull (strstr (first, "2 tries left"));
  g_assert_false (lanyard_kiosk_flow_verify (flow, "1111", 3 * S));
  g_assert_cmpstr (lanyard_kiosk_flow_get_message (flow), !=, first);
  g_assert_nonnull (strstr (lanyard_kiosk_flow_get_message (flow), "1 try left"));
  g_assert_true (lanyard_kiosk_flow_verify (flow, "MO01", 4 * S));
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_CONFIRM);

  /* one left from an earlier visit: one wrong try is the last */
  lanyard_kiosk_flow_not_me (flow, 5 * S);
  lanyard_kiosk_flow_find_by_name (flow, 6 * S);
  lanyard_kiosk_flow_scan_result (flow, r, TRUE, 7 * S);
  lanyard_kiosk_flow_set_verify_tries (flow, 1, 7 * S);
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_VERIFY);
  g_assert_false (lanyard_kiosk_flow_verify (flow, "0000", 8 * S));
  g_assert_cmpint (lanyard_kiosk_flow_get_refusal (flow), ==, LANYARD_REFUSAL_NEEDS_DESK);

  /* none left: straight to the desk, the name forgotten */
  lanyard_kiosk_flow_not_me (flow, 9 * S);
  lanyard_kiosk_flow_scan_result (flow, r, TRUE, 10 * S);
  lanyard_kiosk_flow_set_verify_tries (flow, 0, 10 * S);
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_REFUSED);
  g_assert_cmpint (lanyard_kiosk_flow_get_refusal (flow), ==, LANYARD_REFUSAL_NEEDS_DESK);
  g_assert_null (lanyard_kiosk_flow_get_attendee (flow));
}

/* Which page takes a code from the camera or a scanner (and which a name
 * picked from the search). */
typedef struct {
  LanyardKioskPage page;
  gboolean         camera;
  gboolean         picked;
} TakesCase;

static const TakesCase takes_cases[] = {
  { LANYARD_KIOSK_WELCOME, TRUE, TRUE },
  { LANYARD_KIOSK_SEARCH, FALSE, TRUE },
  { LANYARD_KIOSK_VERIFY, FALSE, TRUE },
  { LANYARD_KIOSK_CONFIRM, FALSE, TRUE },
  { LANYARD_KIOSK_PRINTING, FALSE, FALSE },
  { LANYARD_KIOSK_COLLECT, TRUE, TRUE },
  { LANYARD_KIOSK_REFUSED, TRUE, TRUE },
};

static LanyardKioskFlow *
flow_on_page (LanyardKioskPage page)
{
  LanyardKioskFlow *flow = lanyard_kiosk_flow_new (TRUE, TRUE, 20, NULL);
  g_autoptr(LanyardCheckinResult) in = result (LANYARD_OUTCOME_CHECKED_IN, TRUE);
  g_autoptr(LanyardCheckinResult) unknown = result (LANYARD_OUTCOME_UNKNOWN, FALSE);

  switch (page)
    {
    case LANYARD_KIOSK_WELCOME:
      break;
    case LANYARD_KIOSK_SEARCH:
      lanyard_kiosk_flow_find_by_name (flow, S);
      break;
    case LANYARD_KIOSK_VERIFY:
      lanyard_kiosk_flow_find_by_name (flow, S);
      lanyard_kiosk_flow_scan_result (flow, in, TRUE, S);
      break;
    case LANYARD_KIOSK_CONFIRM:
      lanyard_kiosk_flow_scan_result (flow, in, FALSE, S);
      break;
    case LANYARD_KIOSK_PRINTING:
    case LANYARD_KIOSK_COLLECT:
      lanyard_kiosk_flow_scan_result (flow, in, FALSE, S);
      lanyard_kiosk_flow_confirm (flow, S);
      if (page == LANYARD_KIOSK_COLLECT)
        lanyard_kiosk_flow_print_done (flow, S);
      break;
    case LANYARD_KIOSK_REFUSED:
    default:
      lanyard_kiosk_flow_scan_result (flow, unknown, FALSE, S);
      break;
    }
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, page);
  return flow;
}

static void
test_typing_pages_ignore_codes (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (takes_cases); i++)
    {
      const TakesCase *c = &takes_cases[i];
      g_autoptr(LanyardKioskFlow) flow = flow_on_page (c->page);
      g_autoptr(LanyardCheckinResult) other = result (LANYARD_OUTCOME_CHECKED_IN, TRUE);

      g_test_message ("%s", lanyard_kiosk_page_to_string (c->page));
      g_assert_cmpint (lanyard_kiosk_flow_takes_scans (flow, FALSE), ==, c->camera);
      g_assert_cmpint (lanyard_kiosk_flow_takes_scans (flow, TRUE), ==, c->picked);
      /* a code from the camera on a page that takes none changes nothing */
      lanyard_kiosk_flow_scan_result (flow, other, FALSE, 2 * S);
      if (!c->camera)
        g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, c->page);
    }
}

static void
test_idle_resets_search (void)
{
  g_autoptr(LanyardKioskFlow) flow = lanyard_kiosk_flow_new (FALSE, FALSE, 20, NULL);

  lanyard_kiosk_flow_find_by_name (flow, 0);
  lanyard_kiosk_flow_touch (flow, 15 * S);             /* typing keeps it open */
  g_assert_false (lanyard_kiosk_flow_tick (flow, 30 * S));
  g_assert_true (lanyard_kiosk_flow_tick (flow, 35 * S));
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_WELCOME);
}

/* "My credits & certificate": a scan goes to the claim page, checked in
 * already or not; a name search asks the last four even where the event
 * does not; a refusal stays a refusal; the idle timer forgets the path,
 * unless the kiosk is set to claim first. */
static void
test_claim_path (void)
{
  g_autoptr(LanyardKioskFlow) flow = lanyard_kiosk_flow_new (FALSE, FALSE, 20, "America/Chicago");
  g_autoptr(LanyardCheckinResult) again = result (LANYARD_OUTCOME_ALREADY_CHECKED_IN, TRUE);
  g_autoptr(LanyardCheckinResult) cancelled = result (LANYARD_OUTCOME_CANCELLED, TRUE);
  gint64 t = 1000 * S;

  lanyard_kiosk_flow_set_claiming (flow, TRUE, t);
  g_assert_true (lanyard_kiosk_flow_get_claiming (flow));
  lanyard_kiosk_flow_scan_result (flow, again, FALSE, t + S);
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_CLAIM);
  g_assert_cmpstr (lanyard_kiosk_flow_get_attendee (flow)->ticket_code, ==, "MW26-DEMO01");
  /* a code passing behind the learner does not replace them */
  g_assert_false (lanyard_kiosk_flow_takes_scans (flow, FALSE));

  /* idle: back to the welcome page, the path and the person forgotten */
  g_assert_true (lanyard_kiosk_flow_tick (flow, t + 30 * S));
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_WELCOME);
  g_assert_false (lanyard_kiosk_flow_get_claiming (flow));
  g_assert_null (lanyard_kiosk_flow_get_attendee (flow));

  /* by name: the last four first, then the claim page */
  lanyard_kiosk_flow_set_claiming (flow, TRUE, t + 31 * S);
  lanyard_kiosk_flow_find_by_name (flow, t + 32 * S);
  g_assert_true (lanyard_kiosk_flow_get_claiming (flow));
  lanyard_kiosk_flow_scan_result (flow, again, TRUE, t + 33 * S);
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_VERIFY);
  lanyard_kiosk_flow_verify (flow, "DEMO", t + 34 * S);
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_VERIFY);
  lanyard_kiosk_flow_verify (flow, "MO01", t + 35 * S);
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_CLAIM);

  /* a cancelled registration is refused as at check-in */
  lanyard_kiosk_flow_not_me (flow, t + 36 * S);
  lanyard_kiosk_flow_set_claiming (flow, TRUE, t + 37 * S);
  lanyard_kiosk_flow_scan_result (flow, cancelled, FALSE, t + 38 * S);
  g_assert_cmpint (lanyard_kiosk_flow_get_refusal (flow), ==, LANYARD_REFUSAL_CANCELLED);

  /* pressed and left on the welcome page: the usual path again */
  lanyard_kiosk_flow_set_claiming (flow, TRUE, t + 40 * S);
  g_assert_true (lanyard_kiosk_flow_tick (flow, t + 70 * S));
  g_assert_false (lanyard_kiosk_flow_get_claiming (flow));

  /* claim first: the welcome page's path, after every reset */
  lanyard_kiosk_flow_set_claim_first (flow, TRUE);
  g_assert_true (lanyard_kiosk_flow_get_claiming (flow));
  lanyard_kiosk_flow_scan_result (flow, again, FALSE, t + 71 * S);
  g_assert_cmpint (lanyard_kiosk_flow_get_page (flow), ==, LANYARD_KIOSK_CLAIM);
  lanyard_kiosk_flow_not_me (flow, t + 72 * S);
  g_assert_true (lanyard_kiosk_flow_get_claiming (flow));
  g_assert_cmpstr (lanyard_kiosk_page_to_string (LANYARD_KIOSK_CLAIM), ==, "claim");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/kiosk-flow/scan-confirm-print-collect", test_scan_confirm_countdown_print_collect);
  g_test_add_func ("/kiosk-flow/not-me-and-tap-to-print", test_not_me_and_tap_to_print);
  g_test_add_func ("/kiosk-flow/refusals", test_refusals);
  g_test_add_func ("/kiosk-flow/printer-problem", test_printer_problem);
  g_test_add_func ("/kiosk-flow/printer-badge-waits", test_printer_badge_waits);
  g_test_add_func ("/kiosk-flow/printer-words-become-a-sentence", test_printer_words_become_a_sentence);
  g_test_add_func ("/kiosk-flow/scan-failed", test_scan_failed);
  g_test_add_func ("/kiosk-flow/refused-while-printing", test_refused_while_printing);
  g_test_add_func ("/kiosk-flow/names", test_names);
  g_test_add_func ("/kiosk-flow/confirm-keeps-its-person", test_confirm_keeps_its_person);
  g_test_add_func ("/kiosk-flow/search-and-verify", test_search_and_verify);
  g_test_add_func ("/kiosk-flow/idle-resets-search", test_idle_resets_search);
  g_test_add_func ("/kiosk-flow/claim-path", test_claim_path);
  g_test_add_func ("/kiosk-flow/verify-tries", test_verify_tries);
  g_test_add_func ("/kiosk-flow/typing-pages-ignore-codes", test_typing_pages_ignore_codes);
  return g_test_run ();
}
