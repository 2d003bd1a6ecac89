/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Synthetic camera frames for the decoder benchmark and tests: a cluttered
 * grey scene with (or without) one QR code on a phone screen or a badge,
 * drawn with libqrencode through a perspective camera, then spoiled the way
 * venue cameras spoil codes. Everything comes from one seed. */

typedef enum {
  LANYARD_SYNTH_BLUR     = 1 << 0,
  LANYARD_SYNTH_GLARE    = 1 << 1,
  LANYARD_SYNTH_LOW      = 1 << 2,   /* low contrast */
  LANYARD_SYNTH_INVERTED = 1 << 3,   /* dark mode: light modules on dark */
  LANYARD_SYNTH_MIRRORED = 1 << 4,   /* front camera */
  LANYARD_SYNTH_PHONE    = 1 << 5,   /* on a phone (bezel) rather than a badge */
  /* what a webcam sees of a phone screen (PHONE frames only) */
  LANYARD_SYNTH_MOIRE    = 1 << 6,   /* the screen's pixel grid beating with the sensor's */
  LANYARD_SYNTH_REFLECT  = 1 << 7,   /* the room mirrored in the glass: a soft bright band */
  LANYARD_SYNTH_CORNERS  = 1 << 8,   /* rounded screen corners eat into the quiet zone */
  LANYARD_SYNTH_FAR      = 1 << 9,   /* held 30–60 cm away: a 3.5–5 cm code, small */
} LanyardSynthFlags;

typedef struct {
  int               width, height;   /* frame size */
  const char       *payload;         /* NULL: no code */
  double            size;            /* code side in px (modules only) */
  double            cx, cy;          /* code centre */
  double            rotation;        /* degrees, in plane */
  double            tilt;            /* degrees, out of plane */
  double            tilt_axis;       /* degrees */
  double            blur;            /* Gaussian sigma in px (BLUR) */
  double            noise;           /* sensor noise sigma in grey levels */
  double            distance_cm;     /* FAR: how far the phone is held */
  LanyardSynthFlags flags;
  guint32           scene_seed;      /* background clutter */
} LanyardSynthParams;

typedef struct {
  guint8  *pixels;
  int      width, height, stride;
  char    *payload;                  /* NULL when the frame holds no code */
  char    *label;                    /* human-readable conditions */
  LanyardSynthFlags flags;
  double   size;
} LanyardSynthFrame;

void               lanyard_synth_params_init   (LanyardSynthParams      *params);
void               lanyard_synth_params_random (LanyardSynthParams      *params,
                                                GRand                   *rand,
                                                gboolean                 with_code,
                                                char                   **payload_out);
LanyardSynthFrame *lanyard_synth_frame_render  (const LanyardSynthParams *params);
void               lanyard_synth_frame_free    (LanyardSynthFrame       *frame);
gboolean           lanyard_synth_frame_save    (LanyardSynthFrame       *frame,
                                                const char              *path,
                                                GError                 **error);
char              *lanyard_synth_badge_payload (GRand                   *rand);
char              *lanyard_synth_ticket_payload (GRand                  *rand);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardSynthFrame, lanyard_synth_frame_free)

G_END_DECLS
