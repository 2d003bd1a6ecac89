/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The steps of a sync, for the worker, the hub's own reports and the
 * benchmark: each takes an open hub connection and blocks on it.
 */
#pragma once

#include "lanyard-hub-pg.h"
#include "lanyard-sync.h"

G_BEGIN_DECLS

/* Device rows and registrations fetched per round trip of a pull. */
#define LANYARD_SYNC_PULL_BATCH 2000

PGconn   *lanyard_sync_connect         (LanyardStore  *store,
                                        GError       **error);
gboolean  lanyard_sync_push            (LanyardStore  *store,
                                        PGconn        *conn,
                                        guint         *out_pushed,
                                        GError       **error);
gboolean  lanyard_sync_pull            (LanyardStore  *store,
                                        PGconn        *conn,
                                        guint         *out_pulled,
                                        GError       **error);
gboolean  lanyard_sync_pull_as         (LanyardStore  *store,
                                        PGconn        *conn,
                                        gboolean       full,
                                        guint         *out_pulled,
                                        GError       **error);
gboolean  lanyard_sync_push_audit_since (LanyardStore  *store,
                                         PGconn        *conn,
                                         const char    *device,
                                         gint64         after_rowid,
                                         GError       **error);
/* The decoding half of a pull, as pull_batch applies what it fetched
 * (no transaction, no cursor): registrations with the columns of
 * REGISTRATION_COLUMNS (and REGISTRATION_SENSITIVE when full), device rows
 * as uuid, device, kind, ticket_code, device_at, payload, pos (and
 * sensitive when full). For the fuzz target (tests/fuzz/fuzz-sync-rows.c). */
gboolean  lanyard_sync_apply_rows      (LanyardStore    *store,
                                        const PGresult  *registrations,
                                        const PGresult  *rows,
                                        gboolean         full,
                                        GError         **error);
void      lanyard_sync_record_result   (LanyardStore  *store,
                                        const GError  *error);
gboolean  lanyard_sync_set_link        (LanyardStore  *store,
                                        const char    *conninfo,
                                        const char    *device,
                                        const char    *role,
                                        GError       **error);

G_END_DECLS
