/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A generated meeting for bench-scale and the tests that check its fast
 * paths: sessions in rooms over days, attendees who each go to some of
 * them, and their door scans in the order a meeting makes them. The same
 * spec gives the same event, people and scans (times, rooms, outcomes).
 */
#pragma once

#include <glib.h>

#include "lanyard-store.h"

G_BEGIN_DECLS

typedef struct {
  guint   attendees;
  guint   rooms;
  guint   days;
  guint   slots;        /* session slots a day; every room has a session in each */
  guint   visits;       /* sessions an attendee goes to a day (< slots) */
  guint32 seed;
} LanyardEventSynth;

#define LANYARD_EVENT_SYNTH_LARGEST { 100000, 40, 4, 12, 5, 20261202 }

/* What a scan batch was: the writer's progress. */
typedef void (*LanyardSynthProgress) (guint64  scans,
                                      gpointer user_data);

char    *lanyard_event_synth_event_json   (const LanyardEventSynth *spec);
char    *lanyard_event_synth_people_csv   (const LanyardEventSynth *spec);
guint    lanyard_event_synth_n_sessions   (const LanyardEventSynth *spec);
/* Everyone checks in (lanyard_checkin_perform), then the door scans go in
 * through lanyard_store_append_scan, `batch` to a transaction, in time
 * order, until `limit` scans (0 = all). `progress` is called after each
 * batch. Returns the number of scans written. */
guint64  lanyard_event_synth_write_scans  (const LanyardEventSynth *spec,
                                           LanyardStore            *store,
                                           const LanyardEvent      *event,
                                           guint                    batch,
                                           LanyardSynthProgress     progress,
                                           gpointer                 user_data,
                                           GError                 **error);
/* Midway through the last day's middle slot: sessions running. */
gint64   lanyard_event_synth_busy_time    (const LanyardEventSynth *spec);
char    *lanyard_event_synth_ticket       (guint                    i);

G_END_DECLS
