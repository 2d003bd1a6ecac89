/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "lanyard-debouncer.h"

/* One sighting: at time t (ms) the decoder read code (NULL: a frame with no
 * code, which the debouncer is never told about) and whether it counts. */
typedef struct {
  gint64      t_ms;
  const char *code;
  gboolean    counts;
} Step;

typedef struct {
  const char *name;
  Step        steps[16];
} Case;

static const Case cases[] = {
  { "held-in-view-counts-once",
    { { 0, "A", TRUE }, { 33, "A", FALSE }, { 66, "A", FALSE }, { 500, "A", FALSE },
      { 1400, "A", FALSE }, { 2300, "A", FALSE }, { -1 } } },
  { "missed-frames-do-not-recount",
    /* blurred frames (no read) for 900 ms while held up */
    { { 0, "A", TRUE }, { 900, "A", FALSE }, { 1799, "A", FALSE }, { -1 } } },
  { "counts-again-after-leaving",
    { { 0, "A", TRUE }, { 100, "A", FALSE }, { 1100, "A", TRUE }, { 1133, "A", FALSE }, { -1 } } },
  { "exactly-the-absence-counts-again",
    { { 0, "A", TRUE }, { 1000, "A", TRUE }, { -1 } } },
  { "just-under-the-absence-does-not",
    { { 0, "A", TRUE }, { 999, "A", FALSE }, { -1 } } },
  { "different-code-counts-at-once",
    { { 0, "A", TRUE }, { 33, "B", TRUE }, { 66, "B", FALSE }, { 99, "C", TRUE }, { -1 } } },
  { "two-codes-in-view-count-once-each",
    { { 0, "A", TRUE }, { 33, "B", TRUE }, { 66, "A", FALSE }, { 99, "B", FALSE },
      { 132, "A", FALSE }, { 900, "B", FALSE }, { 950, "A", FALSE }, { -1 } } },
  { "prefix-is-a-different-code",
    { { 0, "ABC", TRUE }, { 10, "AB", TRUE }, { 20, "ABC", FALSE }, { -1 } } },
  { NULL },
};

static void
test_table (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(LanyardDebouncer) d = lanyard_debouncer_new (LANYARD_DEBOUNCE_ABSENCE_US);

  for (const Step *s = c->steps; s->t_ms >= 0; s++)
    {
      g_autoptr(GBytes) code = g_bytes_new (s->code, strlen (s->code));

      g_test_message ("t=%" G_GINT64_FORMAT " ms code=%s", s->t_ms, s->code);
      g_assert_cmpint (lanyard_debouncer_feed (d, code, s->t_ms * 1000), ==, s->counts);
    }
}

static void
test_binary (void)
{
  static const guint8 a[] = { 'x', 0, 0xff, 'y' };
  static const guint8 b[] = { 'x', 0, 0xfe, 'y' };
  g_autoptr(LanyardDebouncer) d = lanyard_debouncer_new (0);
  g_autoptr(GBytes) ba = g_bytes_new_static (a, sizeof a);
  g_autoptr(GBytes) bb = g_bytes_new_static (b, sizeof b);
  g_autoptr(GBytes) ba2 = g_bytes_new (a, sizeof a);

  g_assert_true (lanyard_debouncer_feed (d, ba, 0));
  g_assert_false (lanyard_debouncer_feed (d, ba2, 10));
  /* bytes after a NUL still make a difference */
  g_assert_true (lanyard_debouncer_feed (d, bb, 20));
}

static void
test_many_codes_and_reset (void)
{
  g_autoptr(LanyardDebouncer) d = lanyard_debouncer_new (LANYARD_DEBOUNCE_ABSENCE_US);

  /* More codes than the debouncer remembers: none crashes, each new one
   * counts, and the earliest is forgotten. */
  for (int i = 0; i < 40; i++)
    {
      g_autofree char *s = g_strdup_printf ("code-%d", i);
      g_autoptr(GBytes) code = g_bytes_new (s, strlen (s));

      g_assert_true (lanyard_debouncer_feed (d, code, i));
      g_assert_false (lanyard_debouncer_feed (d, code, i));
    }
  {
    g_autoptr(GBytes) last = g_bytes_new_static ("code-39", 7);
    g_autoptr(GBytes) first = g_bytes_new_static ("code-0", 6);

    g_assert_false (lanyard_debouncer_feed (d, last, 100));
    g_assert_true (lanyard_debouncer_feed (d, first, 100));
    lanyard_debouncer_reset (d);
    g_assert_true (lanyard_debouncer_feed (d, last, 101));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (const Case *c = cases; c->name != NULL; c++)
    {
      g_autofree char *path = g_strdup_printf ("/debouncer/table/%s", c->name);
      g_test_add_data_func (path, c, test_table);
    }
  g_test_add_func ("/debouncer/binary", test_binary);
  g_test_add_func ("/debouncer/many-codes-and-reset", test_many_codes_and_reset);

  return g_test_run ();
}
