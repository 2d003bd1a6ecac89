/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a learner's certificate says, by the rules in CME.md, before anything
 * is drawn: which credit types apply to the profession, what was earned
 * (from the credits engine) and what is claimed (the learner's attestation,
 * never more than earned), or why there is no certificate at all.
 * Pharmacists get a statement of participation: their credit is recorded in
 * CPE Monitor, not on paper. Pure: no store, no clock.
 */
#pragma once

#include <glib.h>

#include "lanyard-credits.h"
#include "lanyard-model.h"

G_BEGIN_DECLS

typedef enum {
  LANYARD_CERTIFICATE_CREDIT,        /* a certificate of credit */
  LANYARD_CERTIFICATE_PARTICIPATION, /* participation: pharmacists (statement, their credit is in CPE
                                      * Monitor), and professions no credit type of the event is for */
} LanyardCertificateKind;

typedef struct {
  const LanyardCreditType *type;    /* borrowed from the event */
  double                   earned;  /* from attendance */
  double                   claimed; /* attested, capped at earned; = earned without an attestation */
  gboolean                 attested; /* a claim is recorded: only then does the certificate say "claimed";
                                      * without one it names the credit earned, to claim */
  const char              *missing_id; /* an id this type needs that the registration lacks (a field
                                         * key, static): nothing can be claimed or reported for it
                                         * until the desk adds it; NULL when none is missing */
} LanyardCertificateLine;

typedef struct {
  LanyardCertificateKind kind;
  char                  *learner;   /* "Jane Smith, MD" */
  char                  *learner_drawn; /* the same, each part isolated, to draw */
  int                    minutes;   /* counted minutes over all sessions */
  int                    sessions;  /* sessions with counted minutes */
  double                 hours;     /* counted time in hours, to the quarter hour */
  const LanyardCreditType *designated; /* participation without credit: the AMA PRA designation the
                                         * activity had, to state (CME.md), or NULL */
  GPtrArray             *lines;     /* LanyardCertificateLine*, in the event's credit type order */
  GPtrArray             *pending;   /* const LanyardCreditType*: earned, but listed only after the evaluation */
} LanyardCertificate;

LanyardCertificate *lanyard_certificate_prepare (const LanyardEvent    *event,
                                                 const LanyardAttendee *attendee,
                                                 GPtrArray             *scans,
                                                 GPtrArray             *attestations,
                                                 gboolean               evaluation_done,
                                                 gint64                 now,
                                                 GError               **error);
gboolean            lanyard_certificate_check_claim (const LanyardEvent        *event,
                                                     const LanyardAttendee     *attendee,
                                                     const LanyardCreditReport *report,
                                                     const char                *code,
                                                     const char                *amount,
                                                     double                    *out_amount,
                                                     GError                   **error);
gboolean            lanyard_certificate_check_claim_value (const LanyardEvent        *event,
                                                           const LanyardAttendee     *attendee,
                                                           const LanyardCreditReport *report,
                                                           const char                *code,
                                                           double                     value,
                                                           const char                *shown,
                                                           double                    *out_amount,
                                                           GError                   **error);
void                lanyard_certificate_free    (LanyardCertificate    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardCertificate, lanyard_certificate_free)

G_END_DECLS
