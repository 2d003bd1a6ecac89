/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "lanyard-error.h"
#include "lanyard-store-private.h"
#include "lanyard-store-schema.h"

struct _LanyardStore
{
  GObject     parent_instance;

  /* owned */
  char       *path;
  sqlite3    *db;
  GHashTable *statements; /* SQL text → sqlite3_stmt*, prepared once */
  guint       depth;      /* transaction nesting */
};

G_DEFINE_FINAL_TYPE (LanyardStore, lanyard_store, G_TYPE_OBJECT)

static void
lanyard_store_finalize (GObject *object)
{
  LanyardStore *self = LANYARD_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);

  G_OBJECT_CLASS (lanyard_store_parent_class)->finalize (object);
}

static void
lanyard_store_class_init (LanyardStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lanyard_store_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
lanyard_store_init (LanyardStore *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, finalize_statement);
}

void
lanyard_audit_entry_free (LanyardAuditEntry *self)
{
  if (self == NULL)
    return;
  g_free (self->field);
  g_free (self->old_value);
  g_free (self->new_value);
  g_free (self->device);
  g_free (self->reason);
  g_free (self);
}

sqlite3 *
lanyard_store_get_db (LanyardStore *self)
{
  return self->db;
}

#define BUSY_TIMEOUT_MS 5000

/* Whether the database and its folder (for -wal and -shm) are writable:
 * SQLite's errno is often that of a later, read-only retry. */
static gboolean
can_write (LanyardStore *self)
{
  g_autofree char *dir = g_path_get_dirname (self->path);

  return g_access (self->path, W_OK) == 0 && g_access (dir, W_OK) == 0;
}

/* The faults a device meets, in words for the person in front of it;
 * NULL for the rest, which keep SQLite's own words. Each leaves the
 * database as it was: the statement or transaction did not happen. */
static const char *
fault_in_words (LanyardStore *self)
{
  int code = sqlite3_extended_errcode (self->db) & 0xff;
  int sys = sqlite3_system_errno (self->db);

  if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    return _("The database is busy: another program has held it for more than 5 seconds. "
             "Nothing was recorded; please try again in a moment.");
  if (code == SQLITE_FULL || (sys == ENOSPC && (code == SQLITE_IOERR || code == SQLITE_CANTOPEN)))
    return _("The disk is full. Nothing was recorded; make room on the disk and try again.");
  if (code == SQLITE_READONLY || ((code == SQLITE_IOERR || code == SQLITE_CANTOPEN) && !can_write (self)))
    return _("The database cannot be written: its file or its disk is read-only. Nothing was recorded.");
  return NULL;
}

static gboolean
set_error_text (LanyardStore  *self,
                const char    *message,
                GError       **error)
{
  const char *words = fault_in_words (self);

  if (words != NULL)
    g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_DATABASE, words);
  else
    g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_DATABASE,
                 _("The database refused the change (%s). Nothing was changed."), message);
  return FALSE;
}

gboolean
lanyard_store_set_error (LanyardStore  *self,
                         GError       **error)
{
  return set_error_text (self, sqlite3_errmsg (self->db), error);
}

/* Statements are cached by their SQL text, which callers pass as string
 * literals: the pointer itself is a fine key. */
sqlite3_stmt *
lanyard_store_prepare (LanyardStore  *self,
                       const char    *sql,
                       GError       **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  sqlite3_stmt *busy = NULL;

  /* A statement left on a row keeps its read transaction open, and this
   * connection would then not see what another process (lanyardctl, a
   * second kiosk) wrote since. Callers never nest iterations, so finishing
   * every earlier statement here is safe and keeps reads fresh. */
  while ((busy = sqlite3_next_stmt (self->db, busy)) != NULL)
    if (sqlite3_stmt_busy (busy))
      sqlite3_reset (busy);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      lanyard_store_set_error (self, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

static gboolean
exec (LanyardStore  *self,
      const char    *sql,
      GError       **error)
{
  char *msg = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      set_error_text (self, msg ? msg : "?", error);
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

/* A bulk load into an empty database (an import's first 100,000 rows):
 * the registrations' tally index (`stats`) built once at the end costs
 * 0.1 s, kept row by row 0.4 s; the same goes for the index of names. The
 * trigger that gives a new registration's visits its role (there are
 * none to give in an empty database, unless a registration was deleted
 * and its id comes back) is set aside too: a trigger gives each insert a
 * statement journal of its own. Its work is done at the end in one
 * statement. Inside the load's transaction: TRUE drops them, FALSE makes
 * them again, so a rollback takes both back. */
gboolean
lanyard_store_defer_tally_index (LanyardStore  *self,
                                 gboolean       defer,
                                 GError       **error)
{
  GHashTableIter iter;
  gpointer stmt;

  g_return_val_if_fail (lanyard_store_in_transaction (self), FALSE);

  /* SQLite drops no index while a statement still reads */
  g_hash_table_iter_init (&iter, self->statements);
  while (g_hash_table_iter_next (&iter, NULL, &stmt))
    sqlite3_reset (stmt);
  if (defer)
    return exec (self, "DROP INDEX IF EXISTS attendee_tally; DROP INDEX IF EXISTS attendee_name;"
                       " DROP TRIGGER IF EXISTS attendee_presence_insert", error);
  return exec (self, LANYARD_ATTENDEE_BULK_RESTORE, error);
}

/* Transactions nest through savepoints of one name: RELEASE and
 * ROLLBACK TO act on the innermost. The statements are prepared once,
 * which matters for an import that nests one per row. */
static gboolean
run (LanyardStore  *self,
     const char    *sql,
     GError       **error)
{
  sqlite3_stmt *stmt = lanyard_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      lanyard_store_set_error (self, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
lanyard_store_in_transaction (LanyardStore *self)
{
  return self->depth > 0;
}

gboolean
lanyard_store_begin (LanyardStore  *self,
                     GError       **error)
{
  g_return_val_if_fail (LANYARD_IS_STORE (self), FALSE);

  if (!run (self, self->depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT nest", error))
    return FALSE;
  self->depth++;
  return TRUE;
}

gboolean
lanyard_store_commit (LanyardStore  *self,
                      GError       **error)
{
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (!run (self, self->depth == 1 ? "COMMIT" : "RELEASE nest", error))
    return FALSE;
  self->depth--;
  return TRUE;
}

void
lanyard_store_rollback (LanyardStore *self)
{
  if (self->depth == 0)
    return;
  self->depth--;
  if (self->depth == 0)
    run (self, "ROLLBACK", NULL);
  else if (run (self, "ROLLBACK TO nest", NULL))
    run (self, "RELEASE nest", NULL);
}

static int
get_user_version (LanyardStore *self)
{
  sqlite3_stmt *stmt;
  int version = -1;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static gboolean
migrate (LanyardStore  *self,
         GError       **error)
{
  int version = get_user_version (self);

  if (version < 0)
    return lanyard_store_set_error (self, error);
  if (version > (int) G_N_ELEMENTS (lanyard_store_migrations))
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_DATABASE_TOO_NEW,
                   _("The database %s was made by a newer Lanyard (schema %d; this one knows %d). Update Lanyard on this device."),
                   self->path, version, (int) G_N_ELEMENTS (lanyard_store_migrations));
      return FALSE;
    }

  for (int v = version; v < (int) G_N_ELEMENTS (lanyard_store_migrations); v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", v + 1);

      if (!lanyard_store_begin (self, error))
        return FALSE;
      if (!exec (self, lanyard_store_migrations[v], error) ||
          !exec (self, bump, error) ||
          !lanyard_store_commit (self, error))
        {
          lanyard_store_rollback (self);
          return FALSE;
        }
    }
  return TRUE;
}

/* A database made elsewhere (copied, restored, made by hand) may be readable
 * by other users of the computer: it becomes the owner's alone, and staff
 * are told. SQLite's -wal and -shm files follow. */
static gboolean
make_private (const char  *path,
              GError     **error)
{
  const char *suffixes[] = { "", "-wal", "-shm" };
  gboolean told = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (file, &st) != 0 || (st.st_mode & (S_IRWXG | S_IRWXO)) == 0)
        continue;
      if (g_chmod (file, st.st_mode & S_IRWXU) != 0)
        {
          int saved = errno;

          g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_DATABASE,
                       _("The database %s can be read by other users of this computer, and could not be made "
                         "private: %s"), file, g_strerror (saved));
          return FALSE;
        }
      if (!told)
        g_message (_("The database %s could be read by other users of this computer; it is now readable by its "
                     "owner only."), path);
      told = TRUE;
    }
  return TRUE;
}

LanyardStore *
lanyard_store_open (const char  *path,
                    GError     **error)
{
  g_autoptr(LanyardStore) self = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  /* Registrations hold e-mail addresses and licence numbers: the file is
   * the user's alone from the first byte. SQLite gives -wal and -shm the
   * database file's mode. */
  fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno != EEXIST)
    {
      int saved = errno;

      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_DATABASE,
                   _("Cannot open the database %s: %s"), path, g_strerror (saved));
      return NULL;
    }
  /* Only a file made just now: closing a descriptor of a database this
   * process already has open would drop SQLite's POSIX locks on it, and
   * another process could then checkpoint and delete our WAL. */
  if (fd >= 0)
    close (fd);
  else if (!make_private (path, error))
    return NULL;

  self = g_object_new (LANYARD_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_DATABASE,
                   _("Cannot open the database %s: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : g_strerror (ENOMEM));
      return NULL;
    }
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->db, 1);

  if (!exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
                    " PRAGMA cache_size = -32000; PRAGMA temp_store = MEMORY;", error))
    {
      int code = sqlite3_extended_errcode (self->db) & 0xff;

      if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
        g_prefix_error (error, _("%s is not a Lanyard database: "), path);
      return NULL;
    }
  if (!migrate (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* For a read of most of the database at once (the attendance export):
 * the file mapped into memory, read without a copy per page through the
 * 32 MB page cache. Only for short-lived processes: the mapping counts in
 * the resident memory of a window that stays open. */
void
lanyard_store_map_for_bulk_reads (LanyardStore *self)
{
  g_return_if_fail (LANYARD_IS_STORE (self));
  exec (self, "PRAGMA mmap_size = 2147418112", NULL);
}

const char *
lanyard_store_get_path (LanyardStore *self)
{
  g_return_val_if_fail (LANYARD_IS_STORE (self), NULL);
  return self->path;
}

char *
lanyard_store_default_path (void)
{
  const char *env = g_getenv ("LANYARD_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "lanyard", "lanyard.db", NULL);
}

char *
lanyard_store_get_meta (LanyardStore *self,
                        const char   *key)
{
  sqlite3_stmt *stmt = lanyard_store_prepare (self, "SELECT value FROM meta WHERE key = ?", NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return NULL;
}

gboolean
lanyard_store_set_meta (LanyardStore  *self,
                        const char    *key,
                        const char    *value,
                        GError       **error)
{
  sqlite3_stmt *stmt = lanyard_store_prepare (self,
      "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lanyard_store_set_error (self, error);
  return TRUE;
}
