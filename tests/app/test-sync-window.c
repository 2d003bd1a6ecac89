/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Windows of devices that follow a hub (test-sync-window.sh starts it and
 * joins the devices): the door's header says the sync's state in words —
 * synced, then offline with its scan waiting while the hub is away, then
 * synced again by itself once it is back; the desk's status page says the
 * same and lists a person two kiosks checked in while apart. Each case
 * has a device context and a window of its own, finalized at the end.
 */
#include "config.h"

#include <string.h>

#include "lanyard-door-window.h"
#include "lanyard-enrol-window.h"
#include "lanyard-keyboard.h"
#include "lanyard-staff-window.h"
#include "lanyard-test-window.h"

#define ROOM "Workshop Room 1"
#define JANE "MW26-DEMO01"

typedef struct {
  char           *dir;
  LanyardContext *context;
  GtkWindow      *window;
} Fixture;

static const char *
test_dir (void)
{
  const char *dir = g_getenv ("LANYARD_SYNC_TEST_DIR");

  g_assert_nonnull (dir);
  return dir;
}

static LanyardContext *
open_device_with (const char *name,
                  const char *local_name,
                  const char *camera,
                  gboolean    joined)
{
  LanyardKioskConfig *config = lanyard_kiosk_config_new ();
  g_autofree char *file = g_strconcat (name, ".db", NULL);
  g_autoptr(GError) error = NULL;
  LanyardContext *context;

  config->db_path = g_build_filename (test_dir (), file, NULL);
  /* the name set on this computer (its host name, unless set), which the
   * name it joined its hub as overrides */
  config->device_name = g_strdup (local_name != NULL ? local_name : name);
  config->camera_source = g_strdup (camera != NULL ? camera : "lanyardnosuchsource");
  config->door_room = joined ? g_strdup (ROOM) : NULL;
  context = lanyard_context_new (config, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lanyard_context_start_sync (context) == joined);
  return context;
}

static LanyardContext *
open_device (const char *name)
{
  return open_device_with (name, NULL, NULL, TRUE);
}

static void
hub (const char *variable)
{
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_spawn_command_line_sync (g_getenv (variable), NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
run_ctl (const char *device,
         const char *const *args)
{
  g_autofree char *file = g_strconcat (device, ".db", NULL);
  g_autofree char *db = g_build_filename (test_dir (), file, NULL);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;

  g_strv_builder_add_many (b, g_getenv ("LANYARDCTL"), "--db", db, NULL);
  g_strv_builder_addv (b, (const char **) args);
  argv = g_strv_builder_end (b);
  lanyard_test_run ((const char *const *) argv);
}

/* Spins until a mapped label under @root contains @needle and, if not
 * %NULL, @also (60 s at most: the worker backs off 1, 2, 4 … s while the
 * hub is away). */
static const char *
wait_label_saying (GtkWidget  *root,
                   const char *needle,
                   const char *also)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  const char *text;

  while ((text = lanyard_test_label_text_containing (root, needle)) == NULL ||
         (also != NULL && strstr (text, also) == NULL))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("no label says “%s” and “%s” after 60 s (last: “%s”)",
                 needle, also != NULL ? also : "", text != NULL ? text : "");
      lanyard_test_spin (100);
    }
  return text;
}

static const char *
wait_label (GtkWidget  *root,
            const char *needle)
{
  return wait_label_saying (root, needle, NULL);
}

static void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  if (fx->window != NULL)
    lanyard_test_close_and_free (fx->window);
  g_assert_finalize_object (fx->context);
}

static void
test_door_offline_then_synced (Fixture       *fx,
                               gconstpointer  data)
{
  const char *out = g_getenv ("LANYARD_TEST_SCREENS");
  const char *text;

  /* set up on a computer called "this-computer", joined as door-1 */
  fx->context = open_device_with ("door-1", "this-computer", NULL, TRUE);
  lanyard_test_forget_page ();
  fx->window = g_object_new (LANYARD_TYPE_DOOR_WINDOW, "context", fx->context, NULL);
  lanyard_door_window_set_page_observer (LANYARD_DOOR_WINDOW (fx->window), lanyard_test_page_seen, NULL);
  gtk_window_present (fx->window);
  lanyard_test_wait_page ("ready");
  wait_label (GTK_WIDGET (fx->window), "Synced");

  /* The hub goes away; the door keeps taking scans, one waits. */
  hub ("HUB_STOP");
  lanyard_test_forget_page ();
  lanyard_door_window_scan (LANYARD_DOOR_WINDOW (fx->window), (const guint8 *) JANE, strlen (JANE));
  /* The worker may say "offline" before it counts the scan (it looks at
   * the database every 200 ms): wait for the count, then read the rest. */
  text = wait_label_saying (GTK_WIDGET (fx->window), "Offline since", "1 scan waiting");
  g_assert_nonnull (text);
  /* written under the hub's name for it, as the hub files it and the
   * others read it ("printed at kiosk-1"), not the computer's */
  {
    LanyardStore *store = lanyard_context_get_store (fx->context);
    g_autoptr(LanyardAttendee) jane = lanyard_store_find_ticket (store, JANE, NULL);
    g_autoptr(GPtrArray) scans = NULL;

    g_assert_nonnull (jane);
    scans = lanyard_store_list_scans (store, jane->id, NULL);
    g_assert_nonnull (scans);
    g_assert_cmpuint (scans->len, >, 0);
    g_assert_cmpstr (((LanyardScan *) g_ptr_array_index (scans, scans->len - 1))->device, ==, "door-1");
  }
  if (out != NULL)
    lanyard_test_shoot (fx->window, out, "door-offline.png");

  /* Back: the door sends its scan by itself. */
  hub ("HUB_START");
  text = wait_label (GTK_WIDGET (fx->window), "Synced");
  g_assert_null (strstr (text, "waiting"));
  if (out != NULL)
    lanyard_test_shoot (fx->window, out, "door-synced.png");
}

static void
test_desk_lists_printed_twice (Fixture       *fx,
                               gconstpointer  data)
{
  const char *out = g_getenv ("LANYARD_TEST_SCREENS");
  AdwViewStack *stack;
  GtkWidget *root;

  /* Two kiosks check the same person in, each before it hears of the
   * other; both scans are kept. */
  run_ctl ("kiosk-1", (const char *[]) { "checkin", JANE, "--device", "kiosk-1", NULL });
  run_ctl ("kiosk-2", (const char *[]) { "checkin", JANE, "--device", "kiosk-2", NULL });
  run_ctl ("kiosk-1", (const char *[]) { "sync", "--once", NULL });
  run_ctl ("kiosk-2", (const char *[]) { "sync", "--once", NULL });

  fx->context = open_device ("desk-1");
  fx->window = GTK_WINDOW (g_object_new (LANYARD_TYPE_STAFF_WINDOW, "context", fx->context, "unlocked", TRUE, NULL));
  root = GTK_WIDGET (fx->window);
  gtk_window_present (fx->window);
  stack = ADW_VIEW_STACK (lanyard_test_find_widget (root, ADW_TYPE_VIEW_STACK, TRUE));
  g_assert_nonnull (stack);
  adw_view_stack_set_visible_child_name (stack, "status");
  wait_label (root, "Synced");
  /* The desk's worker pulled both kiosks' rows: the page follows. */
  g_assert_cmpstr (wait_label (root, " · " JANE), ==, "Jane Smith, MD · " JANE);
  wait_label (root, "more than one device (kiosk-1, kiosk-2");
  if (out != NULL)
    lanyard_test_shoot (fx->window, out, "desk-synced.png");
}

/* Enrolment without typing: behind the PIN, the door's camera reads the
 * QR code `lanyardctl hub add-device --qr` made, and the door follows the
 * hub from then on, under its name there. */
static void
test_door_joins_by_camera (Fixture       *fx,
                           gconstpointer  data)
{
  const char *out = g_getenv ("LANYARD_TEST_SCREENS");
  g_autofree char *png = g_build_filename (test_dir (), "door-2.png", NULL);
  g_autofree char *camera = g_strdup_printf ("filesrc location=%s ! pngdec ! imagefreeze", png);
  g_autoptr(LanyardSyncStatus) status = NULL;
  GtkWindow *dialog = NULL;
  LanyardKeyboard *keys;

  fx->context = open_device_with ("door-2", NULL, camera, FALSE);
  status = lanyard_context_get_sync_status (fx->context);
  g_assert_null (status);
  lanyard_test_forget_page ();
  fx->window = g_object_new (LANYARD_TYPE_DOOR_WINDOW, "context", fx->context, NULL);
  lanyard_door_window_set_page_observer (LANYARD_DOOR_WINDOW (fx->window), lanyard_test_page_seen, NULL);
  gtk_window_present (fx->window);
  lanyard_test_wait_page ("not-set-up");

  gtk_widget_activate_action (GTK_WIDGET (fx->window), "door.unlock", NULL);
  for (int i = 0; i < 100 && (dialog = lanyard_test_other_window (fx->window)) == NULL; i++)
    lanyard_test_spin (20);
  g_assert_nonnull (dialog);
  keys = LANYARD_KEYBOARD (lanyard_test_find_widget (GTK_WIDGET (dialog), LANYARD_TYPE_KEYBOARD, TRUE));
  g_assert_nonnull (keys);
  lanyard_test_type_keys (keys, "2468", 50);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "pin.unlock", NULL);
  lanyard_test_wait_page ("setup");

  wait_label (GTK_WIDGET (fx->window), "This door now follows the event’s hub as “door-2”.");
  g_assert_cmpstr (lanyard_context_get_device (fx->context), ==, "door-2");
  status = lanyard_context_get_sync_status (fx->context);
  g_assert_nonnull (status);
  g_assert_cmpstr (status->device, ==, "door-2");
  if (out != NULL)
    lanyard_test_shoot (fx->window, out, "door-joined.png");
}

/* A device with nothing on it yet: its first window reads its hub
 * connection from the camera, joins, and takes the first sync — the
 * event and the registrations come from the hub. A badge held up instead
 * is refused in words; so is a camera that does not work. */
static void
test_fresh_device_enrols_by_camera (Fixture       *fx,
                                    gconstpointer  data)
{
  const char *out = g_getenv ("LANYARD_TEST_SCREENS");
  g_autofree char *png = g_build_filename (test_dir (), "kiosk-3.png", NULL);
  g_autoptr(LanyardKioskConfig) config = lanyard_kiosk_config_new ();
  g_autoptr(LanyardKioskConfig) broken = lanyard_kiosk_config_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(LanyardAttendee) jane = NULL;
  GtkWindow *window;
  gboolean enrolled = FALSE;
  gint64 deadline;

  /* No camera here: the window says so; a badge is not a connection. */
  broken->db_path = g_build_filename (test_dir (), "kiosk-4.db", NULL);
  broken->camera_source = g_strdup ("lanyardnosuchsource");
  window = GTK_WINDOW (lanyard_enrol_window_new (NULL, broken));
  gtk_window_present (window);
  wait_label (GTK_WIDGET (window), "The camera is not working");
  lanyard_enrol_window_scan (LANYARD_ENROL_WINDOW (window), (const guint8 *) JANE, strlen (JANE));
  wait_label (GTK_WIDGET (window), "That is not a hub connection code");
  if (out != NULL)
    lanyard_test_shoot (window, out, "enrol-refused.png");
  lanyard_test_close_and_free (window);
  store = lanyard_store_open (broken->db_path, &error);
  g_assert_no_error (error);
  g_assert_false (lanyard_sync_is_joined (store));
  g_clear_object (&store);

  config->db_path = g_build_filename (test_dir (), "kiosk-3.db", NULL);
  config->camera_source = g_strdup_printf ("filesrc location=%s ! pngdec ! imagefreeze", png);
  g_assert_false (g_file_test (config->db_path, G_FILE_TEST_EXISTS));
  window = GTK_WINDOW (lanyard_enrol_window_new (NULL, config));
  g_signal_connect_swapped (window, "enrolled", G_CALLBACK (set_flag), &enrolled);
  gtk_window_present (window);
  wait_label (GTK_WIDGET (window), "Hold this device’s hub connection code up to the camera.");
  if (out != NULL)
    lanyard_test_shoot (window, out, "enrol-waiting.png");
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (!enrolled && g_get_monotonic_time () < deadline)
    lanyard_test_spin (50);
  g_assert_true (enrolled);
  lanyard_test_close_and_free (window);

  /* Its own window can open now: the hub's event, its people, its name. */
  fx->context = open_device_with ("kiosk-3", NULL, NULL, TRUE);
  g_assert_cmpstr (lanyard_context_get_event (fx->context)->id, ==, "MWCC-2026");
  g_assert_cmpstr (lanyard_context_get_device (fx->context), ==, "kiosk-3");
  jane = lanyard_store_find_ticket (lanyard_context_get_store (fx->context), JANE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (jane);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add ("/sync-window/door-offline-then-synced", Fixture, NULL, NULL,
              test_door_offline_then_synced, fixture_teardown);
  g_test_add ("/sync-window/desk-lists-printed-twice", Fixture, NULL, NULL,
              test_desk_lists_printed_twice, fixture_teardown);
  g_test_add ("/sync-window/door-joins-by-camera", Fixture, NULL, NULL,
              test_door_joins_by_camera, fixture_teardown);
  g_test_add ("/sync-window/fresh-device-enrols-by-camera", Fixture, NULL, NULL,
              test_fresh_device_enrols_by_camera, fixture_teardown);
  return g_test_run ();
}
