/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Attendees, their session registrations, name search and the audit trail
 * of staff edits.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lanyard-attendee-field.h"
#include "lanyard-error.h"
#include "lanyard-name-fold.h"
#include "lanyard-store-private.h"
#include "lanyard-text.h"

#define ATTENDEE_COLUMNS \
  "id, uuid, ticket_code, first_name, last_name, credentials, profession, affiliation, email, role," \
  " status, npi, abim_id, nabp_eprofile, birth_mmdd, license, badge_version, revision, board," \
  " permission_to_report, first_name_latin, last_name_latin"

#define S(x) ((x) ? (x) : "")

static LanyardAttendee *
attendee_from_row (sqlite3_stmt *stmt)
{
  LanyardAttendee *a = lanyard_attendee_new ();

  a->id = sqlite3_column_int64 (stmt, 0);
  a->uuid = lanyard_column_dup (stmt, 1);
  a->ticket_code = lanyard_column_dup (stmt, 2);
  a->first_name = lanyard_column_dup (stmt, 3);
  a->last_name = lanyard_column_dup (stmt, 4);
  a->credentials = lanyard_column_dup (stmt, 5);
  a->profession = lanyard_column_dup (stmt, 6);
  a->affiliation = lanyard_column_dup (stmt, 7);
  a->email = lanyard_column_dup (stmt, 8);
  lanyard_role_from_string ((const char *) sqlite3_column_text (stmt, 9), &a->role);
  lanyard_status_from_string ((const char *) sqlite3_column_text (stmt, 10), &a->status);
  a->npi = lanyard_column_dup (stmt, 11);
  a->abim_id = lanyard_column_dup (stmt, 12);
  a->nabp_eprofile = lanyard_column_dup (stmt, 13);
  a->birth_mmdd = lanyard_column_dup (stmt, 14);
  a->license = lanyard_column_dup (stmt, 15);
  a->badge_version = sqlite3_column_int (stmt, 16);
  a->revision = sqlite3_column_int64 (stmt, 17);
  a->board = lanyard_column_dup (stmt, 18);
  a->permission_to_report = sqlite3_column_int (stmt, 19) != 0;
  a->first_name_latin = lanyard_column_dup (stmt, 20);
  a->last_name_latin = lanyard_column_dup (stmt, 21);
  return a;
}

static gboolean
load_sessions (LanyardStore     *self,
               LanyardAttendee  *a,
               GError          **error)
{
  sqlite3_stmt *stmt = lanyard_store_prepare (self,
      "SELECT session_id FROM session_registration WHERE attendee_id = ? ORDER BY session_id", error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a->id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  g_strfreev (a->sessions);
  a->sessions = g_strv_builder_end (builder);
  return TRUE;
}

static LanyardAttendee *
fetch_one (LanyardStore  *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  g_autoptr(LanyardAttendee) a = NULL;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_NOT_FOUND, _("No such registration."));
      return NULL;
    }
  a = attendee_from_row (stmt);
  sqlite3_reset (stmt);
  if (!load_sessions (self, a, error))
    return NULL;
  return g_steal_pointer (&a);
}

LanyardAttendee *
lanyard_store_get_attendee (LanyardStore  *self,
                            gint64         id,
                            GError       **error)
{
  sqlite3_stmt *stmt = lanyard_store_prepare (self,
      "SELECT " ATTENDEE_COLUMNS " FROM attendee WHERE id = ?", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  return fetch_one (self, stmt, error);
}

LanyardAttendee *
lanyard_store_find_ticket (LanyardStore  *self,
                           const char    *ticket_code,
                           GError       **error)
{
  sqlite3_stmt *stmt = lanyard_store_prepare (self,
      "SELECT " ATTENDEE_COLUMNS " FROM attendee WHERE ticket_code = ?", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, ticket_code, -1, SQLITE_TRANSIENT);
  return fetch_one (self, stmt, error);
}

static gboolean
is_cjk (gunichar c)
{
  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_HANGUL:
    case G_UNICODE_SCRIPT_BOPOMOFO:
      return TRUE;
    default:
      return FALSE;
    }
}

/* unicode61 keeps a run of Han/Kana/Hangul as one token, so 王小明 would
 * only be found as a whole. Spacing the characters makes each one a token:
 * "小明" then finds 王小明 as the phrase "小 明". */
char *
lanyard_store_fold_text (const char *text)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (text) + 8);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_cjk (c))
        {
          g_string_append_c (out, ' ');
          g_string_append_unichar (out, c);
          g_string_append_c (out, ' ');
        }
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* FTS5 keeps what a transaction adds to the search index in memory, and
 * writes it out as a segment of its own whenever a later statement of the
 * same transaction opens a statement savepoint (an INSERT that fires a
 * trigger does: a joined device's attendee insert fires the outbox's).
 * Applied one registration after another, that is a segment per
 * registration, merged again and again: a third of a device's first sync
 * of 100,000 registrations. Between lanyard_store_defer_search_index ()
 * and lanyard_store_flush_search_index () the index rows wait and then go
 * in one after the other, as one segment. */
typedef struct {
  gint64    id;
  gboolean  is_new;
  char     *name;
  char     *affiliation;
  char     *email;
  char     *code;
} SearchEntry;

static void
search_entry_clear (gpointer data)
{
  SearchEntry *e = data;

  g_free (e->name);
  g_free (e->affiliation);
  g_free (e->email);
  g_free (e->code);
}

static G_DEFINE_QUARK (lanyard-store-search-queue, search_queue)

static gboolean
write_search_entry (LanyardStore       *self,
                    const SearchEntry  *e,
                    GError            **error)
{
  sqlite3_stmt *stmt;

  if (!e->is_new)
    {
      stmt = lanyard_store_prepare (self, "DELETE FROM attendee_fts WHERE rowid = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, e->id);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return lanyard_store_set_error (self, error);
    }

  stmt = lanyard_store_prepare (self,
      "INSERT INTO attendee_fts (rowid, name, affiliation, email, code) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, e->id);
  lanyard_bind_text (stmt, 2, e->name);
  lanyard_bind_text (stmt, 3, e->affiliation);
  lanyard_bind_text (stmt, 4, e->email);
  lanyard_bind_text (stmt, 5, e->code);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lanyard_store_set_error (self, error);
  return TRUE;
}

/* Inside a transaction: the search index's rows wait until
 * lanyard_store_flush_search_index () (before the commit) or
 * lanyard_store_discard_search_index () (at a rollback); a search in
 * between does not find what waits. Returns FALSE when they wait already
 * (for an outer caller, who flushes or discards them). */
gboolean
lanyard_store_defer_search_index (LanyardStore *self)
{
  GArray *queue;

  if (g_object_get_qdata (G_OBJECT (self), search_queue_quark ()) != NULL)
    return FALSE;
  queue = g_array_new (FALSE, FALSE, sizeof (SearchEntry));
  g_array_set_clear_func (queue, search_entry_clear);
  g_object_set_qdata_full (G_OBJECT (self), search_queue_quark (), queue, (GDestroyNotify) g_array_unref);
  return TRUE;
}

gboolean
lanyard_store_flush_search_index (LanyardStore  *self,
                                  GError       **error)
{
  g_autoptr(GArray) queue = g_object_steal_qdata (G_OBJECT (self), search_queue_quark ());

  for (guint i = 0; queue != NULL && i < queue->len; i++)
    if (!write_search_entry (self, &g_array_index (queue, SearchEntry, i), error))
      return FALSE;
  return TRUE;
}

void
lanyard_store_discard_search_index (LanyardStore *self)
{
  g_object_set_qdata (G_OBJECT (self), search_queue_quark (), NULL);
}

static gboolean
index_attendee (LanyardStore          *self,
                const LanyardAttendee *a,
                gboolean               is_new,
                GError               **error)
{
  g_autofree char *name_raw = g_strjoin (" ", S (a->first_name), S (a->last_name), S (a->first_name_latin),
                                          S (a->last_name_latin), NULL);
  /* also its ASCII and German spellings: "MUELLER" finds Müller; and the
   * Latin spelling of a name in another script: "Yamada" finds 山田 */
  g_autofree char *name_forms = lanyard_name_search_forms (name_raw);
  GArray *queue = g_object_get_qdata (G_OBJECT (self), search_queue_quark ());
  SearchEntry e = {
    a->id, is_new, lanyard_store_fold_text (name_forms), lanyard_store_fold_text (a->affiliation),
    g_strdup (a->email ? a->email : ""), g_strdup (a->ticket_code)
  };
  gboolean ok;

  if (queue != NULL)
    {
      g_array_append_val (queue, e);
      return TRUE;
    }
  ok = write_search_entry (self, &e, error);
  search_entry_clear (&e);
  return ok;
}

static gboolean
replace_registrations (LanyardStore          *self,
                       const LanyardAttendee *a,
                       gboolean               is_new,
                       GError               **error)
{
  sqlite3_stmt *stmt;

  if (!is_new)
    {
      stmt = lanyard_store_prepare (self, "DELETE FROM session_registration WHERE attendee_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, a->id);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return lanyard_store_set_error (self, error);
    }
  for (guint i = 0; a->sessions != NULL && a->sessions[i] != NULL; i++)
    {
      stmt = lanyard_store_prepare (self,
          "INSERT OR IGNORE INTO session_registration (attendee_id, session_id) VALUES (?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, a->id);
      sqlite3_bind_text (stmt, 2, a->sessions[i], -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return lanyard_store_set_error (self, error);
    }
  return TRUE;
}

static gboolean
strv_same (GStrv a,
           GStrv b)
{
  guint na = a ? g_strv_length (a) : 0, nb = b ? g_strv_length (b) : 0;

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (!g_strv_contains ((const char * const *) b, a[i]))
      return FALSE;
  return TRUE;
}

static gboolean
attendee_same (const LanyardAttendee *a,
               const LanyardAttendee *b)
{
  return g_str_equal (S (a->first_name), S (b->first_name)) &&
         g_str_equal (S (a->last_name), S (b->last_name)) &&
         g_str_equal (S (a->credentials), S (b->credentials)) &&
         g_str_equal (S (a->profession), S (b->profession)) &&
         g_str_equal (S (a->affiliation), S (b->affiliation)) &&
         g_str_equal (S (a->email), S (b->email)) &&
         a->role == b->role && a->status == b->status &&
         g_str_equal (S (a->npi), S (b->npi)) &&
         g_str_equal (S (a->abim_id), S (b->abim_id)) &&
         g_str_equal (S (a->nabp_eprofile), S (b->nabp_eprofile)) &&
         g_str_equal (S (a->birth_mmdd), S (b->birth_mmdd)) &&
         g_str_equal (S (a->license), S (b->license)) &&
         g_str_equal (S (a->board), S (b->board)) &&
         !a->permission_to_report == !b->permission_to_report &&
         g_str_equal (S (a->first_name_latin), S (b->first_name_latin)) &&
         g_str_equal (S (a->last_name_latin), S (b->last_name_latin)) &&
         strv_same (a->sessions, b->sessions);
}

static void
bind_fields (sqlite3_stmt          *stmt,
             const LanyardAttendee *a)
{
  lanyard_bind_text (stmt, 1, S (a->first_name));
  lanyard_bind_text (stmt, 2, S (a->last_name));
  lanyard_bind_text (stmt, 3, S (a->credentials));
  lanyard_bind_text (stmt, 4, S (a->profession));
  lanyard_bind_text (stmt, 5, S (a->affiliation));
  lanyard_bind_text (stmt, 6, S (a->email));
  lanyard_bind_text (stmt, 7, lanyard_role_to_string (a->role));
  lanyard_bind_text (stmt, 8, lanyard_status_to_string (a->status));
  lanyard_bind_text (stmt, 9, S (a->npi));
  lanyard_bind_text (stmt, 10, S (a->abim_id));
  lanyard_bind_text (stmt, 11, S (a->nabp_eprofile));
  lanyard_bind_text (stmt, 12, S (a->birth_mmdd));
  lanyard_bind_text (stmt, 13, S (a->license));
  lanyard_bind_text (stmt, 18, S (a->board));
  sqlite3_bind_int (stmt, 19, a->permission_to_report ? 1 : 0);
  lanyard_bind_text (stmt, 20, S (a->first_name_latin));
  lanyard_bind_text (stmt, 21, S (a->last_name_latin));
}

static gboolean
write_fields (LanyardStore          *self,
              const LanyardAttendee *a,
              GError               **error)
{
  sqlite3_stmt *stmt = lanyard_store_prepare (self,
      "UPDATE attendee SET first_name = ?1, last_name = ?2, credentials = ?3, profession = ?4,"
      " affiliation = ?5, email = ?6, role = ?7, status = ?8, npi = ?9, abim_id = ?10,"
      " nabp_eprofile = ?11, birth_mmdd = ?12, license = ?13, revision = revision + 1, updated_at = ?14,"
      " board = ?18, permission_to_report = ?19, first_name_latin = ?20, last_name_latin = ?21"
      " WHERE id = ?15", error);

  if (stmt == NULL)
    return FALSE;
  bind_fields (stmt, a);
  sqlite3_bind_int64 (stmt, 14, g_get_real_time ());
  sqlite3_bind_int64 (stmt, 15, a->id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lanyard_store_set_error (self, error);
  return index_attendee (self, a, FALSE, error);
}

/* A registration not in the store: its row, its search entry and its
 * sessions. */
static gboolean
insert_attendee (LanyardStore     *self,
                 LanyardAttendee  *attendee,
                 GError          **error)
{
  g_autofree char *uuid = attendee->uuid ? g_strdup (attendee->uuid) : g_uuid_string_random ();
  sqlite3_stmt *stmt = lanyard_store_prepare (self,
      "INSERT INTO attendee (first_name, last_name, credentials, profession, affiliation, email, role,"
      " status, npi, abim_id, nabp_eprofile, birth_mmdd, license, uuid, ticket_code, badge_version,"
      " created_at, updated_at, board, permission_to_report, first_name_latin, last_name_latin)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17, ?18,"
      " ?19, ?20, ?21)", error);
  gint64 now = g_get_real_time ();

  if (stmt == NULL)
    return FALSE;
  bind_fields (stmt, attendee);
  lanyard_bind_text (stmt, 14, uuid);
  lanyard_bind_text (stmt, 15, attendee->ticket_code);
  sqlite3_bind_int (stmt, 16, MAX (1, attendee->badge_version));
  sqlite3_bind_int64 (stmt, 17, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lanyard_store_set_error (self, error);
  attendee->id = sqlite3_last_insert_rowid (lanyard_store_get_db (self));
  if (attendee->uuid == NULL)
    attendee->uuid = g_steal_pointer (&uuid);
  attendee->badge_version = MAX (1, attendee->badge_version);
  attendee->revision = 1;
  return index_attendee (self, attendee, TRUE, error) && replace_registrations (self, attendee, TRUE, error);
}

/* A registration the caller knows is new (an import into an empty
 * store): no lookup first. A ticket code already in the store fails on
 * its unique constraint. */
gboolean
lanyard_store_add_attendee (LanyardStore     *self,
                            LanyardAttendee  *attendee,
                            GError          **error)
{
  gboolean own = !lanyard_store_in_transaction (self);

  g_return_val_if_fail (attendee->ticket_code != NULL, FALSE);

  lanyard_attendee_clean_names (attendee);
  if (own && !lanyard_store_begin (self, error))
    return FALSE;
  if (!insert_attendee (self, attendee, error) ||
      (own && !lanyard_store_commit (self, error)))
    {
      if (own)
        lanyard_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
lanyard_store_upsert_attendee (LanyardStore     *self,
                               LanyardAttendee  *attendee,
                               gboolean         *out_created,
                               gboolean         *out_changed,
                               GError          **error)
{
  g_autoptr(LanyardAttendee) old = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean created = FALSE, changed = FALSE;
  gboolean own;

  g_return_val_if_fail (attendee->ticket_code != NULL, FALSE);

  /* The import, walk-ins and the hub come in here: names are stored as
   * they will print, without bidi controls or line breaks. */
  lanyard_attendee_clean_names (attendee);

  /* Inside a caller's transaction (an import: thousands of rows, rolled
   * back whole on failure) a savepoint per row buys nothing but time. */
  own = !lanyard_store_in_transaction (self);
  if (own && !lanyard_store_begin (self, error))
    return FALSE;

  old = lanyard_store_find_ticket (self, attendee->ticket_code, &local_error);
  if (old == NULL && !g_error_matches (local_error, LANYARD_ERROR, LANYARD_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto fail;
    }

  if (old == NULL)
    {
      if (!insert_attendee (self, attendee, error))
        goto fail;
      created = changed = TRUE;
    }
  else
    {
      attendee->id = old->id;
      attendee->badge_version = old->badge_version;
      attendee->revision = old->revision;
      g_free (attendee->uuid);
      attendee->uuid = g_strdup (old->uuid);
      if (!attendee_same (old, attendee))
        {
          if (!write_fields (self, attendee, error) || !replace_registrations (self, attendee, FALSE, error))
            goto fail;
          attendee->revision++;
          changed = TRUE;
        }
    }

  if (own && !lanyard_store_commit (self, error))
    goto fail;
  if (out_created)
    *out_created = created;
  if (out_changed)
    *out_changed = changed;
  return TRUE;

fail:
  if (own)
    lanyard_store_rollback (self);
  return FALSE;
}

static gboolean
audit (LanyardStore *self,
       gint64        attendee_id,
       const char   *field,
       const char   *old_value,
       const char   *new_value,
       const char   *device,
       const char   *reason,
       GError      **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  sqlite3_stmt *stmt = lanyard_store_prepare (self,
      "INSERT INTO audit (uuid, attendee_id, field, old_value, new_value, at, device, reason)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  lanyard_bind_text (stmt, 1, uuid);
  sqlite3_bind_int64 (stmt, 2, attendee_id);
  lanyard_bind_text (stmt, 3, field);
  lanyard_bind_text (stmt, 4, old_value);
  lanyard_bind_text (stmt, 5, new_value);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time ());
  lanyard_bind_text (stmt, 7, device);
  lanyard_bind_text (stmt, 8, reason);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lanyard_store_set_error (self, error);
  return TRUE;
}

/* One audit row per field of `fields` whose value differs. */
gboolean
lanyard_store_audit_fields (LanyardStore           *self,
                            const LanyardAttendee  *old,
                            const LanyardAttendee  *attendee,
                            const char * const     *fields,
                            const char             *device,
                            const char             *reason,
                            GError                **error)
{
  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *old_value = lanyard_attendee_field_get (old, fields[i]);
      const char *new_value = lanyard_attendee_field_get (attendee, fields[i]);

      if (!g_str_equal (old_value, new_value) &&
          !audit (self, old->id, fields[i], old_value, new_value, device, reason, error))
        return FALSE;
    }
  return TRUE;
}

/* Staff corrections: every field of lanyard_attendee_fields (), each
 * change audited with the old value, the new one, the time and the device. */
gboolean
lanyard_store_update_attendee (LanyardStore           *self,
                               const LanyardAttendee  *attendee,
                               const char             *device,
                               GError                **error)
{
  g_autoptr(LanyardAttendee) old = NULL;
  g_autoptr(LanyardAttendee) copy = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) changed = NULL;
  const LanyardAttendeeField *fields;
  guint n_fields;

  if (!lanyard_store_begin (self, error))
    return FALSE;
  old = lanyard_store_get_attendee (self, attendee->id, error);
  if (old == NULL)
    goto fail;

  copy = lanyard_attendee_copy (old);
  fields = lanyard_attendee_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const char *value = lanyard_attendee_field_get (attendee, fields[i].key);

      if (g_str_equal (lanyard_attendee_field_get (old, fields[i].key), value))
        continue;
      g_strv_builder_add (builder, fields[i].key);
      lanyard_attendee_field_set (copy, fields[i].key, value);
    }
  /* An edit: names are stored as they will print. A change that was only
   * invisible characters is no change. */
  lanyard_attendee_clean_names (copy);
  {
    g_autoptr(GStrvBuilder) really = g_strv_builder_new ();
    g_auto(GStrv) candidates = g_strv_builder_end (builder);

    for (guint i = 0; candidates[i] != NULL; i++)
      if (!g_str_equal (lanyard_attendee_field_get (old, candidates[i]),
                        lanyard_attendee_field_get (copy, candidates[i])))
        g_strv_builder_add (really, candidates[i]);
    g_strv_builder_unref (builder);
    builder = g_steal_pointer (&really);
  }
  changed = g_strv_builder_end (builder);
  if (changed[0] != NULL &&
      (!lanyard_store_audit_fields (self, old, copy, (const char * const *) changed, device, NULL, error) ||
       !write_fields (self, copy, error)))
    goto fail;
  return lanyard_store_commit (self, error);

fail:
  lanyard_store_rollback (self);
  return FALSE;
}

gboolean
lanyard_store_set_status (LanyardStore   *self,
                          gint64          attendee_id,
                          LanyardStatus   status,
                          const char     *device,
                          GError        **error)
{
  g_autoptr(LanyardAttendee) a = NULL;

  if (!lanyard_store_begin (self, error))
    return FALSE;
  a = lanyard_store_get_attendee (self, attendee_id, error);
  if (a == NULL)
    goto fail;
  if (a->status != status)
    {
      const char *old_word = lanyard_status_to_string (a->status);

      a->status = status;
      if (!audit (self, attendee_id, "status", old_word, lanyard_status_to_string (status), device, NULL, error) ||
          !write_fields (self, a, error))
        goto fail;
    }
  return lanyard_store_commit (self, error);

fail:
  lanyard_store_rollback (self);
  return FALSE;
}

int
lanyard_store_bump_badge_version (LanyardStore  *self,
                                  gint64         attendee_id,
                                  const char    *reason,
                                  const char    *device,
                                  GError       **error)
{
  g_autoptr(LanyardAttendee) a = NULL;
  g_autofree char *old_v = NULL;
  g_autofree char *new_v = NULL;
  sqlite3_stmt *stmt;

  if (!lanyard_store_begin (self, error))
    return 0;
  a = lanyard_store_get_attendee (self, attendee_id, error);
  if (a == NULL)
    goto fail;
  /* A badge for a cancelled registration would be refused everywhere. */
  if (a->status == LANYARD_STATUS_CANCELLED)
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA,
                           _("This registration is cancelled: restore it before making a replacement badge."));
      goto fail;
    }
  stmt = lanyard_store_prepare (self,
      "UPDATE attendee SET badge_version = badge_version + 1, revision = revision + 1, updated_at = ?"
      " WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, g_get_real_time ());
  sqlite3_bind_int64 (stmt, 2, attendee_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      lanyard_store_set_error (self, error);
      goto fail;
    }
  old_v = g_strdup_printf ("%d", a->badge_version);
  new_v = g_strdup_printf ("%d", a->badge_version + 1);
  if (!audit (self, attendee_id, "badge_version", old_v, new_v, device, reason, error) ||
      !lanyard_store_commit (self, error))
    goto fail;
  return a->badge_version + 1;

fail:
  lanyard_store_rollback (self);
  return 0;
}

/* Ranking is done among the first 1000 matches: a two-letter prefix can
 * match a fifth of a large meeting, and ranking all of them costs more than
 * a kiosk keystroke may (p99 ≤ 10 ms). Such a list is refined by the next
 * letter typed anyway. */

/* Each word of the query becomes a quoted prefix term, so nothing a
 * person (or a scanner) types can be FTS5 syntax. */
static char *
build_match (const char *text)
{
  g_autofree char *folded = lanyard_store_fold_text (text);
  g_auto(GStrv) words = g_strsplit_set (folded, " \t\r\n", -1);
  GString *match = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      gboolean has_word_char = FALSE;

      for (const char *p = words[i]; *p; p = g_utf8_next_char (p))
        if (g_unichar_isalnum (g_utf8_get_char (p)))
          has_word_char = TRUE;
      if (!has_word_char)
        continue;
      if (match->len > 0)
        g_string_append_c (match, ' ');
      g_string_append_c (match, '"');
      for (const char *p = words[i]; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (match, '"');
          g_string_append_c (match, *p);
        }
      g_string_append (match, "\"*");
    }
  return g_string_free (match, FALSE);
}

GPtrArray *
lanyard_store_search (LanyardStore  *self,
                      const char    *text,
                      guint          limit,
                      GError       **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) lanyard_attendee_free);
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_steal_pointer (&results);
  match = build_match (text);
  if (*match == '\0')
    return g_steal_pointer (&results);

  stmt = lanyard_store_prepare (self,
      "SELECT a.id, a.uuid, a.ticket_code, a.first_name, a.last_name, a.credentials, a.profession,"
      " a.affiliation, a.email, a.role, a.status, a.npi, a.abim_id, a.nabp_eprofile, a.birth_mmdd,"
      " a.license, a.badge_version, a.revision, a.board, a.permission_to_report, a.first_name_latin,"
      " a.last_name_latin"
      " FROM (SELECT rowid, score FROM"
      "        (SELECT rowid, bm25 (attendee_fts, 10.0, 2.0, 1.0, 4.0) AS score FROM attendee_fts"
      "         WHERE attendee_fts MATCH ?1 LIMIT 1000)"
      "       ORDER BY score LIMIT ?2) f"
      " JOIN attendee a ON a.id = f.rowid ORDER BY f.score",
      error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, limit ? (int) limit : 20);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (results, attendee_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      lanyard_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&results);
}

GPtrArray *
lanyard_store_list_attendees (LanyardStore  *self,
                              GError       **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) lanyard_attendee_free);
  sqlite3_stmt *stmt = lanyard_store_prepare (self,
      "SELECT " ATTENDEE_COLUMNS " FROM attendee"
      " ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, id", error);

  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (results, attendee_from_row (stmt));
  return g_steal_pointer (&results);
}

/* Every learner with scans, in the order of lanyard_store_list_attendees()
 * (name, then id), each with their timeline as lanyard_store_list_timeline()
 * gives it: one query over the name index and the scan log's timeline
 * index, instead of a query per learner (the export at 100,000 learners).
 * The learner's own row is read once, by a second statement, when the
 * learner changes (in the one query its 20 columns were decoded again for
 * every one of 4 million scans). Stops at the first callback that returns
 * FALSE (its error). */
gboolean
lanyard_store_foreach_timeline (LanyardStore         *self,
                                LanyardTimelineFunc   func,
                                gpointer              user_data,
                                GError              **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (LanyardRecordedScan));
  g_autoptr(LanyardAttendee) current = NULL;
  sqlite3_stmt *person = NULL;
  sqlite3_stmt *stmt = lanyard_store_prepare (self,
      "SELECT a.id, s.at, s.session_id, s.kind, s.outcome, s.recorded_at, s.rowid"
      " FROM attendee a INDEXED BY attendee_name JOIN scan s INDEXED BY scan_timeline ON s.attendee_id = a.id"
      " ORDER BY a.last_name COLLATE NOCASE, a.first_name COLLATE NOCASE, a.id", error);
  gboolean ok = TRUE;
  int rc = SQLITE_DONE;

  if (stmt == NULL)
    return FALSE;
  /* Not through lanyard_store_prepare(): that would reset `stmt`. */
  if (sqlite3_prepare_v2 (lanyard_store_get_db (self), "SELECT " ATTENDEE_COLUMNS " FROM attendee WHERE id = ?", -1,
                          &person, NULL) != SQLITE_OK)
    {
      sqlite3_reset (stmt);
      return lanyard_store_set_error (self, error);
    }
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      LanyardRecordedScan row;

      if (current != NULL && current->id != id)
        {
          g_autoptr(GPtrArray) scans = lanyard_store_timeline_from_rows (rows);

          ok = func (current, scans, user_data, error);
          g_clear_pointer (&current, lanyard_attendee_free);
        }
      if (ok && current == NULL)
        {
          sqlite3_reset (person);
          sqlite3_bind_int64 (person, 1, id);
          if (sqlite3_step (person) != SQLITE_ROW)
            {
              ok = lanyard_store_set_error (self, error);
              break;
            }
          current = attendee_from_row (person);
        }
      if (ok)
        {
          row = lanyard_store_recorded_scan_from_row (stmt, 1, id);
          g_array_append_val (rows, row);
        }
    }
  if (ok && rc != SQLITE_DONE)
    ok = lanyard_store_set_error (self, error);
  sqlite3_finalize (person);
  sqlite3_reset (stmt);
  if (ok && current != NULL)
    {
      g_autoptr(GPtrArray) scans = lanyard_store_timeline_from_rows (rows);

      ok = func (current, scans, user_data, error);
    }
  for (guint i = 0; i < rows->len; i++)
    lanyard_scan_free (g_array_index (rows, LanyardRecordedScan, i).scan);
  return ok;
}

guint
lanyard_store_count_attendees (LanyardStore *self)
{
  sqlite3_stmt *stmt = lanyard_store_prepare (self, "SELECT COUNT(*) FROM attendee", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return (guint) sqlite3_column_int64 (stmt, 0);
}

gboolean
lanyard_store_is_registered (LanyardStore *self,
                             gint64        attendee_id,
                             const char   *session_id)
{
  sqlite3_stmt *stmt = lanyard_store_prepare (self,
      "SELECT 1 FROM session_registration WHERE attendee_id = ? AND session_id = ?", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, attendee_id);
  sqlite3_bind_text (stmt, 2, session_id, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

GPtrArray *
lanyard_store_list_audit (LanyardStore  *self,
                          gint64         attendee_id,
                          GError       **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) lanyard_audit_entry_free);
  sqlite3_stmt *stmt = lanyard_store_prepare (self,
      "SELECT field, old_value, new_value, at, device, reason FROM audit WHERE attendee_id = ?"
      " ORDER BY at, rowid", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, attendee_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      LanyardAuditEntry *e = g_new0 (LanyardAuditEntry, 1);

      e->field = lanyard_column_dup (stmt, 0);
      e->old_value = lanyard_column_dup (stmt, 1);
      e->new_value = lanyard_column_dup (stmt, 2);
      e->at = sqlite3_column_int64 (stmt, 3);
      e->device = lanyard_column_dup (stmt, 4);
      e->reason = lanyard_column_dup (stmt, 5);
      g_ptr_array_add (results, e);
    }
  return g_steal_pointer (&results);
}
