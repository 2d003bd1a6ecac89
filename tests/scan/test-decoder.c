/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

#include "lanyard-cli-decode.h"
#include "lanyard-decoder.h"
#include "lanyard-error.h"
#include "lanyard-synth.h"

/* A camera holds a code for many frames; the decoder may spread its work
 * over a few of them. */
static GBytes *
decode_live (LanyardDecoder    *dec,
             LanyardSynthFrame *f)
{
  for (int k = 0; k < 3; k++)
    {
      GBytes *b = lanyard_decoder_decode_gray (dec, f->pixels, f->width, f->height, f->stride);
      if (b != NULL)
        return b;
    }
  return NULL;
}

static void
assert_bytes_str (GBytes     *b,
                  const char *expected)
{
  gsize len;
  const char *data;

  g_assert_nonnull (b);
  data = g_bytes_get_data (b, &len);
  g_assert_cmpmem (data, len, expected, strlen (expected));
}

/* Badge and ticket codes as a kiosk camera sees them, upright to tilted,
 * small to large: read on the live path. */
static void
test_live_codes (void)
{
  g_autoptr(LanyardDecoder) dec = lanyard_decoder_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  struct { double size, rot, tilt; } cases[] = {
    { 240, 0, 0 }, { 240, 33, 15 }, { 120, -8, 10 }, { 400, 170, 20 }, { 180, 90, 30 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LanyardSynthParams p;
      g_autofree char *payload = i % 2 ? lanyard_synth_ticket_payload (rand)
                                       : lanyard_synth_badge_payload (rand);
      g_autoptr(LanyardSynthFrame) f = NULL;
      g_autoptr(GBytes) got = NULL;

      lanyard_synth_params_init (&p);
      p.payload = payload;
      p.size = cases[i].size;
      p.rotation = cases[i].rot;
      p.tilt = cases[i].tilt;
      p.tilt_axis = 30 * i;
      p.cx = 400 + 100 * i;
      p.scene_seed = 100 + i;
      f = lanyard_synth_frame_render (&p);
      got = decode_live (dec, f);
      g_test_message ("%s", f->label);
      assert_bytes_str (got, payload);
    }
}

/* Dark mode, front cameras, glare, low contrast: read from a saved picture
 * (the still-image path tries every variant, with no time budget, so the
 * result does not depend on how busy the machine is). */
static void
test_hard_codes (void)
{
  g_autoptr(LanyardDecoder) dec = lanyard_decoder_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autofree char *dir = g_dir_make_tmp ("lanyard-decoder-XXXXXX", NULL);
  struct { LanyardSynthFlags flags; double blur; } cases[] = {
    { LANYARD_SYNTH_INVERTED | LANYARD_SYNTH_PHONE, 0 },
    { LANYARD_SYNTH_MIRRORED | LANYARD_SYNTH_PHONE, 0 },
    { LANYARD_SYNTH_MIRRORED | LANYARD_SYNTH_INVERTED | LANYARD_SYNTH_PHONE, 0 },
    { LANYARD_SYNTH_GLARE, 0 },
    { LANYARD_SYNTH_LOW, 0 },
    { LANYARD_SYNTH_BLUR, 1.2 },
  };

  g_assert_nonnull (dir);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LanyardSynthParams p;
      g_autofree char *payload = lanyard_synth_badge_payload (rand);
      g_autofree char *path = g_strdup_printf ("%s/hard-%u.png", dir, i);
      g_autoptr(LanyardSynthFrame) f = NULL;
      g_autoptr(GBytes) got = NULL;
      g_autoptr(GError) error = NULL;

      lanyard_synth_params_init (&p);
      p.payload = payload;
      p.size = 260;
      p.rotation = 12;
      p.tilt = 10;
      p.flags = cases[i].flags;
      p.blur = cases[i].blur;
      p.scene_seed = 200 + i;
      f = lanyard_synth_frame_render (&p);
      g_assert_true (lanyard_synth_frame_save (f, path, &error));
      g_assert_no_error (error);
      got = lanyard_decoder_decode_file (dec, path, &error);
      g_assert_no_error (error);
      g_test_message ("%s", f->label);
      assert_bytes_str (got, payload);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* Draws a code upright into a grey frame, 4 px per module. */
static guint8 *
draw_code (const QRcode *qr,
           int           width,
           int           height,
           int           stride)
{
  guint8 *px = g_malloc ((gsize) stride * height);
  int x0 = (width - qr->width * 4) / 2, y0 = (height - qr->width * 4) / 2;

  /* the padding after each row is garbage, as a driver may leave it */
  for (gsize i = 0; i < (gsize) stride * height; i++)
    px[i] = (i % stride) < (gsize) width ? 230 : (guint8) (i * 131);
  for (int r = 0; r < qr->width; r++)
    for (int c = 0; c < qr->width; c++)
      if (qr->data[r * qr->width + c] & 1)
        for (int dy = 0; dy < 4; dy++)
          memset (px + (gsize) (y0 + 4 * r + dy) * stride + x0 + 4 * c, 20, 4);
  return px;
}

/* Payloads are bytes: NULs and bytes ≥ 0x80 come back as they went in;
 * padded rows (stride > width) are honoured. */
static void
test_binary_payload (void)
{
  g_autoptr(LanyardDecoder) dec = lanyard_decoder_new ();
  guint8 payload[64];
  QRcode *qr;
  g_autofree guint8 *px = NULL;
  g_autoptr(GBytes) got = NULL;

  for (guint i = 0; i < sizeof payload; i++)
    payload[i] = (guint8) (i * 37 + (i % 3 == 0 ? 0 : 128));
  payload[0] = 0;
  payload[10] = 0;
  payload[63] = 0xff;
  qr = QRcode_encodeData (sizeof payload, payload, 0, QR_ECLEVEL_M);
  g_assert_nonnull (qr);
  px = draw_code (qr, 642, 480, 644);
  QRcode_free (qr);
  got = lanyard_decoder_decode_gray (dec, px, 642, 480, 644);
  g_assert_nonnull (got);
  g_assert_cmpmem (g_bytes_get_data (got, NULL), g_bytes_get_size (got), payload, sizeof payload);
}

/* A QR code Model 1 (version 2, 25 × 25), as an old encoder drew it: no
 * alignment pattern, its format information masked the Model 1 way. ZBar
 * reads none of these; the still-image path reads it from its modules. */
static const char *const model1_code[] = {
  "#######.#######...#######",
  "#.....#..#.##.###.#.....#",
  "#.###.#....###.#..#.###.#",
  "#.###.#.###.###.#.#.###.#",
  "#.###.#.##..#...#.#.###.#",
  "#.....#.#..#..###.#.....#",
  "#######.#.#.#.#.#.#######",
  "........#..#.#...........",
  ".####.#.#.#.##.#.#####..#",
  "...#.#..##..#.##..##.#.##",
  "##.##.##....#.#.#..#..#.#",
  ".##.#...###..#...###..###",
  "#....##...#...####..#.#.#",
  ".##.##....#.#..##.##.##.#",
  ".###..##.#.##.#.#..#.#..#",
  "#......#....#.#.##.#..#.#",
  "###...####..#..#...#....#",
  "........#..#.....####...#",
  "#######..#...#.####.#####",
  "#.....#..#..##....#...###",
  "#.###.#.#...####.....#..#",
  "#.###.#.#.##..#.#####...#",
  "#.###.#.####..##...#.#.##",
  "#.....#.##..#.....##.#...",
  "#######...########..#.#.#",
};
#define MODEL1_TEXT "QR Code Model 1 "

/* Writes an 8-bit grey picture as a PNG. */
static void
save_gray_png (const char   *path,
               const guint8 *px,
               int           width,
               int           height)
{
  g_autoptr(GdkPixbuf) pb = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  guint8 *out = gdk_pixbuf_get_pixels (pb);
  int rs = gdk_pixbuf_get_rowstride (pb);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      memset (out + (gsize) y * rs + 3 * x, px[(gsize) y * width + x], 3);
  g_assert_true (gdk_pixbuf_save (pb, path, "png", &error, NULL));
  g_assert_no_error (error);
}

/* Saves the code as a PNG: @px pixels a module, a quiet zone of @quiet
 * modules, turned a quarter @turns times, mirrored, with the modules in
 * @damage (row, column pairs, −1 ends) flipped. */
static void
save_model1 (const char *path,
             int         px,
             int         quiet,
             int         turns,
             gboolean    mirrored,
             const int  *damage)
{
  int n = (int) G_N_ELEMENTS (model1_code), side = (n + 2 * quiet) * px;
  g_autofree guint8 *grey = g_malloc ((gsize) side * side);

  for (int y = 0; y < side; y++)
    for (int x = 0; x < side; x++)
      {
        int r = y / px - quiet, c = x / px - quiet, dark = 0;
        if (r >= 0 && c >= 0 && r < n && c < n)
          {
            int rr = r, cc = c;
            for (int t = 0; t < turns; t++)
              {
                int tmp = rr;
                rr = n - 1 - cc;
                cc = tmp;
              }
            if (mirrored)
              {
                int tmp = rr;
                rr = cc;
                cc = tmp;
              }
            dark = model1_code[rr][cc] == '#';
            for (int d = 0; damage != NULL && damage[d] >= 0; d += 2)
              dark ^= damage[d] == rr && damage[d + 1] == cc;
          }
        grey[(gsize) y * side + x] = dark ? 25 : 235;
      }
  save_gray_png (path, grey, side, side);
}

static void
test_model1 (void)
{
  g_autoptr(LanyardDecoder) dec = lanyard_decoder_new ();
  g_autofree char *dir = g_dir_make_tmp ("lanyard-decoder-XXXXXX", NULL);
  /* three data modules in three codewords: within what its blocks correct */
  static const int damaged[] = { 10, 10, 13, 16, 20, 22, -1 };
  static const struct {
    const char *what;
    int         px, quiet, turns;
    gboolean    mirrored;
    const int  *damage;
  } cases[] = {
    { "upright, 6 px a module", 6, 4, 0, FALSE, NULL },
    { "a pixel a module, 2 modules of quiet zone (enlarged first)", 1, 2, 0, FALSE, NULL },
    { "turned a quarter, 3 px a module", 3, 4, 1, FALSE, NULL },
    { "upside down", 5, 4, 2, FALSE, NULL },
    { "mirrored", 4, 4, 0, TRUE, NULL },
    { "three modules damaged", 4, 4, 3, FALSE, damaged },
  };

  g_assert_nonnull (dir);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/model1-%u.png", dir, i);
      g_autoptr(GBytes) got = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("Model 1: %s", cases[i].what);
      save_model1 (path, cases[i].px, cases[i].quiet, cases[i].turns, cases[i].mirrored, cases[i].damage);
      got = lanyard_decoder_decode_file (dec, path, &error);
      g_assert_no_error (error);
      assert_bytes_str (got, MODEL1_TEXT);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* Saves a grey picture as a PNG and decodes it as a still image. */
static GBytes *
decode_as_file (LanyardDecoder *dec,
                const guint8   *px,
                int             width,
                int             height)
{
  g_autofree char *dir = g_dir_make_tmp ("lanyard-decoder-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *got;

  g_assert_nonnull (dir);
  path = g_build_filename (dir, "picture.png", NULL);
  save_gray_png (path, px, width, height);
  got = lanyard_decoder_decode_file (dec, path, &error);
  g_assert_no_error (error);
  g_unlink (path);
  g_rmdir (dir);
  return got;
}

/* Paints @qr at (@x0, @y0), @mod px a module, with a light quiet zone of
 * @quiet modules around it. */
static void
paint_code (guint8       *px,
            int           width,
            const QRcode *qr,
            int           x0,
            int           y0,
            int           mod,
            int           quiet)
{
  int side = (qr->width + 2 * quiet) * mod;

  for (int y = 0; y < side; y++)
    for (int x = 0; x < side; x++)
      {
        int r = y / mod - quiet, c = x / mod - quiet;
        gboolean dark = r >= 0 && c >= 0 && r < qr->width && c < qr->width &&
                        (qr->data[r * qr->width + c] & 1);
        px[(gsize) (y0 + y) * width + x0 + x] = dark ? 20 : 235;
      }
}

/* A code printed inside another's data (the outer one's error correction
 * makes up for it): decode_file() gives one of them, decode_file_all()
 * that one first, then the other. */
static void
test_nested_codes (void)
{
  g_autoptr(LanyardDecoder) dec = lanyard_decoder_new ();
  g_autofree char *dir = g_dir_make_tmp ("lanyard-decoder-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "nested.png", NULL);
  const char *outer_text = "OUTER CODE: the session's web page, https://example.org/cme/2026/session/42";
  const char *inner_text = "LY1:INNER-7Q2";
  QRcode *outer = QRcode_encodeString (outer_text, 5, QR_ECLEVEL_H, QR_MODE_8, 1);
  QRcode *inner = QRcode_encodeString (inner_text, 1, QR_ECLEVEL_M, QR_MODE_8, 1);
  int width = 400, mod = 6, inner_mod = 3;
  g_autofree guint8 *px = g_malloc ((gsize) width * width);
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  int outer_side, inner_side;

  g_assert_nonnull (dir);
  g_assert_nonnull (outer);
  g_assert_nonnull (inner);
  memset (px, 235, (gsize) width * width);
  outer_side = (outer->width + 8) * mod;
  inner_side = (inner->width + 4) * inner_mod;
  g_assert_cmpint (outer_side, <=, width);
  paint_code (px, width, outer, (width - outer_side) / 2, (width - outer_side) / 2, mod, 4);
  paint_code (px, width, inner, (width - inner_side) / 2, (width - inner_side) / 2, inner_mod, 2);
  QRcode_free (outer);
  QRcode_free (inner);
  save_gray_png (path, px, width, width);

  first = lanyard_decoder_decode_file (dec, path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);

  all = lanyard_decoder_decode_file_all (dec, path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (all);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_true (g_bytes_equal (all->pdata[0], first));
  for (guint i = 0; i < 2; i++)
    {
      gboolean is_outer = g_bytes_get_size (all->pdata[i]) == strlen (outer_text);
      assert_bytes_str (all->pdata[i], is_outer ? outer_text : inner_text);
    }
  g_assert_false (g_bytes_equal (all->pdata[0], all->pdata[1]));
  g_unlink (path);
  g_rmdir (dir);
}

/* A code seen so far from the side, and at a slant, that its edges meet
 * at about 50° and 130° (the camera path takes such finders for clutter):
 * a still image straightens it and reads it. */
static void
test_sheared_code (void)
{
  g_autoptr(LanyardDecoder) dec = lanyard_decoder_new ();
  const char *text = "LY1:SHEARED-4K7";
  QRcode *qr = QRcode_encodeString (text, 2, QR_ECLEVEL_M, QR_MODE_8, 1);
  int width = 360, height = 340;
  /* the code's corners on the picture: top left, top right, bottom right,
   * bottom left; the square mapped onto them (zxing's square to
   * quadrilateral) gives module (c, r) at (o + c·u + r·v) / (1 + g·c + h·r) */
  const double q[4][2] = { { 118, 100 }, { 300, 48 }, { 222, 196 }, { 60, 292 } };
  const double n = qr->width;
  const double dx3 = q[0][0] - q[1][0] + q[2][0] - q[3][0], dy3 = q[0][1] - q[1][1] + q[2][1] - q[3][1];
  const double dx1 = q[1][0] - q[2][0], dx2 = q[3][0] - q[2][0], dy1 = q[1][1] - q[2][1], dy2 = q[3][1] - q[2][1];
  const double den = dx1 * dy2 - dx2 * dy1;
  const double g = (dx3 * dy2 - dx2 * dy3) / den / n, h = (dx1 * dy3 - dx3 * dy1) / den / n;
  const double ux = (q[1][0] - q[0][0]) / n + g * q[1][0], vx = (q[3][0] - q[0][0]) / n + h * q[3][0];
  const double uy = (q[1][1] - q[0][1]) / n + g * q[1][1], vy = (q[3][1] - q[0][1]) / n + h * q[3][1];
  const double ox = q[0][0], oy = q[0][1];
  /* the inverse map, by the adjugate of [[ux vx ox] [uy vy oy] [g h 1]] */
  const double i00 = vy - oy * h, i01 = ox * h - vx, i02 = vx * oy - ox * vy;
  const double i10 = oy * g - uy, i11 = ux - ox * g, i12 = ox * uy - ux * oy;
  const double i20 = uy * h - vy * g, i21 = vx * g - ux * h, i22 = ux * vy - vx * uy;
  double cosang;
  g_autofree guint8 *px = g_malloc ((gsize) width * height);
  g_autoptr(GBytes) got = NULL;

  g_assert_nonnull (qr);
  /* the legs between the finders' centres (3.5 modules in) meet at
   * about 130°, outside the 65–115° the camera path takes for a code */
  {
    double f[3][2], ax, ay, bx, by;
    const double at[3][2] = { { 3.5, 3.5 }, { n - 3.5, 3.5 }, { 3.5, n - 3.5 } };
    for (int k = 0; k < 3; k++)
      {
        double w = 1 + g * at[k][0] + h * at[k][1];
        f[k][0] = (ox + ux * at[k][0] + vx * at[k][1]) / w;
        f[k][1] = (oy + uy * at[k][0] + vy * at[k][1]) / w;
      }
    ax = f[1][0] - f[0][0];
    ay = f[1][1] - f[0][1];
    bx = f[2][0] - f[0][0];
    by = f[2][1] - f[0][1];
    cosang = (ax * bx + ay * by) / (hypot (ax, ay) * hypot (bx, by));
    g_test_message ("legs at %.0f degrees", acos (cosang) * 180 / G_PI);
    g_assert_cmpfloat (fabs (cosang), >, 0.6);
  }
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        double X = x + 0.5, Y = y + 0.5, W = i20 * X + i21 * Y + i22;
        double c = (i00 * X + i01 * Y + i02) / W, r = (i10 * X + i11 * Y + i12) / W;
        int ci = (int) floor (c), ri = (int) floor (r);
        gboolean dark = ci >= 0 && ri >= 0 && ci < qr->width && ri < qr->width &&
                        (qr->data[ri * qr->width + ci] & 1);
        px[(gsize) y * width + x] = dark ? 30 : 225;
      }
  QRcode_free (qr);
  got = decode_as_file (dec, px, width, height);
  assert_bytes_str (got, text);
}

/* A code printed at 1.2 printer dots a module, so that its modules are
 * one dot wide and every fifth two, and that print enlarged 8 times: the
 * grid is uneven. ZBar's own sampling loses its way; the module centres
 * where the finders put them are close enough for most modules, error
 * correction mends the rest, and the code drawn again from them reads.
 * (At some other dot pitches, 1.35 for one, neither reads it.) */
static void
test_uneven_grid (void)
{
  g_autoptr(LanyardDecoder) dec = lanyard_decoder_new ();
  const char *text = "LY1:UNEVEN-81";
  QRcode *qr = QRcode_encodeString (text, 1, QR_ECLEVEL_H, QR_MODE_8, 1);
  const double dots = 1.2;
  const int enlarged = 8, quiet = 4;
  int side;
  g_autofree guint8 *px = NULL;
  g_autoptr(GBytes) got = NULL;

  g_assert_nonnull (qr);
  side = (int) floor ((qr->width + 2 * quiet) * dots) * enlarged;
  px = g_malloc ((gsize) side * side);
  memset (px, 235, (gsize) side * side);
  for (int r = 0; r < qr->width; r++)
    for (int c = 0; c < qr->width; c++)
      if (qr->data[r * qr->width + c] & 1)
        {
          int x0 = (int) floor ((c + quiet) * dots) * enlarged, x1 = (int) floor ((c + 1 + quiet) * dots) * enlarged;
          int y0 = (int) floor ((r + quiet) * dots) * enlarged, y1 = (int) floor ((r + 1 + quiet) * dots) * enlarged;
          for (int y = y0; y < y1; y++)
            memset (px + (gsize) y * side + x0, 25, x1 - x0);
        }
  QRcode_free (qr);
  got = decode_as_file (dec, px, side, side);
  assert_bytes_str (got, text);
}

/* Scenes without a code give nothing, frame after frame. */
static void
test_no_code (void)
{
  g_autoptr(LanyardDecoder) dec = lanyard_decoder_new ();

  for (guint seed = 1; seed <= 6; seed++)
    {
      LanyardSynthParams p;
      g_autoptr(LanyardSynthFrame) f = NULL;

      lanyard_synth_params_init (&p);
      p.scene_seed = seed;
      p.noise = seed;
      f = lanyard_synth_frame_render (&p);
      for (int k = 0; k < 3; k++)
        {
          g_autoptr(GBytes) got = lanyard_decoder_decode_gray (dec, f->pixels, f->width,
                                                               f->height, f->stride);
          g_assert_null (got);
        }
    }
}

/* Noise, flat frames, odd sizes, bad arguments and files that are not
 * pictures: no crash, no code, errors only for unreadable files. */
static void
test_garbage (void)
{
  g_autoptr(LanyardDecoder) dec = lanyard_decoder_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autofree guint8 *px = g_malloc (1283 * 722);
  g_autofree char *dir = g_dir_make_tmp ("lanyard-decoder-XXXXXX", NULL);
  g_autofree char *text = g_build_filename (dir, "not-a-picture.png", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.png", NULL);
  g_autoptr(GError) error = NULL;
  GBytes *got;
  struct { int w, h, stride; } sizes[] = {
    { 1280, 720, 1280 }, { 1281, 721, 1283 }, { 17, 9, 20 }, { 8, 8, 8 }, { 7, 700, 7 },
    { 1, 1, 1 }, { 640, 2, 640 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (int fill = 0; fill < 4; fill++)
      {
        for (gsize k = 0; k < 1283 * 722; k++)
          px[k] = fill == 0 ? 0 : fill == 1 ? 255 : fill == 2 ? g_rand_int (rand) & 0xff
                : ((k / 3) % 2) * 255;   /* stripes */
        got = lanyard_decoder_decode_gray (dec, px, sizes[i].w, sizes[i].h, sizes[i].stride);
        g_assert_null (got);
      }
  /* stride shorter than a row, negative and absurd sizes */
  g_assert_null (lanyard_decoder_decode_gray (dec, px, 100, 100, 50));
  g_assert_null (lanyard_decoder_decode_gray (dec, px, -5, 100, 100));
  g_assert_null (lanyard_decoder_decode_gray (dec, px, 100, 0, 100));
  g_assert_null (lanyard_decoder_decode_gray (dec, NULL, 100, 100, 100));

  g_assert_true (g_file_set_contents (text, "this is not a PNG", -1, NULL));
  got = lanyard_decoder_decode_file (dec, text, &error);
  g_assert_null (got);
  g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE);
  g_clear_error (&error);
  got = lanyard_decoder_decode_file (dec, missing, &error);
  g_assert_null (got);
  g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE);
  g_unlink (text);
  g_rmdir (dir);
}

/* One decoder per thread, several at once: no shared state. */
static gpointer
thread_decode (gpointer data)
{
  LanyardSynthFrame *f = data;
  g_autoptr(LanyardDecoder) dec = lanyard_decoder_new ();
  int ok = 0;

  for (int k = 0; k < 5; k++)
    {
      g_autoptr(GBytes) got = lanyard_decoder_decode_gray (dec, f->pixels, f->width,
                                                           f->height, f->stride);
      ok += got != NULL && g_bytes_get_size (got) == strlen (f->payload) &&
            memcmp (g_bytes_get_data (got, NULL), f->payload, strlen (f->payload)) == 0;
    }
  return GINT_TO_POINTER (ok);
}

static void
test_threads (void)
{
  LanyardSynthParams p;
  g_autoptr(LanyardSynthFrame) f = NULL;
  GThread *threads[3];

  lanyard_synth_params_init (&p);
  p.payload = "TKT:CME26:000042:ABCDEFGHIJKL";
  p.size = 220;
  f = lanyard_synth_frame_render (&p);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("decode", thread_decode, f);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_cmpint (GPOINTER_TO_INT (g_thread_join (threads[i])), ==, 5);
}

/* Reads bytes as text the way the benchmark does (the answers are UTF-8;
 * some codes hold Shift-JIS). */
static gboolean
matches_answer (GBytes     *got,
                const char *answer)
{
  gsize len;
  const char *data = g_bytes_get_data (got, &len);
  g_autofree char *text = NULL;

  if (len == strlen (answer) && memcmp (data, answer, len) == 0)
    return TRUE;
  /* CP932: the Shift-JIS phones write (0x5C is a backslash, not ¥) */
  text = g_convert (data, len, "UTF-8", "CP932", NULL, NULL, NULL);
  return text != NULL && strcmp (text, answer) == 0;
}

/* Any of the codes read from a picture is the answer. */
static gboolean
any_matches_answer (GPtrArray  *codes,
                    const char *answer)
{
  for (guint i = 0; codes != NULL && i < codes->len; i++)
    if (matches_answer (codes->pdata[i], answer))
      return TRUE;
  return FALSE;
}

/* The real photos shared with the team (zxing-cpp's test set): 64 by its
 * README. 62 read today, every code of a picture counted as for the peers
 * (zxing-cpp 3.1 60, zxing-cpp 1.4 50, plain ZBar 37); reading fewer than
 * 61 is a step back. */
#define SAMPLES_TOTAL      64
#define SAMPLES_MIN_RIGHT  61

static void
test_samples (void)
{
  const char *src = g_getenv ("LANYARD_SOURCE_DIR");
  g_autofree char *root = g_build_filename (src ? src : SOURCE_DIR, "..", "shared", "qr-samples", NULL);
  g_autoptr(LanyardDecoder) dec = lanyard_decoder_new ();
  const char *subs[] = { "qrcode-1", "qrcode-2" };
  int total = 0, right = 0;
  /* plain, blurred, upside down, a scan, small: these must always read */
  const char *must[] = { "qrcode-1/1.png", "qrcode-1/7.png", "qrcode-1/8.png", "qrcode-2/1.png",
                         "qrcode-2/10.png" };

  if (!g_file_test (root, G_FILE_TEST_IS_DIR))
    {
      /* CI has the photos: missing there is a broken set-up, not a skip */
      if (g_getenv ("CI") != NULL && *g_getenv ("CI") != '\0')
        g_test_fail_printf ("%s not found, and CI is set: the real-photo test must run", root);
      else
        g_test_skip_printf ("%s not found: the real-photo test did not run", root);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (must); i++)
    {
      g_autofree char *png = g_build_filename (root, must[i], NULL);
      g_autofree char *txt = g_strndup (png, strlen (png) - 4);
      g_autofree char *txtpath = g_strconcat (txt, ".txt", NULL);
      g_autofree char *answer = NULL;
      g_autoptr(GBytes) got = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", must[i]);
      g_assert_true (g_file_get_contents (txtpath, &answer, NULL, &error));
      g_assert_no_error (error);
      got = lanyard_decoder_decode_file (dec, png, &error);
      g_assert_no_error (error);
      g_assert_nonnull (got);
      g_assert_true (matches_answer (got, answer));
    }
  for (guint s = 0; s < G_N_ELEMENTS (subs); s++)
    {
      g_autofree char *dirpath = g_build_filename (root, subs[s], NULL);
      g_autoptr(GDir) dir = g_dir_open (dirpath, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *png = NULL, *base = NULL, *txt = NULL, *answer = NULL;
          g_autoptr(GPtrArray) got = NULL;
          g_autoptr(GError) error = NULL;

          if (!g_str_has_suffix (name, ".png"))
            continue;
          png = g_build_filename (dirpath, name, NULL);
          base = g_strndup (png, strlen (png) - 4);
          txt = g_strconcat (base, ".txt", NULL);
          if (!g_file_get_contents (txt, &answer, NULL, NULL))
            continue;
          total++;
          got = lanyard_decoder_decode_file_all (dec, png, &error);
          g_assert_no_error (error);
          right += any_matches_answer (got, answer);
        }
    }
  g_test_message ("%d of %d sample photos read right", right, total);
  g_assert_cmpint (total, ==, SAMPLES_TOTAL);
  g_assert_cmpint (right, >=, SAMPLES_MIN_RIGHT);
}

/* Sample photos that once failed, each read by one step of the decoder's
 * own: the step is named so that a failure says what broke. */
static void
test_samples_steps (void)
{
  const char *src = g_getenv ("LANYARD_SOURCE_DIR");
  g_autofree char *root = g_build_filename (src ? src : SOURCE_DIR, "..", "shared", "qr-samples", NULL);
  g_autoptr(LanyardDecoder) dec = lanyard_decoder_new ();
  static const struct {
    const char *file;
    const char *step;
  } cases[] = {
    { "qrcode-2/fix-traceline.png", "fourth corner guessed (code seen at a slant)" },
    { "qrcode-2/estimate-tilt.png", "small picture enlarged, then at a slant" },
    { "qrcode-2/fix-finderpattern-order.png", "at a slant, another finder taken as the corner" },
    { "qrcode-2/_258.png", "dots joined, finders painted over stylised ones" },
    { "qrcode-2/qr-model-1.png", "QR Model 1, read from its modules" },
    { "qrcode-2/_940.png", "QR Model 1, a pixel a module: enlarged, then read from its modules" },
    { "qrcode-2/16.png", "a code inside another: the outer one's finders covered, read again" },
    { "qrcode-2/30a.png", "finders at 130 degrees (sheared far): taken as a code on a still image" },
    { "qrcode-2/_1086.png", "blotched, uneven modules: sampled at their centres and drawn again" },
  };

  if (!g_file_test (root, G_FILE_TEST_IS_DIR))
    {
      g_test_skip_printf ("%s not found", root);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *png = g_build_filename (root, cases[i].file, NULL);
      g_autofree char *base = g_strndup (png, strlen (png) - 4);
      g_autofree char *txt = g_strconcat (base, ".txt", NULL);
      g_autofree char *answer = NULL;
      g_autoptr(GPtrArray) got = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s: %s", cases[i].file, cases[i].step);
      g_assert_true (g_file_get_contents (txt, &answer, NULL, &error));
      got = lanyard_decoder_decode_file_all (dec, png, &error);
      g_assert_no_error (error);
      g_assert_nonnull (got);
      g_assert_true (any_matches_answer (got, answer));
    }
}

/* `lanyardctl decode`: one line per picture, hex of the bytes of each
 * code (a comma between codes) or "-", exit 1 when a file cannot be read,
 * 2 on misuse. */
static void
test_cli (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = g_dir_make_tmp ("lanyard-cli-decode-XXXXXX", NULL);
      g_autofree char *code = g_build_filename (dir, "code.png", NULL);
      g_autofree char *empty = g_build_filename (dir, "empty.png", NULL);
      g_autofree char *bad = g_build_filename (dir, "bad.png", NULL);
      g_autofree char *two = g_build_filename (dir, "two.png", NULL);
      LanyardSynthParams p;
      LanyardSynthFrame *f;
      const char *mode = g_getenv ("LANYARD_TEST_CLI_MODE");
      int status;

      lanyard_synth_params_init (&p);
      p.payload = "LY1:AB";
      f = lanyard_synth_frame_render (&p);
      lanyard_synth_frame_save (f, code, NULL);
      lanyard_synth_frame_free (f);
      p.payload = NULL;
      f = lanyard_synth_frame_render (&p);
      lanyard_synth_frame_save (f, empty, NULL);
      lanyard_synth_frame_free (f);
      g_file_set_contents (bad, "garbage", -1, NULL);

      if (g_strcmp0 (mode, "two") == 0)
        {
          /* two codes side by side, 5 px a module */
          QRcode *one = QRcode_encodeString ("LY1:ONE", 1, QR_ECLEVEL_M, QR_MODE_8, 1);
          QRcode *other = QRcode_encodeString ("LY1:TWO", 1, QR_ECLEVEL_M, QR_MODE_8, 1);
          g_autofree guint8 *px = g_malloc (320 * 160);
          char *argv[] = { (char *) "decode", two, NULL };

          memset (px, 235, 320 * 160);
          paint_code (px, 320, one, 5, 5, 5, 4);
          paint_code (px, 320, other, 165, 5, 5, 4);
          QRcode_free (one);
          QRcode_free (other);
          save_gray_png (two, px, 320, 160);
          status = lanyard_cli_decode (2, argv);
        }
      else if (g_strcmp0 (mode, "usage") == 0)
        {
          char *argv[] = { (char *) "decode", NULL };
          status = lanyard_cli_decode (1, argv);
        }
      else if (g_strcmp0 (mode, "live") == 0)
        {
          char *argv[] = { (char *) "decode", (char *) "--live", (char *) "--frames", (char *) "3",
                           code, empty, NULL };
          status = lanyard_cli_decode (6, argv);
        }
      else if (g_strcmp0 (mode, "frames") == 0)
        {
          char *argv[] = { (char *) "decode", (char *) "--live", (char *) "--frames=0", code, NULL };
          status = lanyard_cli_decode (4, argv);
        }
      else if (g_strcmp0 (mode, "bad") == 0)
        {
          char *argv[] = { (char *) "decode", code, bad, empty, NULL };
          status = lanyard_cli_decode (3 + 1, argv);
        }
      else
        {
          char *argv[] = { (char *) "decode", code, empty, NULL };
          status = lanyard_cli_decode (3, argv);
        }
      g_unlink (code);
      g_unlink (empty);
      g_unlink (bad);
      g_unlink (two);
      g_rmdir (dir);
      exit (status);
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  /* "LY1:AB" = 4c 59 31 3a 41 42 */
  g_test_trap_assert_stdout ("*code.png\t4c59313a4142\n*empty.png\t-\n");

  /* the child inherits the environment */
  g_setenv ("LANYARD_TEST_CLI_MODE", "bad", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stdout ("*code.png\t4c59313a4142\n*empty.png\t-\n");
  g_test_trap_assert_stderr ("*bad.png*");

  /* the camera's path: read on the first frame; the empty picture is
   * shown all three frames; a summary of the frames' times on stderr */
  g_setenv ("LANYARD_TEST_CLI_MODE", "live", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*code.png\t4c59313a4142\t1\t*\n*empty.png\t-\t-\t*\n");
  g_test_trap_assert_stderr ("*1 of 2 *4 frames*");

  /* a picture with two codes: both, a comma between them
   * ("LY1:ONE" = 4c 59 31 3a 4f 4e 45, "LY1:TWO" = 4c 59 31 3a 54 57 4f) */
  g_setenv ("LANYARD_TEST_CLI_MODE", "two", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*two.png\t4c59313a*,4c59313a*\n");
  g_test_trap_assert_stdout ("*4c59313a4f4e45*");
  g_test_trap_assert_stdout ("*4c59313a54574f*");

  g_setenv ("LANYARD_TEST_CLI_MODE", "frames", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stdout ("");
  g_test_trap_assert_stderr ("*0*");

  g_setenv ("LANYARD_TEST_CLI_MODE", "usage", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stdout ("");
  g_test_trap_assert_stderr ("*lanyardctl decode*");
  g_unsetenv ("LANYARD_TEST_CLI_MODE");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* correctness, not speed: a loaded machine (or ASan) must not cut the
   * decoder's per-frame work short */
  g_setenv ("LANYARD_DECODER_BUDGET_MS", "10000", TRUE);
  g_test_add_func ("/decoder/live-codes", test_live_codes);
  g_test_add_func ("/decoder/hard-codes", test_hard_codes);
  g_test_add_func ("/decoder/binary-payload", test_binary_payload);
  g_test_add_func ("/decoder/model1", test_model1);
  g_test_add_func ("/decoder/nested-codes", test_nested_codes);
  g_test_add_func ("/decoder/sheared-code", test_sheared_code);
  g_test_add_func ("/decoder/uneven-grid", test_uneven_grid);
  g_test_add_func ("/decoder/no-code", test_no_code);
  g_test_add_func ("/decoder/garbage", test_garbage);
  g_test_add_func ("/decoder/threads", test_threads);
  g_test_add_func ("/decoder/samples", test_samples);
  g_test_add_func ("/decoder/samples-steps", test_samples_steps);
  g_test_add_func ("/decoder/cli", test_cli);
  return g_test_run ();
}
