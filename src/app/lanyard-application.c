/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lanyard-application.h"
#include "lanyard-door-window.h"
#include "lanyard-enrol-window.h"
#include "lanyard-language.h"
#include "lanyard-error.h"
#include "lanyard-inspector-guard.h"
#include "lanyard-screen-layout.h"
#include "lanyard-staff-window.h"
#include "lanyard-kiosk-window.h"

struct _LanyardApplication
{
  AdwApplication      parent_instance;

  /* owned */
  LanyardContext     *context;        /* once the command line was handled */
  LanyardKioskConfig *enrol_config;   /* no event yet: the enrolment window's */
  GSettings          *settings;       /* NULL without the schema */
  gboolean            switching;      /* one mode's window gives way to another's */
};

G_DEFINE_FINAL_TYPE (LanyardApplication, lanyard_application, ADW_TYPE_APPLICATION)

/* The schema is installed with the program, or compiled into the build
 * directory (GSETTINGS_SCHEMA_DIR); without it the built-in defaults do. */
static GSettings *
settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_printerr (_("lanyard: the settings schema %s is not installed; using the built-in defaults\n"), APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

LanyardContext *
lanyard_application_open (LanyardApplication *self,
                          LanyardKioskConfig *config,
                          GError            **error)
{
  g_autoptr(LanyardContext) context = NULL;

  g_return_val_if_fail (LANYARD_IS_APPLICATION (self), NULL);

  context = lanyard_context_new (config, self->settings, error);
  if (context == NULL)
    return NULL;
  g_set_object (&self->context, context);
  /* A database that follows a hub keeps syncing, on a thread of its own. */
  lanyard_context_start_sync (self->context);
  return self->context;
}

static void
set_str (char       **field,
         const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static int
lanyard_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  LanyardApplication *self = LANYARD_APPLICATION (app);
  g_autoptr(LanyardKioskConfig) config = lanyard_kiosk_config_new ();
  g_autoptr(GSettings) settings = settings_new ();
  g_autoptr(GError) error = NULL;
  const char *text = NULL;

  if (settings != NULL)
    lanyard_kiosk_config_load_settings (config, settings);

  /* The command line wins over the settings. */
  if (g_variant_dict_lookup (options, "db", "^&ay", &text))
    set_str (&config->db_path, text);
  if (g_variant_dict_lookup (options, "camera", "&s", &text))
    set_str (&config->camera_source, text);
  if (g_variant_dict_lookup (options, "printer", "&s", &text))
    set_str (&config->printer, text);
  if (g_variant_dict_lookup (options, "certificate-printer", "&s", &text))
    set_str (&config->certificate_printer, text);
  if (g_variant_dict_contains (options, "claim-first"))
    config->claim_first = TRUE;
  if (g_variant_dict_lookup (options, "template", "&s", &text))
    set_str (&config->badge_template, text);
  if (g_variant_dict_lookup (options, "device", "&s", &text))
    set_str (&config->device_name, text);
  if (g_variant_dict_lookup (options, "screenshot-dir", "^&ay", &text))
    set_str (&config->screenshot_dir, text);
  if (g_variant_dict_lookup (options, "page-log", "^&ay", &text))
    set_str (&config->page_log, text);
  if (g_variant_dict_lookup (options, "mode", "&s", &text))
    {
      if (!lanyard_kiosk_mode_is_valid (text))
        {
          g_printerr (_("lanyard: --mode is kiosk, staff or door\n"));
          return 2;
        }
      set_str (&config->mode, text);
    }
  if (g_variant_dict_lookup (options, "room", "&s", &text))
    {
      set_str (&config->door_room, text);
      set_str (&config->door_session, NULL);
    }
  if (g_variant_dict_lookup (options, "session", "&s", &text))
    set_str (&config->door_session, text);
  config->demo_camera = g_variant_dict_contains (options, "demo-camera");
  config->windowed = g_variant_dict_contains (options, "windowed");
  if (!lanyard_kiosk_config_check (config, &error))
    {
      g_printerr (_("lanyard: %s\n"), error->message);
      return 2;
    }

  g_set_object (&self->settings, settings);
  self->enrol_config = lanyard_kiosk_config_copy (config);
  if (lanyard_application_open (self, g_steal_pointer (&config), &error) == NULL)
    {
      g_printerr (_("lanyard: %s\n"), error->message);
      if (!g_error_matches (error, LANYARD_ERROR, LANYARD_ERROR_NO_EVENT))
        return 1;
      /* A device set up from its screen: the enrolment window reads its
       * hub connection from the camera. */
      g_printerr (_("Load the event first: lanyardctl init --event EVENT.json — or show this device’s hub "
                    "connection code to its camera.\n"));
      return -1;
    }
  g_clear_pointer (&self->enrol_config, lanyard_kiosk_config_free);
  return -1;
}

static GtkWindow *
new_window (LanyardApplication *self,
            const char         *mode,
            gboolean            pin_just_entered)
{
  GtkApplication *app = GTK_APPLICATION (self);

  if (g_strcmp0 (mode, "staff") == 0)
    return GTK_WINDOW (lanyard_staff_window_new (app, self->context, pin_just_entered));
  if (g_strcmp0 (mode, "door") == 0)
    return GTK_WINDOW (lanyard_door_window_new (app, self->context));
  return GTK_WINDOW (lanyard_kiosk_window_new (app, self->context));
}

void
lanyard_application_show_mode (LanyardApplication *self,
                               const char         *mode,
                               gboolean            pin_just_entered)
{
  g_autoptr(GList) old = NULL;
  GtkWindow *window;

  g_return_if_fail (LANYARD_IS_APPLICATION (self));
  g_return_if_fail (lanyard_kiosk_mode_is_valid (mode));

  old = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  /* The kiosk and the door refuse to close, except for this. */
  self->switching = TRUE;
  window = new_window (self, mode, pin_just_entered);
  gtk_window_present (window);
  for (GList *l = old; l != NULL; l = l->next)
    if (l->data != window)
      gtk_window_close (GTK_WINDOW (l->data));
  self->switching = FALSE;
}

gboolean
lanyard_application_is_switching (LanyardApplication *self)
{
  g_return_val_if_fail (LANYARD_IS_APPLICATION (self), FALSE);
  return self->switching;
}

/* app.show-mode: for now (the door's setup page opens the desk);
 * app.device-mode: what this device does from now on, also after a
 * restart (the desk's "switch this device to …"). Any button may activate
 * them: neither unlocks the desk. */
static void
show_mode_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  const char *mode = g_variant_get_string (parameter, NULL);

  if (lanyard_kiosk_mode_is_valid (mode))
    lanyard_application_show_mode (LANYARD_APPLICATION (user_data), mode, FALSE);
}

static void
device_mode_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  LanyardApplication *self = LANYARD_APPLICATION (user_data);
  const char *mode = g_variant_get_string (parameter, NULL);

  if (!lanyard_kiosk_mode_is_valid (mode))
    return;
  lanyard_context_set_mode (self->context, mode);
  lanyard_application_show_mode (self, mode, FALSE);
}

/* Large text: every screen's words a third larger (GTK's text
 * resolution: sizes in points grow, the layout with them). */
#define LARGE_TEXT_DPI (96 * 1024 * 4 / 3)

static void
apply_large_text (LanyardApplication *self)
{
  GtkSettings *gtk_settings = gtk_settings_get_default ();

  if (gtk_settings == NULL)
    return;
  if (g_settings_get_boolean (self->settings, "large-text"))
    g_object_set (gtk_settings, "gtk-xft-dpi", LARGE_TEXT_DPI, NULL);
  else
    gtk_settings_reset_property (gtk_settings, "gtk-xft-dpi");
}

static const GActionEntry app_actions[] = {
  { "show-mode", show_mode_activated, "s", NULL, NULL, { 0 } },
  { "device-mode", device_mode_activated, "s", NULL, NULL, { 0 } },
};

static void
lanyard_application_startup (GApplication *app)
{
  LanyardApplication *self = LANYARD_APPLICATION (app);

  G_APPLICATION_CLASS (lanyard_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APP_ID);
  /* Right to left from the first window in a language written so. */
  lanyard_language_apply (NULL);
  lanyard_inspector_guard_check_settings ();
  lanyard_inspector_guard_install ();
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);

  /* app.large-text: the setting, toggled from the desk's menu (so behind
   * the staff PIN at a kiosk). */
  if (self->settings == NULL)
    self->settings = settings_new ();
  if (self->settings != NULL)
    {
      g_autoptr(GAction) large_text = g_settings_create_action (self->settings, "large-text");

      g_action_map_add_action (G_ACTION_MAP (app), large_text);
      g_signal_connect_object (self->settings, "changed::large-text", G_CALLBACK (apply_large_text), self,
                               G_CONNECT_SWAPPED);
      apply_large_text (self);
    }
}

/* The window a device enrolled at the hub as @role opens: a door's
 * connection cannot print badges, a desk's is for staff. */
static const char *
mode_for_role (const char *role)
{
  if (g_strcmp0 (role, "door") == 0)
    return "door";
  if (g_strcmp0 (role, "desk") == 0)
    return "staff";
  return "kiosk";
}

/* The enrolment window's device has its event now: its own window, the
 * one its role at the hub names, from now on. */
static void
on_enrolled (LanyardEnrolWindow *enrol,
             LanyardApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *role = NULL;
  GtkWindow *window;

  if (lanyard_application_open (self, lanyard_kiosk_config_copy (self->enrol_config), &error) == NULL)
    {
      g_printerr (_("lanyard: %s\n"), error->message);
      return;
    }
  role = lanyard_store_get_meta (lanyard_context_get_store (self->context), "hub_role");
  lanyard_context_set_mode (self->context, mode_for_role (role));
  window = new_window (self, lanyard_context_get_config (self->context)->mode, FALSE);
  gtk_window_present (window);
  self->switching = TRUE;
  gtk_window_close (GTK_WINDOW (enrol));
  self->switching = FALSE;
  g_clear_pointer (&self->enrol_config, lanyard_kiosk_config_free);
}

static void
lanyard_application_activate (GApplication *app)
{
  LanyardApplication *self = LANYARD_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL && self->context == NULL && self->enrol_config != NULL)
    {
      lanyard_screen_layout_set_windowed (gdk_display_get_default (), self->enrol_config->windowed);
      window = GTK_WINDOW (lanyard_enrol_window_new (GTK_APPLICATION (app), self->enrol_config));
      g_signal_connect_object (window, "enrolled", G_CALLBACK (on_enrolled), self, 0);
    }
  else if (window == NULL)
    {
      lanyard_screen_layout_set_windowed (gdk_display_get_default (),
                                          lanyard_context_get_config (self->context)->windowed);
      window = new_window (self, lanyard_context_get_config (self->context)->mode, FALSE);
    }
  gtk_window_present (window);
}

/* A kiosk's screen must not blank or lock while people walk up to it:
 * each window holds its own inhibitor, taken once it is on screen (the
 * session manager ties it to the window) and given back when it goes, as
 * a mode switch replaces the window. */
#define INHIBIT_COOKIE "lanyard-inhibit-cookie"

static void
inhibit_idle (GtkWindow          *window,
              LanyardApplication *self)
{
  guint cookie;

  g_signal_handlers_disconnect_by_func (window, inhibit_idle, self);
  cookie = gtk_application_inhibit (GTK_APPLICATION (self), window, GTK_APPLICATION_INHIBIT_IDLE,
                                    _("Check-in kiosk"));
  g_object_set_data (G_OBJECT (window), INHIBIT_COOKIE, GUINT_TO_POINTER (cookie));
}

static void
lanyard_application_window_added (GtkApplication *app,
                                  GtkWindow      *window)
{
  GTK_APPLICATION_CLASS (lanyard_application_parent_class)->window_added (app, window);
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    inhibit_idle (window, LANYARD_APPLICATION (app));
  else
    g_signal_connect (window, "realize", G_CALLBACK (inhibit_idle), app);
}

static void
lanyard_application_window_removed (GtkApplication *app,
                                    GtkWindow      *window)
{
  guint cookie = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (window), INHIBIT_COOKIE));

  g_signal_handlers_disconnect_by_func (window, inhibit_idle, app);
  if (cookie != 0)
    gtk_application_uninhibit (app, cookie);
  g_object_set_data (G_OBJECT (window), INHIBIT_COOKIE, NULL);
  GTK_APPLICATION_CLASS (lanyard_application_parent_class)->window_removed (app, window);
}

static void
lanyard_application_dispose (GObject *object)
{
  LanyardApplication *self = LANYARD_APPLICATION (object);

  g_clear_object (&self->context);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->enrol_config, lanyard_kiosk_config_free);
  G_OBJECT_CLASS (lanyard_application_parent_class)->dispose (object);
}

static void
lanyard_application_class_init (LanyardApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->dispose = lanyard_application_dispose;
  app_class->handle_local_options = lanyard_application_handle_local_options;
  app_class->startup = lanyard_application_startup;
  app_class->activate = lanyard_application_activate;
  gtk_app_class->window_added = lanyard_application_window_added;
  gtk_app_class->window_removed = lanyard_application_window_removed;
}

static const GOptionEntry options[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("The device’s database (default: $LANYARD_DB)"), N_("FILE") },
  { "camera", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("A GStreamer source description, e.g. “v4l2src device=/dev/video2” or “filesrc location=code.png ! pngdec ! imagefreeze”"),
    N_("SOURCE") },
  { "demo-camera", 0, 0, G_OPTION_ARG_NONE, NULL, N_("No webcam: show the demo badges’ codes in turn"), NULL },
  { "windowed", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("A window beside others instead of the whole screen (to watch two devices at once)"), NULL },
  { "printer", 0, 0, G_OPTION_ARG_STRING, NULL, N_("A CUPS queue or an ipp:// printer for the badges"), N_("QUEUE-OR-URI") },
  { "certificate-printer", 0, 0, G_OPTION_ARG_STRING, NULL, N_("A CUPS queue or an ipp:// printer for the certificates"), N_("QUEUE-OR-URI") },
  { "claim-first", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Kiosk: a scan opens “My credits & certificate” (late in the meeting)"), NULL },
  { "template", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Badge template: 4x3, 4x6, a6, cr80 or an SVG file"), N_("NAME") },
  { "device", 0, 0, G_OPTION_ARG_STRING, NULL, N_("This device’s name in the scan log"), N_("NAME") },
  { "screenshot-dir", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Save a picture of each page shown here (for tests)"), N_("DIR") },
  { "mode", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("What this device does: kiosk (attendees check in), staff (the registration desk) or door (a session room)"),
    N_("MODE") },
  { "room", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Door: the room this door is for"), N_("ROOM") },
  { "session", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Door: this session, instead of the one the clock picks"), N_("ID") },
  { "page-log", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Write each page shown as a line to FILE, “-” for standard output (for tests)"), N_("FILE") },
  { NULL }
};

static void
lanyard_application_init (LanyardApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Check-in at a CME meeting: the self-service kiosk, the staff desk or a session door."));
}

LanyardApplication *
lanyard_application_new (void)
{
  /* One kiosk per screen is the session's business (cage + systemd);
   * tests run several side by side. */
  return g_object_new (LANYARD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       NULL);
}

