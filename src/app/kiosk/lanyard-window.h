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

G_BEGIN_DECLS

#define LANYARD_TYPE_WINDOW (lanyard_window_get_type ())
G_DECLARE_FINAL_TYPE (LanyardWindow, lanyard_window, LANYARD, WINDOW, AdwApplicationWindow)

/* @app may be NULL (a window on its own, in tests). */
LanyardWindow    *lanyard_window_new              (GtkApplication     *app,
                                                   LanyardContext     *context);

LanyardKioskPage  lanyard_window_get_page         (LanyardWindow      *self);

/* For tests and the benchmark: called once each page has been drawn, with
 * the page's name ("refused:unknown" for refusals) and the monotonic time
 * of the paint. The camera the window reads. */
typedef void (*LanyardPageObserver) (LanyardWindow *self,
                                     const char    *page,
                                     gint64         painted_at,
                                     gpointer       user_data);
void              lanyard_window_set_page_observer (LanyardWindow      *self,
                                                    LanyardPageObserver observer,
                                                    gpointer            user_data);
GObject          *lanyard_window_get_camera        (LanyardWindow      *self);
/* The window's widget tree as a PNG (what --screenshot-dir saves). */
gboolean          lanyard_window_save_screenshot   (GtkWindow          *window,
                                                    const char         *path);

G_END_DECLS
