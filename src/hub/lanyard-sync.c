/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One push, one pull, joining and the device's own bookkeeping in meta:
 * hub_conninfo, hub_device, hub_role (the link), hub_cursor (the last hub
 * position applied here), hub_last_success, hub_offline_since,
 * hub_clock_offset, hub_last_error, hub_error_code.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lanyard-attendee-field.h"
#include "lanyard-badge-code.h"
#include "lanyard-error.h"
#include "lanyard-event-import.h"
#include "lanyard-hub-schema.h"
#include "lanyard-store-private.h"
#include "lanyard-sync-private.h"
#include "lanyard-sync-words.h"

#define PUSH_BATCH 500
#define CONTACT_EVERY (30 * G_USEC_PER_SEC)
#define CONN_GROUP "Lanyard Hub"

/* What a door may not read: kept in device_row.sensitive, never payload. */
static const char * const sensitive_fields[] = {
  "email", "npi", "abim_id", "nabp_eprofile", "birth_mmdd", "license", NULL
};

G_DEFINE_BOXED_TYPE (LanyardSyncStatus, lanyard_sync_status, lanyard_sync_status_copy, lanyard_sync_status_free)

LanyardSyncStatus *
lanyard_sync_status_copy (const LanyardSyncStatus *self)
{
  LanyardSyncStatus *copy = g_new0 (LanyardSyncStatus, 1);

  *copy = *self;
  copy->device = g_strdup (self->device);
  copy->role = g_strdup (self->role);
  copy->last_error = g_strdup (self->last_error);
  return copy;
}

void
lanyard_sync_status_free (LanyardSyncStatus *self)
{
  if (self == NULL)
    return;
  g_free (self->device);
  g_free (self->role);
  g_free (self->last_error);
  g_free (self);
}

void
lanyard_sync_conflict_free (LanyardSyncConflict *self)
{
  if (self == NULL)
    return;
  g_free (self->ticket_code);
  g_free (self->kind);
  g_free (self->field);
  g_free (self->devices);
  g_free (self->lost);
  g_free (self);
}

static gint64
meta_int64 (LanyardStore *store,
            const char   *key)
{
  g_autofree char *v = lanyard_store_get_meta (store, key);

  return v ? g_ascii_strtoll (v, NULL, 10) : 0;
}

static gboolean
set_meta_int64 (LanyardStore  *store,
                const char    *key,
                gint64         value,
                GError       **error)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  return lanyard_store_set_meta (store, key, buf, error);
}

static gboolean
delete_meta (LanyardStore  *store,
             const char    *key,
             GError       **error)
{
  sqlite3_stmt *stmt = lanyard_store_prepare (store, "DELETE FROM meta WHERE key = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lanyard_store_set_error (store, error);
  return TRUE;
}

gboolean
lanyard_sync_is_joined (LanyardStore *store)
{
  g_autofree char *device = lanyard_store_get_meta (store, "hub_device");

  return device != NULL;
}

guint
lanyard_sync_count_waiting (LanyardStore *store)
{
  sqlite3_stmt *stmt = lanyard_store_prepare (store, "SELECT COUNT(*) FROM sync_outbox", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return (guint) sqlite3_column_int64 (stmt, 0);
}

LanyardSyncStatus *
lanyard_sync_read_status (LanyardStore *store)
{
  LanyardSyncStatus *s = g_new0 (LanyardSyncStatus, 1);
  g_autofree char *code = lanyard_store_get_meta (store, "hub_error_code");

  s->device = lanyard_store_get_meta (store, "hub_device");
  s->role = lanyard_store_get_meta (store, "hub_role");
  s->last_success = meta_int64 (store, "hub_last_success");
  s->offline_since = meta_int64 (store, "hub_offline_since");
  s->clock_offset = meta_int64 (store, "hub_clock_offset");
  s->clock_skewed = ABS (s->clock_offset) > LANYARD_SYNC_CLOCK_SKEW_LIMIT;
  s->rows_waiting = lanyard_sync_count_waiting (store);
  s->last_error = lanyard_store_get_meta (store, "hub_last_error");
  s->error_code = code ? atoi (code) : -1;
  return s;
}

/* "Synced 3 s ago", "Offline since 10:42 — 37 scans waiting" (a desk's
 * rows are changes, anyone else's scans; lanyard-sync-words.h), "Working
 * on its own" when the hub is newer, and the clock when it is off: the
 * words the desk, the door and `sync --status` show. */
char *
lanyard_sync_status_describe (const LanyardSyncStatus *self,
                              gint64                   now,
                              GTimeZone               *tz)
{
  g_autoptr(GTimeZone) local = tz == NULL ? g_time_zone_new_local () : NULL;
  LanyardSyncRows rows = g_strcmp0 (self->role, "desk") == 0 ? LANYARD_SYNC_ROWS_CHANGES : LANYARD_SYNC_ROWS_SCANS;
  g_autofree char *words = NULL;
  g_autofree char *clock = NULL;
  int minutes;

  if (self->device == NULL)
    return g_strdup (_("Not connected to a hub"));
  if (self->error_code == LANYARD_ERROR_HUB_TOO_NEW)
    words = g_strdup (_("Working on its own: the hub needs a newer Lanyard"));
  else
    words = lanyard_sync_words (self->last_success, self->offline_since, self->rows_waiting, rows, now,
                                tz != NULL ? tz : local);
  if (!self->clock_skewed)
    return g_steal_pointer (&words);
  minutes = (int) (ABS (self->clock_offset) / (60 * G_USEC_PER_SEC));
  clock = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "this device’s clock is %d minute off the hub’s: set it, credits depend on it",
                                        "this device’s clock is %d minutes off the hub’s: set it, credits depend on it",
                                        minutes), minutes);
  return g_strdup_printf ("%s — %s", words, clock);
}

gboolean
lanyard_sync_set_link (LanyardStore  *store,
                       const char    *conninfo,
                       const char    *device,
                       const char    *role,
                       GError       **error)
{
  g_autofree char *old_conninfo = lanyard_store_get_meta (store, "hub_conninfo");
  g_autofree char *old_device = lanyard_store_get_meta (store, "hub_device");
  gboolean was_joined = old_device != NULL;
  sqlite3_stmt *stmt;

  if (!lanyard_store_begin (store, error))
    return FALSE;
  /* Another hub or another name starts from the beginning. */
  if (g_strcmp0 (old_conninfo, conninfo) != 0 || g_strcmp0 (old_device, device) != 0)
    if (!set_meta_int64 (store, "hub_cursor", 0, error))
      goto fail;
  if (!lanyard_store_set_meta (store, "hub_conninfo", conninfo, error) ||
      !lanyard_store_set_meta (store, "hub_device", device, error) ||
      !lanyard_store_set_meta (store, "hub_role", role, error))
    goto fail;
  /* From now on every row this device makes is queued for the hub, but
   * never while the sync applies what it pulled (hub_applying, set only
   * inside that transaction). Made here, not in the schema, so that a
   * database that follows no hub pays nothing for them. */
  if (sqlite3_exec (lanyard_store_get_db (store),
                    "CREATE TRIGGER IF NOT EXISTS sync_scan AFTER INSERT ON scan"
                    "  WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'hub_applying')"
                    "  BEGIN INSERT INTO sync_outbox (kind, uuid) VALUES ('scan', NEW.uuid); END;"
                    "CREATE TRIGGER IF NOT EXISTS sync_audit AFTER INSERT ON audit"
                    "  WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'hub_applying')"
                    "  BEGIN INSERT INTO sync_outbox (kind, uuid) VALUES ('audit', NEW.uuid); END;"
                    "CREATE TRIGGER IF NOT EXISTS sync_attestation AFTER INSERT ON attestation"
                    "  WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'hub_applying')"
                    "  BEGIN INSERT INTO sync_outbox (kind, uuid) VALUES ('attestation', NEW.uuid); END;"
                    "CREATE TRIGGER IF NOT EXISTS sync_evaluation AFTER INSERT ON evaluation"
                    "  WHEN NEW.uuid IS NOT NULL AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'hub_applying')"
                    "  BEGIN INSERT INTO sync_outbox (kind, uuid) VALUES ('evaluation', NEW.uuid); END;"
                    "CREATE TRIGGER IF NOT EXISTS sync_evaluation_answer AFTER INSERT ON evaluation_answer"
                    "  WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'hub_applying')"
                    "  BEGIN INSERT INTO sync_outbox (kind, uuid) VALUES ('evaluation_answer', NEW.uuid); END;"
                    "CREATE TRIGGER IF NOT EXISTS sync_attendee AFTER INSERT ON attendee"
                    "  WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'hub_applying')"
                    "  BEGIN INSERT INTO sync_outbox (kind, uuid) VALUES ('attendee', NEW.uuid); END;"
                    "CREATE TRIGGER IF NOT EXISTS sync_print_job AFTER INSERT ON print_job"
                    "  WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'hub_applying')"
                    "  BEGIN INSERT INTO sync_outbox (kind, uuid) VALUES ('print_job', NEW.uuid); END;"
                    "CREATE TRIGGER IF NOT EXISTS sync_print_job_state AFTER UPDATE OF state ON print_job"
                    "  WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'hub_applying')"
                    "  BEGIN INSERT INTO sync_outbox (kind, uuid) VALUES ('print_job', NEW.uuid); END;",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      lanyard_store_set_error (store, error);
      goto fail;
    }
  /* What this database made before it joined goes up too. */
  if (!was_joined)
    {
      stmt = lanyard_store_prepare (store,
          "INSERT INTO sync_outbox (kind, uuid)"
          " SELECT 'attendee', uuid FROM attendee UNION ALL SELECT 'audit', uuid FROM audit"
          " UNION ALL SELECT 'scan', uuid FROM scan UNION ALL SELECT 'attestation', uuid FROM attestation"
          " UNION ALL SELECT 'evaluation', uuid FROM evaluation WHERE uuid IS NOT NULL"
          " UNION ALL SELECT 'evaluation_answer', uuid FROM evaluation_answer"
          " UNION ALL SELECT 'print_job', uuid FROM print_job", error);
      if (stmt == NULL)
        goto fail;
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          lanyard_store_set_error (store, error);
          goto fail;
        }
    }
  return lanyard_store_commit (store, error);

fail:
  lanyard_store_rollback (store);
  return FALSE;
}

static gboolean
decode_key (const char  *base64,
            guint8      *out,
            gsize        size)
{
  g_autofree guchar *raw = NULL;
  gsize len = 0;

  if (base64 == NULL)
    return FALSE;
  raw = g_base64_decode (base64, &len);
  if (len != size)
    return FALSE;
  memcpy (out, raw, size);
  return TRUE;
}

/* The connection file says who this device is at the hub; it holds a
 * password (and on kiosks and desks the badge secret): refused unless it
 * is the user's alone. */
gboolean
lanyard_sync_join (LanyardStore  *store,
                   const char    *conn_path,
                   char         **out_device,
                   GError       **error)
{
  g_autofree char *text = NULL;
  gsize len = 0;
  GStatBuf st;

  if (g_stat (conn_path, &st) != 0 || !g_file_get_contents (conn_path, &text, &len, NULL))
    {
      int saved = errno;

      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_NOT_FOUND,
                   _("Cannot read the connection file %s: %s"), conn_path, g_strerror (saved));
      return FALSE;
    }
  if ((st.st_mode & 0077) != 0)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA,
                   _("The connection file %s can be read by other users (mode %03o), and it holds this "
                     "device’s password. Make it private (chmod 600) and join again."),
                   conn_path, (unsigned) (st.st_mode & 0777));
      return FALSE;
    }
  return lanyard_sync_join_data (store, text, len, out_device, error);
}

/* A connection file's text, as `add-device --qr` puts it in a QR code:
 * the device's name, role, hub connection and badge keys. */
gboolean
lanyard_sync_join_data (LanyardStore  *store,
                        const char    *data,
                        gsize          len,
                        char         **out_device,
                        GError       **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *conninfo = NULL;
  g_autofree char *device = NULL;
  g_autofree char *role = NULL;
  g_autofree char *public_key = NULL;
  g_autofree char *secret_key = NULL;
  LanyardBadgeKeys keys = { 0 };

  if (!g_key_file_load_from_data (file, data, len, G_KEY_FILE_NONE, NULL) ||
      (conninfo = g_key_file_get_string (file, CONN_GROUP, "Connection", NULL)) == NULL ||
      (device = g_key_file_get_string (file, CONN_GROUP, "Device", NULL)) == NULL ||
      (role = g_key_file_get_string (file, CONN_GROUP, "Role", NULL)) == NULL ||
      !g_strv_contains ((const char * const[]) { "kiosk", "desk", "door", NULL }, role) ||
      !lanyard_check_device_name (device, NULL))
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_PARSE,
                           _("This is not a Lanyard connection: it must name the device, its role and the hub."));
      return FALSE;
    }
  public_key = g_key_file_get_string (file, CONN_GROUP, "PublicKey", NULL);
  secret_key = g_key_file_get_string (file, CONN_GROUP, "SecretKey", NULL);
  if (!lanyard_hub_check_conninfo (conninfo, error))
    return FALSE;
  if ((public_key != NULL && !decode_key (public_key, keys.public_key, sizeof keys.public_key)) ||
      (secret_key != NULL && !decode_key (secret_key, keys.secret_key, sizeof keys.secret_key)))
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_BAD_KEY, _("The badge key in this connection is damaged."));
      return FALSE;
    }
  if (secret_key != NULL)
    {
      g_autofree char *secret_path = g_strconcat (lanyard_store_get_path (store), ".key", NULL);
      g_autofree char *public_path = g_strconcat (lanyard_store_get_path (store), ".pub", NULL);

      keys.has_secret = TRUE;
      if (!lanyard_badge_keys_save (&keys, secret_path, public_path, error))
        return FALSE;
    }
  if (public_key != NULL && !lanyard_store_set_meta (store, "badge_public_key", public_key, error))
    return FALSE;
  if (!lanyard_sync_set_link (store, conninfo, device, role, error))
    return FALSE;
  if (out_device != NULL)
    *out_device = g_steal_pointer (&device);
  return TRUE;
}

/* The name this device has at the hub (stamp it on scans and audit
 * rows), or NULL when the database follows no hub. */
char *
lanyard_sync_dup_device_name (LanyardStore *store)
{
  return lanyard_store_get_meta (store, "hub_device");
}

PGconn *
lanyard_sync_connect (LanyardStore  *store,
                      GError       **error)
{
  g_autofree char *conninfo = lanyard_store_get_meta (store, "hub_conninfo");
  g_autoptr(PGconn) conn = NULL;

  if (conninfo == NULL)
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_NOT_JOINED,
                           _("This database follows no hub. Join one with “lanyardctl join DEVICE.conn”."));
      return NULL;
    }
  conn = lanyard_hub_open (conninfo, error);
  if (conn == NULL || !lanyard_hub_check_schema (conn, error))
    return NULL;
  return g_steal_pointer (&conn);
}

/* --- push */

static void
add_string (JsonBuilder *b,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (b, member);
  if (value == NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, value);
}

static void
add_column (JsonBuilder  *b,
            const char   *member,
            sqlite3_stmt *stmt,
            int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_INTEGER)
    {
      json_builder_set_member_name (b, member);
      json_builder_add_int_value (b, sqlite3_column_int64 (stmt, column));
    }
  else if (sqlite3_column_type (stmt, column) == SQLITE_FLOAT)
    {
      json_builder_set_member_name (b, member);
      json_builder_add_double_value (b, sqlite3_column_double (stmt, column));
    }
  else
    add_string (b, member, (const char *) sqlite3_column_text (stmt, column));
}

/* x.text in row_sql's evaluation_answer */
#define EVALUATION_TEXT_COLUMN 6

static const char *
row_sql (const char *kind)
{
  if (g_str_equal (kind, "scan"))
    return "SELECT a.ticket_code, s.at, s.device, s.at, s.recorded_at, s.session_id, s.kind, s.outcome, s.detail"
           " FROM scan s LEFT JOIN attendee a ON a.id = s.attendee_id WHERE s.uuid = ?";
  if (g_str_equal (kind, "audit"))
    return "SELECT a.ticket_code, u.at, u.field, u.old_value, u.new_value, u.at, u.device, u.reason"
           " FROM audit u JOIN attendee a ON a.id = u.attendee_id WHERE u.uuid = ?";
  if (g_str_equal (kind, "attestation"))
    return "SELECT a.ticket_code, t.at, t.credit_type, t.credits, t.at, t.device, t.permission_to_report"
           " FROM attestation t JOIN attendee a ON a.id = t.attendee_id WHERE t.uuid = ?";
  if (g_str_equal (kind, "evaluation"))
    return "SELECT a.ticket_code, e.completed_at, e.completed_at, e.device"
           " FROM evaluation e JOIN attendee a ON a.id = e.attendee_id WHERE e.uuid = ?";
  if (g_str_equal (kind, "evaluation_answer"))
    return "SELECT a.ticket_code, x.at, x.session_id, x.question, x.score, x.choice, x.text, x.at, x.device"
           " FROM evaluation_answer x JOIN attendee a ON a.id = x.attendee_id WHERE x.uuid = ?";
  if (g_str_equal (kind, "print_job"))
    return "SELECT a.ticket_code, j.updated_at, j.document, j.queue, j.cups_job_id, j.state, j.error,"
           " j.created_at, j.updated_at FROM print_job j LEFT JOIN attendee a ON a.id = j.attendee_id WHERE j.uuid = ?";
  if (g_str_equal (kind, "attendee"))
    return "SELECT ticket_code, created_at, uuid, first_name, last_name, credentials, profession, affiliation,"
           " role, status, badge_version, email, npi, abim_id, nabp_eprofile, birth_mmdd, license, id, board,"
           " permission_to_report, first_name_latin, last_name_latin FROM attendee WHERE uuid = ?";
  return NULL;
}

/* One outbox entry as the hub stores it; FALSE when the row is gone. */
static gboolean
add_row_json (LanyardStore  *store,
              JsonBuilder   *b,
              const char    *kind,
              const char    *uuid,
              GError       **error)
{
  const char *sql = row_sql (kind);
  sqlite3_stmt *stmt;
  g_autofree char *hub_uuid = NULL;
  gboolean sensitive_field = FALSE;
  int n;

  if (sql == NULL || (stmt = lanyard_store_prepare (store, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  n = sqlite3_column_count (stmt);
  /* A print job changes state: each state is a row of its own. */
  if (g_str_equal (kind, "print_job"))
    hub_uuid = g_strconcat (uuid, ":", sqlite3_column_text (stmt, 5), NULL);
  else
    hub_uuid = g_strdup (uuid);

  json_builder_begin_object (b);
  add_string (b, "uuid", hub_uuid);
  add_string (b, "kind", kind);
  add_column (b, "ticket_code", stmt, 0);
  add_column (b, "device_at", stmt, 1);
  json_builder_set_member_name (b, "payload");
  json_builder_begin_object (b);
  if (g_str_equal (kind, "audit"))
    {
      const char *field = (const char *) sqlite3_column_text (stmt, 2);

      sensitive_field = g_strv_contains (sensitive_fields, field);
      add_column (b, "field", stmt, 2);
      for (int c = 5; c < n; c++)
        add_column (b, sqlite3_column_name (stmt, c), stmt, c);
      if (!sensitive_field)
        {
          add_column (b, "old_value", stmt, 3);
          add_column (b, "new_value", stmt, 4);
        }
    }
  else if (g_str_equal (kind, "attendee"))
    {
      sqlite3_stmt *sessions;
      gint64 id = sqlite3_column_int64 (stmt, 17);

      for (int c = 2; c < 11; c++)
        add_column (b, sqlite3_column_name (stmt, c), stmt, c);
      add_column (b, "board", stmt, 18);
      add_column (b, "permission_to_report", stmt, 19);
      add_column (b, "first_name_latin", stmt, 20);
      add_column (b, "last_name_latin", stmt, 21);
      json_builder_set_member_name (b, "sessions");
      json_builder_begin_array (b);
      sessions = lanyard_store_prepare (store,
          "SELECT session_id FROM session_registration WHERE attendee_id = ? ORDER BY session_id", error);
      if (sessions == NULL)
        return FALSE;
      sqlite3_bind_int64 (sessions, 1, id);
      while (sqlite3_step (sessions) == SQLITE_ROW)
        json_builder_add_string_value (b, (const char *) sqlite3_column_text (sessions, 0));
      json_builder_end_array (b);
      /* the sessions statement reset the row's: fetch it again for the rest */
      stmt = lanyard_store_prepare (store, sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        return FALSE;
    }
  else if (g_str_equal (kind, "evaluation_answer"))
    {
      /* a learner's own words go where a door's role cannot read them */
      for (int c = 2; c < n; c++)
        if (c != EVALUATION_TEXT_COLUMN)
          add_column (b, sqlite3_column_name (stmt, c), stmt, c);
    }
  else
    for (int c = 2; c < n; c++)
      add_column (b, sqlite3_column_name (stmt, c), stmt, c);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "sensitive");
  if (g_str_equal (kind, "attendee"))
    {
      json_builder_begin_object (b);
      for (int c = 11; c < 17; c++)
        add_column (b, sqlite3_column_name (stmt, c), stmt, c);
      json_builder_end_object (b);
    }
  else if (g_str_equal (kind, "evaluation_answer"))
    {
      json_builder_begin_object (b);
      add_column (b, "text", stmt, EVALUATION_TEXT_COLUMN);
      json_builder_end_object (b);
    }
  else if (sensitive_field)
    {
      json_builder_begin_object (b);
      add_column (b, "old_value", stmt, 3);
      add_column (b, "new_value", stmt, 4);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  return TRUE;
}

static char *
builder_to_string (JsonBuilder *b)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (b);

  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* The device's clock against the hub's, and what it still holds. */
static gboolean
report_contact (LanyardStore  *store,
                PGconn        *conn,
                GError       **error)
{
  char now_text[32], waiting_text[16];
  const char *params[3] = { now_text, waiting_text, PACKAGE_VERSION };
  g_autoptr(PGresult) result = NULL;
  gint64 t0 = g_get_real_time (), t1;

  g_snprintf (now_text, sizeof now_text, "%" G_GINT64_FORMAT, t0);
  g_snprintf (waiting_text, sizeof waiting_text, "%u", lanyard_sync_count_waiting (store));
  result = lanyard_hub_query (conn, "SELECT hub_device_seen ($1::bigint, $2::int, $3)", 3, params, error);
  if (result == NULL)
    return FALSE;
  t1 = g_get_real_time ();
  return set_meta_int64 (store, "hub_clock_offset", (t0 + t1) / 2 - lanyard_hub_value_int64 (result, 0, 0), error);
}

/* One statement: all of the batch is at the hub, or none. A UUID the hub
 * has (the reply to an earlier push was lost) is skipped. */
static gboolean
send_rows (PGconn      *conn,
           const char  *device,
           const char  *rows,
           GError     **error)
{
  const char *params[2] = { rows, device };
  g_autoptr(PGresult) result = lanyard_hub_query (conn,
      "INSERT INTO device_row (uuid, device, kind, ticket_code, device_at, payload, sensitive)"
      " SELECT r->>'uuid', $2, r->>'kind', r->>'ticket_code', (r->>'device_at')::bigint, r->'payload',"
      "        nullif (r->'sensitive', 'null'::jsonb)"
      " FROM jsonb_array_elements ($1::jsonb) WITH ORDINALITY AS e (r, n) ORDER BY n"
      " ON CONFLICT (uuid) DO NOTHING", 2, params, error);

  return result != NULL;
}

/* Rows @from to @to of @uuids (of @kinds, or audit rows when NULL) as the
 * hub stores them, sent in one statement as @device's; a row gone from
 * the store is left out. */
static gboolean
send_batch (LanyardStore  *store,
            PGconn        *conn,
            const char    *device,
            GPtrArray     *kinds,
            GPtrArray     *uuids,
            guint          from,
            guint          to,
            guint         *out_sent,
            GError       **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *rows = NULL;
  guint n = 0;

  json_builder_begin_array (b);
  for (guint i = from; i < to; i++)
    {
      g_autoptr(GError) row_error = NULL;

      if (add_row_json (store, b, kinds != NULL ? g_ptr_array_index (kinds, i) : "audit",
                        g_ptr_array_index (uuids, i), &row_error))
        n++;
      else if (row_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&row_error));
          return FALSE;
        }
    }
  json_builder_end_array (b);
  rows = builder_to_string (b);
  if (!send_rows (conn, device, rows, error))
    return FALSE;
  if (out_sent != NULL)
    *out_sent = n;
  return TRUE;
}

/* The audit rows written into @store after @after_rowid, sent as
 * @device's: what `hub import` did to its copy of the hub (cancels,
 * changed IDs) goes into the hub's audit as the device import's does. */
gboolean
lanyard_sync_push_audit_since (LanyardStore  *store,
                               PGconn        *conn,
                               const char    *device,
                               gint64         after_rowid,
                               GError       **error)
{
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = lanyard_store_prepare (store, "SELECT uuid FROM audit WHERE rowid > ? ORDER BY rowid", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, after_rowid);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (uuids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  for (guint i = 0; i < uuids->len; i += PUSH_BATCH)
    if (!send_batch (store, conn, device, NULL, uuids, i, MIN (uuids->len, i + PUSH_BATCH), NULL, error))
      return FALSE;
  return TRUE;
}

gboolean
lanyard_sync_push (LanyardStore  *store,
                   PGconn        *conn,
                   guint         *out_pushed,
                   GError       **error)
{
  g_autofree char *device = lanyard_store_get_meta (store, "hub_device");
  guint pushed = 0;

  if (device == NULL)
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_NOT_JOINED,
                           _("This database follows no hub. Join one with “lanyardctl join DEVICE.conn”."));
      return FALSE;
    }
  for (;;)
    {
      g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
      sqlite3_stmt *stmt;
      gint64 last_seq = 0;
      guint n = 0;

      stmt = lanyard_store_prepare (store, "SELECT seq, kind, uuid FROM sync_outbox ORDER BY seq LIMIT ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, PUSH_BATCH);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          last_seq = sqlite3_column_int64 (stmt, 0);
          g_ptr_array_add (kinds, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
          g_ptr_array_add (uuids, g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
        }
      if (last_seq == 0)
        break;

      if (!send_batch (store, conn, device, kinds, uuids, 0, uuids->len, &n, error))
        return FALSE;

      stmt = lanyard_store_prepare (store, "DELETE FROM sync_outbox WHERE seq <= ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, last_seq);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return lanyard_store_set_error (store, error);
      pushed += n;
    }
  /* the clock and the rows waiting, after a push or every half minute */
  if ((pushed > 0 || g_get_real_time () - meta_int64 (store, "hub_last_contact") > CONTACT_EVERY) &&
      (!report_contact (store, conn, error) ||
       !set_meta_int64 (store, "hub_last_contact", g_get_real_time (), error)))
    return FALSE;
  if (out_pushed != NULL)
    *out_pushed = pushed;
  return TRUE;
}

/* --- pull */

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  JsonNode *root;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  /* empty text parses, to no root */
  root = json_parser_get_root (parser);
  return root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}

static const char *
member_string (JsonObject *o,
               const char *name)
{
  JsonNode *node = o ? json_object_get_member (o, name) : NULL;

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

static gint64
member_int (JsonObject *o,
            const char *name)
{
  JsonNode *node = o ? json_object_get_member (o, name) : NULL;

  return node && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_int (node) : 0;
}

static gboolean
apply_event (LanyardStore    *store,
             const PGresult  *result,
             GError         **error)
{
  const char *document = lanyard_hub_value (result, 0, 0);
  const char *public_key = lanyard_hub_value (result, 0, 1);
  const char *pin_hash = lanyard_hub_value (result, 0, 2);
  g_autoptr(LanyardEvent) event = lanyard_event_load_data (document, -1, error);

  if (event == NULL || !lanyard_store_save_event (store, event, error))
    return FALSE;
  if (public_key != NULL && !lanyard_store_set_meta (store, "badge_public_key", public_key, error))
    return FALSE;
  if (pin_hash != NULL && !lanyard_store_set_meta (store, "staff_pin_hash", pin_hash, error))
    return FALSE;
  return TRUE;
}

/* What a door needs of other devices' rows: who is inside, which badge is
 * current, who was replaced or cancelled. Not claims, evaluations (a
 * learner's own words) or print jobs. */
#define DOOR_ROW_KINDS "('scan', 'audit', 'attendee', 'conflict')"

#define REGISTRATION_COLUMNS \
  "ticket_code, uuid, first_name, last_name, credentials, profession, affiliation, role, status," \
  " badge_version, array_to_json (sessions)::text, pos"
/* what a door's role may not read; the board and the permission to report
 * come with them, for the reports a door does not make, and the Latin
 * spelling of a name, for a search a door does not have */
#define REGISTRATION_SENSITIVE ", email, npi, abim_id, nabp_eprofile, birth_mmdd, license," \
  " board, permission_to_report::int, first_name_latin, last_name_latin"

static gboolean
apply_registration (LanyardStore        *store,
                    const LanyardEvent  *event,
                    JsonParser          *parser,
                    const PGresult      *result,
                    int                  row,
                    gboolean             full,
                    GError             **error)
{
  g_autoptr(LanyardAttendee) a = lanyard_attendee_new ();
  g_autoptr(GStrvBuilder) sessions = g_strv_builder_new ();
  char **text_fields[] = { &a->ticket_code, &a->uuid, &a->first_name, &a->last_name, &a->credentials,
                           &a->profession, &a->affiliation };
  char **sensitive[] = { &a->email, &a->npi, &a->abim_id, &a->nabp_eprofile, &a->birth_mmdd, &a->license };
  int badge_version = (int) lanyard_hub_value_int64 (result, row, 9);
  JsonNode *root;
  sqlite3_stmt *stmt;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    *text_fields[i] = g_strdup (lanyard_hub_value (result, row, i));
  lanyard_role_from_string (lanyard_hub_value (result, row, 7), &a->role);
  lanyard_status_from_string (lanyard_hub_value (result, row, 8), &a->status);
  if (json_parser_load_from_data (parser, lanyard_hub_value (result, row, 10), -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *id = json_array_get_string_element (array, i);

          /* a session the event here does not know yet would break the
           * registration's reference: it comes with the next event */
          if (id != NULL && event != NULL && lanyard_event_find_session (event, id) != NULL)
            g_strv_builder_add (sessions, id);
        }
    }
  a->sessions = g_strv_builder_end (sessions);
  if (full)
    {
      for (guint i = 0; i < G_N_ELEMENTS (sensitive); i++)
        *sensitive[i] = g_strdup (lanyard_hub_value (result, row, 12 + i));
      a->board = g_strdup (lanyard_hub_value (result, row, 18));
      a->permission_to_report = lanyard_hub_value_int64 (result, row, 19) != 0;
      a->first_name_latin = g_strdup (lanyard_hub_value (result, row, 20));
      a->last_name_latin = g_strdup (lanyard_hub_value (result, row, 21));
    }
  if (!lanyard_store_upsert_attendee (store, a, NULL, NULL, error))
    return FALSE;
  /* The badge version only grows: a replacement made here and not yet at
   * the hub stays. */
  stmt = lanyard_store_prepare (store,
      "UPDATE attendee SET badge_version = ?1, revision = revision + 1 WHERE id = ?2 AND badge_version < ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, badge_version);
  sqlite3_bind_int64 (stmt, 2, a->id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lanyard_store_set_error (store, error);
  return TRUE;
}

static gboolean
step_done (LanyardStore  *store,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lanyard_store_set_error (store, error);
  return TRUE;
}

static gboolean
apply_device_row (LanyardStore    *store,
                  JsonParser      *parser,
                  JsonParser      *sensitive_parser,
                  const PGresult  *result,
                  int              row,
                  gboolean         full,
                  GError         **error)
{
  const char *uuid = lanyard_hub_value (result, row, 0);
  const char *kind = lanyard_hub_value (result, row, 2);
  const char *ticket = lanyard_hub_value (result, row, 3);
  JsonObject *p = parse_object (parser, lanyard_hub_value (result, row, 5));
  JsonObject *sens = full ? parse_object (sensitive_parser, lanyard_hub_value (result, row, 7)) : NULL;
  sqlite3_stmt *stmt;

  if (p == NULL)
    return TRUE;
  if (g_str_equal (kind, "scan"))
    {
      /* A scan that is here already is skipped (the log refuses it
       * again). Asked apart: an INSERT … SELECT that reads the scan table
       * copies its one row through a temporary table first. */
      stmt = lanyard_store_prepare (store, "SELECT 1 FROM scan WHERE uuid = ?", error);
      if (stmt == NULL)
        return FALSE;
      lanyard_bind_text (stmt, 1, uuid);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        return TRUE;
      stmt = lanyard_store_prepare (store,
          "INSERT INTO scan (uuid, device, at, attendee_id, session_id, kind, outcome, detail, recorded_at)"
          " VALUES (?1, ?2, ?3, (SELECT id FROM attendee WHERE ticket_code = ?4), ?5, ?6, ?7, ?8, ?9)", error);
      if (stmt == NULL)
        return FALSE;
      lanyard_bind_text (stmt, 1, uuid);
      lanyard_bind_text (stmt, 2, member_string (p, "device"));
      sqlite3_bind_int64 (stmt, 3, member_int (p, "at"));
      lanyard_bind_text (stmt, 4, ticket);
      lanyard_bind_text (stmt, 5, member_string (p, "session_id"));
      lanyard_bind_text (stmt, 6, member_string (p, "kind"));
      lanyard_bind_text (stmt, 7, member_string (p, "outcome"));
      lanyard_bind_text (stmt, 8, member_string (p, "detail"));
      sqlite3_bind_int64 (stmt, 9, member_int (p, "recorded_at"));
      return step_done (store, stmt, error);
    }
  if (g_str_equal (kind, "audit"))
    {
      JsonObject *values = sens ? sens : p;

      stmt = lanyard_store_prepare (store,
          "INSERT OR IGNORE INTO audit (uuid, attendee_id, field, old_value, new_value, at, device, reason)"
          " VALUES (?1, (SELECT id FROM attendee WHERE ticket_code = ?2), ?3, ?4, ?5, ?6, ?7, ?8)", error);
      if (stmt == NULL)
        return FALSE;
      lanyard_bind_text (stmt, 1, uuid);
      lanyard_bind_text (stmt, 2, ticket);
      lanyard_bind_text (stmt, 3, member_string (p, "field"));
      /* a door never holds a sensitive value: it keeps that it changed */
      lanyard_bind_text (stmt, 4, member_string (values, "old_value"));
      lanyard_bind_text (stmt, 5, member_string (values, "new_value"));
      sqlite3_bind_int64 (stmt, 6, member_int (p, "at"));
      lanyard_bind_text (stmt, 7, member_string (p, "device"));
      lanyard_bind_text (stmt, 8, member_string (p, "reason"));
      return step_done (store, stmt, error);
    }
  if (g_str_equal (kind, "attestation"))
    {
      JsonNode *credits = json_object_get_member (p, "credits");

      stmt = lanyard_store_prepare (store,
          "INSERT OR IGNORE INTO attestation (uuid, attendee_id, credit_type, credits, at, device,"
          " permission_to_report) VALUES (?1, (SELECT id FROM attendee WHERE ticket_code = ?2), ?3, ?4, ?5, ?6, ?7)",
          error);
      if (stmt == NULL)
        return FALSE;
      lanyard_bind_text (stmt, 1, uuid);
      lanyard_bind_text (stmt, 2, ticket);
      lanyard_bind_text (stmt, 3, member_string (p, "credit_type"));
      sqlite3_bind_double (stmt, 4, credits ? json_node_get_double (credits) : 0);
      sqlite3_bind_int64 (stmt, 5, member_int (p, "at"));
      lanyard_bind_text (stmt, 6, member_string (p, "device"));
      sqlite3_bind_int (stmt, 7, member_int (p, "permission_to_report") != 0);
      return step_done (store, stmt, error);
    }
  /* One finished evaluation per learner: the first to arrive stands. */
  if (g_str_equal (kind, "evaluation"))
    {
      stmt = lanyard_store_prepare (store,
          "INSERT OR IGNORE INTO evaluation (attendee_id, completed_at, uuid, device)"
          " SELECT id, ?3, ?1, ?4 FROM attendee WHERE ticket_code = ?2", error);
      if (stmt == NULL)
        return FALSE;
      lanyard_bind_text (stmt, 1, uuid);
      lanyard_bind_text (stmt, 2, ticket);
      sqlite3_bind_int64 (stmt, 3, member_int (p, "completed_at"));
      lanyard_bind_text (stmt, 4, member_string (p, "device"));
      return step_done (store, stmt, error);
    }
  if (g_str_equal (kind, "evaluation_answer"))
    {
      stmt = lanyard_store_prepare (store,
          "INSERT OR IGNORE INTO evaluation_answer (uuid, attendee_id, session_id, question, score, choice, text,"
          " at, device) SELECT ?1, id, ?3, ?4, ?5, ?6, ?7, ?8, ?9 FROM attendee WHERE ticket_code = ?2", error);
      if (stmt == NULL)
        return FALSE;
      lanyard_bind_text (stmt, 1, uuid);
      lanyard_bind_text (stmt, 2, ticket);
      lanyard_bind_text (stmt, 3, member_string (p, "session_id"));
      lanyard_bind_text (stmt, 4, member_string (p, "question"));
      if (member_int (p, "score") > 0)
        sqlite3_bind_int64 (stmt, 5, member_int (p, "score"));
      else
        sqlite3_bind_null (stmt, 5);
      lanyard_bind_text (stmt, 6, member_string (p, "choice"));
      /* the words were in the payload before they moved to sensitive */
      lanyard_bind_text (stmt, 7, member_string (sens, "text") != NULL ? member_string (sens, "text")
                                                                        : member_string (p, "text"));
      sqlite3_bind_int64 (stmt, 8, member_int (p, "at"));
      lanyard_bind_text (stmt, 9, member_string (p, "device"));
      return step_done (store, stmt, error);
    }
  if (g_str_equal (kind, "conflict"))
    {
      stmt = lanyard_store_prepare (store,
          "INSERT OR IGNORE INTO sync_conflict (uuid, ticket_code, field, lost, lost_device, won, won_device, at)"
          " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      lanyard_bind_text (stmt, 1, uuid);
      lanyard_bind_text (stmt, 2, ticket);
      lanyard_bind_text (stmt, 3, member_string (p, "field"));
      lanyard_bind_text (stmt, 4, member_string (p, "lost"));
      lanyard_bind_text (stmt, 5, member_string (p, "lost_device"));
      lanyard_bind_text (stmt, 6, member_string (p, "won"));
      lanyard_bind_text (stmt, 7, member_string (p, "won_device"));
      sqlite3_bind_int64 (stmt, 8, lanyard_hub_value_int64 (result, row, 4));
      return step_done (store, stmt, error);
    }
  /* Another device's print job, each state a row of its own ("UUID:state"):
   * its latest state, beside (never in) this device's own print jobs. */
  if (g_str_equal (kind, "print_job"))
    {
      const char *colon = strrchr (uuid, ':');
      g_autofree char *job = colon != NULL ? g_strndup (uuid, colon - uuid) : g_strdup (uuid);

      stmt = lanyard_store_prepare (store,
          "INSERT INTO sync_print_job (uuid, device, attendee_id, document, state, error, created_at, updated_at)"
          " SELECT ?1, ?2, (SELECT id FROM attendee WHERE ticket_code = ?3), coalesce (?4, ''), coalesce (?5, 'failed'),"
          " ?6, ?7, ?8"
          " WHERE NOT EXISTS (SELECT 1 FROM print_job WHERE uuid = ?1)"
          " ON CONFLICT (uuid) DO UPDATE SET state = excluded.state, error = excluded.error,"
          " updated_at = excluded.updated_at WHERE excluded.updated_at >= sync_print_job.updated_at", error);
      if (stmt == NULL)
        return FALSE;
      lanyard_bind_text (stmt, 1, job);
      lanyard_bind_text (stmt, 2, lanyard_hub_value (result, row, 1));
      lanyard_bind_text (stmt, 3, ticket);
      lanyard_bind_text (stmt, 4, member_string (p, "document"));
      lanyard_bind_text (stmt, 5, member_string (p, "state"));
      lanyard_bind_text (stmt, 6, member_string (p, "error"));
      sqlite3_bind_int64 (stmt, 7, member_int (p, "created_at"));
      sqlite3_bind_int64 (stmt, 8, member_int (p, "updated_at"));
      return step_done (store, stmt, error);
    }
  /* walk-ins arrive as registrations */
  return TRUE;
}

gboolean
lanyard_sync_apply_rows (LanyardStore    *store,
                         const PGresult  *registrations,
                         const PGresult  *rows,
                         gboolean         full,
                         GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) sensitive_parser = json_parser_new ();
  g_autoptr(LanyardEvent) event = lanyard_store_load_event (store, NULL);

  for (int i = 0; registrations != NULL && i < PQntuples (registrations); i++)
    if (!apply_registration (store, event, parser, registrations, i, full, error))
      return FALSE;
  for (int i = 0; rows != NULL && i < PQntuples (rows); i++)
    if (!apply_device_row (store, parser, sensitive_parser, rows, i, full, error))
      return FALSE;
  return TRUE;
}

/* One snapshot of the hub from the cursor on, applied in one local
 * transaction with the cursor moved: FALSE in *out_more when it is all. */
static gboolean
pull_batch (LanyardStore  *store,
            PGconn        *conn,
            gboolean       full,
            guint         *pulled,
            gboolean      *out_more,
            GError       **error)
{
  char cursor_text[32], limit_text[16];
  const char *params[2] = { cursor_text, limit_text };
  gint64 cursor = meta_int64 (store, "hub_cursor");
  gint64 bound = G_MAXINT64, top = cursor;
  g_autoptr(PGresult) event_rows = NULL;
  g_autoptr(PGresult) registrations = NULL;
  g_autoptr(PGresult) rows = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) sensitive_parser = json_parser_new ();
  g_autoptr(LanyardEvent) event = NULL;
  int n_reg, n_rows;

  g_snprintf (cursor_text, sizeof cursor_text, "%" G_GINT64_FORMAT, cursor);
  g_snprintf (limit_text, sizeof limit_text, "%d", LANYARD_SYNC_PULL_BATCH);
  *out_more = FALSE;
  /* A quiet poll is one round trip: no committed row can have a position
   * the sequence has not handed out yet. */
  {
    g_autoptr(PGresult) last = lanyard_hub_query (conn,
        "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM hub_position", 0, NULL, error);

    if (last == NULL)
      return FALSE;
    if (lanyard_hub_value_int64 (last, 0, 0) <= cursor)
      return TRUE;
  }
  if (!lanyard_hub_exec (conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", error))
    return FALSE;
  event_rows = lanyard_hub_query (conn, "SELECT document, public_key, pin_hash, pos FROM hub_event WHERE pos > $1",
                                  1, params, error);
  if (event_rows != NULL)
    registrations = lanyard_hub_query (conn, full
        ? "SELECT " REGISTRATION_COLUMNS REGISTRATION_SENSITIVE " FROM registration WHERE pos > $1 ORDER BY pos LIMIT $2"
        : "SELECT " REGISTRATION_COLUMNS " FROM registration WHERE pos > $1 ORDER BY pos LIMIT $2", 2, params, error);
  if (registrations != NULL)
    rows = lanyard_hub_query (conn, full
        ? "SELECT uuid, device, kind, ticket_code, device_at, payload::text, pos, sensitive::text"
          " FROM device_row WHERE pos > $1 ORDER BY pos LIMIT $2"
        : "SELECT uuid, device, kind, ticket_code, device_at, payload::text, pos"
          " FROM device_row WHERE pos > $1 AND kind IN " DOOR_ROW_KINDS " ORDER BY pos LIMIT $2", 2, params, error);
  if (rows == NULL)
    {
      if (PQstatus (conn) == CONNECTION_OK)
        lanyard_hub_exec (conn, "ROLLBACK", NULL);
      return FALSE;
    }
  if (!lanyard_hub_exec (conn, "COMMIT", error))
    return FALSE;

  /* A list cut at the limit is whole only up to its last position: the
   * other lists are applied up to there, and the rest comes next time. */
  n_reg = PQntuples (registrations);
  n_rows = PQntuples (rows);
  if (n_reg == LANYARD_SYNC_PULL_BATCH)
    bound = MIN (bound, lanyard_hub_value_int64 (registrations, n_reg - 1, 11));
  if (n_rows == LANYARD_SYNC_PULL_BATCH)
    bound = MIN (bound, lanyard_hub_value_int64 (rows, n_rows - 1, 6));
  *out_more = bound != G_MAXINT64;
  if (PQntuples (event_rows) == 0 && n_reg == 0 && n_rows == 0)
    return TRUE;

  if (!lanyard_store_begin (store, error))
    return FALSE;
  /* Rows applied here are the hub's, not this device's: the outbox
   * triggers stand aside while this transaction holds the flag. */
  if (!lanyard_store_set_meta (store, "hub_applying", "1", error))
    goto fail;
  lanyard_store_defer_search_index (store);
  if (PQntuples (event_rows) > 0)
    {
      gint64 pos = lanyard_hub_value_int64 (event_rows, 0, 3);

      if (pos <= bound)
        {
          if (!apply_event (store, event_rows, error))
            goto fail;
          top = MAX (top, pos);
          (*pulled)++;
        }
    }
  event = lanyard_store_load_event (store, NULL);
  for (int i = 0; i < n_reg; i++)
    {
      gint64 pos = lanyard_hub_value_int64 (registrations, i, 11);

      if (pos > bound)
        break;
      if (!apply_registration (store, event, parser, registrations, i, full, error))
        goto fail;
      top = MAX (top, pos);
      (*pulled)++;
    }
  for (int i = 0; i < n_rows; i++)
    {
      gint64 pos = lanyard_hub_value_int64 (rows, i, 6);

      if (pos > bound)
        break;
      if (!apply_device_row (store, parser, sensitive_parser, rows, i, full, error))
        goto fail;
      top = MAX (top, pos);
      (*pulled)++;
    }
  if (*out_more)
    top = bound;
  if (!lanyard_store_flush_search_index (store, error) ||
      !set_meta_int64 (store, "hub_cursor", top, error) ||
      !delete_meta (store, "hub_applying", error) ||
      !lanyard_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  lanyard_store_discard_search_index (store);
  lanyard_store_rollback (store);
  return FALSE;
}

gboolean
lanyard_sync_pull_as (LanyardStore  *store,
                      PGconn        *conn,
                      gboolean       full,
                      guint         *out_pulled,
                      GError       **error)
{
  gboolean more = TRUE;
  guint pulled = 0;

  while (more)
    if (!pull_batch (store, conn, full, &pulled, &more, error))
      return FALSE;
  if (out_pulled != NULL)
    *out_pulled = pulled;
  return TRUE;
}

/* A door reads no e-mail, birth date, licence, NPI or NABP ID: its role
 * at the hub may not, and it does not ask. */
gboolean
lanyard_sync_pull (LanyardStore  *store,
                   PGconn        *conn,
                   guint         *out_pulled,
                   GError       **error)
{
  g_autofree char *role = lanyard_store_get_meta (store, "hub_role");

  return lanyard_sync_pull_as (store, conn, g_strcmp0 (role, "door") != 0, out_pulled, error);
}

/* After each attempt: when it last worked, since when the hub is out of
 * reach, why. Kept in meta, so `lanyardctl sync --status` tells it too. */
void
lanyard_sync_record_result (LanyardStore  *store,
                            const GError  *error)
{
  gint64 now = g_get_real_time ();
  char code[16];

  /* one commit, not four: this runs after every poll */
  if (!lanyard_store_begin (store, NULL))
    return;
  if (error == NULL)
    {
      set_meta_int64 (store, "hub_last_success", now, NULL);
      delete_meta (store, "hub_offline_since", NULL);
      delete_meta (store, "hub_last_error", NULL);
      delete_meta (store, "hub_error_code", NULL);
    }
  else
    {
      if (meta_int64 (store, "hub_offline_since") == 0)
        set_meta_int64 (store, "hub_offline_since", now, NULL);
      lanyard_store_set_meta (store, "hub_last_error", error->message, NULL);
      g_snprintf (code, sizeof code, "%d", error->domain == LANYARD_ERROR ? error->code : LANYARD_ERROR_FAILED);
      lanyard_store_set_meta (store, "hub_error_code", code, NULL);
    }
  if (!lanyard_store_commit (store, NULL))
    lanyard_store_rollback (store);
}

gboolean
lanyard_sync_once (LanyardStore       *store,
                   LanyardSyncReport  *out_report,
                   GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PGconn) conn = NULL;
  LanyardSyncReport report = { 0 };

  conn = lanyard_sync_connect (store, &local_error);
  if (conn != NULL && lanyard_sync_push (store, conn, &report.pushed, &local_error))
    lanyard_sync_pull (store, conn, &report.pulled, &local_error);
  if (local_error != NULL && g_error_matches (local_error, LANYARD_ERROR, LANYARD_ERROR_NOT_JOINED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  lanyard_sync_record_result (store, local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (out_report != NULL)
    *out_report = report;
  return TRUE;
}

void
lanyard_sync_print_job_free (LanyardSyncPrintJob *self)
{
  if (self == NULL)
    return;
  g_free (self->device);
  g_free (self->document);
  g_free (self->error);
  g_free (self);
}

/* Other devices' print jobs for @attendee_id, newest first: "printed at
 * kiosk-3", "failed at kiosk-3: out of paper" on the desk's record. */
GPtrArray *
lanyard_sync_list_print_jobs (LanyardStore  *store,
                              gint64         attendee_id,
                              GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) lanyard_sync_print_job_free);
  sqlite3_stmt *stmt = lanyard_store_prepare (store,
      "SELECT device, document, state, error, updated_at FROM sync_print_job WHERE attendee_id = ?"
      " ORDER BY updated_at DESC", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, attendee_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      LanyardSyncPrintJob *job = g_new0 (LanyardSyncPrintJob, 1);

      job->device = lanyard_column_dup (stmt, 0);
      job->document = lanyard_column_dup (stmt, 1);
      if (!lanyard_job_state_from_string ((const char *) sqlite3_column_text (stmt, 2), &job->state))
        job->state = LANYARD_JOB_FAILED;
      job->error = lanyard_column_dup (stmt, 3);
      job->updated_at = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (list, job);
    }
  return g_steal_pointer (&list);
}

/* What staff must look at: the same person checked in (or a badge
 * printed) at two devices that did not know of each other; a check-in
 * recorded after the registration was cancelled; an edit that lost at the
 * hub. */
GPtrArray *
lanyard_sync_list_conflicts (LanyardStore  *store,
                             GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) lanyard_sync_conflict_free);
  sqlite3_stmt *stmt;

  stmt = lanyard_store_prepare (store,
      "SELECT a.ticket_code, 'printed_twice', NULL, group_concat (DISTINCT s.device), NULL, MAX (s.at)"
      " FROM scan s JOIN attendee a ON a.id = s.attendee_id"
      " WHERE (s.kind = 'check_in' AND s.outcome = 'checked_in') OR (s.kind = 'badge_printed' AND s.outcome = 'printed')"
      " GROUP BY s.attendee_id, s.kind HAVING COUNT (DISTINCT s.device) > 1"
      " UNION ALL"
      " SELECT a.ticket_code, 'checked_in_cancelled', NULL, group_concat (DISTINCT s.device), NULL, MAX (s.at)"
      " FROM scan s JOIN attendee a ON a.id = s.attendee_id"
      " WHERE a.status = 'cancelled' AND s.kind = 'check_in' AND s.outcome = 'checked_in'"
      " AND s.at >= (SELECT MAX (u.at) FROM audit u WHERE u.attendee_id = a.id AND u.field = 'status'"
      "              AND u.new_value = 'cancelled')"
      " GROUP BY a.id"
      " UNION ALL"
      " SELECT ticket_code, 'edit_lost', field, lost_device || ',' || won_device, lost, at FROM sync_conflict"
      " ORDER BY 6", error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      LanyardSyncConflict *c = g_new0 (LanyardSyncConflict, 1);

      c->ticket_code = lanyard_column_dup (stmt, 0);
      c->kind = lanyard_column_dup (stmt, 1);
      c->field = lanyard_column_dup (stmt, 2);
      c->devices = lanyard_column_dup (stmt, 3);
      c->lost = lanyard_column_dup (stmt, 4);
      c->at = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (list, c);
    }
  return g_steal_pointer (&list);
}
