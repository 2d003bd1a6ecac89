/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gst/video/video.h>
#include <string.h>

#include "lanyard-camera.h"
#include "lanyard-debouncer.h"
#include "lanyard-decoder.h"

/* The kiosk's part of the pipeline, after the source. The preview branch is
 * flipped before conversion so that an I420 webcam frame (1.5 bytes/px) is
 * flipped rather than the RGB one (3 bytes/px). The scan branch stays
 * unmirrored: the decoder reads codes either way round, but an unflipped
 * frame is one copy less. (videoflip's older "method=horizontal-flip" is
 * silently reset to identity when parsed in GStreamer 1.22; the
 * "video-direction" property holds.) The preview is scaled to 640 pixels
 * wide first: the screen shows it smaller than that, and every pixel less
 * is less to convert, copy and draw 30 times a second; the decoder keeps
 * the full frame. Queues keep one frame and drop the rest, so a slow branch
 * never holds the camera back. */
#define PREVIEW_WIDTH 640
#define TAIL \
  " ! videoconvert ! tee name=t" \
  " t. ! queue name=viewq leaky=downstream max-size-buffers=1 max-size-bytes=0 max-size-time=0" \
  " ! videoscale ! video/x-raw,width=" G_STRINGIFY (PREVIEW_WIDTH) ",pixel-aspect-ratio=1/1" \
  " ! videoflip video-direction=horiz ! videoconvert ! video/x-raw,format=RGB" \
  " ! appsink name=view sync=false max-buffers=1 drop=true enable-last-sample=false" \
  " t. ! queue name=scanq leaky=downstream max-size-buffers=1 max-size-bytes=0 max-size-time=0" \
  " ! videoconvert ! video/x-raw,format=GRAY8" \
  " ! appsink name=scan sync=false max-buffers=1 drop=true enable-last-sample=false"

/* USB webcams give 720p at 30 fps mostly as MJPEG; raw is the fallback. */
#define V4L2_MJPEG_CAPS " ! image/jpeg,width=1280,height=720,framerate=30/1 ! jpegdec"
#define V4L2_RAW_CAPS   " ! video/x-raw,width=[320,1280],height=[240,720]"

#define DEFAULT_RETRY_SECONDS 3

/* Some drivers just stop delivering when the camera is pulled out, with no
 * error; no frame for this long counts as the camera gone. (Webcams in poor
 * light slow to 5–15 fps, never to one frame in seconds.) */
#define STALL_SECONDS 5

/* At most this many decodes a second. A busy scene with no code costs the
 * decoder its whole per-frame budget (~20 ms); at 30 fps that alone would
 * be most of a core. A code held up stays in view far longer than 1/15 s,
 * so reading every other frame loses nothing a person would notice. */
#define MAX_DECODES_PER_SECOND 15

typedef struct {
  GBytes *code;
  gint64  time;
} Reading;

struct _LanyardCamera
{
  GObject             parent_instance;

  /* owned, main context only */
  char               *source_description;
  LanyardCameraState  state;
  char               *message;
  guint               retry_interval;
  GMainContext       *context;
  GSource            *dispatch;       /* wakes the main context for frames/codes */
  GstElement         *pipeline;
  GSource            *bus_source;
  GSource            *retry_source;
  GSource            *watchdog_source;
  gint64              built_time;
  GSource            *fallback_source;
  gboolean            started;
  gboolean            raw_fallback;   /* default source: MJPEG was refused */
  LanyardDebouncer   *debouncer;

  /* shared with the streaming threads and the decoder thread, under lock */
  GMutex              lock;
  GCond               cond;
  GstSample          *pending_gray;   /* next frame for the decoder */
  GstSample          *pending_rgb;    /* latest preview frame */
  GArray             *readings;       /* of Reading, for the debouncer */
  gboolean            got_frame;
  gint64              last_frame_time;
  gboolean            quit;
  GThread            *decoder_thread;
};

G_DEFINE_FINAL_TYPE (LanyardCamera, lanyard_camera, G_TYPE_OBJECT)
G_DEFINE_ENUM_TYPE (LanyardCameraState, lanyard_camera_state,
  G_DEFINE_ENUM_VALUE (LANYARD_CAMERA_STOPPED, "stopped"),
  G_DEFINE_ENUM_VALUE (LANYARD_CAMERA_STARTING, "starting"),
  G_DEFINE_ENUM_VALUE (LANYARD_CAMERA_RUNNING, "running"),
  G_DEFINE_ENUM_VALUE (LANYARD_CAMERA_UNAVAILABLE, "unavailable"))

enum {
  PROP_0,
  PROP_STATE,
  PROP_MESSAGE,
  PROP_SOURCE_DESCRIPTION,
  N_PROPS
};

enum {
  SIGNAL_FRAME,
  SIGNAL_CODE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void build_pipeline (LanyardCamera *self);

static void
set_state (LanyardCamera      *self,
           LanyardCameraState  state,
           const char         *message)
{
  if (self->state == state && g_strcmp0 (self->message, message) == 0)
    return;

  self->state = state;
  g_free (self->message);
  self->message = g_strdup (message);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
clear_reading (gpointer data)
{
  Reading *r = data;

  g_bytes_unref (r->code);
}

/* Streaming threads and the decoder thread → main context. */
static void
wake_main (LanyardCamera *self)
{
  g_source_set_ready_time (self->dispatch, 0);
}

/* -- decoder thread ------------------------------------------------------ */

static gpointer
decoder_main (gpointer data)
{
  LanyardCamera *self = data;
  g_autoptr(LanyardDecoder) decoder = lanyard_decoder_new ();
  gint64 next_decode = 0;

  for (;;)
    {
      g_autoptr(GstSample) sample = NULL;
      g_autoptr(GBytes) code = NULL;
      GstVideoInfo info;
      GstVideoFrame frame;

      g_mutex_lock (&self->lock);
      /* wait for the next slot, then for a frame; frames arriving in the
       * meantime replace each other, so the decoder gets the latest */
      while (!self->quit && g_get_monotonic_time () < next_decode)
        g_cond_wait_until (&self->cond, &self->lock, next_decode);
      while (!self->quit && self->pending_gray == NULL)
        g_cond_wait (&self->cond, &self->lock);
      if (self->quit)
        {
          g_mutex_unlock (&self->lock);
          break;
        }
      sample = g_steal_pointer (&self->pending_gray);
      g_mutex_unlock (&self->lock);
      next_decode = g_get_monotonic_time () + G_USEC_PER_SEC / MAX_DECODES_PER_SECOND;

      if (!gst_video_info_from_caps (&info, gst_sample_get_caps (sample)) ||
          GST_VIDEO_INFO_FORMAT (&info) != GST_VIDEO_FORMAT_GRAY8 ||
          !gst_video_frame_map (&frame, &info, gst_sample_get_buffer (sample), GST_MAP_READ))
        continue;

      code = lanyard_decoder_decode_gray (decoder,
                                          GST_VIDEO_FRAME_PLANE_DATA (&frame, 0),
                                          GST_VIDEO_FRAME_WIDTH (&frame),
                                          GST_VIDEO_FRAME_HEIGHT (&frame),
                                          GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 0));
      gst_video_frame_unmap (&frame);

      if (code != NULL)
        {
          Reading r = { g_steal_pointer (&code), g_get_monotonic_time () };

          g_mutex_lock (&self->lock);
          g_array_append_val (self->readings, r);
          g_mutex_unlock (&self->lock);
          wake_main (self);
        }
    }

  return NULL;
}

/* -- streaming threads --------------------------------------------------- */

static GstFlowReturn
on_view_sample (GstAppSink *sink,
                gpointer    data)
{
  LanyardCamera *self = data;
  GstSample *sample = gst_app_sink_pull_sample (sink);

  if (sample == NULL)
    return GST_FLOW_OK;

  g_mutex_lock (&self->lock);
  /* latest wins: a frame the main loop had no time for is dropped */
  g_clear_pointer (&self->pending_rgb, gst_sample_unref);
  self->pending_rgb = sample;
  self->got_frame = TRUE;
  self->last_frame_time = g_get_monotonic_time ();
  g_mutex_unlock (&self->lock);
  wake_main (self);

  return GST_FLOW_OK;
}

static GstFlowReturn
on_scan_sample (GstAppSink *sink,
                gpointer    data)
{
  LanyardCamera *self = data;
  GstSample *sample = gst_app_sink_pull_sample (sink);
  gboolean first;

  if (sample == NULL)
    return GST_FLOW_OK;

  g_mutex_lock (&self->lock);
  /* the decoder is busy: this frame replaces the one still waiting */
  g_clear_pointer (&self->pending_gray, gst_sample_unref);
  self->pending_gray = sample;
  first = !self->got_frame;
  self->got_frame = TRUE;
  self->last_frame_time = g_get_monotonic_time ();
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
  if (first)
    wake_main (self);

  return GST_FLOW_OK;
}

/* -- main context -------------------------------------------------------- */

static void
unmap_buffer (gpointer data)
{
  GstVideoFrame *frame = data;

  /* the mapping holds a reference on the buffer */
  gst_video_frame_unmap (frame);
  g_free (frame);
}

static void
emit_frame (LanyardCamera *self,
            GstSample     *sample)
{
  GstVideoInfo info;
  GstVideoFrame *frame = g_new0 (GstVideoFrame, 1);
  g_autoptr(GBytes) bytes = NULL;
  gsize size;

  if (!gst_video_info_from_caps (&info, gst_sample_get_caps (sample)) ||
      GST_VIDEO_INFO_FORMAT (&info) != GST_VIDEO_FORMAT_RGB ||
      !gst_video_frame_map (frame, &info, gst_sample_get_buffer (sample),
                            GST_MAP_READ))
    {
      g_free (frame);
      return;
    }

  size = (gsize) GST_VIDEO_FRAME_PLANE_STRIDE (frame, 0) * (GST_VIDEO_FRAME_HEIGHT (frame) - 1)
         + (gsize) GST_VIDEO_FRAME_WIDTH (frame) * 3;
  /* No copy: the bytes keep the GStreamer buffer mapped until released. */
  bytes = g_bytes_new_with_free_func (GST_VIDEO_FRAME_PLANE_DATA (frame, 0), size,
                                      unmap_buffer, frame);
  g_signal_emit (self, signals[SIGNAL_FRAME], 0, bytes,
                 GST_VIDEO_INFO_WIDTH (&info), GST_VIDEO_INFO_HEIGHT (&info),
                 GST_VIDEO_INFO_PLANE_STRIDE (&info, 0));
}

static gboolean
dispatch_cb (gpointer data)
{
  LanyardCamera *self = data;
  g_autoptr(GstSample) rgb = NULL;
  g_autoptr(GArray) readings = NULL;
  gboolean got_frame;

  g_source_set_ready_time (self->dispatch, -1);

  g_mutex_lock (&self->lock);
  rgb = g_steal_pointer (&self->pending_rgb);
  got_frame = self->got_frame;
  if (self->readings->len > 0)
    {
      readings = g_steal_pointer (&self->readings);
      self->readings = g_array_new (FALSE, FALSE, sizeof (Reading));
      g_array_set_clear_func (self->readings, clear_reading);
    }
  g_mutex_unlock (&self->lock);

  if (self->pipeline == NULL)
    return G_SOURCE_CONTINUE;

  g_object_ref (self);

  if (got_frame && self->state != LANYARD_CAMERA_RUNNING)
    set_state (self, LANYARD_CAMERA_RUNNING, NULL);

  if (rgb != NULL && self->pipeline != NULL)
    emit_frame (self, rgb);

  for (guint i = 0; readings != NULL && i < readings->len; i++)
    {
      Reading *r = &g_array_index (readings, Reading, i);

      /* a handler may have stopped the camera */
      if (self->pipeline == NULL)
        break;
      if (lanyard_debouncer_feed (self->debouncer, r->code, r->time))
        g_signal_emit (self, signals[SIGNAL_CODE], 0, r->code);
    }

  g_object_unref (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
dispatch_source_dispatch (GSource     *source,
                          GSourceFunc  callback,
                          gpointer     data)
{
  return callback (data);
}

static GSourceFuncs dispatch_funcs = {
  .dispatch = dispatch_source_dispatch,
};

static void
teardown_pipeline (LanyardCamera *self)
{
  if (self->watchdog_source != NULL)
    {
      g_source_destroy (self->watchdog_source);
      g_clear_pointer (&self->watchdog_source, g_source_unref);
    }

  if (self->bus_source != NULL)
    {
      g_source_destroy (self->bus_source);
      g_clear_pointer (&self->bus_source, g_source_unref);
    }

  if (self->pipeline != NULL)
    {
      /* stops the streaming threads: no more samples after this */
      gst_element_set_state (self->pipeline, GST_STATE_NULL);
      gst_clear_object (&self->pipeline);
    }

  if (self->decoder_thread != NULL)
    {
      g_mutex_lock (&self->lock);
      self->quit = TRUE;
      g_cond_signal (&self->cond);
      g_mutex_unlock (&self->lock);
      g_clear_pointer (&self->decoder_thread, g_thread_join);
    }

  g_mutex_lock (&self->lock);
  self->quit = FALSE;
  self->got_frame = FALSE;
  g_clear_pointer (&self->pending_gray, gst_sample_unref);
  g_clear_pointer (&self->pending_rgb, gst_sample_unref);
  g_array_set_size (self->readings, 0);
  g_mutex_unlock (&self->lock);
}

static void
cancel_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static gboolean
retry_cb (gpointer data)
{
  LanyardCamera *self = data;

  g_clear_pointer (&self->retry_source, g_source_unref);
  build_pipeline (self);
  return G_SOURCE_REMOVE;
}

/* The camera is gone or never came: say so, and try again later. */
static void
fail (LanyardCamera *self,
      const char    *message)
{
  teardown_pipeline (self);
  cancel_source (&self->fallback_source);
  set_state (self, LANYARD_CAMERA_UNAVAILABLE, message);

  cancel_source (&self->retry_source);
  self->retry_source = g_timeout_source_new_seconds (self->retry_interval);
  g_source_set_callback (self->retry_source, retry_cb, self, NULL);
  g_source_set_static_name (self->retry_source, "[lanyard] camera retry");
  g_source_attach (self->retry_source, self->context);
}

static const char *
not_working_message (void)
{
  return _("The camera is not working. You can still find yourself by name.");
}

static const char *
no_camera_message (void)
{
  return _("No camera found. You can still find yourself by name.");
}

static gboolean
watchdog_cb (gpointer data)
{
  LanyardCamera *self = data;
  gint64 last;

  g_mutex_lock (&self->lock);
  last = self->got_frame ? self->last_frame_time : self->built_time;
  g_mutex_unlock (&self->lock);

  if (g_get_monotonic_time () - last < STALL_SECONDS * G_USEC_PER_SEC)
    return G_SOURCE_CONTINUE;

  g_message ("Camera sent no picture for %d s", STALL_SECONDS);
  fail (self, not_working_message ());   /* destroys this source */
  return G_SOURCE_REMOVE;
}

static gboolean
fallback_cb (gpointer data)
{
  LanyardCamera *self = data;

  g_clear_pointer (&self->fallback_source, g_source_unref);
  build_pipeline (self);
  return G_SOURCE_REMOVE;
}

static gboolean
is_default_source (LanyardCamera *self)
{
  return g_strcmp0 (self->source_description, LANYARD_CAMERA_DEFAULT_SOURCE) == 0;
}

static gboolean
on_bus_message (GstBus     *bus,
                GstMessage *message,
                gpointer    data)
{
  LanyardCamera *self = data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *debug = NULL;

        gst_message_parse_error (message, &error, &debug);
        g_message ("Camera error from %s: %s (%s)",
                   GST_OBJECT_NAME (GST_MESSAGE_SRC (message)), error->message,
                   debug ? debug : "");

        /* A webcam without MJPEG at 720p: try its raw formats at once. */
        if (is_default_source (self) && !self->raw_fallback &&
            self->state != LANYARD_CAMERA_RUNNING &&
            (g_error_matches (error, GST_CORE_ERROR, GST_CORE_ERROR_NEGOTIATION) ||
             g_error_matches (error, GST_STREAM_ERROR, GST_STREAM_ERROR_FORMAT) ||
             g_error_matches (error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_SETTINGS) ||
             (debug != NULL && strstr (debug, "not-negotiated") != NULL)))
          {
            self->raw_fallback = TRUE;
            teardown_pipeline (self);
            cancel_source (&self->fallback_source);
            self->fallback_source = g_idle_source_new ();
            g_source_set_callback (self->fallback_source, fallback_cb, self, NULL);
            g_source_attach (self->fallback_source, self->context);
            return G_SOURCE_REMOVE;
          }

        if (g_error_matches (error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_NOT_FOUND))
          fail (self, no_camera_message ());
        else
          fail (self, not_working_message ());
        /* fail() destroyed this watch with the pipeline */
        return G_SOURCE_REMOVE;
      }

    case GST_MESSAGE_EOS:
      /* A camera does not end: it was unplugged (or a test source ran out). */
      g_message ("Camera stream ended");
      fail (self, not_working_message ());
      return G_SOURCE_REMOVE;

    default:
      return G_SOURCE_CONTINUE;
    }
}

/* For V4L2 we can tell "no camera" before building anything, which also
 * keeps the retry cheap on a machine that has none. */
static gboolean
v4l2_device_present (const char *description)
{
  const char *device = strstr (description, "device=");
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (device != NULL)
    {
      g_autofree char *path = NULL;
      const char *end;

      device += strlen ("device=");
      end = device + strcspn (device, " !\t\n");
      path = g_strndup (device, end - device);
      return g_file_test (path, G_FILE_TEST_EXISTS);
    }

  dir = g_dir_open ("/dev", 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "video"))
      return TRUE;

  return FALSE;
}

static void
build_pipeline (LanyardCamera *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GstElement) view = NULL;
  g_autoptr(GstElement) scan = NULL;
  g_autoptr(GstBus) bus = NULL;
  GstAppSinkCallbacks view_callbacks = { .new_sample = on_view_sample };
  GstAppSinkCallbacks scan_callbacks = { .new_sample = on_scan_sample };
  GstStateChangeReturn ret;
  const char *src = self->source_description;

  teardown_pipeline (self);
  cancel_source (&self->retry_source);

  if (g_str_has_prefix (src, "v4l2src") && !v4l2_device_present (src))
    {
      self->raw_fallback = FALSE;
      fail (self, no_camera_message ());
      return;
    }

  /* While retrying, stay UNAVAILABLE until a frame proves otherwise, so the
   * screen does not flicker every few seconds. */
  if (self->state != LANYARD_CAMERA_UNAVAILABLE)
    set_state (self, LANYARD_CAMERA_STARTING, NULL);

  if (is_default_source (self))
    description = g_strconcat (src, self->raw_fallback ? V4L2_RAW_CAPS : V4L2_MJPEG_CAPS,
                               TAIL, NULL);
  else
    description = g_strconcat (src, TAIL, NULL);

  self->pipeline = gst_parse_launch_full (description, NULL, GST_PARSE_FLAG_FATAL_ERRORS, &error);
  if (self->pipeline == NULL)
    {
      g_message ("Camera pipeline “%s” is not valid: %s", description, error->message);
      fail (self, not_working_message ());
      return;
    }

  view = gst_bin_get_by_name (GST_BIN (self->pipeline), "view");
  scan = gst_bin_get_by_name (GST_BIN (self->pipeline), "scan");
  gst_app_sink_set_callbacks (GST_APP_SINK (view), &view_callbacks, self, NULL);
  gst_app_sink_set_callbacks (GST_APP_SINK (scan), &scan_callbacks, self, NULL);

  bus = gst_element_get_bus (self->pipeline);
  self->bus_source = gst_bus_create_watch (bus);
  g_source_set_callback (self->bus_source, (GSourceFunc) (void (*) (void)) on_bus_message,
                         self, NULL);
  g_source_set_static_name (self->bus_source, "[lanyard] camera bus");
  g_source_attach (self->bus_source, self->context);

  self->decoder_thread = g_thread_new ("lanyard-decoder", decoder_main, self);

  self->built_time = g_get_monotonic_time ();
  self->watchdog_source = g_timeout_source_new_seconds (1);
  g_source_set_callback (self->watchdog_source, watchdog_cb, self, NULL);
  g_source_set_static_name (self->watchdog_source, "[lanyard] camera watchdog");
  g_source_attach (self->watchdog_source, self->context);

  ret = gst_element_set_state (self->pipeline, GST_STATE_PAUSED);
  if (ret == GST_STATE_CHANGE_FAILURE)
    {
      /* the reason is on the bus; collect it for the log */
      g_autoptr(GstMessage) msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
      g_autoptr(GError) gst_error = NULL;
      gboolean not_found = FALSE;

      if (msg != NULL)
        {
          gst_message_parse_error (msg, &gst_error, NULL);
          g_message ("Camera could not start: %s", gst_error->message);
          not_found = g_error_matches (gst_error, GST_RESOURCE_ERROR,
                                       GST_RESOURCE_ERROR_NOT_FOUND);
        }
      fail (self, not_found ? no_camera_message () : not_working_message ());
      return;
    }

  if (ret != GST_STATE_CHANGE_NO_PREROLL)
    {
      /* Not a live source (a test pattern, a picture): let the clock pace
       * it and let the queues push back, or it would spin a core. */
      g_object_set (view, "sync", TRUE, NULL);
      g_object_set (scan, "sync", TRUE, NULL);
      for (guint i = 0; i < 2; i++)
        {
          g_autoptr(GstElement) q = gst_bin_get_by_name (GST_BIN (self->pipeline),
                                                         i == 0 ? "viewq" : "scanq");
          g_object_set (q, "leaky", 0, NULL);
        }
    }

  if (gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    fail (self, not_working_message ());
}

void
lanyard_camera_start (LanyardCamera *self)
{
  g_return_if_fail (LANYARD_IS_CAMERA (self));

  if (self->started)
    return;
  self->started = TRUE;
  build_pipeline (self);
}

void
lanyard_camera_stop (LanyardCamera *self)
{
  g_return_if_fail (LANYARD_IS_CAMERA (self));

  self->started = FALSE;
  self->raw_fallback = FALSE;
  cancel_source (&self->retry_source);
  cancel_source (&self->fallback_source);
  teardown_pipeline (self);
  lanyard_debouncer_reset (self->debouncer);
  set_state (self, LANYARD_CAMERA_STOPPED, NULL);
}

LanyardCameraState
lanyard_camera_get_state (LanyardCamera *self)
{
  g_return_val_if_fail (LANYARD_IS_CAMERA (self), LANYARD_CAMERA_STOPPED);

  return self->state;
}

const char *
lanyard_camera_get_message (LanyardCamera *self)
{
  g_return_val_if_fail (LANYARD_IS_CAMERA (self), NULL);

  return self->message;
}

const char *
lanyard_camera_get_source_description (LanyardCamera *self)
{
  g_return_val_if_fail (LANYARD_IS_CAMERA (self), NULL);

  return self->source_description;
}

void
lanyard_camera_set_source_description (LanyardCamera *self,
                                       const char    *source_description)
{
  g_return_if_fail (LANYARD_IS_CAMERA (self));

  if (source_description == NULL || *source_description == '\0')
    source_description = LANYARD_CAMERA_DEFAULT_SOURCE;

  if (g_strcmp0 (self->source_description, source_description) != 0)
    {
      g_free (self->source_description);
      self->source_description = g_strdup (source_description);
      self->raw_fallback = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_DESCRIPTION]);
    }
}

void
lanyard_camera_set_retry_interval (LanyardCamera *self,
                                   guint          seconds)
{
  g_return_if_fail (LANYARD_IS_CAMERA (self));

  self->retry_interval = MAX (seconds, 1);
}

LanyardCamera *
lanyard_camera_new (const char *source_description)
{
  return g_object_new (LANYARD_TYPE_CAMERA,
                       "source-description", source_description,
                       NULL);
}

static void
lanyard_camera_dispose (GObject *object)
{
  LanyardCamera *self = LANYARD_CAMERA (object);

  cancel_source (&self->retry_source);
  cancel_source (&self->fallback_source);
  teardown_pipeline (self);
  if (self->dispatch != NULL)
    {
      g_source_destroy (self->dispatch);
      g_clear_pointer (&self->dispatch, g_source_unref);
    }

  G_OBJECT_CLASS (lanyard_camera_parent_class)->dispose (object);
}

static void
lanyard_camera_finalize (GObject *object)
{
  LanyardCamera *self = LANYARD_CAMERA (object);

  g_clear_pointer (&self->source_description, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->debouncer, lanyard_debouncer_free);
  g_clear_pointer (&self->readings, g_array_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (lanyard_camera_parent_class)->finalize (object);
}

static void
lanyard_camera_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LanyardCamera *self = LANYARD_CAMERA (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_SOURCE_DESCRIPTION:
      g_value_set_string (value, self->source_description);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanyard_camera_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LanyardCamera *self = LANYARD_CAMERA (object);

  switch (prop_id)
    {
    case PROP_SOURCE_DESCRIPTION:
      lanyard_camera_set_source_description (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanyard_camera_class_init (LanyardCameraClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  gst_init (NULL, NULL);

  object_class->dispose = lanyard_camera_dispose;
  object_class->finalize = lanyard_camera_finalize;
  object_class->get_property = lanyard_camera_get_property;
  object_class->set_property = lanyard_camera_set_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       LANYARD_TYPE_CAMERA_STATE, LANYARD_CAMERA_STOPPED,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SOURCE_DESCRIPTION] =
    g_param_spec_string ("source-description", NULL, NULL, LANYARD_CAMERA_DEFAULT_SOURCE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_FRAME] =
    g_signal_new ("frame", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                  G_TYPE_BYTES, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT);
  signals[SIGNAL_CODE] =
    g_signal_new ("code", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BYTES);
}

static void
lanyard_camera_init (LanyardCamera *self)
{
  self->source_description = g_strdup (LANYARD_CAMERA_DEFAULT_SOURCE);
  self->retry_interval = DEFAULT_RETRY_SECONDS;
  self->context = g_main_context_ref_thread_default ();
  self->debouncer = lanyard_debouncer_new (LANYARD_DEBOUNCE_ABSENCE_US);
  self->readings = g_array_new (FALSE, FALSE, sizeof (Reading));
  g_array_set_clear_func (self->readings, clear_reading);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);

  self->dispatch = g_source_new (&dispatch_funcs, sizeof (GSource));
  g_source_set_callback (self->dispatch, dispatch_cb, self, NULL);
  g_source_set_static_name (self->dispatch, "[lanyard] camera");
  g_source_set_ready_time (self->dispatch, -1);
  g_source_attach (self->dispatch, self->context);
}
