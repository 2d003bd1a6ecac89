/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-sync [DEVICES…] — the hub sync measured against a private
 * PostgreSQL 15 on this machine (bench-sync.sh starts it: $LANYARD_HUB).
 * Simulated devices, each its own SQLite store, its own LanyardSyncWorker
 * (thread, SQLite and libpq connections), in one process:
 *   - scan → everywhere: from a scan written on one device until it is in
 *     every other device's store (seen when that device's worker says it
 *     pulled), p50 and p99, with notifications and with polling alone;
 *   - hub ingest: one device pushing 100,000 rows, rows per second;
 *   - a quiet device's poll (push + pull with nothing new), median;
 *   - a fresh device's first sync of 100,000 registrations.
 * $BENCH_SCANS scans per device (2000): all but the last $BENCH_TIMED (200)
 * are written and pushed in bulk first and every device pulls them (the
 * hub and every store hold the meeting's history), then the last ones are
 * timed, one every $BENCH_PACE_MS (30) ms per device; $BENCH_PLOT names a
 * PNG for the growth curve; $BENCH_SYNC_ONLY (ingest,first,devices or
 * notified or polling) runs only the parts named, for a profiler. A tool, not a gate: it prints
 * figures and exits 0.
 */
#include "config.h"

#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lanyard-hub.h"
#include "lanyard-store-private.h"
#include "lanyard-sync-private.h"
#include "lanyard-sync-worker.h"

typedef struct {
  gint64 created;
  guint  arrived;
  gint64 last;
} Travel;

typedef struct {
  guint                n;
  LanyardSyncWorker  **workers;
  LanyardStore       **readers;   /* the bench's own connection to each store */
  LanyardStore       **apps;      /* the "app" connection writing scans */
  gint64              *last_rowid;
  char               **names;
  GHashTable          *travels;   /* uuid → Travel */
  GArray              *latencies; /* µs, scans that reached everyone */
  guint                expected;
  GMainLoop           *loop;
} Run;

static char *tmpdir;
static const char *office;

/* This thread's CPU time, µs: the machine is shared, wall time is not the
 * program's alone. */
static gint64
thread_cpu (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* The whole process's CPU time, µs: the devices' workers are threads. */
static gint64
process_cpu (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* The hub's CPU time, µs: the postmaster's (with its reaped children's)
 * and every live child's (backends, WAL writer, checkpointer), read from
 * /proc. The postmaster's pid is the first line of $HUB_DIR/data/
 * postmaster.pid; 0 when it cannot be read (no figure printed). */
static gint64
hub_cpu (void)
{
  static long ticks;
  g_autofree char *pidfile = g_build_filename (g_getenv ("HUB_DIR") ? g_getenv ("HUB_DIR") : "/nonexistent",
                                               "data", "postmaster.pid", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GDir) proc = NULL;
  const char *name;
  long postmaster;
  gint64 total = 0;

  if (!g_file_get_contents (pidfile, &contents, NULL, NULL) || (postmaster = atol (contents)) <= 0)
    return 0;
  if (ticks == 0)
    ticks = sysconf (_SC_CLK_TCK);
  proc = g_dir_open ("/proc", 0, NULL);
  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *stat_path = NULL;
      g_autofree char *stat = NULL;
      const char *fields;
      long pid = atol (name), ppid;
      unsigned long long utime, stime;
      long long cutime, cstime;

      if (pid <= 0)
        continue;
      stat_path = g_strdup_printf ("/proc/%ld/stat", pid);
      if (!g_file_get_contents (stat_path, &stat, NULL, NULL) || (fields = strrchr (stat, ')')) == NULL)
        continue;
      /* after "(comm)": state ppid pgrp session tty tpgid flags minflt
       * cminflt majflt cmajflt utime stime cutime cstime */
      if (sscanf (fields + 2, "%*c %ld %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %lld %lld",
                  &ppid, &utime, &stime, &cutime, &cstime) != 5)
        continue;
      if (pid == postmaster)
        total += utime + stime + cutime + cstime;
      else if (ppid == postmaster)
        total += utime + stime;
    }
  return total * G_USEC_PER_SEC / ticks;
}

static double
percentile (GArray *values,
            double  p)
{
  if (values->len == 0)
    return NAN;
  return g_array_index (values, gint64, MIN (values->len - 1, (guint) (p * values->len))) / 1000.0;
}

static int
cmp_int64 (gconstpointer a,
           gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static char *
fresh_hub (const char *name,
           guint       registrations)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = lanyard_hub_open (office, &error);
  g_autofree char *drop = g_strdup_printf ("DROP DATABASE IF EXISTS %s", name);
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", name);
  g_autofree char *conninfo = g_strdup_printf ("%s dbname=%s", office, name);
  g_autofree char *event = g_build_filename (g_getenv ("LANYARD_SOURCE_DIR"), "data", "demo", "event.json", NULL);
  g_autofree char *csv = g_build_filename (g_getenv ("LANYARD_SOURCE_DIR"), "data", "demo", "registrations.csv", NULL);
  g_autofree char *key = g_build_filename (tmpdir, "event.key", NULL);
  g_autoptr(LanyardHub) hub = NULL;
  g_autoptr(LanyardImportReport) report = NULL;

  g_assert_no_error (error);
  lanyard_hub_exec (conn, drop, NULL);
  lanyard_hub_exec (conn, create, &error);
  g_assert_no_error (error);
  hub = lanyard_hub_connect (conninfo, &error);
  g_assert_no_error (error);
  lanyard_hub_init (hub, NULL, NULL, &error);
  g_assert_no_error (error);
  lanyard_hub_load_event (hub, event, key, NULL, &error);
  g_assert_no_error (error);
  report = lanyard_hub_import (hub, csv, &(LanyardImportOptions) { 0 }, &error);
  g_assert_no_error (error);
  if (registrations > 0)
    {
      g_autoptr(PGconn) c = lanyard_hub_open (conninfo, &error);
      g_autofree char *sql = g_strdup_printf (
          "INSERT INTO registration (ticket_code, uuid, first_name, last_name, affiliation, email, profession)"
          " SELECT 'BULK-' || i, gen_random_uuid ()::text, 'Pat' || i, 'Bulk' || (i %% 997),"
          " 'Hospital ' || (i %% 301), 'pat' || i || '@example.org', 'physician'"
          " FROM generate_series (1, %u) i", registrations);

      g_assert_no_error (error);
      lanyard_hub_exec (c, sql, &error);
      g_assert_no_error (error);
    }
  return g_steal_pointer (&conninfo);
}

static LanyardStore *
device_store (const char *conninfo,
              const char *name)
{
  g_autofree char *path = g_strdup_printf ("%s/%s-%u.db", tmpdir, name, g_random_int ());
  g_autoptr(GError) error = NULL;
  LanyardStore *store = lanyard_store_open (path, &error);

  g_assert_no_error (error);
  lanyard_sync_set_link (store, conninfo, name, "door", &error);
  g_assert_no_error (error);
  return store;
}

/* After a worker applied rows: every scan of another device that is new
 * in this store arrived now. */
static void
on_pulled (LanyardSyncWorker *worker,
           guint              rows,
           Run               *run)
{
  gint64 now = g_get_real_time ();
  guint d;
  sqlite3_stmt *stmt;

  for (d = 0; d < run->n && run->workers[d] != worker; d++)
    ;
  stmt = lanyard_store_prepare (run->readers[d],
      "SELECT rowid, uuid, at FROM scan WHERE rowid > ? AND device != ? ORDER BY rowid", NULL);
  sqlite3_bind_int64 (stmt, 1, run->last_rowid[d]);
  sqlite3_bind_text (stmt, 2, run->names[d], -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 1);
      Travel *t = g_hash_table_lookup (run->travels, uuid);

      run->last_rowid[d] = sqlite3_column_int64 (stmt, 0);
      if (t == NULL)
        {
          t = g_new0 (Travel, 1);
          t->created = sqlite3_column_int64 (stmt, 2);
          g_hash_table_insert (run->travels, g_strdup (uuid), t);
        }
      t->arrived++;
      t->last = now;
      if (t->arrived == run->n - 1)
        {
          gint64 latency = t->last - t->created;

          g_array_append_val (run->latencies, latency);
          if (run->latencies->len == run->expected)
            g_main_loop_quit (run->loop);
        }
    }
  sqlite3_reset (stmt);
}

typedef struct {
  Run   *run;
  guint  scans;
  guint  made;
  guint  per_device;
  guint  give_up;
} Feeder;

static gboolean
give_up (gpointer data)
{
  Feeder *f = data;

  f->give_up = 0;
  g_main_loop_quit (f->run->loop);
  return G_SOURCE_REMOVE;
}

static gboolean
feed (gpointer data)
{
  Feeder *f = data;
  g_autoptr(GError) error = NULL;

  for (guint d = 0; d < f->run->n; d++)
    {
      g_autoptr(LanyardScan) scan = lanyard_scan_new ();

      scan->device = g_strdup (f->run->names[d]);
      scan->session_id = g_strdup ("S01");
      scan->kind = LANYARD_SCAN_DISCLOSURE_SHOWN;
      scan->outcome = LANYARD_OUTCOME_SHOWN;
      lanyard_store_append_scan (f->run->apps[d], scan, &error);
      g_assert_no_error (error);
    }
  f->made++;
  if (f->made < f->per_device)
    return G_SOURCE_CONTINUE;
  /* all written: a minute more for them to arrive everywhere */
  f->give_up = g_timeout_add_seconds (60, give_up, f);
  return G_SOURCE_REMOVE;
}

/* @count scans made by @store's device in one transaction, as a door's
 * day would leave them. */
static void
write_history (LanyardStore *store,
               const char   *device,
               guint         count)
{
  g_autoptr(GError) error = NULL;

  lanyard_store_begin (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < count; i++)
    {
      g_autoptr(LanyardScan) scan = lanyard_scan_new ();

      scan->device = g_strdup (device);
      scan->session_id = g_strdup ("S01");
      scan->kind = LANYARD_SCAN_DISCLOSURE_SHOWN;
      scan->outcome = LANYARD_OUTCOME_SHOWN;
      lanyard_store_append_scan (store, scan, &error);
      g_assert_no_error (error);
    }
  lanyard_store_commit (store, &error);
  g_assert_no_error (error);
}

static void
scan_to_everywhere (guint     n,
                    gboolean  listen,
                    guint     scans,
                    guint     timed,
                    guint     pace_ms,
                    double   *out_p50,
                    double   *out_p99)
{
  g_autofree char *name = g_strdup_printf ("bench_%u_%s", n, listen ? "notify" : "poll");
  g_autofree char *conninfo = fresh_hub (name, 0);
  Run run = { n };
  guint history = scans > timed ? scans - timed : 0;
  Feeder feeder = { &run, scans - history, 0, scans - history, 0 };
  gint64 t0, c0, h0;

  run.workers = g_new0 (LanyardSyncWorker *, n);
  run.readers = g_new0 (LanyardStore *, n);
  run.apps = g_new0 (LanyardStore *, n);
  run.last_rowid = g_new0 (gint64, n);
  run.names = g_new0 (char *, n + 1);
  run.travels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  run.latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  run.expected = n * (scans - history);
  run.loop = g_main_loop_new (NULL, FALSE);

  for (guint d = 0; d < n; d++)
    {
      g_autoptr(GError) error = NULL;

      run.names[d] = g_strdup_printf ("door-%02u", d);
      run.readers[d] = device_store (conninfo, run.names[d]);
      write_history (run.readers[d], run.names[d], history);
      lanyard_sync_once (run.readers[d], NULL, &error);
      g_assert_no_error (error);
    }
  /* every device has everyone's history before the clock starts */
  t0 = g_get_monotonic_time ();
  c0 = thread_cpu ();
  h0 = hub_cpu ();
  for (guint d = 0; d < n; d++)
    {
      g_autoptr(GError) error = NULL;

      lanyard_sync_once (run.readers[d], NULL, &error);
      g_assert_no_error (error);
    }
  printf ("%2u devices: %u scans each in the hub's and every store (%u in all), pulled in %.1f s"
          " (device CPU %.1f s, hub CPU %.1f s)\n",
          n, history, n * history, (g_get_monotonic_time () - t0) / 1e6, (thread_cpu () - c0) / 1e6,
          (hub_cpu () - h0) / 1e6);
  fflush (stdout);
  for (guint d = 0; d < n; d++)
    {
      g_autoptr(GError) error = NULL;

      run.apps[d] = lanyard_store_open (lanyard_store_get_path (run.readers[d]), &error);
      g_assert_no_error (error);
      run.last_rowid[d] = G_MAXINT64;
      {
        sqlite3_stmt *stmt = lanyard_store_prepare (run.readers[d], "SELECT coalesce (max (rowid), 0) FROM scan", NULL);

        sqlite3_step (stmt);
        run.last_rowid[d] = sqlite3_column_int64 (stmt, 0);
        sqlite3_reset (stmt);
      }
      run.workers[d] = lanyard_sync_worker_new (lanyard_store_get_path (run.readers[d]));
      lanyard_sync_worker_set_notifications (run.workers[d], listen);
      g_signal_connect (run.workers[d], "pulled", G_CALLBACK (on_pulled), &run);
      lanyard_sync_worker_start (run.workers[d]);
    }
  t0 = g_get_monotonic_time ();
  c0 = process_cpu ();
  h0 = hub_cpu ();
  g_timeout_add (pace_ms, feed, &feeder);
  g_main_loop_run (run.loop);
  if (feeder.give_up != 0)
    g_source_remove (feeder.give_up);
  g_array_sort (run.latencies, cmp_int64);
  *out_p50 = percentile (run.latencies, 0.50);
  *out_p99 = percentile (run.latencies, 0.99);
  printf ("%2u devices, %-13s last %6u of %6u scans everywhere in %5.1f s (devices' CPU %.1f s,"
          " hub CPU %.1f s): p50 %7.0f ms, p99 %7.0f ms\n",
          n, listen ? "notified:" : "polling only:", run.latencies->len, n * scans,
          (g_get_monotonic_time () - t0) / 1e6, (process_cpu () - c0) / 1e6, (hub_cpu () - h0) / 1e6,
          *out_p50, *out_p99);
  fflush (stdout);

  for (guint d = 0; d < n; d++)
    {
      lanyard_sync_worker_stop (run.workers[d]);
      g_object_unref (run.workers[d]);
      g_object_unref (run.readers[d]);
      g_object_unref (run.apps[d]);
    }
  g_strfreev (run.names);
  g_free (run.workers);
  g_free (run.readers);
  g_free (run.apps);
  g_free (run.last_rowid);
  g_hash_table_unref (run.travels);
  g_array_unref (run.latencies);
  g_main_loop_unref (run.loop);
}

static void
ingest_and_quiet_poll (void)
{
  g_autofree char *conninfo = fresh_hub ("bench_ingest", 0);
  g_autoptr(LanyardStore) store = device_store (conninfo, "kiosk-in");
  g_autoptr(GError) error = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GArray) polls = g_array_new (FALSE, FALSE, sizeof (gint64));
  const guint rows = 100000;
  guint pushed = 0;
  gint64 t0, c0, h0;

  lanyard_sync_once (store, NULL, &error);
  g_assert_no_error (error);
  lanyard_store_begin (store, &error);
  for (guint i = 0; i < rows; i++)
    {
      g_autoptr(LanyardScan) scan = lanyard_scan_new ();

      scan->device = g_strdup ("kiosk-in");
      scan->kind = LANYARD_SCAN_CHECK_IN;
      scan->outcome = LANYARD_OUTCOME_UNKNOWN;
      lanyard_store_append_scan (store, scan, &error);
    }
  lanyard_store_commit (store, &error);
  g_assert_no_error (error);
  conn = lanyard_sync_connect (store, &error);
  g_assert_no_error (error);
  t0 = g_get_monotonic_time ();
  c0 = thread_cpu ();
  h0 = hub_cpu ();
  lanyard_sync_push (store, conn, &pushed, &error);
  g_assert_no_error (error);
  printf ("hub ingest: %u rows pushed in %.1f s (device CPU %.1f s, hub CPU %.1f s): %.0f rows/s\n", pushed,
          (g_get_monotonic_time () - t0) / 1e6, (thread_cpu () - c0) / 1e6, (hub_cpu () - h0) / 1e6,
          pushed / ((g_get_monotonic_time () - t0) / 1e6));
  lanyard_sync_pull (store, conn, NULL, &error);
  g_assert_no_error (error);
  h0 = hub_cpu ();
  for (guint i = 0; i < 200; i++)
    {
      gint64 t = g_get_monotonic_time (), dt;

      lanyard_sync_push (store, conn, NULL, &error);
      lanyard_sync_pull (store, conn, NULL, &error);
      g_assert_no_error (error);
      dt = g_get_monotonic_time () - t;
      g_array_append_val (polls, dt);
    }
  g_array_sort (polls, cmp_int64);
  printf ("a quiet device's poll (contact + pull, nothing new): median %.2f ms, p99 %.2f ms (round trips included);"
          " hub CPU %.2f ms a poll\n",
          percentile (polls, 0.5), percentile (polls, 0.99), (hub_cpu () - h0) / 1e3 / polls->len);
}

static void
first_sync (void)
{
  g_autofree char *conninfo = fresh_hub ("bench_first", 100000 - 337);
  g_autoptr(LanyardStore) store = device_store (conninfo, "kiosk-new");
  g_autoptr(GError) error = NULL;
  LanyardSyncReport report = { 0 };
  gint64 t0 = g_get_monotonic_time ();
  gint64 c0 = thread_cpu ();
  gint64 h0 = hub_cpu ();

  lanyard_sync_once (store, &report, &error);
  g_assert_no_error (error);
  printf ("first sync of a fresh device: %u rows (100,000 registrations) in %.1f s, device CPU %.1f s,"
          " hub CPU %.1f s (goal ≤ 15 s)\n",
          report.pulled, (g_get_monotonic_time () - t0) / 1e6, (thread_cpu () - c0) / 1e6,
          (hub_cpu () - h0) / 1e6);
}

static void
plot (const char   *path,
      const guint  *sizes,
      guint         n_sizes,
      double      (*figures)[4])
{
  const int w = 640, h = 400, left = 60, bottom = 40;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create (surface);
  double top = 1;
  const char *labels[] = { "p50 notified", "p99 notified", "p50 polling", "p99 polling" };
  const double colors[][3] = { { 0.1, 0.4, 0.8 }, { 0.1, 0.2, 0.5 }, { 0.9, 0.5, 0.1 }, { 0.6, 0.3, 0.0 } };

  for (guint i = 0; i < n_sizes; i++)
    for (guint k = 0; k < 4; k++)
      if (!isnan (figures[i][k]))
        top = MAX (top, figures[i][k] / 1000);
  top = ceil (top);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, left, 10);
  cairo_line_to (cr, left, h - bottom);
  cairo_line_to (cr, w - 10, h - bottom);
  cairo_stroke (cr);
  cairo_set_font_size (cr, 12);
  for (guint i = 0; i < n_sizes; i++)
    {
      char text[32];
      double x = left + (w - left - 20) * sizes[i] / (double) sizes[n_sizes - 1];

      g_snprintf (text, sizeof text, "%u", sizes[i]);
      cairo_move_to (cr, x - 8, h - bottom + 16);
      cairo_show_text (cr, text);
    }
  cairo_move_to (cr, w / 2 - 40, h - 8);
  cairo_show_text (cr, "devices");
  for (int s = 0; s <= (int) top; s++)
    {
      char text[32];

      g_snprintf (text, sizeof text, "%d s", s);
      cairo_move_to (cr, 10, h - bottom - (h - bottom - 10) * s / top + 4);
      cairo_show_text (cr, text);
    }
  for (guint k = 0; k < 4; k++)
    {
      cairo_set_source_rgb (cr, colors[k][0], colors[k][1], colors[k][2]);
      cairo_set_line_width (cr, 2);
      cairo_new_path (cr);
      for (guint i = 0; i < n_sizes; i++)
        {
          double x = left + (w - left - 20) * sizes[i] / (double) sizes[n_sizes - 1];
          double y = h - bottom - (h - bottom - 10) * (figures[i][k] / 1000) / top;

          /* a part not run (BENCH_SYNC_ONLY) has no point */
          if (!isnan (figures[i][k]))
            cairo_line_to (cr, x, y);
        }
      cairo_stroke (cr);
      cairo_move_to (cr, left + 10, 20 + 16 * k);
      cairo_show_text (cr, labels[k]);
    }
  cairo_destroy (cr);
  cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);
}

/* $BENCH_SYNC_ONLY: a comma-separated list of the parts to run (ingest,
 * first, devices: both notified and polling), all when unset; for
 * profiling one of them. */
static gboolean
part_wanted (const char *part)
{
  const char *only = g_getenv ("BENCH_SYNC_ONLY");
  g_auto(GStrv) parts = NULL;

  if (only == NULL || *only == '\0')
    return TRUE;
  parts = g_strsplit (only, ",", -1);
  return g_strv_contains ((const char * const *) parts, part);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  guint sizes[8] = { 10, 25, 50 };
  guint n_sizes = 3;
  guint scans = g_getenv ("BENCH_SCANS") ? atoi (g_getenv ("BENCH_SCANS")) : 2000;
  guint timed = g_getenv ("BENCH_TIMED") ? atoi (g_getenv ("BENCH_TIMED")) : 200;
  guint pace = g_getenv ("BENCH_PACE_MS") ? atoi (g_getenv ("BENCH_PACE_MS")) : 30;
  double figures[8][4];

  office = g_getenv ("LANYARD_HUB");
  if (office == NULL)
    {
      g_printerr ("bench-sync: run it through bench-sync.sh (it starts the hub)\n");
      return 77;
    }
  if (argc > 1)
    {
      n_sizes = 0;
      for (int i = 1; i < argc && n_sizes < G_N_ELEMENTS (sizes); i++)
        sizes[n_sizes++] = atoi (argv[i]);
    }
  tmpdir = g_dir_make_tmp ("lanyard-bench-sync-XXXXXX", &error);
  g_assert_no_error (error);
  printf ("bench-sync: %u scans per device, the last %u timed, one every %u ms per device\n",
          scans, MIN (timed, scans), pace);
  if (part_wanted ("ingest"))
    ingest_and_quiet_poll ();
  if (part_wanted ("first"))
    first_sync ();
  for (guint i = 0; i < n_sizes; i++)
    {
      figures[i][0] = figures[i][1] = figures[i][2] = figures[i][3] = NAN;
      if (part_wanted ("devices") || part_wanted ("notified"))
        scan_to_everywhere (sizes[i], TRUE, scans, timed, pace, &figures[i][0], &figures[i][1]);
      if (part_wanted ("devices") || part_wanted ("polling"))
        scan_to_everywhere (sizes[i], FALSE, scans, timed, pace, &figures[i][2], &figures[i][3]);
    }
  if (g_getenv ("BENCH_PLOT") != NULL)
    plot (g_getenv ("BENCH_PLOT"), sizes, n_sizes, figures);
  {
    g_autofree char *command = g_strdup_printf ("rm -rf %s", tmpdir);
    g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  }
  return 0;
}
