/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lanyard-focus-ring.h"
#include "lanyard-inspector-guard.h"

#define GUARD_KEY "lanyard-inspector-guard"
#define DEBUG_SCHEMA "org.gtk.gtk4.Settings.Debug"

/* Matched as GTK's own shortcuts match (gdk_key_event_matches): by
 * keyval, and by the key's place in other keyboard layouts too. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                gpointer               user_data)
{
  static const guint inspector_keys[] = { GDK_KEY_I, GDK_KEY_D };
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));

  if (event == NULL)
    return GDK_EVENT_PROPAGATE;
  for (guint i = 0; i < G_N_ELEMENTS (inspector_keys); i++)
    if (gdk_key_event_matches (event, inspector_keys[i], GDK_CONTROL_MASK | GDK_SHIFT_MASK) != GDK_KEY_MATCH_NONE)
      return GDK_EVENT_STOP;
  return GDK_EVENT_PROPAGATE;
}

static void
guard (GtkWindow *window)
{
  GtkEventController *keys;

  if (g_object_get_data (G_OBJECT (window), GUARD_KEY) != NULL)
    return;
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (keys, GUARD_KEY);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), NULL);
  gtk_widget_add_controller (GTK_WIDGET (window), keys);
  g_object_set_data (G_OBJECT (window), GUARD_KEY, keys);
}

static void
on_toplevels_changed (GListModel *toplevels,
                      guint       position,
                      guint       removed,
                      guint       added,
                      gpointer    user_data)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      guard (window);
      /* what every window gets, as it is made: its focus ring kept */
      lanyard_focus_ring_keep (window);
    }
}

void
lanyard_inspector_guard_install (void)
{
  static gsize once = 0;
  GListModel *toplevels = gtk_window_get_toplevels ();  /* GTK's */

  if (g_once_init_enter (&once))
    {
      g_signal_connect (toplevels, "items-changed", G_CALLBACK (on_toplevels_changed), NULL);
      g_once_init_leave (&once, 1);
    }
  on_toplevels_changed (toplevels, 0, 0, g_list_model_get_n_items (toplevels), NULL);
}

gboolean
lanyard_inspector_guard_check_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source == NULL || (schema = g_settings_schema_source_lookup (source, DEBUG_SCHEMA, TRUE)) == NULL)
    return FALSE;
  if (!g_settings_schema_has_key (schema, "enable-inspector-keybinding"))
    return FALSE;
  settings = g_settings_new_full (schema, NULL, NULL);
  if (!g_settings_get_boolean (settings, "enable-inspector-keybinding"))
    return FALSE;
  g_message ("GSettings let Ctrl+Shift+I and Ctrl+Shift+D open the GTK Inspector (" DEBUG_SCHEMA
             " enable-inspector-keybinding is true): the override 50-lanyard-kiosk.gschema.override is not in "
             "effect, as it works only when compiled beside GTK's own schema (install with --prefix=/usr, or "
             "copy it there and run glib-compile-schemas). Lanyard stops those keys itself.");
  return TRUE;
}
