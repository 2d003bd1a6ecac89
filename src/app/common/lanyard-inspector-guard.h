/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No way into the GTK Inspector from a kiosk, a door or a desk: its keys
 * (Ctrl+Shift+I, Ctrl+Shift+D) are stopped on every window and dialog the
 * program opens, before the window's own shortcuts see them. GTK reads
 * org.gtk.gtk4.Settings.Debug enable-inspector-keybinding, which our
 * gschema override sets to false only where it is compiled beside GTK's
 * own schema (an install to /usr, not meson's default /usr/local): the
 * guard does not depend on it, and start-up says when it is not in effect.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Guards every toplevel window, now and from now on. */
void     lanyard_inspector_guard_install          (void);
/* TRUE when GSettings would let the Inspector's keys through (then says
 * so with g_message). */
gboolean lanyard_inspector_guard_check_settings   (void);

G_END_DECLS
