/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Names that cannot lie. Every way a name comes in (the CSV import, an
 * edit, a walk-in, the hub's sync) passes it through lanyard_text_clean_name
 * before it is stored, so what a badge, a certificate and the desk's search
 * show is what was typed, in the order it was typed.
 */
#pragma once

#include <glib.h>

#include "lanyard-model.h"

G_BEGIN_DECLS

/* text with every invisible format character (Unicode category Cf: the
 * bidi overrides, embeddings and isolates U+202A–U+202E and U+2066–U+2069,
 * the marks U+200E/U+200F/U+061C, soft hyphens, zero-width spaces and
 * joiners that are not U+200C/U+200D, BOMs, tags…) and every control
 * character removed, each run of white space — line breaks and tabs too —
 * made one space, and the ends trimmed. Invalid UTF-8 is replaced first.
 * U+200C and U+200D stay: Persian, Indic scripts and emoji sequences
 * need them. NULL stays NULL. */
char *lanyard_text_clean_name      (const char      *text);

/* Cleans first_name, last_name, credentials and affiliation in place. */
void  lanyard_attendee_clean_names (LanyardAttendee *attendee);

G_END_DECLS
