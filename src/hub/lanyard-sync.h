/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The device's side of the hub: joining (a connection file from
 * `lanyardctl hub add-device`), one push, one pull, and what the device
 * knows about its sync. A database has joined when its meta holds
 * hub_device (lanyard_sync_is_joined).
 *
 * Up: every row the device makes (scans, audit, attestations, print jobs,
 * walk-ins) is queued in sync_outbox by triggers and pushed with its UUID;
 * the hub stores a UUID once, so a push repeated after a lost reply or a
 * kill stores nothing twice. Attendees travel by ticket code, never by a
 * local id.
 * Down: the event, its public badge key and PIN hash, the registrations as
 * the hub's rules left them, and every device's rows, by the hub's position
 * (lanyard-hub-schema.h says why positions never skip a row).
 *
 * Everything here blocks on the network: call it from a worker thread
 * (LanyardSyncWorker) or a command-line tool, with a LanyardStore of its
 * own.
 */
#pragma once

#include <glib-object.h>

#include "lanyard-store.h"

G_BEGIN_DECLS

/* A device's clock further than this from the hub's is flagged. */
#define LANYARD_SYNC_CLOCK_SKEW_LIMIT (2 * 60 * G_USEC_PER_SEC)

typedef struct {
  char     *device;         /* this device's name at the hub */
  char     *role;           /* "kiosk", "desk" or "door" */
  gint64    last_success;   /* µs since the epoch, 0 = never */
  gint64    offline_since;  /* µs, 0 = not offline */
  guint     rows_waiting;   /* made here, not yet at the hub */
  gint64    clock_offset;   /* µs, this device's clock minus the hub's */
  gboolean  clock_skewed;   /* |clock_offset| > LANYARD_SYNC_CLOCK_SKEW_LIMIT */
  char     *last_error;     /* in words, NULL when the last attempt worked */
  int       error_code;     /* LanyardError of last_error, -1 if none */
} LanyardSyncStatus;

typedef struct {
  guint pushed;  /* rows sent up */
  guint pulled;  /* rows (event, registrations, device rows) applied here */
} LanyardSyncReport;

/* One row the hub or this device marked for staff: "printed twice",
 * "checked in while cancelled", an edit that lost. */
typedef struct {
  char   *ticket_code;
  char   *kind;      /* "printed_twice", "checked_in_cancelled", "edit_lost" */
  char   *field;     /* edit_lost: the field */
  char   *devices;   /* the devices involved, comma-separated */
  char   *lost;      /* edit_lost: the audit row that lost */
  gint64  at;
} LanyardSyncConflict;

/* A print job of another device, as the hub brought it: its state at that
 * device's printer. This device's print code never sees it. */
typedef struct {
  char            *device;
  char            *document;  /* "badge", "certificate" */
  LanyardJobState  state;
  char            *error;
  gint64           updated_at;
} LanyardSyncPrintJob;

#define LANYARD_TYPE_SYNC_STATUS (lanyard_sync_status_get_type ())

GType              lanyard_sync_status_get_type  (void) G_GNUC_CONST;
LanyardSyncStatus *lanyard_sync_status_copy      (const LanyardSyncStatus *self);
void               lanyard_sync_status_free      (LanyardSyncStatus       *self);
/* In words, clock times in @tz (NULL: this machine's). */
char              *lanyard_sync_status_describe  (const LanyardSyncStatus *self,
                                                  gint64                   now,
                                                  GTimeZone               *tz);

gboolean           lanyard_sync_is_joined        (LanyardStore            *store);
gboolean           lanyard_sync_join             (LanyardStore            *store,
                                                  const char              *conn_path,
                                                  char                   **out_device,
                                                  GError                 **error);
gboolean           lanyard_sync_join_data        (LanyardStore            *store,
                                                  const char              *data,
                                                  gsize                    len,
                                                  char                   **out_device,
                                                  GError                 **error);
char              *lanyard_sync_dup_device_name  (LanyardStore            *store);
LanyardSyncStatus *lanyard_sync_read_status      (LanyardStore            *store);
guint              lanyard_sync_count_waiting    (LanyardStore            *store);
gboolean           lanyard_sync_once             (LanyardStore            *store,
                                                  LanyardSyncReport       *out_report,
                                                  GError                 **error);
GPtrArray         *lanyard_sync_list_conflicts   (LanyardStore            *store,
                                                  GError                 **error);
void               lanyard_sync_conflict_free    (LanyardSyncConflict     *self);
GPtrArray         *lanyard_sync_list_print_jobs  (LanyardStore            *store,
                                                  gint64                   attendee_id,
                                                  GError                 **error);
void               lanyard_sync_print_job_free   (LanyardSyncPrintJob     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardSyncStatus, lanyard_sync_status_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardSyncConflict, lanyard_sync_conflict_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardSyncPrintJob, lanyard_sync_print_job_free)

G_END_DECLS
