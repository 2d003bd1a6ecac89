/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk program: settings and command line (LanyardKioskConfig), the
 * device's store and event, the badge keys, one full-screen LanyardWindow,
 * the screen kept awake.
 */
#pragma once

#include <adwaita.h>

#include "lanyard-badge-code.h"
#include "lanyard-kiosk-config.h"
#include "lanyard-model.h"
#include "lanyard-store.h"

G_BEGIN_DECLS

#define LANYARD_TYPE_APPLICATION (lanyard_application_get_type ())
G_DECLARE_FINAL_TYPE (LanyardApplication, lanyard_application, LANYARD, APPLICATION, AdwApplication)

LanyardApplication       *lanyard_application_new        (void);

/* Valid once the command line was handled (or after _open for tests). */
LanyardStore             *lanyard_application_get_store  (LanyardApplication *self);
const LanyardEvent       *lanyard_application_get_event  (LanyardApplication *self);
/* NULL when this device holds no badge key (it cannot sign badges). */
const LanyardBadgeKeys   *lanyard_application_get_keys   (LanyardApplication *self);
const LanyardKioskConfig *lanyard_application_get_config (LanyardApplication *self);

/* Opens the store and loads the event with @config (taken); what the
 * command line does, for tests and benchmarks that build the window
 * themselves. */
gboolean                  lanyard_application_open       (LanyardApplication *self,
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
/* Saves a device setting (GSettings), when the schema is installed. */
void                      lanyard_application_remember   (LanyardApplication *self,
                                                          const char         *key,
                                                          const char         *value);
/* Full screen, and the screen's size where no window manager does it. */
void                      lanyard_application_fill_screen (GtkWindow         *window);

G_END_DECLS
