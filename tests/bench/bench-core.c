/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The core on 100 000 generated attendees: CSV import, lookup by code,
 * search, and check-in commits with synchronous=FULL. A tool, not a test:
 * it prints figures for README.md.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "lanyard-checkin.h"
#include "lanyard-csv-import.h"
#include "lanyard-event-import.h"
#include "lanyard-store.h"

static const char *firsts[] = { "James", "Mary", "José", "Siobhán", "Jürgen", "Hélène", "小明", "محمد", "Anna", "Chinedu",
                                "Priya", "Łukasz", "Çağla", "Δημήτρης", "Wei", "Fatima", "Olivia", "Noah", "Sofía", "Ama" };
static const char *lasts[] = { "Smith", "Johnson", "Muñoz", "O'Brien", "Müller", "Lefèvre", "王", "الحسن", "Kowalski", "Okonkwo",
                               "Iyer", "Wójcik", "Yıldız", "Παπαδόπουλος", "Chen", "Haddad", "García-López", "Nguyen", "Brown", "Mensah" };
static const char *affiliations[] = { "Lakeshore University Hospital", "Northshore Heart Center", "Prairie Valley Health",
                                      "St. Mary's Regional", "Evanston Community Hospital" };

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
percentile (double *v,
            guint   n,
            double  p)
{
  qsort (v, n, sizeof *v, compare_double);
  return v[MIN (n - 1, (guint) (p * n))];
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  g_autofree char *dir = g_dir_make_tmp ("lanyard-bench-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *event_path = g_build_filename (g_getenv ("LANYARD_SOURCE_DIR") ? g_getenv ("LANYARD_SOURCE_DIR") : SOURCE_DIR,
                                                  "data", "demo", "event.json", NULL);
  g_autoptr(GString) csv = g_string_new ("ticket_code,first_name,last_name,credentials,profession,affiliation,email,role,sessions\n");
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(LanyardEvent) event = NULL;
  g_autoptr(LanyardImportReport) report = NULL;
  g_autofree double *lookup_us = NULL;
  g_autofree double *search_ms = NULL;
  g_autofree double *checkin_ms = NULL;
  const guint n_lookup = 20000, n_search = 2000, n_checkin = 2000;
  gint64 t0;
  double import_s;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "BX-%07u,%s,%s,MD,physician,%s,p%u@example.org,attendee,\n", i,
                            firsts[g_rand_int_range (rand, 0, G_N_ELEMENTS (firsts))],
                            lasts[g_rand_int_range (rand, 0, G_N_ELEMENTS (lasts))],
                            affiliations[g_rand_int_range (rand, 0, G_N_ELEMENTS (affiliations))], i);

  event = lanyard_event_load_file (event_path, &error);
  g_assert_no_error (error);
  store = lanyard_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (lanyard_store_save_event (store, event, &error));

  t0 = g_get_monotonic_time ();
  report = lanyard_csv_import_data (store, event, csv->str, csv->len, NULL, &error);
  import_s = (g_get_monotonic_time () - t0) / 1e6;
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, n);

  lookup_us = g_new (double, n_lookup);
  for (guint i = 0; i < n_lookup; i++)
    {
      g_autofree char *code = g_strdup_printf ("BX-%07u", g_rand_int_range (rand, 0, n));
      gint64 t = g_get_monotonic_time ();
      g_autoptr(LanyardAttendee) a = lanyard_store_find_ticket (store, code, NULL);

      lookup_us[i] = g_get_monotonic_time () - t;
      g_assert_nonnull (a);
    }

  search_ms = g_new (double, n_search);
  for (guint i = 0; i < n_search; i++)
    {
      const char *queries[] = { "smi", "jose", "o'brien", "王", "muller", "lakeshore", "chen wei", "p123", "García", "ok" };
      gint64 t = g_get_monotonic_time ();
      g_autoptr(GPtrArray) hits = lanyard_store_search (store, queries[i % G_N_ELEMENTS (queries)], 20, NULL);

      search_ms[i] = (g_get_monotonic_time () - t) / 1000.0;
      g_assert_nonnull (hits);
    }

  checkin_ms = g_new (double, n_checkin);
  for (guint i = 0; i < n_checkin; i++)
    {
      g_autofree char *code = g_strdup_printf ("BX-%07u", i);
      LanyardCheckinRequest req = { LANYARD_CHECKIN_EVENT, NULL, "bench", 0, FALSE };
      gint64 t = g_get_monotonic_time ();
      g_autoptr(LanyardCheckinResult) r = lanyard_checkin_perform (store, event, NULL, (const guint8 *) code,
                                                                   strlen (code), &req, NULL);

      checkin_ms[i] = (g_get_monotonic_time () - t) / 1000.0;
      g_assert_nonnull (r);
      g_assert_cmpint (r->outcome, ==, LANYARD_OUTCOME_CHECKED_IN);
    }

  g_print ("attendees                 %u\n", n);
  g_print ("CSV import                %.2f s        (goal ≤ 3 s)\n", import_s);
  g_print ("lookup by code, median    %.1f µs       (goal ≤ 50 µs; p99 %.1f µs)\n",
           percentile (lookup_us, n_lookup, 0.5), percentile (lookup_us, n_lookup, 0.99));
  g_print ("search, p99               %.2f ms       (goal ≤ 10 ms; median %.2f ms)\n",
           percentile (search_ms, n_search, 0.99), percentile (search_ms, n_search, 0.5));
  g_print ("check-in commit, p99      %.2f ms       (goal ≤ 5 ms, synchronous=FULL; median %.2f ms)\n",
           percentile (checkin_ms, n_checkin, 0.99), percentile (checkin_ms, n_checkin, 0.5));

  g_clear_object (&store);
  {
    const char *suffixes[] = { "", "-wal", "-shm" };
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *p = g_strconcat (db, suffixes[i], NULL);
        g_unlink (p);
      }
    g_rmdir (dir);
  }
  return 0;
}
