/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page that says one thing, big: an icon, a title and a sentence, in a
 * colour by kind ("working", "success", "warning", "error") — the colour is
 * never alone. Used for printing (with progress), collect and every
 * refusal.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LANYARD_TYPE_MESSAGE_PAGE (lanyard_message_page_get_type ())
G_DECLARE_FINAL_TYPE (LanyardMessagePage, lanyard_message_page, LANYARD, MESSAGE_PAGE, AdwBin)

void lanyard_message_page_set (LanyardMessagePage *self,
                               const char         *kind,
                               const char         *icon_name,
                               const char         *title,
                               const char         *message);
/* Progress while printing; a "Done" button (kiosk.go-home) otherwise. */
void lanyard_message_page_set_busy (LanyardMessagePage *self,
                                    gboolean            busy);

G_END_DECLS
