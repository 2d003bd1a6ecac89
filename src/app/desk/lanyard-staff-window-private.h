/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LanyardStaffWindow's struct, shared by lanyard-staff-window.c (pages,
 * search, lock, status) and lanyard-staff-actions.c (what the desk does to
 * a registration, and printing).
 */
#pragma once

#include "lanyard-camera-feed.h"
#include "lanyard-keyboard.h"
#include "lanyard-sounds.h"
#include "lanyard-staff-attendee-page.h"
#include "lanyard-staff-lock.h"
#include "lanyard-staff-record.h"
#include "lanyard-staff-status-page.h"
#include "lanyard-staff-window.h"

G_BEGIN_DECLS

struct _LanyardStaffWindow
{
  AdwApplicationWindow      parent_instance;

  /* template widgets */
  GtkStack                 *lock_stack;
  AdwStatusPage            *locked_page;
  AdwToastOverlay          *toasts;
  AdwViewStack             *view_stack;
  GtkEditable              *search_entry;
  GtkLabel                 *search_hint;
  GtkListBox               *results;
  LanyardStaffAttendeePage *attendee_page;
  LanyardStaffStatusPage   *status_page;
  GtkRevealer              *printing_bar;
  GtkSpinner               *printing_spinner;
  GtkLabel                 *printing_label;

  /* owned */
  LanyardStaffLock         *lock;
  LanyardStaffRecord       *record;
  guint                     record_wanted;      /* counts _lanyard_staff_window_open () calls */
  gint64                    record_wanted_id;   /* whom the last of them asked for */
  LanyardCameraFeed        *camera_feed;
  LanyardSounds            *sounds;
  LanyardPageReport        *report;
  GCancellable             *cancellable;
  GQueue                    printing;      /* what is printing: PrintingNote, oldest first */
  GCancellable             *search_cancellable; /* the search running, if any */
  gboolean                  open_first;    /* Enter: open the first found */
  char                     *shown_page;
  guint                     tick_id;
  LanyardPageFunc           observer;      /* may come before the report */
  gpointer                  observer_data;

  gboolean                  unlocked;      /* construct-only: the PIN was entered for this window */
  /* owned: the device's context, and the event this window shows (its
   * own reference, replaced when the context reloads the event) */
  LanyardContext           *context;
  LanyardEvent             *event;

  /* borrowed from the context, which the window holds */
  LanyardStore             *store;
  const LanyardBadgeKeys   *keys;
  const LanyardKioskConfig *config;
};

const char *_lanyard_staff_window_device  (LanyardStaffWindow *self);
/* Reloads the attendee's page (0: none) and says so to the page log. */
void        _lanyard_staff_window_open    (LanyardStaffWindow *self,
                                          gint64              attendee_id);
/* The toast shown (the overlay's; ref it to dismiss it later). */
void        _lanyard_staff_window_toast   (LanyardStaffWindow *self,
                                          const char         *text);
/* What is printing, in the bar under the pages from _begin () until
 * _end () with what it returned. (Not a toast: libadwaita 1.2.2 reads a
 * toast it has freed when one is taken away just after it was shown in
 * another's place; the desk takes none away.) */
gpointer    _lanyard_staff_window_printing_begin (LanyardStaffWindow *self,
                                                  const char         *text);
void        _lanyard_staff_window_printing_end (LanyardStaffWindow *self,
                                                gpointer            note);
void        _lanyard_staff_window_refresh_status (LanyardStaffWindow *self);
/* Input in @dialog keeps the desk unlocked, as input in the window does. */
void        _lanyard_staff_window_watch_dialog (LanyardStaffWindow *self,
                                                GtkWindow          *dialog);
/* lanyard-staff-actions.c */
void        _lanyard_staff_window_install_actions (GtkWidgetClass *widget_class);

G_END_DECLS
