/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A text field at a kiosk, where strangers follow each other: no context
 * menu (nobody needs Cut, Copy or Paste there, and a menu left open
 * blocks the next person), and emptied with nothing left to undo (Ctrl+Z
 * must not bring back the last person's search).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* No context menu on @entry: right click, the Menu key and Shift+F10 are
 * stopped before the field sees them. */
void lanyard_kiosk_entry_guard  (GtkWidget   *entry);

/* Empties @editable and forgets its undo history. */
void lanyard_kiosk_entry_forget (GtkEditable *editable);

G_END_DECLS
