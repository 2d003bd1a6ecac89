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
