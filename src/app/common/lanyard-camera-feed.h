/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The camera every mode's window shares: made from the settings (a webcam,
 * --camera's source, or --demo-camera's demo badges in turn) once the
 * window is on screen, its codes, its preview frames with sizes that make
 * sense, and its state in words; stopped when the window goes.
 */
#pragma once

#include <gtk/gtk.h>

#include "lanyard-context.h"
#include "lanyard-camera.h"

G_BEGIN_DECLS

typedef struct
{
  /* A code came into view: its raw bytes (untrusted). */
  void (*code)  (gpointer            user_data,
                 const guint8       *code,
                 gsize               len);
  /* A preview frame (packed RGB); only frames whose sizes fit the bytes.
   * NULL: the window shows no preview. */
  void (*frame) (gpointer            user_data,
                 GBytes             *rgb,
                 int                 width,
                 int                 height,
                 int                 stride);
  /* The state changed; @message in words while UNAVAILABLE, else NULL. */
  void (*state) (gpointer            user_data,
                 LanyardCameraState  state,
                 const char         *message);
} LanyardCameraFeedFuncs;

typedef struct _LanyardCameraFeed LanyardCameraFeed;

/* @app: the settings, store, event and keys (for the demo badges). */
LanyardCameraFeed *lanyard_camera_feed_new         (LanyardContext               *context,
                                                    const LanyardCameraFeedFuncs *funcs,
                                                    gpointer                      user_data);
/* Stops the camera; nothing is called back after it. */
void               lanyard_camera_feed_free        (LanyardCameraFeed            *self);
/* Makes and starts the camera from an idle (once; later calls do nothing):
 * called once the window is painted, so its page shows before any code. */
void               lanyard_camera_feed_start_soon  (LanyardCameraFeed            *self);
/* NULL until started. */
LanyardCamera     *lanyard_camera_feed_get_camera  (LanyardCameraFeed            *self);

/* A texture of a frame as "frame" gives it; NULL when the sizes do not fit. */
GdkTexture        *lanyard_camera_feed_texture_new (GBytes                       *rgb,
                                                    int                           width,
                                                    int                           height,
                                                    int                           stride);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardCameraFeed, lanyard_camera_feed_free)

G_END_DECLS
