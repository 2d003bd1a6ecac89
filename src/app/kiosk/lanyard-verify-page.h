/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The optional second check after a name search: the last four
 * characters of the ticket code, typed on the kiosk's keyboard;
 * kiosk.verify checks them.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LANYARD_TYPE_VERIFY_PAGE (lanyard_verify_page_get_type ())
G_DECLARE_FINAL_TYPE (LanyardVerifyPage, lanyard_verify_page, LANYARD, VERIFY_PAGE, AdwBin)

void        lanyard_verify_page_set_texts (LanyardVerifyPage *self,
                                           const char        *title,
                                           const char        *message);
const char *lanyard_verify_page_get_code  (LanyardVerifyPage *self);
/* After a wrong try: the field emptied, and focused for the next. */
void        lanyard_verify_page_clear     (LanyardVerifyPage *self);
void        lanyard_verify_page_reset     (LanyardVerifyPage *self);
void        lanyard_verify_page_focus     (LanyardVerifyPage *self);

G_END_DECLS
