/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What happened: the append-only scan log, attestations, evaluations and
 * print jobs.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lanyard-checkin.h"
#include "lanyard-credits.h"
#include "lanyard-error.h"
#include "lanyard-store-private.h"

#define SCAN_COLUMNS "uuid, device, at, attendee_id, session_id, kind, outcome, detail, recorded_at"
#define ACCEPTED "('checked_in', 'entered', 'exited', 'printed', 'shown')"

static LanyardScan *
scan_from_row (sqlite3_stmt *stmt)
{
  LanyardScan *scan = lanyard_scan_new ();

  scan->uuid = lanyard_column_dup (stmt, 0);
  scan->device = lanyard_column_dup (stmt, 1);
  scan->at = sqlite3_column_int64 (stmt, 2);
  scan->attendee_id = sqlite3_column_int64 (stmt, 3);
  scan->session_id = lanyard_column_dup (stmt, 4);
  lanyard_scan_kind_from_string ((const char *) sqlite3_column_text (stmt, 5), &scan->kind);
  lanyard_outcome_from_string ((const char *) sqlite3_column_text (stmt, 6), &scan->outcome);
  scan->detail = lanyard_column_dup (stmt, 7);
  scan->recorded_at = sqlite3_column_int64 (stmt, 8);
  return scan;
}

/* A device whose clock is more than this behind its own last scan had
 * its clock stepped back (by hand, or a time server after a long while
 * off-line); less is two processes racing. */
#define CLOCK_BACK_SLACK_US (60 * G_USEC_PER_SEC)

/* Flags a clock that went back: the device's scans since carry times that
 * are too early, which may shift minutes between sessions (never to more
 * than the time between entry and exit, never below zero), so staff are
 * told, now and in `lanyardctl stats` (meta "clock_went_back": device,
 * minutes, when). */
static void
check_clock (LanyardStore *self,
             const char   *device,
             gint64        now)
{
  sqlite3_stmt *stmt = lanyard_store_prepare (self, "SELECT max(recorded_at) FROM scan WHERE device = ?", NULL);
  gint64 last;

  if (stmt == NULL)
    return;
  lanyard_bind_text (stmt, 1, device);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return;
  last = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (now + CLOCK_BACK_SLACK_US < last)
    {
      int minutes = (int) ((last - now + 30 * G_USEC_PER_SEC) / (60 * G_USEC_PER_SEC));
      g_autofree char *value = g_strdup_printf ("%s\t%d\t%" G_GINT64_FORMAT, device, minutes, now);

      g_message (_("The clock of %s went back by %d minutes: the times of its scans from now on need checking."),
                 device, minutes);
      lanyard_store_set_meta (self, "clock_went_back", value, NULL);
    }
}

gboolean
lanyard_store_append_scan (LanyardStore  *self,
                           LanyardScan   *scan,
                           GError       **error)
{
  const char *device = scan->device ? scan->device : g_get_host_name ();
  sqlite3_stmt *stmt;

  if (scan->uuid == NULL)
    scan->uuid = g_uuid_string_random ();
  scan->recorded_at = g_get_real_time ();
  check_clock (self, device, scan->recorded_at);
  stmt = lanyard_store_prepare (self,
      "INSERT INTO scan (" SCAN_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  if (scan->at == 0)
    scan->at = scan->recorded_at;
  lanyard_bind_text (stmt, 1, scan->uuid);
  lanyard_bind_text (stmt, 2, device);
  sqlite3_bind_int64 (stmt, 3, scan->at);
  if (scan->attendee_id > 0)
    sqlite3_bind_int64 (stmt, 4, scan->attendee_id);
  else
    sqlite3_bind_null (stmt, 4);
  lanyard_bind_text (stmt, 5, scan->session_id);
  lanyard_bind_text (stmt, 6, lanyard_scan_kind_to_string (scan->kind));
  lanyard_bind_text (stmt, 7, lanyard_outcome_to_string (scan->outcome));
  lanyard_bind_text (stmt, 8, scan->detail);
  sqlite3_bind_int64 (stmt, 9, scan->recorded_at);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lanyard_store_set_error (self, error);
  return TRUE;
}

static GPtrArray *
collect_scans (LanyardStore  *self,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  g_autoptr(GPtrArray) scans = g_ptr_array_new_with_free_func ((GDestroyNotify) lanyard_scan_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (scans, scan_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      lanyard_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&scans);
}

GPtrArray *
lanyard_store_list_scans (LanyardStore  *self,
                          gint64         attendee_id,
                          GError       **error)
{
  sqlite3_stmt *stmt;

  if (attendee_id == 0)
    stmt = lanyard_store_prepare (self, "SELECT " SCAN_COLUMNS " FROM scan ORDER BY at, rowid", error);
  else
    stmt = lanyard_store_prepare (self,
        "SELECT " SCAN_COLUMNS " FROM scan WHERE attendee_id = ? ORDER BY at, rowid", error);
  if (stmt == NULL)
    return NULL;
  if (attendee_id != 0)
    sqlite3_bind_int64 (stmt, 1, attendee_id);
  return collect_scans (self, stmt, error);
}

static int
compare_recorded_scans (gconstpointer a,
                        gconstpointer b)
{
  const LanyardRecordedScan *x = a, *y = b;

  if (x->scan->at != y->scan->at)
    return x->scan->at < y->scan->at ? -1 : 1;
  return (x->rowid > y->rowid) - (x->rowid < y->rowid);
}

/* A timeline's rows in the order of lanyard_store_list_scans() (time,
 * then the order they were recorded); takes the scans out of @rows. */
GPtrArray *
lanyard_store_timeline_from_rows (GArray *rows)
{
  GPtrArray *scans;

  g_array_sort (rows, compare_recorded_scans);
  scans = g_ptr_array_new_full (rows->len, (GDestroyNotify) lanyard_scan_free);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (scans, g_array_index (rows, LanyardRecordedScan, i).scan);
  g_array_set_size (rows, 0);
  return scans;
}

/* The columns `at, session_id, kind, outcome, recorded_at, rowid` from
 * @first on, as a timeline row. */
LanyardRecordedScan
lanyard_store_recorded_scan_from_row (sqlite3_stmt *stmt,
                                      int           first,
                                      gint64        attendee_id)
{
  LanyardRecordedScan row = { sqlite3_column_int64 (stmt, first + 5), lanyard_scan_new () };

  row.scan->attendee_id = attendee_id;
  row.scan->at = sqlite3_column_int64 (stmt, first);
  row.scan->session_id = lanyard_column_dup (stmt, first + 1);
  lanyard_scan_kind_from_string ((const char *) sqlite3_column_text (stmt, first + 2), &row.scan->kind);
  lanyard_outcome_from_string ((const char *) sqlite3_column_text (stmt, first + 3), &row.scan->outcome);
  row.scan->recorded_at = sqlite3_column_int64 (stmt, first + 4);
  return row;
}

/* One learner's scans as the credits read them (time, session, kind,
 * outcome, when recorded; no uuid, device or detail), in the order of
 * lanyard_store_list_scans(), from the index scan_timeline alone (sorted
 * here: SQLite would build a temporary b-tree for each learner). */
GPtrArray *
lanyard_store_list_timeline (LanyardStore  *self,
                             gint64         attendee_id,
                             GError       **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (LanyardRecordedScan));
  g_autoptr(GPtrArray) scans = NULL;
  sqlite3_stmt *stmt = lanyard_store_prepare (self,
      "SELECT at, session_id, kind, outcome, recorded_at, rowid FROM scan INDEXED BY scan_timeline"
      " WHERE attendee_id = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, attendee_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LanyardRecordedScan row = lanyard_store_recorded_scan_from_row (stmt, 0, attendee_id);

      g_array_append_val (rows, row);
    }
  scans = lanyard_store_timeline_from_rows (rows);
  if (rc != SQLITE_DONE)
    {
      lanyard_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&scans);
}

GPtrArray *
lanyard_store_list_session_scans (LanyardStore  *self,
                                  const char    *session_id,
                                  GError       **error)
{
  sqlite3_stmt *stmt = lanyard_store_prepare (self,
      "SELECT " SCAN_COLUMNS " FROM scan WHERE session_id = ? ORDER BY at, rowid", error);

  if (stmt == NULL)
    return NULL;
  lanyard_bind_text (stmt, 1, session_id);
  return collect_scans (self, stmt, error);
}

LanyardScan *
lanyard_store_last_scan (LanyardStore     *self,
                         gint64            attendee_id,
                         LanyardScanKind   kind,
                         gboolean          accepted_only,
                         GError          **error)
{
  sqlite3_stmt *stmt;

  if (accepted_only)
    stmt = lanyard_store_prepare (self,
        "SELECT " SCAN_COLUMNS " FROM scan WHERE attendee_id = ? AND kind = ? AND outcome IN " ACCEPTED
        " ORDER BY at DESC, rowid DESC LIMIT 1", error);
  else
    stmt = lanyard_store_prepare (self,
        "SELECT " SCAN_COLUMNS " FROM scan WHERE attendee_id = ? AND kind = ?"
        " ORDER BY at DESC, rowid DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, attendee_id);
  sqlite3_bind_text (stmt, 2, lanyard_scan_kind_to_string (kind), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_NOT_FOUND, _("Nothing recorded yet."));
      return NULL;
    }
  return scan_from_row (stmt);
}

/* The one answer to "is this person inside": their own timeline
 * (lanyard_presence_place_at) up to `at`, and nobody is inside a session
 * that has ended. */
static gboolean
inside_at (GPtrArray            *scans,
           const LanyardSession *session,
           gint64                at,
           gint64               *out_since)
{
  if (at >= session->ends_at)
    return FALSE;
  return g_strcmp0 (lanyard_presence_place_at (scans, at, out_since), session->id) == 0;
}

/* Whether the role in column 0 takes a seat, the session's faculty aside. */
static gboolean
role_takes_seat (sqlite3_stmt         *stmt,
                 const LanyardSession *session,
                 const LanyardPolicy  *policy)
{
  LanyardRole role = LANYARD_ROLE_ATTENDEE;

  lanyard_role_from_string ((const char *) sqlite3_column_text (stmt, 0), &role);
  return lanyard_checkin_takes_seat (session, policy, role, NULL);
}

/* Whether a faculty member before the @i-th has the ticket @code. */
static gboolean
faculty_code_seen (const LanyardSession *session,
                   guint                 i,
                   const char           *code)
{
  while (i-- > 0)
    if (g_strcmp0 (((const LanyardFaculty *) g_ptr_array_index (session->faculty, i))->ticket_code, code) == 0)
      return TRUE;
  return FALSE;
}

#define PRESENCE_SCANS "kind IN ('session_entry', 'session_exit') AND at <= ?"

/* People inside `session` at `at` who take a seat (faculty and staff do
 * not: lanyard_checkin_takes_seat). The timeline's rule
 * (lanyard_presence_visits) without reading anyone's timeline: a learner
 * is inside when their last entry up to `at` (by time, then the order it
 * was recorded) is into this session and no exit from it follows. An entry
 * anywhere else closes the visit; an exit from elsewhere says nothing.
 * Issue 14: the visits are kept as the log is written (presence_visit,
 * schema 13), each with its learner's role, so this reads the session's
 * visits up to `at` from one index, counted by role, and looks up only the
 * session's own faculty; it walked every entrant's scans before (30 ms at
 * the door, 2.6 s for the desk's 40 sessions at 3.9 M scans), and joining
 * every visit to its registration cost some 1.3 µs a person inside. The
 * visits answer for any `at`, not only "now". */
int
lanyard_store_count_inside (LanyardStore          *self,
                            const LanyardSession  *session,
                            const LanyardPolicy   *policy,
                            gint64                 at,
                            GError               **error)
{
  sqlite3_stmt *stmt;
  int count = 0;
  int rc;

  if (at >= session->ends_at)
    return 0; /* nobody is inside a session that has ended */
  stmt = lanyard_store_prepare (self,
      "SELECT role, count(*) FROM presence_visit INDEXED BY presence_visit_session"
      " WHERE session_id = ?1 AND entered_at <= ?2 AND (left_at IS NULL OR left_at > ?2) AND role IS NOT NULL"
      " GROUP BY role", error);
  if (stmt == NULL)
    return -1;
  lanyard_bind_text (stmt, 1, session->id);
  sqlite3_bind_int64 (stmt, 2, at);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (role_takes_seat (stmt, session, policy))
      count += sqlite3_column_int (stmt, 1);
  if (rc != SQLITE_DONE)
    {
      lanyard_store_set_error (self, error);
      return -1;
    }

  /* The session's own faculty take no seat in it, whatever their role
   * (only those counted above are taken off: none when nobody was). */
  for (guint i = 0; count > 0 && i < session->faculty->len; i++)
    {
      const char *code = ((const LanyardFaculty *) g_ptr_array_index (session->faculty, i))->ticket_code;

      if (code == NULL || faculty_code_seen (session, i, code))
        continue;
      stmt = lanyard_store_prepare (self,
          "SELECT v.role FROM attendee a JOIN presence_visit v ON v.attendee_id = a.id"
          " WHERE a.ticket_code = ?3 AND v.session_id = ?1 AND v.entered_at <= ?2"
          " AND (v.left_at IS NULL OR v.left_at > ?2) AND v.role IS NOT NULL", error);
      if (stmt == NULL)
        return -1;
      lanyard_bind_text (stmt, 1, session->id);
      sqlite3_bind_int64 (stmt, 2, at);
      lanyard_bind_text (stmt, 3, code);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        if (role_takes_seat (stmt, session, policy))
          count--;
      if (rc != SQLITE_DONE)
        {
          lanyard_store_set_error (self, error);
          return -1;
        }
    }
  return count;
}

gboolean
lanyard_store_is_inside (LanyardStore         *self,
                         gint64                attendee_id,
                         const LanyardSession *session,
                         gint64                at,
                         gint64               *out_entered_at)
{
  sqlite3_stmt *stmt = lanyard_store_prepare (self,
      "SELECT " SCAN_COLUMNS " FROM scan WHERE attendee_id = ? AND " PRESENCE_SCANS " ORDER BY at, rowid", NULL);
  g_autoptr(GPtrArray) scans = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, attendee_id);
  sqlite3_bind_int64 (stmt, 2, at);
  scans = collect_scans (self, stmt, NULL);
  return scans != NULL && inside_at (scans, session, at, out_entered_at);
}

gboolean
lanyard_store_add_attestation (LanyardStore  *self,
                               gint64         attendee_id,
                               const char    *credit_type,
                               double         credits,
                               const char    *device,
                               gboolean       permission_to_report,
                               GError       **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  sqlite3_stmt *stmt = lanyard_store_prepare (self,
      "INSERT INTO attestation (uuid, attendee_id, credit_type, credits, at, device, permission_to_report)"
      " VALUES (?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  lanyard_bind_text (stmt, 1, uuid);
  sqlite3_bind_int64 (stmt, 2, attendee_id);
  lanyard_bind_text (stmt, 3, credit_type);
  sqlite3_bind_double (stmt, 4, credits);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time ());
  lanyard_bind_text (stmt, 6, device ? device : g_get_host_name ());
  sqlite3_bind_int (stmt, 7, permission_to_report ? 1 : 0);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lanyard_store_set_error (self, error);
  return TRUE;
}

GPtrArray *
lanyard_store_list_attestations (LanyardStore  *self,
                                 gint64         attendee_id,
                                 GError       **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) lanyard_credit_amount_free);
  sqlite3_stmt *stmt = lanyard_store_prepare (self,
      "SELECT credit_type, credits FROM attestation t WHERE attendee_id = ?1 AND rowid ="
      " (SELECT rowid FROM attestation WHERE attendee_id = ?1 AND credit_type = t.credit_type"
      "  ORDER BY at DESC, rowid DESC LIMIT 1) ORDER BY credit_type", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, attendee_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (result, lanyard_credit_amount_new ((const char *) sqlite3_column_text (stmt, 0),
                                                        sqlite3_column_double (stmt, 1)));
  return g_steal_pointer (&result);
}

gboolean
lanyard_store_set_evaluation_done (LanyardStore  *self,
                                   gint64         attendee_id,
                                   const char    *device,
                                   GError       **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  sqlite3_stmt *stmt = lanyard_store_prepare (self,
      "INSERT OR IGNORE INTO evaluation (attendee_id, completed_at, uuid, device) VALUES (?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, attendee_id);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
  lanyard_bind_text (stmt, 3, uuid);
  lanyard_bind_text (stmt, 4, device ? device : g_get_host_name ());
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lanyard_store_set_error (self, error);
  return TRUE;
}

gboolean
lanyard_store_add_evaluation_answer (LanyardStore         *self,
                                     gint64                attendee_id,
                                     const LanyardAnswer  *answer,
                                     const char           *device,
                                     GError              **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  sqlite3_stmt *stmt = lanyard_store_prepare (self,
      "INSERT INTO evaluation_answer (uuid, attendee_id, session_id, question, score, choice, text, at, device)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  lanyard_bind_text (stmt, 1, uuid);
  sqlite3_bind_int64 (stmt, 2, attendee_id);
  lanyard_bind_text (stmt, 3, answer->session_id);
  lanyard_bind_text (stmt, 4, answer->question);
  if (answer->score > 0)
    sqlite3_bind_int (stmt, 5, answer->score);
  else
    sqlite3_bind_null (stmt, 5);
  lanyard_bind_text (stmt, 6, answer->choice);
  lanyard_bind_text (stmt, 7, answer->text);
  sqlite3_bind_int64 (stmt, 8, g_get_real_time ());
  lanyard_bind_text (stmt, 9, device ? device : g_get_host_name ());
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lanyard_store_set_error (self, error);
  return TRUE;
}

gboolean
lanyard_store_get_evaluation_done (LanyardStore *self,
                                   gint64        attendee_id)
{
  sqlite3_stmt *stmt = lanyard_store_prepare (self, "SELECT 1 FROM evaluation WHERE attendee_id = ?", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, attendee_id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

#define JOB_COLUMNS "id, uuid, attendee_id, document, queue, pdf_path, cups_job_id, state, error, created_at, updated_at," \
  " template, paper, media, width_pt, height_pt, copies, sent_pdf_path, badge_version, printed_name"

static LanyardPrintJob *
job_from_row (sqlite3_stmt *stmt)
{
  LanyardPrintJob *job = lanyard_print_job_new ();

  job->id = sqlite3_column_int64 (stmt, 0);
  job->uuid = lanyard_column_dup (stmt, 1);
  job->attendee_id = sqlite3_column_int64 (stmt, 2);
  job->document = lanyard_column_dup (stmt, 3);
  job->queue = lanyard_column_dup (stmt, 4);
  job->pdf_path = lanyard_column_dup (stmt, 5);
  job->cups_job_id = sqlite3_column_int (stmt, 6);
  lanyard_job_state_from_string ((const char *) sqlite3_column_text (stmt, 7), &job->state);
  job->error = lanyard_column_dup (stmt, 8);
  job->created_at = sqlite3_column_int64 (stmt, 9);
  job->updated_at = sqlite3_column_int64 (stmt, 10);
  job->template_name = lanyard_column_dup (stmt, 11);
  job->paper = lanyard_column_dup (stmt, 12);
  job->media = lanyard_column_dup (stmt, 13);
  job->width_pt = sqlite3_column_double (stmt, 14);
  job->height_pt = sqlite3_column_double (stmt, 15);
  job->copies = sqlite3_column_int (stmt, 16);
  job->sent_pdf_path = lanyard_column_dup (stmt, 17);
  job->badge_version = sqlite3_column_int (stmt, 18);
  job->printed_name = lanyard_column_dup (stmt, 19);
  return job;
}

/* template … printed_name, the columns after updated_at, from @first. */
static void
bind_job_print (sqlite3_stmt          *stmt,
                int                    first,
                const LanyardPrintJob *job)
{
  lanyard_bind_text (stmt, first, job->template_name);
  lanyard_bind_text (stmt, first + 1, job->paper);
  lanyard_bind_text (stmt, first + 2, job->media);
  sqlite3_bind_double (stmt, first + 3, job->width_pt);
  sqlite3_bind_double (stmt, first + 4, job->height_pt);
  sqlite3_bind_int (stmt, first + 5, job->copies > 0 ? job->copies : 1);
  lanyard_bind_text (stmt, first + 6, job->sent_pdf_path);
  if (job->badge_version > 0)
    sqlite3_bind_int (stmt, first + 7, job->badge_version);
  else
    sqlite3_bind_null (stmt, first + 7);
  lanyard_bind_text (stmt, first + 8, job->printed_name);
}

gboolean
lanyard_store_add_print_job (LanyardStore     *self,
                             LanyardPrintJob  *job,
                             GError          **error)
{
  sqlite3_stmt *stmt = lanyard_store_prepare (self,
      "INSERT INTO print_job (uuid, attendee_id, document, queue, pdf_path, cups_job_id, state, error,"
      " created_at, updated_at, template, paper, media, width_pt, height_pt, copies, sent_pdf_path,"
      " badge_version, printed_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  if (job->uuid == NULL)
    job->uuid = g_uuid_string_random ();
  job->created_at = job->updated_at = g_get_real_time ();
  lanyard_bind_text (stmt, 1, job->uuid);
  if (job->attendee_id > 0)
    sqlite3_bind_int64 (stmt, 2, job->attendee_id);
  else
    sqlite3_bind_null (stmt, 2);
  lanyard_bind_text (stmt, 3, job->document ? job->document : "badge");
  lanyard_bind_text (stmt, 4, job->queue);
  lanyard_bind_text (stmt, 5, job->pdf_path);
  sqlite3_bind_int (stmt, 6, job->cups_job_id);
  lanyard_bind_text (stmt, 7, lanyard_job_state_to_string (job->state));
  lanyard_bind_text (stmt, 8, job->error);
  sqlite3_bind_int64 (stmt, 9, job->created_at);
  sqlite3_bind_int64 (stmt, 10, job->updated_at);
  bind_job_print (stmt, 11, job);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lanyard_store_set_error (self, error);
  job->id = sqlite3_last_insert_rowid (lanyard_store_get_db (self));
  return TRUE;
}

static void
set_no_such_job (GError **error,
                 gint64   id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  /* Translators: %s is a print job's number */
  g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_NOT_FOUND, _("There is no print job %s."), number);
}

gboolean
lanyard_store_update_print_job (LanyardStore           *self,
                                const LanyardPrintJob  *job,
                                GError                **error)
{
  sqlite3_stmt *stmt = lanyard_store_prepare (self,
      "UPDATE print_job SET queue = ?, pdf_path = ?, cups_job_id = ?, state = ?, error = ?, updated_at = ?,"
      " template = ?, paper = ?, media = ?, width_pt = ?, height_pt = ?, copies = ?, sent_pdf_path = ?,"
      " badge_version = ?, printed_name = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  lanyard_bind_text (stmt, 1, job->queue);
  lanyard_bind_text (stmt, 2, job->pdf_path);
  sqlite3_bind_int (stmt, 3, job->cups_job_id);
  lanyard_bind_text (stmt, 4, lanyard_job_state_to_string (job->state));
  lanyard_bind_text (stmt, 5, job->error);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time ());
  bind_job_print (stmt, 7, job);
  sqlite3_bind_int64 (stmt, 16, job->id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lanyard_store_set_error (self, error);
  if (sqlite3_changes (lanyard_store_get_db (self)) == 0)
    {
      set_no_such_job (error, job->id);
      return FALSE;
    }
  return TRUE;
}

LanyardPrintJob *
lanyard_store_get_print_job (LanyardStore  *self,
                             gint64         id,
                             GError       **error)
{
  sqlite3_stmt *stmt = lanyard_store_prepare (self, "SELECT " JOB_COLUMNS " FROM print_job WHERE id = ?", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_no_such_job (error, id);
      return NULL;
    }
  return job_from_row (stmt);
}

static GPtrArray *
jobs_from_statement (sqlite3_stmt *stmt)
{
  GPtrArray *jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) lanyard_print_job_free);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (jobs, job_from_row (stmt));
  return jobs;
}

GPtrArray *
lanyard_store_list_print_jobs (LanyardStore  *self,
                               gint64         attendee_id,
                               GError       **error)
{
  sqlite3_stmt *stmt;

  if (attendee_id == 0)
    stmt = lanyard_store_prepare (self, "SELECT " JOB_COLUMNS " FROM print_job ORDER BY id DESC", error);
  else
    stmt = lanyard_store_prepare (self,
        "SELECT " JOB_COLUMNS " FROM print_job WHERE attendee_id = ? ORDER BY id DESC", error);
  if (stmt == NULL)
    return NULL;
  if (attendee_id != 0)
    sqlite3_bind_int64 (stmt, 1, attendee_id);
  return jobs_from_statement (stmt);
}

GPtrArray *
lanyard_store_list_recent_print_jobs (LanyardStore  *self,
                                      guint          limit,
                                      GError       **error)
{
  sqlite3_stmt *stmt = lanyard_store_prepare (self, "SELECT " JOB_COLUMNS " FROM print_job ORDER BY id DESC LIMIT ?",
                                              error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit);
  return jobs_from_statement (stmt);
}

GPtrArray *
lanyard_store_list_unfinished_badge_jobs (LanyardStore  *self,
                                          GError       **error)
{
  sqlite3_stmt *stmt = lanyard_store_prepare (self,
      "SELECT " JOB_COLUMNS " FROM print_job WHERE document = 'badge' AND state IN (?, ?) ORDER BY id", error);

  if (stmt == NULL)
    return NULL;
  lanyard_bind_text (stmt, 1, lanyard_job_state_to_string (LANYARD_JOB_PENDING));
  lanyard_bind_text (stmt, 2, lanyard_job_state_to_string (LANYARD_JOB_SUBMITTED));
  return jobs_from_statement (stmt);
}
