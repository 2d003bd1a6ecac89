/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The desk's status page: each printer's state with its reasons in words,
 * the recorded print jobs (failed ones with "Retry"), the camera, and the
 * counts (lanyard-stats.h): checked in by role and profession, per session
 * inside now and came in at all; on a desk that follows a hub, the
 * sync's state and what other devices did that needs a person.
 */
#pragma once

#include <adwaita.h>

#include "lanyard-print.h"
#include "lanyard-stats.h"

G_BEGIN_DECLS

#define LANYARD_TYPE_STAFF_STATUS_PAGE (lanyard_staff_status_page_get_type ())
G_DECLARE_FINAL_TYPE (LanyardStaffStatusPage, lanyard_staff_status_page, LANYARD, STAFF_STATUS_PAGE, AdwBin)

/* @printers: LanyardPrinterStatus*, or NULL with @error saying why there
 * are none; @queue: the one this desk prints on (NULL: the default). */
void lanyard_staff_status_page_show_printers (LanyardStaffStatusPage *self,
                                              GPtrArray              *printers,
                                              const char             *queue,
                                              const GError           *error);
/* LanyardStaffJob* */
void lanyard_staff_status_page_show_jobs     (LanyardStaffStatusPage *self,
                                              GPtrArray              *jobs);
void lanyard_staff_status_page_show_camera   (LanyardStaffStatusPage *self,
                                              const char             *state,
                                              const char             *message);
void lanyard_staff_status_page_show_stats    (LanyardStaffStatusPage *self,
                                              const LanyardStats     *stats);
/* The hub sync: @words ("Synced 3 s ago"), NULL on a desk that follows no
 * hub (the section is hidden); @problems: char*, what staff should know
 * (the last error, a clock that is off). */
void lanyard_staff_status_page_show_sync     (LanyardStaffStatusPage *self,
                                              const char             *words,
                                              GPtrArray              *problems);
/* LanyardStaffField*: what devices did that a person must look at
 * ("printed twice", an edit that lost); empty hides the list. */
void lanyard_staff_status_page_show_conflicts (LanyardStaffStatusPage *self,
                                               GPtrArray              *conflicts);

G_END_DECLS
