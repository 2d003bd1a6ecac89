/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LanyardKioskWindow's struct, shared by lanyard-kiosk-window.c (pages, input, hooks)
 * and lanyard-kiosk-window-print.c (check-in, badge, printer).
 */
#pragma once

#include "lanyard-camera-feed.h"
#include "lanyard-claim-page.h"
#include "lanyard-confirm-page.h"
#include "lanyard-context.h"
#include "lanyard-message-page.h"
#include "lanyard-page-report.h"
#include "lanyard-search-page.h"
#include "lanyard-sounds.h"
#include "lanyard-verify-page.h"
#include "lanyard-welcome-page.h"
#include "lanyard-kiosk-window.h"

G_BEGIN_DECLS

struct _LanyardKioskWindow
{
  AdwApplicationWindow      parent_instance;

  /* template widgets */
  GtkStack                 *stack;
  LanyardWelcomePage       *welcome_page;
  LanyardSearchPage        *search_page;
  LanyardVerifyPage        *verify_page;
  LanyardConfirmPage       *confirm_page;
  LanyardClaimPage         *claim_page;
  LanyardMessagePage       *printing_page;
  LanyardMessagePage       *collect_page;
  LanyardMessagePage       *refused_page;
  GtkWidget                *staff_corner;
  GtkLabel                 *footer;

  /* owned */
  LanyardKioskFlow         *flow;
  LanyardCameraFeed        *camera_feed;
  LanyardSounds            *sounds;
  LanyardPageReport        *report;
  GCancellable             *cancellable;
  guint                     tick_id;
  LanyardKioskPage          shown_page;
  LanyardRefusal            shown_refusal;
  gboolean                  shown_claiming; /* the welcome page says "My credits & certificate" */
  gboolean                  unlocked;
  gboolean                  printing;
  gboolean                  flow_stale;     /* the event's policy changed */
  gint64                    touched_at;     /* monotonic: the last input */
  GtkWindow                *pin_pad;        /* weak: the PIN pad while open */
  gboolean                  looking_up;     /* a code is looked up (lanyard-kiosk-window.c) */
  guint                     flow_serial;    /* counts the flows made */
  GHashTable               *last4_pending;  /* attendee id → wrong last fours not yet written */
  /* the badge printer (lanyard-kiosk-window-print.c) */
  guint                     printer_check_seconds;
  guint                     printer_watch_id;
  gboolean                  printer_checking;
  char                     *printer_problem;   /* NULL: it works */
  GArray                   *waiting_jobs;      /* gint64 ids of badges that wait for it */
  gboolean                  retrying;
  LanyardPageFunc           observer;
  gpointer                  observer_data;

  /* owned: the device's context, and the event this window shows (its
   * own reference, replaced when the context reloads the event) */
  LanyardContext           *context;
  LanyardEvent             *event;

  /* borrowed from the context, which the window holds */
  LanyardStore             *store;
  const LanyardBadgeKeys   *keys;
  const LanyardKioskConfig *config;
};

/* Draws the flow's page (after any input to the flow). */
void _lanyard_kiosk_window_show_flow   (LanyardKioskWindow *self);
/* lanyard-kiosk-window-print.c: the flow asked to print the confirmed badge. */
void _lanyard_kiosk_window_start_print (LanyardKioskWindow *self);
/* lanyard-kiosk-window-print.c: asks the printer how it is every
 * printer_check_seconds (again from now); badges that wait for it print
 * once it is back. */
void _lanyard_kiosk_window_watch_printer (LanyardKioskWindow *self);

G_END_DECLS
