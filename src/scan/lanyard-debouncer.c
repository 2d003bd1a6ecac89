/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lanyard-debouncer.h"

/* More distinct codes than this in view within a second is not a real
 * scene; the oldest is forgotten (and would count again). */
#define MAX_RECENT 16

typedef struct {
  GBytes *code;
  gint64  last_seen;
} Sighting;

struct _LanyardDebouncer
{
  gint64   absence_us;
  Sighting recent[MAX_RECENT];
  guint    n_recent;
};

LanyardDebouncer *
lanyard_debouncer_new (gint64 absence_us)
{
  LanyardDebouncer *self = g_new0 (LanyardDebouncer, 1);

  self->absence_us = absence_us > 0 ? absence_us : LANYARD_DEBOUNCE_ABSENCE_US;
  return self;
}

void
lanyard_debouncer_reset (LanyardDebouncer *self)
{
  for (guint i = 0; i < self->n_recent; i++)
    g_bytes_unref (self->recent[i].code);
  self->n_recent = 0;
}

void
lanyard_debouncer_free (LanyardDebouncer *self)
{
  if (self == NULL)
    return;
  lanyard_debouncer_reset (self);
  g_free (self);
}

static void
forget (LanyardDebouncer *self,
        guint             i)
{
  g_bytes_unref (self->recent[i].code);
  self->recent[i] = self->recent[--self->n_recent];
}

gboolean
lanyard_debouncer_feed (LanyardDebouncer *self,
                        GBytes           *code,
                        gint64            now_us)
{
  guint oldest = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  /* Codes unseen for long enough have left the view. */
  for (guint i = 0; i < self->n_recent;)
    {
      if (now_us - self->recent[i].last_seen >= self->absence_us)
        forget (self, i);
      else
        i++;
    }

  for (guint i = 0; i < self->n_recent; i++)
    {
      if (g_bytes_equal (self->recent[i].code, code))
        {
          self->recent[i].last_seen = now_us;
          return FALSE;
        }
    }

  if (self->n_recent == MAX_RECENT)
    {
      for (guint i = 1; i < self->n_recent; i++)
        if (self->recent[i].last_seen < self->recent[oldest].last_seen)
          oldest = i;
      forget (self, oldest);
    }

  self->recent[self->n_recent].code = g_bytes_ref (code);
  self->recent[self->n_recent].last_seen = now_us;
  self->n_recent++;
  return TRUE;
}
