/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The device's own SQLite database: the event, registrations, the
 * append-only scan log, attestations and print jobs. One LanyardStore is one
 * connection: use it from one thread; open another for another thread.
 * "Absent" lookups return NULL with LANYARD_ERROR_NOT_FOUND.
 *
 * A change made outside a transaction is atomic by itself. Inside the
 * caller's lanyard_store_begin() … commit(), a failed change may leave part
 * of itself behind: the caller rolls back.
 */
#pragma once

#include <glib-object.h>

#include "lanyard-model.h"

G_BEGIN_DECLS

#define LANYARD_TYPE_STORE (lanyard_store_get_type ())
G_DECLARE_FINAL_TYPE (LanyardStore, lanyard_store, LANYARD, STORE, GObject)

#define LANYARD_STORE_SCHEMA_VERSION 4

typedef struct {
  char   *field;
  char   *old_value;
  char   *new_value;
  gint64  at;
  char   *device;
  char   *reason;
} LanyardAuditEntry;

void lanyard_audit_entry_free (LanyardAuditEntry *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardAuditEntry, lanyard_audit_entry_free)

LanyardStore    *lanyard_store_open                (const char             *path,
                                                    GError                **error);
void             lanyard_store_map_for_bulk_reads  (LanyardStore           *self);
const char      *lanyard_store_get_path            (LanyardStore           *self);
char            *lanyard_store_default_path        (void);
gboolean         lanyard_store_begin               (LanyardStore           *self,
                                                    GError                **error);
gboolean         lanyard_store_commit              (LanyardStore           *self,
                                                    GError                **error);
void             lanyard_store_rollback            (LanyardStore           *self);
char            *lanyard_store_get_meta            (LanyardStore           *self,
                                                    const char             *key);
gboolean         lanyard_store_set_meta            (LanyardStore           *self,
                                                    const char             *key,
                                                    const char             *value,
                                                    GError                **error);

gboolean         lanyard_store_save_event          (LanyardStore           *self,
                                                    const LanyardEvent     *event,
                                                    GError                **error);
/* When the event was last saved here (µs), 0 without one: a new stamp
 * means a new event (an import, a sync). */
gint64           lanyard_store_get_event_stamp     (LanyardStore           *self);
LanyardEvent    *lanyard_store_load_event          (LanyardStore           *self,
                                                    GError                **error);

LanyardAttendee *lanyard_store_get_attendee        (LanyardStore           *self,
                                                    gint64                  id,
                                                    GError                **error);
LanyardAttendee *lanyard_store_find_ticket         (LanyardStore           *self,
                                                    const char             *ticket_code,
                                                    GError                **error);
gboolean         lanyard_store_upsert_attendee     (LanyardStore           *self,
                                                    LanyardAttendee        *attendee,
                                                    gboolean               *out_created,
                                                    gboolean               *out_changed,
                                                    GError                **error);
gboolean         lanyard_store_add_attendee        (LanyardStore           *self,
                                                    LanyardAttendee        *attendee,
                                                    GError                **error);
gboolean         lanyard_store_update_attendee     (LanyardStore           *self,
                                                    const LanyardAttendee  *attendee,
                                                    const char             *device,
                                                    GError                **error);
gboolean         lanyard_store_audit_fields        (LanyardStore           *self,
                                                    const LanyardAttendee  *old,
                                                    const LanyardAttendee  *attendee,
                                                    const char * const     *fields,
                                                    const char             *device,
                                                    const char             *reason,
                                                    GError                **error);
gboolean         lanyard_store_set_status          (LanyardStore           *self,
                                                    gint64                  attendee_id,
                                                    LanyardStatus           status,
                                                    const char             *device,
                                                    GError                **error);
int              lanyard_store_bump_badge_version  (LanyardStore           *self,
                                                    gint64                  attendee_id,
                                                    const char             *reason,
                                                    const char             *device,
                                                    GError                **error);
GPtrArray       *lanyard_store_search              (LanyardStore           *self,
                                                    const char             *text,
                                                    guint                   limit,
                                                    GError                **error);
GPtrArray       *lanyard_store_list_attendees      (LanyardStore           *self,
                                                    GError                **error);
guint            lanyard_store_count_attendees     (LanyardStore           *self);
gboolean         lanyard_store_defer_tally_index   (LanyardStore           *self,
                                                    gboolean                defer,
                                                    GError                **error);
gboolean         lanyard_store_is_registered       (LanyardStore           *self,
                                                    gint64                  attendee_id,
                                                    const char             *session_id);
GPtrArray       *lanyard_store_list_audit          (LanyardStore           *self,
                                                    gint64                  attendee_id,
                                                    GError                **error);

gboolean         lanyard_store_append_scan         (LanyardStore           *self,
                                                    LanyardScan            *scan,
                                                    GError                **error);
GPtrArray       *lanyard_store_list_scans          (LanyardStore           *self,
                                                    gint64                  attendee_id,
                                                    GError                **error);
GPtrArray       *lanyard_store_list_timeline       (LanyardStore           *self,
                                                    gint64                  attendee_id,
                                                    GError                **error);
/* One learner and their timeline (lanyard_store_foreach_timeline). */
typedef gboolean (*LanyardTimelineFunc) (const LanyardAttendee  *attendee,
                                         GPtrArray              *timeline,
                                         gpointer                user_data,
                                         GError                **error);
gboolean         lanyard_store_foreach_timeline    (LanyardStore           *self,
                                                    LanyardTimelineFunc     func,
                                                    gpointer                user_data,
                                                    GError                **error);
GPtrArray       *lanyard_store_list_session_scans  (LanyardStore           *self,
                                                    const char             *session_id,
                                                    GError                **error);
LanyardScan     *lanyard_store_last_scan           (LanyardStore           *self,
                                                    gint64                  attendee_id,
                                                    LanyardScanKind         kind,
                                                    gboolean                accepted_only,
                                                    GError                **error);
int              lanyard_store_count_inside        (LanyardStore           *self,
                                                    const LanyardSession   *session,
                                                    const LanyardPolicy    *policy,
                                                    gint64                  at,
                                                    GError                **error);
gboolean         lanyard_store_is_inside           (LanyardStore           *self,
                                                    gint64                  attendee_id,
                                                    const LanyardSession   *session,
                                                    gint64                  at,
                                                    gint64                 *out_entered_at);

/* A claim: the type's total claimed from now on (the latest row per type
 * is the claim; lanyard_claim_record checks it against what was earned). */
gboolean         lanyard_store_add_attestation     (LanyardStore           *self,
                                                    gint64                  attendee_id,
                                                    const char             *credit_type,
                                                    double                  credits,
                                                    const char             *device,
                                                    gboolean                permission_to_report,
                                                    GError                **error);
GPtrArray       *lanyard_store_list_attestations   (LanyardStore           *self,
                                                    gint64                  attendee_id,
                                                    GError                **error);
gboolean         lanyard_store_set_evaluation_done (LanyardStore           *self,
                                                    gint64                  attendee_id,
                                                    const char             *device,
                                                    GError                **error);
gboolean         lanyard_store_add_evaluation_answer (LanyardStore         *self,
                                                    gint64                  attendee_id,
                                                    const LanyardAnswer    *answer,
                                                    const char             *device,
                                                    GError                **error);
gboolean         lanyard_store_get_evaluation_done (LanyardStore           *self,
                                                    gint64                  attendee_id);

gboolean         lanyard_store_add_print_job       (LanyardStore           *self,
                                                    LanyardPrintJob        *job,
                                                    GError                **error);
gboolean         lanyard_store_update_print_job    (LanyardStore           *self,
                                                    const LanyardPrintJob  *job,
                                                    GError                **error);
LanyardPrintJob *lanyard_store_get_print_job       (LanyardStore           *self,
                                                    gint64                  id,
                                                    GError                **error);
GPtrArray       *lanyard_store_list_print_jobs     (LanyardStore           *self,
                                                    gint64                  attendee_id,
                                                    GError                **error);
/* The newest @limit jobs, newest first (the desk's status page: a device
 * that printed 3,000 badges lists 20, not reads 3,000). */
GPtrArray       *lanyard_store_list_recent_print_jobs (LanyardStore         *self,
                                                      guint                 limit,
                                                      GError              **error);
/* Badges not yet known printed or failed (pending, submitted), oldest
 * first: what a kiosk settles with CUPS as it starts. */
GPtrArray       *lanyard_store_list_unfinished_badge_jobs (LanyardStore     *self,
                                                          GError          **error);

G_END_DECLS
