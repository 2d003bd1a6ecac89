/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LanyardSyncWorker: a joined database's sync, on a thread of its own with
 * its own SQLite connection and its own hub connection, so that no scan,
 * print, check-in or search ever waits for the hub.
 *
 * - pushes within a second of a new local row (it watches PRAGMA
 *   data_version on its connection: any other connection's commit);
 * - pulls at once when the hub NOTIFYs (LISTEN on its open connection)
 *   and every 5 s regardless;
 * - while the hub is out of reach, tries again after 1, 2, 4 … up to 60 s,
 *   and resumes by itself.
 *
 * Signals are emitted on the GMainContext that was the thread-default one
 * when the worker was made (the GTK main context in the app):
 * - "status-changed" (): call lanyard_sync_worker_get_status ();
 * - "pulled" (guint rows): rows from the hub applied to the database;
 *   re-read what is shown.
 *
 * Dropping the last reference asks the thread to stop and does not wait
 * for it (it may be inside a network call); lanyard_sync_worker_stop ()
 * asks and waits.
 */
#pragma once

#include <glib-object.h>

#include "lanyard-sync.h"

G_BEGIN_DECLS

#define LANYARD_TYPE_SYNC_WORKER (lanyard_sync_worker_get_type ())
G_DECLARE_FINAL_TYPE (LanyardSyncWorker, lanyard_sync_worker, LANYARD, SYNC_WORKER, GObject)

#define LANYARD_SYNC_POLL_SECONDS    5
#define LANYARD_SYNC_BACKOFF_MAX_SECONDS 60

LanyardSyncWorker *lanyard_sync_worker_new               (const char        *db_path);
void               lanyard_sync_worker_set_notifications (LanyardSyncWorker *self,
                                                          gboolean           listen);
void               lanyard_sync_worker_start             (LanyardSyncWorker *self);
void               lanyard_sync_worker_poke              (LanyardSyncWorker *self);
void               lanyard_sync_worker_stop              (LanyardSyncWorker *self);
LanyardSyncStatus *lanyard_sync_worker_get_status        (LanyardSyncWorker *self);

G_END_DECLS
