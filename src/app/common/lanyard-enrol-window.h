/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window of a device that has no event yet: it reads the device's hub
 * connection from the camera (the QR code `lanyardctl hub add-device --qr`
 * makes), joins the hub and takes the first sync, which brings the event
 * and the registrations; then it says "enrolled" and the program opens the
 * device's own window. A device that joined but could not reach the hub
 * yet keeps trying here. No PIN: a device without an event has nothing a
 * PIN would protect (SECURITY.md); one that has an event joins behind it.
 */
#pragma once

#include <adwaita.h>

#include "lanyard-kiosk-config.h"

G_BEGIN_DECLS

#define LANYARD_TYPE_ENROL_WINDOW (lanyard_enrol_window_get_type ())
G_DECLARE_FINAL_TYPE (LanyardEnrolWindow, lanyard_enrol_window, LANYARD, ENROL_WINDOW, AdwApplicationWindow)

/* @config: borrowed; it must outlive the window (its database and camera). */
LanyardEnrolWindow *lanyard_enrol_window_new  (GtkApplication           *app,
                                               const LanyardKioskConfig *config);
/* What a code from a scanner or the camera would do (tests). */
void                lanyard_enrol_window_scan (LanyardEnrolWindow       *self,
                                               const guint8             *code,
                                               gsize                     len);

G_END_DECLS
