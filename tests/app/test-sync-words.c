/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sync state in words (lanyard-sync-words.h), on a clock of our own.
 */
#include "config.h"

#include "lanyard-sync-words.h"

#define S(n) ((gint64) (n) * G_USEC_PER_SEC)
/* 2026-05-14 10:42:00 UTC */
#define T0   S (1778755320)

typedef struct {
  const char      *name;
  gint64           last_synced;
  gint64           offline_since;
  guint            waiting;
  LanyardSyncRows  rows;
  gint64           now;
  const char      *expected;
} Case;

static const Case cases[] = {
  { "never",            0,            0,  0, LANYARD_SYNC_ROWS_CHANGES, T0,
    "Not synced yet" },
  { "never, waiting",   0,            0,  4, LANYARD_SYNC_ROWS_SCANS, T0,
    "Not synced yet — 4 scans waiting" },
  { "just now",         T0,           0,  0, LANYARD_SYNC_ROWS_SCANS, T0,
    "Synced just now" },
  { "seconds",          T0 - S (3),   0,  0, LANYARD_SYNC_ROWS_SCANS, T0,
    "Synced 3 s ago" },
  { "seconds rounded down", T0 - S (59) - 999999, 0, 0, LANYARD_SYNC_ROWS_SCANS, T0,
    "Synced 59 s ago" },
  { "minutes",          T0 - S (125), 0,  0, LANYARD_SYNC_ROWS_SCANS, T0,
    "Synced 2 min ago" },
  { "online, sending",  T0 - S (1),   0,  1, LANYARD_SYNC_ROWS_SCANS, T0,
    "Synced 1 s ago — 1 scan waiting" },
  { "hours: a clock time", T0 - S (3 * 3600), 0, 0, LANYARD_SYNC_ROWS_CHANGES, T0,
    "Synced at 07:42" },
  { "offline, scans",   T0 - S (600), T0 - S (590), 37, LANYARD_SYNC_ROWS_SCANS, T0,
    "Offline since 10:32 — 37 scans waiting" },
  { "offline, one change", T0 - S (600), T0 - S (590), 1, LANYARD_SYNC_ROWS_CHANGES, T0,
    "Offline since 10:32 — 1 change waiting" },
  { "offline, nothing waiting", T0 - S (600), T0 - S (590), 0, LANYARD_SYNC_ROWS_SCANS, T0,
    "Offline since 10:32 — nothing waiting" },
  { "offline from the start", 0, T0 - S (60), 2, LANYARD_SYNC_ROWS_CHANGES, T0,
    "Offline since 10:41 — 2 changes waiting" },
  /* a clock set back must not say "-5 s ago" */
  { "future",           T0 + S (5),   0,  0, LANYARD_SYNC_ROWS_SCANS, T0,
    "Synced just now" },
};

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autofree char *words = lanyard_sync_words (c->last_synced, c->offline_since, c->waiting,
                                               c->rows, c->now, tz);

  g_assert_cmpstr (words, ==, c->expected);
}

static void
test_time_zone (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autofree char *words = NULL;

  g_assert_nonnull (tz);
  words = lanyard_sync_words (0, T0, 3, LANYARD_SYNC_ROWS_SCANS, T0 + S (30), tz);
  g_assert_cmpstr (words, ==, "Offline since 12:42 — 3 scans waiting");
}

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sync-words/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/sync-words/time-zone", test_time_zone);
  return g_test_run ();
}
