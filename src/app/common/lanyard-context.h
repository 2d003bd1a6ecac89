/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What one device works with: its store, the event loaded from it, the
 * badge keys, the configuration (settings and command line) and the
 * settings themselves. Every window, and every page or helper that needs
 * data, is handed a context (a construct-only "context" property) instead
 * of reaching into the application.
 *
 * The event is shared by reference: a holder that keeps it beyond the
 * current call takes its own (lanyard_event_ref) and follows notify::event,
 * which the context emits when the event is reloaded from the store (after
 * an import, a sync).
 *
 * When the store has joined a hub, the context owns its sync worker
 * (lanyard_context_start_sync): "sync-changed" when the sync's state
 * changed (lanyard_context_get_sync_status), "rows-pulled" when rows from
 * other devices were applied to the store (windows re-read what they
 * show), and notify::event when they brought a new event.
 */
#pragma once

#include <gio/gio.h>

#include "lanyard-badge-code.h"
#include "lanyard-kiosk-config.h"
#include "lanyard-model.h"
#include "lanyard-store.h"
#include "lanyard-sync.h"

G_BEGIN_DECLS

#define LANYARD_TYPE_CONTEXT (lanyard_context_get_type ())
G_DECLARE_FINAL_TYPE (LanyardContext, lanyard_context, LANYARD, CONTEXT, GObject)

/* Opens the store named by @config (taken) and loads its event and keys. */
LanyardContext           *lanyard_context_new          (LanyardKioskConfig *config,
                                                        GSettings          *settings,
                                                        GError            **error);

LanyardStore             *lanyard_context_get_store    (LanyardContext     *self);
/* Valid until the next notify::event; take a reference to keep it. */
const LanyardEvent       *lanyard_context_get_event    (LanyardContext     *self);
/* NULL when this device holds no badge key (it cannot sign badges). */
const LanyardBadgeKeys   *lanyard_context_get_keys     (LanyardContext     *self);
const LanyardKioskConfig *lanyard_context_get_config   (LanyardContext     *self);
/* The device's name in the scan log: its name at the hub once it follows
 * one. */
const char               *lanyard_context_get_device   (LanyardContext     *self);

/* Loads the event again from the store; notify::event when it loaded. */
gboolean                  lanyard_context_reload_event (LanyardContext     *self,
                                                        GError            **error);
/* Starts the sync worker when the store has joined a hub; FALSE when it
 * has not (nothing to do). Stopped when the context is disposed. */
gboolean                  lanyard_context_start_sync   (LanyardContext     *self);
/* Whether a scanned code is a device's hub connection (the QR code of
 * `lanyardctl hub add-device --qr`). */
gboolean                  lanyard_context_is_hub_connection (const guint8 *code,
                                                             gsize         len);
/* This device follows the hub of @data (a connection file's text) from
 * now on, as the device it names, and starts syncing. Fails, saying why,
 * when it follows a hub already. */
gboolean                  lanyard_context_join_hub     (LanyardContext     *self,
                                                        const guint8       *data,
                                                        gsize               len,
                                                        GError            **error);
/* NULL when this device follows no hub (or the sync was not started). */
LanyardSyncStatus        *lanyard_context_get_sync_status (LanyardContext  *self);
/* The sync's state in words for staff (lanyard_sync_status_describe), in
 * the event's time zone; NULL when this device follows no hub. */
char                     *lanyard_context_describe_sync (LanyardContext    *self);

/* What this device does from now on ("kiosk", "staff", "door"), also after
 * a restart when the settings schema is installed. */
void                      lanyard_context_set_mode     (LanyardContext     *self,
                                                        const char         *mode);
/* Saves a device setting (GSettings), when the schema is installed. */
void                      lanyard_context_remember     (LanyardContext     *self,
                                                        const char         *key,
                                                        const char         *value);

G_END_DECLS
