/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lanyardctl archive -o BUNDLE, lanyardctl archive verify BUNDLE: the
 * 6-year retention bundle and its check (lanyard-archive.h).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lanyard-archive.h"
#include "lanyard-cli.h"

int
lanyard_cli_cmd_archive (LanyardCli  *cli,
                         int          argc,
                         char       **argv)
{
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The new folder the bundle goes into"), N_("BUNDLE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("-o BUNDLE | verify BUNDLE — the records to keep for 6 years, and their check"));
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;

  if (argc == 3 && g_str_equal (argv[1], "verify") && output == NULL)
    {
      g_auto(GStrv) bad = NULL;

      if (!lanyard_archive_verify (argv[2], &bad, &error))
        {
          g_printerr ("%s\n", error->message);
          /* Translators: %s is the archive's folder */
          g_printerr (_("%s is NOT as it was made.\n"), argv[2]);
          return LANYARD_CLI_FAILED;
        }
      /* Translators: %s is the archive's folder */
      g_print (_("%s: every file is as it was made.\n"), argv[2]);
      return LANYARD_CLI_OK;
    }
  if (argc != 1 || output == NULL)
    return lanyard_cli_usage (context, _("archive needs -o BUNDLE, or verify BUNDLE"));

  store = lanyard_cli_open_store (cli, &error);
  if (store == NULL || (sha = lanyard_archive_write (store, output, &error)) == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));
  /* Translators: the archive's folder, then the manifest's checksum to keep elsewhere */
  g_print (_("Archive written to %s.\nSHA-256 of its manifest (write it down apart from the archive): %s\n"),
           output, sha);
  return LANYARD_CLI_OK;
}
