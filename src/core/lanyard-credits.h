/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The credits engine: where a learner was, from their door scans, turned
 * into credits per credit type by the rules in CME.md ("Lanyard's credit
 * rules"). Pure: no store, no clock (callers pass `now`).
 *
 * Presence is one timeline per learner: their scans in time order, ties in
 * the order they were recorded. A person is in at most one place: an entry
 * anywhere closes an open visit elsewhere at that moment. The door's "who
 * is inside" and the credits read the same timeline
 * (lanyard_presence_visits).
 */
#pragma once

#include <glib.h>

#include "lanyard-model.h"

G_BEGIN_DECLS

typedef enum {
  LANYARD_PRESENCE_NONE,  /* says nothing about where the learner was */
  LANYARD_PRESENCE_ENTRY,
  LANYARD_PRESENCE_EXIT,
} LanyardPresenceMove;

/* A stay in one session. Visits of one learner never overlap. */
typedef struct {
  const char *session_id; /* borrowed from the scan that opened it */
  gint64      start;
  gint64      end;        /* G_MAXINT64 while open */
} LanyardVisit;

typedef struct {
  char      *session_id;
  int        minutes;   /* counted whole minutes (clipped to the schedule) */
  gint64     seconds;   /* counted seconds, what the credits are made of */
  GPtrArray *credits;   /* LanyardCreditAmount*, one per credit type earned (> 0): the
                         * hours this session adds to the type (capped at its designation),
                         * rounded here only under rounding: per_session */
  gboolean   presenter; /* attendee is faculty of this session: no learner credit */
  char      *note;      /* why a session earned less than its minutes suggest, or NULL */
} LanyardSessionCredit;

typedef struct {
  GPtrArray *sessions; /* LanyardSessionCredit*, by session start */
  GPtrArray *totals;   /* LanyardCreditAmount*, in the event's credit type order: per type the
                         * sessions' time summed, rounded once to the step, capped at the
                         * activity maximum; only types the profession can get */
} LanyardCreditReport;

LanyardPresenceMove  lanyard_scan_presence_move    (const LanyardScan     *scan);
GArray              *lanyard_presence_visits       (GPtrArray             *scans,
                                                    gint64                 until);
const char          *lanyard_presence_place_at     (GPtrArray             *scans,
                                                    gint64                 at,
                                                    gint64                *out_since);

LanyardCreditReport *lanyard_credits_compute       (const LanyardEvent    *event,
                                                    const LanyardAttendee *attendee,
                                                    GPtrArray             *scans,
                                                    gint64                 now);
/* The same for many learners (an export): `index` from
 * lanyard_credits_session_index_new() finds a session by id at once. */
GHashTable          *lanyard_credits_session_index_new (const LanyardEvent *event);
LanyardCreditReport *lanyard_credits_compute_indexed (const LanyardEvent    *event,
                                                      GHashTable            *index,
                                                      const LanyardAttendee *attendee,
                                                      GPtrArray             *scans,
                                                      gint64                 now);
double               lanyard_credit_report_get_total (const LanyardCreditReport *self,
                                                      const char                *code);
double               lanyard_credits_round         (gint64 usec,
                                                    double step);
gboolean             lanyard_credit_type_applies   (const LanyardCreditType *type,
                                                    const char              *profession);
void                 lanyard_session_credit_free   (LanyardSessionCredit *self);
void                 lanyard_credit_report_free    (LanyardCreditReport  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardSessionCredit, lanyard_session_credit_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardCreditReport, lanyard_credit_report_free)

G_END_DECLS
