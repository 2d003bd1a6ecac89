/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lanyard-kiosk-entry.h"

static gboolean
on_event (GtkEventControllerLegacy *controller,
          GdkEvent                 *event,
          gpointer                  user_data)
{
  GdkEventType type = gdk_event_get_event_type (event);

  if (type == GDK_BUTTON_PRESS && gdk_button_event_get_button (event) == GDK_BUTTON_SECONDARY)
    return GDK_EVENT_STOP;
  if (type == GDK_KEY_PRESS)
    {
      guint keyval = gdk_key_event_get_keyval (event);
      GdkModifierType mods = gdk_event_get_modifier_state (event);

      if (keyval == GDK_KEY_Menu
          || ((keyval == GDK_KEY_F10 || keyval == GDK_KEY_KP_F1) && (mods & GDK_SHIFT_MASK) != 0))
        return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

void
lanyard_kiosk_entry_guard (GtkWidget *entry)
{
  GtkEventController *legacy = gtk_event_controller_legacy_new ();

  g_return_if_fail (GTK_IS_WIDGET (entry));
  gtk_event_controller_set_propagation_phase (legacy, GTK_PHASE_CAPTURE);
  g_signal_connect (legacy, "event", G_CALLBACK (on_event), NULL);
  gtk_widget_add_controller (entry, legacy);
}

void
lanyard_kiosk_entry_forget (GtkEditable *editable)
{
  gboolean undo;

  g_return_if_fail (GTK_IS_EDITABLE (editable));
  /* Turning undo off drops the history; on again for the next person. */
  undo = gtk_editable_get_enable_undo (editable);
  gtk_editable_set_enable_undo (editable, FALSE);
  gtk_editable_set_text (editable, "");
  gtk_editable_set_enable_undo (editable, undo);
}
