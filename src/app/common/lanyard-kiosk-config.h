/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a kiosk runs with: the GSettings of the device, then the command
 * line on top (tests and the demo). No GTK.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  char    *mode;            /* "kiosk" | "staff" | "door" */
  char    *db_path;         /* NULL: lanyard_store_default_path () */
  char    *device_name;     /* NULL: the host name */
  char    *camera_source;   /* NULL: the first webcam */
  gboolean demo_camera;     /* show the demo badges' codes instead of a camera */
  gboolean windowed;        /* a window beside others, not the whole screen (demos) */
  char    *printer;         /* NULL: the default CUPS queue */
  char    *badge_template;  /* "4x3", … or an .svg path */
  guint    idle_seconds;
  char    *verify_last4;    /* "event" | "always" | "never" */
  char    *tap_to_print;    /* "event" | "always" | "never" */
  guint    print_timeout_seconds;
  guint    staff_lock_seconds; /* the desk locks itself after this long without input */
  char    *door_room;       /* NULL: the door asks */
  char    *door_session;    /* NULL: by the clock */
  char    *door_direction;  /* "toggle" | "entry" | "exit" */
  char    *certificate_printer; /* NULL: the default CUPS queue */
  char    *certificate_paper;   /* "letter" | "a4" */
  char    *certificate_collect; /* where certificates are collected, in words; NULL: the printer */
  gboolean claim_first;         /* the kiosk's welcome page opens "My credits & certificate" */
  /* test hooks */
  char    *screenshot_dir;  /* a PNG of the window for each page shown */
  char    *page_log;        /* a line for each page shown; "-" = stdout */
} LanyardKioskConfig;

LanyardKioskConfig *lanyard_kiosk_config_new            (void);
void                lanyard_kiosk_config_free           (LanyardKioskConfig *self);
LanyardKioskConfig *lanyard_kiosk_config_copy           (const LanyardKioskConfig *self);
/* Reads the org.lanyard.Lanyard keys; empty strings mean "the default". */
void                lanyard_kiosk_config_load_settings  (LanyardKioskConfig *self,
                                                         GSettings          *settings);
const char         *lanyard_kiosk_config_get_device     (const LanyardKioskConfig *self);
gboolean            lanyard_kiosk_config_check          (const LanyardKioskConfig *self,
                                                         GError                  **error);
/* "kiosk", "staff" or "door"; TRUE when @mode is one of them. */
gboolean            lanyard_kiosk_mode_is_valid         (const char         *mode);

/* A per-device choice over a per-event policy: "always" → TRUE,
 * "never" → FALSE, anything else ("event") → the event's value. */
gboolean            lanyard_kiosk_choice_resolve        (const char         *choice,
                                                         gboolean            event_value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardKioskConfig, lanyard_kiosk_config_free)

G_END_DECLS
