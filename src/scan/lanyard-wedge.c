/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lanyard-wedge.h"

struct _LanyardWedge
{
  GString *held;      /* UTF-8 of the keys held back */
  guint    n_held;    /* characters in @held */
  gint64   last_key;  /* time of the last held key */
};

LanyardWedge *
lanyard_wedge_new (void)
{
  LanyardWedge *self = g_new0 (LanyardWedge, 1);

  self->held = g_string_new (NULL);
  self->last_key = -1;
  return self;
}

void
lanyard_wedge_free (LanyardWedge *self)
{
  if (self == NULL)
    return;
  g_string_free (self->held, TRUE);
  g_free (self);
}

/* Hands the held keys back as typing. */
static char *
release_held (LanyardWedge *self)
{
  char *text;

  if (self->n_held == 0)
    return NULL;
  text = g_strndup (self->held->str, self->held->len);
  g_string_truncate (self->held, 0);
  self->n_held = 0;
  self->last_key = -1;
  return text;
}

gint64
lanyard_wedge_get_deadline (LanyardWedge *self)
{
  g_return_val_if_fail (self != NULL, -1);

  if (self->n_held == 0)
    return -1;
  return self->last_key + LANYARD_WEDGE_GAP_US;
}

char *
lanyard_wedge_expire (LanyardWedge *self,
                      gint64        now_us)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->n_held == 0 || now_us < lanyard_wedge_get_deadline (self))
    return NULL;
  return release_held (self);
}

LanyardWedgeAction
lanyard_wedge_key (LanyardWedge  *self,
                   gunichar       ch,
                   gboolean       is_enter,
                   gint64         now_us,
                   char         **release,
                   GBytes       **code)
{
  gboolean in_burst;

  g_return_val_if_fail (self != NULL, LANYARD_WEDGE_PASS);
  g_return_val_if_fail (release != NULL && code != NULL, LANYARD_WEDGE_PASS);

  *release = NULL;
  *code = NULL;

  in_burst = self->n_held > 0 && now_us - self->last_key < LANYARD_WEDGE_GAP_US;
  if (self->n_held > 0 && !in_burst)
    *release = release_held (self);

  if (is_enter)
    {
      if (in_burst && self->n_held >= LANYARD_WEDGE_MIN_CHARS)
        {
          gsize len = self->held->len;

          *code = g_bytes_new_take (g_string_free (self->held, FALSE), len);
          self->held = g_string_new (NULL);
          self->n_held = 0;
          self->last_key = -1;
          return LANYARD_WEDGE_SCAN;
        }
      /* Too short to be a scan: typing followed by Enter. */
      if (*release == NULL)
        *release = release_held (self);
      return LANYARD_WEDGE_PASS;
    }

  if (ch == 0 || !g_unichar_validate (ch) || g_unichar_iscntrl (ch))
    {
      /* Arrows, Backspace, shortcuts…: no scanner sends them mid-burst, so
       * whatever was held was typing and goes first. */
      if (*release == NULL)
        *release = release_held (self);
      return LANYARD_WEDGE_PASS;
    }

  if (self->n_held >= LANYARD_WEDGE_MAX_CHARS)
    {
      /* Nothing this long is a badge: a stuck key or a paste. */
      if (*release == NULL)
        *release = release_held (self);
      return LANYARD_WEDGE_PASS;
    }

  g_string_append_unichar (self->held, ch);
  self->n_held++;
  self->last_key = now_us;
  return LANYARD_WEDGE_HOLD;
}
