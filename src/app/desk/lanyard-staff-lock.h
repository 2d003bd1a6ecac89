/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The staff desk's lock, without GTK: locked at the start, opened by the
 * PIN (lanyard-pin.h), locked again after idle_seconds without a touch or a
 * key, or at once by hand. Times are µs of one monotonic clock.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LanyardStaffLock LanyardStaffLock;

LanyardStaffLock *lanyard_staff_lock_new          (guint             idle_seconds);
void              lanyard_staff_lock_free         (LanyardStaffLock *self);
gboolean          lanyard_staff_lock_is_locked    (LanyardStaffLock *self);
void              lanyard_staff_lock_unlock       (LanyardStaffLock *self,
                                                   gint64            now);
void              lanyard_staff_lock_lock         (LanyardStaffLock *self);
/* Any input while open. */
void              lanyard_staff_lock_touch        (LanyardStaffLock *self,
                                                   gint64            now);
/* TRUE when it locked itself just now. */
gboolean          lanyard_staff_lock_tick         (LanyardStaffLock *self,
                                                   gint64            now);
/* Whole seconds until it locks itself; 0 when locked. */
guint             lanyard_staff_lock_seconds_left (LanyardStaffLock *self,
                                                   gint64            now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardStaffLock, lanyard_staff_lock_free)

G_END_DECLS
