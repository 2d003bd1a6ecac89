/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the core tests with a database of their own: removes @path (with its
 * WAL files and the badge key made beside it) and the folder @dir it was
 * made in.
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

static inline void
lanyard_test_remove_db_file (const char *dir,
                             const char *path)
{
  for (const char *const *s = (const char *[]) { "", "-wal", "-shm", ".key", ".pub", NULL }; *s != NULL; s++)
    {
      g_autofree char *file = g_strconcat (path, *s, NULL);

      g_remove (file);
    }
  g_rmdir (dir);
}
