/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lanyardctl import, lookup, search, checkin, credits: one attendee at a time.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lanyard-checkin.h"
#include "lanyard-cli.h"
#include "lanyard-credits.h"
#include "lanyard-csv-import.h"
#include "lanyard-error.h"

#define JSON_OPTION { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL }

/* The import options, shared with any command that imports registrations
 * (the hub's import too): add them to a context, read them into a
 * LanyardImportOptions, print the report the same way. */
void
lanyard_cli_import_args_add (GOptionContext       *context,
                             LanyardCliImportArgs *args)
{
  const GOptionEntry entries[] = {
    { "preset", 0, 0, G_OPTION_ARG_STRING, &args->preset,
      N_("Read a registration system's export: eventbrite, cvent or pretix"), N_("NAME") },
    { "mapping", 0, 0, G_OPTION_ARG_FILENAME, &args->mapping,
      N_("Map another export's column names and values (JSON); wins over a preset"), N_("M.json") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &args->dry_run,
      N_("Say what would be new, updated, cancelled and rejected; change nothing"), NULL },
    { "full", 0, 0, G_OPTION_ARG_NONE, &args->full,
      N_("The file is the whole list: name the registrations missing from it"), NULL },
    { "cancel-missing", 0, 0, G_OPTION_ARG_NONE, &args->cancel_missing,
      N_("With --full, cancel the registrations missing from the file (restore undoes it)"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

void
lanyard_cli_import_args_clear (LanyardCliImportArgs *args)
{
  g_clear_pointer (&args->preset, g_free);
  g_clear_pointer (&args->mapping, g_free);
}

void
lanyard_cli_import_args_to_options (const LanyardCliImportArgs *args,
                                    LanyardImportOptions       *options)
{
  *options = (LanyardImportOptions) {
    .preset = args->preset,
    .mapping_path = args->mapping,
    .dry_run = args->dry_run,
    .full = args->full,
    .cancel_missing = args->cancel_missing,
  };
}

void
lanyard_cli_print_import_report (const LanyardImportReport  *report,
                                 const LanyardImportOptions *options)
{
  if (report->dry_run)
    g_print (_("Dry run: nothing was written. The file would give:\n"));
  g_print (_("read %u rows: imported %u, updated %u, unchanged %u, rejected %u\n"),
           report->rows, report->imported, report->updated, report->unchanged, report->rejected);
  if (report->cancelled > 0 && report->dry_run)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u registration would be cancelled\n",
                          "%u registrations would be cancelled\n", report->cancelled), report->cancelled);
  else if (report->cancelled > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u registration cancelled\n",
                          "%u registrations cancelled\n", report->cancelled), report->cancelled);
  for (guint i = 0; i < report->rejections->len; i++)
    {
      const LanyardImportRejection *r = g_ptr_array_index (report->rejections, i);
      g_print (_("line %u: %s\n"), r->line, r->reason);
    }
  if (!options->full)
    return;
  if (report->missing->len == 0)
    {
      g_print (_("Every active registration is in the file.\n"));
      return;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u active registration is not in the file:\n",
                        "%u active registrations are not in the file:\n", report->missing->len),
           report->missing->len);
  for (guint i = 0; i < report->missing->len; i++)
    {
      const LanyardAttendee *a = g_ptr_array_index (report->missing, i);
      g_autofree char *name = lanyard_attendee_dup_display_name (a);

      g_print ("  %-20s %s\n", a->ticket_code, name);
    }
  if (!options->cancel_missing)
    g_print (_("They stay active. To cancel them, import again with --cancel-missing.\n"));
  else if (report->dry_run)
    g_print (_("They would be cancelled.\n"));
  else
    g_print (_("They are cancelled. To undo one: lanyardctl restore CODE\n"));
}

int
lanyard_cli_cmd_import (LanyardCli  *cli,
                        int          argc,
                        char       **argv)
{
  g_auto(LanyardCliImportArgs) args = { 0 };
  LanyardImportOptions options;
  g_autoptr(GOptionContext) context = g_option_context_new (_("REG.csv — import registrations"));
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(LanyardEvent) event = NULL;
  g_autoptr(LanyardImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  lanyard_cli_import_args_add (context, &args);
  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return lanyard_cli_usage (context, _("import needs one CSV file"));
  if (args.cancel_missing && !args.full)
    return lanyard_cli_usage (context, _("--cancel-missing needs --full"));

  store = lanyard_cli_open_store (cli, &error);
  if (store == NULL || (event = lanyard_cli_load_event (store, &error)) == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));
  lanyard_cli_import_args_to_options (&args, &options);
  report = lanyard_csv_import_file (store, event, argv[1], &options, &error);
  if (report == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));
  lanyard_cli_print_import_report (report, &options);
  return LANYARD_CLI_OK;
}

int
lanyard_cli_cmd_lookup (LanyardCli  *cli,
                        int          argc,
                        char       **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = { JSON_OPTION, { NULL } };
  g_autoptr(GOptionContext) context = g_option_context_new (_("CODE — resolve a ticket or badge code"));
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(LanyardEvent) event = NULL;
  g_autoptr(LanyardAttendee) a = NULL;
  g_autoptr(LanyardBadgeKeys) keys = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *badge_code = NULL;
  g_autofree char *name = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return lanyard_cli_usage (context, _("lookup needs one code"));

  store = lanyard_cli_open_store (cli, &error);
  if (store == NULL || (event = lanyard_cli_load_event (store, &error)) == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));

  keys = lanyard_badge_keys_load_for_store (store, NULL);
  {
    LanyardOutcome outcome = LANYARD_OUTCOME_UNKNOWN;

    a = lanyard_checkin_resolve (store, event, keys, (const guint8 *) argv[1], strlen (argv[1]), &outcome, &error);
    if (error != NULL)
      return lanyard_cli_fail (g_steal_pointer (&error));
    if (a == NULL || outcome == LANYARD_OUTCOME_REPLACED)
      {
        const char *word = a ? "replaced" : "unknown";

        if (json)
          {
            g_autoptr(JsonBuilder) b = json_builder_new ();
            json_builder_begin_object (b);
            json_builder_set_member_name (b, "outcome");
            json_builder_add_string_value (b, word);
            json_builder_end_object (b);
            lanyard_cli_print_json (b);
          }
        return lanyard_cli_failf ("%s", a ? _("replaced badge: a newer badge was printed for this person")
                                          : _("unknown code"));
      }
  }

  if (keys != NULL && keys->has_secret)
    badge_code = lanyard_badge_code_encode (keys, event->id, a->ticket_code, a->badge_version, NULL);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      lanyard_cli_add_attendee_json (b, a);
      json_builder_set_member_name (b, "email");
      json_builder_add_string_value (b, a->email ? a->email : "");
      json_builder_set_member_name (b, "badge_code");
      if (badge_code)
        json_builder_add_string_value (b, badge_code);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "sessions");
      json_builder_begin_array (b);
      for (guint i = 0; a->sessions && a->sessions[i]; i++)
        json_builder_add_string_value (b, a->sessions[i]);
      json_builder_end_array (b);
      json_builder_end_object (b);
      lanyard_cli_print_json (b);
      return LANYARD_CLI_OK;
    }

  name = lanyard_attendee_dup_display_name (a);
  g_print ("%s\n", name);
  g_print (_("  ticket       %s\n"), a->ticket_code);
  g_print (_("  affiliation  %s\n"), a->affiliation ? a->affiliation : "");
  g_print (_("  profession   %s\n"), a->profession ? a->profession : "");
  g_print (_("  role         %s\n"), lanyard_role_to_string (a->role));
  g_print (_("  status       %s\n"), lanyard_status_to_string (a->status));
  g_print (_("  badge        version %d%s%s\n"), a->badge_version, badge_code ? "  " : "", badge_code ? badge_code : "");
  return LANYARD_CLI_OK;
}

int
lanyard_cli_cmd_search (LanyardCli  *cli,
                        int          argc,
                        char       **argv)
{
  gboolean json = FALSE;
  int limit = 20;
  const GOptionEntry entries[] = {
    JSON_OPTION,
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most this many results (20)"), N_("N") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("TEXT — find attendees by name, affiliation, e-mail or code"));
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *text = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc < 2 || limit < 1)
    return lanyard_cli_usage (context, _("search needs some text"));
  text = g_strjoinv (" ", argv + 1);

  store = lanyard_cli_open_store (cli, &error);
  if (store == NULL || (hits = lanyard_store_search (store, text, limit, &error)) == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "results");
  json_builder_begin_array (b);
  for (guint i = 0; i < hits->len; i++)
    {
      const LanyardAttendee *a = g_ptr_array_index (hits, i);

      if (json)
        {
          json_builder_begin_object (b);
          lanyard_cli_add_attendee_json (b, a);
          json_builder_end_object (b);
        }
      else
        {
          g_autofree char *name = lanyard_attendee_dup_display_name (a);
          g_print ("%-14s %s — %s\n", a->ticket_code, name, a->affiliation ? a->affiliation : "");
        }
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (json)
    lanyard_cli_print_json (b);
  else if (hits->len == 0)
    g_print (_("No one found.\n"));
  return LANYARD_CLI_OK;
}

/* NAME_at and NAME_device, when AT is set. */
static void
add_when_where (JsonBuilder *b,
                const char  *name,
                gint64       at,
                const char  *device,
                const char  *time_zone)
{
  g_autofree char *when = NULL;
  g_autofree char *at_name = NULL;
  g_autofree char *device_name = NULL;

  if (at == 0)
    return;
  when = lanyard_cli_format_time (at, time_zone);
  at_name = g_strconcat (name, "_at", NULL);
  device_name = g_strconcat (name, "_device", NULL);
  json_builder_set_member_name (b, at_name);
  json_builder_add_string_value (b, when);
  json_builder_set_member_name (b, device_name);
  json_builder_add_string_value (b, device ? device : "");
}

int
lanyard_cli_cmd_checkin (LanyardCli  *cli,
                         int          argc,
                         char       **argv)
{
  gboolean json = FALSE, exit_scan = FALSE;
  g_autofree char *session = NULL;
  g_autofree char *device = NULL;
  g_autofree char *at_text = NULL;
  const GOptionEntry entries[] = {
    JSON_OPTION,
    { "session", 0, 0, G_OPTION_ARG_STRING, &session, N_("Record entry to this session (exit with --exit)"), N_("ID") },
    { "exit", 0, 0, G_OPTION_ARG_NONE, &exit_scan, N_("Record an exit from the session"), NULL },
    { "device", 0, 0, G_OPTION_ARG_STRING, &device, N_("Device name for the log (default: host name)"), N_("NAME") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at_text, N_("When it happened (ISO 8601; paper sign-in sheets)"), N_("TIME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("CODE — record a check-in, or a session entry or exit"));
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(LanyardEvent) event = NULL;
  g_autoptr(LanyardBadgeKeys) keys = NULL;
  g_autoptr(LanyardCheckinResult) r = NULL;
  g_autoptr(GError) error = NULL;
  LanyardCheckinRequest req = { 0 };
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return lanyard_cli_usage (context, _("checkin needs one code"));
  if (exit_scan && session == NULL)
    return lanyard_cli_usage (context, _("--exit needs --session"));
  if (!lanyard_cli_check_device (device, &status))
    return status;

  store = lanyard_cli_open_store (cli, &error);
  if (store == NULL || (event = lanyard_cli_load_event (store, &error)) == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));
  /* A paper sign-in sheet typed in later: its time must fall in the event. */
  if (at_text != NULL &&
      (!lanyard_cli_parse_time (at_text, event->time_zone, &req.at, &error) ||
       !lanyard_checkin_check_back_dated (event, req.at, g_get_real_time (), &error)))
    {
      g_autofree char *message = g_strdup_printf ("--at: %s", error->message);
      return lanyard_cli_usage (context, message);
    }

  keys = lanyard_badge_keys_load_for_store (store, NULL);
  req.action = session == NULL ? LANYARD_CHECKIN_EVENT
             : exit_scan ? LANYARD_CHECKIN_SESSION_EXIT : LANYARD_CHECKIN_SESSION_ENTRY;
  req.session_id = session;
  req.device = device ? device : "lanyardctl";

  r = lanyard_checkin_perform (store, event, keys, (const guint8 *) argv[1], strlen (argv[1]), &req, &error);
  if (r == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autofree char *at = lanyard_cli_format_time (r->at, event->time_zone);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "outcome");
      json_builder_add_string_value (b, lanyard_outcome_to_string (r->outcome));
      json_builder_set_member_name (b, "accepted");
      json_builder_add_boolean_value (b, lanyard_outcome_is_accepted (r->outcome));
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, lanyard_scan_kind_to_string (r->kind));
      json_builder_set_member_name (b, "at");
      json_builder_add_string_value (b, at);
      if (r->attendee != NULL)
        {
          json_builder_set_member_name (b, "attendee");
          json_builder_begin_object (b);
          lanyard_cli_add_attendee_json (b, r->attendee);
          json_builder_end_object (b);
        }
      if (r->session_id != NULL)
        {
          json_builder_set_member_name (b, "session");
          json_builder_add_string_value (b, r->session_id);
          json_builder_set_member_name (b, "inside");
          json_builder_add_int_value (b, r->inside);
          json_builder_set_member_name (b, "capacity");
          json_builder_add_int_value (b, r->capacity);
        }
      if (r->outcome == LANYARD_OUTCOME_EXITED)
        {
          json_builder_set_member_name (b, "minutes");
          json_builder_add_int_value (b, r->minutes);
        }
      if (r->exit_refusal != LANYARD_OUTCOME_EXITED && r->outcome == LANYARD_OUTCOME_EXITED)
        {
          /* let out although refused as this: the desk should know */
          json_builder_set_member_name (b, "refused_as");
          json_builder_add_string_value (b, lanyard_outcome_to_string (r->exit_refusal));
        }
      add_when_where (b, "previous", r->previous_at, r->previous_device, event->time_zone);
      add_when_where (b, "badge_printed", r->badge_printed_at, r->badge_printed_device, event->time_zone);
      json_builder_set_member_name (b, "scan_uuid");
      json_builder_add_string_value (b, r->scan_uuid);
      json_builder_end_object (b);
      lanyard_cli_print_json (b);
    }
  else
    {
      g_autofree char *name = r->attendee ? lanyard_attendee_dup_display_name (r->attendee) : g_strdup ("—");
      g_print ("%s: %s\n", lanyard_outcome_to_message (r->outcome), name);
    }

  if (!lanyard_outcome_is_accepted (r->outcome))
    {
      if (r->outcome == LANYARD_OUTCOME_ALREADY_CHECKED_IN && r->previous_at != 0)
        {
          g_autofree char *when = lanyard_cli_format_time (r->previous_at, event->time_zone);
          g_printerr (_("lanyardctl: %s (at %s on %s)\n"), lanyard_outcome_to_message (r->outcome),
                      when, r->previous_device ? r->previous_device : "?");
        }
      else if (r->outcome == LANYARD_OUTCOME_NO_SESSION && lanyard_event_find_session (event, session) == NULL)
        lanyard_cli_failf (_("There is no session “%s” (see lanyardctl sessions)"), session);
      else
        g_printerr ("lanyardctl: %s\n", lanyard_outcome_to_message (r->outcome));
      return LANYARD_CLI_FAILED;
    }
  return LANYARD_CLI_OK;
}

int
lanyard_cli_cmd_credits (LanyardCli  *cli,
                         int          argc,
                         char       **argv)
{
  gboolean json = FALSE;
  g_autofree char *as_of_text = NULL;
  const GOptionEntry entries[] = {
    JSON_OPTION,
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("Credits as they stood at this time (e.g. 2026-11-24T17:00), not now"), N_("ISO8601") },
    { NULL }
  };
  gint64 as_of = g_get_real_time ();
  g_autoptr(GOptionContext) context = g_option_context_new (_("CODE — the CME credits an attendee has earned"));
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(LanyardEvent) event = NULL;
  g_autoptr(LanyardAttendee) a = NULL;
  g_autoptr(GPtrArray) scans = NULL;
  g_autoptr(LanyardCreditReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return lanyard_cli_usage (context, _("credits needs one code"));

  store = lanyard_cli_open_store (cli, &error);
  if (store == NULL || (event = lanyard_cli_load_event (store, &error)) == NULL ||
      (a = lanyard_cli_find_attendee (store, event, argv[1], &error)) == NULL ||
      (scans = lanyard_store_list_scans (store, a->id, &error)) == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));
  if (as_of_text != NULL && !lanyard_cli_parse_time (as_of_text, event->time_zone, &as_of, &error))
    {
      g_autofree char *message = g_strdup_printf ("--as-of: %s", error->message);
      return lanyard_cli_usage (context, message);
    }

  /* As of a time: what the doors had recorded by then, an open visit
   * counted up to then. */
  for (guint i = scans->len; i > 0; i--)
    if (((LanyardScan *) g_ptr_array_index (scans, i - 1))->at > as_of)
      g_ptr_array_remove_index (scans, i - 1);
  report = lanyard_credits_compute (event, a, scans, as_of);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "ticket_code");
  json_builder_add_string_value (b, a->ticket_code);
  lanyard_cli_add_credits_json (b, "total", report->totals);
  json_builder_set_member_name (b, "sessions");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->sessions->len; i++)
    {
      const LanyardSessionCredit *line = g_ptr_array_index (report->sessions, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, line->session_id);
      json_builder_set_member_name (b, "minutes");
      json_builder_add_int_value (b, line->minutes);
      lanyard_cli_add_credits_json (b, "credits", line->credits);
      json_builder_set_member_name (b, "presenter");
      json_builder_add_boolean_value (b, line->presenter);
      if (line->note != NULL)
        {
          json_builder_set_member_name (b, "note");
          json_builder_add_string_value (b, line->note);
        }
      json_builder_end_object (b);

      if (!json)
        {
          const LanyardSession *s = lanyard_event_find_session (event, line->session_id);
          g_autofree char *credits = lanyard_cli_format_credits (line->credits);

          g_print ("%-4s %3d min  %-28s %s%s%s\n", line->session_id, line->minutes, credits,
                   s ? s->title : "", line->note ? " — " : "", line->note ? line->note : "");
        }
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  if (json)
    lanyard_cli_print_json (b);
  else
    for (guint i = 0; i < report->totals->len; i++)
      {
        const LanyardCreditAmount *c = g_ptr_array_index (report->totals, i);
        const LanyardCreditType *t = lanyard_event_find_credit_type (event, c->code);
        g_print (_("Total %s: %.2f %s\n"), t ? t->label : c->code, c->amount, t && t->unit ? t->unit : "");
      }
  return LANYARD_CLI_OK;
}
