/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The registration staff's desk, behind the staff PIN: find anyone (typed
 * on the desk's keyboard or the on-screen one, or a badge or ticket code
 * from the camera or a USB scanner), their page and the desk's actions on
 * it (lanyard-staff-actions.c), walk-ins, and the status of printers,
 * camera and counts. Locks itself after a few minutes without input.
 */
#pragma once

#include <adwaita.h>

#include "lanyard-context.h"
#include "lanyard-page-report.h"

G_BEGIN_DECLS

#define LANYARD_TYPE_STAFF_WINDOW (lanyard_staff_window_get_type ())
G_DECLARE_FINAL_TYPE (LanyardStaffWindow, lanyard_staff_window, LANYARD, STAFF_WINDOW, AdwApplicationWindow)

/* Locked, unless @unlocked: the PIN was entered for this very window
 * (lanyard_application_show_mode). */
LanyardStaffWindow *lanyard_staff_window_new               (GtkApplication     *app,
                                                            LanyardContext     *context,
                                                            gboolean            unlocked);
/* For tests: each page once drawn ("locked", "people", "attendee", "status"). */
void                lanyard_staff_window_set_page_observer (LanyardStaffWindow *self,
                                                            LanyardPageFunc     observer,
                                                            gpointer            user_data);
/* The attendee on the page, or 0. */
gint64              lanyard_staff_window_get_attendee_id   (LanyardStaffWindow *self);
/* Seconds until the desk locks itself without input; 0 when locked. */
guint               lanyard_staff_window_get_lock_seconds_left (LanyardStaffWindow *self);
/* A code as if the camera or a scanner had read it. */
void                lanyard_staff_window_scan              (LanyardStaffWindow *self,
                                                            const guint8       *code,
                                                            gsize               len);

G_END_DECLS
