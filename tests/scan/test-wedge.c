/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "lanyard-wedge.h"

#define ENTER  '\n'   /* is_enter */
#define OTHER  '\x01' /* a key that types nothing (arrow, Backspace) */
#define TIMER  '\x02' /* the caller's timer fired: lanyard_wedge_expire() */

/* One key press (or timer) at t_ms, and what the wedge must answer: the
 * action for that key, the text released before it, the scanned code. */
typedef struct {
  gint64             t_ms;
  gunichar           key;
  LanyardWedgeAction action;   /* ignored for TIMER */
  const char        *release;
  const char        *code;
} Step;

typedef struct {
  const char *name;
  Step        steps[24];
} Case;

#define P LANYARD_WEDGE_PASS
#define H LANYARD_WEDGE_HOLD
#define S LANYARD_WEDGE_SCAN

static const Case cases[] = {
  { "scanner-burst-is-a-scan",
    { { 0, 'L', H }, { 8, 'Y', H }, { 16, '1', H }, { 24, '-', H }, { 32, 'z', H },
      { 40, ENTER, S, NULL, "LY1-z" }, { -1 } } },
  { "slow-scanner-within-gap",
    { { 0, 'a', H }, { 45, 'b', H }, { 90, 'c', H }, { 135, 'd', H },
      { 180, ENTER, S, NULL, "abcd" }, { -1 } } },
  { "person-typing-passes-through",
    /* each key is held until the next comes too late, then released */
    { { 0, 'j', H }, { 180, 'a', H, "j" }, { 350, 'n', H, "a" }, { 520, 'e', H, "n" },
      { 700, ENTER, P, "e" }, { -1 } } },
  { "timer-releases-a-lone-key",
    { { 0, 'x', H }, { 50, TIMER, 0, "x" }, { 400, 'y', H }, { 420, TIMER, 0, NULL },
      { 450, TIMER, 0, "y" }, { 460, TIMER, 0, NULL }, { -1 } } },
  { "short-burst-is-typing",
    /* fewer than LANYARD_WEDGE_MIN_CHARS: e.g. a fast "ok" + Enter */
    { { 0, 'o', H }, { 10, 'k', H }, { 20, 'y', H }, { 30, ENTER, P, "oky" }, { -1 } } },
  { "enter-after-a-pause-is-typing",
    { { 0, 'a', H }, { 5, 'b', H }, { 10, 'c', H }, { 15, 'd', H },
      { 200, ENTER, P, "abcd" }, { -1 } } },
  { "pause-inside-burst-splits-it",
    { { 0, 'a', H }, { 5, 'b', H }, { 100, 'c', H, "ab" }, { 105, 'd', H }, { 110, 'e', H },
      { 115, 'f', H }, { 120, ENTER, S, NULL, "cdef" }, { -1 } } },
  { "other-key-releases-and-passes",
    { { 0, 'a', H }, { 5, 'b', H }, { 10, OTHER, P, "ab" }, { 15, 'c', H }, { -1 } } },
  { "lone-enter-passes",
    { { 0, ENTER, P }, { 5, ENTER, P }, { -1 } } },
  { "back-to-back-scans",
    { { 0, 'a', H }, { 2, 'b', H }, { 4, 'c', H }, { 6, 'd', H }, { 8, ENTER, S, NULL, "abcd" },
      { 10, 'e', H }, { 12, 'f', H }, { 14, 'g', H }, { 16, 'h', H },
      { 18, ENTER, S, NULL, "efgh" }, { 300, 'i', H }, { -1 } } },
  { "non-ascii-characters",
    { { 0, 0x00e9, H }, { 3, 0x4e2d, H }, { 6, 'x', H }, { 9, 'y', H },
      { 12, ENTER, S, NULL, "\xc3\xa9\xe4\xb8\xad" "xy" }, { -1 } } },
  { "control-characters-are-not-text",
    { { 0, 'a', H }, { 3, '\t', P, "a" }, { -1 } } },
  { NULL },
};

static void
test_table (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(LanyardWedge) w = lanyard_wedge_new ();

  for (const Step *s = c->steps; s->t_ms >= 0; s++)
    {
      gint64 now = s->t_ms * 1000;
      g_autofree char *release = NULL;
      g_autoptr(GBytes) code = NULL;

      g_test_message ("t=%" G_GINT64_FORMAT " ms key=U+%04X", s->t_ms, s->key);
      if (s->key == TIMER)
        {
          release = lanyard_wedge_expire (w, now);
        }
      else
        {
          LanyardWedgeAction action;

          action = lanyard_wedge_key (w,
                                      s->key == ENTER || s->key == OTHER ? 0 : s->key,
                                      s->key == ENTER, now, &release, &code);
          g_assert_cmpint (action, ==, s->action);
        }
      g_assert_cmpstr (release, ==, s->release);
      if (s->code != NULL)
        {
          g_assert_nonnull (code);
          g_assert_cmpmem (g_bytes_get_data (code, NULL), g_bytes_get_size (code),
                           s->code, strlen (s->code));
        }
      else
        {
          g_assert_null (code);
        }

      /* While keys are held the deadline is one gap after the last one. */
      if (s->key != TIMER && s->action == H)
        g_assert_cmpint (lanyard_wedge_get_deadline (w), ==, now + LANYARD_WEDGE_GAP_US);
    }
}

static void
test_too_long_burst (void)
{
  g_autoptr(LanyardWedge) w = lanyard_wedge_new ();
  g_autofree char *release = NULL;
  g_autoptr(GBytes) code = NULL;
  gint64 t = 0;

  for (int i = 0; i < LANYARD_WEDGE_MAX_CHARS; i++, t += 1000)
    {
      g_assert_cmpint (lanyard_wedge_key (w, 'a', FALSE, t, &release, &code), ==, LANYARD_WEDGE_HOLD);
      g_assert_null (release);
    }
  /* a stuck key: the flood is released as typing, not a scan */
  g_assert_cmpint (lanyard_wedge_key (w, 'a', FALSE, t, &release, &code), ==, LANYARD_WEDGE_PASS);
  g_assert_cmpuint (strlen (release), ==, LANYARD_WEDGE_MAX_CHARS);
  g_assert_cmpint (lanyard_wedge_get_deadline (w), ==, -1);
  g_clear_pointer (&release, g_free);
  g_assert_cmpint (lanyard_wedge_key (w, 0, TRUE, t + 1000, &release, &code), ==, LANYARD_WEDGE_PASS);
  g_assert_null (release);
  g_assert_null (code);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (const Case *c = cases; c->name != NULL; c++)
    {
      g_autofree char *path = g_strdup_printf ("/wedge/table/%s", c->name);
      g_test_add_data_func (path, c, test_table);
    }
  g_test_add_func ("/wedge/too-long-burst", test_too_long_burst);

  return g_test_run ();
}
