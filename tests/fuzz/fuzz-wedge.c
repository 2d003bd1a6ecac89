/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The keyboard-wedge stream: the GTK-free half of lanyard-scan-input.c
 * (lanyard-wedge.c; the GTK half only maps key events to characters and
 * times, and inserts text). Each input byte pair is one key: the first
 * byte the gap since the key before (in ms, times 0.5; its top bit makes
 * the timer fire first), the second the key (0x0d Enter, < 0x20 a key
 * without text, else that character, 0x80+ a non-ASCII letter).
 *
 * Nothing typed is lost or doubled: everything handed back as typing,
 * passed through, or scanned is the keys' text in the order typed; a scan
 * is MIN_CHARS to MAX_CHARS characters of one burst.
 */
#include "config.h"

#include <string.h>

#include "lanyard-fuzz.h"
#include "lanyard-wedge.h"

static void
take (GString *out,
      char    *text)
{
  if (text != NULL)
    g_string_append (out, text);
  g_free (text);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(LanyardWedge) wedge = lanyard_wedge_new ();
  g_autoptr(GString) typed = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  gint64 now = 1000000;

  for (size_t i = 0; i + 1 < size; i += 2)
    {
      guint8 gap = data[i], key = data[i + 1];
      g_autofree char *release = NULL;
      g_autoptr(GBytes) code = NULL;
      gboolean is_enter = key == 0x0d;
      gunichar ch = key < 0x20 ? 0 : key < 0x80 ? key : 0xc0 + (key - 0x80);  /* À… */
      LanyardWedgeAction action;

      now += (gap & 0x7f) * 500;
      if (gap & 0x80)
        {
          gint64 deadline = lanyard_wedge_get_deadline (wedge);

          if (deadline >= 0 && deadline <= now)
            take (out, lanyard_wedge_expire (wedge, now));
        }

      if (ch != 0 && ch != 0x7f)
        g_string_append_unichar (typed, ch);
      action = lanyard_wedge_key (wedge, ch, is_enter, now, &release, &code);
      take (out, g_steal_pointer (&release));
      switch (action)
        {
        case LANYARD_WEDGE_PASS:
          g_assert_null (code);
          if (ch != 0 && ch != 0x7f)
            g_string_append_unichar (out, ch);
          break;
        case LANYARD_WEDGE_HOLD:
          g_assert_null (code);
          g_assert_cmpint (lanyard_wedge_get_deadline (wedge), ==, now + LANYARD_WEDGE_GAP_US);
          break;
        case LANYARD_WEDGE_SCAN:
          {
            gsize len;
            const char *bytes = g_bytes_get_data (code, &len);
            glong n;

            g_assert_true (is_enter);
            g_assert_true (g_utf8_validate (bytes, len, NULL));
            n = g_utf8_strlen (bytes, len);
            g_assert_cmpint (n, >=, LANYARD_WEDGE_MIN_CHARS);
            g_assert_cmpint (n, <=, LANYARD_WEDGE_MAX_CHARS);
            g_string_append_len (out, bytes, len);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  take (out, lanyard_wedge_expire (wedge, G_MAXINT64));
  g_assert_cmpint (lanyard_wedge_get_deadline (wedge), ==, -1);
  g_assert_cmpstr (out->str, ==, typed->str);
  return 0;
}
