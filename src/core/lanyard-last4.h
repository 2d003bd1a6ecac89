/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk's last-four check for someone who found themselves by name:
 * the last four characters of the ticket code, LANYARD_LAST4_TRIES wrong
 * tries per registration within LANYARD_LAST4_WINDOW_US, whichever kiosk
 * and however many visits they came from (a name searched again gives no
 * fresh tries). The wrong tries are kept in the store, not in the page.
 */
#pragma once

#include <glib.h>

#include "lanyard-store.h"

G_BEGIN_DECLS

#define LANYARD_LAST4_TRIES      3
#define LANYARD_LAST4_WINDOW_US  (10 * 60 * G_USEC_PER_SEC)

/* The tries left at @now after the wrong tries at @failures (µs, any
 * order): LANYARD_LAST4_TRIES less those within the window before @now. */
guint     lanyard_last4_tries_left        (const gint64  *failures,
                                           guint          n_failures,
                                           gint64         now);

/* TRUE when @typed is the last four characters of @ticket_code (ASCII
 * case does not matter). */
gboolean  lanyard_last4_matches           (const char    *ticket_code,
                                           const char    *typed);

/* A wrong try for @attendee_id at @at, from @device. */
gboolean  lanyard_store_add_last4_failure (LanyardStore  *store,
                                           gint64         attendee_id,
                                           const char    *device,
                                           gint64         at,
                                           GError       **error);
/* The tries left for @attendee_id at @now (0 on a database error). */
guint     lanyard_store_last4_tries_left  (LanyardStore  *store,
                                           gint64         attendee_id,
                                           gint64         now);

G_END_DECLS
