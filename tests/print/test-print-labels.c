/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Badges through real label printer drivers, end to end (issue 19): the
 * drivers CUPS itself ships (ppdc compiling /usr/share/cups/drv/sample.drv:
 * Zebra ZPL at 203 dpi and DYMO LabelWriter at 300 dpi, rastertolabel;
 * Debian's printer-driver-ptouch for a Brother QL-570 on its 62 mm roll),
 * a queue on the private cupsd with socket://127.0.0.1:PORT — the raw
 * port 9100 protocol of a networked label printer — and a listener of the
 * test's own keeping the bytes. What arrives is decoded (the ZPL ~DG
 * graphic with its run-length compression, the DYMO and Brother raster
 * streams) into an image, which must have the label's size in dots, be
 * solid (long runs in the coloured bands, nothing dithered), show the name
 * as Lanyard drew it at the same resolution, and give back the attendee's
 * code from its QR.
 *
 * LANYARD_LABELS_PNG_DIR, when set, keeps the decoded labels as PNGs
 * (the README's pictures).
 */
#include "config.h"

#include <cairo.h>
#include <gio/gio.h>
#include <math.h>
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
  double  origin_x_pt;  /* where on the page the first dot is: the */
  double  origin_y_pt;  /* driver's hardware margin (DYMO: 14.9 pt at the top) */
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

/* A DYMO LabelWriter stream as rastertolabel writes it: ESC commands
 * (ESC @ reset, ESC L length, ESC D bytes a row, ESC c–h density, ESC B
 * dot tab, ESC f 1 N skip N blank rows, ESC E end of label, ESC A
 * status, ESC q roll), and each printed row as SYN (0x16) and its bytes, leftmost
 * dot in the high bit. */
static Label *
decode_dymo_raster (const GByteArray *stream)
{
  const guint8 *p = stream->data;
  const guint8 *end = p + stream->len;
  g_autoptr(GByteArray) dots = g_byte_array_new ();
  g_autoptr(Label) label = g_new0 (Label, 1);
  int per_row = 0;
  int rows = 0;
  gboolean ended = FALSE;

  while (p < end && !ended)
    {
      if (*p == 0x16)
        {
          g_assert_cmpint (per_row, >, 0);
          g_assert_true (p + 1 + per_row <= end);
          for (int x = 0; x < per_row * 8; x++)
            {
              guint8 dot = (p[1 + x / 8] >> (7 - x % 8)) & 1;
              g_byte_array_append (dots, &dot, 1);
            }
          rows++;
          p += 1 + per_row;
          continue;
        }
      g_assert_cmpint (*p, ==, 0x1b);
      g_assert_true (p + 1 < end);
      switch (p[1])
        {
        case 0x1b: case '@': case 'A': case 'c': case 'd': case 'e': case 'g': case 'h':
          p += p[1] == 0x1b ? 1 : 2;
          break;
        case 'E':
          ended = TRUE;
          p += 2;
          break;
        case 'D':
          per_row = p[2];
          p += 3;
          break;
        case 'B':
          g_assert_cmpint (p[2], ==, 0);
          p += 3;
          break;
        case 'q':  /* which roll (LabelWriter Twin) */
          p += 3;
          break;
        case 'L':
          p += 4;
          break;
        case 'f':
          g_assert_cmpint (p[2], ==, 1);
          for (int i = 0; i < p[3]; i++)
            {
              guint8 zero[4096] = { 0 };
              g_byte_array_append (dots, zero, per_row * 8);
              rows++;
            }
          p += 4;
          break;
        default:
          {
            g_autoptr(GString) dump = g_string_new (NULL);
            for (const guint8 *q = MAX (stream->data, p - 16); q < MIN (end, p + 16); q++)
              g_string_append_printf (dump, "%02x ", *q);
            g_test_message ("%s", dump->str);
          }
          g_error ("DYMO stream: ESC %c (0x%02x) at %td not known to this test", p[1], p[1], p - stream->data);
        }
    }
  g_assert_true (ended);
  label->width = per_row * 8;
  label->height = rows;
  label->dots = g_byte_array_free (g_steal_pointer (&dots), FALSE);
  return g_steal_pointer (&label);
}

/* A Brother QL raster stream as printer-driver-ptouch's rastertoptch
 * writes it: zeros (to clear the printer), ESC @, ESC i commands (M, K, A,
 * a: one byte; d: two; z: the ten-byte print information), M n (2 =
 * packbits rows), then each row as g 0 N and N bytes (or packbits of
 * them), Z a blank row, and 0x0c / 0x1a to print. Rows are 90 bytes,
 * 720 dots, sent from the label's right edge. */
static Label *
decode_ptouch_raster (const GByteArray *stream)
{
  const guint8 *p = stream->data;
  const guint8 *end = p + stream->len;
  g_autoptr(GByteArray) dots = g_byte_array_new ();
  g_autoptr(Label) label = g_new0 (Label, 1);
  gboolean packbits = FALSE;
  gboolean ended = FALSE;
  const int per_row = 90;
  int rows = 0;

  while (p < end && *p == 0)
    p++;
  while (p < end && !ended)
    {
      guint8 row[90] = { 0 };

      switch (*p)
        {
        case 0x1b:
          if (p[1] == '@')
            p += 2;
          else if (p[1] == 'i' && (p[2] == 'M' || p[2] == 'K' || p[2] == 'A' || p[2] == 'a'))
            p += 4;
          else if (p[1] == 'i' && p[2] == 'd')
            p += 5;
          else if (p[1] == 'i' && p[2] == 'z')
            p += 13;
          else if (p[1] == 'i' && p[2] == 'S')
            p += 3;
          else
            g_error ("ptouch stream: ESC %c %c at %td not known to this test", p[1], p[2], p - stream->data);
          continue;
        case 'M':
          packbits = p[1] == 0x02;
          p += 2;
          continue;
        case 'Z':
          p++;
          break;
        case 'g':
        case 'G':
          {
            int n = *p == 'g' ? p[2] : p[1] | (p[2] << 8);
            const guint8 *data = p + 3;

            g_assert_true (data + n <= end);
            if (!packbits)
              memcpy (row, data, MIN (n, per_row));
            else
              for (const guint8 *q = data; q < data + n;)
                {
                  static int at;
                  if (q == data)
                    at = 0;
                  if (*q < 128)
                    {
                      int count = *q + 1;
                      memcpy (row + at, q + 1, MIN (count, per_row - at));
                      at += count;
                      q += 1 + count;
                    }
                  else
                    {
                      int count = 257 - *q;
                      memset (row + at, q[1], MIN (count, per_row - at));
                      at += count;
                      q += 2;
                    }
                }
            p = data + n;
          }
          break;
        case 0x0c:
        case 0x1a:
          ended = TRUE;
          p++;
          continue;
        default:
          g_error ("ptouch stream: 0x%02x at %td not known to this test", *p, p - stream->data);
        }
      /* The first byte is the label's right edge: mirror into place. */
      for (int x = 0; x < per_row * 8; x++)
        {
          int from = per_row * 8 - 1 - x;
          guint8 dot = (row[from / 8] >> (7 - from % 8)) & 1;
          g_byte_array_append (dots, &dot, 1);
        }
      rows++;
    }
  g_assert_true (ended);
  label->width = per_row * 8;
  label->height = rows;
  label->dots = g_byte_array_free (g_steal_pointer (&dots), FALSE);
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
  int y0 = (int) ((y0_pt - label->origin_y_pt) * dpi / 72.0) + 2;
  int y1 = (int) ((y1_pt - label->origin_y_pt) * dpi / 72.0) - 2;
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
typedef Label *(*DecodeFunc) (const GByteArray *received);

static Label *
print_badge (Fixture    *f,
             const char *queue,
             const char *ppd,
             const char *template_name,
             int         mono_dpi,
             DecodeFunc  decode,
             char      **out_media)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardBadgeTemplate) tmpl = lanyard_badge_template_load (template_name, &error);
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
  ok = lanyard_print_job_run_sync (f->store, job, lanyard_badge_template_get_width_pt (tmpl),
                                   lanyard_badge_template_get_height_pt (tmpl), 120, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  *out_media = g_strdup (job->media);

  received = listener_finish (listener);
  g_test_message ("%s sent %u bytes", queue, received->len);
  g_assert_cmpuint (received->len, >, 0);
  return decode (received);
}

/* Lanyard's own rendering of the badge at dpi, as dots. */
static Label *
render_own (Fixture    *f,
            const char *template_name,
            int         dpi)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardBadgeTemplate) tmpl = lanyard_badge_template_load (template_name, &error);
  g_autoptr(LanyardEvent) event = lanyard_event_new ();
  g_autoptr(Label) label = g_new0 (Label, 1);
  cairo_surface_t *surface;
  cairo_t *cr;
  const guint8 *data;
  int stride;

  g_assert_no_error (error);
  event->title = g_strdup ("Cardiology Update 2026");
  lanyard_badge_template_set_monochrome (tmpl, dpi);
  label->width = (int) (lanyard_badge_template_get_width_pt (tmpl) * dpi / 72.0 + 0.5);
  label->height = (int) (lanyard_badge_template_get_height_pt (tmpl) * dpi / 72.0 + 0.5);
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

/* Share of dots in the box (page points) where a (Lanyard's, the whole
 * page) and b (decoded, from its origin) agree, at the best shift of up
 * to two dots (a driver may place the page a dot off). */
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
              int bx = x + dx - (int) round (b->origin_x_pt * dpi / 72.0);
              int by = y + dy - (int) round (b->origin_y_pt * dpi / 72.0);

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

/* The 4 × 3 in badge as the Zebra driver sent it, mono: 4 × 3 in at
 * 203 dpi (rows of whole bytes), and solid bands, the header and the
 * role ribbon white text on black. */
static void
assert_solid_zebra_4x3 (const Label *mono)
{
  double header_mono, ribbon_mono;

  g_assert_cmpint (mono->width, >=, 812);
  g_assert_cmpint (mono->width, <, 812 + 8);
  g_assert_cmpint (mono->height, ==, 609);
  g_test_message ("mono badge: %d × %d dots", mono->width, mono->height);
  header_mono = mean_run (mono, 0, 40, 203);
  ribbon_mono = mean_run (mono, 180, 216, 203);
  g_test_message ("mono badge: mean run in the header %.1f dots, in the ribbon %.1f", header_mono, ribbon_mono);
  g_assert_cmpfloat (header_mono, >, 20);
  g_assert_cmpfloat (ribbon_mono, >, 20);
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
  double header_colour, name;

  (void) data;
  if (f->cups == NULL)
    return;

  /* Before: the colour badge, which the driver dithers. */
  colour = print_badge (f, "ZebraColour", "zebra.ppd", "4x3", 0, decode_zpl_graphic, &colour_media);
  keep_png (f, colour, "zebra-zpl-colour.png");
  header_colour = mean_run (colour, 0, 40, 203);
  g_test_message ("colour badge: mean run in the header %.1f dots", header_colour);
  /* The check below tells a halftone from a solid band. */
  g_assert_cmpfloat (header_colour, <, 10);

  mono = print_badge (f, "Zebra", "zebra.ppd", "4x3", 203, decode_zpl_graphic, &media);
  png = g_build_filename (f->tmp, "zebra-zpl-mono.png", NULL);
  label_write_png (mono, png);
  keep_png (f, mono, "zebra-zpl-mono.png");

  /* 4 × 3 in at 203 dpi, on the driver's 4 × 3 in labels (the PPD's
   * w288h216, which cupsd names by its size), not turned. */
  g_assert_cmpstr (media, ==, "custom_4x3in_4x3in_borderless");
  assert_solid_zebra_4x3 (mono);

  /* The name as Lanyard drew it at 203 dpi. */
  own = render_own (f, "4x3", 203);
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
  /* The desk's list says the same. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) list = lanyard_printer_list (30, &error);
    gboolean found = FALSE;

    g_assert_no_error (error);
    for (guint i = 0; i < list->len; i++)
      {
        const LanyardPrinterStatus *p = g_ptr_array_index (list, i);

        if (g_str_equal (p->name, "Zebra"))
          {
            g_assert_cmpstr (p->kind, ==, "Zebra ZPL Label Printer, 203 dpi, monochrome");
            found = TRUE;
          }
      }
    g_assert_true (found);
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

/* lanyardctl run with the fixture's environment and the test's database. */
static void
run_lanyardctl (Fixture            *f,
                const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  (void) f;
  g_ptr_array_add (argv, (char *) g_getenv ("LANYARDCTL"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  lanyard_test_cups_run (f->cups, (const char * const *) argv->pdata);
}

/* What lanyardctl prints on the Zebra queue, as its driver sent it. */
static Label *
lanyardctl_to_zebra (Fixture            *f,
                     const char * const *args,
                     const char         *png_name)
{
  Listener *listener = listener_start ();
  g_autoptr(GByteArray) received = NULL;
  g_autofree char *png = g_build_filename (f->tmp, png_name, NULL);
  g_autofree char *decoded = NULL;
  Label *label;

  add_label_queue (f, "Zebra", "zebra.ppd", listener->port);
  run_lanyardctl (f, args);
  received = listener_finish (listener);
  g_assert_cmpuint (received->len, >, 0);
  label = decode_zpl_graphic (received);
  label_write_png (label, png);
  keep_png (f, label, png_name);
  decoded = zbar_decode (png);
  g_assert_nonnull (decoded);
  g_assert_true (g_str_has_prefix (decoded, "LY1:"));
  return label;
}

/* lanyardctl badge --print and reprint draw the badge for the monochrome
 * printer they print on, as the desk does (lanyard_document_fit_printer):
 * solid at its 203 dpi, not the colour badge the driver dithers. */
static void
test_zebra_lanyardctl (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *event = NULL;
  g_autofree char *registrations = NULL;
  g_autofree char *db = NULL;
  g_autoptr(Label) printed = NULL;
  g_autoptr(Label) reprinted = NULL;

  (void) data;
  if (f->cups == NULL)
    return;
  g_assert_nonnull (g_getenv ("LANYARDCTL"));
  event = g_build_filename (g_getenv ("LANYARD_SOURCE_DIR"), "data", "demo", "event.json", NULL);
  registrations = g_build_filename (g_getenv ("LANYARD_SOURCE_DIR"), "data", "demo", "registrations.csv", NULL);
  db = g_build_filename (f->tmp, "cli.db", NULL);
  g_setenv ("LANYARD_DB", db, TRUE);
  {
    const char *init[] = { "init", "--event", event, NULL };
    const char *import[] = { "import", registrations, NULL };

    run_lanyardctl (f, init);
    run_lanyardctl (f, import);
  }

  {
    const char *badge[] = { "badge", "MW26-DEMO01", "--print=Zebra", "--timeout", "120", NULL };

    printed = lanyardctl_to_zebra (f, badge, "zebra-zpl-lanyardctl.png");
    assert_solid_zebra_4x3 (printed);
  }
  /* The same job again, drawn anew: job 1, the first of a new database. */
  {
    const char *reprint[] = { "reprint", "1", "--force", "--timeout", "120", NULL };

    reprinted = lanyardctl_to_zebra (f, reprint, "zebra-zpl-lanyardctl-reprint.png");
    assert_solid_zebra_4x3 (reprinted);
  }
  g_unsetenv ("LANYARD_DB");
}

/* A 2.25 × 4 in badge for DYMO's 30256 labels (the largest its driver
 * offers), for a 300 dpi LabelWriter: header, name, QR, role ribbon. */
static const char dymo_template[] =
  "<svg xmlns='http://www.w3.org/2000/svg' width='2.25in' height='4in' viewBox='0 0 162 288' data-dpi='300'>"
  "<rect x='0' y='0' width='162' height='36' style='fill:#14365c'/>"
  "<rect x='0' y='36' width='162' height='2' style='fill:#c9a227' data-mono='white'/>"
  "<g id='ribbon-attendee'><rect x='0' y='252' width='162' height='36' style='fill:#1f6f8b'/></g>"
  "<g id='ribbon-faculty'><rect x='0' y='252' width='162' height='36' style='fill:#8e1b3a'/></g>"
  "<g id='ribbon-exhibitor'><rect x='0' y='252' width='162' height='36' style='fill:#2e7d32'/></g>"
  "<g id='ribbon-staff'><rect x='0' y='252' width='162' height='36' style='fill:#c75000'/></g>"
  "<g id='ribbon-press'><rect x='0' y='252' width='162' height='36' style='fill:#5b2a86'/></g>"
  "<rect id='event' x='8' y='6' width='146' height='24' data-color='#ffffff' data-weight='bold' data-max-pt='12'/>"
  "<rect id='first_name' x='10' y='44' width='142' height='34' data-weight='bold' data-max-pt='28' data-min-pt='12'/>"
  "<rect id='last_name' x='10' y='78' width='142' height='24' data-weight='bold' data-max-pt='20' data-min-pt='10'/>"
  "<rect id='credentials' x='10' y='104' width='142' height='14' data-max-pt='11' data-min-pt='7'/>"
  "<rect id='affiliation' x='10' y='120' width='142' height='22' data-max-pt='9' data-min-pt='6' data-color='#444444'/>"
  "<rect id='qr' x='31' y='146' width='100' height='100'/>"
  "<rect id='role' x='8' y='256' width='146' height='28' data-color='#ffffff' data-align='center' "
  "data-weight='bold' data-max-pt='18'/>"
  "</svg>";

static void
test_dymo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Label) colour = NULL;
  g_autoptr(Label) mono = NULL;
  g_autoptr(Label) own = NULL;
  g_autofree char *template_path = NULL;
  g_autofree char *media = NULL;
  g_autofree char *colour_media = NULL;
  g_autofree char *png = NULL;
  g_autofree char *decoded = NULL;
  double header_colour, header_mono, ribbon_mono, name;

  (void) data;
  if (f->cups == NULL)
    return;
  template_path = g_build_filename (f->tmp, "dymo-30256.svg", NULL);
  g_assert_true (g_file_set_contents (template_path, dymo_template, -1, &error));
  g_assert_no_error (error);

  colour = print_badge (f, "DymoColour", "dymo.ppd", template_path, 0, decode_dymo_raster, &colour_media);
  keep_png (f, colour, "dymo-colour.png");
  colour->origin_y_pt = 14.9;
  header_colour = mean_run (colour, 16, 36, 300);
  g_test_message ("colour badge: mean run in the header %.1f dots", header_colour);
  g_assert_cmpfloat (header_colour, <, 10);

  mono = print_badge (f, "Dymo", "dymo.ppd", template_path, 300, decode_dymo_raster, &media);
  png = g_build_filename (f->tmp, "dymo-mono.png", NULL);
  label_write_png (mono, png);
  keep_png (f, mono, "dymo-mono.png");
  g_test_message ("mono badge: %d × %d dots on %s", mono->width, mono->height, media);

  /* 2.25 × 4 in at 300 dpi on the driver's 30256 labels (w162h288), less
   * the LabelWriter's hardware margins (2 pt a side, 14.9 pt at the ends):
   * 158 × 258.2 pt printed, in rows of whole bytes. */
  g_assert_nonnull (strstr (media, "2.25x4in"));
  g_assert_cmpint (mono->width, >=, 658);
  g_assert_cmpint (mono->width, <, 658 + 8);
  g_assert_cmpint (mono->height, >=, 1074);
  g_assert_cmpint (mono->height, <=, 1078);
  /* The driver keeps the page's left edge (the right one is cut) and
   * cuts 14.9 pt at the top. */
  mono->origin_x_pt = 0;
  mono->origin_y_pt = 14.9;

  header_mono = mean_run (mono, 16, 36, 300);
  ribbon_mono = mean_run (mono, 252, 273, 300);
  g_test_message ("mono badge: mean run in the header %.1f dots, in the ribbon %.1f", header_mono, ribbon_mono);
  g_assert_cmpfloat (header_mono, >, 20);
  g_assert_cmpfloat (ribbon_mono, >, 20);

  own = render_own (f, template_path, 300);
  name = agreement (own, mono, 10, 44, 142, 58, 300);
  g_test_message ("name area: %.1f %% of dots as Lanyard drew them", name * 100);
  g_assert_cmpfloat (name, >, 0.97);

  decoded = zbar_decode (png);
  g_assert_cmpstr (decoded, ==, f->code);

  /* The 4 × 3 in badge: no DYMO label of that size. */
  {
    g_autoptr(GError) size_error = NULL;
    g_autoptr(LanyardPrintJob) job = lanyard_print_job_new ();

    job->document = g_strdup ("badge");
    job->queue = g_strdup ("Dymo");
    job->pdf_path = g_build_filename (f->tmp, "badge.pdf", NULL);
    g_assert_false (lanyard_print_job_run_sync (f->store, job, 288, 216, 30, NULL, &size_error));
    g_assert_error (size_error, LANYARD_ERROR, LANYARD_ERROR_PRINTER);
    g_assert_nonnull (strstr (size_error->message, "has no labels of 101.6 × 76.2 mm"));
  }
}

/* A 62 × 90 mm badge for a Brother QL's 62 mm continuous roll: the length
 * is the badge's, chosen by Lanyard (the driver's custom page size). */
static const char brother_template[] =
  "<svg xmlns='http://www.w3.org/2000/svg' width='62mm' height='90mm' viewBox='0 0 175.748 255.118' data-dpi='300'>"
  "<rect x='0' y='0' width='175.748' height='36' style='fill:#14365c'/>"
  "<g id='ribbon-attendee'><rect x='0' y='219' width='175.748' height='36.118' style='fill:#1f6f8b'/></g>"
  "<g id='ribbon-faculty'><rect x='0' y='219' width='175.748' height='36.118' style='fill:#8e1b3a'/></g>"
  "<g id='ribbon-exhibitor'><rect x='0' y='219' width='175.748' height='36.118' style='fill:#2e7d32'/></g>"
  "<g id='ribbon-staff'><rect x='0' y='219' width='175.748' height='36.118' style='fill:#c75000'/></g>"
  "<g id='ribbon-press'><rect x='0' y='219' width='175.748' height='36.118' style='fill:#5b2a86'/></g>"
  "<rect id='event' x='8' y='6' width='160' height='24' data-color='#ffffff' data-weight='bold' data-max-pt='12'/>"
  "<rect id='first_name' x='10' y='42' width='156' height='32' data-weight='bold' data-max-pt='28' data-min-pt='12'/>"
  "<rect id='last_name' x='10' y='74' width='156' height='22' data-weight='bold' data-max-pt='20' data-min-pt='10'/>"
  "<rect id='credentials' x='10' y='96' width='156' height='12' data-max-pt='11' data-min-pt='7'/>"
  "<rect id='affiliation' x='10' y='108' width='156' height='14' data-max-pt='9' data-min-pt='6' data-color='#444444'/>"
  "<rect id='qr' x='42' y='124' width='92' height='92'/>"
  "<rect id='role' x='8' y='222' width='160' height='30' data-color='#ffffff' data-align='center' "
  "data-weight='bold' data-max-pt='18'/>"
  "</svg>";

static void
test_brother (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Label) colour = NULL;
  g_autoptr(Label) mono = NULL;
  g_autoptr(Label) own = NULL;
  g_autofree char *template_path = NULL;
  g_autofree char *media = NULL;
  g_autofree char *colour_media = NULL;
  g_autofree char *ppd = NULL;
  g_autofree char *ppd_path = NULL;
  g_autofree char *png = NULL;
  g_autofree char *decoded = NULL;
  double header_colour, header_mono, ribbon_mono, name;

  (void) data;
  if (f->cups == NULL)
    return;
  if (!g_file_test ("/usr/lib/cups/driver/ptouch", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("printer-driver-ptouch is not installed");
      return;
    }
  {
    const char *argv[] = { "/usr/lib/cups/driver/ptouch", "cat",
                           "ptouch:0/ppd/ptouch-driver/Brother-QL-570-ptouch-ql.ppd", NULL };
    int status = 0;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &ppd, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  ppd_path = g_build_filename (f->ppd_dir, "brother-ql-570.ppd", NULL);
  g_assert_true (g_file_set_contents (ppd_path, ppd, -1, &error));
  template_path = g_build_filename (f->tmp, "brother-62x90.svg", NULL);
  g_assert_true (g_file_set_contents (template_path, brother_template, -1, &error));
  g_assert_no_error (error);

  /* Before: the colour badge, which the driver (Ghostscript) dithers. */
  colour = print_badge (f, "BrotherColour", "brother-ql-570.ppd", template_path, 0, decode_ptouch_raster,
                        &colour_media);
  keep_png (f, colour, "brother-colour.png");
  colour->origin_x_pt = 9 * 72.0 / 300;
  colour->origin_y_pt = 37 * 72.0 / 300;
  header_colour = mean_run (colour, 10, 36, 300);
  g_test_message ("colour badge: mean run in the header %.1f dots", header_colour);
  g_assert_cmpfloat (header_colour, <, 10);

  mono = print_badge (f, "Brother", "brother-ql-570.ppd", template_path, 300, decode_ptouch_raster, &media);
  g_test_message ("Brother media %s, %d × %d dots", media, mono->width, mono->height);
  png = g_build_filename (f->tmp, "brother-mono.png", NULL);
  label_write_png (mono, png);
  keep_png (f, mono, "brother-mono.png");

  /* The badge's own length on the 62 mm roll, made to measure; 720 dots
   * a row (the head), 992 rows (90 mm at 300 dpi less the driver's
   * 35-dot feed margins). */
  g_assert_cmpstr (media, ==, "custom_62x90mm_62x90mm");
  g_assert_cmpint (mono->width, ==, 720);
  g_assert_cmpint (mono->height, >=, 990);
  g_assert_cmpint (mono->height, <=, 994);
  /* Where the page lands on the head, found once by search: 9 dots in,
   * 37 rows cut at the top. */
  mono->origin_x_pt = 9 * 72.0 / 300;
  mono->origin_y_pt = 37 * 72.0 / 300;

  header_mono = mean_run (mono, 10, 36, 300);
  ribbon_mono = mean_run (mono, 219, 246, 300);
  g_test_message ("mono badge: mean run in the header %.1f dots, in the ribbon %.1f", header_mono, ribbon_mono);
  g_assert_cmpfloat (header_mono, >, 20);
  g_assert_cmpfloat (ribbon_mono, >, 20);

  own = render_own (f, template_path, 300);
  name = agreement (own, mono, 10, 42, 156, 54, 300);
  g_test_message ("name area: %.1f %% of dots as Lanyard drew them", name * 100);
  g_assert_cmpfloat (name, >, 0.97);

  decoded = zbar_decode (png);
  g_assert_cmpstr (decoded, ==, f->code);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/print/labels/zebra-zpl", Fixture, NULL, fixture_setup, test_zebra, fixture_teardown);
  g_test_add ("/print/labels/zebra-zpl-lanyardctl", Fixture, NULL, fixture_setup, test_zebra_lanyardctl,
              fixture_teardown);
  g_test_add ("/print/labels/dymo", Fixture, NULL, fixture_setup, test_dymo, fixture_teardown);
  g_test_add ("/print/labels/brother-ql", Fixture, NULL, fixture_setup, test_brother, fixture_teardown);
  return g_test_run ();
}
