/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Claiming credit and answering the evaluation, as the learner does at the
 * kiosk (and the office with `lanyardctl certificate --claim`). A claim is
 * the type's total claimed from then on: it is checked against what the
 * scan log says was earned at that moment, in the same transaction that
 * stores it, so two kiosks cannot together claim more than was earned. A
 * second visit may raise the claim by what was earned since, never above.
 */
#pragma once

#include <glib.h>

#include "lanyard-certificate.h"
#include "lanyard-model.h"
#include "lanyard-store.h"

G_BEGIN_DECLS

typedef struct {
  const char *code;                 /* the credit type */
  double      credits;              /* its total claimed after this claim */
  gboolean    permission_to_report; /* to boards; kept only for a type that asks */
} LanyardClaim;

GStrv    lanyard_credit_type_missing_ids (const LanyardCreditType *type,
                                          const LanyardAttendee   *attendee);
gboolean lanyard_claim_record            (LanyardStore            *store,
                                          const LanyardEvent      *event,
                                          gint64                   attendee_id,
                                          const LanyardClaim      *claims,
                                          guint                    n_claims,
                                          const char              *device,
                                          gint64                   now,
                                          GError                 **error);
/* The certificate @attendee has at @now, read from @store (their rows
 * in the scan log, their attestations, their evaluation): see
 * lanyard_certificate_prepare (). */
LanyardCertificate *lanyard_claim_read_certificate (LanyardStore          *store,
                                                    const LanyardEvent    *event,
                                                    const LanyardAttendee *attendee,
                                                    gint64                 now,
                                                    GError               **error);
gboolean lanyard_evaluation_record       (LanyardStore            *store,
                                          const LanyardEvent      *event,
                                          gint64                   attendee_id,
                                          GPtrArray               *answers,
                                          const char              *device,
                                          GError                 **error);

G_END_DECLS
