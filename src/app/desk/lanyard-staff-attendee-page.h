/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One attendee at the staff desk: what LanyardStaffRecord says, and the
 * desk's actions on them as buttons (desk.print-badge, desk.replace-badge,
 * desk.edit, desk.print-certificate, desk.cancel, desk.restore).
 */
#pragma once

#include <adwaita.h>

#include "lanyard-staff-record.h"

G_BEGIN_DECLS

#define LANYARD_TYPE_STAFF_ATTENDEE_PAGE (lanyard_staff_attendee_page_get_type ())
G_DECLARE_FINAL_TYPE (LanyardStaffAttendeePage, lanyard_staff_attendee_page, LANYARD, STAFF_ATTENDEE_PAGE, AdwBin)

/* @record: borrowed for the call; NULL shows the "find someone" page. */
void lanyard_staff_attendee_page_show (LanyardStaffAttendeePage *self,
                                       const LanyardStaffRecord *record);

G_END_DECLS
