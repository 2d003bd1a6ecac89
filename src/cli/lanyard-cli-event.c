/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lanyardctl init, keygen, sessions: the event itself.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lanyard-cli.h"
#include "lanyard-error.h"
#include "lanyard-event-import.h"

/* Moves every session by whole days (in the event's time zone, so local
 * times survive a DST change) so that the first day is @day (a date,
 * YYYY-MM-DD), or today when @day is %NULL. The demo uses this so it
 * can be run on any date, and a rehearsal so the first day's sessions
 * are already over. */
static gboolean
shift_event (LanyardEvent  *event,
             const char    *day,
             GError       **error)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (event->time_zone);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) first = NULL;
  gint64 earliest = G_MAXINT64;
  int days;

  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  if (day == NULL)
    now = g_date_time_new_now (tz);
  else
    {
      g_autofree char *noon = g_strconcat (day, "T12:00:00", NULL);

      if (strlen (day) != 10 || (now = g_date_time_new_from_iso8601 (noon, tz)) == NULL)
        {
          g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA,
                       _("“%s” is not a date. Write it as YYYY-MM-DD, for example 2026-11-24."), day);
          return FALSE;
        }
    }

  for (guint i = 0; i < event->sessions->len; i++)
    earliest = MIN (earliest, ((LanyardSession *) g_ptr_array_index (event->sessions, i))->starts_at);
  if (earliest == G_MAXINT64)
    return TRUE;
  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (earliest / G_USEC_PER_SEC);
    first = g_date_time_to_timezone (utc, tz);
  }
  {
    g_autoptr(GDateTime) a = g_date_time_new (tz, g_date_time_get_year (first), g_date_time_get_month (first),
                                              g_date_time_get_day_of_month (first), 12, 0, 0);
    g_autoptr(GDateTime) b = g_date_time_new (tz, g_date_time_get_year (now), g_date_time_get_month (now),
                                              g_date_time_get_day_of_month (now), 12, 0, 0);
    days = (int) ((g_date_time_to_unix (b) - g_date_time_to_unix (a) + 43200) / 86400);
  }

  for (guint i = 0; i < event->sessions->len; i++)
    {
      LanyardSession *s = g_ptr_array_index (event->sessions, i);
      gint64 *times[] = { &s->starts_at, &s->ends_at };

      for (guint k = 0; k < G_N_ELEMENTS (times); k++)
        {
          g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (*times[k] / G_USEC_PER_SEC);
          g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
          g_autoptr(GDateTime) moved = g_date_time_add_days (local, days);

          *times[k] = g_date_time_to_unix (moved) * G_USEC_PER_SEC;
        }
    }

  {
    char **dates[] = { &event->start_date, &event->end_date };

    for (guint k = 0; k < G_N_ELEMENTS (dates); k++)
      {
        g_autoptr(GDateTime) d = NULL;
        g_autoptr(GDateTime) moved = NULL;
        g_autofree char *iso = NULL;

        if (*dates[k] == NULL)
          continue;
        iso = g_strconcat (*dates[k], "T12:00:00", NULL);
        d = g_date_time_new_from_iso8601 (iso, tz);
        if (d == NULL)
          continue;
        moved = g_date_time_add_days (d, days);
        g_free (*dates[k]);
        *dates[k] = g_date_time_format (moved, "%Y-%m-%d");
      }
  }
  return TRUE;
}

int
lanyard_cli_cmd_init (LanyardCli  *cli,
                      int          argc,
                      char       **argv)
{
  g_autofree char *event_path = NULL;
  g_autofree char *start_on = NULL;
  gboolean today = FALSE;
  const GOptionEntry entries[] = {
    { "event", 0, 0, G_OPTION_ARG_FILENAME, &event_path, N_("The event file (JSON)"), N_("EVENT.json") },
    { "shift-to-today", 0, 0, G_OPTION_ARG_NONE, &today, N_("Move the sessions so the event starts today (demo)"), NULL },
    { "start-on", 0, 0, G_OPTION_ARG_STRING, &start_on, N_("Move the sessions so the event starts on this day (rehearsal)"), N_("YYYY-MM-DD") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— create or upgrade the database and load the event"));
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(LanyardEvent) event = NULL;
  g_autoptr(LanyardBadgeKeys) keys = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (event_path == NULL || argc != 1)
    return lanyard_cli_usage (context, _("init needs --event EVENT.json"));

  event = lanyard_event_load_file (event_path, &error);
  if (event == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));
  if ((today || start_on != NULL) && !shift_event (event, start_on, &error))
    return lanyard_cli_usage (context, error->message);

  store = lanyard_cli_open_store (cli, &error);
  if (store == NULL || !lanyard_store_save_event (store, event, &error))
    return lanyard_cli_fail (g_steal_pointer (&error));

  keys = lanyard_badge_keys_load_for_store (store, NULL);
  if (keys == NULL)
    {
      keys = lanyard_badge_keys_generate_for_store (store, FALSE, &error);
      if (keys == NULL)
        return lanyard_cli_fail (g_steal_pointer (&error));
      g_print (_("Made a new badge signing key: %s.key (keep it secret; copy %s.pub to devices that only check badges)\n"),
               cli->db_path, cli->db_path);
    }

  g_print (_("Event “%s” loaded into %s: %u sessions, %u credit types\n"),
           event->title, cli->db_path, event->sessions->len, event->credit_types->len);
  return LANYARD_CLI_OK;
}

int
lanyard_cli_cmd_keygen (LanyardCli  *cli,
                        int          argc,
                        char       **argv)
{
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace existing keys (every printed badge stops working)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— make the key pair that signs badge codes"));
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(LanyardBadgeKeys) keys = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return lanyard_cli_usage (context, _("keygen takes no arguments"));

  store = lanyard_cli_open_store (cli, &error);
  if (store == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));
  keys = lanyard_badge_keys_generate_for_store (store, force, &error);
  if (keys == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));
  g_print (_("Secret key: %s.key (only this file can make badges; mode 0600)\nPublic key: %s.pub\n"),
           cli->db_path, cli->db_path);
  return LANYARD_CLI_OK;
}

int
lanyard_cli_cmd_sessions (LanyardCli  *cli,
                          int          argc,
                          char       **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— list the event's sessions"));
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(LanyardEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return lanyard_cli_usage (context, _("sessions takes no arguments"));

  store = lanyard_cli_open_store (cli, &error);
  if (store == NULL || (event = lanyard_cli_load_event (store, &error)) == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "sessions");
  json_builder_begin_array (b);
  for (guint i = 0; i < event->sessions->len; i++)
    {
      const LanyardSession *s = g_ptr_array_index (event->sessions, i);
      g_autofree char *start = lanyard_cli_format_time (s->starts_at, event->time_zone);
      g_autofree char *end = lanyard_cli_format_time (s->ends_at, event->time_zone);

      if (!json)
        {
          g_autofree char *credits = lanyard_cli_format_credits (s->credits);

          g_print ("%-4s %.16s–%.5s  %-18s %s%s\n      %s\n", s->id, start, end + 11, s->room, s->title,
                   s->ticketed ? _(" [ticketed]") : "", credits);
          continue;
        }

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, s->id);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, s->title);
      json_builder_set_member_name (b, "room");
      json_builder_add_string_value (b, s->room ? s->room : "");
      json_builder_set_member_name (b, "start");
      json_builder_add_string_value (b, start);
      json_builder_set_member_name (b, "end");
      json_builder_add_string_value (b, end);
      json_builder_set_member_name (b, "capacity");
      json_builder_add_int_value (b, s->capacity);
      json_builder_set_member_name (b, "ticketed");
      json_builder_add_boolean_value (b, s->ticketed);
      lanyard_cli_add_credits_json (b, "credits", s->credits);
      json_builder_set_member_name (b, "faculty");
      json_builder_begin_array (b);
      for (guint k = 0; k < s->faculty->len; k++)
        json_builder_add_string_value (b, ((LanyardFaculty *) g_ptr_array_index (s->faculty, k))->name);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (json)
    lanyard_cli_print_json (b);
  return LANYARD_CLI_OK;
}
