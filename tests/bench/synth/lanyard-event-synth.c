/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "lanyard-checkin.h"
#include "lanyard-event-synth.h"

#define FIRST_DAY "2026-11-09"
#define USEC_PER_MINUTE ((gint64) 60 * G_USEC_PER_SEC)

static const char *firsts[] = { "James", "Mary", "José", "Siobhán", "Jürgen", "Hélène", "小明", "محمد", "Anna", "Chinedu",
                                "Priya", "Łukasz", "Çağla", "Δημήτρης", "Wei", "Fatima", "Olivia", "Noah", "Sofía", "Ama" };
static const char *lasts[] = { "Smith", "Johnson", "Muñoz", "O'Brien", "Müller", "Lefèvre", "王", "الحسن", "Kowalski", "Okonkwo",
                               "Iyer", "Wójcik", "Yıldız", "Παπαδόπουλος", "Chen", "Haddad", "García-López", "Nguyen", "Brown", "Mensah" };
static const char *professions[] = { "physician", "physician", "physician", "nurse", "nurse", "pharmacist", "physician", "other" };

guint
lanyard_event_synth_n_sessions (const LanyardEventSynth *spec)
{
  return spec->rooms * spec->days * spec->slots;
}

char *
lanyard_event_synth_ticket (guint i)
{
  return g_strdup_printf ("SC-%07u", i);
}

static gint64
day_start (guint day)
{
  g_autoptr(GDateTime) first = g_date_time_new_utc (2026, 11, 9, 8, 0, 0);

  return g_date_time_to_unix (first) * G_USEC_PER_SEC + (gint64) day * 24 * 60 * USEC_PER_MINUTE;
}

static gint64
slot_start (guint day,
            guint slot)
{
  return day_start (day) + (gint64) slot * 60 * USEC_PER_MINUTE;
}

static char *
session_id (guint day,
            guint room,
            guint slot)
{
  return g_strdup_printf ("D%u-R%02u-S%02u", day + 1, room + 1, slot + 1);
}

static char *
iso (gint64 usec)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return g_date_time_format (t, "%Y-%m-%dT%H:%M:%SZ");
}

char *
lanyard_event_synth_event_json (const LanyardEventSynth *spec)
{
  GString *json = g_string_new (NULL);
  g_autoptr(GDateTime) last = g_date_time_new_utc (2026, 11, 9 + (int) spec->days - 1, 0, 0, 0);
  g_autofree char *end_date = g_date_time_format (last, "%Y-%m-%d");
  gboolean first = TRUE;

  g_string_append_printf (json,
      "{ \"id\": \"SCALE-2026\", \"title\": \"The largest meeting\", \"venue\": \"Convention Center\","
      " \"start_date\": \"" FIRST_DAY "\", \"end_date\": \"%s\", \"time_zone\": \"UTC\","
      " \"provider\": \"Lakeshore Institute for Clinical Education\","
      " \"policy\": { \"missing_exit\": \"count_to_end\", \"min_minutes\": 15, \"entry_window_minutes\": 20,"
      "   \"repeat_seconds\": 60, \"verify_last4\": false, \"tap_to_print\": false },"
      " \"credit_types\": ["
      "  { \"code\": \"AMA_PRA_1\", \"label\": \"AMA PRA Category 1 Credit™\", \"step\": 0.25, \"max_credits\": 40.0,"
      "    \"professions\": [\"physician\"], \"evaluation_required\": false, \"full_attendance_required\": false },"
      "  { \"code\": \"ANCC\", \"label\": \"ANCC contact hours\", \"step\": 0.25, \"max_credits\": 40.0,"
      "    \"professions\": [\"nurse\"], \"evaluation_required\": false, \"full_attendance_required\": true } ],"
      " \"sessions\": [", end_date);
  for (guint d = 0; d < spec->days; d++)
    for (guint s = 0; s < spec->slots; s++)
      for (guint r = 0; r < spec->rooms; r++)
        {
          guint n = (d * spec->slots + s) * spec->rooms + r;
          g_autofree char *id = session_id (d, r, s);
          g_autofree char *start = iso (slot_start (d, s));
          g_autofree char *end = iso (slot_start (d, s) + 50 * USEC_PER_MINUTE);
          g_autofree char *faculty = lanyard_event_synth_ticket ((n * 37) % spec->attendees);

          g_string_append_printf (json,
              "%s{ \"id\": \"%s\", \"title\": \"Session %u, \\\"track\\\" %u, room %u\", \"room\": \"Room %u\","
              " \"start\": \"%s\", \"end\": \"%s\", \"capacity\": %u, \"ticketed\": false,"
              " \"credits\": { \"AMA_PRA_1\": 0.75, \"ANCC\": 0.75 },"
              " \"faculty\": [ { \"name\": \"Faculty %u\", \"ticket_code\": \"%s\" } ] }",
              first ? "" : ",", id, n + 1, s + 1, r + 1, r + 1, start, end, r < 4 ? 1200 : 0, n, faculty);
          first = FALSE;
        }
  g_string_append (json, "] }");
  return g_string_free (json, FALSE);
}

char *
lanyard_event_synth_people_csv (const LanyardEventSynth *spec)
{
  GString *csv = g_string_new ("ticket_code,first_name,last_name,credentials,profession,affiliation,email,role,status\n");
  g_autoptr(GRand) rand = g_rand_new_with_seed (spec->seed);

  for (guint i = 0; i < spec->attendees; i++)
    {
      g_autofree char *code = lanyard_event_synth_ticket (i);
      const char *profession = professions[g_rand_int_range (rand, 0, G_N_ELEMENTS (professions))];

      g_string_append_printf (csv, "%s,%s,%s,%s,%s,\"Hospital %u, Inc.\",p%u@example.org,%s,%s\n", code,
                              firsts[g_rand_int_range (rand, 0, G_N_ELEMENTS (firsts))],
                              lasts[g_rand_int_range (rand, 0, G_N_ELEMENTS (lasts))],
                              strcmp (profession, "physician") == 0 ? "MD" : "", profession,
                              g_rand_int_range (rand, 0, 400), i,
                              i % 97 == 5 ? "staff" : i % 61 == 3 ? "press" : "attendee",
                              i % 50 == 7 ? "cancelled" : "active");
    }
  return g_string_free (csv, FALSE);
}

gint64
lanyard_event_synth_busy_time (const LanyardEventSynth *spec)
{
  return slot_start (spec->days - 1, spec->slots / 2) + 25 * USEC_PER_MINUTE;
}

typedef struct {
  gint64 at;
  guint  attendee;
  guint  room;
  int    kind;   /* 0 entry, 1 repeated entry, 2 exit */
} Move;

static int
compare_moves (gconstpointer a,
               gconstpointer b)
{
  const Move *x = a, *y = b;

  return (x->at > y->at) - (x->at < y->at);
}

static gboolean
write_batch_end (LanyardStore         *store,
                 guint64              *written,
                 guint                 batch,
                 gboolean              last,
                 LanyardSynthProgress  progress,
                 gpointer              user_data,
                 GError              **error)
{
  if (!last && *written % batch != 0)
    return TRUE;
  if (!lanyard_store_commit (store, error))
    return FALSE;
  if (progress != NULL)
    progress (*written, user_data);
  return last || lanyard_store_begin (store, error);
}

guint64
lanyard_event_synth_write_scans (const LanyardEventSynth *spec,
                                 LanyardStore            *store,
                                 const LanyardEvent      *event,
                                 guint                    batch,
                                 LanyardSynthProgress     progress,
                                 gpointer                 user_data,
                                 GError                 **error)
{
  guint64 written = 0;

  /* Arrival: everyone at a kiosk on the first morning, the product's own
   * check-in, a thousand to a transaction. */
  for (guint i = 0; i < spec->attendees; i++)
    {
      g_autofree char *code = lanyard_event_synth_ticket (i);
      LanyardCheckinRequest request = { LANYARD_CHECKIN_EVENT, NULL, NULL, 0, FALSE };
      g_autoptr(LanyardCheckinResult) result = NULL;
      g_autofree char *device = g_strdup_printf ("kiosk-%u", i % 8);

      if (i % 1000 == 0 && !lanyard_store_begin (store, error))
        return 0;
      request.device = device;
      request.at = day_start (0) - 60 * USEC_PER_MINUTE + (gint64) (i % 3600) * (gint64) G_USEC_PER_SEC;
      result = lanyard_checkin_perform (store, event, NULL, (const guint8 *) code, strlen (code), &request, error);
      if (result == NULL)
        return 0;
      if ((i + 1) % 1000 == 0 || i + 1 == spec->attendees)
        if (!lanyard_store_commit (store, error))
          return 0;
    }

  if (!lanyard_store_begin (store, error))
    return 0;
  for (guint d = 0; d < spec->days; d++)
    for (guint s = 0; s < spec->slots; s++)
      {
        g_autoptr(GRand) rand = g_rand_new_with_seed (spec->seed + d * 1000 + s);
        g_autoptr(GArray) moves = g_array_new (FALSE, FALSE, sizeof (Move));
        gint64 start = slot_start (d, s), end = start + 50 * USEC_PER_MINUTE;

        for (guint a = 0; a < spec->attendees; a++)
          {
            Move m = { 0, a, (a * 31 + d * 17 + s * 5) % spec->rooms, 0 };
            guint luck = g_rand_int_range (rand, 0, 100);

            if ((a + d * 3 + s) % spec->slots >= spec->visits || a % 50 == 7)
              continue;
            m.at = start + g_rand_int_range (rand, -600, 300) * (gint64) G_USEC_PER_SEC;
            g_array_append_val (moves, m);
            if (luck < 2)
              {
                Move again = m;

                again.kind = 1;
                again.at += 90 * (gint64) G_USEC_PER_SEC;
                g_array_append_val (moves, again);
              }
            if (luck >= 97)
              continue; /* no exit scan */
            m.kind = 2;
            m.at = end + g_rand_int_range (rand, luck < 10 ? -1800 : -300, 300) * (gint64) G_USEC_PER_SEC;
            g_array_append_val (moves, m);
          }
        g_array_sort (moves, compare_moves);

        for (guint i = 0; i < moves->len; i++)
          {
            const Move *m = &g_array_index (moves, Move, i);
            g_autoptr(LanyardScan) scan = lanyard_scan_new ();

            scan->device = g_strdup_printf ("door-%02u", m->room + 1);
            scan->at = m->at;
            scan->attendee_id = m->attendee + 1; /* imported in order into an empty database */
            scan->session_id = session_id (d, m->room, s);
            scan->kind = m->kind == 2 ? LANYARD_SCAN_SESSION_EXIT : LANYARD_SCAN_SESSION_ENTRY;
            scan->outcome = m->kind == 0 ? LANYARD_OUTCOME_ENTERED
                            : m->kind == 1 ? LANYARD_OUTCOME_ALREADY_INSIDE : LANYARD_OUTCOME_EXITED;
            if (!lanyard_store_append_scan (store, scan, error))
              return 0;
            written++;
            if (!write_batch_end (store, &written, batch, FALSE, progress, user_data, error))
              return 0;
          }
      }
  if (!write_batch_end (store, &written, batch, TRUE, progress, user_data, error))
    return 0;
  return written;
}
