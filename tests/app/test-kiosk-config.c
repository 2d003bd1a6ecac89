/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk's settings: the schema's defaults, a device's settings, and
 * the per-device choices over the event's policy.
 */
#include "config.h"

#include "lanyard-kiosk-config.h"

static void
test_choice (void)
{
  g_assert_true (lanyard_kiosk_choice_resolve ("event", TRUE));
  g_assert_false (lanyard_kiosk_choice_resolve ("event", FALSE));
  g_assert_true (lanyard_kiosk_choice_resolve ("always", FALSE));
  g_assert_false (lanyard_kiosk_choice_resolve ("never", TRUE));
  /* anything else follows the event */
  g_assert_true (lanyard_kiosk_choice_resolve (NULL, TRUE));
  g_assert_false (lanyard_kiosk_choice_resolve ("sometimes", FALSE));
}

static void
test_defaults (void)
{
  g_autoptr(LanyardKioskConfig) config = lanyard_kiosk_config_new ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  lanyard_kiosk_config_load_settings (config, settings);
  g_assert_null (config->camera_source);
  g_assert_null (config->printer);
  g_assert_null (config->device_name);
  g_assert_cmpstr (config->badge_template, ==, "4x3");
  g_assert_cmpuint (config->idle_seconds, ==, 20);
  g_assert_cmpstr (config->verify_last4, ==, "event");
  g_assert_cmpstr (config->tap_to_print, ==, "event");
  g_assert_cmpstr (lanyard_kiosk_config_get_device (config), ==, g_get_host_name ());

  g_autofree char *mode = g_settings_get_string (settings, "mode");
  g_assert_cmpstr (mode, ==, "kiosk");
}

static void
test_settings (void)
{
  g_autoptr(LanyardKioskConfig) config = lanyard_kiosk_config_new ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_string (settings, "device-name", "kiosk-3");
  g_settings_set_string (settings, "camera-source", "v4l2src device=/dev/video2");
  g_settings_set_string (settings, "printer", "ipp://labels.local/ipp/print");
  g_settings_set_string (settings, "badge-template", "4x6");
  g_settings_set_uint (settings, "idle-timeout", 45);
  g_settings_set_string (settings, "verify-last4", "always");
  g_settings_set_string (settings, "tap-to-print", "never");

  lanyard_kiosk_config_load_settings (config, settings);
  g_assert_cmpstr (lanyard_kiosk_config_get_device (config), ==, "kiosk-3");
  g_assert_cmpstr (config->camera_source, ==, "v4l2src device=/dev/video2");
  g_assert_cmpstr (config->printer, ==, "ipp://labels.local/ipp/print");
  g_assert_cmpstr (config->badge_template, ==, "4x6");
  g_assert_cmpuint (config->idle_seconds, ==, 45);
  g_assert_true (lanyard_kiosk_choice_resolve (config->verify_last4, FALSE));
  g_assert_false (lanyard_kiosk_choice_resolve (config->tap_to_print, TRUE));

  /* The schema refuses what the kiosk could not use. */
  {
    g_autoptr(GSettingsSchema) schema = NULL;
    g_autoptr(GSettingsSchemaKey) mode = NULL;
    g_autoptr(GSettingsSchemaKey) idle = NULL;
    g_autoptr(GVariant) lobby = g_variant_ref_sink (g_variant_new_string ("lobby"));
    g_autoptr(GVariant) one = g_variant_ref_sink (g_variant_new_uint32 (1));

    g_object_get (settings, "settings-schema", &schema, NULL);
    mode = g_settings_schema_get_key (schema, "mode");
    idle = g_settings_schema_get_key (schema, "idle-timeout");
    g_assert_false (g_settings_schema_key_range_check (mode, lobby));
    g_assert_false (g_settings_schema_key_range_check (idle, one));
  }

  g_settings_reset (settings, "device-name");
  g_settings_reset (settings, "camera-source");
  g_settings_reset (settings, "printer");
  g_settings_reset (settings, "badge-template");
  g_settings_reset (settings, "idle-timeout");
  g_settings_reset (settings, "verify-last4");
  g_settings_reset (settings, "tap-to-print");
}

/* The name the scan log and the audit carry: printable, 1 to 64
 * characters; none set means the host name. */
static void
test_device_name (void)
{
  const struct { const char *name; gboolean ok; } cases[] = {
    { NULL, TRUE }, { "kiosk-3", TRUE }, { "", FALSE }, { "kiosk\t3", FALSE }, { "door\nA", FALSE },
    { "a-name-much-longer-than-sixty-four-characters-for-a-device-in-a-hall", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LanyardKioskConfig) config = lanyard_kiosk_config_new ();
      g_autoptr(GError) error = NULL;

      config->device_name = g_strdup (cases[i].name);
      g_assert_cmpint (lanyard_kiosk_config_check (config, &error), ==, cases[i].ok);
      if (!cases[i].ok)
        g_assert_nonnull (error);
      else
        g_assert_nonnull (lanyard_kiosk_config_get_device (config));
    }
}

/* A copy owns every string it holds: freeing the original and then the
 * copy (the enrolment window's config, handed on to the device's context)
 * frees nothing twice. */
static void
test_copy (void)
{
  LanyardKioskConfig *config = lanyard_kiosk_config_new ();
  LanyardKioskConfig *copy;
  char **fields[] = {
    &config->mode, &config->db_path, &config->device_name, &config->camera_source, &config->printer,
    &config->badge_template, &config->verify_last4, &config->tap_to_print, &config->door_room,
    &config->door_session, &config->door_direction, &config->certificate_printer,
    &config->certificate_paper, &config->certificate_collect, &config->screenshot_dir, &config->page_log,
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_free (*fields[i]);
      *fields[i] = g_strdup_printf ("value %u", i);
    }
  copy = lanyard_kiosk_config_copy (config);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      char **in_copy = (char **) ((char *) copy + ((char *) fields[i] - (char *) config));

      g_assert_cmpstr (*in_copy, ==, *fields[i]);
      g_assert_true (*in_copy != *fields[i]);
    }
  lanyard_kiosk_config_free (config);
  lanyard_kiosk_config_free (copy);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/kiosk-config/choice", test_choice);
  g_test_add_func ("/kiosk-config/defaults", test_defaults);
  g_test_add_func ("/kiosk-config/settings", test_settings);
  g_test_add_func ("/kiosk-config/device-name", test_device_name);
  g_test_add_func ("/kiosk-config/copy", test_copy);
  return g_test_run ();
}
