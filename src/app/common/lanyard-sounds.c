/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <gst/gst.h>

#include "lanyard-sounds.h"

struct _LanyardSounds
{
  GstElement *pipeline;  /* the one playing, if any */
  guint       bus_watch;
};

static const char * const resource_paths[] = {
  [LANYARD_SOUND_SUCCESS] = "/org/lanyard/Lanyard/sounds/success.wav",
  [LANYARD_SOUND_ERROR] = "/org/lanyard/Lanyard/sounds/error.wav",
};

LanyardSounds *
lanyard_sounds_new (void)
{
  if (!gst_is_initialized ())
    gst_init (NULL, NULL);
  return g_new0 (LanyardSounds, 1);
}

static void
stop (LanyardSounds *self)
{
  g_clear_handle_id (&self->bus_watch, g_source_remove);
  if (self->pipeline != NULL)
    {
      gst_element_set_state (self->pipeline, GST_STATE_NULL);
      gst_clear_object (&self->pipeline);
    }
}

void
lanyard_sounds_free (LanyardSounds *self)
{
  if (self == NULL)
    return;
  stop (self);
  g_free (self);
}

static gboolean
on_bus_message (GstBus     *bus,
                GstMessage *message,
                gpointer    data)
{
  LanyardSounds *self = data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      {
        g_autoptr(GError) error = NULL;

        gst_message_parse_error (message, &error, NULL);
        /* No sound device is normal on a test machine: say it quietly. */
        g_debug ("sound: %s", error->message);
      }
      G_GNUC_FALLTHROUGH;
    case GST_MESSAGE_EOS:
      self->bus_watch = 0;
      gst_element_set_state (self->pipeline, GST_STATE_NULL);
      gst_clear_object (&self->pipeline);
      return G_SOURCE_REMOVE;
    default:
      return G_SOURCE_CONTINUE;
    }
}

void
lanyard_sounds_play (LanyardSounds *self,
                     LanyardSound   sound)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GstElement) src = NULL;
  g_autoptr(GstBus) bus = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (sound <= LANYARD_SOUND_ERROR);

  if (g_getenv ("LANYARD_NO_SOUND") != NULL)
    return;
  stop (self);
  stream = g_resources_open_stream (resource_paths[sound], G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (stream == NULL)
    {
      g_debug ("sound: %s", error->message);
      return;
    }
  self->pipeline = gst_parse_launch ("giostreamsrc name=src ! wavparse ! audioconvert ! audioresample"
                                     " ! autoaudiosink", &error);
  if (self->pipeline == NULL || error != NULL)
    {
      g_debug ("sound: %s", error != NULL ? error->message : "no pipeline");
      gst_clear_object (&self->pipeline);
      return;
    }
  src = gst_bin_get_by_name (GST_BIN (self->pipeline), "src");
  g_object_set (src, "stream", stream, NULL);
  bus = gst_element_get_bus (self->pipeline);
  self->bus_watch = gst_bus_add_watch (bus, on_bus_message, self);
  if (gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_debug ("sound: cannot play");
      stop (self);
    }
}
