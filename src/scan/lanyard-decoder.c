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
#include "lanyard-qr-model1.h"

/* ZBar's cost grows with the pixels it scans (~30 ns each, QR only), so the
 * decoder looks for the code first with a cheap finder-pattern scan and
 * hands ZBar only small crops, resampled to ~4 px per module: big codes
 * shrink, small ones grow. What the finders cannot explain (polarity,
 * mirroring, glare) is tried as variants of the crop, cheapest first, within
 * a per-frame time budget. */

#define TARGET_MODULE_PX  4.0
#define FRAME_BUDGET_US   22000   /* start no new work after this */
#define FRAME_LIMIT_US    22000   /* nor any that would end after this */
#define ZBAR_NS_PER_PX    34      /* measured QR-only cost, for planning */
#define MAX_FINDERS       1024   /* noise makes many; the real ones rank first */
#define MAX_CANDIDATES    16
#define MAX_ROIS          8
#define PERSPECTIVE_STEPS 3       /* fourth-corner guesses: ±3 steps each way */
#define PERSPECTIVE_STEP  0.07    /* of a leg between finders */
#define PERSPECTIVE_ROIS  3       /* still images: regions given those guesses */
#define N_CORNER_GUESSES  ((2 * PERSPECTIVE_STEPS + 1) * (2 * PERSPECTIVE_STEPS + 1))
#define MAX_TASKS         (MAX_ROIS * 12 + PERSPECTIVE_ROIS * 3 * N_CORNER_GUESSES)
#define HARD_PER_FRAME    4       /* live mode: hard variants per frame */
#define SMALL_IMAGE_PX    240     /* still images smaller than this are enlarged */
#define MAX_CODES         4       /* still images: codes read from one picture, at most */
#define RENDER_MODULE_PX  6       /* still images: modules sampled and drawn again, this size */

typedef enum {
  MODE_LIVE,   /* a camera frame: budgeted, state carried to the next one */
  MODE_FILE,   /* a still image: no next frame, try everything */
} Mode;

typedef struct {
  const guint8 *px;
  int           width, height, stride;
  gint64        start;
  Mode          mode;
  gint64        budget_us;
  gboolean      again;   /* MODE_FILE, after a code was read: the regions' own tries only */
} Frame;

typedef struct {
  int      x, y, w, h;   /* full-resolution rectangle */
  double   module;       /* smallest module seen, px */
  gboolean light;
  int      finders;
  double   corner[3][2]; /* finders == 3: A, B (the corner), C */
  double   plane[3];     /* threshold a + b·x + c·y through the finders' levels */
} Roi;

/* One ZBar pass: a region (or the whole half-size frame, roi = −1) with a
 * set of pixel transformations. */
typedef struct {
  int                  roi;
  LanyardResampleFlags flags;
  int                  du, dv;   /* PERSPECTIVE: the fourth corner moved, in steps */
  int                  turn;     /* PERSPECTIVE: which finder is the corner (0: the one found) */
} Task;

typedef struct {
  zbar_image_scanner_t *scanner;
  LanyardGrayBuf        work;
} Worker;

/* What both threads share while one frame is decoded. */
typedef struct {
  const Frame *fr;
  Roi          rois[MAX_ROIS];
  int          n_rois;
  Task         tasks[MAX_TASKS];
  int          n_tasks;
  gint         next;          /* atomic: next task to take */
  gint         found;         /* atomic */
  GBytes      *result;        /* under lock */
  int          read_roi;      /* under lock: the region that read it, or −1 */
} Job;

struct _LanyardDecoder
{
  Worker             main;
  LanyardGrayBuf     half;
  LanyardThresholds  thr;
  LanyardThresholds  half_thr;
  guint              frame_no;
  gint64             budget_us;
  Job                job;
  LanyardFinder      finders[MAX_FINDERS];

  /* the helper thread, started on the first hard frame */
  GThread           *thread;
  Worker             helper;
  GMutex             lock;
  GCond              cond;
  guint              serial;
  gboolean           helper_busy;
  gboolean           quit;
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

  self->main.scanner = new_qr_scanner ();
  /* tests (and anyone debugging on a slow machine) may lift the per-frame
   * budget so that results do not depend on the machine's load */
  self->budget_us = FRAME_BUDGET_US;
  if (g_getenv ("LANYARD_DECODER_BUDGET_MS") != NULL)
    self->budget_us = 1000 * CLAMP (g_ascii_strtoll (g_getenv ("LANYARD_DECODER_BUDGET_MS"), NULL, 10),
                                    1, 60000);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  return self;
}

void
lanyard_decoder_free (LanyardDecoder *self)
{
  if (self == NULL)
    return;
  if (self->thread != NULL)
    {
      g_mutex_lock (&self->lock);
      self->quit = TRUE;
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->lock);
      g_thread_join (self->thread);
      zbar_image_scanner_destroy (self->helper.scanner);
      lanyard_gray_buf_clear (&self->helper.work);
    }
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  zbar_image_scanner_destroy (self->main.scanner);
  lanyard_gray_buf_clear (&self->main.work);
  lanyard_gray_buf_clear (&self->half);
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
  return (fb->votes + 2 * fb->diagonals) - (fa->votes + 2 * fa->diagonals);
}

static void
roi_from_points (Roi          *roi,
                 const double  pts[][2],
                 int           n,
                 double        grow,
                 int           width,
                 int           height)
{
  double x0 = pts[0][0], x1 = x0, y0 = pts[0][1], y1 = y0;

  for (int i = 1; i < n; i++)
    {
      x0 = MIN (x0, pts[i][0]);
      x1 = MAX (x1, pts[i][0]);
      y0 = MIN (y0, pts[i][1]);
      y1 = MAX (y1, pts[i][1]);
    }
  x0 = MAX (0, x0 - grow);
  y0 = MAX (0, y0 - grow);
  x1 = MIN (width, x1 + grow);
  y1 = MIN (height, y1 + grow);
  roi->x = (int) x0;
  roi->y = (int) y0;
  roi->w = (int) (x1 - x0);
  roi->h = (int) (y1 - y0);
}

typedef struct {
  int    a, b, c;   /* b: the corner finder */
  double score;
} Triple;

static int
compare_triples (gconstpointer a,
                 gconstpointer b)
{
  const Triple *ta = a, *tb = b;
  return (ta->score < tb->score) - (ta->score > tb->score);
}

/* Colour changes along the segment P→Q (binarised, one sample per half
 * module), per module of length: ~0.5 inside a code, near 0 across
 * a wall or a sheet of paper. */
static double
segment_busy (const Frame             *fr,
              const LanyardThresholds *t,
              double                   px,
              double                   py,
              double                   qx,
              double                   qy,
              double                   module)
{
  double len = hypot (qx - px, qy - py);
  int n = (int) (2 * len / module), changes = 0;
  int prev = -1;

  if (n < 4)
    return 0;
  for (int i = 0; i <= n; i++)
    {
      int x = (int) (px + (qx - px) * i / n), y = (int) (py + (qy - py) * i / n);
      int d;
      if (x < 0 || y < 0 || x >= fr->width || y >= fr->height)
        continue;
      d = fr->px[(gsize) y * fr->stride + x] <
          t->thr[MIN (y / t->block, t->bh - 1) * t->bw + MIN (x / t->block, t->bw - 1)];
      if (prev >= 0 && d != prev)
        changes++;
      prev = d;
    }
  return changes / (len / module);
}

/* Three finders of one code sit on a right angle with equal legs (give or
 * take perspective), 14–170 modules apart. Such triples become tight
 * regions; leftover finders (a code half in glare) become looser ones. */
static int
finders_to_rois (const Frame             *fr,
                 const LanyardThresholds *t,
                 LanyardFinder           *f,
                 int                      n,
                 Roi                     *rois,
                 int                      max_rois)
{
  int width = fr->width, height = fr->height;
  /* a camera frame: Lanyard badges and tickets are version ≤ 15 (77
   * modules); a still image may hold anything up to version 40 */
  double max_leg = fr->mode == MODE_LIVE ? 80 : 170;
  /* the legs' angle: square give or take a tilt (65–115°) on a camera
   * frame; a still image may show a code sheared much further (35–145°) */
  double max_cos = fr->mode == MODE_LIVE ? 0.45 : 0.82;
  gboolean used[MAX_CANDIDATES] = { FALSE };
  Triple triples[MAX_CANDIDATES * MAX_CANDIDATES * MAX_CANDIDATES / 6 + 1];
  int nt = 0, nr = 0;

  qsort (f, n, sizeof *f, compare_finders);
  n = MIN (n, MAX_CANDIDATES);

  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++)
      for (int k = j + 1; k < n; k++)
        {
          int idx[3] = { i, j, k };
          double mmin, mmax, best_cos = 1, best_ratio = 0;
          int corner = -1;

          if (f[i].light != f[j].light || f[i].light != f[k].light)
            continue;
          mmin = MIN (f[i].module, MIN (f[j].module, f[k].module));
          mmax = MAX (f[i].module, MAX (f[j].module, f[k].module));
          if (mmax > 2.0 * mmin)
            continue;
          for (int c = 0; c < 3; c++)
            {
              const LanyardFinder *B = &f[idx[c]], *A = &f[idx[(c + 1) % 3]], *C = &f[idx[(c + 2) % 3]];
              double ux = A->x - B->x, uy = A->y - B->y, vx = C->x - B->x, vy = C->y - B->y;
              double lu = hypot (ux, uy), lv = hypot (vx, vy);
              double m = (A->module + B->module + C->module) / 3;
              double cosang, ratio;
              if (lu < 10 * m || lv < 10 * m || lu > max_leg * m || lv > max_leg * m)
                continue;
              cosang = fabs ((ux * vx + uy * vy) / (lu * lv));
              ratio = MAX (lu, lv) / MIN (lu, lv);
              if (cosang < best_cos && ratio < 1.8)
                {
                  best_cos = cosang;
                  best_ratio = ratio;
                  corner = c;
                }
            }
          if (corner < 0 || best_cos > max_cos)
            continue;
          triples[nt].b = idx[corner];
          triples[nt].a = idx[(corner + 1) % 3];
          triples[nt].c = idx[(corner + 2) % 3];
          {
            /* both diagonals cross data modules */
            const LanyardFinder *A = &f[triples[nt].a], *B = &f[triples[nt].b], *C = &f[triples[nt].c];
            double m = (A->module + B->module + C->module) / 3;
            double dx = A->x + C->x - B->x, dy = A->y + C->y - B->y;
            double b1 = segment_busy (fr, t, A->x + (C->x - A->x) * 0.2, A->y + (C->y - A->y) * 0.2,
                                      A->x + (C->x - A->x) * 0.8, A->y + (C->y - A->y) * 0.8, m);
            double b2 = segment_busy (fr, t, B->x + (dx - B->x) * 0.25, B->y + (dy - B->y) * 0.25,
                                      B->x + (dx - B->x) * 0.75, B->y + (dy - B->y) * 0.75, m);
            if (b1 < 0.15 || b2 < 0.15)
              continue;
          }
          /* a real finder is crossed by every scan line through its 3-module
           * centre; patterns in the data are seen by fewer */
          triples[nt].score = 0;
          for (int c = 0; c < 3; c++)
            triples[nt].score += 3 * MIN (f[idx[c]].votes / (1.5 * f[idx[c]].module), 1.2)
                                 + 2 * MIN (f[idx[c]].diagonals, 2);
          triples[nt].score += - 8 * best_cos - 4 * log (best_ratio) - 3 * log (mmax / mmin);
          nt++;
        }
  qsort (triples, nt, sizeof *triples, compare_triples);

  for (int ti = 0; ti < nt && nr < max_rois; ti++)
    {
      const Triple *tr = &triples[ti];
      const LanyardFinder *A = &f[tr->a], *B = &f[tr->b], *C = &f[tr->c];
      double pts[4][2] = { { A->x, A->y }, { B->x, B->y }, { C->x, C->y },
                           { A->x + C->x - B->x, A->y + C->y - B->y } };
      double m = (A->module + B->module + C->module) / 3;

      if (used[tr->a] || used[tr->b] || used[tr->c])
        continue;
      used[tr->a] = used[tr->b] = used[tr->c] = TRUE;
      /* finder centres are 3.5 modules in from the edge; add the quiet
       * zone and slack for perspective */
      memset (&rois[nr], 0, sizeof rois[nr]);
      roi_from_points (&rois[nr], pts, 4, 9 * m, width, height);
      rois[nr].module = MIN (A->module, MIN (B->module, C->module));
      /* the threshold plane through the three finders' grey levels: the
       * code's own contrast, with the light falling off linearly */
      {
        double det = A->x * (B->y - C->y) - A->y * (B->x - C->x) + (B->x * C->y - C->x * B->y);
        if (fabs (det) > 1e-3)
          {
            rois[nr].plane[1] = (A->level * (B->y - C->y) - A->y * (B->level - C->level) +
                                 (B->level * C->y - C->level * B->y)) / det;
            rois[nr].plane[2] = (A->x * (B->level - C->level) - A->level * (B->x - C->x) +
                                 (B->x * C->level - C->x * B->level)) / det;
            rois[nr].plane[0] = A->level - rois[nr].plane[1] * A->x - rois[nr].plane[2] * A->y;
          }
        else
          rois[nr].plane[0] = (A->level + B->level + C->level) / 3;
      }
      /* A, B, C clockwise on screen (y down), as on an unmirrored code */
      {
        gboolean cw = (A->x - B->x) * (C->y - B->y) - (A->y - B->y) * (C->x - B->x) > 0;
        const LanyardFinder *first = cw ? A : C, *last = cw ? C : A;
        rois[nr].corner[0][0] = first->x;
        rois[nr].corner[0][1] = first->y;
        rois[nr].corner[1][0] = B->x;
        rois[nr].corner[1][1] = B->y;
        rois[nr].corner[2][0] = last->x;
        rois[nr].corner[2][1] = last->y;
      }
      rois[nr].light = A->light;
      rois[nr].finders = 3;
      nr++;
    }

  /* leftovers with at least two votes: the rest of their code is hidden */
  for (int i = 0; i < n && nr < max_rois; i++)
    {
      double pts[2][2] = { { f[i].x, f[i].y }, { f[i].x, f[i].y } };
      double grow = 30 * f[i].module;
      int partner = -1;

      if (used[i] || f[i].votes < 2)
        continue;
      used[i] = TRUE;
      for (int j = i + 1; j < n; j++)
        {
          double d = hypot (f[j].x - f[i].x, f[j].y - f[i].y);
          double ratio = f[j].module / f[i].module;
          if (!used[j] && f[j].light == f[i].light && ratio > 0.5 && ratio < 2 &&
              d > 10 * f[i].module && d < 170 * f[i].module)
            {
              partner = j;
              break;
            }
        }
      if (partner >= 0 && fr->mode == MODE_LIVE &&
          hypot (f[partner].x - f[i].x, f[partner].y - f[i].y) > max_leg * 1.5 * f[i].module)
        partner = -1;
      if (partner >= 0)
        {
          used[partner] = TRUE;
          pts[1][0] = f[partner].x;
          pts[1][1] = f[partner].y;
          grow = hypot (pts[1][0] - pts[0][0], pts[1][1] - pts[0][1]) + 9 * f[i].module;
        }
      memset (&rois[nr], 0, sizeof rois[nr]);
      roi_from_points (&rois[nr], pts, 2, grow, width, height);
      rois[nr].module = partner >= 0 ? MIN (f[i].module, f[partner].module) : f[i].module;
      rois[nr].plane[0] = partner >= 0 ? (f[i].level + f[partner].level) / 2 : f[i].level;
      rois[nr].plane[1] = rois[nr].plane[2] = 0;
      rois[nr].light = f[i].light;
      rois[nr].finders = partner >= 0 ? 2 : 1;
      if (rois[nr].w > 8 && rois[nr].h > 8)
        nr++;
    }
  return nr;
}

static gboolean
can_afford (const Frame *fr,
            gsize        pixels,
            gboolean     first)
{
  gint64 now, cost;

  /* the most likely reading of a frame is always tried, however slow the
   * machine is today; only the extra attempts are cut */
  if (fr->mode == MODE_FILE || first)
    return TRUE;
  now = g_get_monotonic_time () - fr->start;
  cost = (gint64) pixels * ZBAR_NS_PER_PX / 1000;
  return now < fr->budget_us && now + cost < fr->budget_us + (FRAME_LIMIT_US - FRAME_BUDGET_US);
}

/* The projective map that puts finder B's centre at (M, M), A's at
 * (M + L, M), C's at (M, M + L) and the fourth corner's (where a fourth
 * finder would sit) at (M + L, M + L). That corner is guessed: the
 * parallelogram's, moved by @su legs of B→A and @sv legs of B→C. A code
 * seen at a slant is no parallelogram; one of the guesses fits it. (The
 * unit square to a quadrilateral, as in zxing's PerspectiveTransform.) */
static void
perspective_map (const double *A,
                 const double *B,
                 const double *C,
                 double        su,
                 double        sv,
                 double        L,
                 double        M,
                 double        m[8])
{
  double x0 = B[0], y0 = B[1], x1 = A[0], y1 = A[1], x3 = C[0], y3 = C[1];
  double x2 = A[0] + C[0] - B[0] + su * (A[0] - B[0]) + sv * (C[0] - B[0]);
  double y2 = A[1] + C[1] - B[1] + su * (A[1] - B[1]) + sv * (C[1] - B[1]);
  double dx3 = x0 - x1 + x2 - x3, dy3 = y0 - y1 + y2 - y3;
  double dx1 = x1 - x2, dx2 = x3 - x2, dy1 = y1 - y2, dy2 = y3 - y2;
  double den = dx1 * dy2 - dx2 * dy1;
  double g = 0, h = 0, a, b, c, d, e, f;

  if (fabs (den) > 1e-9)
    {
      g = (dx3 * dy2 - dx2 * dy3) / den;
      h = (dx1 * dy3 - dx3 * dy1) / den;
    }
  /* (s, t) in the unit square → ((a s + b t + c) / w, (d s + e t + f) / w),
   * w = g s + h t + 1; then s = (u − M) / L, t = (v − M) / L */
  a = x1 - x0 + g * x1;
  b = x3 - x0 + h * x3;
  c = x0;
  d = y1 - y0 + g * y1;
  e = y3 - y0 + h * y3;
  f = y0;
  {
    double w0 = 1 - M * (g + h) / L;
    if (w0 < 0.05)
      {
        /* a guess so far off that the margin would fold over: no slant */
        g = h = 0;
        a = x1 - x0;
        b = x3 - x0;
        d = y1 - y0;
        e = y3 - y0;
        w0 = 1;
      }
    m[0] = (c - M * (a + b) / L) / w0;
    m[1] = a / L / w0;
    m[2] = b / L / w0;
    m[3] = (f - M * (d + e) / L) / w0;
    m[4] = d / L / w0;
    m[5] = e / L / w0;
    m[6] = g / L / w0;
    m[7] = h / L / w0;
  }
}

/* Paints the three finder patterns where a straightened code has them
 * (centres at (M, M), (M + L, M), (M, M + L)), each with its light
 * separator: codes drawn in dots often have stylised finders (a disc, or
 * rings broken into dots) that ZBar does not take for finders. @legs is
 * the measured distance between finders in modules; a code has 4v + 10. */
static void
paint_finders (LanyardGrayBuf *buf,
               double          L,
               double          M,
               double          legs)
{
  int v = (int) floor ((legs - 10) / 4 + 0.5);
  double mod, centres[3][2] = { { M, M }, { M + L, M }, { M, M + L } };

  v = CLAMP (v, 1, 40);
  mod = L / (4 * v + 10);
  for (int f = 0; f < 3; f++)
    for (int y = (int) (centres[f][1] - 4.5 * mod); y <= (int) (centres[f][1] + 4.5 * mod); y++)
      for (int x = (int) (centres[f][0] - 4.5 * mod); x <= (int) (centres[f][0] + 4.5 * mod); x++)
        {
          double r = MAX (fabs (x + 0.5 - centres[f][0]), fabs (y + 0.5 - centres[f][1])) / mod;
          if (x < 0 || y < 0 || x >= buf->width || y >= buf->height)
            continue;
          /* rings from the centre: 3 dark, 1 light, 1 dark, 1 light */
          buf->data[(gsize) y * buf->stride + x] = r < 1.5 || (r >= 2.5 && r < 3.5) ? 0 : 255;
        }
}

/* Crops the task's region, resamples it to ~TARGET_MODULE_PX per module
 * with the task's flags and scans it. */
static GBytes *
run_task (LanyardDecoder *self,
          Worker         *worker,
          const Frame    *fr,
          const Task     *task,
          gboolean        first)
{
  const Roi *roi;
  double scale;
  const guint8 *src = fr->px;
  int sw = fr->width, sh = fr->height, ss = fr->stride;
  int x, y, w, h;
  const LanyardThresholds *t = &self->thr;
  LanyardThresholds level;
  gsize est;

  if (task->roi < 0)
    {
      /* the whole frame at half size */
      if (!can_afford (fr, (gsize) self->half.stride * self->half.height, first))
        return NULL;
      if (task->flags == 0)
        return zbar_scan (worker->scanner, self->half.data, self->half.stride, self->half.height);
      lanyard_gray_resample (self->half.data, self->half.width, self->half.height,
                             self->half.stride, 0, 0, self->half.width, self->half.height,
                             1.0, task->flags, &self->half_thr, &worker->work);
      return zbar_scan (worker->scanner, worker->work.data, worker->work.stride,
                        worker->work.height);
    }

  roi = &self->job.rois[task->roi];
  if (task->flags & LANYARD_RESAMPLE_LEVEL)
    {
      level = (LanyardThresholds) { .plane_on = TRUE };
      memcpy (level.plane, roi->plane, sizeof level.plane);
      t = &level;
    }
  if ((task->flags & LANYARD_RESAMPLE_WARP) && roi->finders == 3)
    {
      /* straighten the code: the corner finder to the top left, the other
       * two along the axes, ~TARGET_MODULE_PX per module; undoes rotation
       * and shear, and most of a tilt */
      const double *A = roi->corner[0], *B = roi->corner[1], *C = roi->corner[2];

      if (task->flags & LANYARD_RESAMPLE_PERSPECTIVE)
        {
          /* at a steep slant two finders may both look like the corner:
           * take the one the task says, the others in the order of a
           * code seen from the front (A to the right of B, C below; y
           * grows downwards) */
          const double *tmp;
          B = roi->corner[(1 + task->turn) % 3];
          A = roi->corner[(2 + task->turn) % 3];
          C = roi->corner[task->turn % 3];
          if ((A[0] - B[0]) * (C[1] - B[1]) - (A[1] - B[1]) * (C[0] - B[0]) < 0)
            {
              tmp = A;
              A = C;
              C = tmp;
            }
        }
      double la = hypot (A[0] - B[0], A[1] - B[1]), lc = hypot (C[0] - B[0], C[1] - B[1]);
      double L = TARGET_MODULE_PX * (la + lc) / 2 / roi->module;
      double M = TARGET_MODULE_PX * 8;
      double m[8] = { 0 };
      int out;

      if (task->flags & LANYARD_RESAMPLE_SWAP)
        {
          const double *tmp = A;
          A = C;
          C = tmp;
        }
      L = CLAMP (L, 40, 900);
      out = (int) (L + 2 * M);
      if (task->flags & LANYARD_RESAMPLE_PERSPECTIVE)
        perspective_map (A, B, C, task->du * PERSPECTIVE_STEP, task->dv * PERSPECTIVE_STEP,
                         L, M, m);
      else
        {
          m[1] = (A[0] - B[0]) / L;
          m[2] = (C[0] - B[0]) / L;
          m[4] = (A[1] - B[1]) / L;
          m[5] = (C[1] - B[1]) / L;
          m[0] = B[0] - M * (m[1] + m[2]);
          m[3] = B[1] - M * (m[4] + m[5]);
        }
      if (!can_afford (fr, (gsize) out * out, first))
        return NULL;
      lanyard_gray_warp (fr->px, fr->width, fr->height, fr->stride, m, out, out,
                         task->flags & (LANYARD_RESAMPLE_INVERT | LANYARD_RESAMPLE_BINARIZE |
                                        LANYARD_RESAMPLE_LEVEL),
                         t, &worker->work);
      if (task->flags & LANYARD_RESAMPLE_DILATE)
        {
          lanyard_gray_dilate_dark (&worker->work);
          paint_finders (&worker->work, L, M, (la + lc) / 2 / roi->module);
        }
      return zbar_scan (worker->scanner, worker->work.data, worker->work.stride,
                        worker->work.height);
    }
  scale = CLAMP (TARGET_MODULE_PX / roi->module, 0.15, 3.0);
  x = roi->x; y = roi->y; w = roi->w; h = roi->h;
  /* shrink through the half image: bilinear alone would alias */
  if (scale < 0.6)
    {
      src = self->half.data;
      sw = self->half.width;
      sh = self->half.height;
      ss = self->half.stride;
      x /= 2; y /= 2; w /= 2; h /= 2;
      scale *= 2;
      if (t == &level)
        {
          level.plane[1] *= 2;
          level.plane[2] *= 2;
        }
      else
        t = &self->half_thr;
    }
  est = (gsize) (w * scale + 16) * (gsize) (h * scale + 16);
  /* a region this large on a camera frame is clutter, not a code */
  if (fr->mode == MODE_LIVE && est > 300000)
    return NULL;
  if (!can_afford (fr, est, first))
    return NULL;
  lanyard_gray_resample (src, sw, sh, ss, x, y, w, h, scale, task->flags, t, &worker->work);
  if (task->flags & LANYARD_RESAMPLE_DILATE)
    lanyard_gray_dilate_dark (&worker->work);
  return zbar_scan (worker->scanner, worker->work.data, worker->work.stride, worker->work.height);
}

/* Takes tasks from the shared list until one reads a code, the list ends
 * or the frame's time is up. Both threads run this. */
static void
run_tasks (LanyardDecoder *self,
           Worker         *worker,
           int             max_tasks)
{
  Job *job = &self->job;

  for (int done = 0; done < max_tasks && !g_atomic_int_get (&job->found); done++)
    {
      int i = g_atomic_int_add (&job->next, 1);
      GBytes *result;

      if (i >= job->n_tasks)
        break;
      result = run_task (self, worker, job->fr, &job->tasks[i], i == 0);
      if (result != NULL)
        {
          g_debug ("read by task %d: region %d (%d finders), variant 0x%x", i, job->tasks[i].roi,
                   job->tasks[i].roi >= 0 ? job->rois[job->tasks[i].roi].finders : 0, job->tasks[i].flags);
          g_mutex_lock (&self->lock);
          if (job->result == NULL)
            {
              job->result = result;
              job->read_roi = job->tasks[i].roi;
            }
          else
            g_bytes_unref (result);
          g_mutex_unlock (&self->lock);
          g_atomic_int_set (&job->found, 1);
        }
    }
}

static gpointer
helper_main (gpointer data)
{
  LanyardDecoder *self = data;
  guint seen = 0;

  g_mutex_lock (&self->lock);
  for (;;)
    {
      while (!self->quit && self->serial == seen)
        g_cond_wait (&self->cond, &self->lock);
      if (self->quit)
        break;
      seen = self->serial;
      g_mutex_unlock (&self->lock);
      run_tasks (self, &self->helper, G_MAXINT);
      g_mutex_lock (&self->lock);
      self->helper_busy = FALSE;
      g_cond_broadcast (&self->cond);
    }
  g_mutex_unlock (&self->lock);
  return NULL;
}

static void
add_task (Job                  *job,
          int                   roi,
          LanyardResampleFlags  flags)
{
  if (job->n_tasks < MAX_TASKS)
    job->tasks[job->n_tasks++] = (Task) { roi, flags };
}

static void
plan_tasks (LanyardDecoder *self,
            const Frame    *fr)
{
  Job *job = &self->job;
  /* for a region with three finders: the finders' own grey levels (low
   * contrast), straightened (tilt) either way round (mirrored), plain grey
   * (blur, which binarising makes worse), smoothed (noise), mirrored */
  static const LanyardResampleFlags hard3[] = {
    LANYARD_RESAMPLE_LEVEL,
    LANYARD_RESAMPLE_WARP | LANYARD_RESAMPLE_BINARIZE,
    LANYARD_RESAMPLE_WARP | LANYARD_RESAMPLE_SWAP | LANYARD_RESAMPLE_BINARIZE,
    0,
    LANYARD_RESAMPLE_BINARIZE | LANYARD_RESAMPLE_SMOOTH,
    LANYARD_RESAMPLE_MIRROR | LANYARD_RESAMPLE_BINARIZE,
    LANYARD_RESAMPLE_WARP,
    LANYARD_RESAMPLE_INVERT | LANYARD_RESAMPLE_BINARIZE,   /* polarity guessed wrong */
  };
  static const LanyardResampleFlags hard2[] = {
    0,
    LANYARD_RESAMPLE_LEVEL,
    LANYARD_RESAMPLE_MIRROR | LANYARD_RESAMPLE_BINARIZE,
    LANYARD_RESAMPLE_BINARIZE | LANYARD_RESAMPLE_SMOOTH,
    LANYARD_RESAMPLE_MIRROR,
  };
  Task pool[MAX_ROIS * 8];
  int np = 0;

  job->n_tasks = 0;
  /* first, every region as its finders describe it (their centre colour
   * gives the polarity), binarised with local thresholds: that undoes
   * glare, dim light and low contrast at little cost, and ZBar scans a
   * clean image faster */
  for (int i = 0; i < job->n_rois; i++)
    add_task (job, i, LANYARD_RESAMPLE_BINARIZE | (job->rois[i].light ? LANYARD_RESAMPLE_INVERT : 0));

  /* then the hard variants of the best regions (of all, for a still image) */
  for (int i = 0; i < MIN (job->n_rois, fr->mode == MODE_FILE ? MAX_ROIS : 2); i++)
    {
      const Roi *roi = &job->rois[i];
      const LanyardResampleFlags *hard = roi->finders == 3 ? hard3 : hard2;
      guint n_hard = roi->finders == 3 ? G_N_ELEMENTS (hard3) : G_N_ELEMENTS (hard2);

      if (roi->finders < 2 && fr->mode == MODE_LIVE)
        continue;
      g_assert (np + n_hard <= G_N_ELEMENTS (pool));
      for (guint v = 0; v < n_hard; v++)
        pool[np++] = (Task) { i, hard[v] ^ (roi->light ? LANYARD_RESAMPLE_INVERT : 0) };
    }
  if (fr->mode == MODE_FILE)
    {
      /* and the whole frame at half size, for codes whose finders were lost */
      for (int i = 0; i < np; i++)
        add_task (job, pool[i].roi, pool[i].flags);
      add_task (job, -1, 0);
      add_task (job, -1, LANYARD_RESAMPLE_INVERT);
      /* codes drawn in dots (no badge, but other people's tickets): the
       * dots joined into squares */
      for (int i = 0; i < job->n_rois; i++)
        if (job->rois[i].finders == 3)
          add_task (job, i, LANYARD_RESAMPLE_WARP | LANYARD_RESAMPLE_BINARIZE | LANYARD_RESAMPLE_DILATE |
                            (job->rois[i].light ? LANYARD_RESAMPLE_INVERT : 0));
      /* last, codes seen at a slant: the fourth corner guessed, nearest
       * the parallelogram's first (not when looking for a second code) */
      for (int i = 0, n = 0; i < job->n_rois && n < PERSPECTIVE_ROIS && !fr->again; i++)
        {
          const Roi *roi = &job->rois[i];
          if (roi->finders != 3)
            continue;
          n++;
          for (int turn = 0; turn < 3; turn++)
            for (int r = turn == 0 ? 1 : 0; r <= 2 * PERSPECTIVE_STEPS; r++)
              for (int du = -PERSPECTIVE_STEPS; du <= PERSPECTIVE_STEPS; du++)
                for (int dv = -PERSPECTIVE_STEPS; dv <= PERSPECTIVE_STEPS; dv++)
                  if (ABS (du) + ABS (dv) == r && job->n_tasks < MAX_TASKS)
                    job->tasks[job->n_tasks++] = (Task) {
                      i, LANYARD_RESAMPLE_WARP | LANYARD_RESAMPLE_PERSPECTIVE | LANYARD_RESAMPLE_BINARIZE |
                         (roi->light ? LANYARD_RESAMPLE_INVERT : 0), du, dv, turn };
        }
    }
  else
    {
      int start;

      if (np == 0)
        return;
      /* a camera shows the same code again in 33 ms: spread the hard work
       * over frames, a different slice each time */
      start = (int) ((self->frame_no * HARD_PER_FRAME) % np);
      for (int i = 0; i < MIN (np, HARD_PER_FRAME); i++)
        add_task (job, pool[(start + i) % np].roi, pool[(start + i) % np].flags);
    }
}

/* Grey level at (x, y), bilinear; outside the frame is white. */
static double
sample_bilinear (const Frame *fr,
                 double       x,
                 double       y)
{
  int x0, y0;
  double fx, fy, v[4];

  x -= 0.5;
  y -= 0.5;
  x0 = (int) floor (x);
  y0 = (int) floor (y);
  fx = x - x0;
  fy = y - y0;
  for (int k = 0; k < 4; k++)
    {
      int xx = x0 + k % 2, yy = y0 + k / 2;
      xx = CLAMP (xx, 0, fr->width - 1);
      yy = CLAMP (yy, 0, fr->height - 1);
      v[k] = x0 + k % 2 < -1 || y0 + k / 2 < -1 || x0 + k % 2 > fr->width || y0 + k / 2 > fr->height
             ? 255 : fr->px[(gsize) yy * fr->stride + xx];
    }
  return (v[0] * (1 - fx) + v[1] * fx) * (1 - fy) + (v[2] * (1 - fx) + v[3] * fx) * fy;
}

/* Draws sampled modules as a clean code for ZBar: RENDER_MODULE_PX a
 * module, a quiet zone of four modules. */
static void
render_modules (const guint8   *modules,
                int             size,
                LanyardGrayBuf *buf)
{
  int side = (size + 8) * RENDER_MODULE_PX;

  lanyard_gray_buf_ensure (buf, side, side);
  memset (buf->data, 255, (gsize) buf->stride * side);
  for (int i = 0; i < size; i++)
    for (int dy = 0; dy < RENDER_MODULE_PX; dy++)
      {
        guint8 *row = buf->data + (gsize) ((i + 4) * RENDER_MODULE_PX + dy) * buf->stride + 4 * RENDER_MODULE_PX;
        for (int j = 0; j < size; j++)
          if (modules[i * size + j])
            memset (row + j * RENDER_MODULE_PX, 0, RENDER_MODULE_PX);
      }
}

/* Still images: a code read from its modules. The grid comes from the
 * three finders (their centres sit 3.5 modules in from the code's edges);
 * each size of code that fits the distance between them is sampled at the
 * module centres, against the finders' own grey levels and then the local
 * thresholds, and kept only if its timing pattern alternates as it should.
 * A QR Model 1 code (which ZBar cannot decode at all) is read here; any
 * other is drawn again, clean, and handed to ZBar: that reads codes whose
 * modules are blotched or uneven, as long as their centres are right. */
static GBytes *
read_modules (LanyardDecoder *self,
              const Frame    *fr)
{
  Job *job = &self->job;
  g_autofree guint8 *modules = g_malloc (73 * 73);

  for (int r = 0; r < job->n_rois; r++)
    {
      const Roi *roi = &job->rois[r];
      const double *A = roi->corner[0], *B = roi->corner[1], *C = roi->corner[2];
      double legs;

      if (roi->finders != 3)
        continue;
      legs = (hypot (A[0] - B[0], A[1] - B[1]) + hypot (C[0] - B[0], C[1] - B[1])) / 2 / roi->module;
      for (int size = 21; size <= 73; size += 4)
        for (int pass = 0; pass < 2; pass++)
          {
            int agree = 0;
            GBytes *result;

            if (size - 7 < 0.75 * legs || size - 7 > 1.3 * legs)
              continue;
            for (int i = 0; i < size; i++)
              for (int j = 0; j < size; j++)
                {
                  double u = (j + 0.5 - 3.5) / (size - 7), v = (i + 0.5 - 3.5) / (size - 7);
                  double x = B[0] + u * (A[0] - B[0]) + v * (C[0] - B[0]);
                  double y = B[1] + u * (A[1] - B[1]) + v * (C[1] - B[1]);
                  double thr;
                  if (pass == 0)
                    thr = roi->plane[0] + roi->plane[1] * x + roi->plane[2] * y;
                  else
                    {
                      int bx = CLAMP ((int) x / self->thr.block, 0, self->thr.bw - 1);
                      int by = CLAMP ((int) y / self->thr.block, 0, self->thr.bh - 1);
                      thr = self->thr.thr[by * self->thr.bw + bx];
                    }
                  modules[i * size + j] = (sample_bilinear (fr, x, y) < thr) ^ roi->light;
                }
            /* the timing patterns between the finders: dark, light, … */
            for (int k = 8; k < size - 8; k++)
              agree += (modules[6 * size + k] == (k % 2 == 0)) + (modules[k * size + 6] == (k % 2 == 0));
            if (agree < 0.8 * 2 * (size - 16))
              continue;
            result = lanyard_qr_model1_read (modules, size);
            if (result != NULL)
              {
                g_debug ("read as QR Model 1 from region %d, %d modules a side", r, size);
                job->read_roi = r;
                return result;
              }
            render_modules (modules, size, &self->main.work);
            result = zbar_scan (self->main.scanner, self->main.work.data, self->main.work.stride,
                                self->main.work.height);
            if (result != NULL)
              {
                g_debug ("read from its modules drawn again, region %d, %d modules a side", r, size);
                job->read_roi = r;
                return result;
              }
          }
    }
  return NULL;
}

/* A still image has no next frame: scan the whole picture at several sizes,
 * each polarity, mirrored and binarised. */
static GBytes *
decode_whole_image (LanyardDecoder *self,
                    const Frame    *fr)
{
  static const LanyardResampleFlags all[] = {
    0, LANYARD_RESAMPLE_INVERT, LANYARD_RESAMPLE_MIRROR,
    LANYARD_RESAMPLE_MIRROR | LANYARD_RESAMPLE_INVERT,
    LANYARD_RESAMPLE_BINARIZE, LANYARD_RESAMPLE_BINARIZE | LANYARD_RESAMPLE_INVERT,
    LANYARD_RESAMPLE_BINARIZE | LANYARD_RESAMPLE_MIRROR,
    LANYARD_RESAMPLE_BINARIZE | LANYARD_RESAMPLE_MIRROR | LANYARD_RESAMPLE_INVERT,
  };
  static const double scales[] = { 1.0, 2.0, 0.5, 0.33, 0.25 };

  for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
    {
      double sc = scales[s];
      if ((double) fr->width * fr->height * sc * sc > 8e6 || (sc < 1 && MIN (fr->width, fr->height) * sc < 80))
        continue;
      for (guint v = 0; v < G_N_ELEMENTS (all); v++)
        {
          GBytes *result;
          lanyard_gray_resample (fr->px, fr->width, fr->height, fr->stride,
                                 0, 0, fr->width, fr->height, sc, all[v], &self->thr,
                                 &self->main.work);
          result = zbar_scan (self->main.scanner, self->main.work.data,
                              self->main.work.stride, self->main.work.height);
          if (result != NULL)
            return result;
        }
    }
  return NULL;
}

/* Decodes one frame; when @hit is given, it gets the region that read the
 * code (hit->finders is 0 when no region did, or none is known). */
static GBytes *
decode_frame (LanyardDecoder *self,
              const Frame    *fr,
              Roi            *hit)
{
  LanyardFinder *finders = self->finders;
  Job *job = &self->job;
  int nf;

  lanyard_gray_half (fr->px, fr->width, fr->height, fr->stride, &self->half);
  /* thresholds from the half-size frame serve both sizes: 8-px blocks
   * there are 16-px blocks here */
  lanyard_thresholds_compute (&self->half_thr, self->half.data, self->half.width,
                              self->half.height, self->half.stride, 8);
  self->thr = self->half_thr;
  self->thr.block = 16;
  self->thr.alloc = 0;    /* borrowed arrays */

  nf = lanyard_find_finders (fr->px, fr->width, fr->height, fr->stride, &self->thr,
                             2, finders, MAX_FINDERS);
  job->fr = fr;
  job->n_rois = finders_to_rois (fr, &self->thr, finders, nf, job->rois, MAX_ROIS);
  job->next = 0;
  job->found = 0;
  job->result = NULL;
  job->read_roi = -1;
  plan_tasks (self, fr);

  g_debug ("frame %u: %d finders, %d regions, %d tasks after %.1f ms", self->frame_no, nf,
           job->n_rois, job->n_tasks, (g_get_monotonic_time () - fr->start) / 1000.0);
  for (int i = 0; i < job->n_rois; i++)
    g_debug ("  region %d,%d %dx%d module %.1f finders %d%s (%.0f,%.0f %.0f,%.0f %.0f,%.0f)",
             job->rois[i].x, job->rois[i].y, job->rois[i].w, job->rois[i].h, job->rois[i].module,
             job->rois[i].finders, job->rois[i].light ? " light" : "",
             job->rois[i].corner[0][0], job->rois[i].corner[0][1], job->rois[i].corner[1][0],
             job->rois[i].corner[1][1], job->rois[i].corner[2][0], job->rois[i].corner[2][1]);

  /* the first task reads most codes; only a frame that resists gets the
   * second core */
  run_tasks (self, &self->main, 1);
  if (!g_atomic_int_get (&job->found) && job->next < job->n_tasks)
    {
      if (self->thread == NULL)
        {
          self->helper.scanner = new_qr_scanner ();
          self->thread = g_thread_new ("lanyard-decoder", helper_main, self);
        }
      g_mutex_lock (&self->lock);
      self->helper_busy = TRUE;
      self->serial++;
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->lock);

      run_tasks (self, &self->main, G_MAXINT);

      /* the helper reads the caller's pixels: wait for it */
      g_mutex_lock (&self->lock);
      while (self->helper_busy)
        g_cond_wait (&self->cond, &self->lock);
      g_mutex_unlock (&self->lock);
    }
  if (job->result == NULL && fr->mode == MODE_FILE)
    job->result = read_modules (self, fr);
  if (job->result == NULL && fr->mode == MODE_FILE && !fr->again)
    job->result = decode_whole_image (self, fr);
  g_debug ("frame %u: %s after %.1f ms (%d tasks run)", self->frame_no,
           job->result ? "read" : "nothing", (g_get_monotonic_time () - fr->start) / 1000.0,
           MIN (job->next, job->n_tasks));
  job->fr = NULL;
  if (hit != NULL)
    {
      memset (hit, 0, sizeof *hit);
      if (job->result != NULL && job->read_roi >= 0)
        *hit = job->rois[job->read_roi];
    }
  return g_steal_pointer (&job->result);
}

GBytes *
lanyard_decoder_decode_gray (LanyardDecoder *self,
                             const guint8   *pixels,
                             int             width,
                             int             height,
                             int             stride)
{
  Frame fr;
  GBytes *result;

  g_return_val_if_fail (self != NULL, NULL);
  if (pixels == NULL || width < 8 || height < 8 || stride < width)
    return NULL;
  fr = (Frame) { pixels, width, height, stride, g_get_monotonic_time (), MODE_LIVE, self->budget_us };
  result = decode_frame (self, &fr, NULL);
  self->frame_no++;
  return result;
}

guint8 *
lanyard_decoder_load_gray (const char  *path,
                           int         *width,
                           int         *height,
                           GError     **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) local_error = NULL;
  guint8 *gray;
  const guint8 *src;
  int w, h, rs, nc;

  g_return_val_if_fail (path != NULL, NULL);

  *width = *height = 0;
  pixbuf = gdk_pixbuf_new_from_file (path, &local_error);
  if (pixbuf == NULL)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE,
                   _("The picture “%s” could not be read (%s)."), path, local_error->message);
      return NULL;
    }
  w = gdk_pixbuf_get_width (pixbuf);
  h = gdk_pixbuf_get_height (pixbuf);
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
  *width = w;
  *height = h;
  return gray;
}

/* Covers the three finders of the region @hit (a disc of the background's
 * colour over each, finder and separator), so that the next decode of the
 * picture finds the other codes it holds. A region without its three
 * finders is left alone. */
static void
cover_finders (LanyardGrayBuf *img,
               const Roi      *hit)
{
  double r = 5.5 * hit->module;

  if (hit->finders != 3)
    return;
  for (int f = 0; f < 3; f++)
    {
      double cx = hit->corner[f][0], cy = hit->corner[f][1];
      for (int y = MAX (0, (int) (cy - r)); y <= MIN (img->height - 1, (int) (cy + r)); y++)
        for (int x = MAX (0, (int) (cx - r)); x <= MIN (img->width - 1, (int) (cx + r)); x++)
          if (hypot (x + 0.5 - cx, y + 0.5 - cy) <= r)
            img->data[(gsize) y * img->stride + x] = hit->light ? 0 : 255;
    }
}

static int
bytes_index (GPtrArray *codes,
             GBytes    *b)
{
  for (guint i = 0; i < codes->len; i++)
    if (g_bytes_equal (codes->pdata[i], b))
      return (int) i;
  return -1;
}

/* The still-image path: up to @max_codes codes of one picture. Each pass
 * decodes the picture with the finders of the codes read so far covered.
 * A region's crop may hold a second code, and ZBar may read that one; so
 * when a pass reads a code again from another region, that region is
 * taken as the code's own and the first one's finders are shown again. */
static GPtrArray *
decode_file_codes (LanyardDecoder  *self,
                   const char      *path,
                   guint            max_codes,
                   GError         **error)
{
  g_autofree guint8 *gray = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GArray) owners = g_array_new (FALSE, TRUE, sizeof (Roi));
  LanyardGrayBuf orig = { NULL }, img = { NULL };
  int w, h;

  gray = lanyard_decoder_load_gray (path, &w, &h, error);
  if (gray == NULL)
    return NULL;
  if (w < 8 || h < 8)
    return g_steal_pointer (&codes);
  /* a picture this small has modules of a pixel or two: the finder scan
   * needs more, so it is blown up first (with a white border: some such
   * pictures are the code alone, without its quiet zone); as it is only if
   * that reads nothing */
  for (int size = MAX (w, h) < SMALL_IMAGE_PX ? 0 : 1; size < 2 && codes->len == 0; size++)
    {
      if (size == 0)
        {
          double k = ceil ((double) SMALL_IMAGE_PX / MAX (w, h));
          lanyard_gray_resample (gray, w, h, w, 0, 0, w, h, k, 0, NULL, &orig);
        }
      else
        {
          lanyard_gray_buf_ensure (&orig, w, h);
          for (int y = 0; y < h; y++)
            memcpy (orig.data + (gsize) y * orig.stride, gray + (gsize) y * w, w);
        }
      lanyard_gray_buf_ensure (&img, orig.width, orig.height);
      for (guint pass = 0; pass < 2 * max_codes && codes->len < max_codes; pass++)
        {
          Frame fr = { img.data, img.width, img.height, img.stride, g_get_monotonic_time (),
                       MODE_FILE, self->budget_us, pass > 0 };
          Roi hit;
          GBytes *result;
          int seen;

          memcpy (img.data, orig.data, (gsize) orig.stride * orig.height);
          for (guint k = 0; k < owners->len; k++)
            cover_finders (&img, &g_array_index (owners, Roi, k));
          result = decode_frame (self, &fr, &hit);
          if (result == NULL)
            break;
          seen = bytes_index (codes, result);
          if (seen < 0)
            {
              g_ptr_array_add (codes, result);
              g_array_append_val (owners, hit);
            }
          else
            {
              Roi *owner = &g_array_index (owners, Roi, seen);
              g_bytes_unref (result);
              /* read again from the same region (or from none): its
               * finders were covered to no avail, no further code is found */
              if (hit.finders != 3 || owner->finders != 3 ||
                  hypot (hit.corner[1][0] - owner->corner[1][0], hit.corner[1][1] - owner->corner[1][1]) < 2 * hit.module)
                break;
              *owner = hit;
            }
          if (hit.finders != 3)
            break;
        }
    }
  lanyard_gray_buf_clear (&orig);
  lanyard_gray_buf_clear (&img);
  return g_steal_pointer (&codes);
}

GBytes *
lanyard_decoder_decode_file (LanyardDecoder  *self,
                             const char      *path,
                             GError         **error)
{
  g_autoptr(GPtrArray) codes = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  codes = decode_file_codes (self, path, 1, error);
  if (codes == NULL || codes->len == 0)
    return NULL;
  return g_bytes_ref (codes->pdata[0]);
}

GPtrArray *
lanyard_decoder_decode_file_all (LanyardDecoder  *self,
                                 const char      *path,
                                 GError         **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return decode_file_codes (self, path, MAX_CODES, error);
}
