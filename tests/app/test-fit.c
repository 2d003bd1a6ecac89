/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every page fits the screen: the kiosk, the staff desk and the session
 * door in this process, on the one screen of the display it runs on
 * (tests/app/meson.build runs it under xvfb-run at each screen size the
 * venues rent, landscape and portrait, in English and in German). For each
 * page, the window's content must fit the screen by its measured minimum
 * size (width, and height at the screen's width), and the page's screenshot
 * must be the screen's size: a page taller or wider than the screen makes
 * the window grow past it, and under cage its edge is simply lost.
 * With LANYARD_TEST_LARGE_TEXT=1 the same in large text (the setting
 * on, every screen's words a third larger), at the sizes meson.build runs
 * it. Screenshots go to $G_TEST_BUILDDIR/fit-screens/WxH-LANG[-large]/.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "lanyard-application.h"
#include "lanyard-door-setup-page.h"
#include "lanyard-door-window.h"
#include "lanyard-keyboard.h"
#include "lanyard-screen-layout.h"
#include "lanyard-staff-window.h"
#include "lanyard-test-window.h"
#include "lanyard-kiosk-window-private.h"

#define PIN "2468"

static struct {
  char               *dir;
  char               *shots;
  const char         *lang;
  LanyardApplication *app;
  LanyardContext     *context;  /* the app's */
  int                 width;   /* the screen's */
  int                 height;
} fx;

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  (void) clock;
  *painted = TRUE;
}

/* Until @window has been drawn once more, as it is now. */
static void
wait_frame (GtkWindow *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gboolean painted = FALSE;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  for (int i = 0; i < 1000 && !painted; i++)
    lanyard_test_spin (10);
  g_signal_handler_disconnect (clock, id);
  g_assert_true (painted);
}

/* A mapped scrolled window under @root that must scroll to show all of
 * its words (lists of names scroll, and the desk is a desktop window), or
 * NULL: the door's result and the kiosk's pages are read, not scrolled. */
static GtkScrolledWindow *
scrolled_words (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found;

      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_SCROLLED_WINDOW (child)
          && lanyard_test_find_widget (child, GTK_TYPE_LIST_BOX, FALSE) == NULL)
        {
          GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (child));

          if (gtk_adjustment_get_upper (v) > gtk_adjustment_get_page_size (v) + 1)
            {
              g_test_message ("scrolls: %.0f px of words in %.0f px", gtk_adjustment_get_upper (v),
                              gtk_adjustment_get_page_size (v));
              return GTK_SCROLLED_WINDOW (child);
            }
        }
      if ((found = scrolled_words (child)) != NULL)
        return found;
    }
  return NULL;
}

/* @window's content at the screen's size: its minimum width, its minimum
 * height at the screen's width (or at its own minimum width, when that is
 * wider), and the screenshot of @page, all within the screen. */
static void
check_fit (GtkWindow  *window,
           const char *mode,
           const char *page,
           gboolean    fills_screen)
{
  GtkWidget *content = gtk_window_get_child (window);
  g_autofree char *file = g_strdup_printf ("%s-%s.png", mode, page);
  g_autofree char *path = NULL;
  g_autoptr(GdkTexture) shot = NULL;
  g_autoptr(GError) error = NULL;
  int min_width, min_height, shot_width, shot_height;
  gboolean saved = FALSE;

  g_strdelimit (file, ":", '-');
  path = g_build_filename (fx.shots, file, NULL);
  wait_frame (window);
  /* A dialog grows to its new words (the PIN pad's "not right") a frame
   * or two later: not cut once it has, and drawn then. */
  if (!fills_screen)
    {
      int own_min = 0;

      for (int i = 0; i < 100; i++)
        {
          gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (GTK_WIDGET (window)),
                              &own_min, NULL, NULL, NULL);
          if (gtk_widget_get_height (GTK_WIDGET (window)) >= own_min)
            break;
          wait_frame (window);
        }
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), >=, own_min);
    }
  /* (a render node only once something was drawn into the window) */
  for (int i = 0; i < 100 && !(saved = lanyard_page_report_save_screenshot (window, path)); i++)
    wait_frame (window);
  g_assert_true (saved);
  shot = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  shot_width = gdk_texture_get_width (shot);
  shot_height = gdk_texture_get_height (shot);

  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, MAX (fx.width, min_width), &min_height, NULL, NULL, NULL);
  /* One line per page for the fit matrix (meson test -v). */
  g_test_message ("fit %s %s %dx%d %s: needs %dx%d, drawn %dx%d", mode, page, fx.width, fx.height, fx.lang,
                  min_width, min_height, shot_width, shot_height);

  g_assert_cmpint (min_width, <=, fx.width);
  g_assert_cmpint (min_height, <=, fx.height);
  g_assert_cmpint (shot_width, <=, fx.width);
  g_assert_cmpint (shot_height, <=, fx.height);
  if (g_strcmp0 (mode, "desk") != 0)
    g_assert_null (scrolled_words (GTK_WIDGET (window)));
  if (fills_screen)
    {
      g_assert_cmpint (shot_width, ==, fx.width);
      g_assert_cmpint (shot_height, ==, fx.height);
    }
}

static void
wait_and_check (GtkWindow  *window,
                const char *mode,
                const char *page)
{
  lanyard_test_wait_page (page);
  check_fit (window, mode, page, TRUE);
}

/* The PIN pad @action opens over @window: it fits too; then the PIN. */
static void
unlock (GtkWindow  *window,
        const char *mode,
        const char *action)
{
  GtkWindow *dialog;
  LanyardKeyboard *keys;

  gtk_widget_activate_action (GTK_WIDGET (window), action, NULL);
  for (int i = 0; i < 100 && (dialog = lanyard_test_other_window (window)) == NULL; i++)
    lanyard_test_spin (20);
  g_assert_nonnull (dialog);
  keys = LANYARD_KEYBOARD (lanyard_test_find_widget (GTK_WIDGET (dialog), LANYARD_TYPE_KEYBOARD, TRUE));
  g_assert_nonnull (keys);
  lanyard_test_type_keys (keys, "1111", 50);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "pin.unlock", NULL);
  /* the try is checked on a worker: its answer (in any language) empties
   * the field */
  for (int i = 0; i < 500 && g_strcmp0 (gtk_editable_get_text (lanyard_keyboard_get_target (keys)), "") != 0; i++)
    lanyard_test_spin (20);
  g_assert_cmpstr (gtk_editable_get_text (lanyard_keyboard_get_target (keys)), ==, "");
  check_fit (dialog, mode, "pin-wrong", FALSE);
  lanyard_test_type_keys (keys, PIN, 50);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "pin.unlock", NULL);
}

/* The first mapped image showing @icon_name under @root. */
static GtkWidget *
find_icon (GtkWidget  *root,
           const char *icon_name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_IMAGE (child) && g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (child)), icon_name) == 0)
        return child;
      if ((found = find_icon (child, icon_name)) != NULL)
        return found;
    }
  return NULL;
}

/* A camera picture on the welcome page: a printed badge held up (the
 * badge sample's PNG as the camera's RGB frame). */
static void
show_badge_to_camera (LanyardKioskWindow *window)
{
  g_autofree char *path = g_build_filename (g_getenv ("LANYARD_SOURCE_DIR"), "data", "screenshots",
                                            "badge-4x3.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) badge = gdk_texture_new_from_filename (path, &error);
  g_autofree guint8 *argb = NULL;
  g_autoptr(GBytes) rgb = NULL;
  guint8 *out;
  int width, height;

  g_assert_no_error (error);
  width = gdk_texture_get_width (badge);
  height = gdk_texture_get_height (badge);
  argb = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (badge, argb, (gsize) width * 4);  /* CAIRO_FORMAT_ARGB32: B G R A in memory */
  out = g_malloc ((gsize) width * height * 3);
  for (gsize i = 0; i < (gsize) width * height; i++)
    {
      out[3 * i] = argb[4 * i + 2];
      out[3 * i + 1] = argb[4 * i + 1];
      out[3 * i + 2] = argb[4 * i];
    }
  rgb = g_bytes_new_take (out, (gsize) width * height * 3);
  lanyard_welcome_page_set_camera_message (window->welcome_page, NULL);
  lanyard_welcome_page_set_frame (window->welcome_page, rgb, width, height, width * 3);
}

static void
show_kiosk_flow (LanyardKioskWindow *window)
{
  _lanyard_kiosk_window_show_flow (window);
}

static void
test_kiosk (void)
{
  LanyardKioskWindow *window = lanyard_kiosk_window_new (GTK_APPLICATION (fx.app), fx.context);
  GtkWindow *w = GTK_WINDOW (window);
  LanyardStore *store = lanyard_context_get_store (fx.context);
  g_autoptr(GPtrArray) hits = lanyard_store_search (store, "MW26-DEMO01", 1, NULL);
  LanyardAttendee *jane;
  LanyardKeyboard *kb;
  LanyardCheckinResult refusal = { 0 };
  gint64 now;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  lanyard_kiosk_window_set_page_observer (window, lanyard_test_page_seen, NULL);
  gtk_window_present (w);

  /* The camera does not work: the welcome page says so, in words. */
  lanyard_test_wait_page ("welcome");
  for (int i = 0; i < 400 && find_icon (GTK_WIDGET (window), "camera-disabled-symbolic") == NULL; i++)
    lanyard_test_spin (20);
  g_assert_nonnull (find_icon (GTK_WIDGET (window), "camera-disabled-symbolic"));
  check_fit (w, "kiosk", "welcome", TRUE);
  show_badge_to_camera (window);
  check_fit (w, "kiosk", "welcome-camera", TRUE);

  gtk_widget_activate_action (GTK_WIDGET (window), "kiosk.find-by-name", NULL);
  lanyard_test_wait_page ("search");
  kb = LANYARD_KEYBOARD (lanyard_test_find_widget (GTK_WIDGET (window), LANYARD_TYPE_KEYBOARD, TRUE));
  g_assert_nonnull (kb);
  lanyard_test_type_keys (kb, "SMITH", 300);
  lanyard_test_wait_label_containing (GTK_WIDGET (window), "Jane Smith");
  check_fit (w, "kiosk", "search", TRUE);

  g_assert_nonnull (hits);
  g_assert_cmpuint (hits->len, ==, 1);
  jane = g_ptr_array_index (hits, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "kiosk.pick-attendee", "x", jane->id);
  lanyard_test_wait_page ("verify");
  kb = LANYARD_KEYBOARD (lanyard_test_find_widget (GTK_WIDGET (window), LANYARD_TYPE_KEYBOARD, TRUE));
  lanyard_test_type_keys (kb, "0000", 50);
  gtk_widget_activate_action (GTK_WIDGET (window), "kiosk.verify", NULL);
  lanyard_test_spin (50);
  check_fit (w, "kiosk", "verify", TRUE);

  lanyard_test_type_keys (kb, "MO01", 50);
  gtk_widget_activate_action (GTK_WIDGET (window), "kiosk.verify", NULL);
  wait_and_check (w, "kiosk", "confirm");

  /* The printing page without a print: the flow's request is taken here. */
  now = g_get_monotonic_time ();
  lanyard_kiosk_flow_confirm (window->flow, now);
  g_assert_true (lanyard_kiosk_flow_should_print (window->flow));
  show_kiosk_flow (window);
  wait_and_check (w, "kiosk", "printing");
  lanyard_kiosk_flow_print_done (window->flow, now);
  show_kiosk_flow (window);
  wait_and_check (w, "kiosk", "collect");

  /* The refusals with the longest words. */
  lanyard_kiosk_flow_scan_failed (window->flow, "database disk image is malformed", now);
  show_kiosk_flow (window);
  wait_and_check (w, "kiosk", "refused:device");
  refusal.outcome = LANYARD_OUTCOME_UNKNOWN;
  lanyard_kiosk_flow_not_me (window->flow, now);
  lanyard_kiosk_flow_scan_result (window->flow, &refusal, FALSE, now);
  show_kiosk_flow (window);
  wait_and_check (w, "kiosk", "refused:unknown");

  /* "My credits & certificate", Jane having sat through the first session. */
  {
    const LanyardSession *s01 = lanyard_event_find_session (lanyard_context_get_event (fx.context), "S01");
    LanyardStore *db = lanyard_context_get_store (fx.context);

    for (int i = 0; i < 2; i++)
      {
        g_autoptr(LanyardScan) scan = lanyard_scan_new ();

        scan->device = g_strdup ("door-fit");
        scan->attendee_id = jane->id;
        scan->session_id = g_strdup ("S01");
        scan->at = i == 0 ? s01->starts_at : s01->ends_at;
        scan->kind = i == 0 ? LANYARD_SCAN_SESSION_ENTRY : LANYARD_SCAN_SESSION_EXIT;
        scan->outcome = i == 0 ? LANYARD_OUTCOME_ENTERED : LANYARD_OUTCOME_EXITED;
        g_assert_true (lanyard_store_append_scan (db, scan, NULL));
      }
  }
  lanyard_kiosk_flow_not_me (window->flow, now);
  show_kiosk_flow (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "kiosk.claim-toggle", NULL);
  wait_and_check (w, "kiosk", "welcome:claim");
  gtk_widget_activate_action (GTK_WIDGET (window), "kiosk.pick-attendee", "x", jane->id);
  lanyard_test_wait_page ("verify");
  kb = LANYARD_KEYBOARD (lanyard_test_find_widget (GTK_WIDGET (window), LANYARD_TYPE_KEYBOARD, TRUE));
  lanyard_test_type_keys (kb, "MO01", 50);
  gtk_widget_activate_action (GTK_WIDGET (window), "kiosk.verify", NULL);
  wait_and_check (w, "kiosk", "claim:transcript");
  gtk_widget_activate_action (GTK_WIDGET (window->claim_page), "claim.next", NULL);
  wait_and_check (w, "kiosk", "claim:attest");
  gtk_widget_activate_action (GTK_WIDGET (window->claim_page), "claim.next", NULL);
  wait_and_check (w, "kiosk", "claim:evaluation");
  lanyard_kiosk_flow_not_me (window->flow, now);
  show_kiosk_flow (window);

  unlock (w, "kiosk", "kiosk.staff-unlock");
  for (int i = 0; i < 200 && window != NULL; i++)
    lanyard_test_spin (20);
  /* The PIN opens the desk instead. */
  g_assert_null (window);
}

static void
test_desk (void)
{
  static const char *const forms[] = { "desk.edit", "desk.walk-in", "desk.replace-badge", "desk.cancel" };
  GtkWindow *window = lanyard_test_other_window (NULL);
  GtkWidget *root;
  LanyardKeyboard *kb;
  GtkWidget *row;
  AdwViewStack *stack;

  /* The kiosk's PIN left the desk open; a desk of its own starts locked. */
  if (window != NULL)
    gtk_window_destroy (window);
  window = GTK_WINDOW (lanyard_staff_window_new (GTK_APPLICATION (fx.app), fx.context, FALSE));
  root = GTK_WIDGET (window);
  lanyard_staff_window_set_page_observer (LANYARD_STAFF_WINDOW (window), lanyard_test_page_seen, NULL);
  gtk_window_present (window);
  wait_and_check (window, "desk", "locked");

  unlock (window, "desk", "desk.unlock");
  wait_and_check (window, "desk", "people");

  kb = LANYARD_KEYBOARD (lanyard_test_find_widget (root, LANYARD_TYPE_KEYBOARD, TRUE));
  g_assert_nonnull (kb);
  lanyard_test_type_keys (kb, "SMITH", 400);
  for (int i = 0; i < 100 && lanyard_test_label_containing (root, "MW26-DEMO01") == NULL; i++)
    lanyard_test_spin (50);
  check_fit (window, "desk", "search", TRUE);

  row = gtk_widget_get_ancestor (lanyard_test_label_containing (root, "MW26-DEMO01"), GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  wait_and_check (window, "desk", "attendee");

  /* The desk's forms over the record: each fits too. */
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      GtkWindow *dialog = NULL;

      gtk_widget_activate_action (root, forms[i], NULL);
      for (int j = 0; j < 100 && (dialog = lanyard_test_other_window (window)) == NULL; j++)
        lanyard_test_spin (20);
      g_assert_nonnull (dialog);
      check_fit (dialog, "desk", forms[i] + strlen ("desk."), FALSE);
      gtk_window_destroy (dialog);
    }

  stack = ADW_VIEW_STACK (lanyard_test_find_widget (root, ADW_TYPE_VIEW_STACK, TRUE));
  g_assert_nonnull (stack);
  adw_view_stack_set_visible_child_name (stack, "status");
  wait_and_check (window, "desk", "status");

  gtk_window_destroy (window);
}

static void
test_door (void)
{
  LanyardDoorWindow *door = lanyard_door_window_new (GTK_APPLICATION (fx.app), fx.context);
  GtkWindow *window = GTK_WINDOW (door);
  LanyardDoorSetupPage *setup;

  lanyard_door_window_set_page_observer (door, lanyard_test_page_seen, NULL);
  gtk_window_present (window);
  /* No room yet: only the way to the PIN, then the setup page. */
  wait_and_check (window, "door", "not-set-up");
  unlock (window, "door", "door.unlock");
  wait_and_check (window, "door", "setup");

  setup = LANYARD_DOOR_SETUP_PAGE (lanyard_test_find_widget (GTK_WIDGET (window), LANYARD_TYPE_DOOR_SETUP_PAGE,
                                                             TRUE));
  g_assert_nonnull (setup);
  lanyard_door_setup_page_select (setup, "Grand Ballroom A", "S01", LANYARD_DOOR_TOGGLE);
  gtk_widget_activate_action (GTK_WIDGET (window), "door.open", NULL);
  wait_and_check (window, "door", "ready");

  lanyard_door_window_scan (door, (const guint8 *) "NOPE-0000", strlen ("NOPE-0000"));
  wait_and_check (window, "door", "result:unknown");
  lanyard_door_window_scan (door, (const guint8 *) "MW26-DEMO05", strlen ("MW26-DEMO05"));
  lanyard_test_spin (100);
  check_fit (window, "door", lanyard_test_last_page (), TRUE);

  gtk_window_destroy (window);
}

/* The rule: a screen's size → the window's classes and the boxes marked
 * to turn. */
static void
test_layout_rule (void)
{
  static const struct {
    int         width, height;
    const char *classes;     /* of portrait, landscape, compact, narrow */
    gboolean    flipped;     /* screen-flip vertical */
    gboolean    narrowed;    /* narrow-flip vertical */
  } screens[] = {
    { 1024, 768, "landscape compact narrow", FALSE, TRUE },
    { 1280, 800, "landscape compact", FALSE, FALSE },
    { 1366, 768, "landscape compact", FALSE, FALSE },
    { 1920, 1080, "landscape", FALSE, FALSE },
    { 1920, 1200, "landscape", FALSE, FALSE },
    { 1080, 1920, "portrait narrow", TRUE, TRUE },
    { 768, 1024, "portrait narrow", TRUE, TRUE },
    { 2160, 3840, "portrait", TRUE, FALSE },
  };
  static const char *const names[] = { "portrait", "landscape", "compact", "narrow" };
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *flip = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *narrow = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_add_css_class (flip, "screen-flip");
  gtk_widget_add_css_class (narrow, "narrow-flip");
  gtk_box_append (GTK_BOX (box), flip);
  gtk_box_append (GTK_BOX (flip), narrow);
  gtk_window_set_child (window, box);
  for (guint i = 0; i < G_N_ELEMENTS (screens); i++)
    {
      g_autoptr(GString) got = g_string_new (NULL);

      lanyard_screen_layout_apply (window, screens[i].width, screens[i].height);
      for (guint n = 0; n < G_N_ELEMENTS (names); n++)
        if (gtk_widget_has_css_class (GTK_WIDGET (window), names[n]))
          g_string_append_printf (got, "%s%s", got->len ? " " : "", names[n]);
      g_test_message ("%dx%d: %s", screens[i].width, screens[i].height, got->str);
      g_assert_cmpstr (got->str, ==, screens[i].classes);
      g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (flip)), ==,
                       screens[i].flipped ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
      g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (narrow)), ==,
                       screens[i].narrowed ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
    }
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  const char *ctl = g_getenv ("LANYARDCTL");
  const char *src = g_getenv ("LANYARD_SOURCE_DIR");
  const char *localedir = g_getenv ("LANYARD_LOCALEDIR");
  g_autofree char *size = NULL;
  g_autoptr(LanyardKioskConfig) config = lanyard_kiosk_config_new ();
  g_autoptr(GdkMonitor) monitor = NULL;
  GdkRectangle geometry;
  gboolean large_text;
  int status;

  setlocale (LC_ALL, "");
  if (localedir != NULL)
    bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);  /* as main.c: gettext () of the flows' words */
  g_test_init (&argc, &argv, NULL);
  if (ctl == NULL || src == NULL || g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("needs LANYARDCTL, LANYARD_SOURCE_DIR and a display");
      return g_test_run ();
    }
  gtk_init ();
  monitor = g_list_model_get_item (gdk_display_get_monitors (gdk_display_get_default ()), 0);
  g_assert_nonnull (monitor);
  gdk_monitor_get_geometry (monitor, &geometry);
  fx.width = geometry.width;
  fx.height = geometry.height;
  fx.lang = g_getenv ("LANGUAGE") != NULL && *g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "en";

  g_setenv ("LANYARD_NO_SOUND", "1", TRUE);
  fx.dir = g_dir_make_tmp ("fit-XXXXXX", NULL);
  large_text = g_strcmp0 (g_getenv ("LANYARD_TEST_LARGE_TEXT"), "1") == 0;
  size = g_strdup_printf ("%dx%d-%s%s", fx.width, fx.height, fx.lang, large_text ? "-large" : "");
  fx.shots = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : fx.dir,
                               "fit-screens", size, NULL);
  g_mkdir_with_parents (fx.shots, 0755);
  config->db_path = g_build_filename (fx.dir, "fit.db", NULL);
  config->device_name = g_strdup ("fit-test");
  config->camera_source = g_strdup ("lanyardnosuchsource");
  config->verify_last4 = (g_free (config->verify_last4), g_strdup ("always"));
  config->tap_to_print = (g_free (config->tap_to_print), g_strdup ("always"));
  fx.app = lanyard_application_new ();
  fx.context = lanyard_test_open_demo_app (fx.app, g_steal_pointer (&config), ctl, PIN);
  if (large_text)
    {
      /* as the desk's menu turns it on (app.large-text, the setting) */
      GtkSettings *gtk_settings = gtk_settings_get_default ();
      int normal_dpi, large_dpi;

      g_object_get (gtk_settings, "gtk-xft-dpi", &normal_dpi, NULL);
      g_action_group_change_action_state (G_ACTION_GROUP (fx.app), "large-text", g_variant_new_boolean (TRUE));
      g_object_get (gtk_settings, "gtk-xft-dpi", &large_dpi, NULL);
      g_assert_cmpint (large_dpi, >, normal_dpi);
    }

  /* Every page is checked, whichever fails. */
  g_test_set_nonfatal_assertions ();
  g_test_add_func ("/fit/layout-rule", test_layout_rule);
  g_test_add_func ("/fit/kiosk", test_kiosk);
  g_test_add_func ("/fit/desk", test_desk);
  g_test_add_func ("/fit/door", test_door);
  status = g_test_run ();

  g_application_release (G_APPLICATION (fx.app));
  g_clear_object (&fx.app);
  lanyard_test_remove_db (fx.dir, "fit.db");
  g_free (fx.dir);
  g_free (fx.shots);
  return status;
}
