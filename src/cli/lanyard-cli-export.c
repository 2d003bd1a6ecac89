/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lanyardctl export attendance, stats: the CME office's reports.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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

/* The learner's fields after the record's kind, made once per learner and
 * copied into each of their lines. */
static void
add_person_fields (GString               *csv,
                   const LanyardAttendee *a)
{
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

      /* The time first: few scans are back-dated, and a learner has
       * dozens of scans for each of dozens of sessions. */
      if (scan->recorded_at - scan->at > BACK_DATED_AFTER_US && g_strcmp0 (scan->session_id, session_id) == 0)
        n++;
    }
  return n;
}

/* JSON written as it goes, in json-glib's pretty layout (the bytes
 * json_generator_to_data() gave when the export was one JsonBuilder tree,
 * which at 100,000 learners took gigabytes and most of a minute). */
static void
json_string (GString    *out,
             const char *value)
{
  /* What json-glib escapes (below 0x1f, not 0x1f itself, and 0x7f); the
   * runs between are copied whole. A table, not strcspn(): with a set this
   * long glibc takes its generic path, 7% of the JSON export (perf, 1 M scans). */
  static const guint8 escaped[256] = {
    [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1, [0x08] = 1,
    [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1, [0x0e] = 1, [0x0f] = 1, [0x10] = 1,
    [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1,
    [0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1, [0x1d] = 1, [0x1e] = 1, ['"'] = 1, ['\\'] = 1, [0x7f] = 1,
  };

  if (value == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p; )
    {
      size_t run = 0;

      while (p[run] != '\0' && !escaped[(guint8) p[run]])
        run++;
      g_string_append_len (out, p, run);
      p += run;
      if (*p == '\0')
        break;
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default: g_string_append_printf (out, "\\u%04x", (unsigned char) *p); break;
        }
      p++;
    }
  g_string_append_c (out, '"');
}

/* `"name" : ` at `indent`, after the previous member's comma. */
static void
json_member (GString    *out,
             int         indent,
             const char *name,
             gboolean    first)
{
  g_string_append (out, first ? "\n" : ",\n");
  g_string_append_len (out, "          ", MIN (indent, 10));
  json_string (out, name);
  g_string_append (out, " : ");
}

static void
json_double (GString *out,
             double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_dtostr (buf, sizeof buf, value);
  g_string_append (out, buf);
  if (strchr (buf, '.') == NULL)
    g_string_append (out, ".0");
}

/* An attendance or totals element: an object at indent 4. */
static void
json_attendee (GString               *out,
               const LanyardAttendee *a)
{
  const struct { const char *name, *value; } fields[] = {
    { "ticket_code", a->ticket_code },
    { "first_name", a->first_name ? a->first_name : "" },
    { "last_name", a->last_name ? a->last_name : "" },
    { "credentials", a->credentials ? a->credentials : "" },
    { "profession", a->profession ? a->profession : "" },
    { "affiliation", a->affiliation ? a->affiliation : "" },
    { "role", lanyard_role_to_string (a->role) },
    { "status", lanyard_status_to_string (a->status) },
  };

  g_string_append (out, "    {");
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      json_member (out, 6, fields[i].name, i == 0);
      json_string (out, fields[i].value);
    }
  json_member (out, 6, "badge_version", FALSE);
  g_string_append_printf (out, "%d", a->badge_version);
}

static void
json_credits (GString    *out,
              const char *member,
              GPtrArray  *amounts)
{
  json_member (out, 6, member, FALSE);
  if (amounts->len == 0)
    {
      g_string_append (out, "{      }\n    }");
      return;
    }
  g_string_append_c (out, '{');
  for (guint i = 0; i < amounts->len; i++)
    {
      const LanyardCreditAmount *c = g_ptr_array_index (amounts, i);

      json_member (out, 8, c->code, i == 0);
      json_double (out, c->amount);
    }
  g_string_append (out, "\n      }\n    }");
}

typedef struct {
  const LanyardEvent *event;
  GHashTable         *index;   /* session id → position + 1 */
  gint64              now;
  gboolean            json;
  FILE               *out;     /* the attendance lines, as they are made */
  FILE               *totals;  /* JSON: the totals, written after the lines */
  GString            *buf;     /* one learner's lines */
  GString            *person;  /* the learner's own fields, as each line has them */
  gboolean            any_line;
  gboolean            any_total;
} Export;

/* errno as a GError: "Cannot write FILE: why" (FILE NULL: why alone). */
static gboolean
set_write_error (GError     **error,
                 const char  *output)
{
  int saved = errno;

  if (output != NULL)
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot write %s: %s"), output,
                 g_strerror (saved));
  else
    g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
  return FALSE;
}

static gboolean
write_buffer (FILE     *file,
              GString  *buf,
              GError  **error)
{
  if (buf->len > 0 && fwrite (buf->str, 1, buf->len, file) != buf->len)
    return set_write_error (error, NULL);
  g_string_truncate (buf, 0);
  return TRUE;
}

/* One learner's lines: a line per session with time, then their total. */
static gboolean
export_learner (const LanyardAttendee  *a,
                GPtrArray              *scans,
                gpointer                user_data,
                GError                **error)
{
  Export *x = user_data;
  const LanyardEvent *event = x->event;
  GString *out = x->buf;
  g_autoptr(LanyardCreditReport) report = NULL;
  gint64 seconds = 0;

  if (scans->len == 0)
    return TRUE; /* no time anywhere: no lines */
  report = lanyard_credits_compute_indexed (event, x->index, a, scans, x->now);
  if (report->sessions->len == 0)
    return TRUE;

  /* At 100,000 learners and 2 M lines, escaping the same name and e-mail
   * again for every line was much of the JSON's time. */
  g_string_truncate (x->person, 0);
  if (x->json)
    json_attendee (x->person, a);
  else
    add_person_fields (x->person, a);

  for (guint s = 0; s < report->sessions->len; s++)
    {
      const LanyardSessionCredit *line = g_ptr_array_index (report->sessions, s);
      int back_dated = count_back_dated (scans, line->session_id);

      seconds += line->presenter ? 0 : line->seconds;
      if (x->json)
        {
          g_string_append (out, x->any_line ? ",\n" : "\n");
          x->any_line = TRUE;
          g_string_append_len (out, x->person->str, x->person->len);
          json_member (out, 6, "session_id", FALSE);
          json_string (out, line->session_id);
          json_member (out, 6, "minutes", FALSE);
          g_string_append_printf (out, "%d", line->minutes);
          json_member (out, 6, "seconds", FALSE);
          g_string_append_printf (out, "%" G_GINT64_FORMAT, line->seconds);
          json_member (out, 6, "back_dated_scans", FALSE);
          g_string_append_printf (out, "%d", back_dated);
          json_member (out, 6, "presenter", FALSE);
          g_string_append (out, line->presenter ? "true" : "false");
          json_credits (out, "hours", line->credits);
        }
      else
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (x->index, line->session_id));
          const LanyardSession *session = n > 0 ? g_ptr_array_index (event->sessions, n - 1) : NULL;
          char number[24];

          csv_field (out, "session", FALSE);
          g_string_append_len (out, x->person->str, x->person->len);
          csv_field (out, line->session_id, FALSE);
          csv_field (out, session ? session->title : "", FALSE);
          g_snprintf (number, sizeof number, "%d", line->minutes);
          csv_field (out, number, FALSE);
          g_snprintf (number, sizeof number, "%d", back_dated);
          csv_field (out, number, event->credit_types->len == 0);
          /* Credit is the learner's, per type, rounded once: in the total row. */
          for (guint t = 0; t < event->credit_types->len; t++)
            csv_field (out, "", t + 1 == event->credit_types->len);
        }
    }

  /* The learner's total per credit type after rounding and the
   * activity's cap; blank for a type their profession cannot get. */
  if (x->json)
    {
      if (!write_buffer (x->out, out, error))
        return FALSE;
      g_string_append (out, x->any_total ? ",\n" : "\n");
      x->any_total = TRUE;
      g_string_append_len (out, x->person->str, x->person->len);
      json_member (out, 6, "minutes", FALSE);
      g_string_append_printf (out, "%" G_GINT64_FORMAT, seconds / 60);
      json_credits (out, "credits", report->totals);
      return write_buffer (x->totals, out, error);
    }
  else
    {
      char minutes[24];

      g_snprintf (minutes, sizeof minutes, "%" G_GINT64_FORMAT, seconds / 60);
      csv_field (out, "total", FALSE);
      g_string_append_len (out, x->person->str, x->person->len);
      csv_field (out, "", FALSE);
      csv_field (out, "", FALSE);
      csv_field (out, minutes, FALSE);
      csv_field (out, "", event->credit_types->len == 0);
      for (guint t = 0; t < event->credit_types->len; t++)
        {
          const LanyardCreditType *type = g_ptr_array_index (event->credit_types, t);
          char text[G_ASCII_DTOSTR_BUF_SIZE] = "";

          if (lanyard_credit_type_applies (type, a->profession))
            g_snprintf (text, sizeof text, "%.2f", lanyard_credit_report_get_total (report, type->code));
          csv_field (out, text, t + 1 == event->credit_types->len);
        }
      return write_buffer (x->out, out, error);
    }
}

/* The JSON's totals, kept aside while the lines were written, after them. */
static gboolean
copy_totals (Export  *x,
             GError **error)
{
  char chunk[65536];
  size_t n;

  rewind (x->totals);
  while ((n = fread (chunk, 1, sizeof chunk, x->totals)) > 0)
    if (fwrite (chunk, 1, n, x->out) != n)
      break;
  if (ferror (x->totals) || ferror (x->out))
    return set_write_error (error, NULL);
  return TRUE;
}

/* The export, written as it is made: one pass over the learners in name
 * order with their timelines (lanyard_store_foreach_timeline), a few
 * kilobytes held at a time (the whole export was one string: hundreds of
 * megabytes at 100,000 learners). */
static gboolean
write_export (LanyardStore       *store,
              const LanyardEvent *event,
              gboolean            json,
              FILE               *file,
              GError            **error)
{
  g_autoptr(GHashTable) index = lanyard_credits_session_index_new (event);
  g_autoptr(GString) buf = g_string_new (NULL);
  g_autoptr(GString) person = g_string_new (NULL);
  Export x = { event, index, g_get_real_time (), json, file, NULL, buf, person, FALSE, FALSE };
  gboolean ok;

  if (json)
    {
      if ((x.totals = tmpfile ()) == NULL)
        return set_write_error (error, NULL);
      g_string_append (buf, "{\n  \"event\" : ");
      json_string (buf, event->id);
      g_string_append (buf, ",\n  \"attendance\" : [");
    }
  else
    {
      g_string_append (buf, "record,ticket_code,first_name,last_name,credentials,profession,session_id,session_title,"
                            "minutes,back_dated_scans");
      for (guint t = 0; t < event->credit_types->len; t++)
        g_string_append_printf (buf, ",%s", ((LanyardCreditType *) g_ptr_array_index (event->credit_types, t))->code);
      g_string_append (buf, "\r\n");
    }

  ok = write_buffer (file, buf, error) && lanyard_store_foreach_timeline (store, export_learner, &x, error);
  if (ok && json)
    {
      g_string_append (buf, x.any_line ? "\n  ]" : "]");
      g_string_append (buf, ",\n  \"totals\" : ");
      g_string_append (buf, x.any_total ? "[" : "[]");
      ok = write_buffer (file, buf, error) && (!x.any_total || copy_totals (&x, error));
      g_string_append (buf, x.any_total ? "\n  ]\n}\n" : "\n}\n");
      ok = ok && write_buffer (file, buf, error);
    }
  if (x.totals != NULL)
    fclose (x.totals);
  return ok;
}

/* To FILE as g_file_set_contents() writes (a file beside it, flushed to
 * disk, then renamed over it: never half an export), or to standard output.
 * A FILE that is not a regular file (/dev/null, a pipe, a terminal) is
 * written into: renamed over, it was replaced by a file (run as root,
 * `-o /dev/null` left the whole computer without its /dev/null). */
static gboolean
export_to (LanyardStore       *store,
           const LanyardEvent *event,
           gboolean            json,
           const char         *output,
           GError            **error)
{
  g_autofree char *tmp = NULL;
  FILE *file;
  int fd;
  gboolean ok;
  GStatBuf st;

  if (output == NULL)
    {
      if (!write_export (store, event, json, stdout, error))
        return FALSE;
      return fflush (stdout) == 0 || set_write_error (error, NULL);
    }
  if (g_stat (output, &st) == 0 && !S_ISREG (st.st_mode))
    {
      if ((file = g_fopen (output, "w")) == NULL)
        return set_write_error (error, output);
      ok = write_export (store, event, json, file, error);
      if (fclose (file) != 0 && ok)
        ok = set_write_error (error, output);
      return ok;
    }

  tmp = g_strconcat (output, ".XXXXXX", NULL);
  if ((fd = g_mkstemp_full (tmp, O_WRONLY, 0600)) < 0)
    return set_write_error (error, output);
  if ((file = fdopen (fd, "w")) == NULL)
    {
      set_write_error (error, output);
      close (fd);
      g_unlink (tmp);
      return FALSE;
    }
  setvbuf (file, NULL, _IOFBF, 1 << 20);
  ok = write_export (store, event, json, file, error);
  if (ok && (fflush (file) != 0 || fsync (fd) != 0))
    ok = set_write_error (error, output);
  if (fclose (file) != 0 && ok)
    ok = set_write_error (error, output);
  if (ok && g_rename (tmp, output) != 0)
    ok = set_write_error (error, output);
  if (!ok)
    g_unlink (tmp);
  return ok;
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
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2 || g_strcmp0 (argv[1], "attendance") != 0)
    return lanyard_cli_usage (context, _("export knows one report: attendance"));
  if (format != NULL && g_strcmp0 (format, "csv") != 0 && g_strcmp0 (format, "json") != 0)
    return lanyard_cli_usage (context, _("--format is csv or json"));

  store = lanyard_cli_open_store (cli, &error);
  if (store != NULL)
    lanyard_store_map_for_bulk_reads (store);
  if (store == NULL || (event = lanyard_cli_load_event (store, &error)) == NULL ||
      !export_to (store, event, g_strcmp0 (format, "json") == 0, output, &error))
    return lanyard_cli_fail (g_steal_pointer (&error));
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

static void
print_stats_text (const LanyardStats *stats)
{
  g_print (_("Registered %u (and %u cancelled), checked in %u\n"), stats->registered, stats->cancelled, stats->checked_in);
  for (guint i = 0; i < stats->sessions->len; i++)
    {
      const LanyardSessionCount *c = g_ptr_array_index (stats->sessions, i);
      const LanyardSession *s = c->session;

      if (c->total > 0 && s->capacity > 0)
        g_print (_("  %-4s inside %d / %d, came in %d  %s\n"), s->id, c->inside, s->capacity, c->total, s->title);
      else if (c->total > 0)
        g_print (_("  %-4s inside %d, came in %d  %s\n"), s->id, c->inside, c->total, s->title);
    }
}

static void
build_stats_json (JsonBuilder        *b,
                  const LanyardStats *stats)
{
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
  for (guint i = 0; i < stats->sessions->len; i++)
    {
      const LanyardSessionCount *c = g_ptr_array_index (stats->sessions, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, c->session->id);
      json_builder_set_member_name (b, "inside");
      json_builder_add_int_value (b, c->inside);
      json_builder_set_member_name (b, "total");
      json_builder_add_int_value (b, c->total);
      json_builder_set_member_name (b, "capacity");
      json_builder_add_int_value (b, c->session->capacity);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
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
  g_autoptr(JsonBuilder) b = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return lanyard_cli_usage (context, _("stats takes no arguments"));

  store = lanyard_cli_open_store (cli, &error);
  if (store != NULL)
    lanyard_store_map_for_bulk_reads (store); /* a fresh process: its page cache is empty */
  if (store == NULL || (event = lanyard_cli_load_event (store, &error)) == NULL ||
      (stats = lanyard_stats_compute (store, event, &error)) == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));

  if (!json)
    {
      print_stats_text (stats);
      print_clock_went_back (store, event, NULL);
      return LANYARD_CLI_OK;
    }
  b = json_builder_new ();
  json_builder_begin_object (b);
  build_stats_json (b, stats);
  print_clock_went_back (store, event, b);
  json_builder_end_object (b);
  lanyard_cli_print_json (b);
  return LANYARD_CLI_OK;
}
