/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The desk's lists: boxed GtkListBoxes of title/subtitle rows (a GtkGrid
 * each, cheap to lay out with wrapping text), emptied and
 * refilled as the data changes; print jobs with a "Retry" button when
 * they failed (desk.retry-job).
 */
#pragma once

#include <adwaita.h>

#include "lanyard-staff-record.h"

G_BEGIN_DECLS

/* A list's row: @title over @subtitle (may be NULL), both wrapping. */
GtkWidget *lanyard_staff_row_new       (const char            *title,
                                        const char            *subtitle);
/* @widget on the row's right, after any added before it. */
void       lanyard_staff_row_add_suffix (GtkWidget            *row,
                                         GtkWidget            *widget);
void       lanyard_staff_list_clear    (GtkListBox            *list);
GtkWidget *lanyard_staff_list_add      (GtkListBox            *list,
                                        const char            *title,
                                        const char            *subtitle);
/* @label dim on the left, @value in full on the right: one line a field. */
GtkWidget *lanyard_staff_list_add_value (GtkListBox           *list,
                                         const char           *label,
                                         const char           *value);
/* A row per string of @lines, or one dim row saying @empty. */
void       lanyard_staff_list_set_lines (GtkListBox           *list,
                                         GPtrArray            *lines,
                                         const char           *empty);
/* LanyardStaffJob* lines. */
void       lanyard_staff_list_set_jobs (GtkListBox            *list,
                                        GPtrArray             *jobs,
                                        const char            *empty);

G_END_DECLS
