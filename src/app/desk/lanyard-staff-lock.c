/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lanyard-staff-lock.h"

struct _LanyardStaffLock {
  gint64   idle_us;
  gint64   last_input;
  gboolean locked;
};

LanyardStaffLock *
lanyard_staff_lock_new (guint idle_seconds)
{
  LanyardStaffLock *self = g_new0 (LanyardStaffLock, 1);

  self->idle_us = (gint64) MAX (idle_seconds, 1) * G_USEC_PER_SEC;
  self->locked = TRUE;
  return self;
}

void
lanyard_staff_lock_free (LanyardStaffLock *self)
{
  g_free (self);
}

gboolean
lanyard_staff_lock_is_locked (LanyardStaffLock *self)
{
  return self->locked;
}

void
lanyard_staff_lock_unlock (LanyardStaffLock *self,
                           gint64            now)
{
  self->locked = FALSE;
  self->last_input = now;
}

void
lanyard_staff_lock_lock (LanyardStaffLock *self)
{
  self->locked = TRUE;
}

void
lanyard_staff_lock_touch (LanyardStaffLock *self,
                          gint64            now)
{
  if (!self->locked && now > self->last_input)
    self->last_input = now;
}

gboolean
lanyard_staff_lock_tick (LanyardStaffLock *self,
                         gint64            now)
{
  if (self->locked || now - self->last_input < self->idle_us)
    return FALSE;
  self->locked = TRUE;
  return TRUE;
}

guint
lanyard_staff_lock_seconds_left (LanyardStaffLock *self,
                                 gint64            now)
{
  gint64 left;

  if (self->locked)
    return 0;
  left = self->last_input + self->idle_us - now;
  return left <= 0 ? 0 : (guint) ((left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}
