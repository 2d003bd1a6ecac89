/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The focus ring stays while the keyboard is in use. GTK 4.8 shows it on
 * a key that moves the focus and hides it again 3 s later
 * (VISIBLE_FOCUS_DURATION): a person who reads a page before the next Tab
 * would not see where they are. Here Tab, Shift+Tab or an arrow shows it
 * until a pointer or a finger is used; a scanner's keys (characters and
 * Enter) never do, so a touch kiosk shows no ring after a scan.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Keeps @window's focus ring (once; later calls do nothing). */
void lanyard_focus_ring_keep (GtkWindow *window);

G_END_DECLS
