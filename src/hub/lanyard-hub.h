/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hub from the CME office's side (`lanyardctl hub …`): its schema, the
 * event and registrations loaded there, the devices and their roles, and
 * reports over every device's rows. Blocks on the network.
 */
#pragma once

#include <glib.h>

#include "lanyard-csv-import.h"
#include "lanyard-store.h"

G_BEGIN_DECLS

typedef struct _LanyardHub LanyardHub;

typedef struct {
  char     *name;
  char     *role;
  gint64    created_at;     /* µs */
  gint64    removed_at;     /* µs, 0 = active */
  gint64    last_seen;      /* µs, 0 = never */
  gint64    clock_offset;   /* µs, device minus hub */
  gboolean  clock_skewed;
  int       rows_waiting;   /* as the device last said; -1 = never said */
  gint64    rows_at_hub;
  char     *version;
} LanyardHubDevice;

LanyardHub          *lanyard_hub_connect        (const char   *conninfo,
                                                 GError      **error);
void                 lanyard_hub_free           (LanyardHub   *self);
gboolean             lanyard_hub_init           (LanyardHub   *self,
                                                 int          *out_from,
                                                 int          *out_to,
                                                 GError      **error);
gboolean             lanyard_hub_load_event     (LanyardHub   *self,
                                                 const char   *event_path,
                                                 const char   *key_path,
                                                 gboolean     *out_made_key,
                                                 GError      **error);
gboolean             lanyard_hub_set_pin_hash   (LanyardHub   *self,
                                                 const char   *pin_hash,
                                                 GError      **error);
LanyardImportReport *lanyard_hub_import         (LanyardHub                 *self,
                                                 const char                 *csv_path,
                                                 const LanyardImportOptions *options,
                                                 GError                    **error);
gboolean             lanyard_hub_add_device     (LanyardHub   *self,
                                                 const char   *name,
                                                 const char   *role,
                                                 const char   *key_path,
                                                 const char   *out_path,
                                                 const char   *qr_path,
                                                 GError      **error);
gboolean             lanyard_hub_remove_device  (LanyardHub   *self,
                                                 const char   *name,
                                                 GError      **error);
GPtrArray           *lanyard_hub_list_devices   (LanyardHub   *self,
                                                 GError      **error);
LanyardStore        *lanyard_hub_materialize    (LanyardHub   *self,
                                                 const char   *path,
                                                 GError      **error);
LanyardStore        *lanyard_hub_open_copy      (LanyardHub   *self,
                                                 char        **out_dir,
                                                 GError      **error);
void                 lanyard_hub_remove_copy    (const char   *dir);
void                 lanyard_hub_device_free    (LanyardHubDevice *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardHub, lanyard_hub_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardHubDevice, lanyard_hub_device_free)

G_END_DECLS
