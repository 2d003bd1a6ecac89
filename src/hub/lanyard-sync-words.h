/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hub sync's state in words for staff: "Synced 3 s ago", "Offline
 * since 10:42 — 37 scans waiting". GTK-free, so the rule is tested on a
 * clock of its own.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  LANYARD_SYNC_ROWS_SCANS,    /* a door: what waits is scans */
  LANYARD_SYNC_ROWS_CHANGES,  /* a desk or a kiosk: check-ins, edits, prints */
} LanyardSyncRows;

/* All times are microseconds since the epoch (g_get_real_time), 0 for
 * never. @offline_since is 0 while the hub answers. Clock times are
 * written in @tz, the event's time zone. */
char *lanyard_sync_words (gint64           last_synced,
                          gint64           offline_since,
                          guint            waiting,
                          LanyardSyncRows  rows,
                          gint64           now,
                          GTimeZone       *tz);

G_END_DECLS
