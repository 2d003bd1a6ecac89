/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Check-in rules. lanyard_checkin_decide() is the rule table: pure, over
 * facts. lanyard_checkin_perform() gathers the facts from the store, decides
 * and appends the scan to the log in one transaction.
 */
#pragma once

#include <glib.h>

#include "lanyard-badge-code.h"
#include "lanyard-model.h"

G_BEGIN_DECLS

typedef enum {
  LANYARD_CHECKIN_EVENT,           /* arrival at the event (kiosk, desk) */
  LANYARD_CHECKIN_BADGE_PRINTED,
  LANYARD_CHECKIN_BADGE_REPRINTED,
  LANYARD_CHECKIN_SESSION_ENTRY,
  LANYARD_CHECKIN_SESSION_EXIT,
  LANYARD_CHECKIN_SESSION_TOGGLE,  /* the door's default: inside → exit, else entry */
} LanyardCheckinAction;

typedef struct {
  LanyardCheckinAction action;
  const char          *session_id; /* session actions */
  const char          *device;
  gint64               at;         /* 0 = now */
  gboolean             dry_run;    /* decide, log nothing (the kiosk's confirm page) */
} LanyardCheckinRequest;

/* What the rules look at. Filled by perform(), or by a test. */
typedef struct {
  LanyardCheckinAction  action;
  gboolean              resolved;           /* the code named an attendee */
  gboolean              replaced;           /* a badge code of an older badge version */
  LanyardStatus         status;
  gboolean              missing_required_id; /* a credit type of their profession needs an id they lack */
  gboolean              checked_in;          /* event check-in already recorded */
  gboolean              require_check_in;    /* policy: doors send those not checked_in to the desk */
  /* session facts */
  gboolean              has_session;
  gint64                now;
  gint64                starts_at;
  gint64                ends_at;
  int                   entry_window_minutes;
  int                   repeat_seconds;
  gboolean              ticketed;
  gboolean              registered;          /* session registration, or faculty/staff of it */
  int                   capacity;            /* 0 = no limit */
  int                   inside;              /* people inside now who take a seat */
  gboolean              exempt_from_capacity; /* faculty, staff (press by policy): never "full" */
  gboolean              is_inside;
  gint64                entered_at;          /* when is_inside */
} LanyardCheckinFacts;

typedef struct {
  LanyardOutcome   outcome;
  LanyardScanKind  kind;
  LanyardAttendee *attendee;          /* NULL when the code did not resolve */
  char            *session_id;
  gint64           at;
  gint64           previous_at;       /* already checked in: first check-in */
  char            *previous_device;
  gint64           badge_printed_at;  /* 0 = no badge printed yet */
  char            *badge_printed_device;
  int              minutes;           /* exited: minutes of this visit */
  int              inside;            /* door counter after this scan */
  int              capacity;
  LanyardOutcome   exit_refusal;      /* exited although refused as this (cancelled,
                                       * replaced badge); LANYARD_OUTCOME_EXITED if none */
  char            *scan_uuid;         /* NULL for dry runs */
} LanyardCheckinResult;

LanyardOutcome        lanyard_checkin_decide        (const LanyardCheckinFacts   *facts,
                                                     LanyardScanKind             *out_kind);
LanyardAttendee      *lanyard_checkin_resolve       (LanyardStore                *store,
                                                     const LanyardEvent          *event,
                                                     const LanyardBadgeKeys      *keys,
                                                     const guint8                *code,
                                                     gsize                        len,
                                                     LanyardOutcome              *out_outcome,
                                                     GError                     **error);
LanyardCheckinResult *lanyard_checkin_perform       (LanyardStore                *store,
                                                     const LanyardEvent          *event,
                                                     const LanyardBadgeKeys      *keys,
                                                     const guint8                *code,
                                                     gsize                        len,
                                                     const LanyardCheckinRequest *request,
                                                     GError                     **error);
LanyardSession       *lanyard_checkin_pick_session  (const LanyardEvent          *event,
                                                     const char                  *room,
                                                     gint64                       now);
gboolean              lanyard_checkin_needs_desk    (const LanyardEvent          *event,
                                                     const LanyardAttendee       *attendee);
gboolean              lanyard_checkin_takes_seat    (const LanyardSession        *session,
                                                     const LanyardPolicy         *policy,
                                                     LanyardRole                  role,
                                                     const char                  *ticket_code);
gboolean              lanyard_checkin_check_back_dated (const LanyardEvent       *event,
                                                     gint64                       at,
                                                     gint64                       now,
                                                     GError                     **error);
gboolean              lanyard_checkin_log_disclosure (LanyardStore               *store,
                                                     const LanyardSession       *session,
                                                     const char                 *device,
                                                     gint64                      at,
                                                     GError                    **error);
gboolean              lanyard_checkin_record_print (LanyardStore                *store,
                                                     gint64                       attendee_id,
                                                     LanyardScanKind              kind,
                                                     const char                  *device,
                                                     const char                  *detail,
                                                     GError                     **error);
/* A badge that could not print and waits for the printer: in the scan
 * log, so every device (and the desk) hears of it; the desk may say not
 * to print it (LANYARD_ERROR_NOT_FOUND when nothing waits). */
gboolean              lanyard_checkin_record_badge_waiting (LanyardStore         *store,
                                                            gint64                attendee_id,
                                                            const char           *device,
                                                            const char           *reason,
                                                            GError              **error);
gboolean              lanyard_checkin_cancel_waiting_badge (LanyardStore         *store,
                                                            gint64                attendee_id,
                                                            const char           *device,
                                                            GError              **error);
/* In one person's scans (oldest first): the badge_waiting scan of a badge
 * not printed or cancelled since; NULL when none waits. */
const LanyardScan    *lanyard_checkin_find_waiting_badge   (GPtrArray            *scans);
void                  lanyard_checkin_result_free   (LanyardCheckinResult        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardCheckinResult, lanyard_checkin_result_free)

G_END_DECLS
