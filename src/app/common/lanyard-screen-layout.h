/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One layout for every screen a venue rents, landscape or portrait, in
 * GTK 4.8 / libadwaita 1.2 (AdwBreakpoint comes with libadwaita 1.4): the
 * size of the screen a window fills decides
 *   - CSS classes on the window: .landscape or .portrait, .compact on a
 *     short landscape screen (768 or 800 px), where kiosk.css takes type,
 *     spacing and the camera down to their smallest readable sizes, and
 *     .narrow below 1200 px wide;
 *   - the orientation of every GtkOrientable in the window with the CSS
 *     class "screen-flip": side by side on a landscape screen, one above
 *     the other on a portrait one (the welcome page's actions); with the
 *     class "narrow-flip": one above the other on a narrow screen (the
 *     desk's record beside its search);
 *   - the shape of every GtkAspectFrame with the class "screen-camera":
 *     the camera's 16:9 on a landscape screen, square on a portrait one,
 *     its GtkPicture cropped at the sides rather than letterboxed.
 * The monitor's geometry is watched: a screen turned by the kiosk's
 * rotation setting lays the window out again.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Below this height a landscape screen is .compact. */
#define LANYARD_SCREEN_COMPACT_HEIGHT 900
/* Below this width a screen is .narrow. */
#define LANYARD_SCREEN_NARROW_WIDTH 1200

void     lanyard_screen_layout_attach (GtkWindow  *window,
                                       GdkMonitor *monitor);
void     lanyard_screen_layout_apply  (GtkWindow  *window,
                                       int         width,
                                       int         height);
/* Full screen on the first monitor, laid out for it, in Lanyard's style;
 * on a display set windowed, a window of 940 × 700 beside others. */
void     lanyard_screen_layout_fill_screen (GtkWindow *window);
/* For demos that show two devices on one screen (lanyard --windowed). */
void     lanyard_screen_layout_set_windowed (GdkDisplay *display,
                                             gboolean    windowed);

G_END_DECLS
