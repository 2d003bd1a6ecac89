/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A USB barcode scanner that types (lanyard-wedge.h) on a whole window, in
 * every mode: a capture-phase key controller sees each key before any text
 * field; a burst ending with Enter becomes one scan, slower keys are
 * delivered to the focused field as typing. Every key, click, touch and
 * scroll also counts as input (idle timers, the desk's lock). The GTK
 * Inspector's keys are stopped on every window (lanyard-inspector-guard.h).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*LanyardScanFunc)  (const guint8 *code,
                                  gsize         len,
                                  gpointer      user_data);
typedef void (*LanyardInputFunc) (gpointer      user_data);

/* The state lives as long as the window's controllers; @user_data must
 * outlive the window (it is the window, usually). */
void lanyard_scan_input_attach (GtkWidget        *window,
                                LanyardScanFunc   on_scan,
                                LanyardInputFunc  on_input,
                                gpointer          user_data);

G_END_DECLS
