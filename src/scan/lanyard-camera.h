/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The camera: a GStreamer pipeline from a source (a webcam by default) to
 * two branches — a mirrored RGB preview for the screen, and an unmirrored
 * grey copy handed to a QR decoder running on its own thread. Codes come out
 * debounced (see lanyard-debouncer.h): once per appearance in view.
 *
 * Everything is reported on the GMainContext that was the thread-default
 * when the camera was created (the GTK main loop, for the kiosk). No GTK
 * here: the kiosk turns "frame" bytes into a GdkMemoryTexture
 * (GDK_MEMORY_R8G8B8) itself.
 *
 * A camera that is missing, refuses to start, or goes away mid-event (a
 * cable pulled: an error, the stream ending, or no picture for 5 s) puts
 * the camera in LANYARD_CAMERA_UNAVAILABLE with a message in words, and the
 * pipeline is rebuilt every few seconds until it works again; no restart of
 * the program is needed. While retrying the state stays UNAVAILABLE (no
 * flicker through STARTING) until a frame arrives.
 *
 * Cost (tests/bench/bench-camera.c, 1280×720 MJPEG at 30 fps): decoding,
 * conversion, the mirrored preview and the decoder, which reads at most 15
 * frames a second (always the latest). The preview is scaled to 640 pixels
 * wide: GTK drawing a full 720p frame 30 times a second (software
 * rendering) took the whole kiosk past one core (bench-kiosk: 1.03 cores
 * before, 0.40 after); the decoder still gets the full frame. */

#define LANYARD_TYPE_CAMERA (lanyard_camera_get_type ())
G_DECLARE_FINAL_TYPE (LanyardCamera, lanyard_camera, LANYARD, CAMERA, GObject)

typedef enum {
  LANYARD_CAMERA_STOPPED,      /* not started, or lanyard_camera_stop() */
  LANYARD_CAMERA_STARTING,     /* pipeline built, no frame yet */
  LANYARD_CAMERA_RUNNING,      /* frames are arriving */
  LANYARD_CAMERA_UNAVAILABLE,  /* no camera / it failed; retrying */
} LanyardCameraState;

#define LANYARD_TYPE_CAMERA_STATE (lanyard_camera_state_get_type ())
GType lanyard_camera_state_get_type (void) G_GNUC_CONST;

/* The source used when none is given: the first V4L2 webcam. */
#define LANYARD_CAMERA_DEFAULT_SOURCE "v4l2src"

/* @source_description: a gst-launch description of the source part only,
 * e.g. "v4l2src device=/dev/video2", "pipewiresrc",
 * "filesrc location=code.png ! pngdec ! imagefreeze"; the camera appends its
 * own conversion ("! videoconvert ! tee …"). %NULL means
 * LANYARD_CAMERA_DEFAULT_SOURCE, for which the camera also picks the caps
 * (MJPEG 1280×720@30 when the webcam has it, raw video otherwise). */
LanyardCamera      *lanyard_camera_new                    (const char    *source_description);

/* Builds and starts the pipeline. Never blocks the main loop for long; the
 * outcome arrives as "notify::state". On failure the state becomes
 * UNAVAILABLE with a message and the camera retries every 3 s by itself.
 * Calling it while started does nothing. */
void                lanyard_camera_start                  (LanyardCamera *self);

/* Tears the pipeline down, joins the decoder thread and cancels the retry.
 * No "frame" or "code" is emitted after it returns. State → STOPPED. */
void                lanyard_camera_stop                   (LanyardCamera *self);

/* Property "state" (notified on change). */
LanyardCameraState  lanyard_camera_get_state              (LanyardCamera *self);

/* Property "message": what to tell the person at the kiosk while the camera
 * is UNAVAILABLE (e.g. "No camera found. You can still find yourself by
 * name."), translated; %NULL in the other states. Notified with "state". */
const char         *lanyard_camera_get_message            (LanyardCamera *self);

/* Property "source-description": the description given to _new() (or the
 * default). Setting it takes effect at the next (re)start or retry; the
 * settings page and the tests use it to swap sources without a new object. */
const char         *lanyard_camera_get_source_description (LanyardCamera *self);
void                lanyard_camera_set_source_description (LanyardCamera *self,
                                                           const char    *source_description);

/* Seconds between attempts while UNAVAILABLE (default 3). */
void                lanyard_camera_set_retry_interval     (LanyardCamera *self,
                                                           guint          seconds);

/* Signals (on the creating thread's main context):
 *
 *   "frame" (GBytes *rgb, int width, int height, int stride)
 *       The latest preview frame: packed 8-bit RGB (GDK_MEMORY_R8G8B8),
 *       640 pixels wide in the camera's proportions, mirrored left–right
 *       like a mirror, @stride bytes per row. Frames
 *       that arrive while the main loop is busy are dropped (latest wins).
 *       The bytes stay valid as long as you hold a reference; they may be
 *       kept (e.g. in a GdkMemoryTexture).
 *
 *   "code" (GBytes *payload)
 *       A QR code came into view: its raw bytes (binary-safe, not
 *       necessarily UTF-8 — treat as untrusted). Emitted once per
 *       appearance: a code held in view counts once and counts again only
 *       after it has been out of view for a second. */

G_END_DECLS
