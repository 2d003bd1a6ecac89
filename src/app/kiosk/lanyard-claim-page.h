/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "My credits & certificate" at the kiosk, once the learner is known: the
 * transcript (sessions, minutes, credit per type, presented sessions and
 * missing exits said in words), the attestation per credit type in the
 * event's wording with the claim (earned by default, down in the type's
 * step, never below what was claimed before), the permission to report
 * where the type asks, the evaluation, then the certificate printed on the
 * certificate printer. The claims and answers go through lanyard-claim.h.
 */
#pragma once

#include <adwaita.h>

#include "lanyard-kiosk-config.h"
#include "lanyard-store.h"

G_BEGIN_DECLS

typedef enum {
  LANYARD_CLAIM_STEP_NONE,
  LANYARD_CLAIM_STEP_TRANSCRIPT,
  LANYARD_CLAIM_STEP_ATTEST,
  LANYARD_CLAIM_STEP_EVALUATION,
  LANYARD_CLAIM_STEP_PRINTING,
  LANYARD_CLAIM_STEP_DONE,
  LANYARD_CLAIM_STEP_PROBLEM,
} LanyardClaimStep;

#define LANYARD_TYPE_CLAIM_PAGE (lanyard_claim_page_get_type ())
G_DECLARE_FINAL_TYPE (LanyardClaimPage, lanyard_claim_page, LANYARD, CLAIM_PAGE, AdwBin)

/* Shows @attendee's transcript. The store, event and config are borrowed
 * until the next reset. */
void             lanyard_claim_page_show      (LanyardClaimPage         *self,
                                               LanyardStore             *store,
                                               const LanyardEvent       *event,
                                               const LanyardKioskConfig *config,
                                              const char               *device,
                                               const LanyardAttendee    *attendee);
/* Forgets everything shown (the idle reset, the next person). */
void             lanyard_claim_page_reset     (LanyardClaimPage         *self);
LanyardClaimStep lanyard_claim_page_get_step  (LanyardClaimPage         *self);
const char      *lanyard_claim_step_to_string (LanyardClaimStep          step);

G_END_DECLS
