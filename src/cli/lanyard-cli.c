/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lanyard-attendee-field.h"
#include "lanyard-checkin.h"
#include "lanyard-cli.h"
#include "lanyard-error.h"

LanyardStore *
lanyard_cli_open_store (LanyardCli  *cli,
                        GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (cli->db_path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_DATABASE,
                   _("Cannot create the folder %s for the database."), dir);
      return NULL;
    }
  return lanyard_store_open (cli->db_path, error);
}

LanyardEvent *
lanyard_cli_load_event (LanyardStore  *store,
                        GError       **error)
{
  return lanyard_store_load_event (store, error);
}

int
lanyard_cli_fail (GError *error)
{
  g_printerr ("lanyardctl: %s\n", error ? error->message : _("failed"));
  g_clear_error (&error);
  return LANYARD_CLI_FAILED;
}

int
lanyard_cli_failf (const char *format,
                   ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("lanyardctl: %s\n", msg);
  return LANYARD_CLI_FAILED;
}

int
lanyard_cli_usage (GOptionContext *context,
                   const char     *message)
{
  if (message != NULL)
    g_printerr ("lanyardctl: %s\n", message);
  if (context != NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("%s", help);
    }
  return LANYARD_CLI_USAGE;
}

gboolean
lanyard_cli_parse (GOptionContext   *context,
                   int              *argc,
                   char           ***argv,
                   int              *out_status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *out_status = lanyard_cli_usage (context, error->message);
      return FALSE;
    }
  return TRUE;
}

/* A --device given must be a name the scan log and the audit can carry;
 * NULL (not given) is the default's. */
gboolean
lanyard_cli_check_device (const char *device,
                          int        *out_status)
{
  g_autoptr(GError) error = NULL;

  if (device == NULL || lanyard_check_device_name (device, &error))
    return TRUE;
  *out_status = lanyard_cli_usage (NULL, error->message);
  return FALSE;
}

/* -o FILE: as g_file_set_contents() writes (a file beside it, renamed over
 * it: never half a report), unless FILE is there and is no regular file
 * (/dev/null, /dev/stdout, a pipe): that is written into, since renamed over
 * it is replaced by a file (as root, `-o /dev/null` took the computer's). */
gboolean
lanyard_cli_write_file (const char  *path,
                        const char  *contents,
                        gssize       length,
                        GError     **error)
{
  GStatBuf st;
  FILE *file;
  gsize len = length < 0 ? strlen (contents) : (gsize) length;
  gboolean ok;

  if (g_stat (path, &st) != 0 || S_ISREG (st.st_mode))
    return g_file_set_contents (path, contents, (gssize) len, error);
  file = g_fopen (path, "w");
  ok = file != NULL && fwrite (contents, 1, len, file) == len;
  if (file != NULL && fclose (file) != 0)
    ok = FALSE;
  if (!ok)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot write %s: %s"), path,
                   g_strerror (saved));
    }
  return ok;
}

void
lanyard_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

static GTimeZone *
event_zone (const char *time_zone)
{
  GTimeZone *tz = time_zone ? g_time_zone_new_identifier (time_zone) : NULL;

  return tz ? tz : g_time_zone_new_utc ();
}

/* ISO 8601 with the event's offset, to the second: 2026-11-24T08:00:00-06:00 */
char *
lanyard_cli_format_time (gint64      at,
                         const char *time_zone)
{
  g_autoptr(GTimeZone) tz = event_zone (time_zone);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_timezone (utc, tz);
  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
}

/* ISO 8601 as people write it: seconds optional (2026-11-24T09:05), a
 * zone optional (Z, -06:00, -0600); without a zone, the event's local time,
 * which must exist (not in the hour skipped when clocks go forward). */
gboolean
lanyard_cli_parse_time (const char  *text,
                        const char  *time_zone,
                        gint64      *out_at,
                        GError     **error)
{
  g_autoptr(GTimeZone) tz = event_zone (time_zone);
  g_autoptr(GRegex) re = g_regex_new ("^(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2})(:\\d{2}(?:\\.\\d+)?)?"
                                      "(Z|[+-]\\d{2}(?::?\\d{2})?)?$", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *seconds = NULL;
  g_autofree char *zone = NULL;
  g_autofree char *full = NULL;
  g_autofree char *minute = NULL;
  int field[5];

  if (!g_regex_match (re, text, 0, &match))
    goto invalid;
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *part = g_match_info_fetch (match, i + 1);
      field[i] = atoi (part);
    }
  /* a group that did not take part reads as "" (or NULL at the end) */
  seconds = g_match_info_fetch (match, 6);
  zone = g_match_info_fetch (match, 7);
  if (seconds == NULL)
    seconds = g_strdup ("");
  if (zone == NULL)
    zone = g_strdup ("");
  minute = g_strndup (text, 16);
  full = g_strconcat (minute, *seconds ? seconds : ":00", zone, NULL);
  dt = g_date_time_new_from_iso8601 (full, tz);
  if (dt == NULL)
    goto invalid;
  if (*zone == '\0')
    {
      /* GLib moves a local time that does not exist by the hour skipped. */
      local = g_date_time_to_timezone (dt, tz);
      if (g_date_time_get_year (local) != field[0] || g_date_time_get_month (local) != field[1] ||
          g_date_time_get_day_of_month (local) != field[2] || g_date_time_get_hour (local) != field[3] ||
          g_date_time_get_minute (local) != field[4])
        {
          g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA,
                       /* Translators: %s is a date and time, then a time zone such as America/Chicago */
                       _("%s does not exist in %s: the clocks went forward then."), minute,
                       time_zone ? time_zone : "UTC");
          return FALSE;
        }
    }
  *out_at = g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
  return TRUE;

invalid:
  g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA,
                       _("Write the time like 2026-11-24T09:05, 2026-11-24T09:05:00-06:00 or 2026-11-24T15:05Z."));
  return FALSE;
}

/* A ticket code or a badge code, as a person typed or a scanner sent it. */
LanyardAttendee *
lanyard_cli_find_attendee (LanyardStore        *store,
                           const LanyardEvent  *event,
                           const char          *code,
                           GError             **error)
{
  g_autoptr(LanyardBadgeKeys) keys = lanyard_badge_keys_load_for_store (store, NULL);
  g_autoptr(GError) local_error = NULL;
  LanyardOutcome outcome;
  LanyardAttendee *attendee;

  attendee = lanyard_checkin_resolve (store, event, keys, (const guint8 *) code, strlen (code),
                                      &outcome, &local_error);
  if (attendee == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_NOT_FOUND, _("unknown code"));
      return NULL;
    }
  return attendee;
}

/* Opens the store and finds the attendee a code names; says why not on
 * standard error and returns NULL. */
LanyardAttendee *
lanyard_cli_open_and_find (LanyardCli    *cli,
                           const char    *code,
                           LanyardStore **out_store,
                           LanyardEvent **out_event)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardStore) store = lanyard_cli_open_store (cli, &error);
  g_autoptr(LanyardEvent) event = NULL;
  LanyardAttendee *a;

  if (store == NULL || (event = lanyard_cli_load_event (store, &error)) == NULL ||
      (a = lanyard_cli_find_attendee (store, event, code, &error)) == NULL)
    {
      lanyard_cli_fail (g_steal_pointer (&error));
      return NULL;
    }
  *out_store = g_steal_pointer (&store);
  if (out_event != NULL)
    *out_event = g_steal_pointer (&event);
  return a;
}

void
lanyard_cli_add_attendee_json (JsonBuilder           *b,
                               const LanyardAttendee *a)
{
  json_builder_set_member_name (b, "ticket_code");
  json_builder_add_string_value (b, a->ticket_code);
  json_builder_set_member_name (b, "first_name");
  json_builder_add_string_value (b, a->first_name ? a->first_name : "");
  json_builder_set_member_name (b, "last_name");
  json_builder_add_string_value (b, a->last_name ? a->last_name : "");
  json_builder_set_member_name (b, "credentials");
  json_builder_add_string_value (b, a->credentials ? a->credentials : "");
  json_builder_set_member_name (b, "profession");
  json_builder_add_string_value (b, a->profession ? a->profession : "");
  json_builder_set_member_name (b, "affiliation");
  json_builder_add_string_value (b, a->affiliation ? a->affiliation : "");
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, lanyard_role_to_string (a->role));
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, lanyard_status_to_string (a->status));
  json_builder_set_member_name (b, "badge_version");
  json_builder_add_int_value (b, a->badge_version);
}

/* { "AMA_PRA_1": 1.5, … } under `member` */
void
lanyard_cli_add_credits_json (JsonBuilder *b,
                              const char  *member,
                              GPtrArray   *amounts)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  for (guint i = 0; i < amounts->len; i++)
    {
      const LanyardCreditAmount *c = g_ptr_array_index (amounts, i);

      json_builder_set_member_name (b, c->code);
      json_builder_add_double_value (b, c->amount);
    }
  json_builder_end_object (b);
}

/* "AMA_PRA_1 1.50, ANCC 1.50" */
char *
lanyard_cli_format_credits (GPtrArray *amounts)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < amounts->len; i++)
    {
      const LanyardCreditAmount *c = g_ptr_array_index (amounts, i);

      g_string_append_printf (s, "%s%s %.2f", s->len ? ", " : "", c->code, c->amount);
    }
  return g_string_free (s, FALSE);
}
