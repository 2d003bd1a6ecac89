/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The desk's writes to the store: a replacement badge, a correction, a
 * walk-in, a registration cancelled or restored, a waiting badge
 * cancelled, a badge or certificate printed (its line in the scan log),
 * and the check-in that a badge handed over at the desk makes.
 * Each is one LanyardStaffWrite, run by lanyard_store_work_async () with
 * lanyard_staff_write_run () on a worker thread and its own connection,
 * so that the desk keeps drawing while another process holds the file
 * (an import, a backup, rows from the hub) and its busy wait runs. The
 * data holds no window; the result is the attendee as the write left
 * them, for the desk to show (and print) on the main thread.
 */
#pragma once

#include "lanyard-checkin.h"
#include "lanyard-store.h"

G_BEGIN_DECLS

typedef enum {
  LANYARD_STAFF_WRITE_REPLACE,        /* a new badge version, for @reason */
  LANYARD_STAFF_WRITE_CORRECT,        /* @attendee's fields saved, audited */
  LANYARD_STAFF_WRITE_WALK_IN,        /* @attendee registered with a new code */
  LANYARD_STAFF_WRITE_SET_STATUS,     /* @status set (cancelled, active) */
  LANYARD_STAFF_WRITE_CANCEL_WAITING, /* a kiosk's waiting badge will not print */
  LANYARD_STAFF_WRITE_PRINT_BADGE,    /* nothing but the check-in below */
  LANYARD_STAFF_WRITE_PRINTED,        /* @printed in the scan log, @reason its detail */
} LanyardStaffWriteKind;

typedef struct {
  LanyardStaffWriteKind kind;
  gint64                attendee_id;
  char                 *device;
  char                 *reason;     /* REPLACE; PRINTED: a replacement's reason */
  LanyardScanKind       printed;    /* PRINTED: badge printed or reprinted, certificate printed */
  LanyardAttendee      *attendee;   /* CORRECT, WALK_IN, PRINT_BADGE: owned */
  LanyardStatus         status;     /* SET_STATUS */
  /* With @event set: the badge the desk then hands over checks its owner
   * in (a check-in refused, for a cancelled registration say, is not
   * made; its failure only logged: the badge still prints). */
  LanyardEvent         *event;
  LanyardBadgeKeys     *keys;
} LanyardStaffWrite;

LanyardStaffWrite *lanyard_staff_write_new  (LanyardStaffWriteKind  kind,
                                             gint64                 attendee_id,
                                             const char            *device);
/* The badge's check-in after the write, for @event and @keys (copied). */
void               lanyard_staff_write_check_in (LanyardStaffWrite      *write,
                                                 LanyardEvent           *event,
                                                 const LanyardBadgeKeys *keys);
void               lanyard_staff_write_free (LanyardStaffWrite     *write);

/* A LanyardStoreWorkFunc: does @write on @store. Returns the attendee as
 * it left them (a LanyardAttendee, NULL for a status or a waiting badge),
 * or NULL with @error set. */
gpointer           lanyard_staff_write_run  (LanyardStore          *store,
                                             gpointer               write,
                                             GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardStaffWrite, lanyard_staff_write_free)

G_END_DECLS
