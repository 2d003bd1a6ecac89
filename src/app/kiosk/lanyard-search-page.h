/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Find me by name": an entry typed on the kiosk's own keyboard and the
 * people it matches, by name and affiliation only. Picking one activates
 * kiosk.pick-attendee with the attendee's id.
 */
#pragma once

#include <adwaita.h>

#include "lanyard-store.h"

G_BEGIN_DECLS

#define LANYARD_TYPE_SEARCH_PAGE (lanyard_search_page_get_type ())
G_DECLARE_FINAL_TYPE (LanyardSearchPage, lanyard_search_page, LANYARD, SEARCH_PAGE, AdwBin)

void lanyard_search_page_set_store (LanyardSearchPage *self,
                                    LanyardStore      *store);
/* Forgets the text and the results (the next person must not see them). */
void lanyard_search_page_reset     (LanyardSearchPage *self);
void lanyard_search_page_offer_language (LanyardSearchPage *self,
                                         const char        *language);
void lanyard_search_page_focus     (LanyardSearchPage *self);
/* The field the name is typed into (its "changed" is someone typing). */
GtkEditable *lanyard_search_page_get_entry (LanyardSearchPage *self);

G_END_DECLS
