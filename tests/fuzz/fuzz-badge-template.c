/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Badge templates (SVG, read by Lanyard's own parser and by librsvg): an
 * input is written to a template file in a folder of its own, loaded as
 * the badge renderer loads it, and, if it loads, a demo attendee's badge is
 * drawn from it onto a recording surface.
 */
#include "config.h"

#include <cairo.h>

#include "lanyard-badge.h"
#include "lanyard-fuzz.h"

static LanyardEvent *event;
static LanyardAttendee *attendee;

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardBadgeTemplate) template = NULL;
  g_autofree char *path = g_build_filename (lanyard_fuzz_tmpdir (), "template.svg", NULL);

  if (event == NULL)
    {
      lanyard_fuzz_abort_on (G_LOG_LEVEL_CRITICAL);
      event = lanyard_event_new ();
      event->id = g_strdup ("MWCC-2026");
      event->title = g_strdup ("Midwest Cardiovascular Care Update 2026");
      attendee = lanyard_attendee_new ();
      attendee->ticket_code = g_strdup ("MW26-F0001");
      attendee->first_name = g_strdup ("Amara");
      attendee->last_name = g_strdup ("Okafor");
      attendee->credentials = g_strdup ("MD, FACC");
      attendee->affiliation = g_strdup ("Northshore University Heart Center");
      attendee->role = LANYARD_ROLE_FACULTY;
    }

  g_file_set_contents (path, (const char *) data, size, &error);
  g_assert_no_error (error);
  template = lanyard_badge_template_load (path, &error);
  g_assert_true ((template == NULL) != (error == NULL));
  if (template == NULL)
    {
      lanyard_fuzz_assert_message (error);
      return 0;
    }

  g_assert_cmpfloat (lanyard_badge_template_get_width_pt (template), >, 0);
  g_assert_cmpfloat (lanyard_badge_template_get_height_pt (template), >, 0);
  {
    cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *cr = cairo_create (surface);

    if (!lanyard_badge_draw (template, cr, event, attendee, "LY1:FUZZ", &error))
      lanyard_fuzz_assert_message (error);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
  return 0;
}
