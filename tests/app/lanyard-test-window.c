/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lanyard-pin.h"
#include "lanyard-test-window.h"
#include "lanyard-kiosk-window.h"

static char *last_page;

void
lanyard_test_spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE), g_usleep (2000);
}

void
lanyard_test_page_seen (GtkWindow  *window,
                        const char *page,
                        gint64      painted_at,
                        gpointer    user_data)
{
  (void) window;
  (void) painted_at;
  (void) user_data;
  g_free (last_page);
  last_page = g_strdup (page);
}

const char *
lanyard_test_last_page (void)
{
  return last_page;
}

void
lanyard_test_forget_page (void)
{
  g_clear_pointer (&last_page, g_free);
}

void
lanyard_test_wait_page (const char *page)
{
  gint64 until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_strcmp0 (last_page, page) != 0 && g_get_monotonic_time () < until)
    lanyard_test_spin (20);
  g_assert_cmpstr (last_page, ==, page);
}

GtkWidget *
lanyard_test_find_widget (GtkWidget *root,
                          GType      type,
                          gboolean   mapped_only)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (mapped_only && !gtk_widget_get_mapped (child))
        continue;
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = lanyard_test_find_widget (child, type, mapped_only)) != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *needle,
            gboolean    whole)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;
      const char *text;

      if (!gtk_widget_get_mapped (child))
        continue;
      text = GTK_IS_LABEL (child) ? gtk_label_get_text (GTK_LABEL (child)) : NULL;
      if (text != NULL && (whole ? g_str_equal (text, needle) : strstr (text, needle) != NULL))
        return child;
      if ((found = find_label (child, needle, whole)) != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
lanyard_test_label_containing (GtkWidget  *root,
                               const char *needle)
{
  return find_label (root, needle, FALSE);
}

GtkWidget *
lanyard_test_label_saying (GtkWidget  *root,
                           const char *text)
{
  return find_label (root, text, TRUE);
}

const char *
lanyard_test_label_text_containing (GtkWidget  *root,
                                    const char *needle)
{
  GtkWidget *label = lanyard_test_label_containing (root, needle);

  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

const char *
lanyard_test_wait_label_containing (GtkWidget  *root,
                                    const char *needle)
{
  gint64 until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (lanyard_test_label_text_containing (root, needle) == NULL && g_get_monotonic_time () < until)
    lanyard_test_spin (20);
  g_assert_nonnull (lanyard_test_label_text_containing (root, needle));
  return lanyard_test_label_text_containing (root, needle);
}

const char *
lanyard_test_any_text_containing (GtkWidget  *root,
                                  const char *needle)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      const char *text = NULL;

      if (GTK_IS_LABEL (child))
        text = gtk_label_get_text (GTK_LABEL (child));
      else if (GTK_IS_EDITABLE (child))
        text = gtk_editable_get_text (GTK_EDITABLE (child));
      if (text != NULL && strstr (text, needle) != NULL)
        return text;
      if ((text = lanyard_test_any_text_containing (child, needle)) != NULL)
        return text;
    }
  return NULL;
}

void
lanyard_test_type_keys (LanyardKeyboard *kb,
                        const char      *text,
                        guint            settle_ms)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      char key[8] = { 0 };

      g_unichar_to_utf8 (g_utf8_get_char (p), key);
      lanyard_keyboard_type (kb, key);
    }
  lanyard_test_spin (settle_ms);
}

void
lanyard_test_shoot (GtkWindow  *window,
                    const char *dir,
                    const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  gboolean saved = FALSE;

  /* A kiosk left alone is built anew at its idle reset (6 s in the tests),
   * and a loaded sanitizer run can spend that long waiting for a drawn
   * frame: then there is no window to picture, which is no failure of
   * the kiosk (the picture is for people to look at). */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  /* once drawn at its size (a new dialog takes a while under ASan) */
  lanyard_test_spin (300);
  for (int i = 0; i < 100 && window != NULL && !(saved = lanyard_page_report_save_screenshot (window, path)); i++)
    lanyard_test_spin (50);
  if (window == NULL)
    {
      g_test_message ("%s: the window was built anew (idle reset) before it could be pictured", name);
      return;
    }
  g_object_remove_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_assert_true (saved);
}

void
lanyard_test_run (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

GtkWindow *
lanyard_test_other_window (GtkWindow *mine)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (w != mine && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

LanyardContext *
lanyard_test_open_demo_app (LanyardApplication *app,
                            LanyardKioskConfig *config,
                            const char         *ctl,
                            const char         *pin)
{
  const char *src = g_getenv ("LANYARD_SOURCE_DIR");
  g_autofree char *event = g_build_filename (src, "data", "demo", "event.json", NULL);
  g_autofree char *regs = g_build_filename (src, "data", "demo", "registrations.csv", NULL);
  g_autoptr(GError) error = NULL;
  LanyardContext *context;

  lanyard_test_run ((const char *[]) { ctl, "--db", config->db_path, "init", "--event", event, NULL });
  lanyard_test_run ((const char *[]) { ctl, "--db", config->db_path, "import", regs, NULL });
  context = lanyard_application_open (app, config, &error);
  g_assert_no_error (error);
  g_assert_nonnull (context);
  g_assert_true (lanyard_pin_set (lanyard_context_get_store (context), pin, &error));
  g_assert_no_error (error);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  return context;
}

/* A window may wait for work it started (a query on a thread, a print
 * job's reply) before it goes: it must be gone within 10 s. */
void
lanyard_test_close_and_free (GtkWindow *window)
{
  gpointer weak = window;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  g_object_ref (window);
  gtk_window_destroy (window);
  g_object_unref (window);
  while (weak != NULL && g_get_monotonic_time () < deadline)
    lanyard_test_spin (10);
  if (weak != NULL)
    g_error ("a %s was still referenced 10 s after it closed", G_OBJECT_TYPE_NAME (weak));
}

void
lanyard_test_close_device (GtkWindow      *window,
                           LanyardContext *context,
                           const char     *dir,
                           const char     *db_name)
{
  lanyard_test_close_and_free (window);
  g_assert_finalize_object (context);
  lanyard_test_remove_db (dir, db_name);
}

/* ------------------------------------------------------------------ */
/* The keyboard alone                                                   */

const char *
lanyard_test_cannot_press (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  /* The sanitizer run skips them (tests/run-all.sh): typed at a person's
   * pace, each a few minutes there, for focus and keys, which the plain
   * run checks; their code paths run under the sanitizers in the others. */
  if (g_getenv ("LANYARD_TEST_NO_KEYS") != NULL)
    return "keyboard-alone flows run in the plain build (LANYARD_TEST_NO_KEYS)";
  return xdotool == NULL ? "xdotool is not installed" : NULL;
}

/* What a window manager does for the window on top: the input focus. */
static void
give_focus (GtkWindow *window)
{
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  if (gtk_window_is_active (window))
    return;
  gtk_window_present (window);
  while (!gtk_window_is_active (window) && g_get_monotonic_time () < until)
    lanyard_test_spin (10);
  if (!gtk_window_is_active (window))
    g_error ("a %s never took the input focus", G_OBJECT_TYPE_NAME (window));
}

/* Runs xdotool with @args, then waits until this process has handled
 * every event it made: xdotool has gone, so the X server has made them;
 * a round trip to it brings them all here, and the main loop runs until
 * nothing is left to do. */
static void
xdotool (GtkWindow         *window,
         const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  give_focus (window);
  g_ptr_array_add (argv, (gpointer) "xdotool");
  for (const char *const *arg = args; *arg != NULL; arg++)
    g_ptr_array_add (argv, (gpointer) *arg);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  gdk_display_sync (gtk_widget_get_display (GTK_WIDGET (window)));
  for (int i = 0; i < 10000 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

void
lanyard_test_press (GtkWindow  *window,
                    const char *keys)
{
  g_auto(GStrv) names = g_strsplit (keys, " ", -1);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  g_ptr_array_add (args, (gpointer) "key");
  for (char **name = names; *name != NULL; name++)
    g_ptr_array_add (args, *name);
  g_ptr_array_add (args, NULL);
  xdotool (window, (const char *const *) args->pdata);
}

/* A person's pace: keys 100 ms apart are typing, never a scanner's burst
 * (LANYARD_WEDGE_GAP_US), which the windows hold back from the fields. */
void
lanyard_test_type (GtkWindow  *window,
                   const char *text)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  /* held: a window closed under the typing (a desk locking itself closes
   * its dialogs) takes its fields with it, and this one is read after */
  g_autoptr(GtkEditable) field = focus != NULL && GTK_IS_EDITABLE (focus) ? g_object_ref (GTK_EDITABLE (focus)) : NULL;
  glong before = field != NULL ? g_utf8_strlen (gtk_editable_get_text (field), -1) : 0;
  gint64 until;

  xdotool (window, (const char *[]) { "type", "--delay", "100", text, NULL });
  /* the last key is held a gap's time, in case more of a burst follows */
  until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (field != NULL && gtk_widget_get_root (GTK_WIDGET (field)) != NULL
         && g_utf8_strlen (gtk_editable_get_text (field), -1) < before + g_utf8_strlen (text, -1)
         && g_get_monotonic_time () < until)
    lanyard_test_spin (10);
}

/* Presses @key until the focus is on @target (or in it), or, @target
 * NULL, on something that shows the words @label. */
static gboolean
press_until (GtkWindow  *window,
             const char *key,
             GtkWidget  *target,
             const char *label)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();

  for (int i = 0; i < 200; i++)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

      if (focus != NULL && target != NULL && (focus == target || gtk_widget_is_ancestor (focus, target)))
        return TRUE;
      if (focus != NULL && label != NULL && find_label (focus, label, TRUE) != NULL)
        return TRUE;
      /* once round every stop, and not there (no focus, before the
       * first Tab or after the last, is no stop) */
      if (focus != NULL && g_ptr_array_find (seen, focus, NULL))
        return FALSE;
      if (focus != NULL)
        g_ptr_array_add (seen, focus);
      lanyard_test_press (window, key);
    }
  return FALSE;
}

gboolean
lanyard_test_press_until (GtkWindow  *window,
                          const char *key,
                          GtkWidget  *target)
{
  g_return_val_if_fail (target != NULL, FALSE);
  return press_until (window, key, target, NULL);
}

gboolean
lanyard_test_press_until_saying (GtkWindow  *window,
                                 const char *key,
                                 const char *label)
{
  return press_until (window, key, NULL, label);
}

GtkWidget *
lanyard_test_control_for (GtkWindow  *window,
                          const char *label)
{
  GtkWidget *w = lanyard_test_label_saying (GTK_WIDGET (window), label);

  while (w != NULL && !gtk_widget_get_focusable (w))
    w = gtk_widget_get_parent (w);
  if (w == NULL)
    g_error ("no control shows “%s”", label);
  return w;
}

void
lanyard_test_tab_and_enter (GtkWindow  *window,
                            const char *label)
{
  if (!lanyard_test_press_until (window, "Tab", lanyard_test_control_for (window, label)))
    g_error ("Tab never reaches “%s”", label);
  lanyard_test_press (window, "Return");
}

GtkEditable *
lanyard_test_focused_editable (GtkWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  if (focus == NULL || !GTK_IS_EDITABLE (focus))
    g_error ("no text field has the focus (%s has)", focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "nothing");
  return GTK_EDITABLE (focus);
}

void
lanyard_test_remove_db (const char *dir,
                        const char *db_name)
{
  const char *suffixes[] = { "", "-wal", "-shm", ".key", ".pub" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (db_name, suffixes[i], NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

/* ------------------------------------------------------------------ */
/* A session manager that records inhibitors                            */

typedef struct {
  guint   cookie;
  guint32 xid;
  guint   flags;
} Inhibitor;

struct _LanyardTestSessionManager {
  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  GDBusConnection *bus;
  guint            registration;
  guint            name_id;
  GMutex           lock;
  GCond            ready;
  gboolean         started;
  gboolean         failed;
  GArray          *inhibitors;   /* of Inhibitor, under lock */
  guint            next_cookie;
};

static const char sm_xml[] =
  "<node><interface name='org.gnome.SessionManager'>"
  "<method name='Inhibit'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='u' direction='in'/><arg type='u' direction='out'/></method>"
  "<method name='Uninhibit'><arg type='u' direction='in'/></method>"
  "<method name='IsInhibited'><arg type='u' direction='in'/><arg type='b' direction='out'/></method>"
  "</interface></node>";

static void
sm_method_call (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  LanyardTestSessionManager *sm = user_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&sm->lock);

  (void) connection;
  (void) sender;
  (void) object_path;
  (void) interface_name;
  if (g_strcmp0 (method_name, "Inhibit") == 0)
    {
      Inhibitor inhibitor = { .cookie = ++sm->next_cookie };

      g_variant_get (parameters, "(&su&su)", NULL, &inhibitor.xid, NULL, &inhibitor.flags);
      g_array_append_val (sm->inhibitors, inhibitor);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", inhibitor.cookie));
    }
  else if (g_strcmp0 (method_name, "Uninhibit") == 0)
    {
      guint cookie = 0;

      g_variant_get (parameters, "(u)", &cookie);
      for (guint i = 0; i < sm->inhibitors->len; i++)
        if (g_array_index (sm->inhibitors, Inhibitor, i).cookie == cookie)
          g_array_remove_index (sm->inhibitors, i--);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    {
      guint flags = 0;
      gboolean inhibited = FALSE;

      g_variant_get (parameters, "(u)", &flags);
      for (guint i = 0; i < sm->inhibitors->len; i++)
        inhibited |= (g_array_index (sm->inhibitors, Inhibitor, i).flags & flags) != 0;
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(b)", inhibited));
    }
}

static void
sm_signal_ready (LanyardTestSessionManager *sm,
                 gboolean                   failed)
{
  g_mutex_lock (&sm->lock);
  sm->started = TRUE;
  sm->failed = failed;
  g_cond_signal (&sm->ready);
  g_mutex_unlock (&sm->lock);
}

static void
sm_name_acquired (GDBusConnection *bus,
                  const char      *name,
                  gpointer         user_data)
{
  (void) bus;
  (void) name;
  sm_signal_ready (user_data, FALSE);
}

static void
sm_name_lost (GDBusConnection *bus,
              const char      *name,
              gpointer         user_data)
{
  (void) bus;
  (void) name;
  sm_signal_ready (user_data, TRUE);
}

static gpointer
sm_thread (gpointer data)
{
  static const GDBusInterfaceVTable vtable = { .method_call = sm_method_call };
  LanyardTestSessionManager *sm = data;
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (sm_xml, NULL);
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, NULL);

  g_main_context_push_thread_default (sm->context);
  if (address != NULL)
    sm->bus = g_dbus_connection_new_for_address_sync (address,
                                                      G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                      | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                      NULL, NULL, NULL);
  if (sm->bus == NULL)
    sm_signal_ready (sm, TRUE);
  else
    {
      sm->registration = g_dbus_connection_register_object (sm->bus, "/org/gnome/SessionManager",
                                                            node->interfaces[0], &vtable, sm, NULL, NULL);
      sm->name_id = g_bus_own_name_on_connection (sm->bus, "org.gnome.SessionManager", G_BUS_NAME_OWNER_FLAGS_NONE,
                                                  sm_name_acquired, sm_name_lost, sm, NULL);
      g_main_loop_run (sm->loop);
      g_bus_unown_name (sm->name_id);
      g_dbus_connection_unregister_object (sm->bus, sm->registration);
      g_dbus_connection_flush_sync (sm->bus, NULL, NULL);
      g_clear_object (&sm->bus);
    }
  g_main_context_pop_thread_default (sm->context);
  return NULL;
}

LanyardTestSessionManager *
lanyard_test_session_manager_start (void)
{
  LanyardTestSessionManager *sm = g_new0 (LanyardTestSessionManager, 1);

  g_mutex_init (&sm->lock);
  g_cond_init (&sm->ready);
  sm->inhibitors = g_array_new (FALSE, FALSE, sizeof (Inhibitor));
  sm->context = g_main_context_new ();
  sm->loop = g_main_loop_new (sm->context, FALSE);
  sm->thread = g_thread_new ("session-manager", sm_thread, sm);
  g_mutex_lock (&sm->lock);
  while (!sm->started)
    g_cond_wait (&sm->ready, &sm->lock);
  g_mutex_unlock (&sm->lock);
  g_assert_false (sm->failed);
  return sm;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
lanyard_test_session_manager_stop (LanyardTestSessionManager *sm)
{
  g_main_context_invoke (sm->context, quit_loop, sm->loop);
  g_thread_join (sm->thread);
  g_main_loop_unref (sm->loop);
  g_main_context_unref (sm->context);
  g_array_unref (sm->inhibitors);
  g_mutex_clear (&sm->lock);
  g_cond_clear (&sm->ready);
  g_free (sm);
}

void
lanyard_test_session_manager_wait_one (LanyardTestSessionManager *sm,
                                       guint                      flags,
                                       guint32                    xid)
{
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  g_autoptr(GString) held = g_string_new (NULL);

  do
    {
      g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&sm->lock);
      Inhibitor *first = (Inhibitor *) sm->inhibitors->data;

      if (sm->inhibitors->len == 1 && first->flags == flags && first->xid == xid)
        return;
      g_string_truncate (held, 0);
      for (guint i = 0; i < sm->inhibitors->len; i++)
        g_string_append_printf (held, " (flags %u, window %u)", g_array_index (sm->inhibitors, Inhibitor, i).flags,
                                g_array_index (sm->inhibitors, Inhibitor, i).xid);
      g_clear_pointer (&locker, g_mutex_locker_free);
      lanyard_test_spin (20);
    }
  while (g_get_monotonic_time () < until);
  g_error ("inhibitors held:%s; wanted one (flags %u, window %u)", held->len > 0 ? held->str : " none", flags, xid);
}

char *
lanyard_test_yesterday (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);

  return g_date_time_format (yesterday, "%Y-%m-%d");
}
