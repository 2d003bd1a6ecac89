/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gtk/gtk.h>
#include <libintl.h>
#include <locale.h>
#include <string.h>

#include "lanyard-language.h"

/* glibc's count of loaded catalogs: raised, gettext forgets the
 * translations it has looked up, so a new LANGUAGE takes effect. */
extern int _nl_msg_cat_cntr;

/* Names in their own language, never flags: a flag is a country, and
 * Spanish or Arabic are spoken in twenty. */
static const LanyardLanguage languages[] = {
  { "en", "English", FALSE },
  { "de", "Deutsch", FALSE },
  { "es", "Español", FALSE },
  { "fr", "Français", FALSE },
  { "ar", "العربية", TRUE },
};

static const LanyardLanguage *current;
static const LanyardLanguage *default_language;
static char *default_env;         /* LANGUAGE as the program started */
static gboolean default_env_set;

const LanyardLanguage *
lanyard_languages (gsize *n_languages)
{
  g_return_val_if_fail (n_languages != NULL, NULL);
  *n_languages = G_N_ELEMENTS (languages);
  return languages;
}

const LanyardLanguage *
lanyard_language_find (const char *code)
{
  gsize len;

  if (code == NULL)
    return NULL;
  len = strcspn (code, "_.@-");
  for (gsize i = 0; i < G_N_ELEMENTS (languages); i++)
    if (strlen (languages[i].code) == len && g_ascii_strncasecmp (code, languages[i].code, len) == 0)
      return &languages[i];
  return NULL;
}

const LanyardLanguage *
lanyard_language_get_default (void)
{
  if (default_language == NULL)
    {
      const char * const *names = g_get_language_names ();

      default_env = g_strdup (g_getenv ("LANGUAGE"));
      default_env_set = default_env != NULL;
      /* The first name gettext would try that we have ("de_DE.UTF-8", "de"). */
      for (gsize i = 0; names[i] != NULL && default_language == NULL; i++)
        {
          if (g_str_equal (names[i], "C") || g_str_has_prefix (names[i], "C."))
            break;
          default_language = lanyard_language_find (names[i]);
        }
      if (default_language == NULL)
        default_language = &languages[0];
    }
  return default_language;
}

const LanyardLanguage *
lanyard_language_get_current (void)
{
  return current != NULL ? current : lanyard_language_get_default ();
}

void
lanyard_language_apply (const LanyardLanguage *language)
{
  const LanyardLanguage *fallback = lanyard_language_get_default ();

  if (language == NULL || language == fallback)
    {
      /* The environment the program started in, as it was (left alone
       * when it is: the environment is best not written once threads run). */
      if (default_env_set && g_strcmp0 (g_getenv ("LANGUAGE"), default_env) != 0)
        g_setenv ("LANGUAGE", default_env, TRUE);
      else if (!default_env_set && g_getenv ("LANGUAGE") != NULL)
        g_unsetenv ("LANGUAGE");
      language = fallback;
    }
  else
    {
      const char *messages = setlocale (LC_MESSAGES, NULL);

      /* gettext reads no LANGUAGE in the "C" locale: C.UTF-8 is the same
       * but for that. */
      if (messages != NULL && (g_str_equal (messages, "C") || g_str_equal (messages, "POSIX")))
        setlocale (LC_MESSAGES, "C.UTF-8");
      g_setenv ("LANGUAGE", language->code, TRUE);
    }
  ++_nl_msg_cat_cntr;
  current = language;
  gtk_widget_set_default_direction (language->rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
}
