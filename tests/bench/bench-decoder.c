/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Decoder benchmark: how many codes Lanyard's decoder reads against zbarimg
 * and ZXingReader on the same pictures (real photos + a seeded synthetic
 * set), and what a 1280×720 frame costs against plain ZBar — in one run,
 * interleaved, so the shared machine's noise hits every contender alike.
 * A tool, not a gate: it prints tables and exits 0. */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <zbar.h>

#include "lanyard-decoder.h"
#include "lanyard-synth.h"

#define LIVE_TRIES 3   /* a code held up for 3 frames = 0.1 s at 30 fps */

static int opt_seed = 20261124;
static int opt_frames = 300;
static int opt_empty = 100;
static char *opt_samples = NULL;
static char *opt_keep = NULL;
static gboolean opt_no_peers = FALSE;
static gboolean opt_verbose = FALSE;

static GOptionEntry entries[] = {
  { "seed", 0, 0, G_OPTION_ARG_INT, &opt_seed, "Seed of the synthetic set", "N" },
  { "frames", 0, 0, G_OPTION_ARG_INT, &opt_frames, "Synthetic frames with a code", "N" },
  { "empty", 0, 0, G_OPTION_ARG_INT, &opt_empty, "Synthetic frames without a code", "N" },
  { "samples", 0, 0, G_OPTION_ARG_FILENAME, &opt_samples, "Folder of PNG+TXT samples", "DIR" },
  { "keep", 0, 0, G_OPTION_ARG_FILENAME, &opt_keep, "Keep synthetic frames in DIR", "DIR" },
  { "no-peers", 0, 0, G_OPTION_ARG_NONE, &opt_no_peers, "Do not run zbarimg / ZXingReader", NULL },
  { "verbose", 'v', 0, G_OPTION_ARG_NONE, &opt_verbose, "One line per picture", NULL },
  { NULL }
};

/* ---- text comparison ------------------------------------------------ */

/* Lanyard returns raw bytes (ZBAR_CFG_BINARY); codes from the wild carry
 * Shift-JIS or Latin-1 text. Read bytes the way ZBar's own text mode
 * guesses: UTF-8 if valid, else Shift-JIS, else Latin-1. The same function
 * reads ZXingReader's bytes, so nobody gets a better guess than another. */
static char *
bytes_to_text (const guint8 *data,
               gsize         len)
{
  char *s;

  if (g_utf8_validate ((const char *) data, len, NULL) && memchr (data, 0, len) == NULL)
    return g_strndup ((const char *) data, len);
  /* CP932 is the Shift-JIS phones write; glibc's SHIFT_JIS reads 0x5C as ¥ */
  s = g_convert ((const char *) data, len, "UTF-8", "CP932", NULL, NULL, NULL);
  if (s == NULL)
    s = g_convert ((const char *) data, len, "UTF-8", "SHIFT_JIS", NULL, NULL, NULL);
  if (s != NULL)
    return s;
  return g_convert ((const char *) data, len, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
}

static gboolean
lanyard_right (GBytes     *result,
               const char *answer)
{
  gsize len;
  const guint8 *data;
  g_autofree char *text = NULL;

  if (result == NULL)
    return FALSE;
  data = g_bytes_get_data (result, &len);
  if (len == strlen (answer) && memcmp (data, answer, len) == 0)
    return TRUE;
  text = bytes_to_text (data, len);
  return text != NULL && strcmp (text, answer) == 0;
}

/* ---- peers ----------------------------------------------------------- */

static gboolean
wasm_right (GHashTable *reports,
            const char *path,
            const char *answer);

static gboolean have_zbarimg, have_zxing, have_wasm;
static char *wasm_script;

/* ---- zxing-cpp 3.1 through node + zxing-wasm ----------------------- */

/* Runs tests/bench/zxing-wasm-read.mjs over many files: path → array of
 * GBytes (every code it read there). NULL when node or zxing-wasm is
 * missing: the column is then skipped, with the reason printed. */
static GHashTable *
wasm_reports (GPtrArray *paths)
{
  g_autoptr(GHashTable) reports = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) lines = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) "node");
  g_ptr_array_add (argv, wasm_script);
  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (argv, paths->pdata[i]);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, &wait_status, &error) ||
      !g_spawn_check_wait_status (wait_status, NULL))
    {
      g_printerr ("zxing-cpp 3.1 (node + zxing-wasm) skipped: %s\n",
                  error != NULL ? error->message : g_strstrip (err));
      have_wasm = FALSE;
      return NULL;
    }
  reports = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *tab = strrchr (lines[i], '\t');
      g_autofree char *path = NULL;
      GPtrArray *codes;
      gsize n;

      if (tab == NULL)
        continue;
      path = g_strndup (lines[i], tab - lines[i]);
      codes = g_hash_table_lookup (reports, path);
      if (codes == NULL)
        {
          codes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
          g_hash_table_insert (reports, g_strdup (path), codes);
        }
      n = strlen (tab + 1) / 2;
      if (strcmp (tab + 1, "-") != 0)
        {
          guint8 *bytes = g_malloc (n + 1);
          for (gsize k = 0; k < n; k++)
            bytes[k] = (g_ascii_xdigit_value (tab[1 + 2 * k]) << 4) | g_ascii_xdigit_value (tab[2 + 2 * k]);
          g_ptr_array_add (codes, g_bytes_new_take (bytes, n));
        }
    }
  return g_steal_pointer (&reports);
}

static char *
run_tool (const char * const *argv)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, NULL, &error))
    {
      g_printerr ("%s: %s\n", argv[0], error->message);
      return NULL;
    }
  return g_steal_pointer (&out);
}

static gboolean
zbarimg_right (const char *path,
               const char *answer)
{
  const char *argv[] = { "zbarimg", "-q", "--raw", "-Sdisable", "-Sqrcode.enable", path, NULL };
  g_autofree char *out = run_tool (argv);
  g_autofree char *line = g_strconcat (answer, "\n", NULL);
  g_autofree char *nline = g_strconcat ("\n", answer, "\n", NULL);

  /* several symbols come out one after the other: any may be the answer */
  return out != NULL && (g_str_has_prefix (out, line) || strstr (out, nline) != NULL);
}

/* Parses ZXingReader's report on one file: any "Text" or "Bytes" of any
 * symbol found equal to the answer counts. */
static gboolean
zxing_right_in (const char *report,
                const char *answer)
{
  const char *p = report;

  while ((p = strstr (p, "Text:       \"")) != NULL)
    {
      const char *start = p + strlen ("Text:       \"");
      const char *end = strstr (start, "\"\nBytes:");
      const char *hex;
      g_autoptr(GByteArray) bytes = g_byte_array_new ();
      g_autofree char *text = NULL;

      if (end == NULL)
        break;
      if ((gsize) (end - start) == strlen (answer) && memcmp (start, answer, end - start) == 0)
        return TRUE;
      hex = end + strlen ("\"\nBytes:");
      while (*hex == ' ')
        hex++;
      while (g_ascii_isxdigit (hex[0]) && g_ascii_isxdigit (hex[1]))
        {
          guint8 b = (g_ascii_xdigit_value (hex[0]) << 4) | g_ascii_xdigit_value (hex[1]);
          g_byte_array_append (bytes, &b, 1);
          hex += 2;
          while (*hex == ' ')
            hex++;
        }
      text = bytes_to_text (bytes->data, bytes->len);
      if (text != NULL && strcmp (text, answer) == 0)
        return TRUE;
      p = end;
    }
  return FALSE;
}

/* Runs ZXingReader once over many files; returns one report per file. */
static GHashTable *
zxing_reports (GPtrArray *paths)
{
  GHashTable *reports = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_auto(GStrv) blocks = NULL;

  g_ptr_array_add (argv, (gpointer) "ZXingReader");
  g_ptr_array_add (argv, (gpointer) "-format");
  g_ptr_array_add (argv, (gpointer) "QRCode");
  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (argv, paths->pdata[i]);
  g_ptr_array_add (argv, NULL);
  out = run_tool ((const char * const *) argv->pdata);
  if (out == NULL)
    return reports;
  /* with several files, each report starts with "File:       NAME" */
  blocks = g_strsplit (out, "File:       ", -1);
  for (guint i = 0; blocks[i] != NULL; i++)
    {
      char *nl = strchr (blocks[i], '\n');
      g_autofree char *name = NULL;
      if (nl == NULL)
        continue;
      name = g_strndup (blocks[i], nl - blocks[i]);
      if (g_hash_table_contains (reports, name))
        {
          /* several symbols in one file: one "File:" line each */
          char *old = g_hash_table_lookup (reports, name);
          g_hash_table_insert (reports, g_strdup (name), g_strconcat (old, nl, NULL));
        }
      else
        g_hash_table_insert (reports, g_steal_pointer (&name), g_strdup (nl));
    }
  return reports;
}

static gboolean
wasm_right (GHashTable *reports,
            const char *path,
            const char *answer)
{
  GPtrArray *codes = reports != NULL ? g_hash_table_lookup (reports, path) : NULL;

  for (guint i = 0; codes != NULL && i < codes->len; i++)
    if (lanyard_right (codes->pdata[i], answer))
      return TRUE;
  return FALSE;
}

/* ---- timing ---------------------------------------------------------- */

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
percentile (GArray *a,
            double  p)
{
  if (a->len == 0)
    return NAN;
  g_array_sort (a, compare_double);
  return g_array_index (a, double, MIN (a->len - 1, (guint) floor (p * (a->len - 1) + 0.5)));
}

static zbar_image_scanner_t *
plain_scanner (gboolean qr_only)
{
  zbar_image_scanner_t *s = zbar_image_scanner_create ();

  if (qr_only)
    {
      zbar_image_scanner_set_config (s, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
      zbar_image_scanner_set_config (s, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    }
  else
    zbar_image_scanner_set_config (s, ZBAR_NONE, ZBAR_CFG_ENABLE, 1);
  return s;
}

/* Plain ZBar as an application would call it on a camera frame. */
static double
time_plain (zbar_image_scanner_t *s,
            const guint8         *px,
            int                   width,
            int                   height)
{
  zbar_image_t *img = zbar_image_create ();
  gint64 t0;

  zbar_image_set_format (img, zbar_fourcc ('Y', '8', '0', '0'));
  zbar_image_set_size (img, width, height);
  zbar_image_set_data (img, px, (unsigned long) width * height, NULL);
  t0 = g_get_monotonic_time ();
  zbar_scan_image (s, img);
  t0 = g_get_monotonic_time () - t0;
  zbar_image_destroy (img);
  return t0 / 1000.0;
}

typedef struct {
  GArray *lanyard, *lanyard_cpu, *zbar_all, *zbar_qr;
} Times;

/* CPU time of the whole process (both decoder threads), ms */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
times_init (Times *t)
{
  t->lanyard = g_array_new (FALSE, FALSE, sizeof (double));
  t->lanyard_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  t->zbar_all = g_array_new (FALSE, FALSE, sizeof (double));
  t->zbar_qr = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
times_clear (Times *t)
{
  g_array_unref (t->lanyard);
  g_array_unref (t->lanyard_cpu);
  g_array_unref (t->zbar_all);
  g_array_unref (t->zbar_qr);
}

static void
print_times (const char *what,
             Times      *t)
{
  double l50 = percentile (t->lanyard, 0.5), a50 = percentile (t->zbar_all, 0.5);
  double q50 = percentile (t->zbar_qr, 0.5);

  printf ("| %s | %u | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f | %.1f | %.3f | %.3f |\n",
          what, t->lanyard->len, l50, percentile (t->lanyard, 0.9),
          percentile (t->lanyard, 0.99), percentile (t->lanyard, 1.0),
          percentile (t->lanyard_cpu, 0.5), a50, q50, l50 / a50, l50 / q50);
}

/* ---- counting -------------------------------------------------------- */

typedef struct {
  const char *name;
  guint       mask;      /* LanyardSynthFlags, or 0 for "all" */
  int         total, lanyard_first, lanyard, zbarimg, zxing, wasm;
} Bucket;

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new ("— Lanyard decoder benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardDecoder) dec = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autofree char *tmpdir = NULL;
  g_autoptr(GPtrArray) synth_paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) synth_answers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) synth_flags = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) synth_sizes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) synth_lanyard = g_array_new (FALSE, FALSE, sizeof (int));
  zbar_image_scanner_t *zall, *zqr;
  Times with_code, without_code;
  int s_total = 0, s_lanyard = 0, s_zbarimg = 0, s_zxing = 0, s_wasm = 0;
  double s_time_total = 0;
  gint64 run_start = g_get_monotonic_time ();
  Bucket buckets[] = {
    { "all", 0 }, { "inverted", LANYARD_SYNTH_INVERTED }, { "mirrored", LANYARD_SYNTH_MIRRORED },
    { "glare", LANYARD_SYNTH_GLARE }, { "low contrast", LANYARD_SYNTH_LOW },
    { "blur", LANYARD_SYNTH_BLUR }, { "size < 200 px", 1u << 30 }, { "size ≥ 300 px", 1u << 29 },
    { "phone screen", LANYARD_SYNTH_PHONE }, { "… moiré", LANYARD_SYNTH_MOIRE },
    { "… reflection", LANYARD_SYNTH_REFLECT }, { "… rounded corners in the quiet zone", LANYARD_SYNTH_CORNERS },
    { "… 30–60 cm away", LANYARD_SYNTH_FAR },
  };

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (opt_samples == NULL)
    {
      const char *src = g_getenv ("LANYARD_SOURCE_DIR");
      opt_samples = g_build_filename (src ? src : SOURCE_DIR, "..", "shared", "qr-samples", NULL);
    }
  {
    g_autofree char *zbarimg = g_find_program_in_path ("zbarimg");
    g_autofree char *zxing = g_find_program_in_path ("ZXingReader");
    have_zbarimg = !opt_no_peers && zbarimg != NULL;
    have_zxing = !opt_no_peers && zxing != NULL;
    /* zxing-wasm: npm install --prefix tests/bench zxing-wasm@3 (or set
     * ZXING_WASM_DIR to where it is installed) */
    wasm_script = g_build_filename (g_getenv ("LANYARD_SOURCE_DIR") ? g_getenv ("LANYARD_SOURCE_DIR") : SOURCE_DIR,
                                    "tests", "bench", "zxing-wasm-read.mjs", NULL);
    have_wasm = !opt_no_peers;
    if (have_wasm)
      {
        g_autofree char *node = g_find_program_in_path ("node");
        if (node == NULL)
          {
            g_printerr ("zxing-cpp 3.1 (node + zxing-wasm) skipped: node is not installed\n");
            have_wasm = FALSE;
          }
      }
  }
  dec = lanyard_decoder_new ();
  zall = plain_scanner (FALSE);
  zqr = plain_scanner (TRUE);
  times_init (&with_code);
  times_init (&without_code);

  /* ---- 1. the real photos ---- */
  {
    g_autoptr(GPtrArray) pngs = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GHashTable) zx = NULL;
    g_autoptr(GHashTable) wasm = NULL;
    g_autoptr(GDir) top = g_dir_open (opt_samples, 0, NULL);
    const char *sub;

    while (top != NULL && (sub = g_dir_read_name (top)) != NULL)
      {
        g_autofree char *dir = g_build_filename (opt_samples, sub, NULL);
        g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
        const char *name;
        while (d != NULL && (name = g_dir_read_name (d)) != NULL)
          if (g_str_has_suffix (name, ".png"))
            g_ptr_array_add (pngs, g_build_filename (dir, name, NULL));
      }
    g_ptr_array_sort (pngs, (GCompareFunc) g_strcmp0);
    if (have_zxing && pngs->len > 0)
      zx = zxing_reports (pngs);
    if (have_wasm && pngs->len > 0)
      wasm = wasm_reports (pngs);
    for (guint i = 0; i < pngs->len; i++)
      {
        const char *png = pngs->pdata[i];
        g_autofree char *base = g_strndup (png, strlen (png) - 4);
        g_autofree char *txt = g_strconcat (base, ".txt", NULL);
        g_autofree char *answer = NULL;
        g_autoptr(GPtrArray) got = NULL;
        gboolean l = FALSE, z = FALSE, x = FALSE, w;
        gint64 t0;

        if (!g_file_get_contents (txt, &answer, NULL, NULL))
          continue;
        s_total++;
        t0 = g_get_monotonic_time ();
        /* every code of the picture, as for the peers: any may be the answer */
        got = lanyard_decoder_decode_file_all (dec, png, NULL);
        s_time_total += (g_get_monotonic_time () - t0) / 1000.0;
        for (guint k = 0; got != NULL && k < got->len; k++)
          l |= lanyard_right (got->pdata[k], answer);
        if (have_zbarimg)
          z = zbarimg_right (png, answer);
        if (zx != NULL)
          {
            const char *rep = g_hash_table_lookup (zx, png);
            x = rep != NULL && zxing_right_in (rep, answer);
          }
        w = wasm_right (wasm, png, answer);
        s_lanyard += l;
        s_zbarimg += z;
        s_zxing += x;
        s_wasm += w;
        if (opt_verbose)
          printf ("sample %-40s lanyard=%d zbarimg=%d zxing=%d zxing-3.1=%d\n", png, l, z, x, w);
      }
  }

  /* ---- 2. the synthetic set, timed against plain ZBar frame by frame ---- */
  if (opt_keep != NULL)
    {
      g_mkdir_with_parents (opt_keep, 0755);
      tmpdir = g_strdup (opt_keep);
    }
  else
    tmpdir = g_dir_make_tmp ("lanyard-bench-XXXXXX", NULL);
  rand = g_rand_new_with_seed ((guint32) opt_seed);
  for (int i = 0; i < opt_frames + opt_empty; i++)
    {
      /* with and without a code interleaved, so drift hits both */
      gboolean with = opt_empty == 0 || (i % (1 + (opt_frames + opt_empty - 1) / MAX (opt_empty, 1))) != 0;
      LanyardSynthParams p;
      g_autofree char *payload = NULL;
      g_autoptr(LanyardSynthFrame) f = NULL;
      Times *t;
      int got_at = 0;

      if (with && synth_paths->len >= (guint) opt_frames)
        with = FALSE;
      if (!with && (guint) i - synth_paths->len >= (guint) opt_empty)
        with = TRUE;
      lanyard_synth_params_random (&p, rand, with, &payload);
      f = lanyard_synth_frame_render (&p);
      t = with ? &with_code : &without_code;

      /* the same frame for each contender, in turn; Lanyard sees it as a
       * camera would: up to LIVE_TRIES consecutive frames */
      for (int k = 0; k < LIVE_TRIES; k++)
        {
          double c0 = cpu_ms ();
          gint64 t0 = g_get_monotonic_time ();
          g_autoptr(GBytes) got = lanyard_decoder_decode_gray (dec, f->pixels, f->width,
                                                               f->height, f->stride);
          double ms = (g_get_monotonic_time () - t0) / 1000.0;
          double cpu = cpu_ms () - c0;
          g_array_append_val (t->lanyard, ms);
          g_array_append_val (t->lanyard_cpu, cpu);
          if (k == 0)
            {
              double a = time_plain (zall, f->pixels, f->width, f->height);
              double q = time_plain (zqr, f->pixels, f->width, f->height);
              g_array_append_val (t->zbar_all, a);
              g_array_append_val (t->zbar_qr, q);
            }
          if (with && got_at == 0 && lanyard_right (got, payload))
            got_at = k + 1;
          if (!with && got != NULL)
            g_printerr ("false positive on empty frame %d\n", i);
          if (got_at > 0 || !with)
            break;
        }
      if (with)
        {
          g_autofree char *path = g_strdup_printf ("%s/synth-%04u.png", tmpdir, synth_paths->len);
          if (have_zbarimg || have_zxing || have_wasm || opt_keep != NULL)
            if (!lanyard_synth_frame_save (f, path, &error))
              g_error ("%s", error->message);
          g_ptr_array_add (synth_paths, g_steal_pointer (&path));
          g_ptr_array_add (synth_answers, g_strdup (payload));
          g_array_append_val (synth_flags, p.flags);
          g_array_append_val (synth_sizes, p.size);
          g_array_append_val (synth_lanyard, got_at);
          if (opt_verbose)
            printf ("synth %4u %-60s lanyard=%d\n", synth_paths->len - 1, f->label, got_at);
        }
    }

  /* peers on the saved frames */
  {
    g_autoptr(GHashTable) zx = have_zxing && synth_paths->len > 0 ? zxing_reports (synth_paths) : NULL;
    g_autoptr(GHashTable) wasm = have_wasm && synth_paths->len > 0 ? wasm_reports (synth_paths) : NULL;

    for (guint i = 0; i < synth_paths->len; i++)
      {
        const char *path = synth_paths->pdata[i], *answer = synth_answers->pdata[i];
        guint flags = g_array_index (synth_flags, guint, i);
        double size = g_array_index (synth_sizes, double, i);
        int got_at = g_array_index (synth_lanyard, int, i);
        gboolean z = have_zbarimg && zbarimg_right (path, answer);
        gboolean x = FALSE, w = wasm_right (wasm, path, answer);

        if (zx != NULL)
          {
            const char *rep = g_hash_table_lookup (zx, path);
            x = rep != NULL && zxing_right_in (rep, answer);
          }
        if (size < 200)
          flags |= 1u << 30;
        if (size >= 300)
          flags |= 1u << 29;
        for (guint b = 0; b < G_N_ELEMENTS (buckets); b++)
          if (buckets[b].mask == 0 || (flags & buckets[b].mask))
            {
              buckets[b].total++;
              buckets[b].lanyard_first += got_at == 1;
              buckets[b].lanyard += got_at > 0;
              buckets[b].zbarimg += z;
              buckets[b].zxing += x;
              buckets[b].wasm += w;
            }
        if (opt_verbose && (x || z || w) && got_at == 0)
          printf ("missed by lanyard, read by a peer: %s zbarimg=%d zxing=%d zxing-3.1=%d\n", path, z, x, w);
        if (opt_keep == NULL)
          g_unlink (path);
      }
    if (opt_keep == NULL)
      g_rmdir (tmpdir);
  }

  /* ---- report ---- */
  printf ("\n## Decoded correctly (text equals the answer)\n\n");
  printf ("| set | pictures | Lanyard | zbarimg (QR only) | ZXingReader (zxing-cpp 1.4) | zxing-cpp 3.1 (zxing-wasm) |\n");
  printf ("| --- | ---: | ---: | ---: | ---: | ---: |\n");
  printf ("| qr-samples (real photos) | %d | %d | %s%d | %s%d | %s%d |\n", s_total, s_lanyard,
          have_zbarimg ? "" : "n/a ", s_zbarimg, have_zxing ? "" : "n/a ", s_zxing,
          have_wasm ? "" : "n/a ", s_wasm);
  for (guint b = 0; b < G_N_ELEMENTS (buckets); b++)
    printf ("| synthetic seed %d: %s | %d | %d (%d 1st frame) | %d | %d | %s%d |\n", opt_seed,
            buckets[b].name, buckets[b].total, buckets[b].lanyard, buckets[b].lanyard_first,
            buckets[b].zbarimg, buckets[b].zxing, have_wasm ? "" : "n/a ", buckets[b].wasm);

  printf ("\n## Time per 1280×720 frame, ms (wall clock, same frames, interleaved)\n\n");
  printf ("| frames | n | Lanyard median | p90 | p99 | max | Lanyard CPU median (both threads) | ZBar all symbologies median | ZBar QR-only median | Lanyard / all | Lanyard / QR-only |\n");
  printf ("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
  print_times ("with a code", &with_code);
  print_times ("without a code", &without_code);
  {
    Times both;
    times_init (&both);
    g_array_append_vals (both.lanyard, with_code.lanyard->data, with_code.lanyard->len);
    g_array_append_vals (both.lanyard, without_code.lanyard->data, without_code.lanyard->len);
    g_array_append_vals (both.lanyard_cpu, with_code.lanyard_cpu->data, with_code.lanyard_cpu->len);
    g_array_append_vals (both.lanyard_cpu, without_code.lanyard_cpu->data, without_code.lanyard_cpu->len);
    g_array_append_vals (both.zbar_all, with_code.zbar_all->data, with_code.zbar_all->len);
    g_array_append_vals (both.zbar_all, without_code.zbar_all->data, without_code.zbar_all->len);
    g_array_append_vals (both.zbar_qr, with_code.zbar_qr->data, with_code.zbar_qr->len);
    g_array_append_vals (both.zbar_qr, without_code.zbar_qr->data, without_code.zbar_qr->len);
    print_times ("all", &both);
    times_clear (&both);
  }
  printf ("\nLanyard on the real photos (still-image mode, all sizes): %.1f ms per picture on average.\n",
          s_total ? s_time_total / s_total : 0.0);
  printf ("Plain ZBar runs on one core; Lanyard hands the rest of a hard frame to a second thread, so its CPU time is shown too.\n");
  printf ("Lanyard counts a synthetic code as read when it decodes it within %d consecutive frames of the same picture; every frame's time is in the table.\n",
          LIVE_TRIES);
  printf ("Run took %.0f s.\n", (g_get_monotonic_time () - run_start) / 1e6);

  times_clear (&with_code);
  times_clear (&without_code);
  zbar_image_scanner_destroy (zall);
  zbar_image_scanner_destroy (zqr);
  g_free (opt_samples);
  g_free (wasm_script);
  g_free (opt_keep);
  return 0;
}
