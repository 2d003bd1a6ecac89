/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "lanyard-cli-decode.h"
#include "lanyard-decoder.h"

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n%s\n",
           _("Usage: lanyardctl decode IMAGE…"),
           _("Reads the QR code in each PNG or JPEG picture with the kiosk's own decoder and "
             "prints one line per picture: the file name, a tab, and the code's bytes in "
             "hexadecimal, or “-” when the picture holds no readable code."));
}

int
lanyard_cli_decode (int    argc,
                    char **argv)
{
  g_autoptr(LanyardDecoder) decoder = NULL;
  gboolean options_done = FALSE;
  int n_images = 0;
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
      else if (!options_done && argv[i][0] == '-' && argv[i][1] != '\0')
        {
          fprintf (stderr, _("Unknown option “%s”."), argv[i]);
          fputs ("\n", stderr);
          print_usage (stderr);
          return 2;
        }
      else
        n_images++;
    }
  if (n_images == 0)
    {
      print_usage (stderr);
      return 2;
    }

  decoder = lanyard_decoder_new ();
  options_done = FALSE;
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) payload = NULL;
      const guint8 *data;
      gsize len;

      if (!options_done && strcmp (argv[i], "--") == 0)
        {
          options_done = TRUE;
          continue;
        }
      payload = lanyard_decoder_decode_file (decoder, argv[i], &error);
      if (error != NULL)
        {
          /* keep stdout line-per-image for scripts; the reason goes to stderr */
          fprintf (stderr, "%s\n", error->message);
          status = 1;
          continue;
        }
      fputs (argv[i], stdout);
      fputc ('\t', stdout);
      if (payload == NULL)
        fputc ('-', stdout);
      else
        {
          data = g_bytes_get_data (payload, &len);
          for (gsize k = 0; k < len; k++)
            fprintf (stdout, "%02x", data[k]);
        }
      fputc ('\n', stdout);
    }
  fflush (stdout);
  return status;
}
