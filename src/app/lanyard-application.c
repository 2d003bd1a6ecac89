/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lanyard-application.h"
#include "lanyard-door-window.h"
#include "lanyard-error.h"
#include "lanyard-resources.h"
#include "lanyard-staff-window.h"
#include "lanyard-window.h"

struct _LanyardApplication
{
  AdwApplication      parent_instance;

  /* owned */
  LanyardKioskConfig *config;
  LanyardStore       *store;
  LanyardEvent       *event;
  LanyardBadgeKeys   *keys;
  GSettings          *settings;       /* NULL without the schema */
  guint               inhibit_cookie;
  gboolean            switching;      /* one mode's window gives way to another's */
};

G_DEFINE_FINAL_TYPE (LanyardApplication, lanyard_application, ADW_TYPE_APPLICATION)

void
lanyard_application_ensure_resources (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      lanyard_register_resource ();
      g_once_init_leave (&once, 1);
    }
}

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

gboolean
lanyard_application_open (LanyardApplication *self,
                          LanyardKioskConfig *config,
                          GError            **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) key_error = NULL;

  g_return_val_if_fail (LANYARD_IS_APPLICATION (self), FALSE);

  g_clear_pointer (&self->config, lanyard_kiosk_config_free);
  self->config = config;
  path = config->db_path != NULL ? g_strdup (config->db_path) : lanyard_store_default_path ();
  g_clear_object (&self->store);
  self->store = lanyard_store_open (path, error);
  if (self->store == NULL)
    return FALSE;
  g_clear_pointer (&self->event, lanyard_event_free);
  self->event = lanyard_store_load_event (self->store, error);
  if (self->event == NULL)
    return FALSE;
  g_clear_pointer (&self->keys, lanyard_badge_keys_free);
  self->keys = lanyard_badge_keys_load_for_store (self->store, &key_error);
  if (self->keys == NULL)
    g_printerr (_("lanyard: no badge key (%s): badge codes cannot be checked or printed, ticket codes still work\n"),
                key_error != NULL ? key_error->message : _("none in the database"));
  return TRUE;
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
  if (!lanyard_kiosk_config_check (config, &error))
    {
      g_printerr (_("lanyard: %s\n"), error->message);
      return 2;
    }

  g_set_object (&self->settings, settings);
  if (!lanyard_application_open (self, g_steal_pointer (&config), &error))
    {
      g_printerr (_("lanyard: %s\n"), error->message);
      if (g_error_matches (error, LANYARD_ERROR, LANYARD_ERROR_NO_EVENT))
        g_printerr (_("Load the event first: lanyardctl init --event EVENT.json\n"));
      return 1;
    }
  return -1;
}

static GtkWindow *
new_window (LanyardApplication *self,
            const char         *mode)
{
  if (g_strcmp0 (mode, "staff") == 0)
    return GTK_WINDOW (lanyard_staff_window_new (self));
  if (g_strcmp0 (mode, "door") == 0)
    return GTK_WINDOW (lanyard_door_window_new (self));
  return GTK_WINDOW (lanyard_window_new (self));
}

void
lanyard_application_show_mode (LanyardApplication *self,
                               const char         *mode)
{
  g_autoptr(GList) old = NULL;
  GtkWindow *window;

  g_return_if_fail (LANYARD_IS_APPLICATION (self));
  g_return_if_fail (lanyard_kiosk_mode_is_valid (mode));

  old = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  /* The kiosk and the door refuse to close, except for this; the desk
   * opens unlocked (the PIN was just entered). */
  self->switching = TRUE;
  window = new_window (self, mode);
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

void
lanyard_application_remember (LanyardApplication *self,
                              const char         *key,
                              const char         *value)
{
  g_return_if_fail (LANYARD_IS_APPLICATION (self));
  if (self->settings != NULL)
    g_settings_set_string (self->settings, key, value);
}

/* Without a window manager (a bare X server in tests) fullscreen is only a
 * wish: ask for the screen's size too. */
void
lanyard_application_fill_screen (GtkWindow *window)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (window)));
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);

  if (monitor != NULL)
    {
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      gtk_window_set_default_size (window, geometry.width, geometry.height);
    }
  gtk_window_fullscreen (window);
}

/* app.show-mode: for now (the kiosk's or the door's staff PIN opens the
 * desk); app.device-mode: what this device does from now on, also after a
 * restart (the desk's "switch this device to …"). */
static void
show_mode_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  const char *mode = g_variant_get_string (parameter, NULL);

  (void) action;
  if (lanyard_kiosk_mode_is_valid (mode))
    lanyard_application_show_mode (LANYARD_APPLICATION (user_data), mode);
}

static void
device_mode_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  LanyardApplication *self = LANYARD_APPLICATION (user_data);
  const char *mode = g_variant_get_string (parameter, NULL);

  (void) action;
  if (!lanyard_kiosk_mode_is_valid (mode))
    return;
  lanyard_application_remember (self, "mode", mode);
  g_free (self->config->mode);
  self->config->mode = g_strdup (mode);
  lanyard_application_show_mode (self, mode);
}

static const GActionEntry app_actions[] = {
  { "show-mode", show_mode_activated, "s", NULL, NULL, { 0 } },
  { "device-mode", device_mode_activated, "s", NULL, NULL, { 0 } },
};

static void
lanyard_application_startup (GApplication *app)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  G_APPLICATION_CLASS (lanyard_application_parent_class)->startup (app);

  lanyard_application_ensure_resources ();
  gtk_css_provider_load_from_resource (css, "/org/lanyard/Lanyard/kiosk.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_window_set_default_icon_name (APP_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
}

static void
lanyard_application_activate (GApplication *app)
{
  LanyardApplication *self = LANYARD_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = new_window (self, self->config->mode);
  gtk_window_present (window);
  /* A kiosk's screen must not blank or lock while people walk up to it. */
  if (self->inhibit_cookie == 0)
    self->inhibit_cookie = gtk_application_inhibit (GTK_APPLICATION (app), window,
                                                    GTK_APPLICATION_INHIBIT_IDLE,
                                                    _("Check-in kiosk"));
}

static void
lanyard_application_dispose (GObject *object)
{
  LanyardApplication *self = LANYARD_APPLICATION (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->event, lanyard_event_free);
  g_clear_pointer (&self->keys, lanyard_badge_keys_free);
  g_clear_pointer (&self->config, lanyard_kiosk_config_free);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (lanyard_application_parent_class)->dispose (object);
}

static void
lanyard_application_class_init (LanyardApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = lanyard_application_dispose;
  app_class->handle_local_options = lanyard_application_handle_local_options;
  app_class->startup = lanyard_application_startup;
  app_class->activate = lanyard_application_activate;
}

static const GOptionEntry options[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("The device’s database (default: $LANYARD_DB)"), N_("FILE") },
  { "camera", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("A GStreamer source description, e.g. “v4l2src device=/dev/video2” or “filesrc location=code.png ! pngdec ! imagefreeze”"),
    N_("SOURCE") },
  { "demo-camera", 0, 0, G_OPTION_ARG_NONE, NULL, N_("No webcam: show the demo badges’ codes in turn"), NULL },
  { "printer", 0, 0, G_OPTION_ARG_STRING, NULL, N_("A CUPS queue or an ipp:// printer for the badges"), N_("QUEUE-OR-URI") },
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

LanyardStore *
lanyard_application_get_store (LanyardApplication *self)
{
  g_return_val_if_fail (LANYARD_IS_APPLICATION (self), NULL);
  return self->store;
}

const LanyardEvent *
lanyard_application_get_event (LanyardApplication *self)
{
  g_return_val_if_fail (LANYARD_IS_APPLICATION (self), NULL);
  return self->event;
}

const LanyardBadgeKeys *
lanyard_application_get_keys (LanyardApplication *self)
{
  g_return_val_if_fail (LANYARD_IS_APPLICATION (self), NULL);
  return self->keys;
}

const LanyardKioskConfig *
lanyard_application_get_config (LanyardApplication *self)
{
  g_return_val_if_fail (LANYARD_IS_APPLICATION (self), NULL);
  return self->config;
}
