/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lanyard-image.h"

/* GCC's and clang's vector extensions: sixteen pixels at a time where a
 * loop is plain arithmetic (the compiler does not vectorise these at -O2) */
typedef guint8 U8x16 __attribute__ ((vector_size (16)));
typedef guint16 U16x16 __attribute__ ((vector_size (32)));

void
lanyard_gray_buf_ensure (LanyardGrayBuf *buf,
                         int             width,
                         int             height)
{
  int stride = (width + 3) & ~3;
  gsize need = (gsize) stride * height;

  if (buf->alloc < need)
    {
      g_free (buf->data);
      buf->data = g_malloc (need);
      buf->alloc = need;
    }
  buf->width = width;
  buf->height = height;
  buf->stride = stride;
}

void
lanyard_gray_buf_clear (LanyardGrayBuf *buf)
{
  g_clear_pointer (&buf->data, g_free);
  buf->alloc = 0;
}

void
lanyard_thresholds_compute (LanyardThresholds *t,
                            const guint8      *px,
                            int                width,
                            int                height,
                            int                stride,
                            int                block)
{
  /* a block's count, and a column's sum over a band, fit sixteen bits */
  g_return_if_fail (block >= 1 && block <= 255);

  int bw = (width + block - 1) / block, bh = (height + block - 1) / block;
  gsize n = (gsize) bw * bh;
  g_autofree guint32 *sum = g_new0 (guint32, n);
  g_autofree guint16 *cnt = g_new0 (guint16, n);
  g_autofree guint8 *mn = g_malloc (n);
  g_autofree guint8 *mx = g_malloc0 (n);

  memset (mn, 255, n);
  if (t->alloc < n)
    {
      g_free (t->thr);
      g_free (t->range);
      t->thr = g_malloc (n);
      t->range = g_malloc (n);
      t->alloc = n;
    }
  t->block = block;
  t->bw = bw;
  t->bh = bh;

  /* each band of @block rows: per column first (sixteen columns at a
   * time), then per block of columns */
  {
    /* a column of a band sums at most 255 × 255 */
    g_autofree guint16 *col_sum = g_new (guint16, width);
    g_autofree guint8 *col_lo = g_malloc (width);
    g_autofree guint8 *col_hi = g_malloc (width);

    for (int by = 0; by < bh; by++)
      {
        int y0 = by * block, y1 = MIN (height, y0 + block);
        gsize brow = (gsize) by * bw;

        memset (col_sum, 0, width * sizeof *col_sum);
        memset (col_lo, 255, width);
        memset (col_hi, 0, width);
        for (int y = y0; y < y1; y++)
          {
            const guint8 *row = px + (gsize) y * stride;
            int x = 0;

            for (; x + 16 <= width; x += 16)
              {
                U8x16 v, lo, hi, below, above;
                U16x16 sums;

                memcpy (&v, row + x, 16);
                memcpy (&sums, col_sum + x, 32);
                sums += __builtin_convertvector (v, U16x16);
                memcpy (col_sum + x, &sums, 32);
                memcpy (&lo, col_lo + x, 16);
                memcpy (&hi, col_hi + x, 16);
                /* a comparison gives all ones where true */
                below = (U8x16) (v < lo);
                above = (U8x16) (v > hi);
                lo = (v & below) | (lo & ~below);
                hi = (v & above) | (hi & ~above);
                memcpy (col_lo + x, &lo, 16);
                memcpy (col_hi + x, &hi, 16);
              }
            for (; x < width; x++)
              {
                col_sum[x] += row[x];
                col_lo[x] = MIN (col_lo[x], row[x]);
                col_hi[x] = MAX (col_hi[x], row[x]);
              }
          }
        for (int bx = 0; bx < bw; bx++)
          {
            int x0 = bx * block, x1 = MIN (width, x0 + block);
            guint32 s = 0;
            guint8 lo = 255, hi = 0;

            for (int x = x0; x < x1; x++)
              {
                s += col_sum[x];
                lo = MIN (lo, col_lo[x]);
                hi = MAX (hi, col_hi[x]);
              }
            sum[brow + bx] = s;
            cnt[brow + bx] = (guint16) ((x1 - x0) * (y1 - y0));
            mn[brow + bx] = lo;
            mx[brow + bx] = hi;
          }
      }
  }

  /* 5×5 neighbourhood: wide enough to span a finder's 3-module centre
   * (edge blocks repeated). Sums, minima and maxima over a rectangle are
   * taken along the rows first, then down the columns. */
  {
    g_autofree guint32 *row_sum = g_new (guint32, n);
    g_autofree guint32 *row_cnt = g_new (guint32, n);
    g_autofree guint8 *row_lo = g_malloc (n);
    g_autofree guint8 *row_hi = g_malloc (n);

    for (int by = 0; by < bh; by++)
      for (int bx = 0; bx < bw; bx++)
        {
          gsize o = (gsize) by * bw;
          guint32 s = 0, c = 0;
          guint8 lo = 255, hi = 0;

          for (int dx = -2; dx <= 2; dx++)
            {
              gsize i = o + CLAMP (bx + dx, 0, bw - 1);
              s += sum[i];
              c += cnt[i];
              lo = MIN (lo, mn[i]);
              hi = MAX (hi, mx[i]);
            }
          row_sum[o + bx] = s;
          row_cnt[o + bx] = c;
          row_lo[o + bx] = lo;
          row_hi[o + bx] = hi;
        }
    for (int by = 0; by < bh; by++)
      for (int bx = 0; bx < bw; bx++)
        {
          guint32 s = 0, c = 0;
          guint8 lo = 255, hi = 0;

          for (int dy = -2; dy <= 2; dy++)
            {
              gsize i = (gsize) CLAMP (by + dy, 0, bh - 1) * bw + bx;
              s += row_sum[i];
              c += row_cnt[i];
              lo = MIN (lo, row_lo[i]);
              hi = MAX (hi, row_hi[i]);
            }
          t->thr[(gsize) by * bw + bx] = (guint8) (s / MAX (c, 1u));
          t->range[(gsize) by * bw + bx] = hi - lo;
        }
  }
}

void
lanyard_thresholds_clear (LanyardThresholds *t)
{
  g_clear_pointer (&t->thr, g_free);
  g_clear_pointer (&t->range, g_free);
  t->alloc = 0;
}

void
lanyard_gray_half (const guint8   *px,
                   int             width,
                   int             height,
                   int             stride,
                   LanyardGrayBuf *dst)
{
  int hw = width / 2, hh = height / 2;

  lanyard_gray_buf_ensure (dst, hw, hh);
  for (int y = 0; y < hh; y++)
    {
      const guint8 *a = px + (gsize) (2 * y) * stride;
      const guint8 *b = a + stride;
      guint8 *o = dst->data + (gsize) y * dst->stride;
      int x = 0;

      /* sixteen at a time: each 16-bit lane holds a pair of pixels */
      for (; x + 16 <= hw; x += 16)
        {
          U16x16 pa, pb, total;
          U8x16 out;

          memcpy (&pa, a + 2 * x, 32);
          memcpy (&pb, b + 2 * x, 32);
          total = (pa & 0xff) + (pa >> 8) + (pb & 0xff) + (pb >> 8) + 2;
          out = __builtin_convertvector (total >> 2, U8x16);
          memcpy (o + x, &out, 16);
        }
      for (; x < hw; x++)
        o[x] = (guint8) ((a[2 * x] + a[2 * x + 1] + b[2 * x] + b[2 * x + 1] + 2) >> 2);
      memset (o + hw, 255, dst->stride - hw);
    }
}

static inline int
threshold_at (const LanyardThresholds *t,
              int                      x,
              int                      y)
{
  int bx, by;

  if (t->plane_on)
    return (int) CLAMP (t->plane[0] + t->plane[1] * x + t->plane[2] * y, 0, 255);
  bx = CLAMP (x / t->block, 0, t->bw - 1);
  by = CLAMP (y / t->block, 0, t->bh - 1);
  return t->thr[by * t->bw + bx];
}

/* (tx, ty): where px's origin lies in the thresholds' coordinates */
static void
resample_impl (const guint8            *px,
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
               int                      tx,
               int                      ty,
               LanyardGrayBuf          *dst)
{
  int pad, dw, dh, iw, ih;
  g_autofree int *xi = NULL;
  g_autofree guint8 *xf = NULL;
  guint8 lo = 255, hi = 0;

  if (x < 0) { w += x; x = 0; }
  if (y < 0) { h += y; y = 0; }
  w = MIN (w, width - x);
  h = MIN (h, height - y);
  if (w < 2 || h < 2 || scale <= 0)
    {
      lanyard_gray_buf_ensure (dst, 4, 4);
      memset (dst->data, 255, (gsize) dst->stride * 4);
      return;
    }
  if (t == NULL)
    flags &= ~LANYARD_RESAMPLE_BINARIZE;

  iw = MAX (1, (int) (w * scale));
  ih = MAX (1, (int) (h * scale));
  pad = 8;
  dw = iw + 2 * pad;
  dh = ih + 2 * pad;
  lanyard_gray_buf_ensure (dst, dw, dh);
  memset (dst->data, 255, (gsize) dst->stride * dh);

  /* source column of each output column, 8-bit fraction */
  xi = g_new (int, iw);
  xf = g_new (guint8, iw);
  for (int i = 0; i < iw; i++)
    {
      int ii = (flags & LANYARD_RESAMPLE_MIRROR) ? iw - 1 - i : i;
      double sx = x + (ii + 0.5) / scale - 0.5;
      sx = CLAMP (sx, x, x + w - 1.001);
      xi[i] = (int) sx;
      xf[i] = (guint8) ((sx - xi[i]) * 256);
      if (xi[i] + 1 >= width)
        {
          xi[i] = width - 2;
          xf[i] = 255;
        }
    }

  if (flags & LANYARD_RESAMPLE_STRETCH)
    for (int j = 0; j < h; j += 2)
      {
        const guint8 *row = px + (gsize) (y + j) * stride + x;
        for (int i = 0; i < w; i += 2)
          {
            lo = MIN (lo, row[i]);
            hi = MAX (hi, row[i]);
          }
      }

  for (int j = 0; j < ih; j++)
    {
      double sy = y + (j + 0.5) / scale - 0.5;
      int y0, fy;
      const guint8 *r0, *r1;
      guint8 *o = dst->data + (gsize) (j + pad) * dst->stride + pad;

      sy = CLAMP (sy, y, y + h - 1.001);
      y0 = (int) sy;
      fy = (int) ((sy - y0) * 256);
      if (y0 + 1 >= height)
        {
          y0 = height - 2;
          fy = 255;
        }
      r0 = px + (gsize) y0 * stride;
      r1 = r0 + stride;
      for (int i = 0; i < iw; i++)
        {
          int a = xi[i], fx = xf[i];
          int top = r0[a] * (256 - fx) + r0[a + 1] * fx;
          int bot = r1[a] * (256 - fx) + r1[a + 1] * fx;
          int v = (top * (256 - fy) + bot * fy + (1 << 15)) >> 16;

          if (flags & LANYARD_RESAMPLE_BINARIZE)
            v = v < threshold_at (t, a + tx, y0 + ty) ? 0 : 255;
          else if ((flags & LANYARD_RESAMPLE_STRETCH) && hi > lo + 8)
            v = CLAMP ((v - lo) * 255 / (hi - lo), 0, 255);
          if (flags & LANYARD_RESAMPLE_INVERT)
            v = 255 - v;
          o[i] = (guint8) v;
        }
    }
}

void
lanyard_gray_resample (const guint8            *px,
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
                       LanyardGrayBuf          *dst)
{
  g_autofree guint8 *tmp = NULL;

  if (flags & LANYARD_RESAMPLE_LEVEL)
    flags |= LANYARD_RESAMPLE_BINARIZE;
  if (x < 0) { w += x; x = 0; }
  if (y < 0) { h += y; y = 0; }
  w = MIN (w, width - x);
  h = MIN (h, height - y);
  if (!(flags & LANYARD_RESAMPLE_SMOOTH) || w < 3 || h < 3)
    {
      resample_impl (px, width, height, stride, x, y, w, h, scale, flags, t, 0, 0, dst);
      return;
    }
  /* box-filter the crop first, reading one pixel beyond it where there is one */
  tmp = g_malloc ((gsize) w * h);
  for (int j = 0; j < h; j++)
    {
      const guint8 *r1 = px + (gsize) (y + j) * stride;
      const guint8 *r0 = y + j > 0 ? r1 - stride : r1;
      const guint8 *r2 = y + j + 1 < height ? r1 + stride : r1;
      for (int i = 0; i < w; i++)
        {
          int xa = MAX (x + i - 1, 0), xb = x + i, xc = MIN (x + i + 1, width - 1);
          int sum = r0[xa] + r0[xb] + r0[xc] + r1[xa] + r1[xb] + r1[xc] + r2[xa] + r2[xb] + r2[xc];
          tmp[(gsize) j * w + i] = (guint8) ((sum * 7282) >> 16);   /* ÷ 9 */
        }
    }
  resample_impl (tmp, w, h, w, 0, 0, w, h, scale, flags & ~LANYARD_RESAMPLE_SMOOTH, t, x, y, dst);
}

void
lanyard_gray_dilate_dark (LanyardGrayBuf *buf)
{
  int w = buf->width, h = buf->height, st = buf->stride;
  g_autofree guint8 *rows = NULL;

  if (w < 3 || h < 3)
    return;
  /* horizontal minimum into a copy, then vertical back into buf */
  rows = g_malloc ((gsize) st * h);
  for (int y = 0; y < h; y++)
    {
      const guint8 *r = buf->data + (gsize) y * st;
      guint8 *o = rows + (gsize) y * st;
      o[0] = MIN (r[0], r[1]);
      for (int x = 1; x < w - 1; x++)
        o[x] = MIN (r[x - 1], MIN (r[x], r[x + 1]));
      o[w - 1] = MIN (r[w - 2], r[w - 1]);
    }
  for (int y = 0; y < h; y++)
    {
      const guint8 *a = rows + (gsize) MAX (y - 1, 0) * st, *b = rows + (gsize) y * st;
      const guint8 *c = rows + (gsize) MIN (y + 1, h - 1) * st;
      guint8 *o = buf->data + (gsize) y * st;
      for (int x = 0; x < w; x++)
        o[x] = MIN (a[x], MIN (b[x], c[x]));
    }
}

void
lanyard_gray_warp (const guint8            *px,
                   int                      width,
                   int                      height,
                   int                      stride,
                   const double             m[8],
                   int                      out_w,
                   int                      out_h,
                   LanyardResampleFlags     flags,
                   const LanyardThresholds *t,
                   LanyardGrayBuf          *dst)
{
  if (flags & LANYARD_RESAMPLE_LEVEL)
    flags |= LANYARD_RESAMPLE_BINARIZE;
  if (t == NULL)
    flags &= ~LANYARD_RESAMPLE_BINARIZE;
  lanyard_gray_buf_ensure (dst, MAX (out_w, 4), MAX (out_h, 4));
  memset (dst->data, 255, (gsize) dst->stride * dst->height);
  for (int v = 0; v < out_h; v++)
    {
      guint8 *o = dst->data + (gsize) v * dst->stride;
      for (int u = 0; u < out_w; u++)
        {
          double w = 1 + m[6] * u + m[7] * v;
          double sx, sy;
          int x0, y0, fx, fy, val;
          const guint8 *r0;

          if (w <= 1e-6)
            continue;
          sx = m[0] + m[1] * u + m[2] * v;
          sy = m[3] + m[4] * u + m[5] * v;
          if (w != 1)
            {
              /* a slanted code (still images); live frames stay affine */
              sx /= w;
              sy /= w;
            }
          if (sx < 0 || sy < 0 || sx >= width - 1 || sy >= height - 1)
            continue;
          x0 = (int) sx;
          y0 = (int) sy;
          fx = (int) ((sx - x0) * 256);
          fy = (int) ((sy - y0) * 256);
          r0 = px + (gsize) y0 * stride + x0;
          val = ((r0[0] * (256 - fx) + r0[1] * fx) * (256 - fy) +
                 (r0[stride] * (256 - fx) + r0[stride + 1] * fx) * fy + (1 << 15)) >> 16;
          if (flags & LANYARD_RESAMPLE_BINARIZE)
            val = val < threshold_at (t, x0, y0) ? 0 : 255;
          if (flags & LANYARD_RESAMPLE_INVERT)
            val = 255 - val;
          o[u] = (guint8) val;
        }
    }
}

typedef struct {
  const guint8            *px;
  int                      width, height, stride;
  const LanyardThresholds *t;
} Scan;

/* Dark pixel? With a 3-tap smoothing so that sensor noise does not cut runs. */
static inline gboolean
dark_at (const Scan *s,
         int         x,
         int         y,
         gboolean    vertical)
{
  const guint8 *p = s->px + (gsize) y * s->stride + x;
  int v;
  int thr = s->t->thr[MIN (y / s->t->block, s->t->bh - 1) * s->t->bw + MIN (x / s->t->block, s->t->bw - 1)];

  if (vertical)
    v = (y > 0 && y + 1 < s->height) ? (p[-s->stride] + 2 * p[0] + p[s->stride]) : 4 * p[0];
  else
    v = (x > 0 && x + 1 < s->width) ? (p[-1] + 2 * p[0] + p[1]) : 4 * p[0];
  return v < 4 * thr;
}

static gboolean
ratio_ok (const int r[5],
          float    *module)
{
  int total = r[0] + r[1] + r[2] + r[3] + r[4];
  float m = total / 7.0f, tol = m * 0.7f;

  if (m < 1.2f)
    return FALSE;
  if (fabsf (r[0] - m) > tol || fabsf (r[1] - m) > tol ||
      fabsf (r[3] - m) > tol || fabsf (r[4] - m) > tol ||
      fabsf (r[2] - 3 * m) > 1.6f * m)
    return FALSE;
  *module = m;
  return TRUE;
}

/* Walks the column through (x, y) and checks the same pattern vertically.
 * Returns the vertical centre, or −1. */
static float
cross_check_vertical (const Scan *s,
                      int         x,
                      int         y,
                      gboolean    center_dark,
                      int         max_run,
                      float      *module)
{
  int r[5] = { 0 };
  int yy = y;

  if (dark_at (s, x, y, TRUE) != center_dark)
    return -1;
  /* up */
  while (yy >= 0 && dark_at (s, x, yy, TRUE) == center_dark && r[2] <= max_run)
    { r[2]++; yy--; }
  while (yy >= 0 && dark_at (s, x, yy, TRUE) != center_dark && r[1] <= max_run)
    { r[1]++; yy--; }
  while (yy >= 0 && dark_at (s, x, yy, TRUE) == center_dark && r[0] <= max_run)
    { r[0]++; yy--; }
  if (r[1] == 0 || r[0] == 0 || r[0] > max_run || r[1] > max_run)
    return -1;
  /* down */
  yy = y + 1;
  while (yy < s->height && dark_at (s, x, yy, TRUE) == center_dark && r[2] <= 3 * max_run)
    { r[2]++; yy++; }
  {
    int bottom = yy;
    while (yy < s->height && dark_at (s, x, yy, TRUE) != center_dark && r[3] <= max_run)
      { r[3]++; yy++; }
    while (yy < s->height && dark_at (s, x, yy, TRUE) == center_dark && r[4] <= max_run)
      { r[4]++; yy++; }
    if (r[3] == 0 || r[4] == 0 || r[3] > max_run || r[4] > max_run)
      return -1;
    if (!ratio_ok (r, module))
      return -1;
    return bottom - r[2] / 2.0f;
  }
}

/* Sensor noise, from the median of a second difference along rows, at
 * spacings of 1 and 2 px: demosaicing, scaling and JPEG make camera noise
 * blotchy, and blotches hide from the 1-px difference. */
static double
estimate_noise (const guint8 *px,
                int           width,
                int           height,
                int           stride)
{
  double sigma = 0;

  for (int k = 1; k <= 2; k++)
    {
      guint hist[256] = { 0 };
      guint n = 0, acc = 0;

      for (int y = 2; y < height - 2; y += 8)
        {
          const guint8 *row = px + (gsize) y * stride;
          for (int x = k; x + k < width; x += 3)
            {
              int d = abs (2 * row[x] - row[x - k] - row[x + k]);
              hist[MIN (d, 255)]++;
              n++;
            }
        }
      for (int i = 0; i < 256; i++)
        {
          acc += hist[i];
          if (acc * 2 >= n)
            {
              sigma = MAX (sigma, (i + 0.5) / (0.6745 * 2.449));
              break;
            }
        }
    }
  return sigma;
}

/* Walks the line through (x, y) in direction (dx, dy) and checks for the
 * 1:1:3:1:1 pattern centred there: concentric squares look the same along
 * any line through their centre; data modules rarely do. */
static gboolean
cross_check_dir (const Scan *s,
                 int         x,
                 int         y,
                 int         dx,
                 int         dy,
                 gboolean    center_dark,
                 int         max_run)
{
  int r[5] = { 0 };
  float m;
  int k;

#define IN(k_) (x + (k_) * dx >= 0 && x + (k_) * dx < s->width && y + (k_) * dy >= 0 && y + (k_) * dy < s->height)
#define DARK(k_) dark_at (s, x + (k_) * dx, y + (k_) * dy, FALSE)
  if (DARK (0) != center_dark)
    return FALSE;
  for (k = 0; IN (k) && DARK (k) == center_dark && r[2] <= max_run; k--)
    r[2]++;
  for (; IN (k) && DARK (k) != center_dark && r[1] <= max_run; k--)
    r[1]++;
  for (; IN (k) && DARK (k) == center_dark && r[0] <= max_run; k--)
    r[0]++;
  for (k = 1; IN (k) && DARK (k) == center_dark && r[2] <= 3 * max_run; k++)
    r[2]++;
  for (; IN (k) && DARK (k) != center_dark && r[3] <= max_run; k++)
    r[3]++;
  for (; IN (k) && DARK (k) == center_dark && r[4] <= max_run; k++)
    r[4]++;
#undef IN
#undef DARK
  if (r[0] == 0 || r[1] == 0 || r[3] == 0 || r[4] == 0 ||
      r[0] > max_run || r[1] > max_run || r[3] > max_run || r[4] > max_run)
    return FALSE;
  return ratio_ok (r, &m);
}

/* out[i] = p[i − 1] + 2 p[i] + p[i + 1] < thr4, for i in 0‥15, as 0 or 1:
 * the row loop's test, in one go (reads p[−1] to p[16]). */
static inline void
binarise16 (const guint8 *p,
            int           thr4,
            guint8       *out)
{
  U8x16 a, b, c, d;
  U16x16 sum;

  memcpy (&a, p - 1, 16);
  memcpy (&b, p, 16);
  memcpy (&c, p + 1, 16);
  sum = __builtin_convertvector (a, U16x16) + 2 * __builtin_convertvector (b, U16x16) +
        __builtin_convertvector (c, U16x16);
  d = __builtin_convertvector (sum < (guint16) thr4, U8x16) & 1;
  memcpy (out, &d, 16);
}

int
lanyard_find_finders (const guint8            *px,
                      int                      width,
                      int                      height,
                      int                      stride,
                      const LanyardThresholds *t,
                      int                      step,
                      LanyardFinder           *out,
                      int                      max_out)
{
  Scan s = { px, width, height, stride, t };
  int n = 0;
  /* a finder's rings must differ by more than noise does (in 4× units of
   * the 1-2-1 smoothed values) */
  double sigma = estimate_noise (px, width, height, stride);
  int min_contrast = (int) (4 * MAX (10.0, 2.5 * sigma));

  /* 0 or 1: memchr finds the next change of colour */
  g_autofree guint8 *dark = g_malloc (width + 1);
  /* prefix[x]: the row's grey levels before x, for each run's mean */
  g_autofree int *prefix = g_new (int, width + 1);

  for (int y = step / 2; y < height; y += step)
    {
      int r[5] = { 0 }, sum[5], x = 0, start = 0;
      gboolean prev;
      int runs_seen = 0;
      const guint8 *row = px + (gsize) y * stride;
      const guint8 *trow = t->thr + (gsize) MIN (y / t->block, t->bh - 1) * t->bw;

      /* binarise the row block by block (1-2-1 smoothed against noise) */
      dark[0] = row[0] < trow[0];
      for (int bx = 0, x0 = 1; x0 < width - 1; bx++)
        {
          int x1 = MIN (width - 1, (bx + 1) * t->block);
          int thr4 = 4 * trow[MIN (bx, t->bw - 1)];
          int xx = x0;

          /* sixteen at a time (a camera frame's blocks are 16 px) */
          for (; xx + 16 <= x1; xx += 16)
            binarise16 (row + xx, thr4, dark + xx);
          for (; xx < x1; xx++)
            dark[xx] = row[xx - 1] + 2 * row[xx] + row[xx + 1] < thr4;
          x0 = x1;
        }
      dark[width - 1] = row[width - 1] < trow[MIN ((width - 1) / t->block, t->bw - 1)];
      prefix[0] = 0;
      for (int xx = 0; xx < width; xx++)
        prefix[xx + 1] = prefix[xx] + row[xx];
      prev = dark[0];

      /* from one change of colour to the next; the row's end closes the
       * last run */
      for (x = 1; x <= width; x++)
        {
          const guint8 *next = x < width ? memchr (dark + x, !prev, width - x) : NULL;
          gboolean d;
          float mh, mv, cy, level;
          int cx;

          x = next != NULL ? (int) (next - dark) : width;
          d = x < width ? dark[x] : !prev;
          /* a run of colour `prev` ended at x − 1 */
          r[0] = r[1], r[1] = r[2], r[2] = r[3], r[3] = r[4];
          r[4] = x - start;
          runs_seen++;
          start = x;
          prev = d;
          /* the last five runs end with colour !d; the centre run has the
           * same colour as the outer ones */
          /* cheap integer test first: the centre run is the longest */
          if (runs_seen < 5 || 2 * r[2] < r[1] + r[3] + 1 || r[2] < 3 ||
              r[2] < r[0] || r[2] < r[4] || !ratio_ok (r, &mh))
            continue;
          /* the runs' grey levels (4×) */
          for (int k = 4, end = x; k >= 0; end -= r[k], k--)
            sum[k] = 4 * (prefix[end] - prefix[end - r[k]]);
          {
            int c = sum[2] / r[2];
            int ring = (sum[1] + sum[3]) / (r[1] + r[3]);
            int outer = (sum[0] + sum[4]) / (r[0] + r[4]);
            if (abs (c - ring) < min_contrast || abs (outer - ring) < min_contrast / 2)
              continue;
            level = (c + ring) / 8.0f;
          }
          cx = x - r[4] - r[3] - r[2] / 2;
          cy = cross_check_vertical (&s, cx, y, d == FALSE, (int) (mh * 4 + 2), &mv);
          if (cy < 0 || mv > 2.2f * mh || mh > 2.2f * mv)
            continue;
          {
            /* the centre has the colour of the run that just ended (!d) */
            gboolean light = d;
            float m = (mh + mv) / 2;
            int k, icy = (int) cy;
            /* diagonal steps are √2 long: allow runs accordingly */
            int diag = cross_check_dir (&s, cx, icy, 1, 1, !light, (int) (mh * 3 + 2)) &&
                       cross_check_dir (&s, cx, icy, 1, -1, !light, (int) (mh * 3 + 2));
            for (k = 0; k < n; k++)
              if (out[k].light == light &&
                  fabsf (out[k].x - cx) < 2.5f * m && fabsf (out[k].y - cy) < 2.5f * m)
                break;
            if (k < n)
              {
                float vv = out[k].votes;
                out[k].x = (out[k].x * vv + cx) / (vv + 1);
                out[k].y = (out[k].y * vv + cy) / (vv + 1);
                out[k].module = (out[k].module * vv + m) / (vv + 1);
                out[k].level = (out[k].level * vv + level) / (vv + 1);
                out[k].votes++;
                out[k].diagonals += diag;
              }
            else if (n < max_out)
              {
                out[n].x = cx;
                out[n].y = cy;
                out[n].module = m;
                out[n].votes = 1;
                out[n].level = level;
                out[n].diagonals = diag;
                out[n].light = light;
                n++;
              }
          }
        }
    }
  return n;
}
