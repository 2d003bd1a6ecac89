/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <librsvg/rsvg.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <string.h>

#include "lanyard-badge.h"
#include "lanyard-error.h"
#include "lanyard-render-text.h"
#include "lanyard-render-words.h"

#define QR_QUIET_ZONE_MODULES 4

typedef enum {
  FIELD_EVENT,
  FIELD_FIRST_NAME,
  FIELD_LAST_NAME,
  FIELD_CREDENTIALS,
  FIELD_AFFILIATION,
  FIELD_ROLE,
  FIELD_QR,
  N_FIELDS
} Field;

static const char * const field_ids[N_FIELDS] = {
  "event", "first_name", "last_name", "credentials", "affiliation", "role", "qr",
};

/* Boxes a template must have; "event" is optional. */
static const gboolean field_required[N_FIELDS] = {
  FALSE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE,
};

#define N_ROLES (LANYARD_ROLE_PRESS + 1)

typedef struct {
  gboolean         present;
  LanyardBox       box;
  LanyardTextStyle style;
} FieldBox;

struct _LanyardBadgeTemplate {
  char        *name;
  char        *path;              /* linked images are found beside it */
  GBytes      *svg;
  double       width_pt;
  double       height_pt;
  int          dpi;
  FieldBox     fields[N_FIELDS];
  RsvgHandle  *by_role[N_ROLES];  /* the artwork with only that role's ribbon */
  RsvgHandle  *mono_by_role[N_ROLES]; /* the same with the template's mono layer */
  int          mono_dpi;          /* > 0: drawn for a monochrome printer of that resolution */
  gboolean     drawing_mono;      /* handle_for_role gives the mono variant */
  char        *language;          /* the badge's words in it; NULL: the process's */
  PangoLayout *layout;            /* reused between badges; bound to no surface */
  cairo_surface_t *layout_surface;
};

static const char * const shipped_names[] = { "4x3", "4x6", "a6", "cr80", NULL };

const char * const *
lanyard_badge_template_list_names (void)
{
  return shipped_names;
}

void
lanyard_badge_template_free (LanyardBadgeTemplate *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->path);
  g_free (self->language);
  g_clear_pointer (&self->svg, g_bytes_unref);
  for (guint i = 0; i < N_ROLES; i++)
    {
      g_clear_object (&self->by_role[i]);
      g_clear_object (&self->mono_by_role[i]);
    }
  g_clear_object (&self->layout);
  g_clear_pointer (&self->layout_surface, cairo_surface_destroy);
  g_free (self);
}

const char *
lanyard_badge_template_get_name (const LanyardBadgeTemplate *self)
{
  return self->name;
}

double
lanyard_badge_template_get_width_pt (const LanyardBadgeTemplate *self)
{
  return self->width_pt;
}

double
lanyard_badge_template_get_height_pt (const LanyardBadgeTemplate *self)
{
  return self->height_pt;
}

int
lanyard_badge_template_get_dpi (const LanyardBadgeTemplate *self)
{
  return self->dpi;
}

/* "4in", "105mm", "288pt", "288" (CSS px) → points. */
/* A text size hint (data-max-pt, data-min-pt): 0, unset, unless a number
 * above 0; at most 1000 pt, past any box on a card (the text shrinks to
 * its box anyway). fuzz-badge-template found 1e12 turned negative on its
 * way into Pango's units. */
static double
parse_points (const char *text)
{
  double value = g_ascii_strtod (text, NULL);

  if (!(value > 0) || !isfinite (value))
    return 0;
  return MIN (value, 1000);
}

/* 600 mm: a sheet of A2, past any badge or label printer. */
#define MAX_SIDE_PT (600 * 72.0 / 25.4)

static gboolean
parse_length (const char *text,
              double     *out_pt)
{
  static const struct { const char *unit; double pt; } units[] = {
    { "in", 72.0 }, { "mm", 72.0 / 25.4 }, { "cm", 72.0 / 2.54 },
    { "pt", 1.0 }, { "pc", 12.0 }, { "px", 0.75 }, { "", 0.75 },
  };
  char *end = NULL;
  double value;

  if (text == NULL)
    return FALSE;
  value = g_ascii_strtod (text, &end);
  if (end == text || !(value > 0) || !isfinite (value))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_strcmp0 (end, units[i].unit) == 0)
      {
        *out_pt = value * units[i].pt;
        return TRUE;
      }
  return FALSE;
}

static gboolean
parse_color (const char *text,
             double      rgb[3])
{
  guint r, g, b;

  if (text == NULL || strlen (text) != 7 || sscanf (text, "#%2x%2x%2x", &r, &g, &b) != 3)
    return FALSE;
  rgb[0] = r / 255.0;
  rgb[1] = g / 255.0;
  rgb[2] = b / 255.0;
  return TRUE;
}

typedef struct {
  LanyardBadgeTemplate *self;
  const char           *path;
  gboolean              seen_root;
  char                 *width;
  char                 *height;
  char                 *dpi;
} ParseState;

static void
replace_str (char       **slot,
             const char  *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

static void
read_field_attributes (FieldBox     *field,
                       const char  **names,
                       const char  **values)
{
  field->style = (LanyardTextStyle) { PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, PANGO_ALIGN_LEFT, 0, 0, { 0.07, 0.07, 0.07 } };
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], "data-align"))
        field->style.align = g_str_equal (values[i], "center") ? PANGO_ALIGN_CENTER
                           : g_str_equal (values[i], "end") ? PANGO_ALIGN_RIGHT
                           : PANGO_ALIGN_LEFT;
      else if (g_str_equal (names[i], "data-weight"))
        field->style.weight = g_str_equal (values[i], "bold") ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL;
      else if (g_str_equal (names[i], "data-color"))
        parse_color (values[i], field->style.rgb);
      else if (g_str_equal (names[i], "data-max-pt"))
        field->style.max_pt = parse_points (values[i]);
      else if (g_str_equal (names[i], "data-min-pt"))
        field->style.min_pt = parse_points (values[i]);
    }
}

/* What an href may name: a part of this document (#id), an embedded image
 * (data:), or a file in the template's own folder or below it — never an
 * absolute path, a way up (..) or anything with a scheme (http:, file:). */
static gboolean
link_is_allowed (const char *href)
{
  g_auto(GStrv) parts = NULL;

  if (href[0] == '#' || g_str_has_prefix (href, "data:"))
    return TRUE;
  if (href[0] == '\0' || g_path_is_absolute (href) || g_uri_peek_scheme (href) != NULL || strchr (href, '\\') != NULL)
    return FALSE;
  parts = g_strsplit (href, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (parts[i], ".."))
      return FALSE;
  return TRUE;
}

static void
on_start_element (GMarkupParseContext  *context,
                  const char           *element,
                  const char          **names,
                  const char          **values,
                  gpointer              user_data,
                  GError              **error)
{
  ParseState *state = user_data;

  if (!state->seen_root)
    {
      state->seen_root = TRUE;
      if (!g_str_equal (element, "svg"))
        {
          g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_RENDER,
                       _("This badge template is not an SVG file."));
          return;
        }
      for (guint i = 0; names[i] != NULL; i++)
        {
          if (g_str_equal (names[i], "width"))
            replace_str (&state->width, values[i]);
          else if (g_str_equal (names[i], "height"))
            replace_str (&state->height, values[i]);
          else if (g_str_equal (names[i], "data-dpi"))
            replace_str (&state->dpi, values[i]);
        }
      return;
    }

  for (guint i = 0; names[i] != NULL; i++)
    if ((g_str_equal (names[i], "href") || g_str_equal (names[i], "xlink:href")) &&
        !link_is_allowed (values[i]))
      {
        const char *id = NULL;

        for (guint j = 0; names[j] != NULL; j++)
          if (g_str_equal (names[j], "id"))
            id = values[j];
        g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_RENDER,
                     _("The badge template “%s” links “%s” in its element “%s”: only images in the template’s own "
                       "folder can be linked. Copy the image beside the template, or embed it (in Inkscape: "
                       "File → Import, Embed)."),
                     state->path, values[i], id != NULL ? id : element);
        return;
      }

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (!g_str_equal (names[i], "id"))
        continue;
      for (guint f = 0; f < N_FIELDS; f++)
        if (g_str_equal (values[i], field_ids[f]))
          {
            state->self->fields[f].present = TRUE;
            read_field_attributes (&state->self->fields[f], names, values);
          }
    }
}

static gboolean
parse_template (LanyardBadgeTemplate *self,
                const char           *path,
                GError              **error)
{
  static const GMarkupParser parser = { on_start_element, NULL, NULL, NULL, NULL };
  ParseState state = { self, path, FALSE, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, &state, NULL);
  gsize size;
  const char *data = g_bytes_get_data (self->svg, &size);
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  ok = g_markup_parse_context_parse (context, data, size, &local_error)
       && g_markup_parse_context_end_parse (context, &local_error);
  if (!ok)
    {
      /* GMarkup quotes the offending bytes, which need not be UTF-8. */
      g_autofree char *reason = g_utf8_make_valid (local_error->message, -1);

      if (!g_error_matches (local_error, LANYARD_ERROR, LANYARD_ERROR_RENDER))
        g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_RENDER,
                     _("The badge template “%s” could not be read: %s"), path, reason);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
    }
  else if (!parse_length (state.width, &self->width_pt) || !parse_length (state.height, &self->height_pt))
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_RENDER,
                   _("The badge template “%s” needs a width and a height with units (e.g. 4in, 105mm)."), path);
      ok = FALSE;
    }
  else if (self->width_pt > MAX_SIDE_PT || self->height_pt > MAX_SIDE_PT)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_RENDER,
                   _("The badge template “%s” is larger than a badge can be: at most 600 mm on a side."), path);
      ok = FALSE;
    }
  else
    {
      self->dpi = state.dpi != NULL ? (int) g_ascii_strtoll (state.dpi, NULL, 10) : 300;
      if (self->dpi < 72 || self->dpi > 2400)
        {
          g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_RENDER,
                       _("The badge template “%s” declares a printer resolution of %s dpi, which is not usable."),
                       path, state.dpi);
          ok = FALSE;
        }
    }

  for (guint f = 0; ok && f < N_FIELDS; f++)
    if (field_required[f] && !self->fields[f].present)
      {
        g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_RENDER,
                     _("The badge template “%s” has no box with id “%s”."), path, field_ids[f]);
        ok = FALSE;
      }

  g_free (state.width);
  g_free (state.height);
  g_free (state.dpi);
  return ok;
}

static RsvgRectangle
page_viewport (const LanyardBadgeTemplate *self)
{
  return (RsvgRectangle) { 0, 0, self->width_pt, self->height_pt };
}

/* The artwork for one role: the other roles' ribbons hidden, and the boxes
 * (drawn dashed so they can be seen in an editor) never printed. */
static RsvgHandle *
handle_for_role (LanyardBadgeTemplate *self,
                 LanyardRole           role,
                 GError              **error)
{
  g_autoptr(GString) css = g_string_new (NULL);
  g_autoptr(GObject) handle = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GFile) base = NULL;

  RsvgHandle **slot = self->drawing_mono ? &self->mono_by_role[role] : &self->by_role[role];

  if (*slot != NULL)
    return *slot;

  /* From the template's file, so that librsvg finds linked images beside
   * it (and, by its own rule, nowhere else). */
  stream = g_memory_input_stream_new_from_bytes (self->svg);
  base = g_file_new_for_path (self->path);
  handle = G_OBJECT (rsvg_handle_new_from_stream_sync (stream, base, RSVG_HANDLE_FLAGS_NONE, NULL, error));
  if (handle == NULL)
    return NULL;
  rsvg_handle_set_dpi (RSVG_HANDLE (handle), 72.0);

  for (guint r = 0; r < N_ROLES; r++)
    if (r != role)
      g_string_append_printf (css, "#ribbon-%s, ", lanyard_role_to_string (r));
  g_string_append (css, "#lanyard-none { display: none !important; }\n");
  for (guint f = 0; f < N_FIELDS; f++)
    g_string_append_printf (css, "#%s, ", field_ids[f]);
  g_string_append (css, "#lanyard-none { fill: none !important; stroke: none !important; }\n");
  if (self->drawing_mono)
    /* The template's own mono variant: data-mono="black|white|none" on
     * any element, for where the 50 % threshold would get it wrong. */
    g_string_append (css,
                     "[data-mono=\"black\"] { fill: #000000 !important; stroke: #000000 !important;"
                     " fill-opacity: 1 !important; opacity: 1 !important; }\n"
                     "[data-mono=\"white\"] { fill: #ffffff !important; stroke: #ffffff !important;"
                     " fill-opacity: 1 !important; opacity: 1 !important; }\n"
                     "[data-mono=\"none\"] { display: none !important; }\n");
  if (!rsvg_handle_set_stylesheet (RSVG_HANDLE (handle), (const guint8 *) css->str, css->len, error))
    return NULL;

  *slot = RSVG_HANDLE (g_steal_pointer (&handle));
  return *slot;
}

static gboolean
measure_boxes (LanyardBadgeTemplate *self,
               const char           *path,
               GError              **error)
{
  RsvgRectangle viewport = page_viewport (self);
  RsvgHandle *handle = handle_for_role (self, LANYARD_ROLE_ATTENDEE, error);

  if (handle == NULL)
    return FALSE;

  for (guint f = 0; f < N_FIELDS; f++)
    {
      g_autofree char *id = g_strconcat ("#", field_ids[f], NULL);
      RsvgRectangle ink, logical;
      double x0, y0, x1, y1;

      if (!self->fields[f].present)
        continue;
      if (!rsvg_handle_get_geometry_for_layer (handle, id, &viewport, &ink, &logical, error))
        return FALSE;
      if (!(logical.width > 0 && logical.height > 0))
        {
          g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_RENDER,
                       _("The box “%s” in the badge template “%s” is empty."), field_ids[f], path);
          return FALSE;
        }
      /* Text is drawn in the part of the box that is on the card; a box
       * far off it once made a text width past what Pango can hold. */
      x0 = MAX (logical.x, 0);
      y0 = MAX (logical.y, 0);
      x1 = MIN (logical.x + logical.width, self->width_pt);
      y1 = MIN (logical.y + logical.height, self->height_pt);
      if (!(x1 > x0 && y1 > y0))
        {
          g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_RENDER,
                       _("The box “%s” in the badge template “%s” lies outside the card."), field_ids[f], path);
          return FALSE;
        }
      self->fields[f].box = (LanyardBox) { x0, y0, x1 - x0, y1 - y0 };
    }
  return TRUE;
}

static char *
find_template_file (const char *name_or_path)
{
  const char *dirs[] = { g_getenv ("LANYARD_BADGE_DIR"), PKGDATADIR "/badges", SOURCE_DIR "/data/badges" };

  if (strchr (name_or_path, '/') != NULL || g_str_has_suffix (name_or_path, ".svg"))
    return g_strdup (name_or_path);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *file = NULL;

      if (dirs[i] == NULL)
        continue;
      file = g_strdup_printf ("%s/%s.svg", dirs[i], name_or_path);
      if (g_file_test (file, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&file);
    }
  return NULL;
}

LanyardBadgeTemplate *
lanyard_badge_template_load (const char  *name_or_path,
                             GError     **error)
{
  g_autoptr(LanyardBadgeTemplate) self = g_new0 (LanyardBadgeTemplate, 1);
  g_autofree char *path = find_template_file (name_or_path);
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length;

  if (path == NULL)
    {
      g_autofree char *names = g_strjoinv (", ", (char **) shipped_names);

      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_NOT_FOUND,
                   _("There is no badge template “%s”. The templates are: %s, or a path to an SVG file."),
                   name_or_path, names);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_RENDER,
                   _("The badge template could not be read: %s"), local_error->message);
      return NULL;
    }
  self->svg = g_bytes_new_take (contents, length);
  self->name = g_path_get_basename (path);
  self->path = g_canonicalize_filename (path, NULL);
  if (g_str_has_suffix (self->name, ".svg"))
    self->name[strlen (self->name) - 4] = '\0';

  if (!parse_template (self, path, error) || !measure_boxes (self, path, error))
    return NULL;

  self->layout_surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  {
    cairo_t *cr = cairo_create (self->layout_surface);

    self->layout = lanyard_render_layout_new (cr);
    cairo_destroy (cr);
  }
  return g_steal_pointer (&self);
}

/* The QR code as crisp squares: each module a whole number of printer dots,
 * on the printer's dot grid, with a 4-module quiet zone, centred in the box. */
static gboolean
draw_qr (LanyardBadgeTemplate *self,
         cairo_t              *cr,
         const LanyardBox     *box,
         const char           *code,
         GError              **error)
{
  QRcode *qr = QRcode_encodeString (code, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  double dot = 72.0 / self->dpi;
  double side = MIN (box->width, box->height);
  int modules, dots_per_module;
  double module, x0, y0;

  if (qr == NULL)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_RENDER,
                   _("The badge code could not be made into a QR code."));
      return FALSE;
    }

  modules = qr->width + 2 * QR_QUIET_ZONE_MODULES;
  dots_per_module = (int) floor (side / dot / modules);
  if (dots_per_module < 2)
    {
      QRcode_free (qr);
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_RENDER,
                   _("The QR box of the badge template is too small for a code that scanners can read."));
      return FALSE;
    }
  module = dots_per_module * dot;
  x0 = round ((box->x + (box->width - modules * module) / 2) / dot) * dot;
  y0 = round ((box->y + (box->height - modules * module) / 2) / dot) * dot;

  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x0, y0, modules * module, modules * module);
  cairo_fill (cr);

  /* One path of horizontal runs: fewer, larger rectangles, no seams. */
  for (int r = 0; r < qr->width; r++)
    {
      const unsigned char *row = qr->data + r * qr->width;

      for (int c = 0; c < qr->width;)
        {
          int start = c;

          if (!(row[c] & 1))
            {
              c++;
              continue;
            }
          while (c < qr->width && (row[c] & 1))
            c++;
          cairo_rectangle (cr,
                           x0 + (QR_QUIET_ZONE_MODULES + start) * module,
                           y0 + (QR_QUIET_ZONE_MODULES + r) * module,
                           (c - start) * module, module);
        }
    }
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_fill (cr);
  cairo_restore (cr);
  QRcode_free (qr);
  return TRUE;
}

static const char *
role_word (const LanyardBadgeTemplate *self,
           LanyardRole                 role)
{
  switch (role)
    {
    case LANYARD_ROLE_FACULTY:
      return lanyard_render_pgettext (self->language, "badge ribbon", "FACULTY");
    case LANYARD_ROLE_EXHIBITOR:
      return lanyard_render_pgettext (self->language, "badge ribbon", "EXHIBITOR");
    case LANYARD_ROLE_STAFF:
      return lanyard_render_pgettext (self->language, "badge ribbon", "STAFF");
    case LANYARD_ROLE_PRESS:
      return lanyard_render_pgettext (self->language, "badge ribbon", "PRESS");
    case LANYARD_ROLE_ATTENDEE:
    default:
      return lanyard_render_pgettext (self->language, "badge ribbon", "ATTENDEE");
    }
}

static void
draw_field (LanyardBadgeTemplate *self,
            cairo_t              *cr,
            Field                 field,
            const char           *text)
{
  const FieldBox *f = &self->fields[field];

  if (!f->present || text == NULL || *text == '\0')
    return;
  lanyard_render_fit_text (cr, self->layout, &f->box, text, &f->style, NULL);
}

/* What the first_name (large) and last_name boxes hold: a name in one
 * piece goes whole into the large box. */
void
lanyard_badge_name_boxes (const LanyardAttendee  *attendee,
                          char                  **large,
                          char                  **small)
{
  if (lanyard_attendee_is_family_name_first (attendee))
    {
      /* 王小明: the whole name in the large box, family name first, each
       * part isolated so that one cannot reorder the other. */
      *large = g_strconcat ("\u2068", attendee->last_name, "\u2069\u2068", attendee->first_name, "\u2069", NULL);
      *small = NULL;
      return;
    }
  if (attendee->first_name == NULL || *attendee->first_name == '\0')
    {
      /* an export's full name ("Hiroshi Tanaka", "山田太郎"), never split */
      *large = g_strdup (attendee->last_name);
      *small = NULL;
      return;
    }
  *large = g_strdup (attendee->first_name);
  *small = g_strdup (attendee->last_name);
}

static gboolean
draw_badge (LanyardBadgeTemplate  *self,
            cairo_t               *cr,
            const LanyardEvent    *event,
            const LanyardAttendee *attendee,
            const char            *badge_code,
            GError               **error)
{
  RsvgRectangle viewport = page_viewport (self);
  LanyardRole role = attendee->role < N_ROLES ? attendee->role : LANYARD_ROLE_ATTENDEE;
  RsvgHandle *handle = handle_for_role (self, role, error);
  g_autofree char *large = NULL;
  g_autofree char *small = NULL;

  if (handle == NULL || !rsvg_handle_render_document (handle, cr, &viewport, error))
    return FALSE;

  /* Layouts are measured for this target from here on. */
  pango_cairo_update_layout (cr, self->layout);

  draw_field (self, cr, FIELD_EVENT, event != NULL ? event->title : NULL);
  lanyard_badge_name_boxes (attendee, &large, &small);
  draw_field (self, cr, FIELD_FIRST_NAME, large);
  draw_field (self, cr, FIELD_LAST_NAME, small);
  draw_field (self, cr, FIELD_CREDENTIALS, attendee->credentials);
  draw_field (self, cr, FIELD_AFFILIATION, attendee->affiliation);
  draw_field (self, cr, FIELD_ROLE, role_word (self, role));

  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_RENDER,
                   _("The badge could not be drawn: %s"), cairo_status_to_string (cairo_status (cr)));
      return FALSE;
    }
  return draw_qr (self, cr, &self->fields[FIELD_QR].box, badge_code, error);
}

void
lanyard_badge_template_set_language (LanyardBadgeTemplate *self,
                                     const char           *language)
{
  g_free (self->language);
  self->language = g_strdup (language);
}

void
lanyard_badge_template_set_monochrome (LanyardBadgeTemplate *self,
                                       int                   dpi)
{
  self->mono_dpi = dpi > 0 ? CLAMP (dpi, 72, 2400) : 0;
}

/* One row of dots: black where the luminance is below 50 %, as A1 (one
 * bit a pixel in native 32-bit words). A badge is mostly white paper and
 * solid bands of one colour: 32 dots of one colour are weighed once, and
 * only the words with an edge (antialiased text, the QR) dot by dot. */
static inline guint32
dot_is_black (guint32 p)
{
  /* (0.299 R + 0.587 G + 0.114 B) < 128, in integers */
  return ((p >> 16) & 0xff) * 299 + ((p >> 8) & 0xff) * 587 + (p & 0xff) * 114 < 128 * 1000;
}

static void
threshold_row (const guint32 *in,
               guint32       *out,
               int            width)
{
  for (int x0 = 0; x0 < width; x0 += 32)
    {
      int n = MIN (32, width - x0);
      const guint32 *p = in + x0;
      guint32 all_and = 0xffffffffu, all_or = 0;
      guint32 word = 0;

      for (int i = 0; i < n; i++)
        {
          all_and &= p[i];
          all_or |= p[i];
        }
      if (((all_and ^ all_or) & 0xffffff) == 0)
        word = dot_is_black (all_or) ? (n == 32 ? 0xffffffffu : (1u << n) - 1) : 0;
      else
        for (int i = 0; i < n; i++)
          word |= dot_is_black (p[i]) << i;
#if G_BYTE_ORDER == G_BIG_ENDIAN
      /* A1's first pixel is the word's high bit there. */
      {
        guint32 r = 0;

        for (int i = 0; i < 32; i++)
          r |= ((word >> i) & 1u) << (31 - i);
        word = r;
      }
#endif
      out[x0 >> 5] = word;
    }
}

/* For a monochrome printer: the badge drawn at the printer's resolution
 * with the template's mono layer, each dot then made black or white (50 %
 * luminance), and handed on as a 1-bit mask of exactly one pixel a dot.
 * Colour areas come out solid, text on them keeps clean edges, and no
 * grey is left for the driver to dither. The QR is snapped to the same
 * dots. */
static gboolean
draw_mono (LanyardBadgeTemplate  *self,
           cairo_t               *cr,
           const LanyardEvent    *event,
           const LanyardAttendee *attendee,
           const char            *badge_code,
           GError               **error)
{
  int dpi = self->mono_dpi;
  int width = (int) round (self->width_pt * dpi / 72.0);
  int height = (int) round (self->height_pt * dpi / 72.0);
  int saved_dpi = self->dpi;
  cairo_surface_t *grey = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_surface_t *mask = cairo_image_surface_create (CAIRO_FORMAT_A1, width, height);
  cairo_t *gcr = cairo_create (grey);
  cairo_pattern_t *pattern;
  gboolean ok;

  cairo_set_source_rgb (gcr, 1, 1, 1);
  cairo_paint (gcr);
  cairo_scale (gcr, dpi / 72.0, dpi / 72.0);
  self->dpi = dpi;
  self->drawing_mono = TRUE;
  ok = draw_badge (self, gcr, event, attendee, badge_code, error);
  self->drawing_mono = FALSE;
  self->dpi = saved_dpi;
  cairo_destroy (gcr);

  if (ok)
    {
      const guint8 *src;
      guint8 *dst;
      int src_stride = cairo_image_surface_get_stride (grey);
      int dst_stride = cairo_image_surface_get_stride (mask);

      cairo_surface_flush (grey);
      cairo_surface_flush (mask);
      src = cairo_image_surface_get_data (grey);
      dst = cairo_image_surface_get_data (mask);
      for (int y = 0; y < height; y++)
        threshold_row ((const guint32 *) (src + y * src_stride), (guint32 *) (dst + y * dst_stride), width);
      cairo_surface_mark_dirty (mask);

      cairo_save (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, 0, 0, self->width_pt, self->height_pt);
      cairo_fill (cr);
      cairo_scale (cr, 72.0 / dpi, 72.0 / dpi);
      pattern = cairo_pattern_create_for_surface (mask);
      cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_mask (cr, pattern);
      cairo_pattern_destroy (pattern);
      cairo_restore (cr);
      if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_RENDER,
                       _("The badge could not be drawn: %s"), cairo_status_to_string (cairo_status (cr)));
          ok = FALSE;
        }
    }
  cairo_surface_destroy (grey);
  cairo_surface_destroy (mask);
  return ok;
}

gboolean
lanyard_badge_draw (LanyardBadgeTemplate  *self,
                    cairo_t               *cr,
                    const LanyardEvent    *event,
                    const LanyardAttendee *attendee,
                    const char            *badge_code,
                    GError               **error)
{
  g_return_val_if_fail (badge_code != NULL, FALSE);

  if (self->mono_dpi > 0)
    return draw_mono (self, cr, event, attendee, badge_code, error);
  return draw_badge (self, cr, event, attendee, badge_code, error);
}

static gboolean
finish_pdf (cairo_surface_t *surface,
            const char      *pdf_path,
            GError         **error)
{
  cairo_status_t status;

  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_RENDER,
                   _("The PDF “%s” could not be written: %s"), pdf_path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

gboolean
lanyard_badge_render_pdf_many (LanyardBadgeTemplate *self,
                               const LanyardEvent   *event,
                               GPtrArray            *attendees,
                               GPtrArray            *codes,
                               const char           *pdf_path,
                               GError              **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok = TRUE;

  g_return_val_if_fail (attendees->len == codes->len, FALSE);

  if (!lanyard_render_check_output (pdf_path, error))
    return FALSE;
  surface = cairo_pdf_surface_create (pdf_path, self->width_pt, self->height_pt);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Lanyard " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  event != NULL && event->title != NULL ? event->title : "Badges");
  cr = cairo_create (surface);
  for (guint i = 0; ok && i < attendees->len; i++)
    {
      ok = lanyard_badge_draw (self, cr, event, g_ptr_array_index (attendees, i),
                               g_ptr_array_index (codes, i), error);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  if (!ok)
    {
      cairo_surface_destroy (surface);
      g_unlink (pdf_path);
      return FALSE;
    }
  return finish_pdf (surface, pdf_path, error);
}

gboolean
lanyard_badge_render_pdf (LanyardBadgeTemplate  *self,
                          const LanyardEvent    *event,
                          const LanyardAttendee *attendee,
                          const char            *badge_code,
                          const char            *pdf_path,
                          GError               **error)
{
  g_autoptr(GPtrArray) attendees = g_ptr_array_new ();
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();

  g_ptr_array_add (attendees, (gpointer) attendee);
  g_ptr_array_add (codes, (gpointer) badge_code);
  return lanyard_badge_render_pdf_many (self, event, attendees, codes, pdf_path, error);
}
