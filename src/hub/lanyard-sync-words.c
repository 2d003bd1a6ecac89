/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lanyard-sync-words.h"

static char *
clock_time (gint64     when,
            GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

  return g_date_time_format (local, "%H:%M");
}

static char *
waiting_words (guint           waiting,
               LanyardSyncRows rows)
{
  if (waiting == 0)
    return g_strdup (_("nothing waiting"));
  if (rows == LANYARD_SYNC_ROWS_SCANS)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u scan waiting", "%u scans waiting", waiting),
                            waiting);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change waiting", "%u changes waiting", waiting),
                          waiting);
}

static char *
synced_words (gint64     last_synced,
              gint64     now,
              GTimeZone *tz)
{
  gint64 seconds = MAX (now - last_synced, 0) / G_USEC_PER_SEC;

  if (last_synced == 0)
    return g_strdup (_("Not synced yet"));
  if (seconds < 1)
    return g_strdup (_("Synced just now"));
  if (seconds < 60)
    /* Translators: how long ago the device last exchanged data with the hub */
    return g_strdup_printf (_("Synced %d s ago"), (int) seconds);
  if (seconds < 3600)
    return g_strdup_printf (_("Synced %d min ago"), (int) (seconds / 60));
  {
    g_autofree char *at = clock_time (last_synced, tz);

    /* Translators: %s is a clock time, 07:42 */
    return g_strdup_printf (_("Synced at %s"), at);
  }
}

char *
lanyard_sync_words (gint64           last_synced,
                    gint64           offline_since,
                    guint            waiting,
                    LanyardSyncRows  rows,
                    gint64           now,
                    GTimeZone       *tz)
{
  g_autofree char *state = NULL;
  g_autofree char *queue = NULL;

  g_return_val_if_fail (tz != NULL, NULL);

  if (offline_since != 0)
    {
      g_autofree char *at = clock_time (offline_since, tz);

      /* Translators: %s is a clock time: "Offline since 10:42" */
      state = g_strdup_printf (_("Offline since %s"), at);
    }
  else
    {
      state = synced_words (last_synced, now, tz);
      if (waiting == 0)
        return g_steal_pointer (&state);
    }

  queue = waiting_words (waiting, rows);
  /* Translators: "Offline since 10:42 — 37 scans waiting" */
  return g_strdup_printf (_("%s — %s"), state, queue);
}
