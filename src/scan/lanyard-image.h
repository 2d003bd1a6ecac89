/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Grey-image helpers for the decoder (private to src/scan). */

/* A grey buffer reused from frame to frame; stride is a multiple of 4, which
 * is what ZBar wants as its "width". */
typedef struct {
  guint8 *data;
  gsize   alloc;
  int     width, height, stride;
} LanyardGrayBuf;

void     lanyard_gray_buf_ensure   (LanyardGrayBuf *buf,
                                    int             width,
                                    int             height);
void     lanyard_gray_buf_clear    (LanyardGrayBuf *buf);

/* Block thresholds in the manner of a hybrid binarizer: each block's
 * threshold is the mean of its neighbourhood, so glare and uneven light
 * shift it locally. */
typedef struct {
  int     block;                  /* block side in px */
  int     bw, bh;                 /* blocks across / down */
  guint8 *thr;
  guint8 *range;                  /* max − min over the neighbourhood */
  gsize   alloc;
  /* when set, one threshold plane a + b·x + c·y replaces the blocks: the
   * grey levels measured on a code's own finders */
  gboolean plane_on;
  double   plane[3];
} LanyardThresholds;

/* Local thresholds: the mean grey level of each @block × @block block's
 * 5×5 neighbourhood of blocks (and its range), @block at most 255. */
void     lanyard_thresholds_compute (LanyardThresholds *t,
                                     const guint8      *px,
                                     int                width,
                                     int                height,
                                     int                stride,
                                     int                block);
void     lanyard_thresholds_clear   (LanyardThresholds *t);

/* 2×2 box downscale; dst gets (width/2, height/2). */
void     lanyard_gray_half          (const guint8      *px,
                                     int                width,
                                     int                height,
                                     int                stride,
                                     LanyardGrayBuf    *dst);

typedef enum {
  LANYARD_RESAMPLE_INVERT   = 1 << 0,
  LANYARD_RESAMPLE_MIRROR   = 1 << 1,
  LANYARD_RESAMPLE_BINARIZE = 1 << 2,  /* needs thresholds */
  LANYARD_RESAMPLE_STRETCH  = 1 << 3,  /* contrast stretch to 0…255 */
  LANYARD_RESAMPLE_SMOOTH   = 1 << 4,  /* 3×3 box first: noise vs. thresholds */
  LANYARD_RESAMPLE_WARP     = 1 << 5,  /* (decoder) straighten from finders */
  LANYARD_RESAMPLE_SWAP     = 1 << 6,  /* (decoder) warp with the other handedness */
  LANYARD_RESAMPLE_LEVEL    = 1 << 7,  /* (decoder) binarise at the finders' grey level */
  LANYARD_RESAMPLE_PERSPECTIVE = 1 << 8,  /* (decoder) WARP with a guessed fourth corner */
  LANYARD_RESAMPLE_DILATE   = 1 << 9,  /* after the rest: dark grows by a pixel (dotted modules) */
} LanyardResampleFlags;

/* Copies the rectangle (x, y, w, h) of src (clipped to the image) scaled by
 * @scale into dst, bilinear, with a light border of @pad px (the quiet zone
 * ZBar likes). @t holds thresholds in src coordinates. */
void     lanyard_gray_resample      (const guint8            *px,
                                     int                      width,
                                     int                      height,
                                     int                      stride,
                                     int                      x,
                                     int                      y,
                                     int                      w,
                                     int                      h,
                                     double                   scale,
                                     LanyardResampleFlags     flags,
                                     const LanyardThresholds *t,
                                     LanyardGrayBuf          *dst);

/* Samples src through the projective map (u, v) → ((m[0] + m[1]u + m[2]v) / w,
 * (m[3] + m[4]u + m[5]v) / w), w = 1 + m[6]u + m[7]v (affine when m[6] =
 * m[7] = 0) into an out_w × out_h image; outside src is white. INVERT and
 * BINARIZE apply as for resampling. */
void     lanyard_gray_warp          (const guint8            *px,
                                     int                      width,
                                     int                      height,
                                     int                      stride,
                                     const double             m[8],
                                     int                      out_w,
                                     int                      out_h,
                                     LanyardResampleFlags     flags,
                                     const LanyardThresholds *t,
                                     LanyardGrayBuf          *dst);

/* Grows the dark of @buf by one pixel each way (a 3 × 3 minimum): round
 * or dotted modules join into the squares ZBar expects. */
void     lanyard_gray_dilate_dark   (LanyardGrayBuf          *buf);

/* A finder pattern (the three big squares of a QR code) seen in the frame. */
typedef struct {
  float    x, y;                  /* centre, px */
  float    module;                /* module size, px */
  int      votes;                 /* scan lines that saw it */
  int      diagonals;             /* hits also confirmed along both diagonals */
  float    level;                 /* grey level halfway between its dark and light */
  gboolean light;                 /* light centre: an inverted code */
} LanyardFinder;

/* Scans every @step-th row for the 1:1:3:1:1 run pattern of both
 * polarities, confirms each hit down its column, and merges hits into
 * finders. Returns the number stored in @out (at most @max_out). */
int      lanyard_find_finders       (const guint8            *px,
                                     int                      width,
                                     int                      height,
                                     int                      stride,
                                     const LanyardThresholds *t,
                                     int                      step,
                                     LanyardFinder           *out,
                                     int                      max_out);

G_END_DECLS
