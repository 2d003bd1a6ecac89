/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo.h>
#include <math.h>
#include <qrencode.h>
#include <string.h>

#include "lanyard-synth.h"

#define FOCAL 1100.0   /* px; a 720p webcam with ~60° horizontal field */

static const char base45_alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

static char *
base45_encode (const guint8 *data,
               gsize         len)
{
  GString *s = g_string_new (NULL);

  for (gsize i = 0; i + 1 < len; i += 2)
    {
      guint v = data[i] * 256 + data[i + 1];
      g_string_append_c (s, base45_alphabet[v % 45]);
      g_string_append_c (s, base45_alphabet[(v / 45) % 45]);
      g_string_append_c (s, base45_alphabet[v / 2025]);
    }
  if (len % 2)
    {
      guint v = data[len - 1];
      g_string_append_c (s, base45_alphabet[v % 45]);
      g_string_append_c (s, base45_alphabet[v / 45]);
    }
  return g_string_free (s, FALSE);
}

/* A Lanyard badge code: "LY1:" + base45 of a signed record (~120 chars). */
char *
lanyard_synth_badge_payload (GRand *rand)
{
  guint8 raw[80];
  g_autofree char *b45 = NULL;

  for (gsize i = 0; i < sizeof raw; i++)
    raw[i] = g_rand_int_range (rand, 0, 256);
  b45 = base45_encode (raw, sizeof raw);
  return g_strconcat ("LY1:", b45, NULL);
}

/* A ticket code as registration systems print them. */
char *
lanyard_synth_ticket_payload (GRand *rand)
{
  static const char *events[] = { "CME26", "CARDIO26", "ONCO-EU", "PEDS2026" };
  static const char b62[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  char tok[23];

  for (gsize i = 0; i < sizeof tok - 1; i++)
    tok[i] = b62[g_rand_int_range (rand, 0, 62)];
  tok[sizeof tok - 1] = '\0';
  if (g_rand_boolean (rand))
    return g_strdup_printf ("https://reg.example.org/t/%s", tok);
  return g_strdup_printf ("TKT:%s:%06d:%.12s",
                          events[g_rand_int_range (rand, 0, G_N_ELEMENTS (events))],
                          g_rand_int_range (rand, 0, 1000000), tok);
}

void
lanyard_synth_params_init (LanyardSynthParams *p)
{
  memset (p, 0, sizeof *p);
  p->width = 1280;
  p->height = 720;
  p->size = 240;
  p->cx = 640;
  p->cy = 360;
  p->noise = 3;
  p->scene_seed = 1;
}

void
lanyard_synth_params_random (LanyardSynthParams  *p,
                             GRand               *rand,
                             gboolean             with_code,
                             char               **payload_out)
{
  double margin;

  lanyard_synth_params_init (p);
  p->scene_seed = g_rand_int (rand);
  p->noise = g_rand_double_range (rand, 2, 9);
  *payload_out = NULL;
  if (!with_code)
    return;

  *payload_out = g_rand_double (rand) < 0.6 ? lanyard_synth_badge_payload (rand)
                                            : lanyard_synth_ticket_payload (rand);
  p->payload = *payload_out;
  p->size = g_rand_double_range (rand, 100, 420);
  if (g_rand_boolean (rand))
    p->rotation = g_rand_double_range (rand, -15, 15);
  else
    p->rotation = g_rand_double_range (rand, 0, 360);
  p->tilt = g_rand_double_range (rand, 0, 40);
  p->tilt_axis = g_rand_double_range (rand, 0, 360);
  if (g_rand_double (rand) < 0.5)
    p->flags |= LANYARD_SYNTH_PHONE;
  if (g_rand_double (rand) < 0.3)
    {
      p->flags |= LANYARD_SYNTH_BLUR;
      p->blur = g_rand_double_range (rand, 0.7, 1.8);
    }
  if (g_rand_double (rand) < 0.25)
    p->flags |= LANYARD_SYNTH_GLARE;
  if (g_rand_double (rand) < 0.25)
    p->flags |= LANYARD_SYNTH_LOW;
  if (g_rand_double (rand) < 0.2)
    p->flags |= LANYARD_SYNTH_INVERTED;
  if (g_rand_double (rand) < 0.15)
    p->flags |= LANYARD_SYNTH_MIRRORED;

  /* keep the card (code + quiet zone, ~1.4× the code) inside the frame */
  margin = MIN (p->size * 0.75, p->height / 2.0 - 1);
  p->cx = g_rand_double_range (rand, margin, p->width - margin);
  p->cy = g_rand_double_range (rand, margin, p->height - margin);

  /* a phone screen's own effects, drawn from a stream of their own so the
   * frames above stay what they were for a given seed */
  if (p->flags & LANYARD_SYNTH_PHONE)
    {
      g_autoptr(GRand) e = g_rand_new_with_seed (p->scene_seed ^ 0x5c2ee4u);
      if (g_rand_double (e) < 0.3)
        p->flags |= LANYARD_SYNTH_MOIRE;
      if (g_rand_double (e) < 0.3)
        p->flags |= LANYARD_SYNTH_REFLECT;
      if (g_rand_double (e) < 0.4)
        p->flags |= LANYARD_SYNTH_CORNERS;
      if (g_rand_double (e) < 0.3)
        {
          /* the frame is 2·d·tan 30° wide (FOCAL): at 30 cm a 5 cm code is
           * 185 px, at 60 cm a 3.5 cm one 65 px */
          double side_cm = g_rand_double_range (e, 3.5, 5.0);
          p->flags |= LANYARD_SYNTH_FAR;
          p->distance_cm = g_rand_double_range (e, 30, 60);
          p->size = side_cm * p->width / (2 * p->distance_cm * tan (G_PI / 6));
        }
    }
}

/* Background: a room, a shirt, a poster — edges and text that are not a code. */
static void
draw_scene (cairo_t *cr,
            int      width,
            int      height,
            guint32  seed)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (seed);
  cairo_pattern_t *pat;
  double g0 = g_rand_double_range (r, 0.15, 0.85);
  double g1 = g_rand_double_range (r, 0.15, 0.85);
  int n;

  pat = cairo_pattern_create_linear (g_rand_double_range (r, 0, width), 0,
                                     g_rand_double_range (r, 0, width), height);
  cairo_pattern_add_color_stop_rgb (pat, 0, g0, g0, g0);
  cairo_pattern_add_color_stop_rgb (pat, 1, g1, g1, g1);
  cairo_set_source (cr, pat);
  cairo_paint (cr);
  cairo_pattern_destroy (pat);

  n = g_rand_int_range (r, 15, 35);
  for (int i = 0; i < n; i++)
    {
      double g = g_rand_double (r);
      cairo_set_source_rgb (cr, g, g, g);
      switch (g_rand_int_range (r, 0, 4))
        {
        case 0:
          cairo_rectangle (cr, g_rand_double_range (r, -100, width), g_rand_double_range (r, -100, height),
                           g_rand_double_range (r, 20, 400), g_rand_double_range (r, 20, 300));
          cairo_fill (cr);
          break;
        case 1:
          cairo_set_line_width (cr, g_rand_double_range (r, 1, 12));
          cairo_move_to (cr, g_rand_double_range (r, 0, width), g_rand_double_range (r, 0, height));
          cairo_line_to (cr, g_rand_double_range (r, 0, width), g_rand_double_range (r, 0, height));
          cairo_stroke (cr);
          break;
        case 2:
          cairo_arc (cr, g_rand_double_range (r, 0, width), g_rand_double_range (r, 0, height),
                     g_rand_double_range (r, 5, 120), 0, 2 * G_PI);
          cairo_fill (cr);
          break;
        default:
          {
            static const char *words[] = { "Registration", "Welcome", "CME Credits 2026",
                                           "Hall B", "Cardiology Update", "Exit", "Coffee",
                                           "Session 4: Imaging", "Sponsor", "WiFi: venue-guest" };
            cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL,
                                    g_rand_boolean (r) ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
            cairo_set_font_size (cr, g_rand_double_range (r, 10, 60));
            cairo_move_to (cr, g_rand_double_range (r, -50, width), g_rand_double_range (r, 0, height));
            cairo_show_text (cr, words[g_rand_int_range (r, 0, G_N_ELEMENTS (words))]);
          }
          break;
        }
    }
}

typedef struct {
  const QRcode *qr;
  int      n;              /* modules */
  double   quiet;          /* modules of light card around the code */
  double   extra_below;    /* phone: screen continues below the code */
  double   bezel;          /* phone: dark frame width, 0 for a badge */
  gboolean mirrored;
  double   corner;         /* phone: radius of the screen's rounded corners, modules */
  double   light, dark, bezel_grey;
  double   bars[3][2];     /* text lines under the code: length, offset */
} Card;

/* Grey value at card coordinates (u, v) in modules, origin at the code's
 * top-left corner; < 0 means "not on the card" (scene shows through). */
static double
card_sample (const Card *c,
             double      u,
             double      v)
{
  double x0 = -c->quiet, x1 = c->n + c->quiet;
  double y0 = -c->quiet, y1 = c->n + c->quiet + c->extra_below;

  if (u < x0 - c->bezel || u >= x1 + c->bezel || v < y0 - c->bezel || v >= y1 + c->bezel)
    return -1;
  if (u < x0 || u >= x1 || v < y0 || v >= y1)
    return c->bezel_grey;
  if (c->corner > 0)
    {
      /* outside the screen's rounded corner: the bezel */
      double cx = CLAMP (u, x0 + c->corner, x1 - c->corner);
      double cy = CLAMP (v, y0 + c->corner, y1 - c->corner);
      if (hypot (u - cx, v - cy) > c->corner)
        return c->bezel_grey;
    }
  if (u >= 0 && u < c->n && v >= 0 && v < c->n)
    {
      int col = (int) u, row = (int) v;
      if (c->mirrored)
        col = c->n - 1 - col;
      return (c->qr->data[row * c->n + col] & 1) ? c->dark : c->light;
    }
  /* text lines below the code, well clear of the quiet zone */
  for (int i = 0; i < 3; i++)
    {
      double top = c->n + c->quiet + 1.0 + i * 3.0;
      if (c->bars[i][0] > 0 && v >= top && v < top + 1.6 &&
          u >= c->bars[i][1] && u < c->bars[i][1] + c->bars[i][0])
        return c->dark;
    }
  return c->light;
}

/* Box–Muller; GLib has no normal deviate */
static double
rand_normal (GRand *r)
{
  double u = g_rand_double (r), v = g_rand_double (r);
  return sqrt (-2.0 * log (1.0 - u)) * cos (2 * G_PI * v);
}

static void
mat3_invert (const double m[9],
             double       out[9])
{
  double det = m[0] * (m[4] * m[8] - m[5] * m[7])
             - m[1] * (m[3] * m[8] - m[5] * m[6])
             + m[2] * (m[3] * m[7] - m[4] * m[6]);
  out[0] = (m[4] * m[8] - m[5] * m[7]) / det;
  out[1] = (m[2] * m[7] - m[1] * m[8]) / det;
  out[2] = (m[1] * m[5] - m[2] * m[4]) / det;
  out[3] = (m[5] * m[6] - m[3] * m[8]) / det;
  out[4] = (m[0] * m[8] - m[2] * m[6]) / det;
  out[5] = (m[2] * m[3] - m[0] * m[5]) / det;
  out[6] = (m[3] * m[7] - m[4] * m[6]) / det;
  out[7] = (m[1] * m[6] - m[0] * m[7]) / det;
  out[8] = (m[0] * m[4] - m[1] * m[3]) / det;
}

static void
gaussian_blur (float *img,
               int    w,
               int    h,
               double sigma)
{
  int rad = (int) ceil (sigma * 3);
  g_autofree float *k = g_new (float, 2 * rad + 1);
  g_autofree float *tmp = g_new (float, (gsize) w * h);
  double sum = 0;

  for (int i = -rad; i <= rad; i++)
    sum += k[i + rad] = exp (-(i * i) / (2 * sigma * sigma));
  for (int i = 0; i <= 2 * rad; i++)
    k[i] /= sum;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        float a = 0;
        for (int i = -rad; i <= rad; i++)
          a += k[i + rad] * img[(gsize) y * w + CLAMP (x + i, 0, w - 1)];
        tmp[(gsize) y * w + x] = a;
      }
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        float a = 0;
        for (int i = -rad; i <= rad; i++)
          a += k[i + rad] * tmp[(gsize) CLAMP (y + i, 0, h - 1) * w + x];
        img[(gsize) y * w + x] = a;
      }
}

LanyardSynthFrame *
lanyard_synth_frame_render (const LanyardSynthParams *p)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (p->scene_seed ^ 0x5a17u);
  LanyardSynthFrame *f = g_new0 (LanyardSynthFrame, 1);
  g_autofree float *img = NULL;
  g_autofree float *screen = NULL;   /* share of each pixel on the lit screen or card */
  g_autoptr(GString) label = g_string_new (NULL);
  cairo_surface_t *surface;
  cairo_t *cr;
  int w = p->width, h = p->height;
  const guint8 *data;
  int cstride;

  f->width = w;
  f->height = h;
  f->stride = w;
  f->flags = p->flags;
  f->size = p->payload ? p->size : 0;
  f->payload = g_strdup (p->payload);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cr = cairo_create (surface);
  draw_scene (cr, w, h, p->scene_seed);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  cstride = cairo_image_surface_get_stride (surface);
  img = g_new (float, (gsize) w * h);
  screen = g_new0 (float, (gsize) w * h);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      img[(gsize) y * w + x] = data[(gsize) y * cstride + x * 4 + 1];
  cairo_surface_destroy (surface);

  if (p->payload != NULL)
    {
      QRcode *qr = QRcode_encodeString (p->payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
      Card c = { 0 };
      double m, th, ax, tl, R[9], H[9], Hi[9];
      double corners[4][2], bx0 = w, by0 = h, bx1 = 0, by1 = 0;
      gboolean phone = (p->flags & LANYARD_SYNTH_PHONE) != 0;

      g_assert (qr != NULL);
      c.qr = qr;
      c.n = qr->width;
      c.quiet = g_rand_double_range (r, 2.5, 6);
      c.mirrored = (p->flags & LANYARD_SYNTH_MIRRORED) != 0;
      c.bezel = phone ? c.n * g_rand_double_range (r, 0.05, 0.15) : 0;
      c.extra_below = phone ? c.n * g_rand_double_range (r, 0.2, 0.8) : c.n * g_rand_double_range (r, 0, 0.4);
      for (int i = 0; i < 3; i++)
        if (c.extra_below > 3.0 * (i + 1) + 1)
          {
            c.bars[i][0] = g_rand_double_range (r, c.n * 0.3, c.n);
            c.bars[i][1] = g_rand_double_range (r, 0, c.n - c.bars[i][0]);
          }
      c.light = g_rand_double_range (r, 185, 250);
      c.dark = g_rand_double_range (r, 10, 60);
      if (p->flags & LANYARD_SYNTH_LOW)
        {
          double mid = g_rand_double_range (r, 90, 170);
          double d = g_rand_double_range (r, 12, 25);
          c.light = mid + d;
          c.dark = mid - d;
        }
      if (p->flags & LANYARD_SYNTH_INVERTED)
        {
          double t = c.light;
          c.light = c.dark;
          c.dark = t;
        }
      c.bezel_grey = g_rand_double_range (r, 5, 40);
      if (p->flags & LANYARD_SYNTH_CORNERS)
        {
          /* an app showing the code edge to edge: a thin quiet zone, and
           * the corners round into it, close to the finders */
          g_autoptr(GRand) e = g_rand_new_with_seed (p->scene_seed ^ 0xc0de5u);
          c.quiet = g_rand_double_range (e, 1.0, 2.5);
          c.corner = c.quiet + g_rand_double_range (e, 1.0, 3.5);
        }

      /* plane → camera: in-plane rotation, then a tilt about an axis in the
       * plane, then a pinhole projection centred on (cx, cy) */
      m = p->size / c.n;
      th = p->rotation * G_PI / 180;
      ax = p->tilt_axis * G_PI / 180;
      tl = p->tilt * G_PI / 180;
      {
        double Rz[9] = { cos (th), -sin (th), 0, sin (th), cos (th), 0, 0, 0, 1 };
        /* Rodrigues rotation about axis (cos ax, sin ax, 0) */
        double kx = cos (ax), ky = sin (ax), ct = cos (tl), st = sin (tl);
        double Rt[9] = {
          ct + kx * kx * (1 - ct), kx * ky * (1 - ct), ky * st,
          kx * ky * (1 - ct), ct + ky * ky * (1 - ct), -kx * st,
          -ky * st, kx * st, ct };
        for (int i = 0; i < 3; i++)
          for (int j = 0; j < 3; j++)
            {
              R[i * 3 + j] = 0;
              for (int k = 0; k < 3; k++)
                R[i * 3 + j] += Rt[i * 3 + k] * Rz[k * 3 + j];
            }
      }
      /* (u, v) module coordinates, code centre at n/2 */
      {
        double o = c.n / 2.0;
        double a00 = FOCAL * m * R[0] + p->cx * m * R[6];
        double a01 = FOCAL * m * R[1] + p->cx * m * R[7];
        double a10 = FOCAL * m * R[3] + p->cy * m * R[6];
        double a11 = FOCAL * m * R[4] + p->cy * m * R[7];
        double a20 = m * R[6], a21 = m * R[7];
        H[0] = a00; H[1] = a01; H[2] = p->cx * FOCAL - o * (a00 + a01);
        H[3] = a10; H[4] = a11; H[5] = p->cy * FOCAL - o * (a10 + a11);
        H[6] = a20; H[7] = a21; H[8] = FOCAL - o * (a20 + a21);
      }
      mat3_invert (H, Hi);
      {
        double u0 = -c.quiet - c.bezel, u1 = c.n + c.quiet + c.bezel;
        double v0 = -c.quiet - c.bezel, v1 = c.n + c.quiet + c.extra_below + c.bezel;
        double uv[4][2] = { { u0, v0 }, { u1, v0 }, { u1, v1 }, { u0, v1 } };
        for (int i = 0; i < 4; i++)
          {
            double X = H[0] * uv[i][0] + H[1] * uv[i][1] + H[2];
            double Y = H[3] * uv[i][0] + H[4] * uv[i][1] + H[5];
            double W = H[6] * uv[i][0] + H[7] * uv[i][1] + H[8];
            corners[i][0] = X / W;
            corners[i][1] = Y / W;
            bx0 = MIN (bx0, corners[i][0]);
            bx1 = MAX (bx1, corners[i][0]);
            by0 = MIN (by0, corners[i][1]);
            by1 = MAX (by1, corners[i][1]);
          }
      }
      bx0 = MAX (0, floor (bx0) - 1);
      by0 = MAX (0, floor (by0) - 1);
      bx1 = MIN (w - 1, ceil (bx1) + 1);
      by1 = MIN (h - 1, ceil (by1) + 1);
      /* 4×4 supersampling for honest anti-aliased module edges */
      for (int y = (int) by0; y <= (int) by1; y++)
        for (int x = (int) bx0; x <= (int) bx1; x++)
          {
            double acc = 0;
            int on = 0, lit = 0;
            for (int sy = 0; sy < 4; sy++)
              for (int sx = 0; sx < 4; sx++)
                {
                  double X = x + (sx + 0.5) / 4, Y = y + (sy + 0.5) / 4;
                  double U = Hi[0] * X + Hi[1] * Y + Hi[2];
                  double V = Hi[3] * X + Hi[4] * Y + Hi[5];
                  double Wd = Hi[6] * X + Hi[7] * Y + Hi[8];
                  double g = card_sample (&c, U / Wd, V / Wd);
                  double uu = U / Wd, vv = V / Wd;
                  if (uu >= -c.quiet && uu < c.n + c.quiet && vv >= -c.quiet &&
                      vv < c.n + c.quiet + c.extra_below && g != c.bezel_grey)
                    lit++;
                  if (g >= 0)
                    {
                      acc += g;
                      on++;
                    }
                }
            if (on > 0)
              {
                float *px = &img[(gsize) y * w + x];
                *px = (float) ((acc + (16 - on) * *px) / 16);
              }
            screen[(gsize) y * w + x] = lit / 16.0f;
          }
      QRcode_free (qr);
      g_string_append_printf (label, "size=%.0f rot=%.0f tilt=%.0f", p->size, p->rotation, p->tilt);
    }
  else
    g_string_append (label, "no code");

  /* uneven light across the scene */
  {
    double gx = g_rand_double_range (r, -0.3, 0.3) / w, gy = g_rand_double_range (r, -0.3, 0.3) / h;
    for (int y = 0; y < h; y++)
      for (int x = 0; x < w; x++)
        img[(gsize) y * w + x] *= (float) (0.85 + gx * (x - w / 2.0) + gy * (y - h / 2.0));
  }
  if (p->payload != NULL && (p->flags & LANYARD_SYNTH_GLARE))
    {
      /* a specular highlight on the screen or laminate, over part of the code */
      double gxc = p->cx + g_rand_double_range (r, -0.4, 0.4) * p->size;
      double gyc = p->cy + g_rand_double_range (r, -0.4, 0.4) * p->size;
      double sa = p->size * g_rand_double_range (r, 0.12, 0.35);
      double sb = sa * g_rand_double_range (r, 0.3, 1.0);
      double ang = g_rand_double_range (r, 0, G_PI);
      double amp = g_rand_double_range (r, 120, 230);
      int rad = (int) (sa * 3.5);
      for (int y = MAX (0, (int) gyc - rad); y < MIN (h, (int) gyc + rad); y++)
        for (int x = MAX (0, (int) gxc - rad); x < MIN (w, (int) gxc + rad); x++)
          {
            double dx = x - gxc, dy = y - gyc;
            double a = dx * cos (ang) + dy * sin (ang), b = -dx * sin (ang) + dy * cos (ang);
            double e = exp (-(a * a / (2 * sa * sa) + b * b / (2 * sb * sb)));
            float *px = &img[(gsize) y * w + x];
            /* glare lifts dark and light alike and washes out the difference */
            *px = (float) (*px * (1 - 0.6 * e) + amp * e);
          }
      g_string_append (label, " glare");
    }
  if (p->payload != NULL && (p->flags & (LANYARD_SYNTH_MOIRE | LANYARD_SYNTH_REFLECT)))
    {
      g_autoptr(GRand) e = g_rand_new_with_seed (p->scene_seed ^ 0x3017eu);
      double half = p->size * 1.6;   /* the whole phone, whatever its tilt */
      int x0 = MAX (0, (int) (p->cx - half)), x1 = MIN (w, (int) (p->cx + half));
      int y0 = MAX (0, (int) (p->cy - half)), y1 = MIN (h, (int) (p->cy + half));

      if (p->flags & LANYARD_SYNTH_MOIRE)
        {
          /* two close gratings (the screen's sub-pixels, the sensor's
           * Bayer grid) beat into slow curved bands */
          double period = g_rand_double_range (e, 5, 18), ang = g_rand_double_range (e, 0, G_PI);
          double amp = g_rand_double_range (e, 0.12, 0.3), bend = g_rand_double_range (e, 0.5, 2.0) / p->size;
          for (int y = y0; y < y1; y++)
            for (int x = x0; x < x1; x++)
              {
                double dx = x - p->cx, dy = y - p->cy;
                double t = dx * cos (ang) + dy * sin (ang) + bend * (dx * dx + dy * dy);
                img[(gsize) y * w + x] *= (float) (1 + screen[(gsize) y * w + x] * amp * cos (2 * G_PI * t / period));
              }
          g_string_append_printf (label, " moire=%.0fpx", period);
        }
      if (p->flags & LANYARD_SYNTH_REFLECT)
        {
          /* a window or ceiling light mirrored in the glass: a straight soft
           * band across the screen that lifts everything and flattens it */
          double ang = g_rand_double_range (e, 0, G_PI);
          double off = g_rand_double_range (e, -0.4, 0.4) * p->size;
          double width = p->size * g_rand_double_range (e, 0.15, 0.5);
          double amp = g_rand_double_range (e, 50, 130);
          for (int y = y0; y < y1; y++)
            for (int x = x0; x < x1; x++)
              {
                double d = (x - p->cx) * cos (ang) + (y - p->cy) * sin (ang) - off;
                double k = screen[(gsize) y * w + x] * exp (-d * d / (2 * width * width / 4));
                float *px = &img[(gsize) y * w + x];
                *px = (float) (*px * (1 - 0.4 * k) + amp * k);
              }
          g_string_append (label, " reflection");
        }
    }
  if (p->flags & LANYARD_SYNTH_CORNERS)
    g_string_append (label, " rounded-corners");
  if (p->flags & LANYARD_SYNTH_FAR)
    g_string_append_printf (label, " at %.0fcm", p->distance_cm);
  if (p->flags & LANYARD_SYNTH_BLUR && p->blur > 0)
    {
      gaussian_blur (img, w, h, p->blur);
      g_string_append_printf (label, " blur=%.1f", p->blur);
    }
  if (p->noise > 0)
    for (gsize i = 0; i < (gsize) w * h; i++)
      img[i] += (float) (rand_normal (r) * p->noise);

  f->pixels = g_malloc ((gsize) w * h);
  for (gsize i = 0; i < (gsize) w * h; i++)
    f->pixels[i] = (guint8) CLAMP (lrint (img[i]), 0, 255);

  if (p->payload != NULL)
    {
      if (p->flags & LANYARD_SYNTH_LOW)
        g_string_append (label, " low-contrast");
      if (p->flags & LANYARD_SYNTH_INVERTED)
        g_string_append (label, " inverted");
      if (p->flags & LANYARD_SYNTH_MIRRORED)
        g_string_append (label, " mirrored");
      g_string_append (label, (p->flags & LANYARD_SYNTH_PHONE) ? " phone" : " badge");
    }
  f->label = g_string_free (g_steal_pointer (&label), FALSE);
  return f;
}

void
lanyard_synth_frame_free (LanyardSynthFrame *f)
{
  if (f == NULL)
    return;
  g_free (f->pixels);
  g_free (f->payload);
  g_free (f->label);
  g_free (f);
}

gboolean
lanyard_synth_frame_save (LanyardSynthFrame  *f,
                          const char         *path,
                          GError            **error)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, f->width, f->height);
  guint8 *d;
  int st;
  cairo_status_t status;

  cairo_surface_flush (s);
  d = cairo_image_surface_get_data (s);
  st = cairo_image_surface_get_stride (s);
  for (int y = 0; y < f->height; y++)
    for (int x = 0; x < f->width; x++)
      {
        guint8 g = f->pixels[(gsize) y * f->stride + x];
        guint32 *px = (guint32 *) (gpointer) (d + (gsize) y * st + x * 4);
        *px = 0xff000000u | (g << 16) | (g << 8) | g;
      }
  cairo_surface_mark_dirty (s);
  status = cairo_surface_write_to_png (s, path);
  cairo_surface_destroy (s);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "%s: %s", path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
