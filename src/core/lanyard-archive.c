/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The retention bundle and its check (lanyard-archive.h).
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lanyard-archive.h"
#include "lanyard-csv-write.h"
#include "lanyard-error.h"
#include "lanyard-store-private.h"

/* Table → file, with its statement (a literal: no SQL is built from text).
 * Tables a database may not have yet are skipped. */
static const struct {
  const char *table;
  const char *file;
  const char *sql;
} tables[] = {
  { "event", "event.csv", "SELECT * FROM event ORDER BY rowid" },
  { "credit_type", "credit_types.csv", "SELECT * FROM credit_type ORDER BY rowid" },
  { "session", "sessions.csv", "SELECT * FROM session ORDER BY rowid" },
  { "session_credit", "session_credits.csv", "SELECT * FROM session_credit ORDER BY rowid" },
  { "session_faculty", "session_faculty.csv", "SELECT * FROM session_faculty ORDER BY rowid" },
  { "attendee", "registrations.csv", "SELECT * FROM attendee ORDER BY rowid" },
  { "session_registration", "session_registrations.csv", "SELECT * FROM session_registration ORDER BY rowid" },
  { "scan", "scans.csv", "SELECT * FROM scan ORDER BY rowid" },
  { "attestation", "claims.csv", "SELECT * FROM attestation ORDER BY rowid" },
  { "evaluation", "evaluations.csv", "SELECT * FROM evaluation ORDER BY rowid" },
  { "evaluation_question", "evaluation_questions.csv", "SELECT * FROM evaluation_question ORDER BY rowid" },
  { "evaluation_answer", "evaluation_answers.csv", "SELECT * FROM evaluation_answer ORDER BY rowid" },
  { "audit", "audit.csv", "SELECT * FROM audit ORDER BY rowid" },
  { "print_job", "print_jobs.csv", "SELECT * FROM print_job ORDER BY rowid" },
};

/* Columns holding microseconds since the epoch: each gets a readable
 * twin, "<column>_utc", for whoever opens the file in six years. */
static const char * const time_columns[] = {
  "at", "recorded_at", "created_at", "updated_at", "completed_at", "starts_at", "ends_at", NULL
};

static gboolean
fail_db (sqlite3  *db,
         GError  **error)
{
  g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_DATABASE, _("The database refused: %s"), sqlite3_errmsg (db));
  return FALSE;
}

static char *
utc_text (gint64 usec)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
}

static gboolean
has_table (sqlite3    *db,
           const char *table)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

/* SELECT's result as CSV: a header, then one line per row, CRLF. */
static gboolean
query_csv (sqlite3     *db,
           const char  *sql,
           const char  *path,
           GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int n, rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return fail_db (db, error);
  n = sqlite3_column_count (stmt);
  for (int c = 0; c < n; c++)
    {
      const char *name = sqlite3_column_name (stmt, c);

      if (c > 0)
        g_string_append_c (out, ',');
      lanyard_csv_write_field (out, name);
      if (g_strv_contains (time_columns, name))
        g_string_append_printf (out, ",%s_utc", name);
    }
  g_string_append (out, "\r\n");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int c = 0; c < n; c++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, c);

          if (c > 0)
            g_string_append_c (out, ',');
          lanyard_csv_write_field (out, text ? text : "");
          if (g_strv_contains (time_columns, sqlite3_column_name (stmt, c)))
            {
              g_autofree char *utc = sqlite3_column_type (stmt, c) == SQLITE_INTEGER
                                     ? utc_text (sqlite3_column_int64 (stmt, c)) : g_strdup ("");

              g_string_append_printf (out, ",%s", utc);
            }
        }
      g_string_append (out, "\r\n");
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return fail_db (db, error);
  return g_file_set_contents_full (path, out->str, out->len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static char *
file_sha256 (const char  *path,
             GError     **error)
{
  g_autofree char *data = NULL;
  gsize len;

  if (!g_file_get_contents (path, &data, &len, error))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

/* Certificates issued: each certificate print job, the PDF it printed
 * (copied into certificates/) and that PDF's SHA-256. */
static gboolean
write_certificates (sqlite3     *db,
                    const char  *dir,
                    GError     **error)
{
  g_autoptr(GString) out = g_string_new ("job_uuid,ticket_code,first_name,last_name,issued_at,issued_at_utc,state,"
                                         "file,sha256\r\n");
  g_autofree char *folder = g_build_filename (dir, "certificates", NULL);
  g_autofree char *path = g_build_filename (dir, "certificates.csv", NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (g_mkdir (folder, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_FAILED, _("Cannot make the folder %s: %s"), folder,
                   g_strerror (saved));
      return FALSE;
    }
  if (sqlite3_prepare_v2 (db,
                          "SELECT p.uuid, a.ticket_code, a.first_name, a.last_name, p.created_at, p.state,"
                          " coalesce (p.sent_pdf_path, p.pdf_path), p.pdf_path"
                          " FROM print_job p LEFT JOIN attendee a ON a.id = p.attendee_id"
                          " WHERE p.document = 'certificate' ORDER BY p.created_at, p.id", -1, &stmt, NULL) != SQLITE_OK)
    return fail_db (db, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
      const char *pdf = (const char *) sqlite3_column_text (stmt, 6);
      g_autofree char *utc = utc_text (sqlite3_column_int64 (stmt, 4));
      g_autofree char *name = NULL, *copy = NULL, *sha = NULL, *data = NULL;
      gsize len = 0;

      if (pdf == NULL || !g_file_test (pdf, G_FILE_TEST_IS_REGULAR))
        pdf = (const char *) sqlite3_column_text (stmt, 7);
      if (pdf != NULL && g_file_get_contents (pdf, &data, &len, NULL))
        {
          name = g_strdup_printf ("certificates/%s.pdf", uuid);
          copy = g_build_filename (dir, name, NULL);
          sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
          if (!g_file_set_contents_full (copy, data, len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
            {
              sqlite3_finalize (stmt);
              return FALSE;
            }
        }
      for (int c = 0; c < 4; c++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, c);

          lanyard_csv_write_field (out, text ? text : "");
          g_string_append_c (out, ',');
        }
      g_string_append_printf (out, "%" G_GINT64_FORMAT ",%s,", (gint64) sqlite3_column_int64 (stmt, 4), utc);
      lanyard_csv_write_field (out, (const char *) sqlite3_column_text (stmt, 5));
      /* a PDF no longer on disk is said so, not left blank */
      g_string_append_printf (out, ",%s,%s\r\n", name ? name : "(file gone)", sha ? sha : "");
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return fail_db (db, error);
  return g_file_set_contents_full (path, out->str, out->len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/* The whole database through the backup API, a consistent copy even while
 * kiosks write; then without what is not a record: the hub's connection
 * (its password) and the staff PIN's hash. */
static gboolean
write_snapshot (sqlite3     *db,
                const char  *path,
                GError     **error)
{
  sqlite3 *copy = NULL;
  sqlite3_backup *backup;
  gboolean ok = FALSE;

  if (sqlite3_open_v2 (path, &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_DATABASE, _("Cannot make the snapshot %s: %s"), path,
                   copy ? sqlite3_errmsg (copy) : g_strerror (ENOMEM));
      goto out;
    }
  backup = sqlite3_backup_init (copy, "main", db, "main");
  if (backup == NULL)
    {
      fail_db (copy, error);
      goto out;
    }
  sqlite3_backup_step (backup, -1);
  if (sqlite3_backup_finish (backup) != SQLITE_OK)
    {
      fail_db (copy, error);
      goto out;
    }
  if (sqlite3_exec (copy, "PRAGMA journal_mode = DELETE;"
                          "DELETE FROM meta WHERE key IN ('hub_conninfo', 'staff_pin_hash');"
                          "VACUUM;", NULL, NULL, NULL) != SQLITE_OK)
    {
      fail_db (copy, error);
      goto out;
    }
  ok = TRUE;
out:
  sqlite3_close (copy);
  if (ok)
    g_chmod (path, 0600);
  return ok;
}

static void
list_files (const char *root,
            const char *sub,
            GPtrArray  *out)
{
  g_autofree char *path = sub ? g_build_filename (root, sub, NULL) : g_strdup (root);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *rel = sub ? g_strconcat (sub, "/", name, NULL) : g_strdup (name);
      g_autofree char *full = g_build_filename (root, rel, NULL);

      /* a link is never followed: it is a file the manifest does not know */
      if (!g_file_test (full, G_FILE_TEST_IS_SYMLINK) && g_file_test (full, G_FILE_TEST_IS_DIR))
        list_files (root, rel, out);
      else if (g_strcmp0 (rel, LANYARD_ARCHIVE_MANIFEST) != 0)
        g_ptr_array_add (out, g_steal_pointer (&rel));
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char *
lanyard_archive_write (LanyardStore  *store,
                       const char    *dir,
                       GError       **error)
{
  sqlite3 *db = lanyard_store_get_db (store);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) manifest = g_string_new (NULL);
  g_autofree char *manifest_path = g_build_filename (dir, LANYARD_ARCHIVE_MANIFEST, NULL);
  g_autofree char *snapshot = g_build_filename (dir, "lanyard.sqlite", NULL);

  {
    g_autoptr(GDir) existing = g_dir_open (dir, 0, NULL);

    if (existing != NULL && g_dir_read_name (existing) != NULL)
      {
        g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_FAILED,
                     _("%s exists and is not empty: an archive goes into a new folder."), dir);
        return NULL;
      }
  }
  /* learners' ids and birth dates: the folder is the user's alone, even
   * one that was there, empty */
  if (g_mkdir_with_parents (dir, 0700) != 0 || g_chmod (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_FAILED, _("Cannot make the folder %s: %s"), dir,
                   g_strerror (saved));
      return NULL;
    }

  /* One read transaction: every file tells of the same moment. */
  if (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      fail_db (db, error);
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *path = NULL;

      if (!has_table (db, tables[i].table))
        continue;
      path = g_build_filename (dir, tables[i].file, NULL);
      if (!query_csv (db, tables[i].sql, path, error))
        goto fail;
    }
  if (!write_certificates (db, dir, error))
    goto fail;
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (!write_snapshot (db, snapshot, error))
    return NULL;

  list_files (dir, NULL, files);
  g_ptr_array_sort (files, compare_strings);
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *full = g_build_filename (dir, g_ptr_array_index (files, i), NULL);
      g_autofree char *sha = file_sha256 (full, error);

      if (sha == NULL)
        return NULL;
      g_string_append_printf (manifest, "%s  %s\n", sha, (const char *) g_ptr_array_index (files, i));
    }
  if (!g_file_set_contents_full (manifest_path, manifest->str, manifest->len, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0600, error))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) manifest->str, manifest->len);

fail:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return NULL;
}

static gboolean
safe_name (const char *name)
{
  return *name != '\0' && !g_path_is_absolute (name) && strstr (name, "..") == NULL && strchr (name, '\\') == NULL;
}

gboolean
lanyard_archive_verify (const char  *dir,
                        GStrv       *out_bad,
                        GError     **error)
{
  g_autofree char *manifest_path = g_build_filename (dir, LANYARD_ARCHIVE_MANIFEST, NULL);
  g_autofree char *manifest = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GStrvBuilder) bad = g_strv_builder_new ();
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);

  if (!g_file_get_contents (manifest_path, &manifest, NULL, NULL))
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA,
                   _("%s has no %s: it is not a Lanyard archive, or the manifest was removed."), dir,
                   LANYARD_ARCHIVE_MANIFEST);
      if (out_bad != NULL)
        *out_bad = g_strdupv ((char *[]) { (char *) LANYARD_ARCHIVE_MANIFEST, NULL });
      return FALSE;
    }
  lines = g_strsplit (manifest, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *name = line + 66;
      g_autofree char *full = NULL, *sha = NULL;

      if (*line == '\0')
        continue;
      if (strlen (line) < 67 || line[64] != ' ' || (line[65] != ' ' && line[65] != '*') || !safe_name (name))
        {
          g_strv_builder_add (bad, LANYARD_ARCHIVE_MANIFEST);
          /* Translators: %u is a line number of the archive's manifest */
          g_ptr_array_add (reasons, g_strdup_printf (_("%s: line %u is not “SHA-256  file”"),
                                                     LANYARD_ARCHIVE_MANIFEST, i + 1));
          continue;
        }
      g_hash_table_add (listed, g_strdup (name));
      full = g_build_filename (dir, name, NULL);
      sha = !g_file_test (full, G_FILE_TEST_IS_SYMLINK) && g_file_test (full, G_FILE_TEST_IS_REGULAR)
            ? file_sha256 (full, NULL) : NULL;
      if (sha == NULL)
        {
          g_strv_builder_add (bad, name);
          g_ptr_array_add (reasons, g_strdup_printf (_("%s is missing"), name));
        }
      else if (g_ascii_strncasecmp (sha, line, 64) != 0)
        {
          g_strv_builder_add (bad, name);
          g_ptr_array_add (reasons, g_strdup_printf (_("%s was altered (its SHA-256 is not the manifest’s)"), name));
        }
    }
  list_files (dir, NULL, files);
  g_ptr_array_sort (files, compare_strings);
  for (guint i = 0; i < files->len; i++)
    {
      const char *name = g_ptr_array_index (files, i);

      if (g_hash_table_contains (listed, name))
        continue;
      g_strv_builder_add (bad, name);
      g_ptr_array_add (reasons, g_strdup_printf (_("%s was added (it is not in the manifest)"), name));
    }
  if (reasons->len > 0)
    {
      g_autofree char *all = NULL;

      g_ptr_array_add (reasons, NULL);
      all = g_strjoinv ("\n", (char **) reasons->pdata);
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA, all);
      if (out_bad != NULL)
        *out_bad = g_strv_builder_end (bad);
      return FALSE;
    }
  if (out_bad != NULL)
    *out_bad = g_new0 (char *, 1);
  return TRUE;
}
