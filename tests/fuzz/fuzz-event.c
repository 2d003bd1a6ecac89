/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The event file (JSON). An event that loads is saved to a store and read
 * back inside a transaction rolled back after it.
 */
#include "config.h"

#include "lanyard-event-import.h"
#include "lanyard-fuzz.h"
#include "lanyard-store.h"

static LanyardStore *store;

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardEvent) event = NULL;
  g_autoptr(LanyardEvent) again = NULL;

  if (store == NULL)
    {
      g_autofree char *path = g_build_filename (lanyard_fuzz_tmpdir (), "fuzz.db", NULL);

      lanyard_fuzz_abort_on (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      store = lanyard_store_open (path, &error);
      g_assert_no_error (error);
    }

  event = lanyard_event_load_data ((const char *) data, size, &error);
  g_assert_true ((event == NULL) != (error == NULL));
  if (event == NULL)
    {
      lanyard_fuzz_assert_message (error);
      return 0;
    }

  g_assert_true (lanyard_store_begin (store, &error));
  /* An event the loader accepted is one the kiosk can keep. */
  lanyard_store_save_event (store, event, &error);
  g_assert_no_error (error);
  again = lanyard_store_load_event (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->id, ==, event->id);
  g_assert_cmpuint (again->sessions->len, ==, event->sessions->len);
  lanyard_store_rollback (store);
  return 0;
}
