/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lanyard-stats.h"

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

static void
count (GHashTable *table,
       const char *key)
{
  gpointer old = g_hash_table_lookup (table, key ? key : "");

  g_hash_table_insert (table, g_strdup (key ? key : ""), GINT_TO_POINTER (GPOINTER_TO_INT (old) + 1));
}

GList *
lanyard_stats_sorted_keys (GHashTable *table)
{
  return g_list_sort (g_hash_table_get_keys (table), (GCompareFunc) g_strcmp0);
}

LanyardStats *
lanyard_stats_compute (LanyardStore       *store,
                       const LanyardEvent *event,
                       GError            **error)
{
  g_autoptr(LanyardStats) self = g_new0 (LanyardStats, 1);
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GPtrArray) scans = NULL;
  g_autoptr(GHashTable) arrived = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) admitted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) g_hash_table_unref);

  if ((attendees = lanyard_store_list_attendees (store, error)) == NULL ||
      (scans = lanyard_store_list_scans (store, 0, error)) == NULL)
    return NULL;

  self->by_role = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->by_profession = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->sessions = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < scans->len; i++)
    {
      LanyardScan *scan = g_ptr_array_index (scans, i);

      if (scan->kind == LANYARD_SCAN_CHECK_IN && scan->outcome == LANYARD_OUTCOME_CHECKED_IN)
        g_hash_table_add (arrived, &scan->attendee_id);
      else if (scan->kind == LANYARD_SCAN_SESSION_ENTRY && scan->outcome == LANYARD_OUTCOME_ENTERED &&
               scan->session_id != NULL)
        {
          GHashTable *people = g_hash_table_lookup (admitted, scan->session_id);

          if (people == NULL)
            {
              people = g_hash_table_new (g_int64_hash, g_int64_equal);
              g_hash_table_insert (admitted, g_strdup (scan->session_id), people);
            }
          g_hash_table_add (people, &scan->attendee_id);
        }
    }

  for (guint i = 0; i < attendees->len; i++)
    {
      const LanyardAttendee *a = g_ptr_array_index (attendees, i);

      if (a->status == LANYARD_STATUS_CANCELLED)
        {
          self->cancelled++;
          continue;
        }
      self->registered++;
      if (g_hash_table_contains (arrived, &a->id))
        {
          self->checked_in++;
          count (self->by_role, lanyard_role_to_string (a->role));
          count (self->by_profession, a->profession);
        }
    }

  for (guint i = 0; i < event->sessions->len; i++)
    {
      const LanyardSession *s = g_ptr_array_index (event->sessions, i);
      LanyardSessionCount *c = g_new0 (LanyardSessionCount, 1);
      GHashTable *people = g_hash_table_lookup (admitted, s->id);

      c->session = s;
      c->inside = MAX (0, lanyard_store_count_inside (store, s, &event->policy, g_get_real_time (), NULL));
      c->total = people != NULL ? (int) g_hash_table_size (people) : 0;
      g_ptr_array_add (self->sessions, c);
    }
  return g_steal_pointer (&self);
}
