/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lanyard-credits.h"

/* Full attendance allows a few minutes for the queue at the door: a learner
 * scanned in within this many minutes of the start (and out within as many
 * of the end) attended the whole session. */
#define FULL_ATTENDANCE_TOLERANCE_MINUTES 5

#define USEC_PER_MINUTE (G_USEC_PER_SEC * (gint64) 60)

typedef struct {
  const LanyardSession *session;
  gint64                start;
  gint64                end;
} Interval;

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

/* AMA PRA: "rounded to the nearest quarter hour". Minutes are whole, so a
 * quarter step (15 minutes) never ties; other steps round half up. */
double
lanyard_credits_round_quarter (double minutes,
                               double step)
{
  if (step <= 0)
    step = 0.25;
  return floor (minutes / 60.0 / step + 0.5) * step;
}

gboolean
lanyard_credit_type_applies (const LanyardCreditType *type,
                             const char              *profession)
{
  if (type->professions == NULL || type->professions[0] == NULL)
    return TRUE;
  return profession != NULL && g_strv_contains ((const char * const *) type->professions, profession);
}

static int
compare_scans_by_time (gconstpointer a,
                       gconstpointer b)
{
  const LanyardScan *sa = *(LanyardScan **) a;
  const LanyardScan *sb = *(LanyardScan **) b;

  return (sa->at > sb->at) - (sa->at < sb->at);
}

static int
compare_intervals (gconstpointer a,
                   gconstpointer b)
{
  const Interval *ia = a;
  const Interval *ib = b;

  return (ia->start > ib->start) - (ia->start < ib->start);
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

static void
add_interval (GArray               *intervals,
              const LanyardSession *session,
              gint64                start,
              gint64                end)
{
  Interval iv;

  /* Breaks, early arrival and lingering afterwards are not the activity. */
  start = MAX (start, session->starts_at);
  end = MIN (end, session->ends_at);
  if (end <= start)
    return;
  iv.session = session;
  iv.start = start;
  iv.end = end;
  g_array_append_val (intervals, iv);
}

/* Pairs one session's scans (already in time order) into intervals. */
static void
pair_session_scans (const LanyardEvent   *event,
                    const LanyardSession *session,
                    GPtrArray            *scans,
                    gint64                now,
                    GArray               *intervals,
                    gboolean             *out_dropped_open)
{
  gint64 open = -1;

  for (guint i = 0; i < scans->len; i++)
    {
      const LanyardScan *scan = g_ptr_array_index (scans, i);

      if (g_strcmp0 (scan->session_id, session->id) != 0)
        continue;

      if (scan->kind == LANYARD_SCAN_SESSION_ENTRY)
        {
          /* A second entry without an exit is a repeat of the first. */
          if (open < 0)
            open = scan->at;
        }
      else if (open >= 0)
        {
          add_interval (intervals, session, open, scan->at);
          open = -1;
        }
      /* An exit without an entry says nothing about time present. */
    }

  if (open >= 0)
    {
      if (event->policy.missing_exit == LANYARD_MISSING_EXIT_COUNT_TO_END)
        add_interval (intervals, session, open, MIN (session->ends_at, MAX (now, open)));
      else
        *out_dropped_open = TRUE;
    }
}

LanyardCreditReport *
lanyard_credits_compute (const LanyardEvent    *event,
                         const LanyardAttendee *attendee,
                         GPtrArray             *scans,
                         gint64                 now)
{
  g_autoptr(GPtrArray) accepted = g_ptr_array_new ();
  g_autoptr(GArray) intervals = g_array_new (FALSE, FALSE, sizeof (Interval));
  g_autofree gint64 *counted_us = NULL;
  g_autofree gboolean *dropped_open = NULL;
  g_autofree double *totals = NULL;
  LanyardCreditReport *report;
  gint64 covered_until = G_MININT64;
  guint n_sessions = event->sessions->len;
  guint n_types = event->credit_types->len;

  g_return_val_if_fail (event != NULL, NULL);
  g_return_val_if_fail (attendee != NULL, NULL);

  report = g_new0 (LanyardCreditReport, 1);
  report->sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) lanyard_session_credit_free);
  report->totals = g_ptr_array_new_with_free_func ((GDestroyNotify) lanyard_credit_amount_free);

  counted_us = g_new0 (gint64, n_sessions);
  dropped_open = g_new0 (gboolean, n_sessions);
  totals = g_new0 (double, n_types);

  for (guint i = 0; scans != NULL && i < scans->len; i++)
    {
      LanyardScan *scan = g_ptr_array_index (scans, i);

      if ((scan->kind == LANYARD_SCAN_SESSION_ENTRY && scan->outcome == LANYARD_OUTCOME_ENTERED) ||
          (scan->kind == LANYARD_SCAN_SESSION_EXIT && scan->outcome == LANYARD_OUTCOME_EXITED))
        g_ptr_array_add (accepted, scan);
    }
  g_ptr_array_sort (accepted, compare_scans_by_time);

  for (guint s = 0; s < n_sessions; s++)
    pair_session_scans (event, g_ptr_array_index (event->sessions, s), accepted, now,
                        intervals, &dropped_open[s]);

  /* Concurrent sessions count once: walk the intervals in the order they
   * began and count only time nobody has counted yet, so overlapping time
   * belongs to the session entered first. */
  g_array_sort (intervals, compare_intervals);
  for (guint i = 0; i < intervals->len; i++)
    {
      const Interval *iv = &g_array_index (intervals, Interval, i);
      gint64 start = MAX (iv->start, covered_until);

      if (iv->end > start)
        {
          guint s;

          for (s = 0; s < n_sessions; s++)
            if (g_ptr_array_index (event->sessions, s) == iv->session)
              break;
          counted_us[s] += iv->end - start;
        }
      covered_until = MAX (covered_until, iv->end);
    }

  for (guint s = 0; s < n_sessions; s++)
    {
      const LanyardSession *session = g_ptr_array_index (event->sessions, s);
      g_autoptr(LanyardSessionCredit) line = NULL;
      int session_minutes = (int) ((session->ends_at - session->starts_at) / USEC_PER_MINUTE);

      if (counted_us[s] == 0 && !dropped_open[s])
        continue;

      line = g_new0 (LanyardSessionCredit, 1);
      line->session_id = g_strdup (session->id);
      line->minutes = (int) (counted_us[s] / USEC_PER_MINUTE);
      line->credits = g_ptr_array_new_with_free_func ((GDestroyNotify) lanyard_credit_amount_free);
      line->presenter = is_presenter (session, attendee);

      if (line->presenter)
        line->note = g_strdup (_("Presenter of this session: no learner credit"));
      else if (dropped_open[s] && line->minutes == 0)
        line->note = g_strdup (_("No exit scan: the event counts no credit without one"));
      else if (line->minutes < event->policy.min_minutes)
        line->note = g_strdup_printf (_("Fewer than the %d minutes the event requires"),
                                      event->policy.min_minutes);
      else
        {
          for (guint t = 0; t < n_types; t++)
            {
              const LanyardCreditType *type = g_ptr_array_index (event->credit_types, t);
              double designated = lanyard_session_get_credits (session, type->code);
              double amount;

              if (designated <= 0 || !lanyard_credit_type_applies (type, attendee->profession))
                continue;

              if (type->full_attendance_required)
                amount = line->minutes + FULL_ATTENDANCE_TOLERANCE_MINUTES >= session_minutes
                         ? designated : 0.0;
              else
                amount = MIN (lanyard_credits_round_quarter (line->minutes, type->step), designated);

              if (amount <= 0)
                {
                  if (type->full_attendance_required && line->note == NULL)
                    line->note = g_strdup_printf (_("%s requires the whole session"), type->label);
                  continue;
                }
              totals[t] += amount;
              g_ptr_array_add (line->credits, lanyard_credit_amount_new (type->code, amount));
            }
        }

      g_ptr_array_add (report->sessions, g_steal_pointer (&line));
    }

  for (guint t = 0; t < n_types; t++)
    {
      const LanyardCreditType *type = g_ptr_array_index (event->credit_types, t);
      double total = totals[t];

      if (!lanyard_credit_type_applies (type, attendee->profession))
        continue;
      if (type->max_credits > 0)
        total = MIN (total, type->max_credits);
      g_ptr_array_add (report->totals, lanyard_credit_amount_new (type->code, total));
    }

  return report;
}
