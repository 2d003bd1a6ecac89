/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the staff desk shows about one attendee, gathered from the store
 * and put into words without GTK: registration details (the ids needed for
 * credit reporting only as "on file" or "missing", never their values —
 * CME.md, privacy), check-ins and prints with time and device, sessions
 * attended with minutes, credits so far per type, print jobs with their
 * state, the change history, and why there would be no certificate.
 */
#pragma once

#include <glib.h>

#include "lanyard-store.h"
#include "lanyard-sync.h"

G_BEGIN_DECLS

typedef struct {
  char *label;
  char *value;
} LanyardStaffField;

typedef struct {
  gint64           id;
  LanyardJobState  state;
  char            *text;   /* "Badge · printed · Tue 08:14" */
  gboolean         waits;  /* at the printer with a problem: a retry asks what became of it */
} LanyardStaffJob;

typedef struct {
  LanyardAttendee *attendee;
  char            *name;        /* "Dr Jane Smith, MD" */
  GPtrArray       *details;     /* LanyardStaffField* */
  GPtrArray       *history;     /* char*: check-ins and prints, oldest first */
  GPtrArray       *sessions;    /* char*: "Opening plenary — 52 minutes" */
  GPtrArray       *credits;     /* char*: "AMA PRA Category 1 Credit™: 1.75 credits" */
  GPtrArray       *jobs;        /* LanyardStaffJob*, newest first */
  GPtrArray       *audit;       /* char*: "Tue 08:20 · desk-1 · last name: “Smtih” → “Smith”" */
  char            *no_certificate; /* why there is none, in words; NULL: one can be printed */
  char            *waiting_badge;  /* "A badge waits for the printer at kiosk-1 since …"; NULL: none */
} LanyardStaffRecord;

LanyardStaffRecord *lanyard_staff_record_load (LanyardStore       *store,
                                               const LanyardEvent *event,
                                               gint64              attendee_id,
                                               gint64              now,
                                               GError            **error);
void                lanyard_staff_record_free (LanyardStaffRecord *self);

/* Print jobs (from lanyard_store_list_print_jobs) as LanyardStaffJob*. */
GPtrArray          *lanyard_staff_describe_jobs (const LanyardEvent *event,
                                                 GPtrArray          *jobs);
/* What other devices did that a person must look at
 * (lanyard_sync_list_conflicts), as LanyardStaffField*: the person
 * ("Jane Smith · MW26-DEMO01") and what happened, in words. */
GPtrArray          *lanyard_staff_describe_conflicts (LanyardStore       *store,
                                                      const LanyardEvent *event,
                                                      GPtrArray          *conflicts);
/* "Tue 08:14" in the event's time zone. */
char               *lanyard_staff_format_time (const LanyardEvent *event,
                                               gint64              at);
/* Words for a job's state: "waiting", "printed", "failed", … */
const char         *lanyard_staff_job_state_text (LanyardJobState  state);
/* A walk-in's ticket code: "WI-" and 8 random hex digits, unused so far. */
char               *lanyard_staff_new_walk_in_code (LanyardStore   *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardStaffRecord, lanyard_staff_record_free)

G_END_DECLS
