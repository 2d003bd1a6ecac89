/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libpq as the hub's two sides use it: a connection that says in words why
 * it failed, queries that return NULL with a GError, the TLS rule.
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

gboolean  lanyard_hub_check_conninfo (const char          *conninfo,
                                      GError             **error);
PGconn   *lanyard_hub_open           (const char          *conninfo,
                                      GError             **error);
PGresult *lanyard_hub_query          (PGconn              *conn,
                                      const char          *sql,
                                      int                  n_params,
                                      const char * const  *params,
                                      GError             **error);
gboolean  lanyard_hub_exec           (PGconn              *conn,
                                      const char          *sql,
                                      GError             **error);
int       lanyard_hub_schema_version (PGconn              *conn,
                                      GError             **error);
gboolean  lanyard_hub_check_schema   (PGconn              *conn,
                                      GError             **error);
void      lanyard_hub_set_error      (PGconn              *conn,
                                      const PGresult      *result,
                                      GError             **error);
gint64    lanyard_hub_value_int64    (const PGresult      *result,
                                      int                  row,
                                      int                  column);
const char *lanyard_hub_value        (const PGresult      *result,
                                      int                  row,
                                      int                  column);

G_END_DECLS
