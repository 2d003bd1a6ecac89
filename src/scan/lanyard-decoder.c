/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>
#include <string.h>
#include <zbar.h>

#include "lanyard-decoder.h"
#include "lanyard-error.h"
#include "lanyard-image.h"

/* ZBar's cost grows with the pixels it scans (~30 ns each, QR only), so the
 * decoder looks for the code first with a cheap finder-pattern scan and
 * hands ZBar only small crops, resampled to ~4 px per module: big codes
 * shrink, small ones grow. What the finders cannot explain (polarity,
 * mirroring, glare) is tried as variants of the crop, cheapest first, within
 * a per-frame time budget. */

#define TARGET_MODULE_PX  4.0
#define FRAME_BUDGET_US   24000   /* stop starting new work after this */
#define FRAME_LIMIT_US    30000   /* never knowingly exceed this */
#define ZBAR_NS_PER_PX    32      /* measured QR-only cost, for planning */
#define MAX_FINDERS       128
#define MAX_ROIS          8

typedef enum {
  MODE_LIVE,   /* a camera frame: budgeted, state carried to the next one */
  MODE_FILE,   /* a still image: no next frame, try everything */
} Mode;

typedef struct {
  int      x, y, w, h;   /* full-resolution rectangle */
  double   module;
  gboolean light;
  int      finders;
  int      votes;
} Roi;

struct _LanyardDecoder
{
  zbar_image_scanner_t *scanner;
  LanyardGrayBuf        half;
  LanyardGrayBuf        work;
  LanyardThresholds     thr;
  LanyardThresholds     half_thr;
  guint                 frame_no;
  LanyardResampleFlags  last_flags;   /* what worked last time */
};

static zbar_image_scanner_t *
new_qr_scanner (void)
{
  zbar_image_scanner_t *s = zbar_image_scanner_create ();

  zbar_image_scanner_set_config (s, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
  zbar_image_scanner_set_config (s, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
  zbar_image_scanner_set_config (s, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);
  /* we do not use symbol positions; skip collecting them */
  zbar_image_scanner_set_config (s, ZBAR_NONE, ZBAR_CFG_POSITION, 0);
  return s;
}

LanyardDecoder *
lanyard_decoder_new (void)
{
  LanyardDecoder *self = g_new0 (LanyardDecoder, 1);

  self->scanner = new_qr_scanner ();
  return self;
}

void
lanyard_decoder_free (LanyardDecoder *self)
{
  if (self == NULL)
    return;
  zbar_image_scanner_destroy (self->scanner);
  lanyard_gray_buf_clear (&self->half);
  lanyard_gray_buf_clear (&self->work);
  lanyard_thresholds_clear (&self->thr);
  lanyard_thresholds_clear (&self->half_thr);
  g_free (self);
}

/* Runs ZBar over a buffer whose stride is a multiple of 4 (ZBar takes the
 * stride as the width; the padding is white). */
static GBytes *
zbar_scan (zbar_image_scanner_t *scanner,
           const guint8         *data,
           int                   stride,
           int                   height)
{
  zbar_image_t *img = zbar_image_create ();
  GBytes *result = NULL;

  zbar_image_set_format (img, zbar_fourcc ('Y', '8', '0', '0'));
  zbar_image_set_size (img, stride, height);
  zbar_image_set_data (img, data, (unsigned long) stride * height, NULL);
  if (zbar_scan_image (scanner, img) > 0)
    {
      for (const zbar_symbol_t *sym = zbar_image_first_symbol (img);
           sym != NULL; sym = zbar_symbol_next (sym))
        if (zbar_symbol_get_type (sym) == ZBAR_QRCODE)
          {
            result = g_bytes_new (zbar_symbol_get_data (sym),
                                  zbar_symbol_get_data_length (sym));
            break;
          }
    }
  zbar_image_destroy (img);
  return result;
}

static int
compare_finders (gconstpointer a,
                 gconstpointer b)
{
  const LanyardFinder *fa = a, *fb = b;
  return fb->votes - fa->votes;
}

/* Groups finders that could belong to one code and turns each group into a
 * rectangle to crop: three finders give the code's extent; with fewer, the
 * missing corners could be on any side. */
static int
finders_to_rois (LanyardFinder *f,
                 int            n,
                 int            width,
                 int            height,
                 Roi           *rois,
                 int            max_rois)
{
  gboolean used[MAX_FINDERS] = { FALSE };
  int nr = 0;

  qsort (f, n, sizeof *f, compare_finders);
  for (int i = 0; i < n && nr < max_rois; i++)
    {
      int members[3] = { i, -1, -1 }, nm = 1;
      double x0, y0, x1, y1, m, grow, votes;

      if (used[i])
        continue;
      used[i] = TRUE;
      /* add the nearest compatible finders */
      while (nm < 3)
        {
          int best = -1;
          double best_d = G_MAXDOUBLE;
          for (int j = 0; j < n; j++)
            {
              double ratio, d;
              if (used[j] || f[j].light != f[i].light)
                continue;
              ratio = f[j].module / f[i].module;
              d = hypot (f[j].x - f[i].x, f[j].y - f[i].y);
              if (ratio < 0.6 || ratio > 1.67 || d > 60 * f[i].module || d < 10 * f[i].module)
                continue;
              if (d < best_d)
                {
                  best_d = d;
                  best = j;
                }
            }
          if (best < 0)
            break;
          used[best] = TRUE;
          members[nm++] = best;
        }
      x0 = x1 = f[i].x;
      y0 = y1 = f[i].y;
      m = 0;
      votes = 0;
      for (int k = 0; k < nm; k++)
        {
          const LanyardFinder *g = &f[members[k]];
          x0 = MIN (x0, g->x);
          x1 = MAX (x1, g->x);
          y0 = MIN (y0, g->y);
          y1 = MAX (y1, g->y);
          m += g->module / nm;
          votes += g->votes;
        }
      if (nm == 3)
        grow = 9 * m;
      else if (nm == 2)
        grow = MAX (x1 - x0, y1 - y0) + 9 * m;
      else
        grow = 34 * m;
      rois[nr].x = (int) (x0 - grow);
      rois[nr].y = (int) (y0 - grow);
      rois[nr].w = (int) (x1 - x0 + 2 * grow);
      rois[nr].h = (int) (y1 - y0 + 2 * grow);
      /* clip */
      if (rois[nr].x < 0) { rois[nr].w += rois[nr].x; rois[nr].x = 0; }
      if (rois[nr].y < 0) { rois[nr].h += rois[nr].y; rois[nr].y = 0; }
      rois[nr].w = MIN (rois[nr].w, width - rois[nr].x);
      rois[nr].h = MIN (rois[nr].h, height - rois[nr].y);
      rois[nr].module = m;
      rois[nr].light = f[i].light;
      rois[nr].finders = nm;
      rois[nr].votes = (int) votes;
      if (rois[nr].w > 8 && rois[nr].h > 8)
        nr++;
    }
  return nr;
}

typedef struct {
  const guint8 *px;
  int           width, height, stride;
  gint64        start;
  Mode          mode;
} Frame;

static gboolean
can_afford (const Frame *fr,
            gsize        pixels)
{
  gint64 now, cost;

  if (fr->mode == MODE_FILE)
    return TRUE;
  now = g_get_monotonic_time () - fr->start;
  cost = (gint64) pixels * ZBAR_NS_PER_PX / 1000;
  return now < FRAME_BUDGET_US && now + cost < FRAME_LIMIT_US;
}

/* Crops @roi, resamples it with @flags and scans it. */
static GBytes *
try_roi (LanyardDecoder       *self,
         const Frame          *fr,
         const Roi            *roi,
         LanyardResampleFlags  flags)
{
  double scale = TARGET_MODULE_PX / roi->module;
  const guint8 *src = fr->px;
  int sw = fr->width, sh = fr->height, ss = fr->stride;
  int x = roi->x, y = roi->y, w = roi->w, h = roi->h;
  const LanyardThresholds *t = &self->thr;
  gsize est;

  scale = CLAMP (scale, 0.15, 3.0);
  /* shrink through the half image: bilinear alone would alias */
  if (scale < 0.6 && self->half.data != NULL)
    {
      src = self->half.data;
      sw = self->half.width;
      sh = self->half.height;
      ss = self->half.stride;
      x /= 2; y /= 2; w /= 2; h /= 2;
      scale *= 2;
      t = &self->half_thr;
      if ((flags & LANYARD_RESAMPLE_BINARIZE) && t->thr == NULL)
        lanyard_thresholds_compute (&self->half_thr, src, sw, sh, ss, 8);
    }
  est = (gsize) (w * scale + 16) * (gsize) (h * scale + 16);
  if (!can_afford (fr, est))
    return NULL;
  lanyard_gray_resample (src, sw, sh, ss, x, y, w, h, scale, flags, t, &self->work);
  return zbar_scan (self->scanner, self->work.data, self->work.stride, self->work.height);
}

static GBytes *
decode_frame (LanyardDecoder *self,
              const Frame    *fr)
{
  LanyardFinder finders[MAX_FINDERS];
  Roi rois[MAX_ROIS];
  int nf, nr;
  GBytes *result;
  static const LanyardResampleFlags variants[] = {
    0,
    LANYARD_RESAMPLE_MIRROR,
    LANYARD_RESAMPLE_BINARIZE,
    LANYARD_RESAMPLE_BINARIZE | LANYARD_RESAMPLE_MIRROR,
  };

  lanyard_thresholds_compute (&self->thr, fr->px, fr->width, fr->height, fr->stride, 16);
  g_clear_pointer (&self->half_thr.thr, g_free);
  g_clear_pointer (&self->half_thr.range, g_free);
  self->half_thr.alloc = 0;
  lanyard_gray_half (fr->px, fr->width, fr->height, fr->stride, &self->half);

  nf = lanyard_find_finders (fr->px, fr->width, fr->height, fr->stride, &self->thr,
                             2, finders, MAX_FINDERS);
  nr = finders_to_rois (finders, nf, fr->width, fr->height, rois, MAX_ROIS);
  g_debug ("frame %u: %d finders, %d regions after %.1f ms", self->frame_no, nf, nr,
           (g_get_monotonic_time () - fr->start) / 1000.0);
  for (int i = 0; i < nr; i++)
    g_debug ("  region %d,%d %dx%d module %.1f finders %d votes %d%s", rois[i].x, rois[i].y,
             rois[i].w, rois[i].h, rois[i].module, rois[i].finders, rois[i].votes,
             rois[i].light ? " light" : "");

  /* round 1: every region as the finders suggest; round 2: the harder
   * variants, so that one hard region does not starve an easy one */
  for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
    for (int i = 0; i < nr; i++)
      {
        LanyardResampleFlags flags = variants[v];
        if (rois[i].finders == 1 && (flags & LANYARD_RESAMPLE_MIRROR) && fr->mode == MODE_LIVE)
          continue;
        if (rois[i].light)
          flags |= LANYARD_RESAMPLE_INVERT;
        result = try_roi (self, fr, &rois[i], flags);
        if (result != NULL)
          {
            self->last_flags = flags;
            return result;
          }
      }

  /* No region read: the finders may have been too blurred or too small.
   * Scan the half-size frame, alternating polarity from frame to frame. */
  {
    gsize half_px = (gsize) self->half.stride * self->half.height;
    gboolean invert = (self->frame_no & 1) != 0;
    int passes = fr->mode == MODE_FILE ? 2 : 1;

    for (int p = 0; p < passes; p++, invert = !invert)
      {
        if (!can_afford (fr, half_px))
          break;
        if (invert)
          {
            lanyard_gray_resample (self->half.data, self->half.width, self->half.height,
                                   self->half.stride, 0, 0, self->half.width, self->half.height,
                                   1.0, LANYARD_RESAMPLE_INVERT, NULL, &self->work);
            result = zbar_scan (self->scanner, self->work.data, self->work.stride, self->work.height);
          }
        else
          result = zbar_scan (self->scanner, self->half.data, self->half.stride, self->half.height);
        if (result != NULL)
          return result;
      }
  }

  if (fr->mode == MODE_FILE)
    {
      /* A still image has no next frame: scan the whole picture at full
       * size and larger, each polarity, mirrored, binarised. */
      static const LanyardResampleFlags all[] = {
        0, LANYARD_RESAMPLE_INVERT, LANYARD_RESAMPLE_MIRROR,
        LANYARD_RESAMPLE_MIRROR | LANYARD_RESAMPLE_INVERT,
        LANYARD_RESAMPLE_BINARIZE, LANYARD_RESAMPLE_BINARIZE | LANYARD_RESAMPLE_INVERT,
        LANYARD_RESAMPLE_BINARIZE | LANYARD_RESAMPLE_MIRROR,
        LANYARD_RESAMPLE_BINARIZE | LANYARD_RESAMPLE_MIRROR | LANYARD_RESAMPLE_INVERT,
      };
      double scales[] = { 1.0, 2.0, 0.5 };
      for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
        {
          double sc = scales[s];
          if ((double) fr->width * fr->height * sc * sc > 6e6 || (sc < 1 && fr->width < 400))
            continue;
          for (guint v = 0; v < G_N_ELEMENTS (all); v++)
            {
              lanyard_gray_resample (fr->px, fr->width, fr->height, fr->stride,
                                     0, 0, fr->width, fr->height, sc, all[v], &self->thr,
                                     &self->work);
              result = zbar_scan (self->scanner, self->work.data, self->work.stride,
                                  self->work.height);
              if (result != NULL)
                return result;
            }
        }
    }
  return NULL;
}

GBytes *
lanyard_decoder_decode_gray (LanyardDecoder *self,
                             const guint8   *pixels,
                             int             width,
                             int             height,
                             int             stride)
{
  Frame fr = { pixels, width, height, stride, g_get_monotonic_time (), MODE_LIVE };
  GBytes *result;

  g_return_val_if_fail (self != NULL, NULL);
  if (pixels == NULL || width < 8 || height < 8 || stride < width)
    return NULL;
  result = decode_frame (self, &fr);
  self->frame_no++;
  return result;
}

GBytes *
lanyard_decoder_decode_file (LanyardDecoder  *self,
                             const char      *path,
                             GError         **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *gray = NULL;
  const guint8 *src;
  int w, h, rs, nc;
  Frame fr;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  pixbuf = gdk_pixbuf_new_from_file (path, &local_error);
  if (pixbuf == NULL)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE,
                   _("The picture “%s” could not be read (%s)."), path, local_error->message);
      return NULL;
    }
  w = gdk_pixbuf_get_width (pixbuf);
  h = gdk_pixbuf_get_height (pixbuf);
  if (w < 8 || h < 8)
    return NULL;
  rs = gdk_pixbuf_get_rowstride (pixbuf);
  nc = gdk_pixbuf_get_n_channels (pixbuf);
  src = gdk_pixbuf_read_pixels (pixbuf);
  gray = g_malloc ((gsize) w * h);
  for (int y = 0; y < h; y++)
    {
      const guint8 *row = src + (gsize) y * rs;
      for (int x = 0; x < w; x++)
        {
          const guint8 *p = row + (gsize) x * nc;
          int v = (p[0] * 77 + p[1] * 150 + p[2] * 29) >> 8;
          /* transparent pixels are background: show them white */
          if (nc == 4)
            v = (v * p[3] + 255 * (255 - p[3])) / 255;
          gray[(gsize) y * w + x] = (guint8) v;
        }
    }
  fr = (Frame) { gray, w, h, w, g_get_monotonic_time (), MODE_FILE };
  return decode_frame (self, &fr);
}
