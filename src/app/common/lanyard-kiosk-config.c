/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lanyard-attendee-field.h"
#include "lanyard-kiosk-config.h"

#define DEFAULT_IDLE_SECONDS   20
#define DEFAULT_PRINT_TIMEOUT  90
#define DEFAULT_STAFF_LOCK     180

LanyardKioskConfig *
lanyard_kiosk_config_new (void)
{
  LanyardKioskConfig *self = g_new0 (LanyardKioskConfig, 1);

  self->mode = g_strdup ("kiosk");
  self->badge_template = g_strdup ("4x3");
  self->idle_seconds = DEFAULT_IDLE_SECONDS;
  self->verify_last4 = g_strdup ("event");
  self->tap_to_print = g_strdup ("event");
  self->print_timeout_seconds = DEFAULT_PRINT_TIMEOUT;
  self->staff_lock_seconds = DEFAULT_STAFF_LOCK;
  self->door_direction = g_strdup ("toggle");
  return self;
}

void
lanyard_kiosk_config_free (LanyardKioskConfig *self)
{
  if (self == NULL)
    return;
  g_free (self->mode);
  g_free (self->db_path);
  g_free (self->device_name);
  g_free (self->camera_source);
  g_free (self->printer);
  g_free (self->badge_template);
  g_free (self->verify_last4);
  g_free (self->tap_to_print);
  g_free (self->screenshot_dir);
  g_free (self->page_log);
  g_free (self->door_room);
  g_free (self->door_session);
  g_free (self->door_direction);
  g_free (self->certificate_printer);
  g_free (self->certificate_paper);
  g_free (self->certificate_collect);
  g_free (self);
}

LanyardKioskConfig *
lanyard_kiosk_config_copy (const LanyardKioskConfig *self)
{
  LanyardKioskConfig *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->mode = g_strdup (self->mode);
  copy->db_path = g_strdup (self->db_path);
  copy->device_name = g_strdup (self->device_name);
  copy->camera_source = g_strdup (self->camera_source);
  copy->printer = g_strdup (self->printer);
  copy->badge_template = g_strdup (self->badge_template);
  copy->verify_last4 = g_strdup (self->verify_last4);
  copy->tap_to_print = g_strdup (self->tap_to_print);
  copy->screenshot_dir = g_strdup (self->screenshot_dir);
  copy->page_log = g_strdup (self->page_log);
  copy->door_room = g_strdup (self->door_room);
  copy->door_session = g_strdup (self->door_session);
  copy->door_direction = g_strdup (self->door_direction);
  copy->certificate_printer = g_strdup (self->certificate_printer);
  copy->certificate_paper = g_strdup (self->certificate_paper);
  copy->certificate_collect = g_strdup (self->certificate_collect);
  return copy;
}

/* An empty setting keeps what is there (the built-in default). */
static void
take_setting (char      **field,
              GSettings  *settings,
              const char *key)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  if (value != NULL && *value != '\0')
    {
      g_free (*field);
      *field = g_steal_pointer (&value);
    }
}

void
lanyard_kiosk_config_load_settings (LanyardKioskConfig *self,
                                    GSettings          *settings)
{
  take_setting (&self->device_name, settings, "device-name");
  take_setting (&self->camera_source, settings, "camera-source");
  take_setting (&self->printer, settings, "printer");
  take_setting (&self->badge_template, settings, "badge-template");
  take_setting (&self->verify_last4, settings, "verify-last4");
  take_setting (&self->tap_to_print, settings, "tap-to-print");
  take_setting (&self->mode, settings, "mode");
  take_setting (&self->door_room, settings, "door-room");
  take_setting (&self->door_session, settings, "door-session");
  take_setting (&self->door_direction, settings, "door-direction");
  take_setting (&self->certificate_printer, settings, "certificate-printer");
  take_setting (&self->certificate_paper, settings, "certificate-paper");
  take_setting (&self->certificate_collect, settings, "certificate-collect");
  self->claim_first = g_settings_get_boolean (settings, "claim-first");
  self->idle_seconds = g_settings_get_uint (settings, "idle-timeout");
  self->staff_lock_seconds = g_settings_get_uint (settings, "staff-lock-timeout");
}

const char *
lanyard_kiosk_config_get_device (const LanyardKioskConfig *self)
{
  if (self->device_name != NULL && *self->device_name != '\0')
    return self->device_name;
  return g_get_host_name ();
}

/* What a device could not run with, said before it starts. */
gboolean
lanyard_kiosk_config_check (const LanyardKioskConfig  *self,
                            GError                   **error)
{
  return self->device_name == NULL || lanyard_check_device_name (self->device_name, error);
}

gboolean
lanyard_kiosk_mode_is_valid (const char *mode)
{
  return g_strcmp0 (mode, "kiosk") == 0 || g_strcmp0 (mode, "staff") == 0 || g_strcmp0 (mode, "door") == 0;
}

gboolean
lanyard_kiosk_choice_resolve (const char *choice,
                              gboolean    event_value)
{
  if (g_strcmp0 (choice, "always") == 0)
    return TRUE;
  if (g_strcmp0 (choice, "never") == 0)
    return FALSE;
  return event_value;
}
