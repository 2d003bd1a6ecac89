/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "lanyard-text.h"

#define ZWNJ 0x200C
#define ZWJ  0x200D

char *
lanyard_text_clean_name (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;
  gboolean pending_space = FALSE;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (g_unichar_isspace (c) || type == G_UNICODE_LINE_SEPARATOR
          || type == G_UNICODE_PARAGRAPH_SEPARATOR || type == G_UNICODE_SPACE_SEPARATOR)
        {
          pending_space = out->len > 0;
          continue;
        }
      if (type == G_UNICODE_CONTROL || (type == G_UNICODE_FORMAT && c != ZWNJ && c != ZWJ))
        continue;
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Printable ASCII with single spaces between words: what
 * lanyard_text_clean_name () would return unchanged. */
static gboolean
is_clean_ascii (const char *text)
{
  const char *p;

  if (*text == ' ')
    return FALSE;
  for (p = text; *p != '\0'; p++)
    if (*p < ' ' || *p > '~' || (*p == ' ' && (p[1] == ' ' || p[1] == '\0')))
      return FALSE;
  return TRUE;
}

static void
clean_in_place (char **slot)
{
  char *clean;

  if (*slot == NULL || is_clean_ascii (*slot))
    return;
  clean = lanyard_text_clean_name (*slot);

  g_free (*slot);
  *slot = clean;
}

void
lanyard_attendee_clean_names (LanyardAttendee *attendee)
{
  clean_in_place (&attendee->first_name);
  clean_in_place (&attendee->last_name);
  clean_in_place (&attendee->credentials);
  clean_in_place (&attendee->affiliation);
  clean_in_place (&attendee->first_name_latin);
  clean_in_place (&attendee->last_name_latin);
}
