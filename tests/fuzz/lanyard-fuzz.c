/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "lanyard-fuzz.h"

static char *tmpdir;

static void
remove_tmpdir (void)
{
  g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tmpdir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
}

const char *
lanyard_fuzz_tmpdir (void)
{
  if (tmpdir == NULL)
    {
      g_autoptr(GError) error = NULL;

      tmpdir = g_dir_make_tmp ("lanyard-fuzz-XXXXXX", &error);
      g_assert_no_error (error);
      atexit (remove_tmpdir);
    }
  return tmpdir;
}

char *
lanyard_fuzz_read_source (const char *relative,
                          gsize      *length)
{
  const char *top = g_getenv ("LANYARD_SOURCE_DIR");
  g_autofree char *path = g_build_filename (top != NULL ? top : SOURCE_DIR, relative, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

void
lanyard_fuzz_assert_message (const GError *error)
{
  g_assert_nonnull (error);
  if (!g_utf8_validate (error->message, -1, NULL))
    {
      g_autofree char *escaped = g_strescape (error->message, NULL);

      /* abort(), not g_error(): libFuzzer keeps the input on SIGABRT */
      g_printerr ("Not UTF-8: %s\n", escaped);
      abort ();
    }
}

static GLogLevelFlags abort_levels;

static void
abort_on_message (const char     *domain,
                  GLogLevelFlags  level,
                  const char     *message,
                  gpointer        user_data)
{
  if ((level & abort_levels) != 0)
    {
      g_printerr ("%s: %s\n", domain != NULL ? domain : "(no domain)", message);
      abort ();
    }
  g_log_default_handler (domain, level, message, user_data);
}

void
lanyard_fuzz_abort_on (GLogLevelFlags levels)
{
  abort_levels = levels;
  g_log_set_default_handler (abort_on_message, NULL);
  g_log_set_always_fatal (levels);
}
