/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The forms of a name the search also finds it by, for people typing on a
 * Latin keyboard: the name folded to ASCII ("Łukasz Dvořák" → "Lukasz
 * Dvorak", "Straße" → "Strasse") and its German transliteration ("Müller"
 * → "Mueller", "Öztürk" → "Oeztuerk", "Gauß" → "Gauss"). Accents alone need
 * no extra form: the full-text index drops them itself ("Muller" finds
 * Müller).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @name, then each other form once, space-separated ("" for NULL). */
char *lanyard_name_search_forms (const char *name);

G_END_DECLS
