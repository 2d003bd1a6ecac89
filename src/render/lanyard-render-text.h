/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text into a box with Pango, for badges and certificates: the largest size
 * that fits on one line, down to a minimum; then two lines; an ellipsis only
 * as a last resort. Any script, with the system's fonts; the text is never
 * parsed as markup. Units are points (cairo user space at 72 dpi).
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

G_BEGIN_DECLS

#define LANYARD_RENDER_FONT_FAMILY "Noto Sans, Noto Sans Arabic, WenQuanYi Micro Hei, DejaVu Sans, sans-serif"

typedef struct {
  double x, y, width, height;
} LanyardBox;

typedef struct {
  PangoWeight    weight;
  PangoStyle     style;
  PangoAlignment align;   /* PANGO_ALIGN_LEFT is the start: right for Arabic */
  double         max_pt;  /* 0 = from the box height */
  double         min_pt;  /* 0 = a share of max_pt */
  double         rgb[3];
  gboolean       page_dir; /* the paragraph reads in the page's direction (left to right), not its
                            * first letter's: for a line of isolated parts ("NAME, CREDENTIALS") */
} LanyardTextStyle;

/* How the text was fitted, for tests and benchmarks. */
typedef struct {
  double size_pt;
  int    lines;
  gboolean ellipsized;
} LanyardTextFit;

PangoLayout *lanyard_render_layout_new (cairo_t                *cr);
/* Before drawing into pdf_path: its folder is there and takes files;
 * otherwise an error that names the file and says why. */
gboolean     lanyard_render_check_output (const char          *pdf_path,
                                          GError             **error);
void         lanyard_render_fit_text   (cairo_t                *cr,
                                        PangoLayout            *layout,
                                        const LanyardBox       *box,
                                        const char             *text,
                                        const LanyardTextStyle *style,
                                        LanyardTextFit         *out_fit);

G_END_DECLS
