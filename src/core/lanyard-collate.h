/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Alphabetical order in the event's language ("tr", "pl", "vi", "es",
 * "de-DE"…; the event's "language"): Çelik after Cabrera in Turkish, Đức
 * after Dương in Vietnamese, Żak after Zieliński in Polish, Müller before
 * Muñoz in German and Spanish.
 *
 * ICU's collators, not g_utf8_collate_key: GLib collates by the process's
 * LC_COLLATE, so sorting by the event's language would mean setlocale in a
 * threaded program and a generated glibc locale for every language an
 * event may use (a kiosk image has en_US at most; this machine has C and
 * POSIX only). ICU carries CLDR's collation for every language in
 * libicu72, needs nothing generated and a collator is per call.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LanyardCollator LanyardCollator;

/* language: a BCP 47 tag; NULL or "" = CLDR's root order. Never NULL: an
 * unknown language falls back to the root order. */
LanyardCollator *lanyard_collator_new  (const char      *language);
void             lanyard_collator_free (LanyardCollator *self);
/* < 0, 0, > 0 as strcmp, in the collator's language (NULL as ""). */
int              lanyard_collator_compare (LanyardCollator *self,
                                           const char      *a,
                                           const char      *b);
/* Sorts LanyardAttendee* by last name, first name, then ticket code. */
void             lanyard_collator_sort_attendees (LanyardCollator *self,
                                                  GPtrArray       *attendees);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardCollator, lanyard_collator_free)

G_END_DECLS
