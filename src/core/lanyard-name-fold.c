/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "lanyard-name-fold.h"

/* German transliteration: the umlauts and ß spelled out. */
static char *
german_form (const char *word)
{
  GString *out = g_string_sized_new (strlen (word) + 4);

  for (const char *p = word; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case 0x00E4: g_string_append (out, "ae"); break;  /* ä */
        case 0x00F6: g_string_append (out, "oe"); break;  /* ö */
        case 0x00FC: g_string_append (out, "ue"); break;  /* ü */
        case 0x00C4: g_string_append (out, "Ae"); break;  /* Ä */
        case 0x00D6: g_string_append (out, "Oe"); break;  /* Ö */
        case 0x00DC: g_string_append (out, "Ue"); break;  /* Ü */
        case 0x00DF: g_string_append (out, "ss"); break;  /* ß */
        case 0x1E9E: g_string_append (out, "SS"); break;  /* ẞ */
        default: g_string_append_unichar (out, c); break;
        }
    }
  return g_string_free (out, FALSE);
}

/* ASCII, or NULL when a character has no Latin spelling (kanji, …). */
static char *
ascii_form (const char *word)
{
  char *ascii = g_str_to_ascii (word, "C");

  if (strchr (ascii, '?') != NULL && strchr (word, '?') == NULL)
    g_clear_pointer (&ascii, g_free);
  return ascii;
}

char *
lanyard_name_search_forms (const char *name)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GHashTable) seen = NULL;
  GString *out;
  char *(*forms[]) (const char *) = { ascii_form, german_form };
  const char *p;

  if (name == NULL)
    return g_strdup ("");
  /* ASCII words are their own ASCII and German forms */
  for (p = name; *p != '\0' && (guchar) *p < 0x80; p++)
    ;
  if (*p == '\0')
    return g_strdup (name);
  out = g_string_new (name);
  words = g_strsplit_set (name, " \t", -1);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; words[i] != NULL; i++)
    g_hash_table_add (seen, g_strdup (words[i]));
  for (guint f = 0; f < G_N_ELEMENTS (forms); f++)
    for (guint i = 0; words[i] != NULL; i++)
      {
        char *form = forms[f] (words[i]);

        if (form == NULL || *form == '\0' || g_hash_table_contains (seen, form))
          {
            g_free (form);
            continue;
          }
        g_string_append_c (out, ' ');
        g_string_append (out, form);
        g_hash_table_add (seen, form);
      }
  return g_string_free (out, FALSE);
}
