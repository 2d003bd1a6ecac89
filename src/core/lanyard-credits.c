/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lanyard-credits.h"

/* Full attendance allows a few minutes for the queue at the door: at
 * each end (in within this many minutes of the start, out within as many
 * of the end), and for a step outside in the middle (no gap longer). */
#define FULL_ATTENDANCE_TOLERANCE_MINUTES 5

#define USEC_PER_MINUTE (G_USEC_PER_SEC * (gint64) 60)
#define USEC_PER_HOUR (USEC_PER_MINUTE * 60)

typedef struct {
  const LanyardScan *scan;
  guint              order; /* place in the list: the order it was recorded */
} TimedScan;

/* What one session's share of the timeline looks like. */
typedef struct {
  guint    session;      /* its place in the event's sessions */
  gint64   counted;      /* µs inside, clipped to the schedule */
  gint64   first_start;  /* of the counted time; -1 = none */
  gint64   last_end;
  gint64   longest_gap;  /* between two counted stretches */
  gboolean dropped_open; /* an open visit the policy does not count */
} SessionTime;

void
lanyard_session_credit_free (LanyardSessionCredit *self)
{
  if (self == NULL)
    return;
  g_free (self->session_id);
  g_clear_pointer (&self->credits, g_ptr_array_unref);
  g_free (self->note);
  g_free (self);
}

void
lanyard_credit_report_free (LanyardCreditReport *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_clear_pointer (&self->totals, g_ptr_array_unref);
  g_free (self);
}

double
lanyard_credit_report_get_total (const LanyardCreditReport *self,
                                 const char                *code)
{
  for (guint i = 0; i < self->totals->len; i++)
    {
      const LanyardCreditAmount *c = g_ptr_array_index (self->totals, i);

      if (g_strcmp0 (c->code, code) == 0)
        return c->amount;
    }
  return 0.0;
}

/* AMA PRA: "rounded to the nearest quarter hour". In whole microseconds,
 * so a sum of seconds rounds the same everywhere; a tie rounds up. */
double
lanyard_credits_round (gint64 usec,
                       double step)
{
  gint64 step_us;

  if (step <= 0)
    step = 0.25;
  step_us = (gint64) llround (step * USEC_PER_HOUR);
  if (usec <= 0 || step_us <= 0)
    return 0.0;
  return (double) ((2 * usec + step_us) / (2 * step_us)) * step;
}

gboolean
lanyard_credit_type_applies (const LanyardCreditType *type,
                             const char              *profession)
{
  /* CME.md: AMA PRA Category 1 Credit™ is a physician credit, whatever an
   * event file lists; other professions get documentation of participation. */
  if (g_strcmp0 (type->code, "AMA_PRA_1") == 0 && g_strcmp0 (profession, "physician") != 0)
    return FALSE;
  if (type->professions == NULL || type->professions[0] == NULL)
    return TRUE;
  return profession != NULL && g_strv_contains ((const char * const *) type->professions, profession);
}

LanyardPresenceMove
lanyard_scan_presence_move (const LanyardScan *scan)
{
  /* A refusal at the door that still says where the person was: an entry
   * while already inside is an entry, an exit of someone the log did not
   * have inside (a paper exit typed before its entry) is an exit. A repeat
   * on a toggle door (an exit scan answered "already inside") is neither. */
  if (scan->kind == LANYARD_SCAN_SESSION_ENTRY &&
      (scan->outcome == LANYARD_OUTCOME_ENTERED || scan->outcome == LANYARD_OUTCOME_ALREADY_INSIDE))
    return LANYARD_PRESENCE_ENTRY;
  if (scan->kind == LANYARD_SCAN_SESSION_EXIT &&
      (scan->outcome == LANYARD_OUTCOME_EXITED || scan->outcome == LANYARD_OUTCOME_NOT_INSIDE))
    return LANYARD_PRESENCE_EXIT;
  return LANYARD_PRESENCE_NONE;
}

static int
compare_timed_scans (gconstpointer a,
                     gconstpointer b)
{
  const TimedScan *ta = a;
  const TimedScan *tb = b;

  if (ta->scan->at != tb->scan->at)
    return ta->scan->at < tb->scan->at ? -1 : 1;
  return (ta->order > tb->order) - (ta->order < tb->order);
}

/* One learner's visits up to `until` (inclusive), from their scans in the
 * order they were recorded (any order of times). */
GArray *
lanyard_presence_visits (GPtrArray *scans,
                         gint64     until)
{
  g_autoptr(GArray) timed = g_array_new (FALSE, FALSE, sizeof (TimedScan));
  GArray *visits = g_array_new (FALSE, FALSE, sizeof (LanyardVisit));
  LanyardVisit *open = NULL;

  for (guint i = 0; scans != NULL && i < scans->len; i++)
    {
      TimedScan t = { g_ptr_array_index (scans, i), i };

      if (t.scan->at <= until && t.scan->session_id != NULL &&
          lanyard_scan_presence_move (t.scan) != LANYARD_PRESENCE_NONE)
        g_array_append_val (timed, t);
    }
  g_array_sort (timed, compare_timed_scans);

  for (guint i = 0; i < timed->len; i++)
    {
      const LanyardScan *scan = g_array_index (timed, TimedScan, i).scan;
      gboolean same = open != NULL && g_strcmp0 (open->session_id, scan->session_id) == 0;

      if (lanyard_scan_presence_move (scan) == LANYARD_PRESENCE_ENTRY)
        {
          LanyardVisit v = { scan->session_id, scan->at, G_MAXINT64 };

          if (same)
            continue; /* already there */
          if (open != NULL)
            open->end = scan->at; /* one place at a time */
          g_array_append_val (visits, v);
          open = &g_array_index (visits, LanyardVisit, visits->len - 1);
        }
      else if (same)
        {
          open->end = scan->at;
          open = NULL;
        }
      /* An exit from a room the learner was not in says nothing. */
    }
  return visits;
}

/* Where the learner was at `at` (after every scan up to then): the
 * session's id (borrowed from `scans`) and since when, or NULL. */
const char *
lanyard_presence_place_at (GPtrArray *scans,
                           gint64     at,
                           gint64    *out_since)
{
  g_autoptr(GArray) visits = lanyard_presence_visits (scans, at);
  const LanyardVisit *last;

  if (visits->len == 0)
    return NULL;
  last = &g_array_index (visits, LanyardVisit, visits->len - 1);
  if (last->end != G_MAXINT64)
    return NULL;
  if (out_since != NULL)
    *out_since = last->start;
  return last->session_id;
}

static gboolean
is_presenter (const LanyardSession  *session,
              const LanyardAttendee *attendee)
{
  if (attendee->ticket_code == NULL)
    return FALSE;
  for (guint i = 0; i < session->faculty->len; i++)
    {
      const LanyardFaculty *f = g_ptr_array_index (session->faculty, i);

      if (g_strcmp0 (f->ticket_code, attendee->ticket_code) == 0)
        return TRUE;
    }
  return FALSE;
}

GHashTable *
lanyard_credits_session_index_new (const LanyardEvent *event)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  /* The first of a repeated id, as the search below finds it. */
  for (guint s = event->sessions->len; s-- > 0;)
    g_hash_table_insert (index, ((LanyardSession *) g_ptr_array_index (event->sessions, s))->id,
                         GUINT_TO_POINTER (s + 1));
  return index;
}

static guint
session_index (const LanyardEvent *event,
               GHashTable         *index,
               const char         *session_id)
{
  guint s;

  if (index != NULL)
    {
      s = GPOINTER_TO_UINT (session_id ? g_hash_table_lookup (index, session_id) : NULL);
      return s > 0 ? s - 1 : event->sessions->len;
    }
  for (s = 0; s < event->sessions->len; s++)
    if (g_strcmp0 (((LanyardSession *) g_ptr_array_index (event->sessions, s))->id, session_id) == 0)
      break;
  return s;
}

/* Each session's share of the learner's timeline. */
static int
compare_session_times (gconstpointer a,
                       gconstpointer b)
{
  const SessionTime *x = a, *y = b;

  return (x->session > y->session) - (x->session < y->session);
}

/* The sessions the learner was in (a few of thousands), in the event's
 * order. */
static GArray *
session_times (const LanyardEvent *event,
               GHashTable         *index,
               GPtrArray          *scans,
               gint64              now)
{
  g_autoptr(GArray) visits = lanyard_presence_visits (scans, G_MAXINT64);
  GArray *times = g_array_new (FALSE, TRUE, sizeof (SessionTime));

  for (guint i = 0; i < visits->len; i++)
    {
      const LanyardVisit *v = &g_array_index (visits, LanyardVisit, i);
      guint s = session_index (event, index, v->session_id);
      const LanyardSession *session;
      SessionTime *t = NULL;
      gint64 start, end = v->end;

      if (s == event->sessions->len)
        continue; /* a session no longer in the event */
      session = g_ptr_array_index (event->sessions, s);
      for (guint k = 0; k < times->len && t == NULL; k++)
        if (g_array_index (times, SessionTime, k).session == s)
          t = &g_array_index (times, SessionTime, k);
      if (t == NULL)
        {
          SessionTime fresh = { s, 0, -1, 0, 0, FALSE };

          g_array_append_val (times, fresh);
          t = &g_array_index (times, SessionTime, times->len - 1);
        }
      if (end == G_MAXINT64)
        {
          if (event->policy.missing_exit != LANYARD_MISSING_EXIT_COUNT_TO_END)
            {
              t->dropped_open = TRUE;
              continue;
            }
          end = MAX (now, v->start);
        }

      /* Breaks, early arrival and lingering afterwards are not the activity. */
      start = MAX (v->start, session->starts_at);
      end = MIN (end, session->ends_at);
      if (end <= start)
        continue;
      if (t->first_start < 0)
        t->first_start = start;
      else
        t->longest_gap = MAX (t->longest_gap, start - t->last_end);
      t->last_end = end;
      t->counted += end - start;
    }
  g_array_sort (times, compare_session_times);
  return times;
}

static gboolean
attended_whole (const LanyardSession *session,
                const SessionTime    *t)
{
  gint64 tolerance = FULL_ATTENDANCE_TOLERANCE_MINUTES * USEC_PER_MINUTE;

  return t->first_start >= 0 &&
         t->first_start - session->starts_at <= tolerance &&
         session->ends_at - t->last_end <= tolerance &&
         t->longest_gap <= tolerance;
}

LanyardCreditReport *
lanyard_credits_compute (const LanyardEvent    *event,
                         const LanyardAttendee *attendee,
                         GPtrArray             *scans,
                         gint64                 now)
{
  return lanyard_credits_compute_indexed (event, NULL, attendee, scans, now);
}

LanyardCreditReport *
lanyard_credits_compute_indexed (const LanyardEvent    *event,
                                 GHashTable            *index,
                                 const LanyardAttendee *attendee,
                                 GPtrArray             *scans,
                                 gint64                 now)
{
  g_autoptr(GArray) times = NULL;
  g_autofree gint64 *type_usec = NULL;
  g_autofree double *type_rounded = NULL;
  LanyardCreditReport *report;
  gboolean per_session;
  guint n_types;

  g_return_val_if_fail (event != NULL, NULL);
  g_return_val_if_fail (attendee != NULL, NULL);

  n_types = event->credit_types->len;
  per_session = event->policy.rounding == LANYARD_ROUNDING_PER_SESSION;

  report = g_new0 (LanyardCreditReport, 1);
  report->sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) lanyard_session_credit_free);
  report->totals = g_ptr_array_new_with_free_func ((GDestroyNotify) lanyard_credit_amount_free);

  times = session_times (event, index, scans, now);
  type_usec = g_new0 (gint64, n_types);
  type_rounded = g_new0 (double, n_types);

  for (guint k = 0; k < times->len; k++)
    {
      const SessionTime *t = &g_array_index (times, SessionTime, k);
      const LanyardSession *session = g_ptr_array_index (event->sessions, t->session);
      g_autoptr(LanyardSessionCredit) line = NULL;

      if (t->counted == 0 && !t->dropped_open)
        continue;

      line = g_new0 (LanyardSessionCredit, 1);
      line->session_id = g_strdup (session->id);
      line->seconds = t->counted / G_USEC_PER_SEC;
      line->minutes = (int) (t->counted / USEC_PER_MINUTE);
      line->credits = g_ptr_array_new_with_free_func ((GDestroyNotify) lanyard_credit_amount_free);
      line->presenter = is_presenter (session, attendee);

      if (line->presenter)
        line->note = g_strdup (_("Presenter of this session: no learner credit"));
      else if (t->dropped_open && t->counted == 0)
        line->note = g_strdup (_("No exit scan: the event counts no credit without one"));
      else if (t->counted < event->policy.min_minutes * USEC_PER_MINUTE)
        line->note = g_strdup_printf (_("Fewer than the %d minutes the event requires"),
                                      event->policy.min_minutes);
      else
        {
          for (guint i = 0; i < n_types; i++)
            {
              const LanyardCreditType *type = g_ptr_array_index (event->credit_types, i);
              double designated = lanyard_session_get_credits (session, type->code);
              gint64 designated_us = (gint64) llround (designated * USEC_PER_HOUR);
              gint64 usec;
              double amount;

              if (designated <= 0 || !lanyard_credit_type_applies (type, attendee->profession))
                continue;

              if (!type->full_attendance_required)
                usec = MIN (t->counted, designated_us);
              else if (attended_whole (session, t))
                usec = designated_us;
              else
                {
                  if (line->note == NULL)
                    line->note = g_strdup_printf (_("%s requires the whole session"), type->label);
                  continue;
                }

              if (per_session)
                {
                  amount = MIN (lanyard_credits_round (usec, type->step), designated);
                  type_rounded[i] += amount;
                }
              else
                {
                  amount = (double) usec / USEC_PER_HOUR;
                  type_usec[i] += usec;
                }
              if (amount > 0)
                g_ptr_array_add (line->credits, lanyard_credit_amount_new (type->code, amount));
            }
        }

      g_ptr_array_add (report->sessions, g_steal_pointer (&line));
    }

  for (guint i = 0; i < n_types; i++)
    {
      const LanyardCreditType *type = g_ptr_array_index (event->credit_types, i);
      double total = per_session ? type_rounded[i] : lanyard_credits_round (type_usec[i], type->step);

      if (!lanyard_credit_type_applies (type, attendee->profession))
        continue;
      if (type->max_credits > 0)
        total = MIN (total, type->max_credits);
      g_ptr_array_add (report->totals, lanyard_credit_amount_new (type->code, total));
    }

  return report;
}
