/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lanyardctl export attendance, stats: the CME office's reports.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "lanyard-cli.h"
#include "lanyard-stats.h"
#include "lanyard-credits.h"
#include "lanyard-csv-write.h"
#include "lanyard-error.h"

/* RFC 4180: quote a field when it holds a comma, quote or line break. */
static void
csv_field (GString    *out,
           const char *value,
           gboolean    last)
{
  lanyard_csv_write_field (out, value);
  g_string_append (out, last ? "\r\n" : ",");
}

static void
add_person_fields (GString               *csv,
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

/* Scans typed in later (a paper sign-in sheet), told apart from live ones
 * by when they were recorded. */
#define BACK_DATED_AFTER_US (5 * 60 * G_USEC_PER_SEC)

static int
count_back_dated (GPtrArray  *scans,
                  const char *session_id)
{
  int n = 0;

  for (guint i = 0; i < scans->len; i++)
    {
      const LanyardScan *scan = g_ptr_array_index (scans, i);

      if (g_strcmp0 (scan->session_id, session_id) == 0 && scan->recorded_at - scan->at > BACK_DATED_AFTER_US)
        n++;
    }
  return n;
}

int
lanyard_cli_cmd_export (LanyardCli  *cli,
                        int          argc,
                        char       **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv (default) or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("attendance — minutes and credits per attendee and session"));
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(LanyardEvent) event = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonBuilder) totals = NULL;
  gboolean json;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2 || g_strcmp0 (argv[1], "attendance") != 0)
    return lanyard_cli_usage (context, _("export knows one report: attendance"));
  if (format != NULL && g_strcmp0 (format, "csv") != 0 && g_strcmp0 (format, "json") != 0)
    return lanyard_cli_usage (context, _("--format is csv or json"));
  json = g_strcmp0 (format, "json") == 0;

  store = lanyard_cli_open_store (cli, &error);
  if (store == NULL || (event = lanyard_cli_load_event (store, &error)) == NULL ||
      (attendees = lanyard_store_list_attendees (store, &error)) == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));

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

  totals = json_builder_new ();
  json_builder_begin_array (totals);

  for (guint i = 0; i < attendees->len; i++)
    {
      const LanyardAttendee *a = g_ptr_array_index (attendees, i);
      g_autoptr(GPtrArray) scans = lanyard_store_list_scans (store, a->id, &error);
      g_autoptr(LanyardCreditReport) report = NULL;
      gint64 seconds = 0;

      if (scans == NULL)
        return lanyard_cli_fail (g_steal_pointer (&error));
      report = lanyard_credits_compute (event, a, scans, g_get_real_time ());
      if (report->sessions->len == 0)
        continue;

      for (guint s = 0; s < report->sessions->len; s++)
        {
          const LanyardSessionCredit *line = g_ptr_array_index (report->sessions, s);
          const LanyardSession *session = lanyard_event_find_session (event, line->session_id);
          g_autofree char *minutes = g_strdup_printf ("%d", line->minutes);
          int back_dated = count_back_dated (scans, line->session_id);
          g_autofree char *back_dated_text = g_strdup_printf ("%d", back_dated);

          seconds += line->presenter ? 0 : line->seconds;
          add_person_fields (csv, "session", a);
          csv_field (csv, line->session_id, FALSE);
          csv_field (csv, session ? session->title : "", FALSE);
          csv_field (csv, minutes, FALSE);
          csv_field (csv, back_dated_text, event->credit_types->len == 0);
          /* Credit is the learner's, per type, rounded once: in the total row. */
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

      /* The learner's total per credit type after rounding and the
       * activity's cap; blank for a type their profession cannot get. */
      {
        g_autofree char *minutes = g_strdup_printf ("%" G_GINT64_FORMAT, seconds / 60);

        add_person_fields (csv, "total", a);
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

  if (output != NULL)
    {
      if (!g_file_set_contents_full (output, csv->str, csv->len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
        return lanyard_cli_fail (g_steal_pointer (&error));
    }
  else
    fwrite (csv->str, 1, csv->len, stdout);
  return LANYARD_CLI_OK;
}

static void
add_counts (JsonBuilder *b,
            const char  *name,
            GHashTable  *table)
{
  g_autoptr(GList) keys = lanyard_stats_sorted_keys (table);

  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  for (GList *l = keys; l; l = l->next)
    {
      json_builder_set_member_name (b, l->data);
      json_builder_add_int_value (b, GPOINTER_TO_INT (g_hash_table_lookup (table, l->data)));
    }
  json_builder_end_object (b);
}

/* The last time a device's clock was seen stepping back (the store notes
 * it as "DEVICE\tMINUTES\tWHEN"). */
static void
print_clock_went_back (LanyardStore       *store,
                       const LanyardEvent *event,
                       JsonBuilder        *b)
{
  g_autofree char *meta = lanyard_store_get_meta (store, "clock_went_back");
  g_auto(GStrv) parts = meta != NULL ? g_strsplit (meta, "\t", 3) : NULL;
  g_autofree char *when = NULL;

  if (parts == NULL || g_strv_length (parts) != 3)
    return;
  when = lanyard_cli_format_time (g_ascii_strtoll (parts[2], NULL, 10), event->time_zone);
  if (b == NULL)
    {
      g_print (_("The clock of %s went back by %s minutes at %s: check the times of its scans since then.\n"),
               parts[0], parts[1], when);
      return;
    }
  json_builder_set_member_name (b, "clock_went_back");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "device");
  json_builder_add_string_value (b, parts[0]);
  json_builder_set_member_name (b, "minutes");
  json_builder_add_int_value (b, g_ascii_strtoll (parts[1], NULL, 10));
  json_builder_set_member_name (b, "at");
  json_builder_add_string_value (b, when);
  json_builder_end_object (b);
}

int
lanyard_cli_cmd_stats (LanyardCli  *cli,
                       int          argc,
                       char       **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— who is registered, who has arrived, who is inside"));
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(LanyardEvent) event = NULL;
  g_autoptr(LanyardStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return lanyard_cli_usage (context, _("stats takes no arguments"));

  store = lanyard_cli_open_store (cli, &error);
  if (store == NULL || (event = lanyard_cli_load_event (store, &error)) == NULL ||
      (stats = lanyard_stats_compute (store, event, &error)) == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "registered");
  json_builder_add_int_value (b, stats->registered);
  json_builder_set_member_name (b, "cancelled");
  json_builder_add_int_value (b, stats->cancelled);
  json_builder_set_member_name (b, "checked_in");
  json_builder_add_int_value (b, stats->checked_in);
  add_counts (b, "checked_in_by_role", stats->by_role);
  add_counts (b, "checked_in_by_profession", stats->by_profession);
  json_builder_set_member_name (b, "sessions");
  json_builder_begin_array (b);
  if (!json)
    g_print (_("Registered %u (and %u cancelled), checked in %u\n"), stats->registered, stats->cancelled, stats->checked_in);
  for (guint i = 0; i < stats->sessions->len; i++)
    {
      const LanyardSessionCount *c = g_ptr_array_index (stats->sessions, i);
      const LanyardSession *s = c->session;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, s->id);
      json_builder_set_member_name (b, "inside");
      json_builder_add_int_value (b, c->inside);
      json_builder_set_member_name (b, "total");
      json_builder_add_int_value (b, c->total);
      json_builder_set_member_name (b, "capacity");
      json_builder_add_int_value (b, s->capacity);
      json_builder_end_object (b);
      if (!json && c->total > 0 && s->capacity > 0)
        g_print (_("  %-4s inside %d / %d, came in %d  %s\n"), s->id, c->inside, s->capacity, c->total, s->title);
      else if (!json && c->total > 0)
        g_print (_("  %-4s inside %d, came in %d  %s\n"), s->id, c->inside, c->total, s->title);
    }
  json_builder_end_array (b);
  print_clock_went_back (store, event, json ? b : NULL);
  json_builder_end_object (b);
  if (json)
    lanyard_cli_print_json (b);
  return LANYARD_CLI_OK;
}
