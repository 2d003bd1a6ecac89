/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Submit-to-accepted through a private cupsd (goal ≤ 150 ms): from "print
 * this PDF on queue Badges" (destination lookup, printer capabilities, media
 * by size, Create-Job, Send-Document) until cupsd has accepted the job.
 * Between jobs the benchmark waits until the printer has the previous one,
 * so queued work does not slow the next submission.
 *
 * Then a monochrome badge for a 203 dpi label printer: drawing it (the
 * shipped 4 × 3 in template, mono, as a 1-bit page) plus submitting it.
 *
 *   bench-print [JOBS]    (default 20)
 */
#include "config.h"

#include <cairo-pdf.h>
#include <locale.h>

#include "lanyard-badge.h"
#include "lanyard-print.h"
#include "lanyard-test-cups.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static void
write_pdf (const char *path)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 288, 216);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 28);
  cairo_move_to (cr, 20, 100);
  cairo_show_text (cr, "Benchmark Badge");
  cairo_rectangle (cr, 200, 130, 72, 72);
  cairo_fill (cr);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
run (LanyardTestCups *cups,
     const char      *target,
     const char      *pdf,
     guint            jobs,
     guint           *spooled)
{
  g_autofree double *ms = g_new0 (double, jobs);
  double sum = 0;

  for (guint i = 0; i <= jobs; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) files = NULL;
      int cups_job_id = 0;
      gint64 start = g_get_monotonic_time ();

      if (!lanyard_print_submit_only (target, pdf, 288, 216, &cups_job_id, &error))
        g_error ("submit to %s: %s", target, error->message);
      if (i > 0) /* the first one warms caches and connections */
        {
          ms[i - 1] = (g_get_monotonic_time () - start) / 1000.0;
          sum += ms[i - 1];
        }
      (*spooled)++;
      files = lanyard_test_cups_wait_spool (cups, *spooled, 60);
      g_assert_cmpuint (files->len, >=, *spooled);
    }
  qsort (ms, jobs, sizeof (double), compare_doubles);
  g_print ("%-6s %3u jobs  median %6.1f ms  mean %6.1f ms  min %6.1f  max %6.1f  (goal ≤ 150 ms)\n",
           g_str_has_prefix (target, "ipp") ? "ipp://" : "queue", jobs,
           jobs % 2 ? ms[jobs / 2] : (ms[jobs / 2 - 1] + ms[jobs / 2]) / 2,
           sum / jobs, ms[0], ms[jobs - 1]);
}

static void
run_mono (LanyardTestCups *cups,
          const char      *dir,
          guint            jobs,
          guint           *spooled)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardBadgeTemplate) tmpl = lanyard_badge_template_load ("4x3", &error);
  g_autoptr(LanyardEvent) event = lanyard_event_new ();
  g_autoptr(LanyardAttendee) attendee = lanyard_attendee_new ();
  g_autofree double *ms = g_new0 (double, jobs);
  g_autofree double *draw_ms = g_new0 (double, jobs);
  double sum = 0;

  g_assert_no_error (error);
  lanyard_badge_template_set_monochrome (tmpl, 203);
  event->title = g_strdup ("Cardiology Update 2026");
  attendee->first_name = g_strdup ("Zoë");
  attendee->last_name = g_strdup ("Ångström");
  attendee->credentials = g_strdup ("MD, PhD");
  attendee->affiliation = g_strdup ("Karolinska Institutet");
  attendee->role = LANYARD_ROLE_FACULTY;
  for (guint i = 0; i <= jobs; i++)
    {
      g_autofree char *pdf = g_strdup_printf ("%s/mono-%u.pdf", dir, i);
      g_autoptr(GPtrArray) files = NULL;
      int cups_job_id = 0;
      gint64 start = g_get_monotonic_time ();
      gint64 drawn;

      if (!lanyard_badge_render_pdf (tmpl, event, attendee,
                                     "LY1:270B%8P25.50:Y9TF6NW5BY8M0A/D63CA*PLWV10WSN MQB9:5JD72IU1M%AO%UXFB4",
                                     pdf, &error))
        g_error ("render: %s", error->message);
      drawn = g_get_monotonic_time ();
      if (!lanyard_print_submit_only (cups->queue, pdf, 288, 216, &cups_job_id, &error))
        g_error ("submit: %s", error->message);
      if (i > 0)
        {
          ms[i - 1] = (g_get_monotonic_time () - start) / 1000.0;
          draw_ms[i - 1] = (drawn - start) / 1000.0;
          sum += ms[i - 1];
        }
      (*spooled)++;
      files = lanyard_test_cups_wait_spool (cups, *spooled, 60);
      g_assert_cmpuint (files->len, >=, *spooled);
    }
  qsort (ms, jobs, sizeof (double), compare_doubles);
  qsort (draw_ms, jobs, sizeof (double), compare_doubles);
  g_print ("mono badge render + submit (queue) %3u jobs  median %6.1f ms (drawing %5.1f ms)  max %6.1f\n",
           jobs, jobs % 2 ? ms[jobs / 2] : (ms[jobs / 2 - 1] + ms[jobs / 2]) / 2,
           jobs % 2 ? draw_ms[jobs / 2] : (draw_ms[jobs / 2 - 1] + draw_ms[jobs / 2]) / 2, ms[jobs - 1]);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(LanyardTestCups) cups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *skip = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *rm = NULL;
  guint jobs = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 20;
  guint spooled = 0;

  setlocale (LC_ALL, "");
  if (jobs == 0)
    jobs = 20;
  cups = lanyard_test_cups_start (&skip);
  if (cups == NULL)
    {
      g_print ("skipped: %s\n", skip);
      return 0;
    }
  tmp = g_dir_make_tmp ("lanyard-bench-print-XXXXXX", &error);
  g_assert_no_error (error);
  pdf = g_build_filename (tmp, "badge.pdf", NULL);
  write_pdf (pdf);

  g_print ("submit-to-accepted (private cupsd + ippeveprinter on loopback)\n");
  run (cups, cups->queue, pdf, jobs, &spooled);
  run (cups, cups->printer_uri, pdf, jobs, &spooled);
  run_mono (cups, tmp, jobs, &spooled);

  rm = g_strdup_printf ("rm -rf '%s'", tmp);
  g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);
  return 0;
}
