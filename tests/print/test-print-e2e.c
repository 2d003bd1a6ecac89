/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A badge from the store to paper and back: an attendee with a non-Latin
 * name, a signed badge code, a badge-sized PDF with the name (Pango) and the
 * code as a QR (libqrencode, whole printer dots), printed through the
 * private cupsd to the IPP Everywhere printer. The spooled PDF is read back:
 * pdftotext finds the name, pdftoppm + zbarimg decode the QR, and the code
 * verifies and resolves to the same attendee.
 *
 * The badge is drawn by src/render from the shipped 4 × 3 in template.
 */
#include "config.h"

#include <string.h>

#include "lanyard-badge.h"
#include "lanyard-badge-code.h"
#include "lanyard-error.h"
#include "lanyard-print.h"
#include "lanyard-test-cups.h"

#define EVENT_ID "cme-2026-test"

static void
draw_badge (const char            *path,
            const LanyardAttendee *attendee,
            const char            *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardBadgeTemplate) tmpl = lanyard_badge_template_load ("4x3", &error);
  g_autoptr(LanyardEvent) event = lanyard_event_new ();
  gboolean ok;

  g_assert_no_error (error);
  event->title = g_strdup ("Print test 2026");
  ok = lanyard_badge_render_pdf (tmpl, event, attendee, code, path, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
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
  draw_badge (pdf, attendee, code);

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
  /* Family name first, unspaced, as the name is read. */
  g_assert_nonnull (strstr (text, "山田太郎"));

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
