/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The counts the desk and the CME office watch: registered, checked in by
 * role and by profession, and for each session who is inside now and how
 * many different people came in at all. From the store, as of now.
 */
#pragma once

#include <glib.h>

#include "lanyard-store.h"

G_BEGIN_DECLS

typedef struct {
  const LanyardSession *session;  /* borrowed from the event */
  int                   inside;   /* entered and not left */
  int                   total;    /* different people admitted at least once */
} LanyardSessionCount;

typedef struct {
  guint       registered;      /* active registrations */
  guint       cancelled;
  guint       checked_in;      /* active ones with an accepted check-in */
  GHashTable *by_role;         /* role word → GINT_TO_POINTER (checked in) */
  GHashTable *by_profession;   /* profession → GINT_TO_POINTER (checked in) */
  GPtrArray  *sessions;        /* LanyardSessionCount*, in the event's order */
} LanyardStats;

LanyardStats *lanyard_stats_compute (LanyardStore       *store,
                                     const LanyardEvent *event,
                                     GError            **error);
/* As of `now` (µs): who is inside then. */
LanyardStats *lanyard_stats_compute_at (LanyardStore       *store,
                                        const LanyardEvent *event,
                                        gint64              now,
                                        GError            **error);
/* Sorted keys of one of the tables, for stable output. */
GList        *lanyard_stats_sorted_keys (GHashTable     *table);
void          lanyard_stats_free    (LanyardStats       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardStats, lanyard_stats_free)

G_END_DECLS
