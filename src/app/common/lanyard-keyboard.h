/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk's own on-screen keyboard (a touch screen has no keyboard):
 * big keys that type into a target GtkEditable without taking the focus
 * from it. Layout "letters" (digits, A–Z, hyphen, apostrophe, space) for
 * names and ticket codes, "digits" for the staff PIN. With "other-scripts"
 * the letters layout also offers the Arabic or Cyrillic letters of the
 * language the screen speaks (and any offered later: the event's), behind
 * a key that switches between them.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LANYARD_TYPE_KEYBOARD (lanyard_keyboard_get_type ())
G_DECLARE_FINAL_TYPE (LanyardKeyboard, lanyard_keyboard, LANYARD, KEYBOARD, GtkWidget)

GtkEditable *lanyard_keyboard_get_target (LanyardKeyboard *self);
void         lanyard_keyboard_set_target (LanyardKeyboard *self,
                                          GtkEditable     *target);
/* Types as one key press of the keyboard would (used by its buttons). */
void         lanyard_keyboard_type       (LanyardKeyboard *self,
                                          const char      *text);
void         lanyard_keyboard_backspace  (LanyardKeyboard *self);
void         lanyard_keyboard_offer_language (LanyardKeyboard *self,
                                              const char      *language);
void         lanyard_keyboard_reset      (LanyardKeyboard *self);
/* "latin", "arabic", "cyrillic": the letters on the keys now */
const char  *lanyard_keyboard_get_script (LanyardKeyboard *self);
/* The script names in @language (BCP 47 or a locale) are written in. */
const char  *lanyard_keyboard_script_for_language (const char *language);

G_END_DECLS
