/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The office's side of the hub. The hub itself holds no rule the device
 * does not: an import at the hub runs the device's own CSV import on a
 * copy of the hub (lanyard_hub_materialize: a device store that pulled
 * everything) and sends back what changed; reports are the device's
 * reports on such a copy.
 */
#include "config.h"

#include <cairo.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <qrencode.h>
#include <sodium.h>
#include <string.h>

#include "lanyard-attendee-field.h"
#include "lanyard-badge-code.h"
#include "lanyard-error.h"
#include "lanyard-event-import.h"
#include "lanyard-hub.h"
#include "lanyard-hub-schema.h"
#include "lanyard-store-private.h"
#include "lanyard-sync-private.h"

#define IMPORT_BATCH 2000

struct _LanyardHub
{
  char   *conninfo;
  PGconn *conn;
};

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PQconninfoOption, PQconninfoFree)

void
lanyard_hub_device_free (LanyardHubDevice *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->role);
  g_free (self->version);
  g_free (self);
}

void
lanyard_hub_free (LanyardHub *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->conn, PQfinish);
  g_free (self->conninfo);
  g_free (self);
}

LanyardHub *
lanyard_hub_connect (const char  *conninfo,
                     GError     **error)
{
  g_autoptr(LanyardHub) self = g_new0 (LanyardHub, 1);

  self->conninfo = g_strdup (conninfo);
  self->conn = lanyard_hub_open (conninfo, error);
  if (self->conn == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

static gboolean
in_transaction (LanyardHub  *self,
                gboolean     ok,
                GError     **error)
{
  if (ok)
    return lanyard_hub_exec (self->conn, "COMMIT", error);
  if (PQstatus (self->conn) == CONNECTION_OK)
    lanyard_hub_exec (self->conn, "ROLLBACK", NULL);
  return FALSE;
}

gboolean
lanyard_hub_init (LanyardHub  *self,
                  int         *out_from,
                  int         *out_to,
                  GError     **error)
{
  int version = lanyard_hub_schema_version (self->conn, error);

  if (version < 0)
    return FALSE;
  if (version > LANYARD_HUB_SCHEMA_VERSION)
    return lanyard_hub_check_schema (self->conn, error);
  if (out_from != NULL)
    *out_from = version;
  for (int v = version; v < LANYARD_HUB_SCHEMA_VERSION; v++)
    {
      char text[16];
      const char *params[1] = { text };
      g_autoptr(PGresult) result = NULL;
      gboolean ok;

      g_snprintf (text, sizeof text, "%d", v + 1);
      if (!lanyard_hub_exec (self->conn, "BEGIN", error))
        return FALSE;
      ok = lanyard_hub_exec (self->conn, lanyard_hub_migrations[v], error) &&
           (result = lanyard_hub_query (self->conn,
               "INSERT INTO hub_meta (key, value) VALUES ('schema_version', $1)"
               " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", 1, params, error)) != NULL;
      if (!in_transaction (self, ok, error))
        return FALSE;
    }
  if (out_to != NULL)
    *out_to = LANYARD_HUB_SCHEMA_VERSION;
  return TRUE;
}

static char *
public_key_path (const char *key_path)
{
  g_autofree char *stem = g_str_has_suffix (key_path, ".key")
                          ? g_strndup (key_path, strlen (key_path) - 4) : g_strdup (key_path);

  return g_strconcat (stem, ".pub", NULL);
}

/* The event file as the devices read it, and the public half of the badge
 * key: the secret stays with the office (and goes to kiosks and desks in
 * their connection files). */
gboolean
lanyard_hub_load_event (LanyardHub  *self,
                        const char  *event_path,
                        const char  *key_path,
                        gboolean    *out_made_key,
                        GError     **error)
{
  g_autoptr(LanyardEvent) event = NULL;
  g_autoptr(LanyardBadgeKeys) keys = NULL;
  g_autoptr(PGresult) existing = NULL;
  g_autoptr(PGresult) result = NULL;
  g_autofree char *document = NULL;
  g_autofree char *public_path = public_key_path (key_path);
  g_autofree char *public_key = NULL;
  const char *params[2];
  gboolean made = FALSE;

  if (!lanyard_hub_check_schema (self->conn, error))
    return FALSE;
  event = lanyard_event_load_file (event_path, error);
  if (event == NULL || !g_file_get_contents (event_path, &document, NULL, error))
    return FALSE;
  if (!g_file_test (key_path, G_FILE_TEST_EXISTS) && !g_file_test (public_path, G_FILE_TEST_EXISTS))
    {
      keys = lanyard_badge_keys_generate ();
      if (keys == NULL || !lanyard_badge_keys_save (keys, key_path, public_path, error))
        return FALSE;
      made = TRUE;
    }
  else if ((keys = lanyard_badge_keys_load (key_path, public_path, error)) == NULL)
    return FALSE;
  public_key = lanyard_badge_keys_dup_public_base64 (keys);

  existing = lanyard_hub_query (self->conn, "SELECT public_key FROM hub_event", 0, NULL, error);
  if (existing == NULL)
    return FALSE;
  if (PQntuples (existing) > 0 && g_strcmp0 (PQgetvalue (existing, 0, 0), public_key) != 0)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_BAD_KEY,
                   _("The hub holds another badge key than %s: every badge printed so far would stop "
                     "working. Load the event with the key it was loaded with."), key_path);
      return FALSE;
    }
  params[0] = document;
  params[1] = public_key;
  result = lanyard_hub_query (self->conn,
      "INSERT INTO hub_event (id, document, public_key) VALUES (1, $1, $2)"
      " ON CONFLICT (id) DO UPDATE SET document = EXCLUDED.document, public_key = EXCLUDED.public_key",
      2, params, error);
  if (result == NULL)
    return FALSE;
  if (out_made_key != NULL)
    *out_made_key = made;
  return TRUE;
}

gboolean
lanyard_hub_set_pin_hash (LanyardHub  *self,
                          const char  *pin_hash,
                          GError     **error)
{
  const char *params[1] = { pin_hash };
  g_autoptr(PGresult) result = lanyard_hub_query (self->conn, "UPDATE hub_event SET pin_hash = $1", 1, params, error);

  if (result == NULL)
    return FALSE;
  if (g_strcmp0 (PQcmdTuples (result), "1") != 0)
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_NO_EVENT,
                           _("The hub has no event yet: load it first (lanyardctl hub load)."));
      return FALSE;
    }
  return TRUE;
}

/* A store at `path` holding everything the hub holds, as a kiosk or desk
 * would after its first sync (with every sensitive field). */
LanyardStore *
lanyard_hub_materialize (LanyardHub  *self,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(LanyardStore) store = NULL;

  if (!lanyard_hub_check_schema (self->conn, error))
    return NULL;
  store = lanyard_store_open (path, error);
  if (store == NULL || !lanyard_sync_pull_as (store, self->conn, TRUE, NULL, error))
    return NULL;
  return g_steal_pointer (&store);
}

/* A copy of the hub in a private temporary folder (*out_dir), for the
 * device's reports; lanyard_hub_remove_copy() removes it. */
LanyardStore *
lanyard_hub_open_copy (LanyardHub  *self,
                       char       **out_dir,
                       GError     **error)
{
  g_autofree char *dir = g_dir_make_tmp ("lanyard-hub-XXXXXX", error);
  g_autofree char *path = NULL;
  LanyardStore *store;

  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, "hub.db", NULL);
  store = lanyard_hub_materialize (self, path, error);
  if (store == NULL)
    {
      lanyard_hub_remove_copy (dir);
      return NULL;
    }
  *out_dir = g_steal_pointer (&dir);
  return store;
}

void
lanyard_hub_remove_copy (const char *dir)
{
  const char *suffixes[] = { "", "-wal", "-shm", ".key", ".pub" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (dir, "/hub.db", suffixes[i], NULL);

      g_remove (file);
    }
  g_rmdir (dir);
}

/* The device's import, on a copy of the hub; then every registration the
 * import left different from the hub's is sent back in one transaction. */
LanyardImportReport *
lanyard_hub_import (LanyardHub                 *self,
                    const char                 *csv_path,
                    const LanyardImportOptions *options,
                    GError                    **error)
{
  g_autofree char *dir = NULL;
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(LanyardEvent) event = NULL;
  g_autoptr(LanyardImportReport) report = NULL;
  gint64 last_id = 0, last_audit = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (options != NULL, NULL);

  store = lanyard_hub_open_copy (self, &dir, error);
  if (store == NULL)
    return NULL;
  {
    sqlite3_stmt *stmt = lanyard_store_prepare (store, "SELECT COALESCE (MAX (rowid), 0) FROM audit", error);

    if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
      last_audit = sqlite3_column_int64 (stmt, 0);
  }
  if ((event = lanyard_store_load_event (store, error)) == NULL ||
      (report = lanyard_csv_import_file (store, event, csv_path, options, error)) == NULL ||
      /* a dry run says what would change and sends nothing */
      (!options->dry_run && !lanyard_hub_exec (self->conn, "BEGIN", error)))
    {
      g_clear_object (&store);
      lanyard_hub_remove_copy (dir);
      return NULL;
    }
  /* What the import changed is in the hub's audit, as at a device: the
   * audit rows first, so that the hub applies them (a cancel is a field
   * like any other) before the registrations below find nothing left. */
  if (!options->dry_run)
    ok = lanyard_sync_push_audit_since (store, self->conn, "hub", last_audit, error);
  while (ok && !options->dry_run)
    {
      sqlite3_stmt *stmt = lanyard_store_prepare (store,
          "SELECT json_group_array (json_object ('id', id, 'ticket_code', ticket_code, 'uuid', uuid,"
          " 'first_name', first_name, 'last_name', last_name, 'credentials', credentials,"
          " 'profession', profession, 'affiliation', affiliation, 'role', role, 'status', status,"
          " 'email', email, 'npi', npi, 'abim_id', abim_id, 'nabp_eprofile', nabp_eprofile,"
          " 'birth_mmdd', birth_mmdd, 'license', license, 'board', board,"
          " 'first_name_latin', first_name_latin, 'last_name_latin', last_name_latin,"
          " 'permission_to_report', permission_to_report, 'sessions', json ((SELECT json_group_array (session_id)"
          " FROM session_registration r WHERE r.attendee_id = a.id)))), MAX (id), COUNT (*)"
          " FROM (SELECT * FROM attendee WHERE id > ? ORDER BY id LIMIT ?) a", error);
      g_autoptr(PGresult) result = NULL;
      const char *params[1];

      if (stmt == NULL)
        {
          ok = FALSE;
          break;
        }
      sqlite3_bind_int64 (stmt, 1, last_id);
      sqlite3_bind_int (stmt, 2, IMPORT_BATCH);
      if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 2) == 0)
        break;
      last_id = sqlite3_column_int64 (stmt, 1);
      params[0] = (const char *) sqlite3_column_text (stmt, 0);
      result = lanyard_hub_query (self->conn,
          "INSERT INTO registration AS g (ticket_code, uuid, first_name, last_name, credentials, profession,"
          "  affiliation, role, status, sessions, email, npi, abim_id, nabp_eprofile, birth_mmdd, license, board,"
          "  permission_to_report, first_name_latin, last_name_latin)"
          " SELECT r->>'ticket_code', r->>'uuid', r->>'first_name', r->>'last_name', r->>'credentials',"
          "  r->>'profession', r->>'affiliation', r->>'role', r->>'status',"
          "  ARRAY (SELECT jsonb_array_elements_text (r->'sessions') ORDER BY 1), r->>'email', r->>'npi',"
          "  r->>'abim_id', r->>'nabp_eprofile', r->>'birth_mmdd', r->>'license', r->>'board',"
          "  (r->>'permission_to_report')::int <> 0, r->>'first_name_latin', r->>'last_name_latin'"
          " FROM jsonb_array_elements ($1::jsonb) WITH ORDINALITY AS e (r, n) ORDER BY n"
          " ON CONFLICT (ticket_code) DO UPDATE SET first_name = EXCLUDED.first_name,"
          "  last_name = EXCLUDED.last_name, credentials = EXCLUDED.credentials,"
          "  profession = EXCLUDED.profession, affiliation = EXCLUDED.affiliation, role = EXCLUDED.role,"
          "  status = EXCLUDED.status, sessions = EXCLUDED.sessions, email = EXCLUDED.email,"
          "  npi = EXCLUDED.npi, abim_id = EXCLUDED.abim_id, nabp_eprofile = EXCLUDED.nabp_eprofile,"
          "  birth_mmdd = EXCLUDED.birth_mmdd, license = EXCLUDED.license, board = EXCLUDED.board,"
          "  permission_to_report = EXCLUDED.permission_to_report, first_name_latin = EXCLUDED.first_name_latin,"
          "  last_name_latin = EXCLUDED.last_name_latin, updated_at = now ()"
          " WHERE (g.first_name, g.last_name, g.credentials, g.profession, g.affiliation, g.role, g.status,"
          "  g.sessions, g.email, g.npi, g.abim_id, g.nabp_eprofile, g.birth_mmdd, g.license, g.board,"
          "  g.permission_to_report, g.first_name_latin, g.last_name_latin)"
          "  IS DISTINCT FROM (EXCLUDED.first_name, EXCLUDED.last_name, EXCLUDED.credentials,"
          "  EXCLUDED.profession, EXCLUDED.affiliation, EXCLUDED.role, EXCLUDED.status, EXCLUDED.sessions,"
          "  EXCLUDED.email, EXCLUDED.npi, EXCLUDED.abim_id, EXCLUDED.nabp_eprofile, EXCLUDED.birth_mmdd,"
          "  EXCLUDED.license, EXCLUDED.board, EXCLUDED.permission_to_report, EXCLUDED.first_name_latin,"
          "  EXCLUDED.last_name_latin)", 1, params, error);
      ok = result != NULL;
    }
  g_clear_object (&store);
  lanyard_hub_remove_copy (dir);
  if (!options->dry_run && !in_transaction (self, ok, error))
    return NULL;
  return g_steal_pointer (&report);
}

/* --- devices */

static char *
login_name (LanyardHub *self,
            const char *device)
{
  return g_strdup_printf ("%s/%s", PQdb (self->conn), device);
}

static char *
quote_conninfo_value (const char *value)
{
  GString *s = g_string_new ("'");

  for (const char *p = value; *p; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '\'');
  return g_string_free (s, FALSE);
}

/* The office's connection with the device's login in place of its own. */
static char *
device_conninfo (LanyardHub *self,
                 const char *login,
                 const char *password)
{
  g_autoptr(PQconninfoOption) options = PQconninfoParse (self->conninfo, NULL);
  GString *s = g_string_new (NULL);
  const char *host = PQhost (self->conn);

  for (PQconninfoOption *o = options; o && o->keyword != NULL; o++)
    {
      g_autofree char *quoted = NULL;

      if (o->val == NULL || *o->val == '\0' || g_str_equal (o->keyword, "user") ||
          g_str_equal (o->keyword, "password") || g_str_equal (o->keyword, "passfile"))
        continue;
      quoted = quote_conninfo_value (o->val);
      g_string_append_printf (s, "%s%s=%s", s->len ? " " : "", o->keyword, quoted);
    }
  /* a hub found through PGHOST: write down where it was */
  if (strstr (s->str, "host=") == NULL && host != NULL)
    {
      g_autofree char *quoted = quote_conninfo_value (host);

      g_string_append_printf (s, "%shost=%s", s->len ? " " : "", quoted);
    }
  if (strstr (s->str, "dbname=") == NULL)
    {
      g_autofree char *quoted = quote_conninfo_value (PQdb (self->conn));

      g_string_append_printf (s, " dbname=%s", quoted);
    }
  {
    g_autofree char *qlogin = quote_conninfo_value (login);
    g_autofree char *qpassword = quote_conninfo_value (password);

    g_string_append_printf (s, " user=%s password=%s", qlogin, qpassword);
  }
  return g_string_free (s, FALSE);
}

static gboolean
write_qr_png (const char  *text,
              const char  *path,
              GError     **error)
{
  const int module = 6, border = 4;
  QRcode *qr = QRcode_encodeString (text, 0, QR_ECLEVEL_L, QR_MODE_8, 1);
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  int side;

  if (qr == NULL)
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_RENDER,
                           _("The connection is too long for a QR code."));
      return FALSE;
    }
  side = (qr->width + 2 * border) * module;
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, side, side);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int y = 0; y < qr->width; y++)
    for (int x = 0; x < qr->width; x++)
      if (qr->data[y * qr->width + x] & 1)
        cairo_rectangle (cr, (x + border) * module, (y + border) * module, module, module);
  cairo_fill (cr);
  cairo_destroy (cr);
  status = cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);
  QRcode_free (qr);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_RENDER, _("Cannot write %s: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  g_chmod (path, 0600);
  return TRUE;
}

/* before IDENT after [LITERAL], the identifier and the literal quoted */
static gboolean
run_quoted (LanyardHub  *self,
            const char  *before,
            const char  *identifier,
            const char  *after,
            const char  *literal,
            GError     **error)
{
  char *ident = PQescapeIdentifier (self->conn, identifier, strlen (identifier));
  char *lit = literal ? PQescapeLiteral (self->conn, literal, strlen (literal)) : NULL;
  g_autofree char *sql = g_strconcat (before, ident, after, lit ? lit : "", NULL);

  PQfreemem (ident);
  PQfreemem (lit);
  return lanyard_hub_exec (self->conn, sql, error);
}

#define DOOR_REGISTRATION_COLUMNS \
  "ticket_code, uuid, first_name, last_name, credentials, profession, affiliation, role, status," \
  " badge_version, sessions, pos"
#define DOOR_DEVICE_ROW_COLUMNS "uuid, device, kind, ticket_code, device_at, received_at, payload, pos"

/* A login role for the device, its privileges by its role (a door reads
 * no e-mail, birth date, licence, NPI or NABP ID), and its connection
 * file, mode 0600. */
gboolean
lanyard_hub_add_device (LanyardHub  *self,
                        const char  *name,
                        const char  *role,
                        const char  *key_path,
                        const char  *out_path,
                        const char  *qr_path,
                        GError     **error)
{
  g_autofree char *login = login_name (self, name);
  g_autofree char *conninfo = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(PGresult) event = NULL;
  g_autoptr(PGresult) exists = NULL;
  g_autoptr(PGresult) row = NULL;
  g_autoptr(LanyardBadgeKeys) keys = NULL;
  guint8 random[18];
  g_autofree char *password = NULL;
  const char *params[3];
  gboolean door = g_strcmp0 (role, "door") == 0;
  gboolean ok;

  if (!lanyard_check_device_name (name, error))
    return FALSE;
  if (g_str_equal (name, "hub"))
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA,
                           _("“hub” names the hub itself: choose another device name."));
      return FALSE;
    }
  if (!g_strv_contains ((const char * const[]) { "kiosk", "desk", "door", NULL }, role))
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA,
                   _("A device is a kiosk, a desk or a door, not “%s”."), role);
      return FALSE;
    }
  if (strlen (login) > 63)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA,
                   _("The device name “%s” is too long for the hub."), name);
      return FALSE;
    }
  if (door && key_path != NULL)
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA,
                           _("A door only checks badges: it never gets the badge signing key."));
      return FALSE;
    }
  if (key_path != NULL)
    {
      g_autofree char *public_path = public_key_path (key_path);

      keys = lanyard_badge_keys_load (key_path, public_path, error);
      if (keys == NULL)
        return FALSE;
    }
  if (!lanyard_hub_check_schema (self->conn, error))
    return FALSE;
  event = lanyard_hub_query (self->conn, "SELECT public_key FROM hub_event", 0, NULL, error);
  if (event == NULL)
    return FALSE;
  if (PQntuples (event) == 0)
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_NO_EVENT,
                           _("The hub has no event yet: load it first (lanyardctl hub load)."));
      return FALSE;
    }
  if (keys != NULL)
    {
      g_autofree char *pub = lanyard_badge_keys_dup_public_base64 (keys);

      if (!g_str_equal (pub, PQgetvalue (event, 0, 0)))
        {
          g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_BAD_KEY,
                       _("%s is not the badge key the hub’s event was loaded with."), key_path);
          return FALSE;
        }
    }

  randombytes_buf (random, sizeof random);
  password = g_base64_encode (random, sizeof random);
  g_strdelimit (password, "+/", '-');

  params[0] = login;
  exists = lanyard_hub_query (self->conn, "SELECT 1 FROM pg_roles WHERE rolname = $1", 1, params, error);
  if (exists == NULL || !lanyard_hub_exec (self->conn, "BEGIN", error))
    return FALSE;
  params[0] = name;
  params[1] = role;
  params[2] = login;
  ok = run_quoted (self, PQntuples (exists) ? "ALTER ROLE " : "CREATE ROLE ", login, " LOGIN PASSWORD ",
                   password, error) &&
       run_quoted (self, "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ", login, "", NULL, error) &&
       run_quoted (self, "GRANT USAGE ON SCHEMA public TO ", login, "", NULL, error) &&
       run_quoted (self, "GRANT SELECT ON hub_meta, hub_event TO ", login, "", NULL, error) &&
       run_quoted (self, "GRANT USAGE, SELECT ON SEQUENCE hub_position TO ", login, "", NULL, error) &&
       run_quoted (self, door ? "GRANT SELECT (" DOOR_REGISTRATION_COLUMNS ") ON registration TO "
                              : "GRANT SELECT ON registration TO ", login, "", NULL, error) &&
       run_quoted (self, door ? "GRANT SELECT (" DOOR_DEVICE_ROW_COLUMNS ") ON device_row TO "
                              : "GRANT SELECT ON device_row TO ", login, "", NULL, error) &&
       run_quoted (self, "GRANT INSERT (uuid, device, kind, ticket_code, device_at, payload, sensitive)"
                         " ON device_row TO ", login, "", NULL, error) &&
       (row = lanyard_hub_query (self->conn,
           "INSERT INTO device (name, role, login) VALUES ($1, $2, $3)"
           " ON CONFLICT (name) DO UPDATE SET role = EXCLUDED.role, login = EXCLUDED.login,"
           " removed_at = NULL, created_at = now ()", 3, params, error)) != NULL;
  if (!in_transaction (self, ok, error))
    return FALSE;

  conninfo = device_conninfo (self, login, password);
  g_key_file_set_string (file, "Lanyard Hub", "Device", name);
  g_key_file_set_string (file, "Lanyard Hub", "Role", role);
  g_key_file_set_string (file, "Lanyard Hub", "Connection", conninfo);
  g_key_file_set_string (file, "Lanyard Hub", "PublicKey", PQgetvalue (event, 0, 0));
  if (keys != NULL)
    {
      g_autofree char *secret = g_base64_encode (keys->secret_key, sizeof keys->secret_key);

      g_key_file_set_string (file, "Lanyard Hub", "SecretKey", secret);
    }
  text = g_key_file_to_data (file, NULL, NULL);
  if (!g_file_set_contents_full (out_path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;
  if (qr_path != NULL && !write_qr_png (text, qr_path, error))
    return FALSE;
  return TRUE;
}

/* The login can no longer connect; sessions it has open are ended. Its
 * rows stay, under its name. */
gboolean
lanyard_hub_remove_device (LanyardHub  *self,
                           const char  *name,
                           GError     **error)
{
  const char *params[1] = { name };
  g_autoptr(PGresult) row = NULL;
  g_autoptr(PGresult) ended = NULL;
  g_autofree char *login = NULL;
  gboolean ok;

  if (!lanyard_hub_check_schema (self->conn, error) || !lanyard_hub_exec (self->conn, "BEGIN", error))
    return FALSE;
  row = lanyard_hub_query (self->conn,
      "UPDATE device SET removed_at = now () WHERE name = $1 AND removed_at IS NULL RETURNING login",
      1, params, error);
  if (row != NULL && PQntuples (row) == 0)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_NOT_FOUND, _("The hub has no device “%s”."), name);
      return in_transaction (self, FALSE, NULL);
    }
  ok = row != NULL && (login = g_strdup (PQgetvalue (row, 0, 0))) != NULL &&
       run_quoted (self, "ALTER ROLE ", login, " NOLOGIN", NULL, error);
  if (!in_transaction (self, ok, error))
    return FALSE;
  params[0] = login;
  ended = lanyard_hub_query (self->conn,
      "SELECT pg_terminate_backend (pid) FROM pg_stat_activity WHERE usename = $1", 1, params, error);
  return ended != NULL;
}

GPtrArray *
lanyard_hub_list_devices (LanyardHub  *self,
                          GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) lanyard_hub_device_free);
  g_autoptr(PGresult) result = NULL;

  if (!lanyard_hub_check_schema (self->conn, error))
    return NULL;
  result = lanyard_hub_query (self->conn,
      "SELECT d.name, d.role, (extract (epoch FROM d.created_at) * 1000000)::bigint,"
      " (extract (epoch FROM d.removed_at) * 1000000)::bigint, (extract (epoch FROM d.last_seen) * 1000000)::bigint,"
      " d.clock_offset_us, d.rows_waiting, (SELECT count (*) FROM device_row r WHERE r.device = d.name), d.version"
      " FROM device d ORDER BY d.name", 0, NULL, error);
  if (result == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (result); i++)
    {
      LanyardHubDevice *d = g_new0 (LanyardHubDevice, 1);

      d->name = g_strdup (PQgetvalue (result, i, 0));
      d->role = g_strdup (PQgetvalue (result, i, 1));
      d->created_at = lanyard_hub_value_int64 (result, i, 2);
      d->removed_at = lanyard_hub_value_int64 (result, i, 3);
      d->last_seen = lanyard_hub_value_int64 (result, i, 4);
      d->clock_offset = lanyard_hub_value_int64 (result, i, 5);
      d->clock_skewed = ABS (d->clock_offset) > LANYARD_SYNC_CLOCK_SKEW_LIMIT;
      d->rows_waiting = PQgetisnull (result, i, 6) ? -1 : (int) lanyard_hub_value_int64 (result, i, 6);
      d->rows_at_hub = lanyard_hub_value_int64 (result, i, 7);
      d->version = g_strdup (lanyard_hub_value (result, i, 8));
      g_ptr_array_add (list, d);
    }
  return g_steal_pointer (&list);
}
