/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lanyard-application.h"
#include "lanyard-error.h"
#include "lanyard-keyboard.h"
#include "lanyard-pin-dialog.h"
#include "lanyard-pin.h"

struct _LanyardPinDialog
{
  GtkWindow     parent_instance;

  /* template widgets */
  GtkEditable  *entry;
  GtkLabel     *problem;

  /* owned */
  LanyardStore *store;
};

G_DEFINE_FINAL_TYPE (LanyardPinDialog, lanyard_pin_dialog, GTK_TYPE_WINDOW)

enum {
  UNLOCKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_problem (LanyardPinDialog *self,
              const char       *text)
{
  gtk_label_set_text (self->problem, text);
  gtk_widget_set_visible (GTK_WIDGET (self->problem), TRUE);
  gtk_editable_set_text (self->entry, "");
}

static void
unlock (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  LanyardPinDialog *self = LANYARD_PIN_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (lanyard_pin_verify (self->store, gtk_editable_get_text (self->entry), g_get_real_time (), &error))
    {
      g_signal_emit (self, signals[UNLOCKED], 0);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (g_error_matches (error, LANYARD_ERROR, LANYARD_ERROR_PIN_NOT_SET))
    show_problem (self, _("No staff PIN is set on this kiosk. Set one with “lanyardctl set-pin”."));
  else if (g_error_matches (error, LANYARD_ERROR, LANYARD_ERROR_PIN_LOCKED))
    show_problem (self, _("Too many wrong tries. Wait a minute, then try again."));
  else if (g_error_matches (error, LANYARD_ERROR, LANYARD_ERROR_PIN_WRONG))
    show_problem (self, _("That PIN is not right."));
  else
    show_problem (self, error->message);
}

static void
cancel (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
lanyard_pin_dialog_dispose (GObject *object)
{
  LanyardPinDialog *self = LANYARD_PIN_DIALOG (object);

  g_clear_object (&self->store);
  G_OBJECT_CLASS (lanyard_pin_dialog_parent_class)->dispose (object);
}

static void
lanyard_pin_dialog_class_init (LanyardPinDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanyard_pin_dialog_dispose;

  signals[UNLOCKED] = g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (LANYARD_TYPE_KEYBOARD);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/lanyard/Lanyard/common/lanyard-pin-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LanyardPinDialog, entry);
  gtk_widget_class_bind_template_child (widget_class, LanyardPinDialog, problem);
  gtk_widget_class_install_action (widget_class, "pin.unlock", NULL, unlock);
  gtk_widget_class_install_action (widget_class, "pin.cancel", NULL, cancel);
}

static void
lanyard_pin_dialog_init (LanyardPinDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LanyardPinDialog *
lanyard_pin_dialog_new (GtkWindow    *parent,
                        LanyardStore *store)
{
  LanyardPinDialog *self = g_object_new (LANYARD_TYPE_PIN_DIALOG,
                                         "transient-for", parent,
                                         "modal", TRUE,
                                         NULL);

  self->store = g_object_ref (store);
  return self;
}

void
lanyard_pin_dialog_ask (GtkWindow    *parent,
                        LanyardStore *store,
                        GCallback     on_unlocked,
                        gpointer      target)
{
  LanyardPinDialog *dialog = lanyard_pin_dialog_new (parent, store);

  g_signal_connect_object (dialog, "unlocked", on_unlocked, target, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_corner_pressed (GtkGestureLongPress *gesture,
                   double               x,
                   double               y,
                   const char          *action_name)
{
  GtkWidget *corner = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  gtk_widget_activate_action (corner, action_name, NULL);
}

static void
free_action_name (gpointer  data,
                  GClosure *closure)
{
  g_free (data);
}

void
lanyard_pin_dialog_attach_corner (GtkWidget  *corner,
                                  const char *action_name)
{
  GtkGesture *long_press = gtk_gesture_long_press_new ();

  /* Twice the usual press: nobody finds it by leaning on the screen. */
  gtk_gesture_long_press_set_delay_factor (GTK_GESTURE_LONG_PRESS (long_press), 2.0);
  g_signal_connect_data (long_press, "pressed", G_CALLBACK (on_corner_pressed),
                         g_strdup (action_name), free_action_name, 0);
  gtk_widget_add_controller (corner, GTK_EVENT_CONTROLLER (long_press));
}
