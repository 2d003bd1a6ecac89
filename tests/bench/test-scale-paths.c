/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fast paths of issue 14 give what the slow ones gave: on a smaller
 * generated meeting, `lanyardctl export attendance` (CSV and JSON) gives the
 * same bytes as the old export (kept here as the reference: each learner's
 * whole scan list, one JsonBuilder tree), and `stats` the same counts as
 * the old computation (every scan read, every timeline replayed).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lanyard-checkin.h"
#include "lanyard-cli.h"
#include "lanyard-credits.h"
#include "lanyard-csv-import.h"
#include "lanyard-event-import.h"
#include "lanyard-event-synth.h"
#include "lanyard-stats.h"

static const LanyardEventSynth spec = { 400, 4, 2, 6, 3, 7 };

typedef struct {
  char         *dir;
  char         *path;
  LanyardStore *store;
  LanyardEvent *event;
} Fixture;

/* The scans a generated meeting does not make: ties, refusals, exits from
 * elsewhere, entries that close another visit, a device's paper sheet. */
static void
add_oddities (Fixture *fx)
{
  const LanyardSession *s0 = g_ptr_array_index (fx->event->sessions, 0);
  const LanyardSession *s1 = g_ptr_array_index (fx->event->sessions, 1);
  const struct { gint64 attendee; const LanyardSession *session; LanyardScanKind kind; LanyardOutcome outcome;
                 gint64 offset_min; } rows[] = {
    { 2, s0, LANYARD_SCAN_SESSION_ENTRY, LANYARD_OUTCOME_ENTERED, 10 },
    { 2, s1, LANYARD_SCAN_SESSION_ENTRY, LANYARD_OUTCOME_ENTERED, 20 },      /* closes s0 */
    { 2, s0, LANYARD_SCAN_SESSION_EXIT, LANYARD_OUTCOME_EXITED, 25 },        /* says nothing */
    { 3, s0, LANYARD_SCAN_SESSION_ENTRY, LANYARD_OUTCOME_ENTERED, 10 },
    { 3, s0, LANYARD_SCAN_SESSION_EXIT, LANYARD_OUTCOME_EXITED, 10 },        /* a tie: recorded later */
    { 4, s0, LANYARD_SCAN_SESSION_EXIT, LANYARD_OUTCOME_NOT_INSIDE, 5 },
    { 4, s0, LANYARD_SCAN_SESSION_ENTRY, LANYARD_OUTCOME_FULL, 6 },
    { 4, s0, LANYARD_SCAN_SESSION_ENTRY, LANYARD_OUTCOME_ALREADY_INSIDE, 7 },
    { 5, s1, LANYARD_SCAN_SESSION_EXIT, LANYARD_OUTCOME_EXITED, 40 },        /* exit typed before its entry */
    { 5, s1, LANYARD_SCAN_SESSION_ENTRY, LANYARD_OUTCOME_ENTERED, 1 },
    { 6, s0, LANYARD_SCAN_CHECK_IN, LANYARD_OUTCOME_CHECKED_IN, -60 },      /* a second arrival */
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(LanyardScan) scan = lanyard_scan_new ();
      g_autoptr(GError) error = NULL;

      scan->device = g_strdup ("paper");
      scan->attendee_id = rows[i].attendee;
      scan->session_id = rows[i].kind == LANYARD_SCAN_CHECK_IN ? NULL : g_strdup (rows[i].session->id);
      scan->kind = rows[i].kind;
      scan->outcome = rows[i].outcome;
      scan->at = rows[i].session->starts_at + rows[i].offset_min * 60 * G_USEC_PER_SEC;
      g_assert_true (lanyard_store_append_scan (fx->store, scan, &error));
      g_assert_no_error (error);
    }
}

/* People who registered and never came (the generated event brings
 * everyone), one of them with a role and a profession nobody else has:
 * the counts of who arrived must not name them, not even as a 0. */
static void
add_no_shows (Fixture *fx)
{
  const struct { const char *ticket; const char *profession; LanyardRole role; } people[] = {
    { "NOSHOW-1", "physician", LANYARD_ROLE_ATTENDEE },
    { "NOSHOW-2", "nurse", LANYARD_ROLE_ATTENDEE },
    { "NOSHOW-3", "psychologist", LANYARD_ROLE_EXHIBITOR },
  };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(LanyardAttendee) a = lanyard_attendee_new ();
      g_autoptr(GError) error = NULL;

      a->ticket_code = g_strdup (people[i].ticket);
      a->first_name = g_strdup ("No");
      a->last_name = g_strdup ("Show");
      a->profession = g_strdup (people[i].profession);
      a->role = people[i].role;
      g_assert_true (lanyard_store_upsert_attendee (fx->store, a, NULL, NULL, &error));
      g_assert_no_error (error);
    }
}

/* A name and an affiliation with quotes, a backslash and a comma (the
 * store keeps no control characters in them: saving drops those). */
static void
add_odd_name (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardAttendee) a = lanyard_store_get_attendee (fx->store, 2, &error);

  g_assert_no_error (error);
  g_free (a->first_name);
  a->first_name = g_strdup ("Jo \"Q\" \\ \b\f\n\r\t\x01\x1e\x1f\x7f, é");
  g_free (a->affiliation);
  a->affiliation = g_strdup (a->first_name);
  g_assert_true (lanyard_store_update_attendee (fx->store, a, "test", &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *json = lanyard_event_synth_event_json (&spec);
  g_autofree char *csv = lanyard_event_synth_people_csv (&spec);
  g_autoptr(LanyardImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("lanyard-scale-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "event.db", NULL);
  fx->store = lanyard_store_open (fx->path, &error);
  g_assert_no_error (error);
  fx->event = lanyard_event_load_data (json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (lanyard_store_save_event (fx->store, fx->event, &error));
  report = lanyard_csv_import_data (fx->store, fx->event, csv, strlen (csv), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, spec.attendees);
  g_assert_cmpuint (lanyard_event_synth_write_scans (&spec, fx->store, fx->event, 500, NULL, NULL, &error), >, 1000);
  g_assert_no_error (error);
  add_oddities (fx);
  add_odd_name (fx);
  add_no_shows (fx);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&fx->store);
  g_clear_pointer (&fx->event, lanyard_event_unref);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (fx->path, suffixes[i], NULL);
      g_unlink (p);
    }
  g_rmdir (fx->dir);
  g_free (fx->path);
  g_free (fx->dir);
}

/* ---- the old paths, as they were before issue 14 ---- */

/* The old count_inside for every session at once: each learner's place
 * at `at` on their own timeline (the old one replayed the timeline of
 * everyone who ever entered, session by session; the same answer). */
static GHashTable *
reference_inside (const LanyardEvent *event,
                  GPtrArray          *attendees,
                  GPtrArray          *timelines,
                  gint64              at)
{
  GHashTable *inside = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < attendees->len; i++)
    {
      const LanyardAttendee *a = g_ptr_array_index (attendees, i);
      const char *place = lanyard_presence_place_at (g_ptr_array_index (timelines, i), at, NULL);
      const LanyardSession *session = place ? lanyard_event_find_session (event, place) : NULL;

      if (session != NULL && at < session->ends_at &&
          lanyard_checkin_takes_seat (session, &event->policy, a->role, a->ticket_code))
        g_hash_table_insert (inside, session->id,
                             GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (inside, session->id)) + 1));
    }
  return inside;
}

static void
reference_count (GHashTable *table,
                 const char *key)
{
  gpointer old = g_hash_table_lookup (table, key ? key : "");

  g_hash_table_insert (table, g_strdup (key ? key : ""), GINT_TO_POINTER (GPOINTER_TO_INT (old) + 1));
}

static LanyardStats *
reference_stats (LanyardStore       *store,
                 const LanyardEvent *event,
                 GPtrArray          *timelines,
                 gint64              now)
{
  LanyardStats *self = g_new0 (LanyardStats, 1);
  g_autoptr(GPtrArray) attendees = lanyard_store_list_attendees (store, NULL);
  g_autoptr(GPtrArray) scans = lanyard_store_list_scans (store, 0, NULL);
  g_autoptr(GHashTable) arrived = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) admitted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) g_hash_table_unref);
  g_autoptr(GHashTable) inside = reference_inside (event, attendees, timelines, now);

  self->by_role = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->by_profession = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->sessions = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < scans->len; i++)
    {
      LanyardScan *scan = g_ptr_array_index (scans, i);

      if (scan->kind == LANYARD_SCAN_CHECK_IN && scan->outcome == LANYARD_OUTCOME_CHECKED_IN)
        g_hash_table_add (arrived, &scan->attendee_id);
      else if (scan->kind == LANYARD_SCAN_SESSION_ENTRY && scan->outcome == LANYARD_OUTCOME_ENTERED &&
               scan->session_id != NULL)
        {
          GHashTable *people = g_hash_table_lookup (admitted, scan->session_id);

          if (people == NULL)
            {
              people = g_hash_table_new (g_int64_hash, g_int64_equal);
              g_hash_table_insert (admitted, g_strdup (scan->session_id), people);
            }
          g_hash_table_add (people, &scan->attendee_id);
        }
    }
  for (guint i = 0; i < attendees->len; i++)
    {
      const LanyardAttendee *a = g_ptr_array_index (attendees, i);

      if (a->status == LANYARD_STATUS_CANCELLED)
        {
          self->cancelled++;
          continue;
        }
      self->registered++;
      if (g_hash_table_contains (arrived, &a->id))
        {
          self->checked_in++;
          reference_count (self->by_role, lanyard_role_to_string (a->role));
          reference_count (self->by_profession, a->profession);
        }
    }
  for (guint i = 0; i < event->sessions->len; i++)
    {
      const LanyardSession *s = g_ptr_array_index (event->sessions, i);
      LanyardSessionCount *c = g_new0 (LanyardSessionCount, 1);
      GHashTable *people = g_hash_table_lookup (admitted, s->id);

      c->session = s;
      c->inside = GPOINTER_TO_INT (g_hash_table_lookup (inside, s->id));
      c->total = people != NULL ? (int) g_hash_table_size (people) : 0;
      g_ptr_array_add (self->sessions, c);
    }
  return self;
}

static void
csv_field (GString    *out,
           const char *value,
           gboolean    last)
{
  if (value == NULL)
    value = "";
  if (strpbrk (value, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, value);
  g_string_append (out, last ? "\r\n" : ",");
}

static void
person_fields (GString               *csv,
               const char            *record,
               const LanyardAttendee *a)
{
  csv_field (csv, record, FALSE);
  csv_field (csv, a->ticket_code, FALSE);
  csv_field (csv, a->first_name, FALSE);
  csv_field (csv, a->last_name, FALSE);
  csv_field (csv, a->credentials, FALSE);
  csv_field (csv, a->profession, FALSE);
}

static int
count_back_dated (GPtrArray  *scans,
                  const char *session_id)
{
  int n = 0;

  for (guint i = 0; i < scans->len; i++)
    {
      const LanyardScan *scan = g_ptr_array_index (scans, i);

      if (g_strcmp0 (scan->session_id, session_id) == 0 && scan->recorded_at - scan->at > 5 * 60 * G_USEC_PER_SEC)
        n++;
    }
  return n;
}

/* The export before issue 14, CSV or JSON. */
static char *
reference_export (LanyardStore       *store,
                  const LanyardEvent *event,
                  gboolean            json)
{
  g_autoptr(GPtrArray) attendees = lanyard_store_list_attendees (store, NULL);
  GString *csv = g_string_new (NULL);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonBuilder) totals = json_builder_new ();

  g_string_append (csv, "record,ticket_code,first_name,last_name,credentials,profession,session_id,session_title,"
                        "minutes,back_dated_scans");
  for (guint t = 0; t < event->credit_types->len; t++)
    g_string_append_printf (csv, ",%s", ((LanyardCreditType *) g_ptr_array_index (event->credit_types, t))->code);
  g_string_append (csv, "\r\n");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "event");
  json_builder_add_string_value (b, event->id);
  json_builder_set_member_name (b, "attendance");
  json_builder_begin_array (b);
  json_builder_begin_array (totals);

  for (guint i = 0; i < attendees->len; i++)
    {
      const LanyardAttendee *a = g_ptr_array_index (attendees, i);
      g_autoptr(GPtrArray) scans = lanyard_store_list_scans (store, a->id, NULL);
      g_autoptr(LanyardCreditReport) report = lanyard_credits_compute (event, a, scans, g_get_real_time ());
      g_autofree char *minutes = NULL;
      gint64 seconds = 0;

      if (report->sessions->len == 0)
        continue;
      for (guint s = 0; s < report->sessions->len; s++)
        {
          const LanyardSessionCredit *line = g_ptr_array_index (report->sessions, s);
          const LanyardSession *session = lanyard_event_find_session (event, line->session_id);
          g_autofree char *line_minutes = g_strdup_printf ("%d", line->minutes);
          int back_dated = count_back_dated (scans, line->session_id);
          g_autofree char *back_dated_text = g_strdup_printf ("%d", back_dated);

          seconds += line->presenter ? 0 : line->seconds;
          person_fields (csv, "session", a);
          csv_field (csv, line->session_id, FALSE);
          csv_field (csv, session ? session->title : "", FALSE);
          csv_field (csv, line_minutes, FALSE);
          csv_field (csv, back_dated_text, event->credit_types->len == 0);
          for (guint t = 0; t < event->credit_types->len; t++)
            csv_field (csv, "", t + 1 == event->credit_types->len);

          json_builder_begin_object (b);
          lanyard_cli_add_attendee_json (b, a);
          json_builder_set_member_name (b, "session_id");
          json_builder_add_string_value (b, line->session_id);
          json_builder_set_member_name (b, "minutes");
          json_builder_add_int_value (b, line->minutes);
          json_builder_set_member_name (b, "seconds");
          json_builder_add_int_value (b, line->seconds);
          json_builder_set_member_name (b, "back_dated_scans");
          json_builder_add_int_value (b, back_dated);
          json_builder_set_member_name (b, "presenter");
          json_builder_add_boolean_value (b, line->presenter);
          lanyard_cli_add_credits_json (b, "hours", line->credits);
          json_builder_end_object (b);
        }
      minutes = g_strdup_printf ("%" G_GINT64_FORMAT, seconds / 60);
      person_fields (csv, "total", a);
      csv_field (csv, "", FALSE);
      csv_field (csv, "", FALSE);
      csv_field (csv, minutes, FALSE);
      csv_field (csv, "", event->credit_types->len == 0);
      for (guint t = 0; t < event->credit_types->len; t++)
        {
          const LanyardCreditType *type = g_ptr_array_index (event->credit_types, t);
          g_autofree char *text = NULL;

          if (lanyard_credit_type_applies (type, a->profession))
            text = g_strdup_printf ("%.2f", lanyard_credit_report_get_total (report, type->code));
          csv_field (csv, text, t + 1 == event->credit_types->len);
        }
      json_builder_begin_object (totals);
      lanyard_cli_add_attendee_json (totals, a);
      json_builder_set_member_name (totals, "minutes");
      json_builder_add_int_value (totals, seconds / 60);
      lanyard_cli_add_credits_json (totals, "credits", report->totals);
      json_builder_end_object (totals);
    }
  json_builder_end_array (b);
  json_builder_end_array (totals);
  json_builder_set_member_name (b, "totals");
  json_builder_add_value (b, json_builder_get_root (totals));
  json_builder_end_object (b);

  if (json)
    {
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = json_builder_get_root (b);
      g_autofree char *text = NULL;

      json_generator_set_root (gen, root);
      json_generator_set_pretty (gen, TRUE);
      text = json_generator_to_data (gen, NULL);
      g_string_assign (csv, text);
      g_string_append_c (csv, '\n');
    }
  return g_string_free (csv, FALSE);
}

/* ---- the tests ---- */

static char *
run_export (Fixture    *fx,
            const char *format)
{
  g_autofree char *out_path = g_build_filename (fx->dir, format, NULL);
  g_autofree char *format_arg = g_strconcat ("--format=", format, NULL);
  const char *argv[] = { g_getenv ("LANYARDCTL"), "export", format_arg, "attendance", "-o", out_path, NULL };
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "LANYARD_DB", fx->path, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *text = NULL;
  int status;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_true (g_file_get_contents (out_path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

static void
test_export_same_bytes (Fixture       *fx,
                        gconstpointer  data)
{
  const char *formats[] = { "csv", "json" };

  g_clear_object (&fx->store); /* the export opens the file itself */
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *fast = run_export (fx, formats[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(LanyardStore) store = lanyard_store_open (fx->path, &error);
      g_autofree char *slow = reference_export (store, fx->event, i == 1);

      g_test_message ("%s: %zu bytes", formats[i], strlen (slow));
      g_assert_cmpuint (strlen (slow), >, 10000);
      if (strcmp (fast, slow) != 0)
        {
          gsize at = 0;

          while (fast[at] == slow[at])
            at++;
          at = at > 200 ? at - 200 : 0;
          g_test_message ("%s differs from byte %zu:\n%.400s\n--- the old export:\n%.400s", formats[i], at,
                          fast + MIN (at, strlen (fast)), slow + at);
          g_test_fail ();
        }
    }
}

static void
assert_same_counts (GHashTable *fast,
                    GHashTable *slow)
{
  g_autoptr(GList) keys = lanyard_stats_sorted_keys (slow);

  g_assert_cmpuint (g_hash_table_size (fast), ==, g_hash_table_size (slow));
  for (GList *l = keys; l; l = l->next)
    g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (fast, l->data)), ==,
                     GPOINTER_TO_INT (g_hash_table_lookup (slow, l->data)));
}

/* At the start, in the middle and after the end of every slot, and of
 * the oddities' sessions minute by minute. */
static void
test_stats_same_counts (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  const LanyardSession *s0 = g_ptr_array_index (fx->event->sessions, 0);
  g_autoptr(GPtrArray) attendees = lanyard_store_list_attendees (fx->store, NULL);
  g_autoptr(GPtrArray) timelines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  guint inside = 0;

  for (guint i = 0; i < attendees->len; i++)
    g_ptr_array_add (timelines, lanyard_store_list_scans (fx->store, ((LanyardAttendee *) attendees->pdata[i])->id, NULL));

  for (guint i = 0; i < fx->event->sessions->len; i += spec.rooms)
    {
      const LanyardSession *s = g_ptr_array_index (fx->event->sessions, i);
      gint64 t[] = { s->starts_at - 1, s->starts_at, (s->starts_at + s->ends_at) / 2, s->ends_at - 1, s->ends_at };

      g_array_append_vals (times, t, G_N_ELEMENTS (t));
    }
  for (gint64 m = 0; m <= 45; m++)
    {
      gint64 t = s0->starts_at + m * 60 * G_USEC_PER_SEC;

      g_array_append_val (times, t);
    }

  for (guint i = 0; i < times->len; i++)
    {
      gint64 now = g_array_index (times, gint64, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(LanyardStats) fast = lanyard_stats_compute_at (fx->store, fx->event, now, &error);
      g_autoptr(LanyardStats) slow = reference_stats (fx->store, fx->event, timelines, now);

      g_assert_no_error (error);
      g_assert_cmpuint (fast->registered, ==, slow->registered);
      g_assert_cmpuint (fast->cancelled, ==, slow->cancelled);
      g_assert_cmpuint (fast->checked_in, ==, slow->checked_in);
      g_assert_cmpuint (slow->cancelled, >, 0);
      g_assert_cmpuint (slow->checked_in, <, slow->registered); /* the no-shows */
      assert_same_counts (fast->by_role, slow->by_role);
      assert_same_counts (fast->by_profession, slow->by_profession);
      g_assert_cmpuint (fast->sessions->len, ==, slow->sessions->len);
      for (guint s = 0; s < slow->sessions->len; s++)
        {
          const LanyardSessionCount *f = g_ptr_array_index (fast->sessions, s);
          const LanyardSessionCount *r = g_ptr_array_index (slow->sessions, s);

          g_assert_cmpstr (f->session->id, ==, r->session->id);
          g_assert_cmpint (f->total, ==, r->total);
          g_assert_cmpint (f->inside, ==, r->inside);
          inside += r->inside;
        }
    }
  g_assert_cmpuint (inside, >, 1000); /* the times saw people inside */
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/scale/export-same-bytes", Fixture, NULL, fixture_set_up, test_export_same_bytes, fixture_tear_down);
  g_test_add ("/scale/stats-same-counts", Fixture, NULL, fixture_set_up, test_stats_same_counts, fixture_tear_down);
  return g_test_run ();
}
