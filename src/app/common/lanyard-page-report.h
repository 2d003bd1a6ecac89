/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test hooks every mode's window shares: once a page is on screen
 * (after the frame clock painted it), a PNG of the window into
 * --screenshot-dir, a line into --page-log, and an in-process observer
 * for tests and benchmarks.
 */
#pragma once

#include <gtk/gtk.h>

#include "lanyard-kiosk-config.h"

G_BEGIN_DECLS

typedef void (*LanyardPageFunc) (GtkWindow  *window,
                                 const char *page,
                                 gint64      painted_at,
                                 gpointer    user_data);

typedef struct _LanyardPageReport LanyardPageReport;

LanyardPageReport *lanyard_page_report_new          (GtkWindow                *window,
                                                     const LanyardKioskConfig *config);
void               lanyard_page_report_free         (LanyardPageReport        *self);
/* The page now drawn is @name: reported after its next paint (also when
 * the name is the same as before, e.g. a second result). */
void               lanyard_page_report_page         (LanyardPageReport        *self,
                                                     const char               *name);
void               lanyard_page_report_set_observer (LanyardPageReport        *self,
                                                     LanyardPageFunc           observer,
                                                     gpointer                  user_data);
/* Called on each paint, e.g. to start the camera once something shows. */
void               lanyard_page_report_set_painted  (LanyardPageReport        *self,
                                                     GCallback                 callback,
                                                     gpointer                  user_data);

/* The window's widget tree as a PNG at @path. */
gboolean           lanyard_page_report_save_screenshot (GtkWindow             *window,
                                                        const char            *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardPageReport, lanyard_page_report_free)

G_END_DECLS
