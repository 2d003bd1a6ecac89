/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Badge templates and text fitting, without a printer: the shipped
 * templates load with their stock sizes, broken templates say what is
 * wrong, names of any length and script fit their boxes, and each badge's
 * QR, drawn at the printer's resolution, decodes (with the kiosk's own
 * decoder) to the code it was given.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "lanyard-badge.h"
#include "lanyard-certificate-render.h"
#include "lanyard-decoder.h"
#include "lanyard-error.h"
#include "lanyard-render-text.h"
#include "lanyard-render-words.h"

/* A code as long as a real one (LY1: + base45 of 97 bytes). */
#define CODE "LY1:270B%8P25.50:Y9TF6NW5BY8M0A/D63CA*PLWV10WSN MQB9:5JD72IU1M%AO%UXFB4-BA878/" \
             "BHHRZ$JNIE-E2.42HL4 +UKZUYJDN9JDWC1*HZ1DFHKEHV9QDC0"

typedef struct {
  const char *name;
  double      width_pt;
  double      height_pt;
  int         dpi;
  double      ribbon_y_pt;  /* a line through the role's ribbon, above its word */
} TemplateCase;

static const TemplateCase templates[] = {
  { "4x3", 288, 216, 203, 183 },
  { "4x6", 288, 432, 203, 183 },
  { "a6", 297.638, 419.528, 300, 374 },
  { "cr80", 242.646, 153.014, 300, 128.5 },
};

static LanyardAttendee *
make_attendee (const char  *first,
               const char  *last,
               const char  *credentials,
               LanyardRole  role)
{
  LanyardAttendee *a = lanyard_attendee_new ();

  a->ticket_code = g_strdup ("T-1");
  a->first_name = g_strdup (first);
  a->last_name = g_strdup (last);
  a->credentials = g_strdup (credentials);
  a->affiliation = g_strdup ("Lakeshore University Hospital");
  a->role = role;
  return a;
}

static void
test_template_shipped (gconstpointer data)
{
  const TemplateCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardBadgeTemplate) tmpl = lanyard_badge_template_load (c->name, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (lanyard_badge_template_get_name (tmpl), ==, c->name);
  g_assert_cmpfloat_with_epsilon (lanyard_badge_template_get_width_pt (tmpl), c->width_pt, 0.01);
  g_assert_cmpfloat_with_epsilon (lanyard_badge_template_get_height_pt (tmpl), c->height_pt, 0.01);
  g_assert_cmpint (lanyard_badge_template_get_dpi (tmpl), ==, c->dpi);
}

/* Each role on each template: the QR, rasterised at the printer's own
 * resolution as a printer would, decodes to the code. */
static void
test_badge_qr_decodes (gconstpointer data)
{
  const TemplateCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardBadgeTemplate) tmpl = lanyard_badge_template_load (c->name, &error);
  g_autoptr(LanyardEvent) event = lanyard_event_new ();
  LanyardDecoder *decoder = lanyard_decoder_new ();
  double scale = c->dpi / 72.0;
  int w = (int) (c->width_pt * scale), h = (int) (c->height_pt * scale);

  g_assert_no_error (error);
  event->title = g_strdup ("Midwest Cardiovascular Care Update 2026");
  for (LanyardRole role = LANYARD_ROLE_ATTENDEE; role <= LANYARD_ROLE_PRESS; role++)
    {
      g_autoptr(LanyardAttendee) a = make_attendee ("Jane", "Smith", "MD", role);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, w, h);
      cairo_surface_t *gray = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
      cairo_t *cr = cairo_create (gray);
      g_autofree guint8 *pixels = g_malloc ((gsize) w * h);
      g_autoptr(GBytes) payload = NULL;
      const guint8 *rgb;
      int stride;
      gboolean ok;

      cairo_scale (cr, scale, scale);
      ok = lanyard_badge_draw (tmpl, cr, event, a, CODE, &error);
      g_assert_no_error (error);
      g_assert_true (ok);
      cairo_destroy (cr);
      cairo_surface_flush (gray);

      rgb = cairo_image_surface_get_data (gray);
      stride = cairo_image_surface_get_stride (gray);
      for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
          {
            guint32 p = *(const guint32 *) (rgb + y * stride + x * 4);

            pixels[y * w + x] = (guint8) ((((p >> 16) & 0xff) * 3 + ((p >> 8) & 0xff) * 6 + (p & 0xff)) / 10);
          }
      payload = lanyard_decoder_decode_gray (decoder, pixels, w, h, w);
      g_assert_nonnull (payload);
      g_assert_cmpmem (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload), CODE, strlen (CODE));
      cairo_surface_destroy (gray);
      cairo_surface_destroy (surface);
    }
  lanyard_decoder_free (decoder);
}

/* The badge for a monochrome printer at the template's resolution:
 * nothing but black and white dots (no grey for a driver to dither), the
 * role's ribbon solid, the QR still decoding. LANYARD_RENDER_PNG_DIR
 * keeps the pictures. */
static guint8 *
draw_mono_dots (LanyardBadgeTemplate  *tmpl,
                const LanyardEvent    *event,
                const LanyardAttendee *a,
                int                    dpi,
                int                   *out_w,
                int                   *out_h,
                const char            *png)
{
  g_autoptr(GError) error = NULL;
  double scale = dpi / 72.0;
  /* Whole dots only: a page of 637.56 dots has a part-covered last row. */
  int w = (int) floor (lanyard_badge_template_get_width_pt (tmpl) * scale);
  int h = (int) floor (lanyard_badge_template_get_height_pt (tmpl) * scale);
  cairo_surface_t *rgb = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create (rgb);
  guint8 *dots = g_malloc ((gsize) w * h);
  const guint8 *data;
  int stride;

  cairo_scale (cr, scale, scale);
  lanyard_badge_template_set_monochrome (tmpl, dpi);
  g_assert_true (lanyard_badge_draw (tmpl, cr, event, a, CODE, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (rgb);
  if (png != NULL && g_getenv ("LANYARD_RENDER_PNG_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("LANYARD_RENDER_PNG_DIR"), png, NULL);
      cairo_surface_write_to_png (rgb, path);
    }
  data = cairo_image_surface_get_data (rgb);
  stride = cairo_image_surface_get_stride (rgb);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 p = ((const guint32 *) (data + y * stride))[x] & 0xffffff;

        if (p != 0 && p != 0xffffff)
          g_error ("grey dot %06x at %d,%d", p, x, y);
        dots[y * w + x] = p == 0 ? 0 : 255;
      }
  cairo_surface_destroy (rgb);
  *out_w = w;
  *out_h = h;
  return dots;
}

static void
test_badge_mono (gconstpointer data)
{
  const TemplateCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardBadgeTemplate) tmpl = lanyard_badge_template_load (c->name, &error);
  g_autoptr(LanyardEvent) event = lanyard_event_new ();
  LanyardDecoder *decoder = lanyard_decoder_new ();

  g_assert_no_error (error);
  event->title = g_strdup ("Midwest Cardiovascular Care Update 2026");
  for (LanyardRole role = LANYARD_ROLE_ATTENDEE; role <= LANYARD_ROLE_PRESS; role++)
    {
      g_autoptr(LanyardAttendee) a = make_attendee ("Jane", "Smith", "MD", role);
      g_autofree char *png = g_strdup_printf ("badge-%s-%s-mono.png", c->name, lanyard_role_to_string (role));
      g_autofree guint8 *dots = NULL;
      g_autoptr(GBytes) payload = NULL;
      guint runs = 0;
      int w, h, y;

      dots = draw_mono_dots (tmpl, event, a, c->dpi, &w, &h, png);
      payload = lanyard_decoder_decode_gray (decoder, dots, w, h, w);
      g_assert_nonnull (payload);
      g_assert_cmpmem (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload), CODE, strlen (CODE));

      /* A row through the ribbon, just above its word: solid black. */
      y = (int) (c->ribbon_y_pt * c->dpi / 72.0);
      for (int x = 1; x < w; x++)
        runs += dots[y * w + x] != dots[y * w + x - 1];
      g_assert_cmpuint (runs, ==, 0);
      g_assert_cmpint (dots[y * w + w / 2], ==, 0);
    }
  lanyard_decoder_free (decoder);
}

/* data-mono overrides the 50 % threshold: a light grey square made black,
 * a dark one left out, a mid one made white. */
static void
test_badge_mono_layer (void)
{
  static const char svg[] =
    "<svg xmlns='http://www.w3.org/2000/svg' width='2in' height='1in' viewBox='0 0 144 72' data-dpi='300'>"
    "<rect x='0' y='0' width='20' height='20' style='fill:#dddddd' data-mono='black'/>"
    "<rect x='30' y='0' width='20' height='20' style='fill:#222222' data-mono='none'/>"
    "<rect x='60' y='0' width='20' height='20' style='fill:#1f6f8b' data-mono='white'/>"
    "<rect x='90' y='0' width='20' height='20' style='fill:#1f6f8b'/>"
    "<rect id='first_name' x='0' y='30' width='60' height='10'/>"
    "<rect id='last_name' x='0' y='40' width='60' height='10'/>"
    "<rect id='credentials' x='0' y='50' width='60' height='10'/>"
    "<rect id='affiliation' x='0' y='60' width='60' height='10'/>"
    "<rect id='role' x='60' y='60' width='20' height='10'/>"
    "<rect id='qr' x='84' y='24' width='48' height='48'/></svg>";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lanyard-mono-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "mono.svg", NULL);
  g_autoptr(LanyardBadgeTemplate) tmpl = NULL;
  g_autoptr(LanyardAttendee) a = make_attendee ("", "", "", LANYARD_ROLE_ATTENDEE);
  g_autofree guint8 *dots = NULL;
  int w, h, at = (int) (10 * 300 / 72.0);

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, svg, -1, &error));
  tmpl = lanyard_badge_template_load (path, &error);
  g_assert_no_error (error);
  dots = draw_mono_dots (tmpl, NULL, a, 300, &w, &h, NULL);
  g_assert_cmpint (dots[at * w + (int) (10 * 300 / 72.0)], ==, 0);    /* light grey, made black */
  g_assert_cmpint (dots[at * w + (int) (40 * 300 / 72.0)], ==, 255);  /* dark, left out */
  g_assert_cmpint (dots[at * w + (int) (70 * 300 / 72.0)], ==, 255);  /* blue, made white */
  g_assert_cmpint (dots[at * w + (int) (100 * 300 / 72.0)], ==, 0);   /* blue, by the threshold */
  g_unlink (path);
  g_rmdir (dir);
}

typedef struct {
  const char *what;
  const char *svg;
  int         code;
  const char *says;   /* part of the message */
} BrokenCase;

#define BOXES "<rect id='first_name' x='1' y='1' width='50' height='10'/>" \
              "<rect id='last_name' x='1' y='12' width='50' height='10'/>" \
              "<rect id='credentials' x='1' y='24' width='50' height='10'/>" \
              "<rect id='affiliation' x='1' y='36' width='50' height='10'/>" \
              "<rect id='role' x='1' y='48' width='50' height='10'/>"

#define LINKED(href) "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink' " \
                     "width='4in' height='3in' viewBox='0 0 288 216'>" BOXES \
                     "<rect id='qr' x='60' y='1' width='50' height='50'/>" \
                     "<image id='logo' x='200' y='150' width='40' height='40' " href "/></svg>"

static const BrokenCase broken[] = {
  { "not-svg", "<html><body/></html>", LANYARD_ERROR_RENDER, "not an SVG" },
  { "not-xml", "<svg width='4in' height='3in'", LANYARD_ERROR_RENDER, "could not be read" },
  { "no-units", "<svg xmlns='http://www.w3.org/2000/svg' width='auto' height='3in'>" BOXES
                "<rect id='qr' x='60' y='1' width='50' height='50'/></svg>", LANYARD_ERROR_RENDER, "width and a height" },
  { "no-qr-box", "<svg xmlns='http://www.w3.org/2000/svg' width='4in' height='3in' viewBox='0 0 288 216'>" BOXES "</svg>",
    LANYARD_ERROR_RENDER, "“qr”" },
  { "bad-dpi", "<svg xmlns='http://www.w3.org/2000/svg' width='4in' height='3in' data-dpi='7'>" BOXES
               "<rect id='qr' x='60' y='1' width='50' height='50'/></svg>", LANYARD_ERROR_RENDER, "dpi" },
  /* A box wholly off the card, and a card no badge printer takes. */
  { "box-off-card", "<svg xmlns='http://www.w3.org/2000/svg' width='4in' height='3in' viewBox='0 0 288 216'>"
                    "<rect id='first_name' x='400' y='1' width='50' height='10'/>"
                    "<rect id='last_name' x='1' y='12' width='50' height='10'/>"
                    "<rect id='credentials' x='1' y='24' width='50' height='10'/>"
                    "<rect id='affiliation' x='1' y='36' width='50' height='10'/>"
                    "<rect id='role' x='1' y='48' width='50' height='10'/>"
                    "<rect id='qr' x='60' y='1' width='50' height='50'/></svg>", LANYARD_ERROR_RENDER, "outside the card" },
  { "too-large", "<svg xmlns='http://www.w3.org/2000/svg' width='1000in' height='3in'>" BOXES
                 "<rect id='qr' x='60' y='1' width='50' height='50'/></svg>", LANYARD_ERROR_RENDER, "600 mm" },
  /* Linked images: from the template's own folder only, named when refused. */
  { "link-absolute", LINKED ("href='/usr/share/pixmaps/logo.png'"), LANYARD_ERROR_RENDER, "“logo”" },
  { "link-parent", LINKED ("href='../logo.png'"), LANYARD_ERROR_RENDER, "“logo”" },
  { "link-parent-inside", LINKED ("href='art/../../logo.png'"), LANYARD_ERROR_RENDER, "own folder" },
  { "link-http", LINKED ("xlink:href='http://example.org/logo.png'"), LANYARD_ERROR_RENDER, "“logo”" },
  { "link-https", LINKED ("href='https://example.org/logo.png'"), LANYARD_ERROR_RENDER, "own folder" },
  { "link-file-uri", LINKED ("href='file:///tmp/logo.png'"), LANYARD_ERROR_RENDER, "own folder" },
};

static void
test_template_broken (gconstpointer data)
{
  const BrokenCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lanyard-render-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.svg", NULL);
  g_autoptr(LanyardBadgeTemplate) tmpl = NULL;

  g_assert_true (g_file_set_contents (path, c->svg, -1, NULL));
  tmpl = lanyard_badge_template_load (path, &error);
  g_assert_null (tmpl);
  g_assert_error (error, LANYARD_ERROR, c->code);
  g_assert_nonnull (strstr (error->message, c->says));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_template_unknown (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardBadgeTemplate) tmpl = lanyard_badge_template_load ("5x7", &error);

  g_assert_null (tmpl);
  g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "4x3"));
}

/* A QR box too small for scanners is refused, not drawn unreadable. */
static void
test_template_qr_too_small (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lanyard-render-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "tiny.svg", NULL);
  g_autoptr(LanyardBadgeTemplate) tmpl = NULL;
  g_autoptr(LanyardAttendee) a = make_attendee ("Jane", "Smith", "MD", LANYARD_ROLE_ATTENDEE);
  g_autofree char *pdf = g_build_filename (dir, "tiny.pdf", NULL);

  g_assert_true (g_file_set_contents (path,
      "<svg xmlns='http://www.w3.org/2000/svg' width='4in' height='3in' viewBox='0 0 288 216' data-dpi='203'>"
      BOXES "<rect id='qr' x='200' y='1' width='20' height='20'/></svg>", -1, NULL));
  tmpl = lanyard_badge_template_load (path, &error);
  g_assert_no_error (error);
  g_assert_false (lanyard_badge_render_pdf (tmpl, NULL, a, CODE, pdf, &error));
  g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_RENDER);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_unlink (path);
  g_rmdir (dir);
}

/* A linked image beside the template (Inkscape's "link" import) is drawn:
 * a red square at the image's place on the badge. */
/* One badge of @tmpl for @a on @page, painted white first. */
static void
draw_on_white (LanyardBadgeTemplate  *tmpl,
               const LanyardAttendee *a,
               cairo_surface_t       *page)
{
  g_autoptr(GError) error = NULL;
  cairo_t *cr = cairo_create (page);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  g_assert_true (lanyard_badge_draw (tmpl, cr, NULL, a, CODE, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (page);
}

static void
test_template_linked_image (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lanyard-render-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "linked.svg", NULL);
  g_autofree char *art = g_build_filename (dir, "art", NULL);
  g_autofree char *logo = g_build_filename (art, "logo.png", NULL);
  g_autoptr(LanyardBadgeTemplate) tmpl = NULL;
  g_autoptr(LanyardAttendee) a = make_attendee ("Jane", "Smith", "MD", LANYARD_ROLE_ATTENDEE);
  cairo_surface_t *red = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 8, 8);
  cairo_surface_t *page = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 288, 216);
  cairo_t *cr = cairo_create (red);
  const guint8 *px;

  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (g_mkdir (art, 0700), ==, 0);
  g_assert_cmpint (cairo_surface_write_to_png (red, logo), ==, CAIRO_STATUS_SUCCESS);
  g_assert_true (g_file_set_contents (path, LINKED ("href='art/logo.png'"), -1, NULL));
  tmpl = lanyard_badge_template_load (path, &error);
  g_assert_no_error (error);
  draw_on_white (tmpl, a, page);
  px = cairo_image_surface_get_data (page) + 170 * cairo_image_surface_get_stride (page) + 220 * 4;
  g_assert_cmpuint (px[2], >, 200);  /* red */
  g_assert_cmpuint (px[1], <, 50);
  cairo_surface_destroy (red);
  cairo_surface_destroy (page);
  g_unlink (logo);
  g_rmdir (art);
  g_unlink (path);
  g_rmdir (dir);
}

/* A name box drawn far past the card's edge, with absurd size hints (both
 * found by fuzz-badge-template: the width, then the size, overflowed an
 * int in Pango's units): the name is drawn in the part of the box that is
 * on the card, where it can be seen. */
static void
test_template_box_past_edge (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lanyard-render-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "wide.svg", NULL);
  g_autoptr(LanyardBadgeTemplate) tmpl = NULL;
  g_autoptr(LanyardAttendee) a = make_attendee ("Jane", "Smith", "MD", LANYARD_ROLE_ATTENDEE);
  cairo_surface_t *page = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 288, 216);
  guint dark = 0;

  g_assert_true (g_file_set_contents (path,
      "<svg xmlns='http://www.w3.org/2000/svg' width='4in' height='3in' viewBox='0 0 288 216'>"
      "<rect id='first_name' x='-1e9' y='100' width='2e9' height='40' data-max-pt='1e12' data-min-pt='-5'/>"
      "<rect id='last_name' x='10' y='150' width='100' height='10'/>"
      "<rect id='credentials' x='10' y='162' width='100' height='10'/>"
      "<rect id='affiliation' x='10' y='174' width='100' height='10'/>"
      "<rect id='role' x='10' y='186' width='100' height='10'/>"
      "<rect id='qr' x='10' y='10' width='60' height='60'/></svg>", -1, NULL));
  tmpl = lanyard_badge_template_load (path, &error);
  g_assert_no_error (error);
  draw_on_white (tmpl, a, page);
  for (int y = 100; y < 140; y++)
    for (int x = 0; x < 288; x++)
      if (cairo_image_surface_get_data (page)[y * cairo_image_surface_get_stride (page) + x * 4 + 1] < 100)
        dark++;
  g_test_message ("dark pixels in the name box on the card: %u", dark);
  g_assert_cmpuint (dark, >, 100);  /* "Jane" is there */
  cairo_surface_destroy (page);
  g_unlink (path);
  g_rmdir (dir);
}

typedef struct {
  const char *what;
  const char *text;
  double      min_size;   /* fitted size at least */
  double      max_size;   /* and at most */
  int         lines;
  gboolean    ellipsized;
} FitCase;

/* Box 160 × 40 pt, 34 pt at most, 14 pt at least: like the 4x3 first-name box. */
static const FitCase fits[] = {
  { "short name as tall as the box allows", "Jane", 28, 34, 1, FALSE },
  { "longer name shrinks", "Maximiliana", 20, 33.9, 1, FALSE },
  { "too long for one line at the minimum: two", "Maximiliana Alexandrina", 14, 20, 2, FALSE },
  { "one long word: cut at the minimum", "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch", 14, 14, 2, TRUE },
  { "absurd length is cut", "Maximiliana Alexandrina Josefina Montgomery-Worthington de la Vega Ruiz y Castellanos", 14, 14, 2, TRUE },
  { "diacritics", "Zoë Ó Briain-Ağaoğlu", 14, 34, 1, FALSE },
  { "Greek", "Αικατερίνη", 14, 34, 1, FALSE },
  { "Cyrillic", "Екатерина", 14, 34, 1, FALSE },
  { "Chinese", "王小明", 28, 34, 1, FALSE },
  { "Arabic", "فاطمة الزهراء", 14, 34, 1, FALSE },
  { "markup is text", "<b>Bob</b> & <i>Co</i>", 14, 34, 2, FALSE },
};

static void
test_text_fit (gconstpointer data)
{
  const FitCase *c = data;
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(PangoLayout) layout = lanyard_render_layout_new (cr);
  LanyardBox box = { 10, 10, 160, 40 };
  LanyardTextStyle style = { PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, PANGO_ALIGN_LEFT, 34, 14, { 0, 0, 0 } };
  LanyardTextFit fit;
  PangoRectangle logical;

  lanyard_render_fit_text (cr, layout, &box, c->text, &style, &fit);
  g_test_message ("%s: %.2f pt, %d lines%s", c->what, fit.size_pt, fit.lines, fit.ellipsized ? ", ellipsized" : "");
  g_assert_cmpfloat (fit.size_pt, >=, c->min_size);
  g_assert_cmpfloat (fit.size_pt, <=, c->max_size);
  g_assert_cmpint (fit.lines, ==, c->lines);
  g_assert_cmpint (fit.ellipsized, ==, c->ellipsized);
  /* What was laid out is the text itself, not markup parsed out of it. */
  g_assert_cmpstr (pango_layout_get_text (layout), ==, c->text);
  pango_layout_get_extents (layout, NULL, &logical);
  g_assert_cmpfloat ((double) logical.height / PANGO_SCALE, <=, box.height + 0.01);
  if (!c->ellipsized)
    g_assert_false (pango_layout_is_ellipsized (layout));

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_certificate_pdf_size (void)
{
  for (LanyardPaper paper = LANYARD_PAPER_LETTER; paper <= LANYARD_PAPER_A4; paper++)
    {
      double w, h;

      lanyard_paper_get_size (paper, &w, &h);
      g_assert_cmpfloat (w, >, h);
      if (paper == LANYARD_PAPER_LETTER)
        g_assert_cmpfloat_with_epsilon (w, 792, 0.01);
      else
        g_assert_cmpfloat_with_epsilon (w, 841.89, 0.01);
    }
}

/* What the badge's two name boxes hold: the given name large, the family
 * name under it; a name in one piece (family name first, or an export
 * with only a full name) whole in the large box. */
static const struct {
  const char *first, *last;
  const char *large, *small;
} name_boxes[] = {
  { "Jane", "Smith", "Jane", "Smith" },
  { "小明", "王", "\u2068王\u2069\u2068小明\u2069", NULL },   /* each part isolated */
  { "", "Hiroshi Tanaka", "Hiroshi Tanaka", NULL },   /* pretix "Attendee name" */
  { "", "山田太郎", "山田太郎", NULL },
  { NULL, "Madonna", "Madonna", NULL },
};

static void
test_badge_name_boxes (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (name_boxes); i++)
    {
      g_autoptr(LanyardAttendee) a = make_attendee (name_boxes[i].first, name_boxes[i].last, NULL, LANYARD_ROLE_ATTENDEE);
      g_autofree char *large = NULL;
      g_autofree char *small = NULL;

      lanyard_badge_name_boxes (a, &large, &small);
      g_assert_cmpstr (large, ==, name_boxes[i].large);
      g_assert_cmpstr (small, ==, name_boxes[i].small);
    }
}

/* An emoji in a name is drawn in colour from the emoji font
 * (fonts-noto-color-emoji), not as a grey box with its code point: some
 * pixel of the drawn name is clearly coloured. */
static void
test_emoji_in_colour (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 240, 80);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(PangoLayout) layout = lanyard_render_layout_new (cr);
  LanyardBox box = { 0, 0, 240, 80 };
  LanyardTextStyle style = { PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, PANGO_ALIGN_LEFT, 48, 0, { 0, 0, 0 }, FALSE };
  const guint8 *data;
  int stride;
  int max_spread = 0;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  lanyard_render_fit_text (cr, layout, &box, "Ana \U0001F469\u200D\u2695\uFE0F \U0001F389", &style, NULL);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < 80; y++)
    for (int x = 0; x < 240; x++)
      {
        const guint8 *px = data + y * stride + x * 4;  /* B, G, R, x */
        int hi = MAX (px[0], MAX (px[1], px[2]));
        int lo = MIN (px[0], MIN (px[1], px[2]));

        max_spread = MAX (max_spread, hi - lo);
      }
  g_test_message ("largest colour spread in the drawn name: %d", max_spread);
  g_assert_cmpint (max_spread, >, 100);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* glibc's count of loaded catalogs: raised, gettext reads LANGUAGE again. */
extern int _nl_msg_cat_cntr;

/* The process speaks @language, as the kiosk does once an attendee
 * chooses it with the welcome page's language button. */
static void
speak (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  ++_nl_msg_cat_cntr;
}

/* A document's words looked up by language give what gettext gives when
 * the process speaks that language (gettext is the reference), in every
 * language of po/LINGUAS, plural forms included (Arabic's six). */
static void
test_words_as_gettext (void)
{
  static const char * const languages[] = { "de", "es", "fr", "ar" };

  if (g_getenv ("LANYARD_LOCALEDIR") == NULL)
    {
      g_test_skip ("needs LANYARD_LOCALEDIR (the built translations)");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      const char *lang = languages[i];

      speak (lang);
      g_assert_cmpstr (lanyard_render_pgettext (lang, "badge ribbon", "ATTENDEE"), ==,
                       g_dpgettext2 (GETTEXT_PACKAGE, "badge ribbon", "ATTENDEE"));
      g_assert_cmpstr (lanyard_render_pgettext (lang, "badge ribbon", "ATTENDEE"), !=, "ATTENDEE");
      g_assert_cmpstr (lanyard_render_gettext (lang, "Certificate of Credit"), ==,
                       g_dgettext (GETTEXT_PACKAGE, "Certificate of Credit"));
      g_assert_cmpstr (lanyard_render_gettext (lang, "Certificate of Credit"), !=, "Certificate of Credit");
      for (gulong n = 0; n <= 1000; n++)
        {
          g_assert_cmpstr (lanyard_render_ngettext (lang, "%d minute", "%d minutes", n), ==,
                           g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", n));
          g_assert_cmpstr (lanyard_render_ngettext (lang, "%d session", "%d sessions", n), ==,
                           g_dngettext (GETTEXT_PACKAGE, "%d session", "%d sessions", n));
        }
      /* "de-DE" and "de_DE.UTF-8" find "de" */
      g_autofree char *regional = g_strdup_printf ("%s-XX", lang);
      g_assert_cmpstr (lanyard_render_gettext (regional, "This certifies that"), ==,
                       g_dgettext (GETTEXT_PACKAGE, "This certifies that"));
    }
  speak ("en");
  g_assert_cmpstr (lanyard_render_gettext ("en", "This certifies that"), ==, "This certifies that");
  g_assert_cmpstr (lanyard_render_gettext ("../de", "This certifies that"), ==, "This certifies that");
  g_assert_cmpstr (lanyard_render_ngettext ("en", "%d minute", "%d minutes", 1), ==, "%d minute");
  g_assert_cmpstr (lanyard_render_ngettext ("en", "%d minute", "%d minutes", 2), ==, "%d minutes");
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* A badge and a certificate stay in the event's language while the kiosk
 * speaks an attendee's (issue 18): drawn with the process in Arabic or
 * German, their words are the event's. The pages are kept as PNG in
 * $G_TEST_BUILDDIR/event-language to be looked at. */
static const struct {
  const char *screen;      /* what the kiosk speaks now */
  const char *event;       /* the event's language */
  const char *ribbon;      /* the badge's word */
  const char *title;       /* the certificate's */
  const char *certifies;
  const char *dates;       /* the event's days, month names in its language too */
} event_languages[] = {
  { "ar", "en", "ATTENDEE", "Certificate of Participation", "This certifies that", "14–16 May 2026" },
  { "de", "en", "ATTENDEE", "Certificate of Participation", "This certifies that", "14–16 May 2026" },
  { "ar", "de", "TEILNEHMER", "Teilnahmebescheinigung", "Hiermit wird bescheinigt", "14.–16. Mai 2026" },
  { "de", "es", "ASISTENTE", "Certificado de participación", "Se certifica que", "14–16 de mayo de 2026" },
  { "ar", "fr", "PARTICIPANT", "Attestation de participation", "Nous certifions que", "14–16 mai 2026" },
};

static void
test_words_event_language (gconstpointer data)
{
  const typeof (event_languages[0]) *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardBadgeTemplate) tmpl = lanyard_badge_template_load ("4x3", &error);
  g_autoptr(LanyardAttendee) a = make_attendee ("Jane", "Smith", "MD", LANYARD_ROLE_ATTENDEE);
  g_autoptr(LanyardEvent) event = lanyard_event_new ();
  LanyardCertificate certificate = { LANYARD_CERTIFICATE_PARTICIPATION, (char *) "Jane Smith, MD", NULL,
                                     95, 2, 1.5, NULL, NULL, NULL };
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR")
                                                                        : g_get_tmp_dir (),
                                           "event-language", NULL);
  g_autofree char *stem = g_strdup_printf ("%s/screen-%s-event-%s", dir, c->screen, c->event);
  g_autofree char *badge_pdf = g_strconcat (stem, "-badge.pdf", NULL);
  g_autofree char *certificate_pdf = g_strconcat (stem, "-certificate.pdf", NULL);
  g_autofree char *badge_text = NULL;
  g_autofree char *certificate_text = NULL;
  g_autofree char *screen_ribbon = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();
  const char *argv[] = { "pdftoppm", "-png", "-r", "72", "-singlefile", NULL, NULL, NULL };

  if (g_getenv ("LANYARD_LOCALEDIR") == NULL)
    {
      g_test_skip ("needs LANYARD_LOCALEDIR (the built translations)");
      return;
    }
  g_assert_no_error (error);
  g_mkdir_with_parents (dir, 0755);
  event->id = g_strdup ("MW26");
  event->title = g_strdup ("Midwest Cardiology Update 2026");
  event->start_date = g_strdup ("2026-05-14");
  event->end_date = g_strdup ("2026-05-16");
  certificate.lines = lines;
  certificate.pending = pending;

  speak (c->screen);
  screen_ribbon = g_strdup (C_("badge ribbon", "ATTENDEE"));
  g_assert_cmpstr (screen_ribbon, !=, c->ribbon);   /* the screens speak another language */

  lanyard_badge_template_set_language (tmpl, c->event);
  g_assert_true (lanyard_badge_render_pdf (tmpl, event, a, CODE, badge_pdf, &error));
  g_assert_no_error (error);
  g_assert_true (lanyard_certificate_render_pdf (event, &certificate, LANYARD_PAPER_A4, 0, c->event,
                                                 certificate_pdf, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *png = g_strconcat (stem, i == 0 ? "-badge" : "-certificate", NULL);
      int status;

      argv[5] = i == 0 ? badge_pdf : certificate_pdf;
      argv[6] = png;
      if (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                        NULL, NULL, NULL, NULL, &status, NULL))
        g_test_message ("%s.png", png);
    }

  badge_text = pdf_text (badge_pdf);
  certificate_text = pdf_text (certificate_pdf);
  if (strstr (badge_text, c->ribbon) == NULL)
    g_error ("the badge says no %s (the screen speaks %s):\n%s", c->ribbon, c->screen, badge_text);
  if (strstr (certificate_text, c->title) == NULL || strstr (certificate_text, c->certifies) == NULL)
    g_error ("the certificate says no %s / %s (the screen speaks %s):\n%s", c->title, c->certifies,
             c->screen, certificate_text);
  if (strstr (certificate_text, c->dates) == NULL)
    g_error ("the certificate gives no “%s” (the screen speaks %s):\n%s", c->dates, c->screen, certificate_text);
  speak ("en");
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("LANYARD_LOCALEDIR");

  /* gettext reads no LANGUAGE in the "C" locale */
  if (setlocale (LC_ALL, "") == NULL || g_str_equal (setlocale (LC_MESSAGES, NULL), "C"))
    setlocale (LC_MESSAGES, "C.UTF-8");
  if (localedir != NULL)
    bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      g_autofree char *a = g_strdup_printf ("/render/template/shipped/%s", templates[i].name);
      g_autofree char *b = g_strdup_printf ("/render/badge/qr-decodes/%s", templates[i].name);

      g_test_add_data_func (a, &templates[i], test_template_shipped);
      g_test_add_data_func (b, &templates[i], test_badge_qr_decodes);
      g_clear_pointer (&b, g_free);
      b = g_strdup_printf ("/render/badge/mono/%s", templates[i].name);
      g_test_add_data_func (b, &templates[i], test_badge_mono);
    }
  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autofree char *p = g_strdup_printf ("/render/template/broken/%s", broken[i].what);

      g_test_add_data_func (p, &broken[i], test_template_broken);
    }
  g_test_add_func ("/render/template/unknown", test_template_unknown);
  g_test_add_func ("/render/template/qr-too-small", test_template_qr_too_small);
  g_test_add_func ("/render/template/linked-image", test_template_linked_image);
  g_test_add_func ("/render/template/box-past-edge", test_template_box_past_edge);
  for (guint i = 0; i < G_N_ELEMENTS (fits); i++)
    {
      g_autofree char *p = g_strdup_printf ("/render/text-fit/%02u", i);

      g_test_add_data_func (p, &fits[i], test_text_fit);
    }
  g_test_add_func ("/render/certificate/paper", test_certificate_pdf_size);
  g_test_add_func ("/render/badge/name-boxes", test_badge_name_boxes);
  g_test_add_func ("/render/badge/mono-layer", test_badge_mono_layer);
  g_test_add_func ("/render/text/emoji-in-colour", test_emoji_in_colour);
  g_test_add_func ("/render/words/as-gettext", test_words_as_gettext);
  for (guint i = 0; i < G_N_ELEMENTS (event_languages); i++)
    {
      g_autofree char *p = g_strdup_printf ("/render/words/event-language/screen-%s-event-%s",
                                            event_languages[i].screen, event_languages[i].event);

      g_test_add_data_func (p, &event_languages[i], test_words_event_language);
    }
  return g_test_run ();
}
