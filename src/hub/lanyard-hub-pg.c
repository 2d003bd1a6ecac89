/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "lanyard-error.h"
#include "lanyard-hub-pg.h"
#include "lanyard-hub-schema.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PQconninfoOption, PQconninfoFree)

static gboolean
is_local_host (const char *host)
{
  return host == NULL || *host == '\0' || *host == '/' || *host == '@' ||
         g_ascii_strcasecmp (host, "localhost") == 0 || g_str_has_prefix (host, "127.") ||
         g_str_equal (host, "::1");
}

/* TLS with the server's name checked is required for any hub that is not
 * on this machine (a unix socket, localhost). */
gboolean
lanyard_hub_check_conninfo (const char  *conninfo,
                            GError     **error)
{
  g_autoptr(PQconninfoOption) options = NULL;
  char *parse_error = NULL;
  const char *host = NULL, *hostaddr = NULL, *sslmode = NULL;
  gboolean local = TRUE;

  options = PQconninfoParse (conninfo, &parse_error);
  if (options == NULL)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA,
                   _("The hub connection is not written correctly: %s"),
                   parse_error ? g_strstrip (parse_error) : _("out of memory"));
      PQfreemem (parse_error);
      return FALSE;
    }
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      if (g_str_equal (o->keyword, "host"))
        host = o->val;
      else if (g_str_equal (o->keyword, "hostaddr"))
        hostaddr = o->val;
      else if (g_str_equal (o->keyword, "sslmode"))
        sslmode = o->val;
    }
  if (host == NULL)
    host = g_getenv ("PGHOST");
  if (host != NULL)
    {
      g_auto(GStrv) hosts = g_strsplit (host, ",", -1);

      for (guint i = 0; hosts[i] != NULL; i++)
        local = local && is_local_host (hosts[i]);
    }
  if (hostaddr != NULL && *hostaddr != '\0')
    {
      g_auto(GStrv) addrs = g_strsplit (hostaddr, ",", -1);

      for (guint i = 0; addrs[i] != NULL; i++)
        local = local && is_local_host (addrs[i]);
    }
  if (!local && g_strcmp0 (sslmode, "verify-full") != 0)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_HUB_REFUSED,
                   _("The hub %s is on another machine: its connection must use TLS with the server checked "
                     "(sslmode=verify-full)."), host ? host : hostaddr);
      return FALSE;
    }
  return TRUE;
}

/* libpq's words on one line: its messages run over several, indented
 * with tabs, which a status line on a device cannot show. */
static char *
one_line (const char *raw)
{
  GString *line = g_string_new (NULL);

  for (const char *p = raw; *p != '\0'; p++)
    {
      if (!g_ascii_isspace (*p))
        g_string_append_c (line, *p);
      else if (line->len > 0 && line->str[line->len - 1] != ' ')
        g_string_append_c (line, ' ');
    }
  return g_strchomp (g_string_free (line, FALSE));
}

static void
set_connect_error (PGconn      *conn,
                   GError     **error)
{
  g_autofree char *msg = one_line (conn ? PQerrorMessage (conn) : "");

  if (strstr (msg, "password authentication failed") != NULL ||
      strstr (msg, "no password supplied") != NULL)
    g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_HUB_REFUSED,
                 _("The hub refused this device’s password. Enrol the device again with a new connection file."));
  else if (strstr (msg, "not permitted to log in") != NULL)
    g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_HUB_REFUSED,
                 _("The hub no longer accepts this device: it was removed. Enrol it again to sync."));
  else if (strstr (msg, "SSL") != NULL || strstr (msg, "certificate") != NULL)
    g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_HUB_REFUSED,
                 _("The hub’s TLS connection could not be trusted (%s)."), msg);
  else if (strstr (msg, "does not exist") != NULL)
    g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_HUB_REFUSED,
                 _("The hub does not know this connection (%s)."), msg);
  else
    g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_HUB_OFFLINE,
                 _("The hub cannot be reached (%s)."), msg);
}

PGconn *
lanyard_hub_open (const char  *conninfo,
                  GError     **error)
{
  /* Defaults first: what the connection string says wins. A cut cable is
   * noticed within seconds, not after the kernel's two hours. */
  const char * const keywords[] = { "connect_timeout", "keepalives_idle", "keepalives_interval",
                                    "keepalives_count", "tcp_user_timeout", "application_name",
                                    "dbname", NULL };
  const char * const values[] = { "5", "5", "2", "3", "10000", "lanyard", conninfo, NULL };
  g_autoptr(PGconn) conn = NULL;

  if (!lanyard_hub_check_conninfo (conninfo, error))
    return NULL;
  conn = PQconnectdbParams (keywords, values, TRUE);
  if (conn == NULL || PQstatus (conn) != CONNECTION_OK)
    {
      set_connect_error (conn, error);
      return NULL;
    }
  return g_steal_pointer (&conn);
}

void
lanyard_hub_set_error (PGconn          *conn,
                       const PGresult  *result,
                       GError         **error)
{
  const char *state = result ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  g_autofree char *msg = one_line (result && *PQresultErrorMessage (result)
                                     ? PQresultErrorMessage (result) : PQerrorMessage (conn));

  if (PQstatus (conn) == CONNECTION_BAD)
    g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_HUB_OFFLINE,
                 _("The connection to the hub broke (%s)."), msg);
  else if (g_strcmp0 (state, "42501") == 0)
    g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_HUB_REFUSED,
                 _("The hub does not allow this device to do that (%s)."), msg);
  else
    g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_DATABASE,
                 _("The hub refused the change (%s). Nothing was changed."), msg);
}

PGresult *
lanyard_hub_query (PGconn              *conn,
                   const char          *sql,
                   int                  n_params,
                   const char * const  *params,
                   GError             **error)
{
  g_autoptr(PGresult) result = PQexecParams (conn, sql, n_params, NULL, params, NULL, NULL, 0);
  ExecStatusType status = result ? PQresultStatus (result) : PGRES_FATAL_ERROR;

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      lanyard_hub_set_error (conn, result, error);
      return NULL;
    }
  return g_steal_pointer (&result);
}

gboolean
lanyard_hub_exec (PGconn      *conn,
                  const char  *sql,
                  GError     **error)
{
  g_autoptr(PGresult) result = PQexec (conn, sql);
  ExecStatusType status = result ? PQresultStatus (result) : PGRES_FATAL_ERROR;

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      lanyard_hub_set_error (conn, result, error);
      return FALSE;
    }
  return TRUE;
}

const char *
lanyard_hub_value (const PGresult *result,
                   int             row,
                   int             column)
{
  return PQgetisnull (result, row, column) ? NULL : PQgetvalue (result, row, column);
}

gint64
lanyard_hub_value_int64 (const PGresult *result,
                         int             row,
                         int             column)
{
  const char *v = lanyard_hub_value (result, row, column);

  return v ? g_ascii_strtoll (v, NULL, 10) : 0;
}

/* 0 when the hub has no Lanyard schema yet, -1 on error. */
int
lanyard_hub_schema_version (PGconn  *conn,
                            GError **error)
{
  g_autoptr(PGresult) exists = lanyard_hub_query (conn, "SELECT to_regclass ('hub_meta') IS NOT NULL", 0, NULL, error);
  g_autoptr(PGresult) result = NULL;

  if (exists == NULL)
    return -1;
  if (g_strcmp0 (lanyard_hub_value (exists, 0, 0), "t") != 0)
    return 0;
  result = lanyard_hub_query (conn, "SELECT value FROM hub_meta WHERE key = 'schema_version'", 0, NULL, error);
  if (result == NULL)
    return -1;
  return PQntuples (result) > 0 ? atoi (PQgetvalue (result, 0, 0)) : 0;
}

/* A device keeps working on its own when the hub was set up by a newer
 * Lanyard; it says so. */
gboolean
lanyard_hub_check_schema (PGconn  *conn,
                          GError **error)
{
  int version = lanyard_hub_schema_version (conn, error);

  if (version < 0)
    return FALSE;
  if (version == 0)
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_HUB_REFUSED,
                           _("The hub is not set up yet: run “lanyardctl hub init” there."));
      return FALSE;
    }
  if (version > LANYARD_HUB_SCHEMA_VERSION)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_HUB_TOO_NEW,
                   _("The hub was set up by a newer Lanyard (hub schema %d; this device knows %d). "
                     "This device keeps working on its own; update Lanyard here to sync again."),
                   version, LANYARD_HUB_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}
