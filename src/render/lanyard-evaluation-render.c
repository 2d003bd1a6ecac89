/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The evaluation summary, drawn (lanyard-evaluation-render.h).
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "lanyard-error.h"
#include "lanyard-evaluation-render.h"
#include "lanyard-render-text.h"

#define PAGE_W   612.0 /* Letter, points */
#define PAGE_H   792.0
#define MARGIN    54.0
#define LABEL_W  150.0 /* the answer's name left of its bar */
#define BAR_H     16.0
#define BAR_GAP    5.0

static const double ink[3] = { 0.13, 0.13, 0.13 };
static const double grey[3] = { 0.40, 0.40, 0.40 };
static const double bar_rgb[3] = { 0.20, 0.40, 0.64 };

typedef struct {
  cairo_t     *cr;
  PangoLayout *layout;
  double       y;
  gboolean     one_page; /* PNG: stop at the first page's end */
  gboolean     full;     /* nothing more fits (one_page) */
} Sheet;

static double
text_at (Sheet        *sheet,
         const char   *text,
         double        x,
         double        y,
         double        width,
         double        size_pt,
         PangoWeight   weight,
         PangoStyle    style,
         PangoAlignment align,
         const double  rgb[3],
         gboolean      draw)
{
  PangoFontDescription *desc = pango_font_description_from_string (LANYARD_RENDER_FONT_FAMILY);
  PangoRectangle logical;

  pango_font_description_set_absolute_size (desc, size_pt * PANGO_SCALE);
  pango_font_description_set_weight (desc, weight);
  pango_font_description_set_style (desc, style);
  pango_layout_set_font_description (sheet->layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (sheet->layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (sheet->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (sheet->layout, align);
  pango_layout_set_text (sheet->layout, text, -1);
  pango_layout_get_extents (sheet->layout, NULL, &logical);
  if (draw)
    {
      cairo_set_source_rgb (sheet->cr, rgb[0], rgb[1], rgb[2]);
      cairo_move_to (sheet->cr, x, y);
      pango_cairo_show_layout (sheet->cr, sheet->layout);
    }
  return (double) logical.height / PANGO_SCALE;
}

/* A new page when HEIGHT does not fit on this one. FALSE: stop drawing. */
static gboolean
room_for (Sheet  *sheet,
          double  height)
{
  if (sheet->y + height <= PAGE_H - MARGIN || sheet->y <= MARGIN)
    return TRUE;
  if (sheet->one_page)
    {
      sheet->full = TRUE;
      return FALSE;
    }
  cairo_show_page (sheet->cr);
  sheet->y = MARGIN;
  return TRUE;
}

static void
bars (Sheet              *sheet,
      const char * const *labels,
      const guint        *counts,
      guint               n)
{
  guint max = 1;
  double width = PAGE_W - 2 * MARGIN - LABEL_W - 40;

  for (guint i = 0; i < n; i++)
    max = MAX (max, counts[i]);
  for (guint i = 0; i < n && room_for (sheet, BAR_H + BAR_GAP); i++)
    {
      g_autofree char *count = g_strdup_printf ("%u", counts[i]);
      double len = width * counts[i] / max;
      double x = MARGIN + LABEL_W;

      text_at (sheet, labels[i], MARGIN, sheet->y + 1, LABEL_W - 8, 10, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,
               PANGO_ALIGN_RIGHT, ink, TRUE);
      cairo_set_source_rgb (sheet->cr, 0.90, 0.90, 0.90);
      cairo_rectangle (sheet->cr, x, sheet->y, width, BAR_H);
      cairo_fill (sheet->cr);
      cairo_set_source_rgb (sheet->cr, bar_rgb[0], bar_rgb[1], bar_rgb[2]);
      cairo_rectangle (sheet->cr, x, sheet->y, len, BAR_H);
      cairo_fill (sheet->cr);
      text_at (sheet, count, x + width + 6, sheet->y + 1, 34, 10, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL,
               PANGO_ALIGN_LEFT, ink, TRUE);
      sheet->y += BAR_H + BAR_GAP;
    }
}

static void
item (Sheet                       *sheet,
      const LanyardEvaluationItem *item)
{
  double width = PAGE_W - 2 * MARGIN;
  g_autofree char *heading = item->session
    /* Translators: an evaluation question, then the session it is about */
    ? g_strdup_printf (_("%s — %s"), item->question->text, item->session->title)
    : g_strdup (item->question->text);
  g_autofree char *summary = NULL;
  guint n_bars;
  double h = text_at (sheet, heading, MARGIN, sheet->y, width, 12, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL,
                      PANGO_ALIGN_LEFT, ink, FALSE);

  /* a chart stays whole, with its heading; free text may run on */
  switch (item->question->kind)
    {
    case LANYARD_QUESTION_SCALE:
      n_bars = 5;
      break;
    case LANYARD_QUESTION_CHOICE:
      n_bars = g_strv_length (item->question->choices);
      break;
    case LANYARD_QUESTION_TEXT:
    default:
      n_bars = 2;
      break;
    }
  if (!room_for (sheet, h + 20 + n_bars * (BAR_H + BAR_GAP)))
    return;
  sheet->y += text_at (sheet, heading, MARGIN, sheet->y, width, 12, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL,
                       PANGO_ALIGN_LEFT, ink, TRUE) + 2;
  if (item->answers == 0)
    summary = g_strdup (_("No answers yet."));
  else if (item->question->kind == LANYARD_QUESTION_SCALE)
    {
      char mean[G_ASCII_DTOSTR_BUF_SIZE];

      g_snprintf (mean, sizeof mean, "%.2f", item->mean);
      /* Translators: the mean of 1–5 answers, e.g. "Mean 4.25 of 5, from 12 answers" */
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Mean %s of 5, from %u answer",
                                              "Mean %s of 5, from %u answers", item->answers), mean, item->answers);
    }
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u answer", "%u answers", item->answers),
                               item->answers);
  sheet->y += text_at (sheet, summary, MARGIN, sheet->y, width, 10, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,
                       PANGO_ALIGN_LEFT, grey, TRUE) + 6;

  switch (item->question->kind)
    {
    case LANYARD_QUESTION_SCALE:
      {
        /* Translators: the ends of a 1–5 scale, as labels of its bars */
        const char *labels[] = { C_("scale", "1 (lowest)"), "2", "3", "4", C_("scale", "5 (highest)") };

        bars (sheet, labels, item->scores, 5);
      }
      break;
    case LANYARD_QUESTION_CHOICE:
      bars (sheet, (const char * const *) item->question->choices, item->choices,
            g_strv_length (item->question->choices));
      break;
    case LANYARD_QUESTION_TEXT:
    default:
      for (guint i = 0; i < item->texts->len; i++)
        {
          g_autofree char *quoted = g_strdup_printf ("“%s”", (const char *) g_ptr_array_index (item->texts, i));

          h = text_at (sheet, quoted, MARGIN + 12, sheet->y, width - 12, 10, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC,
                       PANGO_ALIGN_LEFT, ink, FALSE);
          if (!room_for (sheet, h + 4))
            return;
          sheet->y += text_at (sheet, quoted, MARGIN + 12, sheet->y, width - 12, 10, PANGO_WEIGHT_NORMAL,
                               PANGO_STYLE_ITALIC, PANGO_ALIGN_LEFT, ink, TRUE) + 4;
        }
      break;
    }
  sheet->y += 16;
}

static void
draw (cairo_t                       *cr,
      const LanyardEvent            *event,
      const LanyardEvaluationReport *report,
      gboolean                       one_page)
{
  Sheet sheet = { cr, lanyard_render_layout_new (cr), MARGIN, one_page, FALSE };
  double width = PAGE_W - 2 * MARGIN;
  g_autofree char *completed =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u learner completed the evaluation.",
                                  "%u learners completed the evaluation.", report->completed), report->completed);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  sheet.y += text_at (&sheet, _("Evaluation summary"), MARGIN, sheet.y, width, 20, PANGO_WEIGHT_BOLD,
                      PANGO_STYLE_NORMAL, PANGO_ALIGN_LEFT, ink, TRUE) + 2;
  sheet.y += text_at (&sheet, event->title ? event->title : "", MARGIN, sheet.y, width, 13, PANGO_WEIGHT_NORMAL,
                      PANGO_STYLE_NORMAL, PANGO_ALIGN_LEFT, ink, TRUE) + 2;
  sheet.y += text_at (&sheet, completed, MARGIN, sheet.y, width, 10, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,
                      PANGO_ALIGN_LEFT, grey, TRUE) + 20;
  if (report->items->len == 0)
    text_at (&sheet, _("The event file has no evaluation questions."), MARGIN, sheet.y, width, 12,
             PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, PANGO_ALIGN_LEFT, ink, TRUE);
  for (guint i = 0; i < report->items->len && !sheet.full; i++)
    item (&sheet, g_ptr_array_index (report->items, i));
  g_object_unref (sheet.layout);
}

static gboolean
finish (cairo_surface_t  *surface,
        cairo_status_t    status,
        const char       *path,
        GError          **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (path);
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_RENDER,
                   _("The evaluation summary could not be written to “%s”: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

gboolean
lanyard_evaluation_render_pdf (const LanyardEvent            *event,
                               const LanyardEvaluationReport *report,
                               const char                    *pdf_path,
                               GError                       **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  if (!lanyard_render_check_output (pdf_path, error))
    return FALSE;
  surface = cairo_pdf_surface_create (pdf_path, PAGE_W, PAGE_H);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Lanyard " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Evaluation summary"));
  cr = cairo_create (surface);
  draw (cr, event, report, FALSE);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  return finish (surface, status, pdf_path, error);
}

gboolean
lanyard_evaluation_render_png (const LanyardEvent            *event,
                               const LanyardEvaluationReport *report,
                               const char                    *png_path,
                               GError                       **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  if (!lanyard_render_check_output (png_path, error))
    return FALSE;
  /* 150 dpi */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (PAGE_W * 150 / 72), (int) (PAGE_H * 150 / 72));
  cr = cairo_create (surface);
  cairo_scale (cr, 150.0 / 72, 150.0 / 72);
  draw (cr, event, report, TRUE);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png (surface, png_path);
  return finish (surface, status, png_path, error);
}
