/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first page: the camera's mirrored picture with a framing guide, "Hold
 * your QR code up to the camera", and "Find me by name". Camera trouble is
 * said in words over the picture. The language button (kiosk.language)
 * lists the languages by their own names.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LANYARD_TYPE_WELCOME_PAGE (lanyard_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (LanyardWelcomePage, lanyard_welcome_page, LANYARD, WELCOME_PAGE, AdwBin)

/* @frame: packed RGB (GDK_MEMORY_R8G8B8), as the camera's "frame" signal. */
void lanyard_welcome_page_set_frame          (LanyardWelcomePage *self,
                                              GBytes             *rgb,
                                              int                 width,
                                              int                 height,
                                              int                 stride);
/* NULL: the camera works. */
void lanyard_welcome_page_set_camera_message (LanyardWelcomePage *self,
                                              const char         *message);

/* NULL: the badge printer works; else what to tell people before they
 * scan (the printer's problem and where badges are printed meanwhile). */
void lanyard_welcome_page_set_claiming      (LanyardWelcomePage *self,
                                              gboolean            claiming);
void lanyard_welcome_page_set_printer_message (LanyardWelcomePage *self,
                                               const char         *message);

G_END_DECLS
