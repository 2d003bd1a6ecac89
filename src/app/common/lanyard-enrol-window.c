/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lanyard-camera.h"
#include "lanyard-camera-feed.h"
#include "lanyard-context.h"
#include "lanyard-enrol-window.h"
#include "lanyard-error.h"
#include "lanyard-screen-layout.h"
#include "lanyard-sounds.h"
#include "lanyard-store.h"
#include "lanyard-sync.h"

#define PULSE_MS 120
#define RETRY_SECONDS 5

struct _LanyardEnrolWindow
{
  AdwApplicationWindow      parent_instance;

  /* template widgets */
  GtkLabel                 *title;
  GtkPicture               *preview;
  GtkLabel                 *message;
  GtkLabel                 *detail;
  GtkProgressBar           *progress;

  /* borrowed */
  const LanyardKioskConfig *config;

  /* owned */
  LanyardCamera            *camera;
  LanyardSounds            *sounds;
  GCancellable             *cancellable;
  guint                     pulse_id;
  guint                     retry_id;
  guint                     start_id;
  gboolean                  busy;
};

G_DEFINE_FINAL_TYPE (LanyardEnrolWindow, lanyard_enrol_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  ENROLLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
db_path (LanyardEnrolWindow *self)
{
  return self->config->db_path != NULL ? g_strdup (self->config->db_path) : lanyard_store_default_path ();
}

static gboolean
pulse (gpointer data)
{
  LanyardEnrolWindow *self = data;

  gtk_progress_bar_pulse (self->progress);
  return G_SOURCE_CONTINUE;
}

static void
set_busy (LanyardEnrolWindow *self,
          gboolean            busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->progress), busy);
  if (busy && self->pulse_id == 0)
    self->pulse_id = g_timeout_add (PULSE_MS, pulse, self);
  else if (!busy)
    g_clear_handle_id (&self->pulse_id, g_source_remove);
}

static void
say (LanyardEnrolWindow *self,
     const char         *message,
     const char         *detail)
{
  gtk_label_set_text (self->message, message);
  gtk_label_set_text (self->detail, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail), detail != NULL);
}

static void
say_waiting (LanyardEnrolWindow *self)
{
  say (self,
       _("Hold this device’s hub connection code up to the camera."),
       _("The event’s office makes it with “lanyardctl hub add-device NAME --role kiosk|desk|door --qr CODE.png”. "
         "Or load the event on this device: “lanyardctl init --event EVENT.json”."));
}

/* ------------------------------------------------------------------ */
/* Joining, and the first sync, on a thread: it may take seconds.      */

typedef struct {
  char   *db_path;
  GBytes *code;      /* NULL: joined already, only the first sync */
  char   *device;
} Enrolment;

static void
enrolment_free (Enrolment *e)
{
  g_free (e->db_path);
  g_clear_pointer (&e->code, g_bytes_unref);
  g_free (e->device);
  g_free (e);
}

static void
enrol_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  Enrolment *e = data;
  g_autoptr(LanyardStore) store = NULL;
  GError *error = NULL;

  store = lanyard_store_open (e->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (e->code != NULL && !lanyard_sync_is_joined (store))
    {
      gsize len = 0;
      const char *data_ = g_bytes_get_data (e->code, &len);

      if (!lanyard_sync_join_data (store, data_, len, &e->device, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }
  if (e->device == NULL)
    e->device = lanyard_sync_dup_device_name (store);
  if (!lanyard_sync_once (store, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (lanyard_store_get_event_stamp (store) == 0)
    {
      g_task_return_new_error (task, LANYARD_ERROR, LANYARD_ERROR_NO_EVENT, "%s",
                               _("The hub has no event yet: load it there first (“lanyardctl hub load”)."));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void start_enrolment (LanyardEnrolWindow *self,
                             GBytes             *code);

static gboolean
retry (gpointer data)
{
  LanyardEnrolWindow *self = data;

  self->retry_id = 0;
  start_enrolment (self, NULL);
  return G_SOURCE_REMOVE;
}

static void
enrol_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  LanyardEnrolWindow *self = LANYARD_ENROL_WINDOW (source);
  Enrolment *e = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(LanyardStore) store = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      set_busy (self, FALSE);
      lanyard_sounds_play (self->sounds, LANYARD_SOUND_SUCCESS);
      g_message ("sync: this device now follows the hub as %s", e->device);
      g_signal_emit (self, signals[ENROLLED], 0);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  g_message ("sync: enrolment: %s", error->message);

  /* Joined, but the first sync did not come through: keep trying. */
  path = db_path (self);
  store = lanyard_store_open (path, NULL);
  if (store != NULL && lanyard_sync_is_joined (store))
    {
      g_autofree char *device = lanyard_sync_dup_device_name (store);
      g_autofree char *words = g_strdup_printf (_("This device follows the event’s hub as “%s” but has not received "
                                                  "the event yet. Trying again every few seconds."), device);

      say (self, words, error->message);
      self->retry_id = g_timeout_add_seconds (RETRY_SECONDS, retry, self);
      return;
    }
  lanyard_sounds_play (self->sounds, LANYARD_SOUND_ERROR);
  say (self, _("This device could not join the hub. Try the code again, or ask the event’s office."), error->message);
}

static void
start_enrolment (LanyardEnrolWindow *self,
                 GBytes             *code)
{
  g_autoptr(GTask) task = NULL;
  Enrolment *e = g_new0 (Enrolment, 1);

  e->db_path = db_path (self);
  e->code = code != NULL ? g_bytes_ref (code) : NULL;
  set_busy (self, TRUE);
  say (self, code != NULL ? _("Joining the event’s hub…") : _("Asking the event’s hub for the event…"), NULL);
  task = g_task_new (self, self->cancellable, enrol_done, NULL);
  g_task_set_source_tag (task, start_enrolment);
  g_task_set_task_data (task, e, (GDestroyNotify) enrolment_free);
  g_task_run_in_thread (task, enrol_thread);
}

void
lanyard_enrol_window_scan (LanyardEnrolWindow *self,
                           const guint8       *code,
                           gsize               len)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (LANYARD_IS_ENROL_WINDOW (self));

  if (self->busy || self->retry_id != 0)
    return;
  if (!lanyard_context_is_hub_connection (code, len))
    {
      lanyard_sounds_play (self->sounds, LANYARD_SOUND_ERROR);
      say (self, _("That is not a hub connection code. Show the code made for this device by "
                   "“lanyardctl hub add-device … --qr”, not a badge or a ticket."), NULL);
      return;
    }
  bytes = g_bytes_new (code, len);
  start_enrolment (self, bytes);
}

/* ------------------------------------------------------------------ */
/* The camera                                                            */

static void
on_code (LanyardCamera      *camera,
         GBytes             *payload,
         LanyardEnrolWindow *self)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (payload, &len);

  lanyard_enrol_window_scan (self, data, len);
}

static void
on_frame (LanyardCamera      *camera,
          GBytes             *rgb,
          int                 width,
          int                 height,
          int                 stride,
          LanyardEnrolWindow *self)
{
  g_autoptr(GdkTexture) texture = lanyard_camera_feed_texture_new (rgb, width, height, stride);

  if (texture != NULL)
    gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (texture));
}

static void
on_camera_state (LanyardEnrolWindow *self)
{
  if (lanyard_camera_get_state (self->camera) == LANYARD_CAMERA_UNAVAILABLE && !self->busy)
    say (self, _("The camera is not working, so this device cannot read its connection code."),
         lanyard_camera_get_message (self->camera));
  else if (lanyard_camera_get_state (self->camera) == LANYARD_CAMERA_RUNNING && !self->busy && self->retry_id == 0)
    say_waiting (self);
}

static gboolean
start_camera (gpointer data)
{
  LanyardEnrolWindow *self = data;
  const char *source = self->config->camera_source;

  self->start_id = 0;
  self->camera = lanyard_camera_new (source != NULL && *source != '\0' ? source : NULL);
  g_signal_connect (self->camera, "code", G_CALLBACK (on_code), self);
  g_signal_connect (self->camera, "frame", G_CALLBACK (on_frame), self);
  g_signal_connect_swapped (self->camera, "notify::state", G_CALLBACK (on_camera_state), self);
  lanyard_camera_start (self->camera);
  return G_SOURCE_REMOVE;
}

static void
lanyard_enrol_window_map (GtkWidget *widget)
{
  LanyardEnrolWindow *self = LANYARD_ENROL_WINDOW (widget);
  g_autofree char *path = db_path (self);
  g_autoptr(LanyardStore) store = NULL;

  GTK_WIDGET_CLASS (lanyard_enrol_window_parent_class)->map (widget);
  if (self->camera == NULL && self->start_id == 0)
    self->start_id = g_idle_add (start_camera, self);
  /* Joined before (the hub was away): take up the first sync again. */
  store = lanyard_store_open (path, NULL);
  if (store != NULL && lanyard_sync_is_joined (store) && !self->busy && self->retry_id == 0)
    start_enrolment (self, NULL);
}

static void
lanyard_enrol_window_dispose (GObject *object)
{
  LanyardEnrolWindow *self = LANYARD_ENROL_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->start_id, g_source_remove);
  if (self->camera != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->camera, self);
      lanyard_camera_stop (self->camera);
      g_clear_object (&self->camera);
    }
  g_clear_pointer (&self->sounds, lanyard_sounds_free);
  G_OBJECT_CLASS (lanyard_enrol_window_parent_class)->dispose (object);
}

static void
lanyard_enrol_window_finalize (GObject *object)
{
  LanyardEnrolWindow *self = LANYARD_ENROL_WINDOW (object);

  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (lanyard_enrol_window_parent_class)->finalize (object);
}

static void
lanyard_enrol_window_class_init (LanyardEnrolWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanyard_enrol_window_dispose;
  object_class->finalize = lanyard_enrol_window_finalize;
  widget_class->map = lanyard_enrol_window_map;

  /* The device has its event now: open its own window. */
  signals[ENROLLED] =
    g_signal_new ("enrolled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lanyard/Lanyard/common/lanyard-enrol-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LanyardEnrolWindow, title);
  gtk_widget_class_bind_template_child (widget_class, LanyardEnrolWindow, preview);
  gtk_widget_class_bind_template_child (widget_class, LanyardEnrolWindow, message);
  gtk_widget_class_bind_template_child (widget_class, LanyardEnrolWindow, detail);
  gtk_widget_class_bind_template_child (widget_class, LanyardEnrolWindow, progress);
}

static void
lanyard_enrol_window_init (LanyardEnrolWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->sounds = lanyard_sounds_new ();
  say_waiting (self);
}

LanyardEnrolWindow *
lanyard_enrol_window_new (GtkApplication           *app,
                          const LanyardKioskConfig *config)
{
  LanyardEnrolWindow *self;

  g_return_val_if_fail (config != NULL, NULL);

  self = g_object_new (LANYARD_TYPE_ENROL_WINDOW, "application", app, NULL);
  self->config = config;
  lanyard_screen_layout_fill_screen (GTK_WINDOW (self));
  return self;
}
