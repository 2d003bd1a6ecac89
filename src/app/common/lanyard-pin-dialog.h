/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The staff PIN pad: the only way out of the kiosk. Checks the PIN against
 * the store (lanyard-pin.h: hashed, locked after five wrong tries) and
 * emits "unlocked" when it matches.
 */
#pragma once

#include <adwaita.h>

#include "lanyard-store.h"

G_BEGIN_DECLS

#define LANYARD_TYPE_PIN_DIALOG (lanyard_pin_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LanyardPinDialog, lanyard_pin_dialog, LANYARD, PIN_DIALOG, GtkWindow)

/* The pad closes itself after this long without a key or a touch (its
 * "idle-seconds" property; 0 = never). */
#define LANYARD_PIN_DIALOG_IDLE_SECONDS 20

LanyardPinDialog *lanyard_pin_dialog_new (GtkWindow    *parent,
                                          LanyardStore *store);

/* Shows the PIN pad over @parent; @on_unlocked is called as
 * on_unlocked (target) once the PIN is right, while @target lives. */
void              lanyard_pin_dialog_ask (GtkWindow    *parent,
                                          LanyardStore *store,
                                          GCallback     on_unlocked,
                                          gpointer      target);

/* Over a kiosk: the pad's window fills the screen as the kiosk's does and
 * the pad sits in its middle, with or without a window manager or
 * compositor (cage) to place a dialog. Call before it is mapped. */
void              lanyard_pin_dialog_cover (LanyardPinDialog *self);

/* The hidden way to the PIN pad: a long press on @corner activates
 * @action_name (which calls lanyard_pin_dialog_ask); with a keyboard, Tab
 * reaches the corner and Enter or Space on it does the same. */
void              lanyard_pin_dialog_attach_corner (GtkWidget  *corner,
                                                    const char *action_name);

G_END_DECLS
