/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk's one window: full screen, undecorated, closed only with the
 * staff PIN. Draws what LanyardKioskFlow says, feeds it the camera's codes,
 * USB scanners' keys, touches and a 250 ms tick, and prints when it asks.
 */
#pragma once

#include <adwaita.h>

#include "lanyard-context.h"
#include "lanyard-kiosk-flow.h"
#include "lanyard-page-report.h"

G_BEGIN_DECLS

#define LANYARD_TYPE_KIOSK_WINDOW (lanyard_kiosk_window_get_type ())
G_DECLARE_FINAL_TYPE (LanyardKioskWindow, lanyard_kiosk_window, LANYARD, KIOSK_WINDOW, AdwApplicationWindow)

/* @app may be NULL (a window on its own, in tests). */
LanyardKioskWindow *lanyard_kiosk_window_new               (GtkApplication     *app,
                                                            LanyardContext     *context);

LanyardKioskPage    lanyard_kiosk_window_get_page          (LanyardKioskWindow *self);

/* For tests and the benchmark: called once each page has been drawn, with
 * the page's name ("refused:unknown" for refusals) and the monotonic time
 * of the paint. */
void                lanyard_kiosk_window_set_page_observer (LanyardKioskWindow *self,
                                                            LanyardPageFunc     observer,
                                                            gpointer            user_data);
/* The camera the window reads. */
GObject            *lanyard_kiosk_window_get_camera        (LanyardKioskWindow *self);

G_END_DECLS
