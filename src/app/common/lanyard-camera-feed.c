/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lanyard-camera-feed.h"
#include "lanyard-demo-camera.h"
#include "lanyard-error.h"

struct _LanyardCameraFeed
{
  /* owned */
  LanyardCamera            *camera;
  char                     *demo_dir;
  guint                     idle_id;
  LanyardContext           *context;

  /* borrowed */
  LanyardCameraFeedFuncs    funcs;
  gpointer                  user_data;
};

static gboolean
frame_fits (GBytes *rgb,
            int     width,
            int     height,
            int     stride)
{
  return width > 0 && height > 0 && stride >= width * 3
         && g_bytes_get_size (rgb) >= (gsize) stride * (gsize) (height - 1) + (gsize) width * 3;
}

GdkTexture *
lanyard_camera_feed_texture_new (GBytes *rgb,
                                 int     width,
                                 int     height,
                                 int     stride)
{
  g_return_val_if_fail (rgb != NULL, NULL);

  if (!frame_fits (rgb, width, height, stride))
    return NULL;
  return gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8, rgb, stride);
}

static void
on_code (LanyardCamera     *camera,
         GBytes            *payload,
         LanyardCameraFeed *self)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (payload, &len);

  self->funcs.code (self->user_data, data, len);
}

static void
on_frame (LanyardCamera     *camera,
          GBytes            *rgb,
          int                width,
          int                height,
          int                stride,
          LanyardCameraFeed *self)
{
  if (frame_fits (rgb, width, height, stride))
    self->funcs.frame (self->user_data, rgb, width, height, stride);
}

static void
on_state (LanyardCameraFeed *self)
{
  LanyardCameraState state = lanyard_camera_get_state (self->camera);

  self->funcs.state (self->user_data, state,
                     state == LANYARD_CAMERA_UNAVAILABLE ? lanyard_camera_get_message (self->camera) : NULL);
}

/* Without a webcam: the demo badges' codes, shown in turn. */
static char *
demo_source (LanyardCameraFeed *self,
             GError           **error)
{
  const LanyardEvent *event = lanyard_context_get_event (self->context);
  const LanyardBadgeKeys *keys = lanyard_context_get_keys (self->context);
  g_autoptr(GPtrArray) attendees = lanyard_store_list_attendees (lanyard_context_get_store (self->context), error);
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);

  if (attendees == NULL)
    return NULL;
  for (guint pass = 0; pass < 2 && codes->len == 0; pass++)
    for (guint i = 0; i < attendees->len && codes->len < 7; i++)
      {
        const LanyardAttendee *a = g_ptr_array_index (attendees, i);
        char *code = NULL;

        /* The demo event's own people first (their codes show every page);
         * any event's first few otherwise. */
        if (pass == 0 && strstr (a->ticket_code, "DEMO") == NULL)
          continue;
        if (keys != NULL && keys->has_secret)
          code = lanyard_badge_code_encode (keys, event->id, a->ticket_code, a->badge_version, NULL);
        g_ptr_array_add (codes, code != NULL ? code : g_strdup (a->ticket_code));
        if (pass == 1 && codes->len >= 5)
          break;
      }
  if (codes->len == 0)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_NOT_FOUND, _("There is nobody registered to show."));
      return NULL;
    }
  self->demo_dir = g_dir_make_tmp ("lanyard-demo-camera-XXXXXX", error);
  if (self->demo_dir == NULL)
    return NULL;
  return lanyard_demo_camera_source_description (codes, self->demo_dir, error);
}

static void
remove_demo_dir (LanyardCameraFeed *self)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (self->demo_dir == NULL)
    return;
  dir = g_dir_open (self->demo_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (self->demo_dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (self->demo_dir);
  g_clear_pointer (&self->demo_dir, g_free);
}

static gboolean
start_camera (gpointer data)
{
  LanyardCameraFeed *self = data;
  const LanyardKioskConfig *config = lanyard_context_get_config (self->context);
  g_autofree char *source = NULL;
  g_autoptr(GError) error = NULL;

  self->idle_id = 0;
  if (config->demo_camera)
    {
      source = demo_source (self, &error);
      if (source == NULL)
        g_message (_("No demo camera: %s"), error->message);
    }
  else if (config->camera_source != NULL && *config->camera_source != '\0')
    source = g_strdup (config->camera_source);

  self->camera = lanyard_camera_new (source);
  g_signal_connect (self->camera, "code", G_CALLBACK (on_code), self);
  if (self->funcs.frame != NULL)
    g_signal_connect (self->camera, "frame", G_CALLBACK (on_frame), self);
  if (self->funcs.state != NULL)
    g_signal_connect_swapped (self->camera, "notify::state", G_CALLBACK (on_state), self);
  lanyard_camera_start (self->camera);
  return G_SOURCE_REMOVE;
}

LanyardCameraFeed *
lanyard_camera_feed_new (LanyardContext               *context,
                         const LanyardCameraFeedFuncs *funcs,
                         gpointer                      user_data)
{
  LanyardCameraFeed *self;

  g_return_val_if_fail (LANYARD_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (funcs != NULL && funcs->code != NULL, NULL);

  self = g_new0 (LanyardCameraFeed, 1);
  self->context = g_object_ref (context);
  self->funcs = *funcs;
  self->user_data = user_data;
  return self;
}

void
lanyard_camera_feed_free (LanyardCameraFeed *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->camera != NULL)
    {
      lanyard_camera_stop (self->camera);
      /* A test or benchmark may still hold the camera. */
      g_signal_handlers_disconnect_by_data (self->camera, self);
      g_clear_object (&self->camera);
    }
  remove_demo_dir (self);
  g_clear_object (&self->context);
  g_free (self);
}

void
lanyard_camera_feed_start_soon (LanyardCameraFeed *self)
{
  g_return_if_fail (self != NULL);

  if (self->camera == NULL && self->idle_id == 0)
    self->idle_id = g_idle_add (start_camera, self);
}

LanyardCamera *
lanyard_camera_feed_get_camera (LanyardCameraFeed *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->camera;
}
