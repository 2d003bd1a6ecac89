/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session door: full screen at a session room, a webcam reading
 * badges. Draws what LanyardDoorFlow says — the session (by the clock or
 * chosen), its disclosure before the start (logged once), each scan's
 * result in colour, icon, words and a tone, big enough for two metres,
 * the counter and the last ten scans — and records every scan through
 * lanyard_checkin_perform. The room is chosen behind the staff PIN (a door
 * without one shows nothing else), on a setup page that closes again when
 * left alone as long as the desk takes to lock itself.
 */
#pragma once

#include <adwaita.h>

#include "lanyard-context.h"
#include "lanyard-door-flow.h"
#include "lanyard-page-report.h"

G_BEGIN_DECLS

#define LANYARD_TYPE_DOOR_WINDOW (lanyard_door_window_get_type ())
G_DECLARE_FINAL_TYPE (LanyardDoorWindow, lanyard_door_window, LANYARD, DOOR_WINDOW, AdwApplicationWindow)

LanyardDoorWindow *lanyard_door_window_new                (GtkApplication     *app,
                                                            LanyardContext     *context);
/* For tests and the benchmark: each page once drawn ("setup", "ready",
 * "disclosure", "result:entered", "result:not-registered", …). */
void               lanyard_door_window_set_page_observer  (LanyardDoorWindow  *self,
                                                           LanyardPageFunc     observer,
                                                           gpointer            user_data);
GObject           *lanyard_door_window_get_camera         (LanyardDoorWindow  *self);
/* A code as if the camera or a scanner had read it. It is recorded on a
 * worker thread, after any scan still being recorded; the result shows
 * (page "result:…") once it is. */
void               lanyard_door_window_scan               (LanyardDoorWindow  *self,
                                                           const guint8       *code,
                                                           gsize               len);

G_END_DECLS
