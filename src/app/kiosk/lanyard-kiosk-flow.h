/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The self-service kiosk's flow, without GTK: which page shows, with which
 * words, after which input. The window only draws what this says, so every
 * page's logic is tested without a display.
 *
 *   welcome ─scan/pick─▶ [verify] ─▶ confirm ─tap/countdown─▶ printing ─▶ collect ─▶ welcome
 *                 └─▶ refused (already printed, replaced, cancelled, needs desk, unknown, printer)
 *   any page but welcome/printing ─idle─▶ welcome (and forgets what it showed)
 *
 * "My credits & certificate" (claiming): the same ways in, but a scan or a
 * name search with the last-four check (always) leads to the claim page,
 * whether or not the person checked in; the "claim first" setting makes it
 * the welcome page's path.
 */
#pragma once

#include <glib.h>

#include "lanyard-checkin.h"

G_BEGIN_DECLS

typedef enum {
  LANYARD_KIOSK_WELCOME,
  LANYARD_KIOSK_SEARCH,
  LANYARD_KIOSK_VERIFY,    /* last four characters of the ticket code */
  LANYARD_KIOSK_CONFIRM,
  LANYARD_KIOSK_PRINTING,
  LANYARD_KIOSK_COLLECT,
  LANYARD_KIOSK_REFUSED,
  LANYARD_KIOSK_CLAIM,     /* transcript, attestation, evaluation, certificate (lanyard-claim-page.c) */
} LanyardKioskPage;

typedef enum {
  LANYARD_REFUSAL_NONE,
  LANYARD_REFUSAL_ALREADY_PRINTED,
  LANYARD_REFUSAL_REPLACED,
  LANYARD_REFUSAL_CANCELLED,
  LANYARD_REFUSAL_NEEDS_DESK,
  LANYARD_REFUSAL_UNKNOWN,
  LANYARD_REFUSAL_PRINTER,
  LANYARD_REFUSAL_DEVICE,   /* this kiosk could not look up or record the scan */
} LanyardRefusal;

typedef struct _LanyardKioskFlow LanyardKioskFlow;

LanyardKioskFlow *lanyard_kiosk_flow_new            (gboolean                    verify_last4,
                                                     gboolean                    tap_to_print,
                                                     guint                       idle_seconds,
                                                     const char                 *time_zone);
void              lanyard_kiosk_flow_free           (LanyardKioskFlow           *self);
/* The welcome page's path is "My credits & certificate" (late in the meeting). */
void              lanyard_kiosk_flow_set_claim_first (LanyardKioskFlow          *self,
                                                     gboolean                    claim_first);
/* From the welcome page: the claim path (TRUE) or the check-in (FALSE). */
void              lanyard_kiosk_flow_set_claiming   (LanyardKioskFlow           *self,
                                                     gboolean                    claiming,
                                                     gint64                      now);
gboolean          lanyard_kiosk_flow_get_claiming   (LanyardKioskFlow           *self);

/* inputs; `now` is µs, monotonic or real, as long as it is the same clock */
void              lanyard_kiosk_flow_scan_result    (LanyardKioskFlow           *self,
                                                     const LanyardCheckinResult *result,
                                                     gboolean                    from_search,
                                                     gint64                      now);
/* The check-in could not be looked up or recorded (the database refused):
 * said as this kiosk's problem, not as an unknown code. */
void              lanyard_kiosk_flow_scan_failed    (LanyardKioskFlow           *self,
                                                     const char                 *reason,
                                                     gint64                      now);
void              lanyard_kiosk_flow_find_by_name   (LanyardKioskFlow           *self,
                                                     gint64                      now);
/* FALSE after a wrong try (the caller keeps it: lanyard-last4.h). */
gboolean          lanyard_kiosk_flow_verify         (LanyardKioskFlow           *self,
                                                     const char                 *last_four,
                                                     gint64                      now);
/* On the verify page: the tries this person has left (from the store,
 * whatever visit used the others); none left sends them to the desk. */
void              lanyard_kiosk_flow_set_verify_tries (LanyardKioskFlow         *self,
                                                     guint                       tries_left,
                                                     gint64                      now);
void              lanyard_kiosk_flow_confirm        (LanyardKioskFlow           *self,
                                                     gint64                      now);
void              lanyard_kiosk_flow_not_me         (LanyardKioskFlow           *self,
                                                     gint64                      now);
void              lanyard_kiosk_flow_print_done     (LanyardKioskFlow           *self,
                                                     gint64                      now);
/* While printing, the check-in itself was refused after all (another
 * device checked this person in since the confirm page): show that. */
void              lanyard_kiosk_flow_print_refused  (LanyardKioskFlow           *self,
                                                     const LanyardCheckinResult *result,
                                                     gint64                      now);
void              lanyard_kiosk_flow_print_failed   (LanyardKioskFlow           *self,
                                                     const char                 *printer_message,
                                                     gint64                      now);
/* The printer failed the job, which waits and prints by itself once the
 * printer is back: the person is checked in, and told where the badge
 * will be. */
void              lanyard_kiosk_flow_print_waits    (LanyardKioskFlow           *self,
                                                     const char                 *printer_message,
                                                     gint64                      now);
void              lanyard_kiosk_flow_touch          (LanyardKioskFlow           *self,
                                                     gint64                      now);
gboolean          lanyard_kiosk_flow_tick           (LanyardKioskFlow           *self,
                                                     gint64                      now);

/* outputs */
LanyardKioskPage  lanyard_kiosk_flow_get_page       (LanyardKioskFlow           *self);
LanyardRefusal    lanyard_kiosk_flow_get_refusal    (LanyardKioskFlow           *self);
const LanyardAttendee *lanyard_kiosk_flow_get_attendee (LanyardKioskFlow        *self);
const char       *lanyard_kiosk_flow_get_title      (LanyardKioskFlow           *self);
const char       *lanyard_kiosk_flow_get_message    (LanyardKioskFlow           *self);
const char       *lanyard_kiosk_flow_get_icon_name  (LanyardKioskFlow           *self);
int               lanyard_kiosk_flow_get_countdown  (LanyardKioskFlow           *self,
                                                     gint64                      now);
gboolean          lanyard_kiosk_flow_should_print   (LanyardKioskFlow           *self);
/* Whether a code counts now: not while printing, nor (from the camera or
 * a scanner) while someone types a name or the last four, or answers
 * "is this you?". A name picked from the search (@from_search) does. */
gboolean          lanyard_kiosk_flow_takes_scans    (LanyardKioskFlow           *self,
                                                     gboolean                    from_search);

/* Stable names: the window's stack pages, its page log, CSS classes. */
const char       *lanyard_kiosk_page_to_string      (LanyardKioskPage            page);
const char       *lanyard_refusal_to_string         (LanyardRefusal              refusal);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardKioskFlow, lanyard_kiosk_flow_free)

G_END_DECLS
