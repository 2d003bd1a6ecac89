/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lanyard-stats.h"
#include "lanyard-store-private.h"

void
lanyard_stats_free (LanyardStats *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->by_role, g_hash_table_unref);
  g_clear_pointer (&self->by_profession, g_hash_table_unref);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_free (self);
}

GList *
lanyard_stats_sorted_keys (GHashTable *table)
{
  return g_list_sort (g_hash_table_get_keys (table), (GCompareFunc) g_strcmp0);
}

static void
add_count (GHashTable *table,
           const char *key,
           int         n)
{
  gpointer old = g_hash_table_lookup (table, key ? key : "");

  g_hash_table_insert (table, g_strdup (key ? key : ""), GINT_TO_POINTER (GPOINTER_TO_INT (old) + n));
}

/* From the tallies the scan log keeps as it is written (scan_arrival,
 * session_tally: migration "scale"), not from the log itself: at the
 * largest meeting's size the log holds millions of scans. The people are
 * counted from the index attendee_tally, not their rows (a whole read of
 * the table took most of a second at 100,000). */
LanyardStats *
lanyard_stats_compute_at (LanyardStore       *store,
                          const LanyardEvent *event,
                          gint64              now,
                          GError            **error)
{
  g_autoptr(LanyardStats) self = g_new0 (LanyardStats, 1);
  g_autoptr(GHashTable) admitted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  self->by_role = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->by_profession = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->sessions = g_ptr_array_new_with_free_func (g_free);

  /* One walk of the index for both counts, each person's arrival looked up
   * by rowid as it goes (two walks took 42 ms of CPU at 100,000, this one
   * 22). */
  if ((stmt = lanyard_store_prepare (store,
          "SELECT a.status, a.role, a.profession, count(*), count(r.attendee_id)"
          " FROM attendee a INDEXED BY attendee_tally LEFT JOIN scan_arrival r ON r.attendee_id = a.id"
          " GROUP BY a.status, a.role, a.profession", error)) == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LanyardStatus status = LANYARD_STATUS_ACTIVE;
      LanyardRole role = LANYARD_ROLE_ATTENDEE;
      int people = sqlite3_column_int (stmt, 3);
      int arrived = sqlite3_column_int (stmt, 4);

      lanyard_status_from_string ((const char *) sqlite3_column_text (stmt, 0), &status);
      if (status == LANYARD_STATUS_CANCELLED)
        {
          self->cancelled += people;
          continue;
        }
      self->registered += people;
      if (arrived == 0)
        continue;
      lanyard_role_from_string ((const char *) sqlite3_column_text (stmt, 1), &role);
      self->checked_in += arrived;
      add_count (self->by_role, lanyard_role_to_string (role), arrived);
      add_count (self->by_profession, (const char *) sqlite3_column_text (stmt, 2), arrived);
    }
  if (rc != SQLITE_DONE)
    {
      lanyard_store_set_error (store, error);
      return NULL;
    }

  if ((stmt = lanyard_store_prepare (store, "SELECT session_id, admitted FROM session_tally", error)) == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (admitted, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      lanyard_store_set_error (store, error);
      return NULL;
    }

  for (guint i = 0; i < event->sessions->len; i++)
    {
      const LanyardSession *s = g_ptr_array_index (event->sessions, i);
      LanyardSessionCount *c = g_new0 (LanyardSessionCount, 1);

      c->session = s;
      c->inside = MAX (0, lanyard_store_count_inside (store, s, &event->policy, now, NULL));
      c->total = GPOINTER_TO_INT (g_hash_table_lookup (admitted, s->id));
      g_ptr_array_add (self->sessions, c);
    }
  return g_steal_pointer (&self);
}

LanyardStats *
lanyard_stats_compute (LanyardStore       *store,
                       const LanyardEvent *event,
                       GError            **error)
{
  return lanyard_stats_compute_at (store, event, g_get_real_time (), error);
}
