/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A store in the fuzz run's folder holding the demo event, for the targets
 * that write through the store (csv-import, sync-rows).
 */
#include "config.h"

#include "lanyard-event-import.h"
#include "lanyard-fuzz.h"
#include "lanyard-fuzz-store.h"

LanyardStore *
lanyard_fuzz_open_demo_store (LanyardEvent **out_event)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardEvent) event = NULL;
  g_autofree char *json = NULL;
  g_autofree char *path = NULL;
  LanyardStore *store;
  gsize length;

  json = lanyard_fuzz_read_source ("data/demo/event.json", &length);
  event = lanyard_event_load_data (json, length, &error);
  g_assert_no_error (error);
  path = g_build_filename (lanyard_fuzz_tmpdir (), "fuzz.db", NULL);
  store = lanyard_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (lanyard_store_save_event (store, event, &error));
  g_assert_no_error (error);
  if (out_event != NULL)
    *out_event = g_steal_pointer (&event);
  return store;
}
