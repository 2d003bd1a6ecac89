/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The three windows are handed a device context and follow it: each is
 * built on its own with g_object_new, and when the event is loaded again
 * under them (an import, later a sync) each shows the new event — the
 * kiosk's footer, the desk's title, the door's rooms — and each is freed
 * once closed. Run under xvfb-run, and under ASan by tests/run-all.sh,
 * where a window still reading the event it was first given fails.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "lanyard-door-window.h"
#include "lanyard-staff-window.h"
#include "lanyard-test-window.h"
#include "lanyard-kiosk-window.h"

#define NEW_TITLE "Midwest Cardiology Update (rescheduled)"
#define NEW_ROOM "Salon Z"

typedef struct {
  char           *dir;
  LanyardContext *context;
} Fixture;

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  const char *src = g_getenv ("LANYARD_SOURCE_DIR");
  g_autofree char *event = g_build_filename (src, "data", "demo", "event.json", NULL);
  LanyardKioskConfig *config = lanyard_kiosk_config_new ();
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("window-context-XXXXXX", NULL);
  config->db_path = g_build_filename (fx->dir, "device.db", NULL);
  config->camera_source = g_strdup ("lanyardnosuchsource");
  config->door_room = g_strdup ("Salon B");
  lanyard_test_run ((const char *[]) { g_getenv ("LANYARDCTL"), "--db", config->db_path,
                                        "init", "--event", event, NULL });
  fx->context = lanyard_context_new (config, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_assert_finalize_object (fx->context);
  lanyard_test_remove_db (fx->dir, "device.db");
  g_free (fx->dir);
}

/* What an import or a sync does: the event changes in the store, and the
 * context loads it again. */
static void
change_event (LanyardContext *context)
{
  LanyardStore *store = lanyard_context_get_store (context);
  g_autoptr(LanyardEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  LanyardSession *added;
  const LanyardSession *first;

  event = lanyard_store_load_event (store, &error);
  g_assert_no_error (error);
  g_free (event->title);
  event->title = g_strdup (NEW_TITLE);
  first = g_ptr_array_index (event->sessions, 0);
  added = lanyard_session_new ();
  added->id = g_strdup ("S99");
  added->title = g_strdup ("Late-breaking trials");
  added->room = g_strdup (NEW_ROOM);
  added->starts_at = first->starts_at;
  added->ends_at = first->ends_at;
  g_ptr_array_add (event->sessions, added);
  g_assert_true (lanyard_store_save_event (store, event, &error));
  g_assert_no_error (error);
  g_assert_true (lanyard_context_reload_event (context, &error));
  g_assert_no_error (error);
}

static GtkWindow *
window_new (GType           type,
            LanyardContext *context)
{
  GtkWindow *window = g_object_new (type, "context", context, NULL);

  gtk_window_present (window);
  lanyard_test_spin (300);
  return window;
}

static void
test_kiosk_follows (Fixture       *fx,
                    gconstpointer  data)
{
  GtkWindow *window = window_new (LANYARD_TYPE_KIOSK_WINDOW, fx->context);

  g_assert_null (lanyard_test_label_text_containing (GTK_WIDGET (window), NEW_TITLE));
  change_event (fx->context);
  lanyard_test_spin (300);
  g_assert_nonnull (lanyard_test_label_text_containing (GTK_WIDGET (window), NEW_TITLE));
  lanyard_test_close_and_free (window);
}

static void
test_desk_follows (Fixture       *fx,
                   gconstpointer  data)
{
  GtkWindow *window = window_new (LANYARD_TYPE_STAFF_WINDOW, fx->context);

  g_assert_null (strstr (gtk_window_get_title (window), NEW_TITLE));
  change_event (fx->context);
  lanyard_test_spin (300);
  g_assert_nonnull (strstr (gtk_window_get_title (window), NEW_TITLE));
  lanyard_test_close_and_free (window);
}

static void
test_door_follows (Fixture       *fx,
                   gconstpointer  data)
{
  GtkWindow *window = window_new (LANYARD_TYPE_DOOR_WINDOW, fx->context);

  g_assert_null (lanyard_test_any_text_containing (GTK_WIDGET (window), NEW_ROOM));
  change_event (fx->context);
  lanyard_test_spin (300);
  /* The new room on the setup page, the new title in the footer. */
  g_assert_nonnull (lanyard_test_any_text_containing (GTK_WIDGET (window), NEW_ROOM));
  g_assert_nonnull (lanyard_test_any_text_containing (GTK_WIDGET (window), NEW_TITLE));
  lanyard_test_close_and_free (window);
}

/* Each window holds the context: the last one closed lets it go. */
static void
test_windows_hold_context (Fixture       *fx,
                           gconstpointer  data)
{
  GtkWindow *kiosk = window_new (LANYARD_TYPE_KIOSK_WINDOW, fx->context);
  GtkWindow *desk = window_new (LANYARD_TYPE_STAFF_WINDOW, fx->context);
  GtkWindow *door = window_new (LANYARD_TYPE_DOOR_WINDOW, fx->context);
  LanyardContext *context = g_object_ref (fx->context);

  change_event (fx->context);
  lanyard_test_spin (300);
  g_assert_nonnull (lanyard_test_label_text_containing (GTK_WIDGET (kiosk), NEW_TITLE));
  g_assert_nonnull (strstr (gtk_window_get_title (desk), NEW_TITLE));
  g_assert_nonnull (lanyard_test_any_text_containing (GTK_WIDGET (door), NEW_ROOM));
  lanyard_test_close_and_free (kiosk);
  lanyard_test_close_and_free (desk);
  lanyard_test_close_and_free (door);
  g_object_unref (context);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add ("/window-context/kiosk", Fixture, NULL, fixture_setup, test_kiosk_follows, fixture_teardown);
  g_test_add ("/window-context/desk", Fixture, NULL, fixture_setup, test_desk_follows, fixture_teardown);
  g_test_add ("/window-context/door", Fixture, NULL, fixture_setup, test_door_follows, fixture_teardown);
  g_test_add ("/window-context/all-three", Fixture, NULL, fixture_setup, test_windows_hold_context, fixture_teardown);
  return g_test_run ();
}
