/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "lanyard-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LanyardApplication) app = NULL;
  const char *localedir = g_getenv ("LANYARD_LOCALEDIR");

  /* LANYARD_LOCALEDIR: translations from a build tree, before install. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = lanyard_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
