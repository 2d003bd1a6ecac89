/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The credits engine: minutes present per session from entry/exit scans,
 * turned into credits per credit type by the rules in CME.md. Pure: no
 * store, no clock (callers pass `now`).
 */
#pragma once

#include <glib.h>

#include "lanyard-model.h"

G_BEGIN_DECLS

typedef struct {
  char      *session_id;
  int        minutes;   /* counted minutes (clipped, overlap removed) */
  GPtrArray *credits;   /* LanyardCreditAmount*, one per credit type earned (> 0) */
  gboolean   presenter; /* attendee is faculty of this session: no learner credit */
  char      *note;      /* why a session earned less than its minutes suggest, or NULL */
} LanyardSessionCredit;

typedef struct {
  GPtrArray *sessions; /* LanyardSessionCredit*, by session start */
  GPtrArray *totals;   /* LanyardCreditAmount*, in the event's credit type order */
} LanyardCreditReport;

LanyardCreditReport *lanyard_credits_compute       (const LanyardEvent    *event,
                                                    const LanyardAttendee *attendee,
                                                    GPtrArray             *scans,
                                                    gint64                 now);
double               lanyard_credit_report_get_total (const LanyardCreditReport *self,
                                                      const char                *code);
double               lanyard_credits_round_quarter (double minutes,
                                                    double step);
gboolean             lanyard_credit_type_applies   (const LanyardCreditType *type,
                                                    const char              *profession);
void                 lanyard_session_credit_free   (LanyardSessionCredit *self);
void                 lanyard_credit_report_free    (LanyardCreditReport  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardSessionCredit, lanyard_session_credit_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardCreditReport, lanyard_credit_report_free)

G_END_DECLS
