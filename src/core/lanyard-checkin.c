/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "lanyard-attendee-field.h"
#include "lanyard-checkin.h"
#include "lanyard-credits.h"
#include "lanyard-error.h"
#include "lanyard-store.h"

#define USEC_PER_MINUTE (G_USEC_PER_SEC * (gint64) 60)

void
lanyard_checkin_result_free (LanyardCheckinResult *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->attendee, lanyard_attendee_free);
  g_free (self->session_id);
  g_free (self->previous_device);
  g_free (self->badge_printed_device);
  g_free (self->scan_uuid);
  g_free (self);
}

static LanyardScanKind
kind_for_action (LanyardCheckinAction action)
{
  switch (action)
    {
    case LANYARD_CHECKIN_EVENT:
      return LANYARD_SCAN_CHECK_IN;
    case LANYARD_CHECKIN_BADGE_PRINTED:
      return LANYARD_SCAN_BADGE_PRINTED;
    case LANYARD_CHECKIN_BADGE_REPRINTED:
      return LANYARD_SCAN_BADGE_REPRINTED;
    case LANYARD_CHECKIN_SESSION_EXIT:
      return LANYARD_SCAN_SESSION_EXIT;
    case LANYARD_CHECKIN_SESSION_ENTRY:
    case LANYARD_CHECKIN_SESSION_TOGGLE:
    default:
      return LANYARD_SCAN_SESSION_ENTRY;
    }
}

/* The rule table. Order matters: who you are (unknown, replaced badge,
 * cancelled) is settled before what you may do. */
LanyardOutcome
lanyard_checkin_decide (const LanyardCheckinFacts *f,
                        LanyardScanKind           *out_kind)
{
  LanyardCheckinAction action = f->action;
  LanyardScanKind dummy;

  if (out_kind == NULL)
    out_kind = &dummy;

  if (action == LANYARD_CHECKIN_SESSION_TOGGLE)
    action = f->is_inside ? LANYARD_CHECKIN_SESSION_EXIT : LANYARD_CHECKIN_SESSION_ENTRY;
  *out_kind = kind_for_action (action);

  /* A person leaving is leaving: an exit of someone known is never
   * refused (perform logs a refusal beside it), so the room's count stays
   * right. */
  if (f->replaced && action != LANYARD_CHECKIN_SESSION_EXIT)
    return LANYARD_OUTCOME_REPLACED;
  if (!f->resolved)
    return LANYARD_OUTCOME_UNKNOWN;
  if (f->status == LANYARD_STATUS_CANCELLED && action != LANYARD_CHECKIN_SESSION_EXIT)
    return LANYARD_OUTCOME_CANCELLED;

  switch (action)
    {
    case LANYARD_CHECKIN_EVENT:
      if (f->checked_in)
        return LANYARD_OUTCOME_ALREADY_CHECKED_IN;
      if (f->missing_required_id)
        return LANYARD_OUTCOME_NEEDS_DESK;
      return LANYARD_OUTCOME_CHECKED_IN;

    case LANYARD_CHECKIN_BADGE_PRINTED:
    case LANYARD_CHECKIN_BADGE_REPRINTED:
      return LANYARD_OUTCOME_PRINTED;

    case LANYARD_CHECKIN_SESSION_ENTRY:
      if (!f->has_session)
        return LANYARD_OUTCOME_NO_SESSION;
      if (f->is_inside)
        return LANYARD_OUTCOME_ALREADY_INSIDE;
      if (f->now < f->starts_at - f->entry_window_minutes * USEC_PER_MINUTE || f->now >= f->ends_at)
        return LANYARD_OUTCOME_OUTSIDE_WINDOW;
      if (f->ticketed && !f->registered)
        return LANYARD_OUTCOME_NOT_REGISTERED;
      /* Skipping the kiosk skips the desk's checks (a missing licence id). */
      if (f->require_check_in && !f->checked_in)
        return LANYARD_OUTCOME_NOT_CHECKED_IN;
      if (f->capacity > 0 && !f->exempt_from_capacity && f->inside >= f->capacity)
        return LANYARD_OUTCOME_FULL;
      return LANYARD_OUTCOME_ENTERED;

    case LANYARD_CHECKIN_SESSION_EXIT:
      if (!f->has_session)
        return LANYARD_OUTCOME_NO_SESSION;
      if (!f->is_inside)
        return LANYARD_OUTCOME_NOT_INSIDE;
      /* The same badge shown twice at a toggle door is a repeat; an
       * explicit exit is an exit. */
      if (f->action == LANYARD_CHECKIN_SESSION_TOGGLE &&
          f->now - f->entered_at < f->repeat_seconds * G_USEC_PER_SEC)
        return LANYARD_OUTCOME_ALREADY_INSIDE;
      return LANYARD_OUTCOME_EXITED;

    case LANYARD_CHECKIN_SESSION_TOGGLE:
    default:
      g_assert_not_reached ();
    }
}

/* A pharmacist without an NABP e-Profile cannot be reported to CPE
 * Monitor: the desk collects it before the badge is printed. */
gboolean
lanyard_checkin_needs_desk (const LanyardEvent    *event,
                            const LanyardAttendee *attendee)
{
  g_auto(GStrv) missing = lanyard_attendee_missing_ids (event, attendee);

  return missing[0] != NULL;
}

LanyardSession *
lanyard_checkin_pick_session (const LanyardEvent *event,
                              const char         *room,
                              gint64              now)
{
  LanyardSession *next = NULL;
  gint64 window = event->policy.entry_window_minutes * USEC_PER_MINUTE;

  for (guint i = 0; i < event->sessions->len; i++)
    {
      LanyardSession *s = g_ptr_array_index (event->sessions, i);

      if (room != NULL && g_strcmp0 (s->room, room) != 0)
        continue;
      if (now >= s->starts_at - window && now < s->ends_at)
        return s;
      if (s->starts_at > now && (next == NULL || s->starts_at < next->starts_at))
        next = s;
    }
  return next;
}

static gboolean
valid_code_bytes (const guint8 *code,
                  gsize         len)
{
  return code != NULL && len > 0 && len <= 512 &&
         memchr (code, '\0', len) == NULL &&
         g_utf8_validate ((const char *) code, len, NULL);
}

LanyardAttendee *
lanyard_checkin_resolve (LanyardStore            *store,
                         const LanyardEvent      *event,
                         const LanyardBadgeKeys  *keys,
                         const guint8            *code,
                         gsize                    len,
                         LanyardOutcome          *out_outcome,
                         GError                 **error)
{
  g_autoptr(LanyardAttendee) attendee = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *ticket = NULL;
  int version = 0;

  *out_outcome = LANYARD_OUTCOME_UNKNOWN;
  code = lanyard_code_trim (code, len, &len);

  if (keys != NULL && lanyard_badge_code_is_badge (code, len))
    {
      if (!lanyard_badge_code_verify (keys, event->id, code, len, &ticket, &version, NULL))
        return NULL;
    }
  else
    {
      /* A ticket code from the registration system: untrusted bytes. */
      if (!valid_code_bytes (code, len))
        return NULL;
      ticket = g_strndup ((const char *) code, len);
    }

  attendee = lanyard_store_find_ticket (store, ticket, &local_error);
  if (attendee == NULL)
    {
      if (!g_error_matches (local_error, LANYARD_ERROR, LANYARD_ERROR_NOT_FOUND))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (version > 0 && version < attendee->badge_version)
    *out_outcome = LANYARD_OUTCOME_REPLACED;
  else
    *out_outcome = LANYARD_OUTCOME_CHECKED_IN; /* resolved; the rules decide the rest */
  return g_steal_pointer (&attendee);
}

static gboolean
is_session_faculty (const LanyardSession *session,
                    const char           *ticket_code)
{
  for (guint i = 0; ticket_code != NULL && i < session->faculty->len; i++)
    {
      const LanyardFaculty *f = g_ptr_array_index (session->faculty, i);

      if (g_strcmp0 (f->ticket_code, ticket_code) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_session_staff (const LanyardSession  *session,
                  const LanyardAttendee *attendee)
{
  return attendee->role == LANYARD_ROLE_STAFF || is_session_faculty (session, attendee->ticket_code);
}

/* Who counts against a room's capacity: learners. Presenters and staff
 * are never shut out and never take a learner's seat; press as the event
 * decides. */
gboolean
lanyard_checkin_takes_seat (const LanyardSession *session,
                            const LanyardPolicy  *policy,
                            LanyardRole           role,
                            const char           *ticket_code)
{
  if (role == LANYARD_ROLE_FACULTY || role == LANYARD_ROLE_STAFF)
    return FALSE;
  if (role == LANYARD_ROLE_PRESS && !policy->press_takes_seat)
    return FALSE;
  return !is_session_faculty (session, ticket_code);
}

/* A back-dated scan (a paper sign-in sheet typed in later) must fall in
 * the event: not in the future beyond a little clock skew, and within its
 * dates, a day either side. */
#define BACK_DATED_SKEW_MINUTES 5

static GDateTime *
event_day (GTimeZone  *tz,
           const char *date,
           int         days)
{
  int y, m, d;
  g_autoptr(GDateTime) day = NULL;

  if (date == NULL || sscanf (date, "%d-%d-%d", &y, &m, &d) != 3 ||
      (day = g_date_time_new (tz, y, m, d, 0, 0, 0)) == NULL)
    return NULL;
  return g_date_time_add_days (day, days);
}

gboolean
lanyard_checkin_check_back_dated (const LanyardEvent  *event,
                                  gint64               at,
                                  gint64               now,
                                  GError             **error)
{
  g_autoptr(GTimeZone) tz = event->time_zone ? g_time_zone_new_identifier (event->time_zone) : NULL;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) after = NULL;
  const char *first_date = event->start_date ? event->start_date : event->end_date;
  const char *last_date = event->end_date ? event->end_date : event->start_date;

  if (at > now + BACK_DATED_SKEW_MINUTES * USEC_PER_MINUTE)
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA,
                           _("That time is in the future. A back-dated scan is for a time that has passed."));
      return FALSE;
    }
  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  first = event_day (tz, first_date, -1);
  after = event_day (tz, last_date, 2);
  if ((first != NULL && at < g_date_time_to_unix (first) * G_USEC_PER_SEC) ||
      (after != NULL && at >= g_date_time_to_unix (after) * G_USEC_PER_SEC))
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA,
                   /* Translators: the event's first and last dates, YYYY-MM-DD */
                   _("That time is outside the event (%s to %s, a day either side)."),
                   first_date, last_date);
      return FALSE;
    }
  return TRUE;
}

static gboolean
gather_and_log (LanyardStore                *store,
                const LanyardEvent          *event,
                const LanyardCheckinRequest *request,
                LanyardOutcome               resolved_outcome,
                LanyardCheckinResult        *result,
                GError                     **error)
{
  LanyardCheckinFacts facts = { 0 };
  const LanyardSession *session = NULL;
  LanyardAttendee *attendee = result->attendee;
  g_autoptr(LanyardScan) scan = NULL;
  LanyardScanKind kind;

  facts.action = request->action;
  facts.now = result->at;
  facts.resolved = attendee != NULL;
  facts.replaced = resolved_outcome == LANYARD_OUTCOME_REPLACED;
  facts.entry_window_minutes = event->policy.entry_window_minutes;
  facts.repeat_seconds = event->policy.repeat_seconds;
  facts.require_check_in = event->policy.doors_require_check_in;

  if (request->session_id != NULL)
    session = lanyard_event_find_session (event, request->session_id);
  if (session != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      facts.has_session = TRUE;
      facts.starts_at = session->starts_at;
      facts.ends_at = session->ends_at;
      facts.ticketed = session->ticketed;
      facts.capacity = session->capacity;
      facts.inside = lanyard_store_count_inside (store, session, &event->policy, result->at, &local_error);
      if (facts.inside < 0)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      result->capacity = session->capacity;
    }

  if (attendee != NULL)
    {
      g_autoptr(LanyardScan) first = NULL;
      g_autoptr(LanyardScan) printed = NULL;

      facts.status = attendee->status;
      facts.missing_required_id = lanyard_checkin_needs_desk (event, attendee);
      first = lanyard_store_last_scan (store, attendee->id, LANYARD_SCAN_CHECK_IN, TRUE, NULL);
      if (first != NULL)
        {
          facts.checked_in = TRUE;
          result->previous_at = first->at;
          result->previous_device = g_strdup (first->device);
        }
      printed = lanyard_store_last_scan (store, attendee->id, LANYARD_SCAN_BADGE_PRINTED, TRUE, NULL);
      if (printed != NULL)
        {
          result->badge_printed_at = printed->at;
          result->badge_printed_device = g_strdup (printed->device);
        }
      if (session != NULL)
        {
          facts.registered = !session->ticketed ||
                             lanyard_store_is_registered (store, attendee->id, session->id) ||
                             is_session_staff (session, attendee);
          /* Judged at the scan's own time: a back-dated scan against
           * where the learner was then. Nobody is inside a session that
           * has ended, but someone leaving late was inside when it ended:
           * an exit (or a toggle) is judged there, so they are let out. */
          gint64 judged_at = request->action == LANYARD_CHECKIN_SESSION_ENTRY
                             ? result->at : MIN (result->at, session->ends_at - 1);

          facts.is_inside = lanyard_store_is_inside (store, attendee->id, session, judged_at, &facts.entered_at);
          facts.exempt_from_capacity = !lanyard_checkin_takes_seat (session, &event->policy, attendee->role,
                                                                    attendee->ticket_code);
        }
    }

  result->outcome = lanyard_checkin_decide (&facts, &kind);
  result->kind = kind;
  result->inside = facts.inside;
  result->exit_refusal = LANYARD_OUTCOME_EXITED;
  if (result->outcome == LANYARD_OUTCOME_ENTERED && !facts.exempt_from_capacity)
    result->inside++;
  else if (result->outcome == LANYARD_OUTCOME_EXITED)
    {
      if (facts.replaced)
        result->exit_refusal = LANYARD_OUTCOME_REPLACED;
      else if (facts.status == LANYARD_STATUS_CANCELLED)
        result->exit_refusal = LANYARD_OUTCOME_CANCELLED;
      if (!facts.exempt_from_capacity)
        result->inside = MAX (0, result->inside - 1);
      result->minutes = (int) ((MIN (result->at, facts.ends_at) - MAX (facts.entered_at, facts.starts_at)) / USEC_PER_MINUTE);
      result->minutes = MAX (0, result->minutes);
    }

  if (request->dry_run)
    return TRUE;

  scan = lanyard_scan_new ();
  scan->device = g_strdup (request->device ? request->device : g_get_host_name ());
  scan->at = result->at;
  scan->attendee_id = attendee ? attendee->id : 0;
  scan->session_id = g_strdup (request->session_id);
  scan->kind = kind;
  scan->outcome = result->outcome;
  if (result->exit_refusal != LANYARD_OUTCOME_EXITED)
    scan->detail = g_strdup (lanyard_outcome_to_string (result->exit_refusal));
  if (!lanyard_store_append_scan (store, scan, error))
    return FALSE;
  result->scan_uuid = g_strdup (scan->uuid);
  return TRUE;
}

LanyardCheckinResult *
lanyard_checkin_perform (LanyardStore                *store,
                         const LanyardEvent          *event,
                         const LanyardBadgeKeys      *keys,
                         const guint8                *code,
                         gsize                        len,
                         const LanyardCheckinRequest *request,
                         GError                     **error)
{
  g_autoptr(LanyardCheckinResult) result = g_new0 (LanyardCheckinResult, 1);
  LanyardOutcome resolved = LANYARD_OUTCOME_UNKNOWN;

  g_return_val_if_fail (store != NULL && event != NULL && request != NULL, NULL);

  result->at = request->at ? request->at : g_get_real_time ();
  result->session_id = g_strdup (request->session_id);

  /* One transaction: the facts and the scan they decide are consistent
   * even with a second device writing to the same file. */
  if (!lanyard_store_begin (store, error))
    return NULL;
  result->attendee = lanyard_checkin_resolve (store, event, keys, code, len, &resolved, error);
  if (result->attendee == NULL && error != NULL && *error != NULL)
    {
      lanyard_store_rollback (store);
      return NULL;
    }
  if (!gather_and_log (store, event, request, resolved, result, error) ||
      !lanyard_store_commit (store, error))
    {
      lanyard_store_rollback (store);
      return NULL;
    }
  return g_steal_pointer (&result);
}

/* ACCME Standard 3: disclosure must reach learners before the activity,
 * and the provider keeps a record of what was shown, where and when. */
gboolean
lanyard_checkin_log_disclosure (LanyardStore          *store,
                                const LanyardSession  *session,
                                const char            *device,
                                gint64                 at,
                                GError               **error)
{
  g_autoptr(LanyardScan) scan = lanyard_scan_new ();

  scan->device = g_strdup (device ? device : g_get_host_name ());
  scan->at = at ? at : g_get_real_time ();
  scan->session_id = g_strdup (session->id);
  scan->kind = LANYARD_SCAN_DISCLOSURE_SHOWN;
  scan->outcome = LANYARD_OUTCOME_SHOWN;
  scan->detail = g_compute_checksum_for_string (G_CHECKSUM_SHA256, session->disclosure ? session->disclosure : "", -1);
  return lanyard_store_append_scan (store, scan, error);
}

static gboolean
append_badge_scan (LanyardStore     *store,
                   gint64            attendee_id,
                   LanyardScanKind   kind,
                   LanyardOutcome    outcome,
                   const char       *device,
                   const char       *detail,
                   GError          **error)
{
  g_autoptr(LanyardScan) scan = lanyard_scan_new ();

  scan->device = g_strdup (device ? device : g_get_host_name ());
  scan->at = g_get_real_time ();
  scan->attendee_id = attendee_id;
  scan->kind = kind;
  scan->outcome = outcome;
  scan->detail = g_strdup (detail);
  return lanyard_store_append_scan (store, scan, error);
}

gboolean
lanyard_checkin_record_badge_waiting (LanyardStore  *store,
                                      gint64         attendee_id,
                                      const char    *device,
                                      const char    *reason,
                                      GError       **error)
{
  return append_badge_scan (store, attendee_id, LANYARD_SCAN_BADGE_WAITING, LANYARD_OUTCOME_NEEDS_DESK,
                            device, reason, error);
}

const LanyardScan *
lanyard_checkin_find_waiting_badge (GPtrArray *scans)
{
  const LanyardScan *waiting = NULL;

  g_return_val_if_fail (scans != NULL, NULL);

  for (guint i = 0; i < scans->len; i++)
    {
      const LanyardScan *scan = g_ptr_array_index (scans, i);

      switch (scan->kind)
        {
        case LANYARD_SCAN_BADGE_WAITING:
          waiting = scan;
          break;
        case LANYARD_SCAN_BADGE_PRINTED:
        case LANYARD_SCAN_BADGE_REPRINTED:
        case LANYARD_SCAN_BADGE_CANCELLED:
          waiting = NULL;
          break;
        case LANYARD_SCAN_CHECK_IN:
        case LANYARD_SCAN_SESSION_ENTRY:
        case LANYARD_SCAN_SESSION_EXIT:
        case LANYARD_SCAN_CERTIFICATE_PRINTED:
        case LANYARD_SCAN_DISCLOSURE_SHOWN:
        default:
          break;
        }
    }
  return waiting;
}

gboolean
lanyard_checkin_cancel_waiting_badge (LanyardStore  *store,
                                      gint64         attendee_id,
                                      const char    *device,
                                      GError       **error)
{
  g_autoptr(GPtrArray) scans = lanyard_store_list_scans (store, attendee_id, error);

  if (scans == NULL)
    return FALSE;
  if (lanyard_checkin_find_waiting_badge (scans) == NULL)
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_NOT_FOUND, _("No badge is waiting for the printer."));
      return FALSE;
    }
  return append_badge_scan (store, attendee_id, LANYARD_SCAN_BADGE_CANCELLED, LANYARD_OUTCOME_CANCELLED,
                            device, NULL, error);
}

/* A printed badge or certificate, in the scan log: what the kiosk's
 * "already printed at 08:14 on kiosk 3" is read from. */
gboolean
lanyard_checkin_record_print (LanyardStore     *store,
                              gint64            attendee_id,
                              LanyardScanKind   kind,
                              const char       *device,
                              const char       *detail,
                              GError          **error)
{
  g_return_val_if_fail (kind == LANYARD_SCAN_BADGE_PRINTED ||
                        kind == LANYARD_SCAN_BADGE_REPRINTED ||
                        kind == LANYARD_SCAN_CERTIFICATE_PRINTED, FALSE);

  return append_badge_scan (store, attendee_id, kind, LANYARD_OUTCOME_PRINTED, device, detail, error);
}
