/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lanyard-scan-input.h"
#include "lanyard-wedge.h"

typedef struct {
  GtkWidget        *window;  /* borrowed: it owns the controllers that own us */
  LanyardWedge     *wedge;
  guint             timer_id;
  gint64            clock_offset;  /* monotonic − event time, the smallest seen */
  gboolean          has_offset;
  LanyardScanFunc   on_scan;
  LanyardInputFunc  on_input;
  gpointer          user_data;
} ScanInput;

static void
scan_input_free (ScanInput *self)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  lanyard_wedge_free (self->wedge);
  g_free (self);
}

/* Whether the focus of @self's window is on a text field. */
static gboolean
typing_into_field (ScanInput *self)
{
  GtkRoot *root = gtk_widget_get_root (self->window);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && GTK_IS_EDITABLE (focus);
}

/* Text a burst turned out not to be: typing after all. */
static void
deliver_typing (ScanInput  *self,
                const char *text)
{
  GtkWidget *focus;
  int pos;

  if (!typing_into_field (self))
    return;
  focus = gtk_root_get_focus (gtk_widget_get_root (self->window));
  pos = gtk_editable_get_position (GTK_EDITABLE (focus));
  gtk_editable_insert_text (GTK_EDITABLE (focus), text, -1, &pos);
  gtk_editable_set_position (GTK_EDITABLE (focus), pos);
}

static gboolean on_timer (gpointer data);

/* When a key was pressed, on the monotonic clock: from the event's own
 * time (the display server's), so keys queued while the main loop was
 * busy (a frame, a print, a slow machine) keep the pace they were typed
 * at. The offset between the two clocks is the smallest seen — a key taken
 * late only makes it larger — and starts again when the event clock jumps
 * (it wraps after 49 days). */
static gint64
key_time (ScanInput *self,
          GdkEvent  *event)
{
  gint64 now = g_get_monotonic_time ();
  guint32 ms = event != NULL ? gdk_event_get_time (event) : GDK_CURRENT_TIME;
  gint64 offset;

  if (ms == GDK_CURRENT_TIME)
    return now;
  offset = now - (gint64) ms * 1000;
  if (!self->has_offset || offset < self->clock_offset || offset > self->clock_offset + G_USEC_PER_SEC)
    {
      self->clock_offset = offset;
      self->has_offset = TRUE;
    }
  return (gint64) ms * 1000 + self->clock_offset;
}

static void
arm_timer (ScanInput *self)
{
  gint64 deadline = lanyard_wedge_get_deadline (self->wedge);

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (deadline < 0)
    return;
  /* Below the events' priority: after a stall (a busy frame, a loaded
   * machine) the keys already queued are taken first, so a burst is not
   * cut by a gap that was only ours. */
  self->timer_id = g_timeout_add_full (G_PRIORITY_LOW,
                                       (guint) MAX (1, (deadline - g_get_monotonic_time ()) / 1000 + 1),
                                       on_timer, self, NULL);
}

static gboolean
on_timer (gpointer data)
{
  ScanInput *self = data;
  g_autofree char *release = NULL;

  self->timer_id = 0;
  release = lanyard_wedge_expire (self->wedge, g_get_monotonic_time ());
  if (release != NULL)
    deliver_typing (self, release);
  arm_timer (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                ScanInput             *self)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK);
  g_autofree char *release = NULL;
  g_autoptr(GBytes) code = NULL;
  LanyardWedgeAction action;
  gboolean is_enter = FALSE;
  gunichar ch = 0;

  if (self->on_input != NULL)
    self->on_input (self->user_data);

  if (event != NULL && gdk_key_event_is_modifier (event))
    return GDK_EVENT_PROPAGATE;
  if (mods == 0)
    {
      /* Scanners end a code with CR (Return) or, set up so, LF. */
      is_enter = keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter
                 || keyval == GDK_KEY_Linefeed;
      ch = gdk_keyval_to_unicode (keyval);
      if (ch < 0x20 || ch == 0x7f)
        ch = 0;
    }

  /* Space on a button, a toggle or a check box works it: no code a
   * scanner reads begins with a space, and held, it would be typing with
   * nowhere to go. */
  if (ch == ' ' && lanyard_wedge_get_deadline (self->wedge) < 0 && !typing_into_field (self))
    return GDK_EVENT_PROPAGATE;

  action = lanyard_wedge_key (self->wedge, ch, is_enter, key_time (self, event), &release, &code);
  if (release != NULL)
    deliver_typing (self, release);
  arm_timer (self);
  if (action == LANYARD_WEDGE_SCAN)
    {
      gsize len = 0;
      const guint8 *data = g_bytes_get_data (code, &len);

      self->on_scan (data, len, self->user_data);
    }
  return action == LANYARD_WEDGE_PASS ? GDK_EVENT_PROPAGATE : GDK_EVENT_STOP;
}

static gboolean
on_any_event (GtkEventControllerLegacy *controller,
              GdkEvent                 *event,
              ScanInput                *self)
{
  GdkEventType type = gdk_event_get_event_type (event);

  if (self->on_input != NULL && (type == GDK_BUTTON_PRESS || type == GDK_TOUCH_BEGIN || type == GDK_SCROLL))
    self->on_input (self->user_data);
  return GDK_EVENT_PROPAGATE;
}

void
lanyard_scan_input_attach (GtkWidget        *window,
                           LanyardScanFunc   on_scan,
                           LanyardInputFunc  on_input,
                           gpointer          user_data)
{
  ScanInput *self = g_new0 (ScanInput, 1);
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *legacy = gtk_event_controller_legacy_new ();

  self->window = window;
  self->wedge = lanyard_wedge_new ();
  self->on_scan = on_scan;
  self->on_input = on_input;
  self->user_data = user_data;

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  g_object_set_data_full (G_OBJECT (keys), "lanyard-scan-input", self, (GDestroyNotify) scan_input_free);
  gtk_widget_add_controller (window, keys);

  gtk_event_controller_set_propagation_phase (legacy, GTK_PHASE_CAPTURE);
  g_signal_connect (legacy, "event", G_CALLBACK (on_any_event), self);
  gtk_widget_add_controller (window, legacy);
}
