/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Turns a stream of decoded codes into "scans": a code held in front of the
 * camera is decoded many times a second but must count once.
 *
 * Rule: a code counts when it has not been seen during the last
 * @absence_us (LANYARD_DEBOUNCE_ABSENCE_US by default, 1 s). So it counts
 * once while it stays in view, again once it has been out of view that
 * long, and a different code counts at once. The rule is on time rather
 * than on a number of frames because the decoder skips frames when busy and
 * misses a code now and then on a blurred frame: a frame count would turn
 * either into a double scan. Several codes in view (two badges held up)
 * each count once, not alternately. A code that stays in view but goes
 * unread for longer than @absence_us (glare) counts again — unavoidable,
 * since "unread" and "gone" look the same.
 *
 * Pure: the caller passes the time, so tests inject it. Not thread-safe. */
#define LANYARD_DEBOUNCE_ABSENCE_US (G_USEC_PER_SEC)

typedef struct _LanyardDebouncer LanyardDebouncer;

LanyardDebouncer *lanyard_debouncer_new   (gint64            absence_us);
void              lanyard_debouncer_free  (LanyardDebouncer *self);

/* Reports that @code was decoded at @now_us (monotonic µs; must not go
 * backwards). Returns %TRUE when this sighting counts as a scan. */
gboolean          lanyard_debouncer_feed  (LanyardDebouncer *self,
                                           GBytes           *code,
                                           gint64            now_us);

/* Forgets every code (e.g. after the camera restarted). */
void              lanyard_debouncer_reset (LanyardDebouncer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardDebouncer, lanyard_debouncer_free)

G_END_DECLS
