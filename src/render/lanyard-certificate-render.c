/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "lanyard-attendee-field.h"
#include "lanyard-certificate-render.h"
#include "lanyard-error.h"
#include "lanyard-render-text.h"
#include "lanyard-render-words.h"

static const double NAVY[3] = { 0.08, 0.21, 0.36 };
static const double GOLD[3] = { 0.79, 0.64, 0.15 };
static const double INK[3]  = { 0.10, 0.10, 0.10 };
static const double GREY[3] = { 0.30, 0.30, 0.30 };

gboolean
lanyard_paper_from_string (const char   *text,
                           LanyardPaper *out_paper)
{
  if (g_ascii_strcasecmp (text, "letter") == 0)
    *out_paper = LANYARD_PAPER_LETTER;
  else if (g_ascii_strcasecmp (text, "a4") == 0)
    *out_paper = LANYARD_PAPER_A4;
  else
    return FALSE;
  return TRUE;
}

const char *
lanyard_paper_to_string (LanyardPaper paper)
{
  return paper == LANYARD_PAPER_A4 ? "a4" : "letter";
}

void
lanyard_paper_get_size (LanyardPaper  paper,
                        double       *width_pt,
                        double       *height_pt)
{
  if (paper == LANYARD_PAPER_A4)
    {
      *width_pt = 297.0 / 25.4 * 72.0;
      *height_pt = 210.0 / 25.4 * 72.0;
    }
  else
    {
      *width_pt = 11.0 * 72.0;
      *height_pt = 8.5 * 72.0;
    }
}

/* Statements and labels as markup: escaped, with the AMA credit name in
 * italics wherever it appears (CME.md: "AMA PRA Category 1 Credit(s)"™). */
static char *
credit_markup (const LanyardEvent *event,
               const char         *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  char *result = g_strdup (escaped);

  for (guint i = 0; i < event->credit_types->len; i++)
    {
      const LanyardCreditType *type = g_ptr_array_index (event->credit_types, i);
      g_autofree char *base = NULL;
      g_autofree char *escaped_base = NULL;
      g_autofree char *pattern = NULL;
      g_autoptr(GRegex) regex = NULL;
      char *replaced;

      if (!g_str_has_prefix (type->code, "AMA_PRA") || type->label == NULL)
        continue;
      base = g_strdup (type->label);
      if (g_str_has_suffix (base, "™"))
        base[strlen (base) - strlen ("™")] = '\0';
      if (g_str_has_suffix (base, "s"))
        base[strlen (base) - 1] = '\0';
      escaped_base = g_regex_escape_string (base, -1);
      pattern = g_strdup_printf ("(%s(?:s|\\(s\\))?)(?=™)", escaped_base);
      regex = g_regex_new (pattern, 0, 0, NULL);
      if (regex == NULL)
        continue;
      replaced = g_regex_replace (regex, result, -1, 0, "<i>\\1</i>", 0, NULL);
      if (replaced != NULL)
        {
          g_free (result);
          result = replaced;
        }
    }
  return result;
}

/* "AMA PRA Category 1 Credit™" → "AMA PRA Category 1 Credits™" for 2.5. */
static char *
label_for_amount (const LanyardCreditType *type,
                  double                   amount)
{
  const char *label = type->label != NULL ? type->label : type->code;

  if (amount != 1.0 && g_str_has_suffix (label, "Credit™"))
    {
      g_autofree char *stem = g_strndup (label, strlen (label) - strlen ("™"));

      return g_strconcat (stem, "s™", NULL);
    }
  if (amount != 1.0 && g_str_has_suffix (label, "Credit"))
    return g_strconcat (label, "s", NULL);
  return g_strdup (label);
}

/* A month's name in @language, whatever the process's locale (LC_TIME
 * may be C on a kiosk, or the screen's language). */
static const char *
month_name (const char *language,
            GDateTime  *date)
{
  static const char * const months[] = {
    NC_("month", "January"), NC_("month", "February"), NC_("month", "March"), NC_("month", "April"),
    NC_("month", "May"), NC_("month", "June"), NC_("month", "July"), NC_("month", "August"),
    NC_("month", "September"), NC_("month", "October"), NC_("month", "November"), NC_("month", "December"),
  };

  return lanyard_render_pgettext (language, "month", months[g_date_time_get_month (date) - 1]);
}

static char *
format_date (const char *language,
             GDateTime  *date)
{
  /* Translators: a date on a certificate: day, month's name, year ("14 May 2026") */
  return g_strdup_printf (lanyard_render_pgettext (language, "certificate date", "%1$d %2$s %3$d"),
                          g_date_time_get_day_of_month (date), month_name (language, date),
                          g_date_time_get_year (date));
}

/* The event's days, in @language: "14–16 May 2026". */
static char *
format_dates (const LanyardEvent *event,
              const char         *language)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *start_iso = g_strconcat (event->start_date ? event->start_date : "", "T12:00:00Z", NULL);
  g_autofree char *end_iso = g_strconcat (event->end_date ? event->end_date : "", "T12:00:00Z", NULL);

  start = g_date_time_new_from_iso8601 (start_iso, NULL);
  end = g_date_time_new_from_iso8601 (end_iso, NULL);
  if (start == NULL)
    return g_strdup ("");
  if (end == NULL || g_date_time_compare (start, end) == 0)
    return format_date (language, start);
  if (g_date_time_get_year (start) != g_date_time_get_year (end))
    {
      g_autofree char *a = format_date (language, start);
      g_autofree char *b = format_date (language, end);

      return g_strdup_printf ("%s – %s", a, b);
    }
  if (g_date_time_get_month (start) != g_date_time_get_month (end))
    /* Translators: the days of an event over two months: first day, its
     * month, last day, its month, year ("30 April – 2 May 2026") */
    return g_strdup_printf (lanyard_render_pgettext (language, "certificate dates", "%1$d %2$s – %3$d %4$s %5$d"),
                            g_date_time_get_day_of_month (start), month_name (language, start),
                            g_date_time_get_day_of_month (end), month_name (language, end),
                            g_date_time_get_year (end));
  /* Translators: the days of an event in one month: first day, last day,
   * month, year ("14–16 May 2026") */
  return g_strdup_printf (lanyard_render_pgettext (language, "certificate days", "%1$d–%2$d %3$s %4$d"),
                          g_date_time_get_day_of_month (start), g_date_time_get_day_of_month (end),
                          month_name (language, end), g_date_time_get_year (end));
}

typedef struct {
  cairo_t     *cr;
  PangoLayout *layout;
  double       x;
  double       width;
  double       y;
  const char  *language;   /* the words in it; NULL: the process's */
} Page;

/* A paragraph of markup at the cursor; moves the cursor below it. */
static void
paragraph (Page         *page,
           const char   *markup,
           double        size_pt,
           PangoWeight   weight,
           PangoAlignment align,
           const double  rgb[3],
           double        space_after)
{
  PangoFontDescription *desc = pango_font_description_from_string (LANYARD_RENDER_FONT_FAMILY);
  PangoRectangle logical;

  pango_font_description_set_absolute_size (desc, size_pt * PANGO_SCALE);
  pango_font_description_set_weight (desc, weight);
  pango_layout_set_font_description (page->layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (page->layout, (int) (page->width * PANGO_SCALE));
  pango_layout_set_wrap (page->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (page->layout, align);
  pango_layout_set_auto_dir (page->layout, TRUE);
  pango_layout_set_ellipsize (page->layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_height (page->layout, -1);
  pango_layout_set_markup (page->layout, markup, -1);
  pango_layout_get_extents (page->layout, NULL, &logical);

  cairo_set_source_rgb (page->cr, rgb[0], rgb[1], rgb[2]);
  cairo_move_to (page->cr, page->x, page->y);
  pango_cairo_show_layout (page->cr, page->layout);
  page->y += (double) logical.height / PANGO_SCALE + space_after;
}

static void
text_paragraph (Page          *page,
                const char    *text,
                double         size_pt,
                PangoWeight    weight,
                const double   rgb[3],
                double         space_after)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  paragraph (page, markup, size_pt, weight, PANGO_ALIGN_CENTER, rgb, space_after);
}

static void
draw_frame (cairo_t *cr,
            double   w,
            double   h)
{
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, NAVY[0], NAVY[1], NAVY[2]);
  cairo_set_line_width (cr, 5);
  cairo_rectangle (cr, 24, 24, w - 48, h - 48);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, GOLD[0], GOLD[1], GOLD[2]);
  cairo_set_line_width (cr, 1.2);
  cairo_rectangle (cr, 33, 33, w - 66, h - 66);
  cairo_stroke (cr);
}

static const char *
title_for (const LanyardCertificate *certificate,
           const char               *language)
{
  if (certificate->kind == LANYARD_CERTIFICATE_CREDIT)
    return lanyard_render_gettext (language, "Certificate of Credit");
  if (certificate->lines->len > 0)
    return lanyard_render_gettext (language, "Statement of Participation");
  return lanyard_render_gettext (language, "Certificate of Participation");
}

static void
draw_credit_lines (Page                     *page,
                   const LanyardEvent       *event,
                   const LanyardCertificate *certificate)
{
  for (guint i = 0; i < certificate->lines->len; i++)
    {
      const LanyardCertificateLine *line = g_ptr_array_index (certificate->lines, i);
      g_autofree char *label = label_for_amount (line->type, line->claimed);
      g_autofree char *label_markup = credit_markup (event, label);
      g_autofree char *amount = g_strdup_printf ("%.2f", line->claimed);
      g_autofree char *markup = NULL;

      if (certificate->kind == LANYARD_CERTIFICATE_CREDIT && line->attested)
        /* Translators: "2.50 AMA PRA Category 1 Credits™ claimed" */
        markup = g_strdup_printf (lanyard_render_gettext (page->language, "<b>%s</b> %s claimed"),
                                  amount, label_markup);
      else if (certificate->kind == LANYARD_CERTIFICATE_CREDIT && line->missing_id != NULL)
        /* No claim, and none possible until the desk adds an id (below).
         * Translators: "Credit earned: 2.25 ABIM MOC points" */
        markup = g_strdup_printf (lanyard_render_gettext (page->language, "Credit earned: <b>%s</b> %s"),
                                  amount, label_markup);
      else if (certificate->kind == LANYARD_CERTIFICATE_CREDIT)
        /* No claim recorded: what was earned, which the learner may claim
         * (CME.md: the provider records what each physician claims).
         * Translators: "Credit earned, to claim: 2.25 AMA PRA Category 1 Credits™" */
        markup = g_strdup_printf (lanyard_render_gettext (page->language, "Credit earned, to claim: <b>%s</b> %s"),
                                  amount, label_markup);
      else
        /* Translators: "1.50 ACPE contact hours of participation" */
        markup = g_strdup_printf (lanyard_render_gettext (page->language, "<b>%s</b> %s of participation"),
                                  amount, label_markup);
      paragraph (page, markup, 16, PANGO_WEIGHT_NORMAL, PANGO_ALIGN_CENTER, INK, 3);
      if (line->missing_id != NULL)
        {
          const LanyardAttendeeField *field = lanyard_attendee_field_find (line->missing_id);
          /* Translators: an id's name, e.g. "Your NABP e-Profile ID is not on your registration…" */
          g_autofree char *note = g_strdup_printf (lanyard_render_gettext (page->language,
                                                                           "Your %s is not on your registration: "
                                                                           "please see the registration desk so "
                                                                           "that this credit can be claimed and "
                                                                           "reported."),
                                                   lanyard_render_gettext (page->language, field->label));

          text_paragraph (page, note, 10, PANGO_WEIGHT_NORMAL, INK, 3);
        }
      if (line->type->uan != NULL)
        {
          g_autofree char *uan = g_strdup_printf (lanyard_render_gettext (page->language,
                                                                          "Universal Activity Number %s"),
                                                  line->type->uan);

          text_paragraph (page, uan, 10, PANGO_WEIGHT_NORMAL, GREY, 3);
        }
    }

  for (guint i = 0; i < certificate->pending->len; i++)
    {
      const LanyardCreditType *type = g_ptr_array_index (certificate->pending, i);
      g_autofree char *text = g_strdup_printf (lanyard_render_gettext (page->language,
                                                                       "%s will be listed once the activity "
                                                                       "evaluation is complete."),
                                               type->label);

      text_paragraph (page, text, 10, PANGO_WEIGHT_NORMAL, GREY, 3);
    }
}

/* Documentation of participation (CME.md): the hours attended, and what
 * the activity was designated for — a physician credit, never "claimed". */
static void
draw_participation (Page                     *page,
                    const LanyardEvent       *event,
                    const LanyardCertificate *certificate)
{
  g_autofree char *hours = g_strdup_printf ("%.2f", certificate->hours);
  g_autofree char *hours_markup = NULL;
  g_autofree char *minutes = g_strdup_printf (lanyard_render_ngettext (page->language, "%d minute", "%d minutes",
                                                                       certificate->minutes), certificate->minutes);
  g_autofree char *sessions = g_strdup_printf (lanyard_render_ngettext (page->language, "%d session", "%d sessions",
                                                                        certificate->sessions), certificate->sessions);
  g_autofree char *attended = NULL;

  /* Translators: "1.50 hours of participation" */
  hours_markup = g_strdup_printf (lanyard_render_gettext (page->language, "<b>%s</b> hours of participation"),
                                  hours);
  paragraph (page, hours_markup, 16, PANGO_WEIGHT_NORMAL, PANGO_ALIGN_CENTER, INK, 3);
  /* Translators: "95 minutes of attendance in 2 sessions" */
  attended = g_strdup_printf (lanyard_render_gettext (page->language, "%s of attendance in %s"), minutes, sessions);
  text_paragraph (page, attended, 10, PANGO_WEIGHT_NORMAL, GREY, 3);

  if (certificate->designated != NULL)
    {
      g_autofree char *amount = g_strdup_printf ("%.2f", certificate->designated->max_credits);
      g_autofree char *label = label_for_amount (certificate->designated, certificate->designated->max_credits);
      g_autofree char *label_markup = credit_markup (event, label);
      g_autofree char *markup = NULL;

      /* Translators: "This activity was designated for a maximum of 19.00 AMA PRA Category 1 Credits™." */
      markup = g_strdup_printf (lanyard_render_gettext (page->language,
                                                        "This activity was designated for a maximum of %s %s."),
                                amount, label_markup);
      paragraph (page, markup, 10, PANGO_WEIGHT_NORMAL, PANGO_ALIGN_CENTER, INK, 3);
    }
}

static void
draw_statements (Page                     *page,
                 const LanyardEvent       *event,
                 const LanyardCertificate *certificate)
{
  g_autoptr(GString) designations = g_string_new (NULL);

  for (guint i = 0; i < certificate->lines->len; i++)
    {
      const LanyardCertificateLine *line = g_ptr_array_index (certificate->lines, i);
      g_autofree char *markup = NULL;

      if (line->type->designation_statement == NULL)
        continue;
      markup = credit_markup (event, line->type->designation_statement);
      g_string_append_printf (designations, "%s%s", designations->len ? "\n" : "", markup);
    }

  /* Joint Accreditation's statement stands alone, set apart (CME.md). */
  if (event->joint_accreditation_statement != NULL)
    {
      g_autofree char *markup = g_markup_escape_text (event->joint_accreditation_statement, -1);

      cairo_set_source_rgb (page->cr, GOLD[0], GOLD[1], GOLD[2]);
      cairo_set_line_width (page->cr, 0.8);
      cairo_move_to (page->cr, page->x + page->width * 0.3, page->y);
      cairo_line_to (page->cr, page->x + page->width * 0.7, page->y);
      cairo_stroke (page->cr);
      page->y += 6;
      paragraph (page, markup, 8.5, PANGO_WEIGHT_NORMAL, PANGO_ALIGN_CENTER, GREY, 6);
    }
  else if (event->accreditation_statement != NULL)
    {
      g_autofree char *markup = g_markup_escape_text (event->accreditation_statement, -1);

      paragraph (page, markup, 8.5, PANGO_WEIGHT_NORMAL, PANGO_ALIGN_CENTER, GREY, 6);
    }
  if (designations->len > 0)
    paragraph (page, designations->str, 8.5, PANGO_WEIGHT_NORMAL, PANGO_ALIGN_CENTER, GREY, 6);
  if (event->ipce_statement != NULL)
    {
      g_autofree char *markup = g_markup_escape_text (event->ipce_statement, -1);

      paragraph (page, markup, 8.5, PANGO_WEIGHT_NORMAL, PANGO_ALIGN_CENTER, GREY, 6);
    }
}

void
lanyard_certificate_draw (cairo_t                  *cr,
                          double                    w,
                          double                    h,
                          const LanyardEvent       *event,
                          const LanyardCertificate *certificate,
                          gint64                    issued_at,
                          const char               *language)
{
  g_autoptr(PangoLayout) layout = lanyard_render_layout_new (cr);
  Page page = { cr, layout, 72, w - 144, 60, language };
  LanyardTextStyle name_style = { PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, PANGO_ALIGN_CENTER, 34, 16, { NAVY[0], NAVY[1], NAVY[2] }, TRUE };
  LanyardBox name_box;
  g_autofree char *dates = format_dates (event, language);
  g_autofree char *place = NULL;
  g_autofree char *format_line = NULL;
  g_autoptr(GDateTime) issued = g_date_time_new_from_unix_utc (issued_at / G_USEC_PER_SEC);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (event->time_zone ? event->time_zone : "UTC");
  g_autoptr(GDateTime) issued_local = NULL;
  g_autofree char *issued_text = NULL;
  g_autofree char *footer = NULL;

  draw_frame (cr, w, h);

  text_paragraph (&page, event->provider ? event->provider : "", 13, PANGO_WEIGHT_SEMIBOLD, GREY, 10);
  text_paragraph (&page, title_for (certificate, language), 30, PANGO_WEIGHT_BOLD, NAVY, 12);
  text_paragraph (&page, lanyard_render_gettext (language, "This certifies that"), 12, PANGO_WEIGHT_NORMAL, GREY, 4);

  /* The learner's name is attendee text: fitted, never parsed as markup.
   * The line reads in the certificate's direction; each name and the
   * credentials in their own (isolated), so an Arabic first name does not
   * turn "…, MD" around it. */
  name_box = (LanyardBox) { page.x, page.y, page.width, 44 };
  lanyard_render_fit_text (cr, layout, &name_box,
                           certificate->learner_drawn != NULL ? certificate->learner_drawn : certificate->learner,
                           &name_style, NULL);
  cairo_set_source_rgb (cr, GOLD[0], GOLD[1], GOLD[2]);
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, page.x + page.width * 0.2, page.y + 48);
  cairo_line_to (cr, page.x + page.width * 0.8, page.y + 48);
  cairo_stroke (cr);
  page.y += 56;

  /* Translators: "participated in the live activity" */
  format_line = g_strdup_printf (lanyard_render_gettext (language, "participated in the %s"),
                                 event->learning_format ? event->learning_format
                                                        : lanyard_render_gettext (language, "live activity"));
  text_paragraph (&page, format_line, 12, PANGO_WEIGHT_NORMAL, GREY, 4);
  text_paragraph (&page, event->title ? event->title : "", 19, PANGO_WEIGHT_BOLD, INK, 4);
  place = g_strdup_printf ("%s, %s · %s", event->venue ? event->venue : "", event->city ? event->city : "", dates);
  text_paragraph (&page, place, 12, PANGO_WEIGHT_NORMAL, GREY, 14);

  draw_credit_lines (&page, event, certificate);
  if (certificate->kind == LANYARD_CERTIFICATE_PARTICIPATION && certificate->lines->len > 0)
    text_paragraph (&page,
                    lanyard_render_gettext (language,
                                            "Pharmacy credit is reported to CPE Monitor with your NABP "
                                            "e-Profile ID and birth month and day. This statement is not "
                                            "the official record of credit; CPE Monitor is."),
                    10, PANGO_WEIGHT_NORMAL, INK, 4);
  else if (certificate->lines->len == 0)
    draw_participation (&page, event, certificate);

  /* Statements at the foot of the page, whatever the credits above took. */
  page.y = MAX (page.y + 10, h - 200);
  draw_statements (&page, event, certificate);

  issued_local = g_date_time_to_timezone (issued, tz);
  issued_text = format_date (language, issued_local);
  footer = g_strdup_printf (lanyard_render_gettext (language, "Issued %s · %s, %s"), issued_text,
                            event->provider ? event->provider : "",
                            event->provider_address ? event->provider_address : "");
  page.y = h - 58;
  text_paragraph (&page, footer, 8, PANGO_WEIGHT_NORMAL, GREY, 0);
}

gboolean
lanyard_certificate_render_pdf (const LanyardEvent       *event,
                                const LanyardCertificate *certificate,
                                LanyardPaper              paper,
                                gint64                    issued_at,
                                const char               *language,
                                const char               *pdf_path,
                                GError                  **error)
{
  double w, h;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  if (!lanyard_render_check_output (pdf_path, error))
    return FALSE;
  lanyard_paper_get_size (paper, &w, &h);
  surface = cairo_pdf_surface_create (pdf_path, w, h);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Lanyard " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title_for (certificate, language));
  cr = cairo_create (surface);
  lanyard_certificate_draw (cr, w, h, event, certificate, issued_at, language);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (pdf_path);
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_RENDER,
                   _("The certificate could not be written to “%s”: %s"), pdf_path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
