/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Welcome, Jane Smith, MD": who the kiosk thinks this is, with "Not
 * me" (kiosk.not-me) and "Print my badge" (kiosk.confirm), and the countdown
 * after which the badge prints on its own.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LANYARD_TYPE_CONFIRM_PAGE (lanyard_confirm_page_get_type ())
G_DECLARE_FINAL_TYPE (LanyardConfirmPage, lanyard_confirm_page, LANYARD, CONFIRM_PAGE, AdwBin)

/* Empties it: the next person must not find the last one's name. */
void lanyard_confirm_page_reset         (LanyardConfirmPage *self);
void lanyard_confirm_page_set_texts     (LanyardConfirmPage *self,
                                         const char         *title,
                                         const char         *affiliation,
                                         const char         *message);
/* Seconds until the badge prints by itself; -1: it waits for a tap. */
void lanyard_confirm_page_set_latin_name (LanyardConfirmPage *self,
                                          const char         *latin_name);
void lanyard_confirm_page_set_countdown (LanyardConfirmPage *self,
                                         int                 seconds);

G_END_DECLS
