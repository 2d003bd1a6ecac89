/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Badges from SVG templates. A template is artwork made in an ordinary
 * editor plus empty boxes, <rect id="…">, marking where Lanyard draws:
 *
 *   first_name, last_name, credentials, affiliation   text, fitted with Pango
 *   role                                              the role's word on its ribbon
 *   qr                                                the signed badge code
 *   event (optional)                                  the event's title
 *
 * and one group per role, id="ribbon-attendee", "ribbon-faculty",
 * "ribbon-exhibitor", "ribbon-staff", "ribbon-press", of which only the
 * attendee's own is drawn, so the ribbon colours are the template's.
 * The root's width/height give the stock size; data-dpi="203|300" the
 * printer resolution the QR modules are snapped to. A box may carry
 * data-align="start|center|end", data-color="#rrggbb", data-weight="bold",
 * data-max-pt and data-min-pt. For monochrome printers any element may
 * say data-mono="black", "white" or "none" (see
 * lanyard_badge_template_set_monochrome).
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "lanyard-model.h"

G_BEGIN_DECLS

typedef struct _LanyardBadgeTemplate LanyardBadgeTemplate;

/* name_or_path: "4x3", "4x6", "a6", "cr80" (the shipped templates), or a
 * path to an .svg file. */
LanyardBadgeTemplate *lanyard_badge_template_load          (const char                 *name_or_path,
                                                            GError                    **error);
void                  lanyard_badge_template_free          (LanyardBadgeTemplate       *self);
const char           *lanyard_badge_template_get_name      (const LanyardBadgeTemplate *self);
double                lanyard_badge_template_get_width_pt  (const LanyardBadgeTemplate *self);
double                lanyard_badge_template_get_height_pt (const LanyardBadgeTemplate *self);
int                   lanyard_badge_template_get_dpi       (const LanyardBadgeTemplate *self);
/* For a monochrome (thermal label) printer of dpi dots per inch, 0 for
 * colour: badges are then drawn with the template's mono layer
 * (data-mono="black|white|none" on any element), every dot made solid
 * black or white at that resolution, and the QR snapped to its dots. */
void                  lanyard_badge_template_set_monochrome (LanyardBadgeTemplate *self,
                                                             int                   dpi);
/* The badge's own words (the role on the ribbon) in @language, the
 * event's, whatever the screen speaks now (lanyard-render-words.h);
 * NULL, as loaded: the process's language. */
void                  lanyard_badge_template_set_language  (LanyardBadgeTemplate *self,
                                                            const char           *language);
/* The shipped templates' names, NULL-terminated. */
const char * const   *lanyard_badge_template_list_names    (void);

/* Draws one badge at the template's size in points, origin top left. */
void     lanyard_badge_name_boxes (const LanyardAttendee *attendee,
                                   char                 **large,
                                   char                 **small);
gboolean lanyard_badge_draw       (LanyardBadgeTemplate  *self,
                                   cairo_t               *cr,
                                   const LanyardEvent    *event,
                                   const LanyardAttendee *attendee,
                                   const char            *badge_code,
                                   GError               **error);

/* One badge as a PDF page of the template's exact size. */
gboolean lanyard_badge_render_pdf (LanyardBadgeTemplate  *self,
                                   const LanyardEvent    *event,
                                   const LanyardAttendee *attendee,
                                   const char            *badge_code,
                                   const char            *pdf_path,
                                   GError               **error);

/* Many badges, one per page, in the order given; codes[i] belongs to
 * attendees[i]. */
gboolean lanyard_badge_render_pdf_many (LanyardBadgeTemplate *self,
                                        const LanyardEvent   *event,
                                        GPtrArray            *attendees,
                                        GPtrArray            *codes,
                                        const char           *pdf_path,
                                        GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardBadgeTemplate, lanyard_badge_template_free)

G_END_DECLS
