/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <unistd.h>

#include "lanyard-error.h"
#include "lanyard-render-text.h"

/* Sizes are searched to this precision, in points. */
#define SIZE_PRECISION_PT 0.25

gboolean
lanyard_render_check_output (const char  *pdf_path,
                             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (pdf_path);

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_RENDER,
                   _("“%s” cannot be written: the folder “%s” does not exist"), pdf_path, dir);
      return FALSE;
    }
  if (g_access (dir, W_OK) != 0)
    {
      int saved = errno;

      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_RENDER,
                   _("“%s” cannot be written: %s"), pdf_path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

PangoLayout *
lanyard_render_layout_new (cairo_t *cr)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoContext *context = pango_layout_get_context (layout);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* 1 pt = 1 user unit, and metrics that do not depend on a screen. */
  pango_cairo_context_set_resolution (context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_layout_context_changed (layout);
  return layout;
}

static void
set_size (PangoLayout            *layout,
          const LanyardTextStyle *style,
          double                  size_pt)
{
  PangoFontDescription *desc = pango_font_description_from_string (LANYARD_RENDER_FONT_FAMILY);

  pango_font_description_set_weight (desc, style->weight ? style->weight : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style (desc, style->style);
  pango_font_description_set_absolute_size (desc, size_pt * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
}

/* Does the layout, at this size, fit the box in at most max_lines? */
static gboolean
fits (PangoLayout            *layout,
      const LanyardTextStyle *style,
      const LanyardBox       *box,
      double                  size_pt,
      int                     max_lines)
{
  PangoRectangle logical;

  set_size (layout, style, size_pt);
  pango_layout_get_extents (layout, NULL, &logical);
  if (pango_layout_get_line_count (layout) > max_lines)
    return FALSE;
  if (max_lines == 1 && (double) logical.width / PANGO_SCALE > box->width)
    return FALSE;
  return (double) logical.height / PANGO_SCALE <= box->height;
}

/* The largest size in [lo, hi] that fits, or 0. Fitting is monotonic in
 * the size, so a bisection finds it in a few layouts. */
static double
largest_fitting_size (PangoLayout            *layout,
                      const LanyardTextStyle *style,
                      const LanyardBox       *box,
                      double                  lo,
                      double                  hi,
                      int                     max_lines)
{
  if (fits (layout, style, box, hi, max_lines))
    return hi;
  if (!fits (layout, style, box, lo, max_lines))
    return 0;
  while (hi - lo > SIZE_PRECISION_PT)
    {
      double mid = (lo + hi) / 2;

      if (fits (layout, style, box, mid, max_lines))
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

void
lanyard_render_fit_text (cairo_t                *cr,
                         PangoLayout            *layout,
                         const LanyardBox       *box,
                         const char             *text,
                         const LanyardTextStyle *style,
                         LanyardTextFit         *out_fit)
{
  double max_pt = style->max_pt > 0 ? style->max_pt : box->height * 0.8;
  double min_pt = style->min_pt > 0 ? style->min_pt : MAX (6.0, max_pt * 0.45);
  LanyardTextFit fit = { 0, 1, FALSE };
  PangoRectangle logical;
  double y;

  if (text == NULL || *text == '\0')
    {
      if (out_fit != NULL)
        *out_fit = (LanyardTextFit) { 0, 0, FALSE };
      return;
    }

  min_pt = MIN (min_pt, max_pt);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_alignment (layout, style->align);
  pango_layout_set_auto_dir (layout, !style->page_dir);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_height (layout, -1);

  /* One line, as large as the box allows. */
  pango_layout_set_width (layout, -1);
  fit.size_pt = largest_fitting_size (layout, style, box, min_pt, max_pt, 1);

  /* Two lines, broken between words where it can. */
  if (fit.size_pt == 0)
    {
      pango_layout_set_width (layout, (int) (box->width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      fit.size_pt = largest_fitting_size (layout, style, box, min_pt, MIN (max_pt, box->height / 2), 2);
      fit.lines = 2;
    }

  /* Last resort: the minimum size, cut with an ellipsis. */
  if (fit.size_pt == 0)
    {
      int lines = MAX (1, (int) (box->height / (min_pt * 1.3)));

      lines = MIN (lines, 2);
      pango_layout_set_width (layout, (int) (box->width * PANGO_SCALE));
      pango_layout_set_height (layout, -lines);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      set_size (layout, style, min_pt);
      fit = (LanyardTextFit) { min_pt, lines, TRUE };
    }
  else
    set_size (layout, style, fit.size_pt);

  /* With no width set, alignment has nothing to align within. */
  pango_layout_set_width (layout, (int) (box->width * PANGO_SCALE));
  pango_layout_get_extents (layout, NULL, &logical);
  fit.lines = pango_layout_get_line_count (layout);
  y = box->y + (box->height - (double) logical.height / PANGO_SCALE) / 2;

  cairo_save (cr);
  cairo_set_source_rgb (cr, style->rgb[0], style->rgb[1], style->rgb[2]);
  cairo_move_to (cr, box->x, y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);

  if (out_fit != NULL)
    *out_fit = fit;
}
