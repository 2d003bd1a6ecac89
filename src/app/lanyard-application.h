/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The program: settings and command line make the device's context
 * (LanyardContext: store, event, badge keys, configuration); the device's
 * mode chooses its one full-screen window (kiosk, desk or door), which is
 * handed the context; the screen kept awake.
 */
#pragma once

#include <adwaita.h>

#include "lanyard-context.h"

G_BEGIN_DECLS

#define LANYARD_TYPE_APPLICATION (lanyard_application_get_type ())
G_DECLARE_FINAL_TYPE (LanyardApplication, lanyard_application, LANYARD, APPLICATION, AdwApplication)

LanyardApplication       *lanyard_application_new        (void);


/* Makes the device's context from @config (taken), which the windows are
 * handed: what the command line does, for tests and benchmarks that build
 * the window themselves. Returns it (owned by @self), or NULL. */
LanyardContext           *lanyard_application_open       (LanyardApplication *self,
                                                          LanyardKioskConfig *config,
                                                          GError            **error);

/* Replaces the window with one for @mode ("kiosk", "staff", "door").
 * The desk opens unlocked only with @pin_just_entered, which only the PIN
 * pad's "unlocked" handler passes, for that one switch; app.show-mode,
 * which any button can activate, passes FALSE. */
void                      lanyard_application_show_mode  (LanyardApplication *self,
                                                          const char         *mode,
                                                          gboolean            pin_just_entered);
/* TRUE while show_mode closes the old window (kiosk and door windows
 * refuse to close otherwise). */
gboolean                  lanyard_application_is_switching (LanyardApplication *self);
G_END_DECLS
