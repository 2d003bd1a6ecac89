/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The last-four check's rule: three wrong tries per registration within
 * ten minutes, counted from the store whatever the visit.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "lanyard-last4.h"
#include "lanyard-test-db.h"

#define S ((gint64) G_USEC_PER_SEC)
#define M (60 * S)
#define NOW (1000000 * S)

typedef struct {
  const char *what;
  gint64      failures[5];  /* before NOW by this much; 0 ends */
  guint       left;
} TriesCase;

static const TriesCase tries_cases[] = {
  { "none yet", { 0 }, 3 },
  { "one just now", { 1 * S }, 2 },
  { "two", { 30 * S, 1 * S }, 1 },
  { "three: none left", { 40 * S, 30 * S, 1 * S }, 0 },
  { "four: still none, never below", { 50 * S, 40 * S, 30 * S, 1 * S }, 0 },
  { "three, the oldest 9:59 ago", { 10 * M - 1 * S, 2 * M, 1 * M }, 0 },
  { "three, the oldest just 10 minutes ago: forgotten", { 10 * M, 2 * M, 1 * M }, 1 },
  { "three long ago", { 3 * 60 * M, 2 * 60 * M, 11 * M }, 3 },
  { "one in the future (a clock set back) does not count", { -5 * S }, 3 },
};

static void
test_tries_left (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (tries_cases); i++)
    {
      const TriesCase *c = &tries_cases[i];
      gint64 at[5];
      guint n = 0;

      while (n < G_N_ELEMENTS (c->failures) && c->failures[n] != 0)
        {
          at[n] = NOW - c->failures[n];
          n++;
        }
      g_test_message ("%s", c->what);
      g_assert_cmpuint (lanyard_last4_tries_left (at, n, NOW), ==, c->left);
    }
}

typedef struct {
  const char *code;
  const char *typed;
  gboolean    matches;
} MatchCase;

static const MatchCase match_cases[] = {
  { "MW26-DEMO01", "MO01", TRUE },
  { "MW26-DEMO01", "mo01", TRUE },
  { "MW26-DEMO01", "MO0", FALSE },
  { "MW26-DEMO01", "EMO01", FALSE },
  { "MW26-DEMO01", "0000", FALSE },
  { "MW26-DEMO01", "", FALSE },
  { "AB1", "AB1", FALSE },
  { NULL, "MO01", FALSE },
  { "MW26-DEMO01", NULL, FALSE },
};

static void
test_matches (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (match_cases); i++)
    {
      const MatchCase *c = &match_cases[i];

      g_test_message ("%s / %s", c->code, c->typed);
      g_assert_cmpint (lanyard_last4_matches (c->code, c->typed), ==, c->matches);
    }
}

/* Kept in the store: a second visit (another kiosk, the same database)
 * finds the tries the first one used. */
static void
test_stored_across_visits (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lanyard-last4-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "l.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardStore) store = lanyard_store_open (path, &error);
  g_autoptr(LanyardStore) other = NULL;
  g_autoptr(LanyardAttendee) jane = lanyard_attendee_new ();
  g_autoptr(LanyardAttendee) sam = lanyard_attendee_new ();

  g_assert_no_error (error);
  jane->ticket_code = g_strdup ("T-0001");
  jane->last_name = g_strdup ("Smith");
  sam->ticket_code = g_strdup ("T-0002");
  sam->last_name = g_strdup ("Smith");
  g_assert_true (lanyard_store_upsert_attendee (store, jane, NULL, NULL, &error));
  g_assert_true (lanyard_store_upsert_attendee (store, sam, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (lanyard_store_last4_tries_left (store, jane->id, NOW), ==, 3);
  g_assert_true (lanyard_store_add_last4_failure (store, jane->id, "kiosk-1", NOW - 2 * M, &error));
  g_assert_true (lanyard_store_add_last4_failure (store, jane->id, "kiosk-1", NOW - 1 * M, &error));
  g_assert_no_error (error);

  other = lanyard_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lanyard_store_last4_tries_left (other, jane->id, NOW), ==, 1);
  g_assert_true (lanyard_store_add_last4_failure (other, jane->id, "kiosk-2", NOW, &error));
  g_assert_cmpuint (lanyard_store_last4_tries_left (store, jane->id, NOW), ==, 0);
  /* per registration: the other Smith keeps his */
  g_assert_cmpuint (lanyard_store_last4_tries_left (store, sam->id, NOW), ==, 3);
  /* some minutes later, tries again */
  g_assert_cmpuint (lanyard_store_last4_tries_left (store, jane->id, NOW + 8 * M + 30 * S), ==, 1);
  g_assert_cmpuint (lanyard_store_last4_tries_left (store, jane->id, NOW + 11 * M), ==, 3);

  g_clear_object (&other);
  g_clear_object (&store);
  lanyard_test_remove_db_file (dir, path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/last4/tries-left", test_tries_left);
  g_test_add_func ("/last4/matches", test_matches);
  g_test_add_func ("/last4/stored-across-visits", test_stored_across_visits);
  return g_test_run ();
}
