/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A badge from the store to paper and back: an attendee with a non-Latin
 * name, a signed badge code, a badge-sized PDF with the name (Pango) and the
 * code as a QR (libqrencode, whole printer dots), printed through the
 * private cupsd to the IPP Everywhere printer. The spooled PDF is read back:
 * pdftotext finds the name, pdftoppm + zbarimg decode the QR, and the code
 * verifies and resolves to the same attendee.
 *
 * The drawing here stands in for src/render until that library lands.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <string.h>

#include "lanyard-badge-code.h"
#include "lanyard-error.h"
#include "lanyard-print.h"
#include "lanyard-test-cups.h"

#define EVENT_ID "cme-2026-test"

static void
draw_badge (const char *path,
            const char *name,
            const char *code)
{
  /* 4 × 3 in label; QR modules of 4 dots at 203 dpi. */
  const double module = 4 * 72.0 / 203.0;
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 288, 216);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Noto Sans, WenQuanYi Micro Hei Bold 22");
  QRcode *qr = QRcode_encodeString (code, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  double x0, y0;

  g_assert_nonnull (qr);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, name, -1);
  cairo_move_to (cr, 14, 14);
  pango_cairo_show_layout (cr, layout);

  x0 = 288 - 14 - (qr->width + 8) * module;
  y0 = 216 - 14 - (qr->width + 8) * module;
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x0, y0, (qr->width + 8) * module, (qr->width + 8) * module);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int r = 0; r < qr->width; r++)
    for (int c = 0; c < qr->width; c++)
      if (qr->data[r * qr->width + c] & 1)
        cairo_rectangle (cr, x0 + (c + 4) * module, y0 + (r + 4) * module, module, module);
  cairo_fill (cr);
  cairo_show_page (cr);

  QRcode_free (qr);
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static char *
decode_qr (const char *pdf,
           const char *tmp)
{
  g_autofree char *prefix = g_build_filename (tmp, "page", NULL);
  g_autofree char *png = g_build_filename (tmp, "page-1.png", NULL);
  const char *render[] = { "pdftoppm", "-r", "203", "-png", "-gray", pdf, prefix, NULL };
  const char *zbar[] = { "zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", png, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) render, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  g_spawn_sync (NULL, (char **) zbar, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strchomp (g_steal_pointer (&out));
}

static void
test_badge_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *skip = NULL;
  g_autoptr(LanyardTestCups) cups = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *db = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *code = NULL;
  g_autofree char *text = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *ticket = NULL;
  g_autofree char *rm = NULL;
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(LanyardAttendee) attendee = lanyard_attendee_new ();
  g_autoptr(LanyardAttendee) found = NULL;
  g_autoptr(LanyardBadgeKeys) keys = lanyard_badge_keys_generate ();
  g_autoptr(LanyardPrintJob) job = lanyard_print_job_new ();
  g_autoptr(GPtrArray) files = NULL;
  gboolean created = FALSE, changed = FALSE, ok;
  int version = 0;

  cups = lanyard_test_cups_start (&skip);
  if (cups == NULL)
    {
      g_test_skip (skip);
      return;
    }
  tmp = g_dir_make_tmp ("lanyard-print-e2e-XXXXXX", &error);
  g_assert_no_error (error);
  kept = g_build_filename (tmp, "kept", NULL);
  g_setenv ("LANYARD_PRINT_DIR", kept, TRUE);
  db = g_build_filename (tmp, "lanyard.db", NULL);
  store = lanyard_store_open (db, &error);
  g_assert_no_error (error);

  attendee->ticket_code = g_strdup ("T-4711");
  attendee->first_name = g_strdup ("太郎");
  attendee->last_name = g_strdup ("山田");
  attendee->credentials = g_strdup ("MD");
  attendee->profession = g_strdup ("physician");
  attendee->badge_version = 1;
  ok = lanyard_store_upsert_attendee (store, attendee, &created, &changed, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_true (created);
  g_assert_cmpint (attendee->id, >, 0);

  code = lanyard_badge_code_encode (keys, EVENT_ID, attendee->ticket_code, attendee->badge_version, &error);
  g_assert_no_error (error);
  pdf = g_build_filename (tmp, "badge.pdf", NULL);
  draw_badge (pdf, "山田 太郎, MD", code);

  job->attendee_id = attendee->id;
  job->document = g_strdup ("badge");
  job->queue = g_strdup (cups->queue);
  job->pdf_path = g_strdup (pdf);
  ok = lanyard_print_job_run_sync (store, job, 288, 216, 60, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  files = lanyard_test_cups_wait_spool (cups, 1, 30);
  g_assert_cmpuint (files->len, ==, 1);
  text = lanyard_test_pdftotext (g_ptr_array_index (files, 0));
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "山田 太郎"));

  decoded = decode_qr (g_ptr_array_index (files, 0), tmp);
  g_assert_cmpstr (decoded, ==, code);
  ok = lanyard_badge_code_verify (keys, EVENT_ID, (const guint8 *) decoded, strlen (decoded),
                                  &ticket, &version, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (version, ==, 1);
  found = lanyard_store_find_ticket (store, ticket, &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, attendee->id);
  g_assert_cmpstr (found->last_name, ==, "山田");

  rm = g_strdup_printf ("rm -rf '%s'", tmp);
  g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/print/e2e/badge-round-trip", test_badge_round_trip);
  return g_test_run ();
}
