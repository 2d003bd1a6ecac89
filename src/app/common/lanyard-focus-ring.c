/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lanyard-focus-ring.h"

#define KEPT_KEY     "lanyard-focus-ring"
#define KEYBOARD_KEY "lanyard-focus-ring-keyboard"   /* Tab or an arrow last, not a pointer */

static gboolean
moves_focus (guint keyval)
{
  switch (keyval)
    {
    case GDK_KEY_Tab: case GDK_KEY_KP_Tab: case GDK_KEY_ISO_Left_Tab:
    case GDK_KEY_Up: case GDK_KEY_Down: case GDK_KEY_Left: case GDK_KEY_Right:
    case GDK_KEY_KP_Up: case GDK_KEY_KP_Down: case GDK_KEY_KP_Left: case GDK_KEY_KP_Right:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
set_keyboard (GtkWindow *window,
              gboolean   keyboard)
{
  g_object_set_data (G_OBJECT (window), KEYBOARD_KEY, GINT_TO_POINTER (keyboard));
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkWindow             *window)
{
  if (moves_focus (keyval))
    set_keyboard (window, TRUE);
  return GDK_EVENT_PROPAGATE;
}

static gboolean
on_any_event (GtkEventControllerLegacy *controller,
              GdkEvent                 *event,
              GtkWindow                *window)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
      set_keyboard (window, FALSE);
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

/* GTK's timer hid the ring: shown again while the keyboard is in use. */
static void
on_focus_visible (GtkWindow  *window,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  if (!gtk_window_get_focus_visible (window)
      && GPOINTER_TO_INT (g_object_get_data (G_OBJECT (window), KEYBOARD_KEY)))
    gtk_window_set_focus_visible (window, TRUE);
}

void
lanyard_focus_ring_keep (GtkWindow *window)
{
  GtkEventController *keys;
  GtkEventController *legacy;

  g_return_if_fail (GTK_IS_WINDOW (window));
  if (g_object_get_data (G_OBJECT (window), KEPT_KEY) != NULL)
    return;
  g_object_set_data (G_OBJECT (window), KEPT_KEY, GINT_TO_POINTER (TRUE));
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), window);
  gtk_widget_add_controller (GTK_WIDGET (window), keys);
  legacy = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (legacy, GTK_PHASE_CAPTURE);
  g_signal_connect (legacy, "event", G_CALLBACK (on_any_event), window);
  gtk_widget_add_controller (GTK_WIDGET (window), legacy);
  g_signal_connect (window, "notify::focus-visible", G_CALLBACK (on_focus_visible), NULL);
}
