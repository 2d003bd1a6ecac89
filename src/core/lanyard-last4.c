/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "lanyard-last4.h"
#include "lanyard-store-private.h"

guint
lanyard_last4_tries_left (const gint64 *failures,
                          guint         n_failures,
                          gint64        now)
{
  guint recent = 0;

  for (guint i = 0; i < n_failures; i++)
    if (failures[i] <= now && now - failures[i] < LANYARD_LAST4_WINDOW_US)
      recent++;
  return recent >= LANYARD_LAST4_TRIES ? 0 : LANYARD_LAST4_TRIES - recent;
}

gboolean
lanyard_last4_matches (const char *ticket_code,
                       const char *typed)
{
  gsize len;

  if (ticket_code == NULL || typed == NULL || strlen (typed) != 4)
    return FALSE;
  len = strlen (ticket_code);
  return len >= 4 && g_ascii_strcasecmp (ticket_code + len - 4, typed) == 0;
}

gboolean
lanyard_store_add_last4_failure (LanyardStore  *store,
                                 gint64         attendee_id,
                                 const char    *device,
                                 gint64         at,
                                 GError       **error)
{
  sqlite3_stmt *stmt = lanyard_store_prepare (store,
      "INSERT INTO last4_failure (attendee_id, at, device) VALUES (?, ?, ?)", error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, attendee_id);
  sqlite3_bind_int64 (stmt, 2, at);
  lanyard_bind_text (stmt, 3, device);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    lanyard_store_set_error (store, error);
  sqlite3_reset (stmt);
  return ok;
}

guint
lanyard_store_last4_tries_left (LanyardStore *store,
                                gint64        attendee_id,
                                gint64        now)
{
  g_autoptr(GArray) failures = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = lanyard_store_prepare (store,
      "SELECT at FROM last4_failure WHERE attendee_id = ? AND at > ?", &error);
  int rc;

  if (stmt == NULL)
    {
      g_message ("last-four tries: %s", error->message);
      return 0;
    }
  sqlite3_bind_int64 (stmt, 1, attendee_id);
  sqlite3_bind_int64 (stmt, 2, now - LANYARD_LAST4_WINDOW_US);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 at = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (failures, at);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return 0;
  return lanyard_last4_tries_left ((const gint64 *) failures->data, failures->len, now);
}
