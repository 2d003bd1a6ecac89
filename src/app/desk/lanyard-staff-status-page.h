/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The desk's status page: each printer's state with its reasons in words,
 * the recorded print jobs (failed ones with "Retry"), the camera, and the
 * counts (lanyard-stats.h): checked in by role and profession, per session
 * inside now and came in at all.
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

G_END_DECLS
