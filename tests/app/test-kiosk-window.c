/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk window in this process, on a display (xvfb-run): what the
 * camera end-to-end test cannot reach — a camera that does not work, the
 * search by name typed on the on-screen keyboard, the last-four check, the
 * staff PIN pad and the lock; then the desk it opens (unlocked: the PIN was
 * for it), and a door without a room (the PIN before its setup page, whose
 * "Staff desk" opens the desk locked). Each of these windows in turn keeps
 * the screen from blanking (a stand-in session manager counts the
 * inhibitors). Each case has a window of its own, built from the device
 * context as the program starts, and ends with it (or the window a mode
 * switch put in its place) finalized: a reference left behind fails. The
 * cases share the database (they read it and change nothing another reads).
 * Screenshots go to $G_TEST_BUILDDIR/window-screens.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <gtk/gtk.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "lanyard-application.h"
#include "lanyard-door-window.h"
#include "lanyard-keyboard.h"
#include "lanyard-language.h"
#include "lanyard-staff-window.h"
#include "lanyard-test-window.h"
#include "lanyard-kiosk-window.h"

#define PIN "2468"

/* What the cases share: the application on the demo database, and the
 * stand-in session manager. */
typedef struct {
  char                      *dir;
  char                      *shots;
  LanyardApplication        *app;
  LanyardContext            *context;  /* the app's */
  LanyardKioskConfig        *config;   /* the context's, for a case that needs longer idle */
  LanyardTestSessionManager *sm;
} Shared;

static Shared shared;

/* Each case's own window, a kiosk or a door (NULL once it is finalized). */
typedef struct {
  GtkWindow *window;
} Fixture;

static LanyardKeyboard *
visible_keyboard (GtkWindow *window)
{
  GtkWidget *kb = lanyard_test_find_widget (GTK_WIDGET (window), LANYARD_TYPE_KEYBOARD, TRUE);

  g_assert_nonnull (kb);
  return LANYARD_KEYBOARD (kb);
}

static void
type_keys (LanyardKeyboard *kb,
           const char      *text)
{
  lanyard_test_type_keys (kb, text, 50);
}

static void
shoot (GtkWindow  *window,
       const char *name)
{
  lanyard_test_shoot (window, shared.shots, name);
}

/* What GTK hands the session manager for @window. */
static guint32
window_xid (GtkWindow *window)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  if (GDK_IS_X11_SURFACE (surface))
    return (guint32) gdk_x11_surface_get_xid (surface);
#endif
  return 0;
}

/* One inhibitor, against the screen blanking, held for @window alone. */
static void
assert_keeps_screen_on (GtkWindow *window)
{
  lanyard_test_session_manager_wait_one (shared.sm, GTK_APPLICATION_INHIBIT_IDLE, window_xid (window));
}

static void
test_camera_trouble_in_words (Fixture       *fx,
                             gconstpointer  data)
{
  const char *message = NULL;

  lanyard_test_wait_page ("welcome");
  assert_keeps_screen_on (fx->window);
  /* The camera source does not exist: the welcome page says so, in words. */
  for (int i = 0; i < 200 && message == NULL; i++)
    {
      message = lanyard_test_label_text_containing (GTK_WIDGET (fx->window), "find yourself by name");
      if (message == NULL)
        lanyard_test_spin (50);
    }
  g_assert_nonnull (message);
  shoot (fx->window, "welcome-no-camera.png");
}

static void
test_search_verify_confirm (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) hits = NULL;
  LanyardKeyboard *kb;
  GtkEditable *entry;
  const LanyardAttendee *jane;

  gtk_widget_activate_action (GTK_WIDGET (fx->window), "kiosk.find-by-name", NULL);
  lanyard_test_wait_page ("search");

  kb = visible_keyboard (fx->window);
  entry = lanyard_keyboard_get_target (kb);
  g_assert_nonnull (entry);
  type_keys (kb, "SMIX");
  lanyard_keyboard_backspace (kb);
  type_keys (kb, "TH");
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "SMITH");
  /* name and affiliation only (searched off the main thread) */
  lanyard_test_wait_label_containing (GTK_WIDGET (fx->window), "Jane Smith");
  g_assert_nonnull (lanyard_test_label_text_containing (GTK_WIDGET (fx->window), "Lakeshore University Hospital"));
  g_assert_null (lanyard_test_label_text_containing (GTK_WIDGET (fx->window), "@example"));
  shoot (fx->window, "search.png");

  hits = lanyard_store_search (lanyard_context_get_store (shared.context), "MW26-DEMO01", 1, NULL);
  g_assert_nonnull (hits);
  g_assert_cmpuint (hits->len, ==, 1);
  jane = g_ptr_array_index (hits, 0);
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "kiosk.pick-attendee", "x", jane->id);
  lanyard_test_wait_page ("verify");

  kb = visible_keyboard (fx->window);
  type_keys (kb, "0000");
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "kiosk.verify", NULL);
  lanyard_test_spin (50);
  g_assert_nonnull (lanyard_test_label_text_containing (GTK_WIDGET (fx->window), "That does not match"));
  g_assert_cmpstr (gtk_editable_get_text (lanyard_keyboard_get_target (kb)), ==, "");
  type_keys (kb, "MO01");
  shoot (fx->window, "verify.png");
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "kiosk.verify", NULL);
  lanyard_test_wait_page ("confirm");
  g_assert_nonnull (lanyard_test_label_text_containing (GTK_WIDGET (fx->window), "Welcome, Jane Smith, MD"));
  g_assert_nonnull (lanyard_test_label_text_containing (GTK_WIDGET (fx->window), "Print my badge"));

  /* "Not me": back to the start, and the search is forgotten. */
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "kiosk.not-me", NULL);
  lanyard_test_wait_page ("welcome");
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  g_assert_cmpint (lanyard_kiosk_window_get_page (LANYARD_KIOSK_WINDOW (fx->window)), ==, LANYARD_KIOSK_WELCOME);
}

/* A name written in another script is found by its Latin spelling typed
 * on the keyboard, which the results and the confirm page show small
 * under it. */
static void
test_latin_name (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) hits = NULL;
  LanyardKeyboard *kb;
  const LanyardAttendee *wang;

  gtk_widget_activate_action (GTK_WIDGET (fx->window), "kiosk.find-by-name", NULL);
  lanyard_test_wait_page ("search");
  kb = visible_keyboard (fx->window);
  type_keys (kb, "XIAOMING");
  lanyard_test_wait_label_containing (GTK_WIDGET (fx->window), "王小明");
  g_assert_nonnull (lanyard_test_label_text_containing (GTK_WIDGET (fx->window), "Xiaoming Wang"));
  shoot (fx->window, "search-latin.png");

  hits = lanyard_store_search (lanyard_context_get_store (shared.context), "MW26-DEMO03", 1, NULL);
  g_assert_cmpuint (hits->len, ==, 1);
  wang = g_ptr_array_index (hits, 0);
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "kiosk.pick-attendee", "x", wang->id);
  lanyard_test_wait_page ("verify");
  type_keys (visible_keyboard (fx->window), "MO03");
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "kiosk.verify", NULL);
  lanyard_test_wait_page ("confirm");
  g_assert_nonnull (lanyard_test_label_text_containing (GTK_WIDGET (fx->window), "Xiaoming Wang"));
  shoot (fx->window, "confirm-latin.png");
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "kiosk.not-me", NULL);
  lanyard_test_wait_page ("welcome");
  g_assert_null (lanyard_test_any_text_containing (GTK_WIDGET (fx->window), "Xiaoming"));
}

/* Left alone on the confirm page, the kiosk goes back to the start and
 * nothing of the person stays anywhere in it, shown or hidden. */
static void
test_idle_forgets (Fixture       *fx,
                  gconstpointer  data)
{
  const char *traces[] = { "Jane", "Smith", "Lakeshore", "MW26-DEMO01", "MO01" };
  g_autoptr(GPtrArray) hits = lanyard_store_search (lanyard_context_get_store (shared.context), "MW26-DEMO01", 1, NULL);
  const LanyardAttendee *jane;

  g_assert_nonnull (hits);
  g_assert_cmpuint (hits->len, ==, 1);
  jane = g_ptr_array_index (hits, 0);
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "kiosk.pick-attendee", "x", jane->id);
  lanyard_test_wait_page ("verify");
  type_keys (visible_keyboard (fx->window), "MO01");
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "kiosk.verify", NULL);
  lanyard_test_wait_page ("confirm");
  g_assert_nonnull (lanyard_test_label_text_containing (GTK_WIDGET (fx->window), "Lakeshore University Hospital"));

  lanyard_test_wait_page ("welcome");
  for (guint i = 0; i < G_N_ELEMENTS (traces); i++)
    {
      const char *text = lanyard_test_any_text_containing (GTK_WIDGET (fx->window), traces[i]);

      if (text != NULL)
        g_error ("“%s” still in the kiosk after the idle reset: “%s”", traces[i], text);
    }
}

/* The application's window (one at a time: a mode switch replaces it). */
static GtkWindow *
app_window (void)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (shared.app));

  g_assert_cmpuint (g_list_length (windows), ==, 1);
  return windows->data;
}

/* Every window of the application says which page it drew. */
static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window,
                 gpointer        user_data)
{
  if (LANYARD_IS_STAFF_WINDOW (window))
    lanyard_staff_window_set_page_observer (LANYARD_STAFF_WINDOW (window), lanyard_test_page_seen, NULL);
  else if (LANYARD_IS_DOOR_WINDOW (window))
    lanyard_door_window_set_page_observer (LANYARD_DOOR_WINDOW (window), lanyard_test_page_seen, NULL);
  else if (LANYARD_IS_KIOSK_WINDOW (window))
    lanyard_kiosk_window_set_page_observer (LANYARD_KIOSK_WINDOW (window), lanyard_test_page_seen, NULL);
}

/* ------------------------------------------------------------------ */
/* Accessibility: every control has its role and a name                 */

static void enter_pin (GtkWindow *window);

static gboolean
has_words (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_words (child))
      return TRUE;
  return FALSE;
}

/* Where @widget is, for the message: its type and classes, and its
 * ancestors' types. */
static char *
describe (GtkWidget *widget)
{
  GString *out = g_string_new (G_OBJECT_TYPE_NAME (widget));
  g_auto(GStrv) classes = gtk_widget_get_css_classes (widget);

  for (guint i = 0; classes[i] != NULL; i++)
    g_string_append_printf (out, ".%s", classes[i]);
  for (GtkWidget *up = gtk_widget_get_parent (widget); up != NULL; up = gtk_widget_get_parent (up))
    g_string_append_printf (out, " < %s", G_OBJECT_TYPE_NAME (up));
  return g_string_free (out, FALSE);
}

/* Every control under @root, shown or not (every page of a stack): the
 * role of its kind, and a name a screen reader says — its own label, a
 * label it is labelled by, or, for buttons and rows, the words inside.
 * Returns how many controls it checked. */
static guint
assert_controls_named (GtkWidget *root)
{
  static const struct {
    GType           (*get_type) (void);
    GtkAccessibleRole role;
    gboolean          words_name_it;
  } kinds[] = {
    /* most derived first */
    { gtk_search_entry_get_type, GTK_ACCESSIBLE_ROLE_SEARCH_BOX, FALSE },
    { gtk_password_entry_get_type, GTK_ACCESSIBLE_ROLE_TEXT_BOX, FALSE },
    { gtk_spin_button_get_type, GTK_ACCESSIBLE_ROLE_SPIN_BUTTON, FALSE },
    { gtk_entry_get_type, GTK_ACCESSIBLE_ROLE_TEXT_BOX, FALSE },
    { gtk_switch_get_type, GTK_ACCESSIBLE_ROLE_SWITCH, FALSE },
    { gtk_drop_down_get_type, GTK_ACCESSIBLE_ROLE_COMBO_BOX, FALSE },
    { gtk_menu_button_get_type, GTK_ACCESSIBLE_ROLE_BUTTON, TRUE },
    { gtk_toggle_button_get_type, GTK_ACCESSIBLE_ROLE_BUTTON, TRUE },
    { gtk_link_button_get_type, GTK_ACCESSIBLE_ROLE_LINK, TRUE },
    { gtk_button_get_type, GTK_ACCESSIBLE_ROLE_BUTTON, TRUE },
  };
  guint checked = 0;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      GtkAccessible *accessible = GTK_ACCESSIBLE (root);

      if (!G_TYPE_CHECK_INSTANCE_TYPE (root, kinds[i].get_type ()))
        continue;
      /* GTK's own kinds have their role; a kind made from one (a
       * libadwaita view switcher's tab) has a role of its own. */
      if (G_OBJECT_TYPE (root) == kinds[i].get_type ()
          ? !gtk_test_accessible_has_role (accessible, kinds[i].role)
          : (gtk_test_accessible_has_role (accessible, GTK_ACCESSIBLE_ROLE_GENERIC)
             || gtk_test_accessible_has_role (accessible, GTK_ACCESSIBLE_ROLE_NONE)
             || gtk_test_accessible_has_role (accessible, GTK_ACCESSIBLE_ROLE_PRESENTATION)))
        {
          g_autofree char *where = describe (root);

          g_error ("%s: role %d, not %d", where, gtk_accessible_get_accessible_role (accessible), kinds[i].role);
        }
      if (!gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL)
          && !gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY)
          && !(kinds[i].words_name_it && has_words (root)))
        {
          g_autofree char *where = describe (root);

          g_error ("%s has no accessible name", where);
        }
      checked++;
      /* An entry's parts and a menu button's inner button are its own. */
      if (GTK_IS_ENTRY (root) || GTK_IS_SEARCH_ENTRY (root) || GTK_IS_PASSWORD_ENTRY (root)
          || GTK_IS_SPIN_BUTTON (root) || GTK_IS_MENU_BUTTON (root) || GTK_IS_DROP_DOWN (root))
        return checked;
      break;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    checked += assert_controls_named (child);
  return checked;
}

/* The kiosk's pages, the PIN pad over it and the desk it opens. */
static void
test_accessible_kiosk (Fixture       *fx,
                       gconstpointer  data)
{
  GtkWindow *pad;
  guint n;

  n = assert_controls_named (GTK_WIDGET (fx->window));
  g_test_message ("kiosk: %u controls named", n);
  g_assert_cmpuint (n, >=, 10);
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "kiosk.staff-unlock", NULL);
  for (int i = 0; i < 100 && (pad = lanyard_test_other_window (fx->window)) == NULL; i++)
    lanyard_test_spin (20);
  g_assert_nonnull (pad);
  n = assert_controls_named (GTK_WIDGET (pad));
  g_test_message ("PIN pad: %u controls named", n);
  g_assert_cmpuint (n, >=, 10);
  enter_pin (fx->window);
  for (int i = 0; i < 100 && fx->window != NULL; i++)
    lanyard_test_spin (20);
  g_assert_true (LANYARD_IS_STAFF_WINDOW (app_window ()));
  lanyard_test_wait_page ("people");
  n = assert_controls_named (GTK_WIDGET (app_window ()));
  g_test_message ("desk: %u controls named", n);
  g_assert_cmpuint (n, >=, 10);
}

/* Whether @model (or a section of it) has an item for @action. */
static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; model != NULL && i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name)
          && g_str_equal (name, action))
        return TRUE;
      if (menu_has_action (section, action))
        return TRUE;
    }
  return FALSE;
}

/* Whether a menu button under @root offers @action. */
static gboolean
offers_action (GtkWidget  *root,
               const char *action)
{
  if (GTK_IS_MENU_BUTTON (root) && menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (root)), action))
    return TRUE;
  if (GTK_IS_ACTIONABLE (root) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (offers_action (child, action))
      return TRUE;
  return FALSE;
}

/* Large text: a setting, toggled in the desk's menu (behind the PIN at a
 * kiosk), never on the kiosk's own pages; on, every word grows. */
static void
test_large_text (Fixture       *fx,
                 gconstpointer  data)
{
  GtkWidget *title;
  GtkWindow *desk;
  int before, after;
  g_autoptr(GVariant) state = NULL;

  g_assert_false (offers_action (GTK_WIDGET (fx->window), "app.large-text"));
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "kiosk.staff-unlock", NULL);
  enter_pin (fx->window);
  for (int i = 0; i < 100 && fx->window != NULL; i++)
    lanyard_test_spin (20);
  desk = app_window ();
  g_assert_true (LANYARD_IS_STAFF_WINDOW (desk));
  lanyard_test_wait_page ("people");
  g_assert_true (offers_action (GTK_WIDGET (desk), "app.large-text"));

  title = lanyard_test_label_containing (GTK_WIDGET (desk), "People");
  g_assert_nonnull (title);
  gtk_widget_measure (title, GTK_ORIENTATION_VERTICAL, -1, NULL, &before, NULL, NULL);
  g_action_group_activate_action (G_ACTION_GROUP (shared.app), "large-text", NULL);
  lanyard_test_spin (100);
  state = g_action_group_get_action_state (G_ACTION_GROUP (shared.app), "large-text");
  g_assert_true (g_variant_get_boolean (state));
  gtk_widget_measure (title, GTK_ORIENTATION_VERTICAL, -1, NULL, &after, NULL, NULL);
  g_test_message ("a label %d px high, %d px with large text", before, after);
  g_assert_cmpint (after, >, before * 5 / 4);

  g_action_group_activate_action (G_ACTION_GROUP (shared.app), "large-text", NULL);
  lanyard_test_spin (100);
  gtk_widget_measure (title, GTK_ORIENTATION_VERTICAL, -1, NULL, &after, NULL, NULL);
  g_assert_cmpint (after, ==, before);
}

/* ------------------------------------------------------------------ */
/* The keyboard alone                                                   */

/* A check-in with the keyboard alone: Tab reaches every control of each
 * page, Enter works it, and the text fields take the typing. */
static void
test_keyboard_alone (Fixture       *fx,
                     gconstpointer  data)
{
  GtkWindow *window = fx->window;

  if (lanyard_test_cannot_press () != NULL)
    {
      g_test_skip (lanyard_test_cannot_press ());
      return;
    }
  g_assert_true (lanyard_test_press_until (window, "Tab", lanyard_test_control_for (window, "English")));
  lanyard_test_tab_and_enter (window, "Find me by name");
  lanyard_test_wait_page ("search");
  /* the search field has the focus: the name typed goes there */
  lanyard_test_focused_editable (window);
  lanyard_test_type (window, "SMITH");
  g_assert_cmpstr (gtk_editable_get_text (lanyard_test_focused_editable (window)), ==, "SMITH");
  for (int i = 0; i < 100 && lanyard_test_label_containing (GTK_WIDGET (window), "Jane Smith, MD") == NULL; i++)
    lanyard_test_spin (20);
  lanyard_test_tab_and_enter (window, "Jane Smith, MD");
  lanyard_test_wait_page ("verify");
  lanyard_test_type (window, "MO01");
  lanyard_test_tab_and_enter (window, "Check");
  lanyard_test_wait_page ("confirm");
  g_assert_true (lanyard_test_press_until (window, "Tab", lanyard_test_control_for (window, "Print my badge")));
  shoot (window, "keyboard-focus.png");
  /* back the other way */
  g_assert_true (lanyard_test_press_until (window, "shift+Tab", lanyard_test_control_for (window, "Not me")));
  lanyard_test_press (window, "Return");
  lanyard_test_wait_page ("welcome");
}

/* The door, before and after its setup. */
static void
test_accessible_door (Fixture       *fx,
                      gconstpointer  data)
{
  guint n = assert_controls_named (GTK_WIDGET (fx->window));

  g_test_message ("door: %u controls named", n);
  g_assert_cmpuint (n, >=, 1);
}

/* The language button: the kiosk built again in this attendee's language
 * (Arabic right to left), on the welcome page; left alone, the event's
 * language again. */
static void
test_language (Fixture       *fx,
               gconstpointer  data)
{
  GtkWindow *window = fx->window;

  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (window)), ==, GTK_TEXT_DIR_LTR);
  g_assert_nonnull (lanyard_test_label_containing (GTK_WIDGET (window), "Welcome"));
  g_assert_nonnull (lanyard_test_label_containing (GTK_WIDGET (window), "English"));

  lanyard_test_forget_page ();
  gtk_widget_activate_action (GTK_WIDGET (window), "kiosk.language", "s", "es");
  lanyard_test_wait_page ("welcome");
  window = app_window ();
  g_assert_nonnull (lanyard_test_label_containing (GTK_WIDGET (window), "Bienvenido"));
  g_assert_nonnull (lanyard_test_label_containing (GTK_WIDGET (window), "Español"));
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (window)), ==, GTK_TEXT_DIR_LTR);

  lanyard_test_forget_page ();
  gtk_widget_activate_action (GTK_WIDGET (window), "kiosk.language", "s", "ar");
  lanyard_test_wait_page ("welcome");
  window = app_window ();
  g_assert_nonnull (lanyard_test_label_containing (GTK_WIDGET (window), "أهلًا وسهلًا"));
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (window)), ==, GTK_TEXT_DIR_RTL);
  shoot (window, "kiosk-welcome-ar.png");

  /* Nobody touches it for the idle time (6 s here). */
  lanyard_test_forget_page ();
  lanyard_test_wait_page ("welcome");
  window = app_window ();
  g_assert_nonnull (lanyard_test_label_containing (GTK_WIDGET (window), "Welcome"));
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (window)), ==, GTK_TEXT_DIR_LTR);
}

/* The key of @kb whose letters are @label (exactly), or NULL. */
static GtkWidget *
find_key (GtkWidget  *root,
          const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0 &&
      gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_key (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Taps the key labelled @label on @kb. */
static void
tap_key (LanyardKeyboard *kb,
         const char      *label)
{
  GtkWidget *button = find_key (GTK_WIDGET (kb), label);

  if (button == NULL)
    g_error ("no key “%s” on the keyboard", label);
  g_signal_emit_by_name (button, "clicked");
}

/* Taps each key of @letters on @kb, one a character, as a person would. */
static void
tap_keys (LanyardKeyboard *kb,
          const char      *letters)
{
  for (const char *p = letters; *p; p = g_utf8_next_char (p))
    {
      char key[8] = { 0 };

      g_unichar_to_utf8 (g_utf8_get_char (p), key);
      tap_key (kb, key);
      lanyard_test_spin (20);
    }
  lanyard_test_spin (200);
}

typedef struct {
  const char *language;
  const char *script;
} ScriptCase;

static const ScriptCase script_cases[] = {
  { "ar", "arabic" }, { "ar_EG.UTF-8", "arabic" }, { "fa-IR", "arabic" },
  { "ru-RU", "cyrillic" }, { "uk", "cyrillic" }, { "bg", "cyrillic" },
  { "en-US", "latin" }, { "de", "latin" }, { "tr", "latin" }, { "", "latin" }, { NULL, "latin" },
  { "arn", "latin" },   /* Mapudungun: a primary subtag is matched whole */
};

/* A kiosk speaking Arabic offers Arabic letters on the search's keyboard,
 * behind a key on it; a name registered in Arabic is found by them. The
 * kiosk in English at an English event has the Latin letters alone. */
static void
test_other_script_keyboard (Fixture       *fx,
                            gconstpointer  data)
{
  GtkWindow *window = fx->window;
  LanyardKeyboard *kb;

  for (guint i = 0; i < G_N_ELEMENTS (script_cases); i++)
    g_assert_cmpstr (lanyard_keyboard_script_for_language (script_cases[i].language), ==, script_cases[i].script);

  /* This case is about the keys, not the idle reset (idle-forgets has
   * it): a minute of it, so that a loaded run under the sanitizer does
   * not see the kiosk built again in the event's language between two
   * steps (a CI run did, with 6 s: "no key “أ ب ت”"). The kiosk reads it
   * at each tick and each new window. */
  shared.config->idle_seconds = 60;

  gtk_widget_activate_action (GTK_WIDGET (window), "kiosk.find-by-name", NULL);
  lanyard_test_wait_page ("search");
  kb = visible_keyboard (window);
  g_assert_null (find_key (GTK_WIDGET (kb), "أ ب ت"));
  g_assert_nonnull (find_key (GTK_WIDGET (kb), "Q"));
  gtk_widget_activate_action (GTK_WIDGET (window), "kiosk.go-home", NULL);
  lanyard_test_wait_page ("welcome");

  lanyard_test_forget_page ();
  gtk_widget_activate_action (GTK_WIDGET (window), "kiosk.language", "s", "ar");
  lanyard_test_wait_page ("welcome");
  window = app_window ();
  gtk_widget_activate_action (GTK_WIDGET (window), "kiosk.find-by-name", NULL);
  lanyard_test_wait_page ("search");
  kb = visible_keyboard (window);
  g_assert_cmpstr (lanyard_keyboard_get_script (kb), ==, "latin");
  /* The clicks below are no input to the kiosk (a tap's pointer event is),
   * but each letter typed into the search is; the picture, slow under the
   * sanitizer, is taken last. */
  tap_key (kb, "أ ب ت");
  lanyard_test_spin (100);
  g_assert_cmpstr (lanyard_keyboard_get_script (kb), ==, "arabic");
  g_assert_null (find_key (GTK_WIDGET (kb), "Q"));
  tap_keys (kb, "الزهراء");
  g_assert_cmpstr (gtk_editable_get_text (lanyard_keyboard_get_target (kb)), ==, "الزهراء");
  lanyard_test_wait_label_containing (GTK_WIDGET (window), "فاطمة");
  g_assert_nonnull (lanyard_test_label_text_containing (GTK_WIDGET (window), "Fatima Al-Zahraa"));
  /* and back to the Latin letters by the same key, now "ABC", and again */
  tap_key (kb, "ABC");
  lanyard_test_spin (100);
  g_assert_cmpstr (lanyard_keyboard_get_script (kb), ==, "latin");
  tap_key (kb, "أ ب ت");
  lanyard_test_spin (100);
  g_assert_cmpstr (lanyard_keyboard_get_script (kb), ==, "arabic");
  g_assert_cmpstr (lanyard_test_last_page (), ==, "search");
  shoot (window, "search-arabic-keyboard.png");
  /* the next person starts on the Latin letters, with nothing typed. The
   * kiosk's keyboard is looked up again: on the welcome page the idle
   * reset may already have built the kiosk again in the event's language
   * (the test's actions are no input, and a loaded run can take the idle
   * time since the Arabic kiosk was built); its keyboard starts on Latin
   * letters too. No main loop runs between the lookup and the check. */
  gtk_widget_activate_action (GTK_WIDGET (app_window ()), "kiosk.go-home", NULL);
  lanyard_test_wait_page ("welcome");
  kb = LANYARD_KEYBOARD (lanyard_test_find_widget (GTK_WIDGET (app_window ()), LANYARD_TYPE_KEYBOARD, FALSE));
  g_assert_cmpstr (lanyard_keyboard_get_script (kb), ==, "latin");

  if (lanyard_language_get_current () != lanyard_language_get_default ())
    {
      lanyard_test_forget_page ();
      gtk_widget_activate_action (GTK_WIDGET (app_window ()), "kiosk.language", "s", "en");
      lanyard_test_wait_page ("welcome");
    }
  shared.config->idle_seconds = 6;
}

/* The PIN pad over @window, and the PIN into it. */
static void
enter_pin (GtkWindow *window)
{
  GtkWindow *dialog = NULL;

  for (int i = 0; i < 100 && (dialog = lanyard_test_other_window (window)) == NULL; i++)
    lanyard_test_spin (20);
  g_assert_nonnull (dialog);
  type_keys (visible_keyboard (dialog), PIN);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "pin.unlock", NULL);
}

/* Clicks the mapped button labelled @label, as a person would. */
static void
click (GtkWindow  *window,
       const char *label)
{
  GtkWidget *text = lanyard_test_label_containing (GTK_WIDGET (window), label);
  GtkWidget *button = text != NULL ? gtk_widget_get_ancestor (text, GTK_TYPE_BUTTON) : NULL;

  if (button == NULL)
    g_error ("no button “%s”", label);
  g_signal_emit_by_name (button, "clicked");
}

/* The long-press gesture of the hidden staff corner (a drawing area that
 * draws nothing; text fields have long presses of their own), under @root. */
static GtkGesture *
find_long_press (GtkWidget *root)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (root);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_LONG_PRESS (controller) && GTK_IS_DRAWING_AREA (root))
        return GTK_GESTURE (controller);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkGesture *found = find_long_press (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_locked_until_pin (Fixture       *fx,
                      gconstpointer  data)
{
  GtkWindow *dialog;
  LanyardKeyboard *keys;
  GtkWidget *window = GTK_WIDGET (fx->window);

  /* Closing is refused while locked. */
  gtk_window_close (fx->window);
  lanyard_test_spin (100);
  g_assert_true (gtk_widget_get_visible (window));

  /* A long press on the top right corner asks for the PIN. */
  g_assert_nonnull (find_long_press (window));
  g_signal_emit_by_name (find_long_press (window), "pressed", 36.0, 36.0);
  lanyard_test_spin (200);
  dialog = lanyard_test_other_window (fx->window);
  g_assert_nonnull (dialog);
  keys = visible_keyboard (dialog);
  type_keys (keys, "1111");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "pin.unlock", NULL);
  /* (the try is checked on a worker) */
  lanyard_test_wait_label_containing (GTK_WIDGET (dialog), "not right");
  shoot (dialog, "pin-wrong.png");

  type_keys (keys, PIN);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "pin.unlock", NULL);
  for (int i = 0; i < 100 && fx->window != NULL; i++)
    lanyard_test_spin (20);
  g_assert_null (fx->window);

  /* The desk in its place, open: the PIN was entered for it just now. */
  g_assert_true (LANYARD_IS_STAFF_WINDOW (app_window ()));
  lanyard_test_wait_page ("people");
  /* The kiosk's inhibitor went with it; the desk holds its own. */
  assert_keeps_screen_on (app_window ());
}

static void
test_door_pin_first (Fixture       *fx,
                    gconstpointer  data)
{
  GtkWindow *door;

  /* A door without a room: nothing but the way to the PIN. */
  door = app_window ();
  g_assert_true (door == fx->window);
  g_assert_true (LANYARD_IS_DOOR_WINDOW (door));
  lanyard_test_wait_page ("not-set-up");
  assert_keeps_screen_on (door);
  g_assert_null (lanyard_test_label_containing (GTK_WIDGET (door), "Staff desk"));
  g_assert_null (lanyard_test_label_containing (GTK_WIDGET (door), "Open the door"));
  shoot (door, "door-not-set-up.png");

  /* The PIN, then the setup page. */
  click (door, "Enter the staff PIN");
  enter_pin (door);
  lanyard_test_wait_page ("setup");

  /* Its "Staff desk": the desk, locked (the PIN was for the door). */
  click (door, "Staff desk");
  g_assert_true (LANYARD_IS_STAFF_WINDOW (app_window ()));
  lanyard_test_wait_page ("locked");
  lanyard_test_spin (300);
  g_assert_cmpstr (lanyard_test_last_page (), ==, "locked");
  assert_keeps_screen_on (app_window ());
}

/* The setup page the PIN opened, left alone, goes back behind the PIN
 * as the desk locks itself (staff_lock_seconds). */
static void
test_door_setup_relocks (Fixture       *fx,
                        gconstpointer  data)
{
  GtkWindow *door;

  door = app_window ();
  g_assert_true (LANYARD_IS_DOOR_WINDOW (door));
  lanyard_test_wait_page ("not-set-up");
  click (door, "Enter the staff PIN");
  enter_pin (door);
  lanyard_test_wait_page ("setup");
  lanyard_test_wait_page ("not-set-up");
  g_assert_null (lanyard_test_label_containing (GTK_WIDGET (door), "Open the door"));
}

/* A kiosk as the program starts it (@data "kiosk"), or a door without a
 * room ("door"), on the application's context. */
static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  GtkApplication *app = GTK_APPLICATION (shared.app);
  LanyardContext *context = shared.context;
  gboolean door = g_str_equal (data, "door");

  lanyard_test_forget_page ();
  if (door)
    fx->window = GTK_WINDOW (lanyard_door_window_new (app, context));
  else
    fx->window = GTK_WINDOW (lanyard_kiosk_window_new (app, context));
  g_object_add_weak_pointer (G_OBJECT (fx->window), (gpointer *) &fx->window);
  gtk_window_present (fx->window);
  lanyard_test_wait_page (door ? "not-set-up" : "welcome");
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  GList *windows;

  /* The window the case ends on: its own, or the one a mode switch put
   * in its place. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (shared.app))) != NULL)
    lanyard_test_close_and_free (windows->data);
  /* A window replaced on the way is gone as well. */
  g_assert_null (fx->window);
}

int
main (int   argc,
      char *argv[])
{
  const char *ctl = g_getenv ("LANYARDCTL");
  const char *src = g_getenv ("LANYARD_SOURCE_DIR");
  g_autoptr(LanyardKioskConfig) config = lanyard_kiosk_config_new ();
  int status;

  /* GTK's test accessibility backend (not none): the accessible names and
   * roles are kept where gtk_test_accessible_* reads them. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("LANYARD_LOCALEDIR") != NULL)
    bindtextdomain (GETTEXT_PACKAGE, g_getenv ("LANYARD_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  if (ctl == NULL || src == NULL || g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("needs LANYARDCTL, LANYARD_SOURCE_DIR and a display");
      return g_test_run ();
    }
  g_setenv ("LANYARD_NO_SOUND", "1", TRUE);
  shared.dir = g_dir_make_tmp ("kiosk-window-XXXXXX", NULL);
  shared.shots = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : shared.dir,
                                   "window-screens", NULL);
  g_mkdir_with_parents (shared.shots, 0755);
  config->db_path = g_build_filename (shared.dir, "kiosk.db", NULL);
  config->camera_source = g_strdup ("lanyardnosuchsource");
  config->verify_last4 = (g_free (config->verify_last4), g_strdup ("always"));
  config->tap_to_print = (g_free (config->tap_to_print), g_strdup ("always"));
  config->idle_seconds = 6;  /* the shortest; a page change counts as input */
  config->staff_lock_seconds = 4;
  shared.app = lanyard_application_new ();
  shared.sm = lanyard_test_session_manager_start ();
  shared.config = config;
  shared.context = lanyard_test_open_demo_app (shared.app, g_steal_pointer (&config), ctl, PIN);
  g_signal_connect (shared.app, "window-added", G_CALLBACK (on_window_added), NULL);

  g_test_add ("/kiosk-window/camera-trouble-in-words", Fixture, "kiosk", fixture_setup, test_camera_trouble_in_words, fixture_teardown);
  g_test_add ("/kiosk-window/search-verify-confirm", Fixture, "kiosk", fixture_setup, test_search_verify_confirm, fixture_teardown);
  g_test_add ("/kiosk-window/latin-name", Fixture, "kiosk", fixture_setup, test_latin_name, fixture_teardown);
  g_test_add ("/kiosk-window/other-script-keyboard", Fixture, "kiosk", fixture_setup, test_other_script_keyboard, fixture_teardown);
  g_test_add ("/kiosk-window/idle-forgets", Fixture, "kiosk", fixture_setup, test_idle_forgets, fixture_teardown);
  g_test_add ("/kiosk-window/language", Fixture, "kiosk", fixture_setup, test_language, fixture_teardown);
  g_test_add ("/kiosk-window/accessible-kiosk", Fixture, "kiosk", fixture_setup, test_accessible_kiosk, fixture_teardown);
  g_test_add ("/kiosk-window/keyboard-alone", Fixture, "kiosk", fixture_setup, test_keyboard_alone, fixture_teardown);
  g_test_add ("/kiosk-window/large-text", Fixture, "kiosk", fixture_setup, test_large_text, fixture_teardown);
  g_test_add ("/kiosk-window/accessible-door", Fixture, "door", fixture_setup, test_accessible_door, fixture_teardown);
  g_test_add ("/kiosk-window/locked-until-pin", Fixture, "kiosk", fixture_setup, test_locked_until_pin, fixture_teardown);
  g_test_add ("/kiosk-window/door-pin-first", Fixture, "door", fixture_setup, test_door_pin_first, fixture_teardown);
  g_test_add ("/kiosk-window/door-setup-relocks", Fixture, "door", fixture_setup, test_door_setup_relocks, fixture_teardown);
  status = g_test_run ();

  g_application_release (G_APPLICATION (shared.app));
  g_clear_object (&shared.app);
  lanyard_test_session_manager_stop (shared.sm);
  lanyard_test_remove_db (shared.dir, "kiosk.db");
  g_free (shared.dir);
  g_free (shared.shots);
  return status;
}
