/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * main() for a fuzz target in a build without libFuzzer: every file in the
 * folders (or the files) named on the command line goes through the target
 * once, as TAP. The seed corpus and the inputs that once crashed Lanyard
 * stay tested in every build, with any compiler.
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "lanyard-fuzz.h"

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
collect (const char *path,
         GPtrArray  *files)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (files, g_strdup (path));
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  names = g_ptr_array_new_with_free_func (g_free);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    collect (names->pdata[i], files);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  for (int i = 1; i < argc; i++)
    collect (argv[i], files);
  if (files->len == 0)
    {
      g_printerr ("No inputs in the folders given.\n");
      return 1;
    }
  g_print ("1..%u\n", files->len);
  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_file_get_contents (files->pdata[i], &contents, &length, &error);
      g_assert_no_error (error);
      LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
      g_print ("ok %u %s\n", i + 1, (const char *) files->pdata[i]);
    }
  return 0;
}
