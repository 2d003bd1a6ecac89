/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rendering speed: one badge PDF (goal ≤ 25 ms median), one certificate
 * PDF (≤ 60 ms), and 1000 badges into one PDF for pre-printing (≤ 30 s).
 * Each badge is a whole file — created, drawn, finished — as the kiosk
 * makes it. Names cycle through Latin, long, CJK and Arabic ones.
 *
 *   bench-render [ROUNDS]    (default 100)
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "lanyard-badge.h"
#include "lanyard-certificate-render.h"
#include "lanyard-event-import.h"

#define CODE "LY1:270B%8P25.50:Y9TF6NW5BY8M0A/D63CA*PLWV10WSN MQB9:5JD72IU1M%AO%UXFB4-BA878/" \
             "BHHRZ$JNIE-E2.42HL4 +UKZUYJDN9JDWC1*HZ1DFHKEHV9QDC0"

static const char * const names[][3] = {
  { "Jane", "Smith", "MD" },
  { "Maximiliana Alexandrina", "Montgomery-Worthington de la Vega Ruiz", "MD, PhD, FACC" },
  { "小明", "王", "MD" },
  { "فاطمة", "الزهراء", "PharmD" },
  { "Siobhán", "Ó Briain", "RN, BSN" },
};

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static GPtrArray *
make_attendees (guint count)
{
  GPtrArray *attendees = g_ptr_array_new_with_free_func ((GDestroyNotify) lanyard_attendee_free);

  for (guint i = 0; i < count; i++)
    {
      LanyardAttendee *a = lanyard_attendee_new ();
      guint k = i % G_N_ELEMENTS (names);

      a->ticket_code = g_strdup_printf ("B-%05u", i);
      a->first_name = g_strdup (names[k][0]);
      a->last_name = g_strdup (names[k][1]);
      a->credentials = g_strdup (names[k][2]);
      a->affiliation = g_strdup ("Lakeshore University Hospital");
      a->profession = g_strdup ("physician");
      a->role = (LanyardRole) (i % 5);
      g_ptr_array_add (attendees, a);
    }
  return attendees;
}

static void
report (const char *what,
        double     *ms,
        guint       rounds,
        double      goal_ms)
{
  qsort (ms, rounds, sizeof (double), (int (*) (const void *, const void *)) compare_doubles);
  g_print ("%-28s median %7.2f ms   p95 %7.2f ms   max %7.2f ms   (goal ≤ %.0f ms median, %u runs)\n",
           what, ms[rounds / 2], ms[(guint) (rounds * 0.95)], ms[rounds - 1], goal_ms, rounds);
}

int
main (int    argc,
      char **argv)
{
  guint rounds = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100;
  g_autofree char *dir = g_dir_make_tmp ("lanyard-bench-render-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "out.pdf", NULL);
  g_autofree char *event_path = g_build_filename (SOURCE_DIR, "data", "demo", "event.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardEvent) event = NULL;
  g_autoptr(GPtrArray) attendees = make_attendees (1000);
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autofree double *ms = NULL;
  const char * const *templates = lanyard_badge_template_list_names ();
  gint64 start;

  setlocale (LC_ALL, "");
  if (rounds < 10)
    rounds = 10;
  ms = g_new0 (double, rounds);
  event = lanyard_event_load_file (event_path, &error);
  g_assert_no_error (error);

  g_print ("Rendering, one core, %u runs each\n", rounds);
  for (guint t = 0; templates[t] != NULL; t++)
    {
      g_autoptr(LanyardBadgeTemplate) tmpl = NULL;
      g_autofree char *label = NULL;

      start = g_get_monotonic_time ();
      tmpl = lanyard_badge_template_load (templates[t], &error);
      g_assert_no_error (error);
      g_print ("%-28s %7.2f ms (once per program)\n", "template load", (g_get_monotonic_time () - start) / 1000.0);

      for (guint i = 0; i < rounds; i++)
        {
          start = g_get_monotonic_time ();
          if (!lanyard_badge_render_pdf (tmpl, event, g_ptr_array_index (attendees, i % attendees->len),
                                         CODE, pdf, &error))
            g_error ("%s", error->message);
          ms[i] = (g_get_monotonic_time () - start) / 1000.0;
        }
      label = g_strdup_printf ("badge PDF, %s", templates[t]);
      report (label, ms, rounds, 25);
    }

  /* A monochrome badge for a label printer, 4 × 3 in at 203 dpi (a Zebra,
   * as bench-print submits it), and at 300 dpi (DYMO, Brother QL); each
   * round draws the colour badge too, so that a shared machine's load
   * falls on both alike: mono's cost as a ratio of colour's. */
  for (guint d = 0; d < 2; d++)
    {
      static const int dpis[] = { 203, 300 };
      g_autoptr(LanyardBadgeTemplate) colour = lanyard_badge_template_load ("4x3", &error);
      g_autoptr(LanyardBadgeTemplate) mono = lanyard_badge_template_load ("4x3", &error);
      g_autofree double *colour_ms = g_new0 (double, rounds);
      g_autofree char *label = g_strdup_printf ("badge PDF, 4x3 mono %d dpi", dpis[d]);
      double ratio;

      g_assert_no_error (error);
      lanyard_badge_template_set_monochrome (mono, dpis[d]);
      for (guint i = 0; i < rounds; i++)
        {
          LanyardAttendee *a = g_ptr_array_index (attendees, i % attendees->len);

          start = g_get_monotonic_time ();
          if (!lanyard_badge_render_pdf (colour, event, a, CODE, pdf, &error))
            g_error ("%s", error->message);
          colour_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
          start = g_get_monotonic_time ();
          if (!lanyard_badge_render_pdf (mono, event, a, CODE, pdf, &error))
            g_error ("%s", error->message);
          ms[i] = (g_get_monotonic_time () - start) / 1000.0;
        }
      report ("badge PDF, 4x3 colour", colour_ms, rounds, 25);
      report (label, ms, rounds, 25);
      ratio = ms[rounds / 2] / colour_ms[rounds / 2];
      g_print ("%-28s %7.2f × the colour badge's median, same rounds\n", label, ratio);
    }

  /* Certificates: decide what it says and draw it, from scans. */
  {
    g_autoptr(GPtrArray) scans = g_ptr_array_new_with_free_func ((GDestroyNotify) lanyard_scan_free);
    LanyardAttendee *a = g_ptr_array_index (attendees, 0);

    for (guint s = 0; s < event->sessions->len; s += 3)
      {
        const LanyardSession *session = g_ptr_array_index (event->sessions, s);

        for (int k = 0; k < 2; k++)
          {
            LanyardScan *scan = lanyard_scan_new ();

            scan->session_id = g_strdup (session->id);
            scan->at = k == 0 ? session->starts_at : session->ends_at;
            scan->kind = k == 0 ? LANYARD_SCAN_SESSION_ENTRY : LANYARD_SCAN_SESSION_EXIT;
            scan->outcome = k == 0 ? LANYARD_OUTCOME_ENTERED : LANYARD_OUTCOME_EXITED;
            g_ptr_array_add (scans, scan);
          }
      }
    for (guint i = 0; i < rounds; i++)
      {
        g_autoptr(LanyardCertificate) cert = NULL;

        start = g_get_monotonic_time ();
        cert = lanyard_certificate_prepare (event, a, scans, NULL, TRUE, G_MAXINT64 / 2, &error);
        g_assert_no_error (error);
        if (!lanyard_certificate_render_pdf (event, cert, LANYARD_PAPER_LETTER, g_get_real_time (), NULL, pdf, &error))
          g_error ("%s", error->message);
        ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      }
    report ("certificate PDF, Letter", ms, rounds, 60);
  }

  /* Pre-printing: 1000 badges into one file. */
  {
    g_autoptr(LanyardBadgeTemplate) tmpl = lanyard_badge_template_load ("4x3", &error);
    GStatBuf st;
    double seconds;

    for (guint i = 0; i < attendees->len; i++)
      g_ptr_array_add (codes, (gpointer) CODE);
    start = g_get_monotonic_time ();
    if (!lanyard_badge_render_pdf_many (tmpl, event, attendees, codes, pdf, &error))
      g_error ("%s", error->message);
    seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
    g_stat (pdf, &st);
    g_print ("%-28s %7.2f s for %u badges (%.1f ms each, %.1f MB; goal ≤ 30 s)\n", "batch PDF, 4x3",
             seconds, attendees->len, seconds * 1000 / attendees->len, st.st_size / 1e6);
  }

  g_unlink (pdf);
  g_rmdir (dir);
  return 0;
}
