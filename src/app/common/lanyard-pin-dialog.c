/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lanyard-application.h"
#include "lanyard-error.h"
#include "lanyard-keyboard.h"
#include "lanyard-kiosk-entry.h"
#include "lanyard-pin-dialog.h"
#include "lanyard-pin.h"
#include "lanyard-screen-layout.h"
#include "lanyard-store-work.h"

struct _LanyardPinDialog
{
  GtkWindow     parent_instance;

  /* template widgets */
  GtkEditable  *entry;
  GtkLabel     *problem;
  GtkLabel     *closes;
  GtkSpinner   *spinner;

  /* owned */
  LanyardStore *store;
  guint         idle_seconds;
  gint64        closes_at;     /* monotonic µs; without input the pad goes then */
  guint         idle_id;       /* the next second of the countdown */
  gboolean      checking;      /* a try of the PIN is on its way */
};

G_DEFINE_FINAL_TYPE (LanyardPinDialog, lanyard_pin_dialog, GTK_TYPE_WINDOW)

enum {
  UNLOCKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_IDLE_SECONDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Left alone, the pad goes away: a passer-by who opened it by leaning on
 * the corner must not block the kiosk. Until then it says when, a second
 * at a time: staff know how long they have, a passer-by that it goes by
 * itself. */
static gboolean on_idle_tick (gpointer data);

static void
show_countdown (LanyardPinDialog *self)
{
  gint64 left = self->closes_at - g_get_monotonic_time ();
  g_autofree char *text = NULL;
  int seconds;

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->idle_seconds == 0)
    {
      gtk_label_set_text (self->closes, "");
      return;
    }
  if (left <= 0)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  seconds = (int) ((left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Closes in %d second",
                                       "Closes in %d seconds", seconds), seconds);
  gtk_label_set_text (self->closes, text);
  /* again when the number drops, never before: the pad goes no earlier
   * than idle-seconds after the last input */
  self->idle_id = g_timeout_add ((guint) ((left - (gint64) (seconds - 1) * G_USEC_PER_SEC + 999) / 1000),
                                 on_idle_tick, self);
}

static gboolean
on_idle_tick (gpointer data)
{
  LanyardPinDialog *self = data;

  self->idle_id = 0;
  show_countdown (self);
  return G_SOURCE_REMOVE;
}

static void
restart_idle_timer (LanyardPinDialog *self)
{
  self->closes_at = g_get_monotonic_time () + (gint64) self->idle_seconds * G_USEC_PER_SEC;
  show_countdown (self);
}

/* Every key and touch on the pad is input: the timer starts again. */
static gboolean
on_any_event (GtkEventControllerLegacy *controller,
              GdkEvent                 *event,
              LanyardPinDialog         *self)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_BUTTON_PRESS:
    case GDK_KEY_PRESS:
    case GDK_TOUCH_BEGIN:
    case GDK_SCROLL:
      restart_idle_timer (self);
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
show_problem (LanyardPinDialog *self,
              const char       *text)
{
  gtk_label_set_text (self->problem, text);
  gtk_widget_set_visible (GTK_WIDGET (self->problem), TRUE);
  gtk_editable_set_text (self->entry, "");
}

/* A try of the PIN is checked on a worker thread with a connection of
 * its own (lanyard-store-work.h): the hash takes about 0.1 s to check by
 * design, and the try is written (counted for the limit) in the database,
 * which another process may hold a moment. Meanwhile the pad spins and
 * takes no other try. */
typedef struct {
  char   *pin;
  gint64  now;
} PinTry;

static void
pin_try_free (PinTry *pin_try)
{
  explicit_bzero (pin_try->pin, strlen (pin_try->pin));
  g_free (pin_try->pin);
  g_free (pin_try);
}

static gpointer
pin_try_run (LanyardStore  *store,
             gpointer       data,
             GError       **error)
{
  PinTry *pin_try = data;

  /* a non-NULL result says "unlocked" */
  return lanyard_pin_verify (store, pin_try->pin, pin_try->now, error) ? store : NULL;
}

static void
set_checking (LanyardPinDialog *self,
              gboolean          checking)
{
  self->checking = checking;
  gtk_spinner_set_spinning (self->spinner, checking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pin.unlock", !checking);
}

static void
on_pin_checked (gpointer      owner,
                gpointer      result,
                const GError *error,
                gpointer      data)
{
  LanyardPinDialog *self = owner;

  set_checking (self, FALSE);
  if (error == NULL && result != NULL)
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
unlock (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  LanyardPinDialog *self = LANYARD_PIN_DIALOG (widget);
  PinTry *pin_try;

  if (self->checking)
    return;
  pin_try = g_new0 (PinTry, 1);
  pin_try->pin = g_strdup (gtk_editable_get_text (self->entry));
  pin_try->now = g_get_real_time ();
  gtk_label_set_text (self->problem, "");
  set_checking (self, TRUE);
  /* the try counts whether or not the pad is still there to say so */
  lanyard_store_work_async (self->store, self, pin_try_run, NULL, on_pin_checked,
                            pin_try, (GDestroyNotify) pin_try_free, NULL);
}

static void
cancel (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
lanyard_pin_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LanyardPinDialog *self = LANYARD_PIN_DIALOG (object);

  switch (prop_id)
    {
    case PROP_IDLE_SECONDS:
      self->idle_seconds = g_value_get_uint (value);
      restart_idle_timer (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanyard_pin_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LanyardPinDialog *self = LANYARD_PIN_DIALOG (object);

  switch (prop_id)
    {
    case PROP_IDLE_SECONDS:
      g_value_set_uint (value, self->idle_seconds);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanyard_pin_dialog_dispose (GObject *object)
{
  LanyardPinDialog *self = LANYARD_PIN_DIALOG (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (lanyard_pin_dialog_parent_class)->dispose (object);
}

static void
lanyard_pin_dialog_class_init (LanyardPinDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanyard_pin_dialog_dispose;
  object_class->set_property = lanyard_pin_dialog_set_property;
  object_class->get_property = lanyard_pin_dialog_get_property;

  /* 0: the pad stays until it is answered. */
  properties[PROP_IDLE_SECONDS] =
    g_param_spec_uint ("idle-seconds", NULL, NULL, 0, G_MAXUINT, LANYARD_PIN_DIALOG_IDLE_SECONDS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[UNLOCKED] = g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (LANYARD_TYPE_KEYBOARD);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/lanyard/Lanyard/common/lanyard-pin-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LanyardPinDialog, entry);
  gtk_widget_class_bind_template_child (widget_class, LanyardPinDialog, problem);
  gtk_widget_class_bind_template_child (widget_class, LanyardPinDialog, closes);
  gtk_widget_class_bind_template_child (widget_class, LanyardPinDialog, spinner);
  gtk_widget_class_install_action (widget_class, "pin.unlock", NULL, unlock);
  gtk_widget_class_install_action (widget_class, "pin.cancel", NULL, cancel);
}

static void
lanyard_pin_dialog_init (LanyardPinDialog *self)
{
  GtkEventController *legacy = gtk_event_controller_legacy_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  lanyard_kiosk_entry_guard (GTK_WIDGET (self->entry));
  gtk_event_controller_set_propagation_phase (legacy, GTK_PHASE_CAPTURE);
  g_signal_connect (legacy, "event", G_CALLBACK (on_any_event), self);
  gtk_widget_add_controller (GTK_WIDGET (self), legacy);
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

void
lanyard_pin_dialog_cover (LanyardPinDialog *self)
{
  g_return_if_fail (LANYARD_IS_PIN_DIALOG (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "pin-cover");
  lanyard_screen_layout_fill_screen (GTK_WINDOW (self));
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
  static const guint keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter, GDK_KEY_space, GDK_KEY_KP_Space };
  GtkGesture *long_press = gtk_gesture_long_press_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  /* Twice the usual press: nobody finds it by leaning on the screen. */
  gtk_gesture_long_press_set_delay_factor (GTK_GESTURE_LONG_PRESS (long_press), 2.0);
  g_signal_connect_data (long_press, "pressed", G_CALLBACK (on_corner_pressed),
                         g_strdup (action_name), free_action_name, 0);
  gtk_widget_add_controller (corner, GTK_EVENT_CONTROLLER (long_press));

  /* Staff with a keyboard: Tab reaches the corner, Enter or Space on it
   * asks for the PIN. A tap still does nothing: it is no button. */
  gtk_widget_set_focusable (corner, TRUE);
  gtk_widget_set_focus_on_click (corner, FALSE);
  gtk_widget_add_css_class (corner, "staff-corner");
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i], 0),
                                                            gtk_named_action_new (action_name)));
  gtk_widget_add_controller (corner, shortcuts);
}
