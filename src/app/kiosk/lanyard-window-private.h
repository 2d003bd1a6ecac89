/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LanyardWindow's struct, shared by lanyard-window.c (pages, input, hooks)
 * and lanyard-window-print.c (check-in, badge, printer).
 */
#pragma once

#include "lanyard-camera-feed.h"
#include "lanyard-confirm-page.h"
#include "lanyard-message-page.h"
#include "lanyard-page-report.h"
#include "lanyard-search-page.h"
#include "lanyard-sounds.h"
#include "lanyard-verify-page.h"
#include "lanyard-welcome-page.h"
#include "lanyard-window.h"

G_BEGIN_DECLS

struct _LanyardWindow
{
  AdwApplicationWindow      parent_instance;

  /* template widgets */
  GtkStack                 *stack;
  LanyardWelcomePage       *welcome_page;
  LanyardSearchPage        *search_page;
  LanyardVerifyPage        *verify_page;
  LanyardConfirmPage       *confirm_page;
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
  gboolean                  unlocked;
  gboolean                  printing;
  LanyardPageObserver       observer;
  gpointer                  observer_data;

  /* borrowed: the application's, which outlives its windows */
  LanyardApplication       *app;
  LanyardStore             *store;
  const LanyardEvent       *event;
  const LanyardBadgeKeys   *keys;
  const LanyardKioskConfig *config;
};

/* Draws the flow's page (after any input to the flow). */
void lanyard_window_show_flow   (LanyardWindow *self);
/* lanyard-window-print.c: the flow asked to print the confirmed badge. */
void lanyard_window_start_print (LanyardWindow *self);

G_END_DECLS
