/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The largest medical meeting on one device (issue 14): 100,000
 * registrations, 2,000 sessions... in 40 rooms over four days (1,920: 12
 * slots a day), about 4 million door scans. The meeting is made through the
 * product's own paths: the event saved as `init` saves it, the people
 * through the CSV import, everyone's arrival through lanyard_checkin_perform,
 * and the door scans through lanyard_store_append_scan, 10,000 to a
 * transaction (the generator decides each outcome, so the log grows at
 * the store's write path without the rule queries for every one of 4 M).
 *
 * The database is built ONCE into /tmp/lanyard-scale/v<VERSION> (with the
 * figures of its growth: export and stats at 0.5, 1, 2 M scans and the
 * end) and reused; later runs measure a copy of it. A tool, not a test:
 * it prints figures for README.md. BENCH_PLOT=FILE.png draws the growth.
 */
#include "config.h"

#include <cairo.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "lanyard-certificate.h"
#include "lanyard-checkin.h"
#include "lanyard-claim.h"
#include "lanyard-credits.h"
#include "lanyard-csv-import.h"
#include "lanyard-event-import.h"
#include "lanyard-event-synth.h"
#include "lanyard-staff-record.h"
#include "lanyard-stats.h"
#include "lanyard-store-private.h"

/* Bump when the generated meeting changes: a new cache is built. */
#define SCALE_VERSION 1
/* Door scans to a transaction while building. The log's indexes on the
 * scan's uuid and on the attendee take their keys in random order, so a
 * transaction of 10,000 scans dirtied some 27,000 pages (110 MB) and
 * wrote them all to the WAL at its commit, and again at the checkpoint:
 * about 80 GB of writes for the 4 M scans, most of the 40-odd minutes the
 * build took. Half a million to a transaction (and the builder's own
 * connection given a page cache that holds them) writes each page once a
 * transaction. Every scan still goes through lanyard_store_append_scan
 * inside lanyard_store_begin/commit; the event's own commits (one scan
 * each, synchronous=FULL) are measured on the built database. */
#define BATCH 500000
#define BUILD_CACHE_KB 1500000

static LanyardEventSynth spec = LANYARD_EVENT_SYNTH_LARGEST;
static const char *cache_suffix = ""; /* BENCH_SCALE_SMALL=1: 2,000 people, to try the bench itself */

typedef struct {
  LanyardStore       *store;
  const LanyardEvent *event;
  const char         *db;
  GString            *growth;
  guint64             wal_max;
  guint               next_milestone;
  gint64              started;
} Build;

static const guint64 milestones[] = { 500000, 1000000, 2000000 };

static double
seconds_since (gint64 t0)
{
  return (g_get_monotonic_time () - t0) / 1e6;
}

/* This thread's CPU time, ms: on a machine shared with other builds the
 * clock also counts the time waited for a core. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
percentile (GArray *v,
            double  p)
{
  qsort (v->data, v->len, sizeof (double), compare_double);
  return g_array_index (v, double, MIN (v->len - 1, (guint) (p * v->len)));
}

static double
children_cpu_s (void)
{
  struct rusage ru;

  getrusage (RUSAGE_CHILDREN, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/* `lanyardctl ARGS…` on @db, timed as a whole process (s, and the CPU
 * it used in @cpu: on a shared machine the clock also counts waiting). */
static double
time_ctl (const char        *db,
          const char *const *args,
          double            *cpu)
{
  double cpu0 = children_cpu_s ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "LANYARD_DB", db, TRUE);
  g_autoptr(GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();
  int status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("LANYARDCTL"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                     &status, &error) || !g_spawn_check_wait_status (status, &error))
    g_error ("lanyardctl %s: %s", args[0], error->message);
  *cpu = children_cpu_s () - cpu0;
  return seconds_since (t0);
}

static guint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (guint64) st.st_size : 0;
}

typedef struct {
  double csv_s, json_s, stats_s, stats_busy_ms;
  double csv_cpu, json_cpu, stats_cpu, stats_busy_cpu_ms;
  guint64 export_bytes;
} Reports;

static void
measure_reports (LanyardStore       *store,
                 const LanyardEvent *event,
                 const char         *db,
                 Reports            *r)
{
  g_autofree char *out = g_strconcat (db, ".export", NULL);
  g_autoptr(GArray) busy = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) busy_cpu = g_array_new (FALSE, FALSE, sizeof (double));

  r->csv_s = time_ctl (db, (const char *[]) { "export", "attendance", "-o", out, NULL }, &r->csv_cpu);
  r->export_bytes = file_size (out);
  r->json_s = time_ctl (db, (const char *[]) { "export", "--format=json", "attendance", "-o", out, NULL }, &r->json_cpu);
  g_unlink (out);
  r->stats_s = time_ctl (db, (const char *[]) { "stats", "--json", NULL }, &r->stats_cpu);
  for (guint i = 0; i < 5; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double c0 = thread_cpu_ms ();
      g_autoptr(LanyardStats) stats = lanyard_stats_compute_at (store, event, lanyard_event_synth_busy_time (&spec), NULL);
      double ms = (g_get_monotonic_time () - t0) / 1000.0, cpu = thread_cpu_ms () - c0;

      g_assert_nonnull (stats);
      g_array_append_val (busy, ms);
      g_array_append_val (busy_cpu, cpu);
    }
  r->stats_busy_ms = percentile (busy, 0.5);
  r->stats_busy_cpu_ms = percentile (busy_cpu, 0.5);
}

static void
remove_database (const char *db)
{
  const char *suffixes[] = { "", "-wal", "-shm", ".export" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (db, suffixes[i], NULL);
      g_unlink (p);
    }
}

/* @from (and its WAL, if any) to @to, which is emptied first. */
static void
copy_database (const char *from_path,
               const char *to_path)
{
  const char *suffixes[] = { "", "-wal" };

  remove_database (to_path);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *f = g_strconcat (from_path, suffixes[i], NULL);
      g_autofree char *t = g_strconcat (to_path, suffixes[i], NULL);
      g_autoptr(GFile) from = g_file_new_for_path (f);
      g_autoptr(GFile) to = g_file_new_for_path (t);
      g_autoptr(GError) error = NULL;

      if (g_file_test (f, G_FILE_TEST_EXISTS) && !g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
    }
}

/* A copy of the database as it stood at @scans, for the growth figures
 * (measured later, by the code of the day, not the build's). Called
 * between two transactions, so the file and its WAL agree. */
static void
snapshot (const char *db,
          guint64     scans)
{
  g_autofree char *base = g_strdup_printf ("%s.%" G_GUINT64_FORMAT, db, scans);

  copy_database (db, base);
}

static void
on_batch (guint64  scans,
          gpointer user_data)
{
  Build *b = user_data;
  g_autofree char *wal = g_strconcat (b->db, "-wal", NULL);

  b->wal_max = MAX (b->wal_max, file_size (wal));
  if (scans % 500000 == 0)
    g_print ("  %.1f M scans (%.0f s)\n", scans / 1e6, seconds_since (b->started));
  if (b->next_milestone < G_N_ELEMENTS (milestones) && scans == milestones[b->next_milestone])
    {
      snapshot (b->db, scans);
      b->next_milestone++;
    }
}

/* The cached database, built when missing. Returns its folder. */
static char *
ensure_database (void)
{
  const char *root = g_getenv ("LANYARD_SCALE_DIR") ? g_getenv ("LANYARD_SCALE_DIR") : "/tmp/lanyard-scale";
  g_autofree char *dir = g_strdup_printf ("%s/v%d%s", root, SCALE_VERSION, cache_suffix);
  g_autofree char *db = g_build_filename (dir, "scale.db", NULL);
  g_autofree char *done = g_build_filename (dir, "growth.txt", NULL);
  g_autofree char *json = NULL, *csv = NULL;
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(LanyardEvent) event = NULL;
  g_autoptr(LanyardImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) growth = g_string_new (NULL);
  Build b = { 0 };
  gint64 t0;
  guint64 scans;

  if (g_file_test (done, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&dir);
  g_print ("bench-scale: building the meeting once into %s (this takes a while)\n", dir);
  g_mkdir_with_parents (dir, 0700);
  remove_database (db);

  json = lanyard_event_synth_event_json (&spec);
  csv = lanyard_event_synth_people_csv (&spec);
  event = lanyard_event_load_data (json, -1, &error);
  g_assert_no_error (error);
  store = lanyard_store_open (db, &error);
  g_assert_no_error (error);
  /* The builder's connection only (see BATCH); not the product's 32 MB. */
  g_assert_cmpint (sqlite3_exec (lanyard_store_get_db (store), "PRAGMA cache_size = -" G_STRINGIFY (BUILD_CACHE_KB),
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (lanyard_store_save_event (store, event, &error));
  t0 = g_get_monotonic_time ();
  report = lanyard_csv_import_data (store, event, csv, strlen (csv), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, spec.attendees);
  g_string_append_printf (growth, "# import-empty %.3f\n", seconds_since (t0));

  b.store = store;
  b.event = event;
  b.db = db;
  b.growth = growth;
  t0 = b.started = g_get_monotonic_time ();
  scans = lanyard_event_synth_write_scans (&spec, store, event, BATCH, on_batch, &b, &error);
  g_assert_no_error (error);
  g_string_append_printf (growth, "# build %.1f s, wal-max %" G_GUINT64_FORMAT "\n", seconds_since (t0), b.wal_max);
  g_string_append_printf (growth, "# scans %" G_GUINT64_FORMAT "\n", scans);
  g_clear_object (&store);
  if (!g_file_set_contents (done, growth->str, -1, &error))
    g_error ("%s", error->message);
  return g_steal_pointer (&dir);
}

/* Export and stats time against scans: two panels, PNG. */
static void
plot_growth (const char *path,
             GArray     *points) /* of Reports, with export_bytes = scans */
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 900, 420);
  cairo_t *cr = cairo_create (surface);
  const char *titles[] = { "export attendance (s): CSV, JSON", "stats (ms): lanyardctl, in the desk during a slot" };
  double max_x = 0;

  for (guint i = 0; i < points->len; i++)
    max_x = MAX (max_x, g_array_index (points, Reports, i).export_bytes / 1e6);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  for (guint panel = 0; panel < 2; panel++)
    {
      double x0 = 60 + panel * 440, y0 = 360, w = 360, h = 300, max_y = 0;
      const double colors[2][3] = { { 0.15, 0.35, 0.75 }, { 0.85, 0.35, 0.1 } };

      for (guint i = 0; i < points->len; i++)
        {
          const Reports *r = &g_array_index (points, Reports, i);
          max_y = MAX (max_y, panel == 0 ? MAX (r->csv_s, r->json_s) : MAX (r->stats_s * 1000, r->stats_busy_ms));
        }
      max_y = max_y > 0 ? max_y * 1.15 : 1;
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, x0, y0 - h);
      cairo_line_to (cr, x0, y0);
      cairo_line_to (cr, x0 + w, y0);
      cairo_stroke (cr);
      cairo_set_font_size (cr, 13);
      cairo_move_to (cr, x0, y0 - h - 14);
      cairo_show_text (cr, titles[panel]);
      cairo_set_font_size (cr, 11);
      for (guint t = 0; t <= 4; t++)
        {
          char label[32];

          g_snprintf (label, sizeof label, "%.3g", max_y * t / 4);
          cairo_move_to (cr, x0 - 45, y0 - h * t / 4 + 4);
          cairo_show_text (cr, label);
          g_snprintf (label, sizeof label, "%.1f M", max_x * t / 4);
          cairo_move_to (cr, x0 + w * t / 4 - 12, y0 + 16);
          cairo_show_text (cr, label);
        }
      cairo_move_to (cr, x0 + w / 2 - 20, y0 + 34);
      cairo_show_text (cr, "scans");
      for (guint line = 0; line < 2; line++)
        {
          cairo_set_source_rgb (cr, colors[line][0], colors[line][1], colors[line][2]);
          cairo_set_line_width (cr, 2);
          for (guint i = 0; i < points->len; i++)
            {
              const Reports *r = &g_array_index (points, Reports, i);
              double v = panel == 0 ? (line == 0 ? r->csv_s : r->json_s) : (line == 0 ? r->stats_s * 1000 : r->stats_busy_ms);
              double x = x0 + w * (r->export_bytes / 1e6) / max_x, y = y0 - h * v / max_y;

              if (i == 0)
                cairo_move_to (cr, x, y);
              else
                cairo_line_to (cr, x, y);
            }
          cairo_stroke (cr);
        }
    }
  cairo_surface_write_to_png (surface, path);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static double
median_ms (GArray *v)
{
  return percentile (v, 0.5);
}

/* Appends the wall time (ms) to NAME_ms and the CPU time to NAME_cpu. */
#define TIMED(name, expr) \
  G_STMT_START { gint64 t_ = g_get_monotonic_time (); double c_ = thread_cpu_ms (); expr; \
                 double ms_ = (g_get_monotonic_time () - t_) / 1000.0, cpu_ = thread_cpu_ms () - c_; \
                 g_array_append_val (name##_ms, ms_); g_array_append_val (name##_cpu, cpu_); } G_STMT_END

int
main (int   argc,
      char *argv[])
{
  /* BENCH_SCALE_DB=FILE: measure that copy of the log (one of the
   * snapshots scale.db.N while the full build is still running), in a
   * folder of its own, without building anything. */
  const char *measure = g_getenv ("BENCH_SCALE_DB");
  g_autofree char *dir = (g_getenv ("BENCH_SCALE_SMALL") ? (spec.attendees = 2000, cache_suffix = "-small") : NULL,
                          measure ? g_path_get_dirname (measure) : ensure_database ());
  g_autofree char *cached = g_build_filename (dir, "scale.db", NULL);
  guint64 total_scans = 0;
  g_autofree char *growth_path = g_build_filename (dir, "growth.txt", NULL);
  g_autofree char *db = g_build_filename (dir, "work.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *growth_text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(LanyardEvent) event = NULL;
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (Reports));
  g_autoptr(GArray) credits_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) credits_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) certificate_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) certificate_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) door_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) door_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) page_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) page_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) transcript_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) transcript_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stats_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stats_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) lookup_us = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) commit_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) commit_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (14);
  g_autofree char *csv = lanyard_event_synth_people_csv (&spec);
  g_autoptr(GString) changed = g_string_new (NULL);
  gint64 busy = lanyard_event_synth_busy_time (&spec), t0;
  double import_empty_s = 0, reimport_s, changed_s, open_s, reimport_cpu, changed_cpu, c0;
  guint64 rows = 0, wal_before;
  const char *wal_max = "?";
  Reports now;

  if (g_getenv ("BENCH_SCALE_BUILD_ONLY") != NULL)
    return 0;
  if (!g_file_get_contents (growth_path, &growth_text, NULL, measure ? NULL : &error))
    {
      if (measure == NULL)
        g_error ("%s", error->message);
      growth_text = g_strdup ("");
    }
  lines = g_strsplit (growth_text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      if (g_str_has_prefix (lines[i], "# import-empty "))
        import_empty_s = g_ascii_strtod (lines[i] + 15, NULL);
      else if (strstr (lines[i], "wal-max ") != NULL)
        wal_max = strstr (lines[i], "wal-max ") + 8;
      else if (g_str_has_prefix (lines[i], "# scans "))
        total_scans = g_ascii_strtoull (lines[i] + 8, NULL, 10);
    }
  if (measure != NULL)
    {
      g_free (cached);
      cached = g_strdup (measure);
      total_scans = 0;
    }
  /* BENCH_SCALE_GROWTH=1: export and stats on each snapshot (0.5, 1, 2 M)
   * and the whole log, by this code, for the growth figures and plot. */
  if (g_getenv ("BENCH_SCALE_GROWTH") != NULL)
    for (guint i = 0; i <= G_N_ELEMENTS (milestones); i++)
      {
        g_autofree char *snap = i < G_N_ELEMENTS (milestones)
                                ? g_strdup_printf ("%s.%" G_GUINT64_FORMAT, cached, milestones[i]) : g_strdup (cached);
        g_autoptr(LanyardStore) snap_store = NULL;
        g_autoptr(LanyardEvent) snap_event = NULL;
        Reports r = { 0 };

        if (!g_file_test (snap, G_FILE_TEST_EXISTS) || (i == G_N_ELEMENTS (milestones) && total_scans == 0))
          continue;
        copy_database (snap, db);
        snap_store = lanyard_store_open (db, &error);
        g_assert_no_error (error);
        snap_event = lanyard_store_load_event (snap_store, &error);
        g_assert_no_error (error);
        measure_reports (snap_store, snap_event, db, &r);
        r.export_bytes = i < G_N_ELEMENTS (milestones) ? milestones[i] : total_scans;
        g_print ("  at %.2f M: export CSV %.1f s (CPU %.1f), JSON %.1f s (CPU %.1f), stats %.3f s (CPU %.3f)\n",
                 r.export_bytes / 1e6, r.csv_s, r.csv_cpu, r.json_s, r.json_cpu, r.stats_s, r.stats_cpu);
        g_array_append_val (points, r);
        g_clear_object (&snap_store);
        remove_database (db);
      }

  /* BENCH_SCALE_GROWTH=only: the growth figures (and plot) alone. */
  if (g_strcmp0 (g_getenv ("BENCH_SCALE_GROWTH"), "only") == 0)
    {
      if (g_getenv ("BENCH_PLOT") != NULL)
        plot_growth (g_getenv ("BENCH_PLOT"), points);
      return 0;
    }

  /* Measure on a copy: the writes below must not grow the cache. */
  copy_database (cached, db);
  t0 = g_get_monotonic_time ();
  store = lanyard_store_open (db, &error);
  g_assert_no_error (error);
  open_s = seconds_since (t0);
  event = lanyard_store_load_event (store, &error);
  g_assert_no_error (error);

  measure_reports (store, event, db, &now);
  for (guint i = 0; i < 9; i++)
    TIMED (stats, {
      g_autoptr(LanyardStats) stats = lanyard_stats_compute (store, event, NULL);
      g_assert_nonnull (stats);
    });

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *code = lanyard_event_synth_ticket (g_rand_int_range (rand, 0, spec.attendees));
      g_autoptr(LanyardAttendee) a = lanyard_store_find_ticket (store, code, NULL);
      g_autoptr(GPtrArray) scans = NULL;
      g_autoptr(LanyardCreditReport) report = NULL;
      g_autoptr(LanyardCertificate) cert = NULL;
      g_autoptr(LanyardStaffRecord) record = NULL;

      g_assert_nonnull (a);
      TIMED (credits, scans = lanyard_store_list_scans (store, a->id, NULL);
                         report = lanyard_credits_compute (event, a, scans, g_get_real_time ()));
      rows += scans->len;
      g_clear_pointer (&scans, g_ptr_array_unref);
      TIMED (certificate, {
        g_autoptr(GPtrArray) attestations = lanyard_store_list_attestations (store, a->id, NULL);
        scans = lanyard_store_list_scans (store, a->id, NULL);
        cert = lanyard_certificate_prepare (event, a, scans, attestations,
                                            lanyard_store_get_evaluation_done (store, a->id), g_get_real_time (), NULL);
      });
      TIMED (page, record = lanyard_staff_record_load (store, event, a->id, g_get_real_time (), NULL));
      /* The claim page's transcript (issue 13): what lanyard_claim_page_show
       * reads and computes before it draws. */
      TIMED (transcript, {
        g_autoptr(GPtrArray) timeline = lanyard_store_list_scans (store, a->id, NULL);
        g_autoptr(GPtrArray) attestations = lanyard_store_list_attestations (store, a->id, NULL);
        g_autoptr(LanyardCreditReport) claim = NULL;
        gboolean evaluated = lanyard_store_get_evaluation_done (store, a->id);

        claim = lanyard_credits_compute (event, a, timeline, g_get_real_time ());
        for (guint t = 0; t < event->credit_types->len; t++)
          {
            const LanyardCreditType *type = g_ptr_array_index (event->credit_types, t);
            g_auto(GStrv) missing = lanyard_credit_type_missing_ids (type, a);

            g_assert_nonnull (missing);
          }
        (void) evaluated;
      });
      g_assert_nonnull (record);
    }

  for (guint i = 0; i < 20000; i++)
    {
      g_autofree char *code = lanyard_event_synth_ticket (g_rand_int_range (rand, 0, spec.attendees));
      gint64 t = g_get_monotonic_time ();
      g_autoptr(LanyardAttendee) a = lanyard_store_find_ticket (store, code, NULL);
      double us = (double) (g_get_monotonic_time () - t);

      g_array_append_val (lookup_us, us);
      g_assert_nonnull (a);
    }
  for (guint i = 0; i < 2000; i++)
    {
      const char *queries[] = { "smi", "jose", "o'brien", "王", "muller", "hospital 12", "chen wei", "p123", "García", "ok" };
      g_autoptr(GPtrArray) hits = NULL;

      TIMED (search, hits = lanyard_store_search (store, queries[i % G_N_ELEMENTS (queries)], 20, NULL));
      g_assert_nonnull (hits);
    }

  /* The door during the last day's middle slot: a toggle scan, the rules'
   * queries (inside now, capacity) and the commit. */
  wal_before = file_size (wal);
  for (guint i = 0; i < 1000; i++)
    {
      guint room = g_rand_int_range (rand, 0, spec.rooms);
      g_autofree char *code = lanyard_event_synth_ticket (g_rand_int_range (rand, 0, spec.attendees));
      g_autofree char *device = g_strdup_printf ("door-%02u", room + 1);
      g_autofree char *session_id = g_strdup_printf ("D%u-R%02u-S%02u", spec.days, room + 1, spec.slots / 2 + 1);
      LanyardCheckinRequest request = { LANYARD_CHECKIN_SESSION_TOGGLE, session_id, device, busy + i * 1000, FALSE };
      g_autoptr(LanyardCheckinResult) result = NULL;

      TIMED (door, result = lanyard_checkin_perform (store, event, NULL, (const guint8 *) code, strlen (code),
                                                        &request, NULL));
      g_assert_nonnull (result);
    }
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *code = lanyard_event_synth_ticket (g_rand_int_range (rand, 0, spec.attendees));
      LanyardCheckinRequest request = { LANYARD_CHECKIN_EVENT, NULL, "bench-kiosk", 0, FALSE };
      g_autoptr(LanyardCheckinResult) result = NULL;

      TIMED (commit, result = lanyard_checkin_perform (store, event, NULL, (const guint8 *) code, strlen (code),
                                                          &request, NULL));
      g_assert_nonnull (result);
    }

  /* Imports on the full database: the same file again, then 1,000 rows changed. */
  {
    g_autoptr(LanyardImportReport) report = NULL;

    t0 = g_get_monotonic_time ();
    c0 = thread_cpu_ms ();
    report = lanyard_csv_import_data (store, event, csv, strlen (csv), NULL, &error);
    reimport_s = seconds_since (t0);
    reimport_cpu = (thread_cpu_ms () - c0) / 1000;
    g_assert_no_error (error);
  }
  {
    g_auto(GStrv) people = g_strsplit (csv, "\n", -1);
    g_autoptr(LanyardImportReport) report = NULL;

    for (guint i = 0; people[i] && people[i][0]; i++)
      {
        if (i > 0 && i % 100 == 1)
          {
            g_autofree char *edited = g_strdup (people[i]);
            char *p = strstr (edited, "Hospital ");

            g_assert_nonnull (p);
            p[1] = 'Q'; /* "HQspital" */
            g_string_append_printf (changed, "%s\n", edited);
          }
        else
          g_string_append_printf (changed, "%s\n", people[i]);
      }
    t0 = g_get_monotonic_time ();
    c0 = thread_cpu_ms ();
    report = lanyard_csv_import_data (store, event, changed->str, changed->len, NULL, &error);
    changed_s = seconds_since (t0);
    changed_cpu = (thread_cpu_ms () - c0) / 1000;
    g_assert_no_error (error);
    g_print ("changed import: %u updated\n", report->updated);
  }

  if (g_getenv ("BENCH_PLOT") != NULL)
    plot_growth (g_getenv ("BENCH_PLOT"), points);

  g_print ("\nAt the largest meeting's size: %u attendees, %u sessions, %.2f M scans in %s (%.2f GB)\n",
           spec.attendees, lanyard_event_synth_n_sessions (&spec),
           (total_scans ? total_scans : g_ascii_strtoull (strrchr (cached, '.') + 1, NULL, 10)) / 1e6, cached,
           file_size (cached) / 1e9);
  g_print ("open (and migrate) the database      %.2f s\n", open_s);
  g_print ("export attendance, CSV              %.2f s   (goal ≤ 10 s; CPU %.2f s; %.0f MB)\n", now.csv_s, now.csv_cpu,
           now.export_bytes / 1e6);
  g_print ("export attendance, JSON             %.2f s   (goal ≤ 10 s; CPU %.2f s)\n", now.json_s, now.json_cpu);
  g_print ("lanyardctl stats (after the event)  %.0f ms  (goal ≤ 100 ms, the whole process; CPU %.0f ms)\n",
           now.stats_s * 1000, now.stats_cpu * 1000);
  g_print ("stats during a slot, 40 sessions    %.1f ms  (goal ≤ 100 ms, in process; CPU %.1f ms)\n", now.stats_busy_ms,
           now.stats_busy_cpu_ms);
  g_print ("credits for one attendee, median    %.2f ms  (goal ≤ 20 ms; p99 %.2f; CPU %.2f; %.0f scans each)\n",
           median_ms (credits_ms), percentile (credits_ms, 0.99), median_ms (credits_cpu), (double) rows / 300);
  g_print ("certificate for one, median         %.2f ms  (goal ≤ 60 ms; p99 %.2f; CPU %.2f)\n",
           median_ms (certificate_ms), percentile (certificate_ms, 0.99), median_ms (certificate_cpu));
  g_print ("stats after the event, in process  %.1f ms  (goal ≤ 100 ms; CPU %.1f ms; median of 9)\n",
           median_ms (stats_ms), median_ms (stats_cpu));
  g_print ("claim transcript data, median       %.2f ms  (goal ≤ 150 ms; p99 %.2f; CPU %.2f)\n",
           median_ms (transcript_ms), percentile (transcript_ms, 0.99), median_ms (transcript_cpu));
  g_print ("desk attendee page data, median     %.2f ms  (goal ≤ 100 ms; p99 %.2f; CPU %.2f)\n",
           median_ms (page_ms), percentile (page_ms, 0.99), median_ms (page_cpu));
  g_print ("door scan → outcome, median         %.2f ms  (goal ≤ 5 ms; p99 %.2f; CPU median %.2f p99 %.2f; inside, capacity, commit)\n",
           median_ms (door_ms), percentile (door_ms, 0.99), median_ms (door_cpu), percentile (door_cpu, 0.99));
  g_print ("search, p99                         %.2f ms  (goal ≤ 10 ms; median %.2f; CPU p99 %.2f)\n",
           percentile (search_ms, 0.99), median_ms (search_ms), percentile (search_cpu, 0.99));
  g_print ("lookup by code, median              %.1f µs  (goal ≤ 50 µs; p99 %.1f)\n",
           median_ms (lookup_us), percentile (lookup_us, 0.99));
  g_print ("check-in commit, p99                %.2f ms  (goal ≤ 5 ms; median %.2f; CPU p99 %.2f)\n",
           percentile (commit_ms, 0.99), median_ms (commit_ms), percentile (commit_cpu, 0.99));
  g_print ("import 100 k (empty database)       %.2f s   (goal ≤ 3 s)\n", import_empty_s);
  g_print ("re-import unchanged                 %.2f s   (goal ≤ 3 s; CPU %.2f s)\n", reimport_s, reimport_cpu);
  g_print ("import with 1,000 rows changed      %.2f s   (goal ≤ 3 s; CPU %.2f s)\n", changed_s, changed_cpu);
  g_print ("WAL: largest while building %s bytes; before the door's 3,000 writes %.1f MB, after %.1f MB\n",
           wal_max, wal_before / 1e6, file_size (wal) / 1e6);
  g_print ("growth (scans: export CSV s, JSON s, stats s, stats during a slot ms; CPU s of the three processes):\n");
  for (guint i = 0; i < points->len; i++)
    {
      const Reports *r = &g_array_index (points, Reports, i);

      g_print ("  %5.2f M   %6.2f  %6.2f  %6.3f  %7.1f   %6.2f  %6.2f  %6.3f\n", r->export_bytes / 1e6, r->csv_s, r->json_s,
               r->stats_s, r->stats_busy_ms, r->csv_cpu, r->json_cpu, r->stats_cpu);
    }

  g_clear_object (&store);
  remove_database (db);
  return 0;
}
