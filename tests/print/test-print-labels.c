/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Badges through real label printer drivers, end to end (issue 19): the
 * drivers CUPS itself ships (ppdc compiling /usr/share/cups/drv/sample.drv:
 * Zebra ZPL at 203 dpi, rastertolabel), a queue on the private cupsd with
 * socket://127.0.0.1:PORT — the raw port 9100 protocol of a networked label
 * printer — and a listener of the test's own keeping the bytes. What
 * arrives is decoded (the ZPL ~DG graphic with its run-length compression)
 * into an image, which must be 4 × 3 in of dots, solid (long runs in the
 * coloured bands, nothing dithered), show the name as Lanyard drew it at
 * the same resolution, and give back the attendee's code from its QR.
 *
 * LANYARD_LABELS_PNG_DIR, when set, keeps the decoded labels as PNGs
 * (the README's pictures).
 */
#include "config.h"

#include <cairo.h>
#include <gio/gio.h>
#include <string.h>

#include "lanyard-badge.h"
#include "lanyard-badge-code.h"
#include "lanyard-error.h"
#include "lanyard-print.h"
#include "lanyard-test-cups.h"

#define EVENT_ID "cme-2026-labels"

/* ------------------------------------------------------------------ */
/* A printer on port 9100: takes one connection, keeps what it is sent   */

typedef struct {
  GSocket    *listener;
  guint16     port;
  GThread    *thread;
  GByteArray *received;
} Listener;

static gpointer
listen_thread (gpointer data)
{
  Listener *l = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) conn = g_socket_accept (l->listener, NULL, &error);
  char buffer[65536];
  gssize n;

  g_assert_no_error (error);
  while ((n = g_socket_receive (conn, buffer, sizeof buffer, NULL, &error)) > 0)
    g_byte_array_append (l->received, (const guint8 *) buffer, n);
  g_assert_no_error (error);
  g_socket_close (conn, NULL);
  return NULL;
}

static Listener *
listener_start (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  Listener *l = g_new0 (Listener, 1);

  l->listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (l->listener, address, TRUE, &error));
  g_assert_true (g_socket_listen (l->listener, &error));
  bound = g_socket_get_local_address (l->listener, &error);
  g_assert_no_error (error);
  l->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  l->received = g_byte_array_new ();
  l->thread = g_thread_new ("port-9100", listen_thread, l);
  return l;
}

/* The bytes of the one job, once the driver closed the connection. */
static GByteArray *
listener_finish (Listener *l)
{
  GByteArray *received;

  g_thread_join (l->thread);
  g_object_unref (l->listener);
  received = l->received;
  g_free (l);
  return received;
}

/* ------------------------------------------------------------------ */
/* Labels as images: one byte a dot, 1 = black                          */

typedef struct {
  int     width;
  int     height;
  guint8 *dots;
} Label;

static void
label_free (Label *label)
{
  g_free (label->dots);
  g_free (label);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Label, label_free)

static int
hex_value (char c)
{
  return g_ascii_xdigit_value (c);
}

/* The first ~DG graphic of a ZPL stream: "~DGname,TOTAL,PER_ROW,data",
 * data in hex, each row either ':' (the row before again) or hex digits
 * where ',' ends the row in 0s and '!' in 1s, and G–Y (1–19) and g–z
 * (20–400, in 20s) count how often the next digit repeats. */
static Label *
decode_zpl_graphic (const GByteArray *zpl)
{
  g_autofree char *text = g_strndup ((const char *) zpl->data, zpl->len);
  const char *p = strstr (text, "~DG");
  g_auto(GStrv) head = NULL;
  int total, per_row, digits_per_row;
  g_autofree char *row = NULL;
  g_autofree char *previous = NULL;
  g_autoptr(Label) label = g_new0 (Label, 1);

  g_assert_nonnull (p);
  head = g_strsplit (p, ",", 4);
  g_assert_cmpuint (g_strv_length (head), ==, 4);
  total = atoi (head[1]);
  per_row = atoi (head[2]);
  g_assert_cmpint (per_row, >, 0);
  label->width = per_row * 8;
  label->height = total / per_row;
  label->dots = g_new0 (guint8, (gsize) label->width * label->height);
  digits_per_row = per_row * 2;
  row = g_malloc0 (digits_per_row);
  previous = g_malloc0 (digits_per_row);
  memset (previous, '0', digits_per_row);
  p = head[3];

  for (int y = 0; y < label->height; y++)
    {
      int n = 0;
      int repeat = 0;

      while (*p == '\r' || *p == '\n')
        p++;
      if (*p == ':')
        {
          memcpy (row, previous, digits_per_row);
          n = digits_per_row;
          p++;
        }
      while (n < digits_per_row)
        {
          char c = *p++;

          g_assert_true (c != '\0');
          if (c == '\r' || c == '\n')
            continue;
          if (c == ',' || c == '!')
            {
              memset (row + n, c == ',' ? '0' : 'F', digits_per_row - n);
              n = digits_per_row;
            }
          else if (c >= 'G' && c <= 'Y')
            repeat += c - 'G' + 1;
          else if (c >= 'g' && c <= 'z')
            repeat += (c - 'f') * 20;
          else
            {
              g_assert_cmpint (hex_value (c), >=, 0);
              for (int i = 0; i < MAX (repeat, 1) && n < digits_per_row; i++)
                row[n++] = c;
              repeat = 0;
            }
        }
      for (int x = 0; x < label->width; x++)
        label->dots[y * label->width + x] = (hex_value (row[x / 4]) >> (3 - x % 4)) & 1;
      memcpy (previous, row, digits_per_row);
    }
  return g_steal_pointer (&label);
}

static void
label_write_png (const Label *label,
                 const char  *path)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, label->width, label->height);
  guint8 *data;
  int stride = cairo_image_surface_get_stride (surface);

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < label->height; y++)
    for (int x = 0; x < label->width; x++)
      ((guint32 *) (data + y * stride))[x] = label->dots[y * label->width + x] ? 0xff000000 : 0xffffffff;
  cairo_surface_mark_dirty (surface);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static char *
zbar_decode (const char *png)
{
  const char *zbar[] = { "zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", png, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) zbar, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    return NULL;
  return g_strchomp (g_steal_pointer (&out));
}

/* Mean length of the runs (black or white) in rows y0..y1 (in points):
 * a solid band with white text has runs of tens of dots, a halftone of a
 * colour one or two. */
static double
mean_run (const Label *label,
          double       y0_pt,
          double       y1_pt,
          int          dpi)
{
  int y0 = (int) (y0_pt * dpi / 72.0) + 2;
  int y1 = (int) (y1_pt * dpi / 72.0) - 2;
  guint64 runs = 0;

  for (int y = y0; y < y1; y++)
    {
      const guint8 *row = label->dots + y * label->width;

      runs++;
      for (int x = 1; x < label->width; x++)
        if (row[x] != row[x - 1])
          runs++;
    }
  return (double) (y1 - y0) * label->width / runs;
}

/* ------------------------------------------------------------------ */

typedef struct {
  LanyardTestCups *cups;
  char            *tmp;
  char            *ppd_dir;
  LanyardStore    *store;
  LanyardBadgeKeys *keys;
  LanyardAttendee *attendee;
  char            *code;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *skip = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *db = NULL;
  g_autofree char *ppdc = g_find_program_in_path ("ppdc");
  g_autofree char *zbarimg = g_find_program_in_path ("zbarimg");
  gboolean created = FALSE, changed = FALSE;
  int status = 0;

  (void) data;
  if (ppdc == NULL || zbarimg == NULL
      || !g_file_test ("/usr/share/cups/drv/sample.drv", G_FILE_TEST_EXISTS)
      || !g_file_test ("/usr/lib/cups/filter/rastertolabel", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("ppdc (cups-ppdc), zbarimg or CUPS' label driver (cups) is not installed");
      return;
    }
  f->cups = lanyard_test_cups_start (&skip);
  if (f->cups == NULL)
    {
      g_test_skip (skip);
      return;
    }
  f->tmp = g_dir_make_tmp ("lanyard-labels-XXXXXX", &error);
  g_assert_no_error (error);
  kept = g_build_filename (f->tmp, "kept", NULL);
  g_setenv ("LANYARD_PRINT_DIR", kept, TRUE);
  f->ppd_dir = g_build_filename (f->tmp, "ppd", NULL);
  {
    const char *argv[] = { "ppdc", "-d", f->ppd_dir, "/usr/share/cups/drv/sample.drv", NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  db = g_build_filename (f->tmp, "lanyard.db", NULL);
  f->store = lanyard_store_open (db, &error);
  g_assert_no_error (error);

  f->attendee = lanyard_attendee_new ();
  f->attendee->ticket_code = g_strdup ("T-2019");
  f->attendee->first_name = g_strdup ("Zoë");
  f->attendee->last_name = g_strdup ("Ångström");
  f->attendee->credentials = g_strdup ("MD, PhD");
  f->attendee->affiliation = g_strdup ("Karolinska Institutet");
  f->attendee->profession = g_strdup ("physician");
  f->attendee->role = LANYARD_ROLE_FACULTY;
  f->attendee->badge_version = 1;
  g_assert_true (lanyard_store_upsert_attendee (f->store, f->attendee, &created, &changed, &error));
  g_assert_no_error (error);
  f->keys = lanyard_badge_keys_generate ();
  f->code = lanyard_badge_code_encode (f->keys, EVENT_ID, f->attendee->ticket_code, 1, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  (void) data;
  g_clear_pointer (&f->cups, lanyard_test_cups_stop);
  g_clear_object (&f->store);
  g_clear_pointer (&f->attendee, lanyard_attendee_free);
  g_clear_pointer (&f->keys, lanyard_badge_keys_free);
  g_free (f->code);
  g_free (f->ppd_dir);
  if (f->tmp != NULL)
    {
      g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", f->tmp);
      g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);
      g_free (f->tmp);
    }
}

static void
add_label_queue (Fixture    *f,
                 const char *name,
                 const char *ppd,
                 guint16     port)
{
  g_autofree char *script = g_build_filename (g_getenv ("LANYARD_SOURCE_DIR"), "tests", "fixtures",
                                              "cups-fixture.sh", NULL);
  g_autofree char *ppd_path = g_build_filename (f->ppd_dir, ppd, NULL);
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  const char *argv[] = { "/bin/bash", script, "label-queue", f->cups->dir, name, ppd_path, port_text, NULL };

  lanyard_test_cups_run (f->cups, argv);
}

/* The badge drawn by Lanyard (mono at dpi, or in colour when dpi is 0),
 * printed on queue, and what the driver sent decoded. */
static Label *
print_badge (Fixture    *f,
             const char *queue,
             const char *ppd,
             int         mono_dpi,
             char      **out_media)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardBadgeTemplate) tmpl = lanyard_badge_template_load ("4x3", &error);
  g_autoptr(LanyardEvent) event = lanyard_event_new ();
  g_autoptr(LanyardPrintJob) job = lanyard_print_job_new ();
  g_autoptr(GByteArray) received = NULL;
  g_autofree char *pdf = g_build_filename (f->tmp, "badge.pdf", NULL);
  Listener *listener = listener_start ();
  gboolean ok;

  g_assert_no_error (error);
  add_label_queue (f, queue, ppd, listener->port);
  event->title = g_strdup ("Cardiology Update 2026");
  lanyard_badge_template_set_monochrome (tmpl, mono_dpi);
  ok = lanyard_badge_render_pdf (tmpl, event, f->attendee, f->code, pdf, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  job->attendee_id = f->attendee->id;
  job->document = g_strdup ("badge");
  job->queue = g_strdup (queue);
  job->pdf_path = g_strdup (pdf);
  ok = lanyard_print_job_run_sync (f->store, job, 288, 216, 120, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  *out_media = g_strdup (job->media);

  received = listener_finish (listener);
  g_test_message ("%s sent %u bytes", queue, received->len);
  g_assert_cmpuint (received->len, >, 0);
  return decode_zpl_graphic (received);
}

/* Lanyard's own rendering of the badge at dpi, as dots. */
static Label *
render_own (Fixture *f,
            int      dpi)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardBadgeTemplate) tmpl = lanyard_badge_template_load ("4x3", &error);
  g_autoptr(LanyardEvent) event = lanyard_event_new ();
  g_autoptr(Label) label = g_new0 (Label, 1);
  cairo_surface_t *surface;
  cairo_t *cr;
  const guint8 *data;
  int stride;

  g_assert_no_error (error);
  event->title = g_strdup ("Cardiology Update 2026");
  lanyard_badge_template_set_monochrome (tmpl, dpi);
  label->width = (int) (4 * dpi + 0.5);
  label->height = (int) (3 * dpi + 0.5);
  label->dots = g_new0 (guint8, (gsize) label->width * label->height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, label->width, label->height);
  cr = cairo_create (surface);
  cairo_scale (cr, dpi / 72.0, dpi / 72.0);
  g_assert_true (lanyard_badge_draw (tmpl, cr, event, f->attendee, f->code, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < label->height; y++)
    for (int x = 0; x < label->width; x++)
      label->dots[y * label->width + x] = (((const guint32 *) (data + y * stride))[x] & 0xff) < 128;
  cairo_surface_destroy (surface);
  return g_steal_pointer (&label);
}

/* Share of dots in the box (points) where a and b agree, at the best
 * shift of up to two dots (a driver may place the page a dot off). */
static double
agreement (const Label *a,
           const Label *b,
           double       x_pt,
           double       y_pt,
           double       w_pt,
           double       h_pt,
           int          dpi)
{
  int x0 = (int) (x_pt * dpi / 72.0), y0 = (int) (y_pt * dpi / 72.0);
  int x1 = (int) ((x_pt + w_pt) * dpi / 72.0), y1 = (int) ((y_pt + h_pt) * dpi / 72.0);
  double best = 0;

  for (int dy = -2; dy <= 2; dy++)
    for (int dx = -2; dx <= 2; dx++)
      {
        guint same = 0, all = 0;

        for (int y = y0; y < y1; y++)
          for (int x = x0; x < x1; x++)
            {
              int bx = x + dx, by = y + dy;

              if (bx < 0 || by < 0 || bx >= b->width || by >= b->height || x >= a->width || y >= a->height)
                continue;
              all++;
              same += a->dots[y * a->width + x] == b->dots[by * b->width + bx];
            }
        best = MAX (best, all > 0 ? (double) same / all : 0);
      }
  return best;
}

static void
keep_png (Fixture     *f,
          const Label *label,
          const char  *name)
{
  const char *dir = g_getenv ("LANYARD_LABELS_PNG_DIR");
  g_autofree char *path = g_build_filename (dir != NULL ? dir : f->tmp, name, NULL);

  label_write_png (label, path);
}

static void
test_zebra (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(Label) colour = NULL;
  g_autoptr(Label) mono = NULL;
  g_autoptr(Label) own = NULL;
  g_autofree char *media = NULL;
  g_autofree char *colour_media = NULL;
  g_autofree char *png = NULL;
  g_autofree char *decoded = NULL;
  double header_colour, header_mono, ribbon_mono, name;

  (void) data;
  if (f->cups == NULL)
    return;

  /* Before: the colour badge, which the driver dithers. */
  colour = print_badge (f, "ZebraColour", "zebra.ppd", 0, &colour_media);
  keep_png (f, colour, "zebra-zpl-colour.png");
  header_colour = mean_run (colour, 0, 40, 203);
  g_test_message ("colour badge: mean run in the header %.1f dots", header_colour);
  /* The check below tells a halftone from a solid band. */
  g_assert_cmpfloat (header_colour, <, 10);

  mono = print_badge (f, "Zebra", "zebra.ppd", 203, &media);
  png = g_build_filename (f->tmp, "zebra-zpl-mono.png", NULL);
  label_write_png (mono, png);
  keep_png (f, mono, "zebra-zpl-mono.png");

  /* 4 × 3 in at 203 dpi, on the driver's 4 × 3 in labels (the PPD's
   * w288h216, which cupsd names by its size), not turned. */
  g_assert_cmpstr (media, ==, "custom_4x3in_4x3in_borderless");
  g_assert_cmpint (mono->width, >=, 812);
  g_assert_cmpint (mono->width, <, 812 + 8);
  g_assert_cmpint (mono->height, ==, 609);
  g_test_message ("mono badge: %d × %d dots", mono->width, mono->height);

  /* Solid bands: the header and the role ribbon, white text on black. */
  header_mono = mean_run (mono, 0, 40, 203);
  ribbon_mono = mean_run (mono, 180, 216, 203);
  g_test_message ("mono badge: mean run in the header %.1f dots, in the ribbon %.1f", header_mono, ribbon_mono);
  g_assert_cmpfloat (header_mono, >, 20);
  g_assert_cmpfloat (ribbon_mono, >, 20);

  /* The name as Lanyard drew it at 203 dpi. */
  own = render_own (f, 203);
  name = agreement (own, mono, 14, 50, 158, 74, 203);
  g_test_message ("name area: %.1f %% of dots as Lanyard drew them", name * 100);
  g_assert_cmpfloat (name, >, 0.97);

  /* What the desk says of the printer, from its PPD through cupsd. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LanyardPrinterStatus) status = lanyard_printer_get_status ("Zebra", 30, &error);

    g_assert_no_error (error);
    g_assert_true (status->monochrome);
    g_assert_cmpint (status->dpi, ==, 203);
    g_assert_cmpstr (status->kind, ==, "Zebra ZPL Label Printer, 203 dpi, monochrome");
  }

  /* A badge no label of the driver's fits: refused in words, not scaled. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LanyardPrintJob) job = lanyard_print_job_new ();
    g_autofree char *pdf = g_build_filename (f->tmp, "badge.pdf", NULL);

    job->document = g_strdup ("badge");
    job->queue = g_strdup ("Zebra");
    job->pdf_path = g_strdup (pdf);
    g_assert_false (lanyard_print_job_run_sync (f->store, job, 8.5 * 72, 11 * 72, 30, NULL, &error));
    g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_PRINTER);
    g_assert_cmpstr (error->message, ==, "The printer “Zebra” has no labels of 215.9 × 279.4 mm for this badge: "
                     "load labels of that size, or choose a badge template that fits the printer's labels");
    g_assert_cmpint (job->state, ==, LANYARD_JOB_FAILED);
  }

  decoded = zbar_decode (png);
  g_assert_cmpstr (decoded, ==, f->code);
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *ticket = NULL;
    int version = 0;

    g_assert_true (lanyard_badge_code_verify (f->keys, EVENT_ID, (const guint8 *) decoded, strlen (decoded),
                                              &ticket, &version, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (ticket, ==, f->attendee->ticket_code);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/print/labels/zebra-zpl", Fixture, NULL, fixture_setup, test_zebra, fixture_teardown);
  return g_test_run ();
}
