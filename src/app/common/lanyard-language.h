/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The languages the screens speak, and switching between them while the
 * program runs: the kiosk's language button switches for one attendee,
 * and the kiosk returns to the language it started in (the event's) when
 * left alone. The language is the process's (gettext's LANGUAGE), so a
 * window shows a new one only when it is built again; Arabic is laid out
 * right to left (GTK's default direction, set here before that).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *code;   /* gettext's: "en", "de", "es", "fr", "ar" */
  const char *name;   /* in the language itself, for the button */
  gboolean    rtl;
} LanyardLanguage;

/* The languages offered, in the order shown; @n_languages set. */
const LanyardLanguage *lanyard_languages                (gsize      *n_languages);
/* The one @code names (its primary subtag: "es_MX.UTF-8" is Spanish), or
 * NULL when none of the offered. */
const LanyardLanguage *lanyard_language_find            (const char *code);
/* The language the program started in (from the environment, as gettext
 * reads it; English when none of the offered). */
const LanyardLanguage *lanyard_language_get_default     (void);
/* The language the screens speak now. */
const LanyardLanguage *lanyard_language_get_current     (void);
/* Speaks @language from now on (NULL: the default); sets GTK's default
 * text direction. Windows built after this speak it. */
void                   lanyard_language_apply           (const LanyardLanguage *language);

G_END_DECLS
