/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lanyard-cli-decode.h"
#include "lanyard-decoder.h"

#define LIVE_MAX_FRAMES 1000

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n%s\n\n%s\n\n%s\n",
           _("Usage: lanyardctl decode IMAGE…"),
           _("   or: lanyardctl decode --live [--frames N] IMAGE…"),
           _("Reads the QR codes in each PNG or JPEG picture with the kiosk's own decoder and "
             "prints one line per picture: the file name, a tab, and each code's bytes in "
             "hexadecimal, separated by commas, or “-” when the picture holds no readable code."),
           _("With --live, each picture goes through the camera's own path, frame by frame, "
             "with its time budget and its rotation of tries, as if it stayed in front of the "
             "camera for N frames (1 unless given). Two more columns follow: the frame that "
             "read the code (or “-”) and the median time of a frame in milliseconds. A "
             "summary goes to standard error."));
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
percentile (GArray *sorted,
            double  p)
{
  if (sorted->len == 0)
    return 0;
  return g_array_index (sorted, double, MIN (sorted->len - 1, (guint) floor (p * (sorted->len - 1) + 0.5)));
}

/* the codes' bytes in hexadecimal, a comma between codes; "-" for none */
static void
print_payloads (GPtrArray *codes)
{
  if (codes->len == 0)
    {
      fputc ('-', stdout);
      return;
    }
  for (guint i = 0; i < codes->len; i++)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (codes->pdata[i], &len);

      if (i > 0)
        fputc (',', stdout);
      for (gsize k = 0; k < len; k++)
        fprintf (stdout, "%02x", data[k]);
    }
}

/* The camera's path on one picture: a decoder of its own (as at the
 * kiosk's start), fed the same frame @frames times until it reads; every
 * frame's time goes into @times. Returns the frame that read (1…), or 0. */
static int
decode_live (const char  *path,
             int          frames,
             GArray      *times,
             GBytes     **payload,
             GError     **error)
{
  g_autoptr(LanyardDecoder) decoder = lanyard_decoder_new ();
  g_autofree guint8 *gray = NULL;
  int w, h;

  *payload = NULL;
  gray = lanyard_decoder_load_gray (path, &w, &h, error);
  if (gray == NULL)
    return 0;
  for (int k = 1; k <= frames; k++)
    {
      gint64 t0 = g_get_monotonic_time ();
      GBytes *got = lanyard_decoder_decode_gray (decoder, gray, w, h, w);
      double ms = (g_get_monotonic_time () - t0) / 1000.0;

      g_array_append_val (times, ms);
      if (got != NULL)
        {
          *payload = got;
          return k;
        }
    }
  return 0;
}

int
lanyard_cli_decode (int    argc,
                    char **argv)
{
  g_autoptr(LanyardDecoder) decoder = NULL;
  g_autoptr(GArray) all_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) images = g_ptr_array_new ();
  gboolean options_done = FALSE, live = FALSE;
  int frames = 1, n_read = 0, n_pictures = 0;
  int status = 0;

  for (int i = 1; i < argc; i++)
    {
      if (!options_done && strcmp (argv[i], "--") == 0)
        options_done = TRUE;
      else if (!options_done && (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0))
        {
          print_usage (stdout);
          return 0;
        }
      else if (!options_done && strcmp (argv[i], "--live") == 0)
        live = TRUE;
      else if (!options_done && (strcmp (argv[i], "--frames") == 0 || g_str_has_prefix (argv[i], "--frames=")))
        {
          const char *value = argv[i][8] == '=' ? argv[i] + 9 : (i + 1 < argc ? argv[++i] : "");
          gint64 n = 0;

          if (!g_ascii_string_to_signed (value, 10, 1, LIVE_MAX_FRAMES, &n, NULL))
            {
              fprintf (stderr, _("“%s” is not a number of frames from 1 to %d."), value, LIVE_MAX_FRAMES);
              fputs ("\n", stderr);
              return 2;
            }
          frames = (int) n;
        }
      else if (!options_done && argv[i][0] == '-' && argv[i][1] != '\0')
        {
          fprintf (stderr, _("Unknown option “%s”."), argv[i]);
          fputs ("\n", stderr);
          print_usage (stderr);
          return 2;
        }
      else
        g_ptr_array_add (images, argv[i]);
    }
  if (images->len == 0)
    {
      print_usage (stderr);
      return 2;
    }

  if (!live)
    decoder = lanyard_decoder_new ();
  for (guint i = 0; i < images->len; i++)
    {
      const char *path = images->pdata[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) codes = NULL;
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      int read_at = 0;

      if (live)
        {
          GBytes *payload = NULL;

          read_at = decode_live (path, frames, times, &payload, &error);
          codes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
          if (payload != NULL)
            g_ptr_array_add (codes, payload);
        }
      else
        codes = lanyard_decoder_decode_file_all (decoder, path, &error);
      if (error != NULL)
        {
          /* keep stdout line-per-image for scripts; the reason goes to stderr */
          fprintf (stderr, "%s\n", error->message);
          status = 1;
          continue;
        }
      n_pictures++;
      n_read += codes->len > 0;
      fputs (path, stdout);
      fputc ('\t', stdout);
      print_payloads (codes);
      if (live)
        {
          g_array_append_vals (all_times, times->data, times->len);
          g_array_sort (times, compare_double);
          if (read_at > 0)
            fprintf (stdout, "\t%d", read_at);
          else
            fputs ("\t-", stdout);
          fprintf (stdout, "\t%.2f", percentile (times, 0.5));
        }
      fputc ('\n', stdout);
    }
  fflush (stdout);
  if (live && all_times->len > 0)
    {
      g_array_sort (all_times, compare_double);
      fprintf (stderr, _("%d of %d pictures read, each shown for up to %d frames; time of a frame: "
                         "median %.2f ms, p99 %.2f ms, longest %.2f ms (%u frames)."),
               n_read, n_pictures, frames, percentile (all_times, 0.5), percentile (all_times, 0.99),
               percentile (all_times, 1.0), all_times->len);
      fputs ("\n", stderr);
    }
  return status;
}
