/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * printers, jobs, reprint: the print side of lanyardctl.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "lanyard-cli-print.h"
#include "lanyard-document.h"
#include "lanyard-error.h"
#include "lanyard-print.h"

#define DEFAULT_TIMEOUT_S 120

int
lanyard_cli_cmd_printers (LanyardCli  *cli,
                          int          argc,
                          char       **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— list print queues with their state"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gboolean json = FALSE;
  int timeout = DEFAULT_TIMEOUT_S;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Machine-readable output"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, N_("Give up after this many seconds"), N_("S") },
    { NULL }
  };
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return lanyard_cli_usage (context, _("printers takes no arguments"));
  if (timeout <= 0)
    return lanyard_cli_usage (context, _("The timeout must be positive"));

  list = lanyard_printer_list ((guint) timeout, &error);
  if (list == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        {
          LanyardPrinterStatus *s = g_ptr_array_index (list, i);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, s->name);
          json_builder_set_member_name (b, "uri");
          json_builder_add_string_value (b, s->uri);
          json_builder_set_member_name (b, "state");
          json_builder_add_string_value (b, lanyard_printer_state_to_string (s->state));
          json_builder_set_member_name (b, "accepting");
          json_builder_add_boolean_value (b, s->accepting);
          json_builder_set_member_name (b, "default");
          json_builder_add_boolean_value (b, s->is_default);
          json_builder_set_member_name (b, "reasons");
          json_builder_begin_array (b);
          for (guint k = 0; s->reasons != NULL && s->reasons[k] != NULL; k++)
            json_builder_add_string_value (b, s->reasons[k]);
          json_builder_end_array (b);
          json_builder_set_member_name (b, "message");
          if (s->message != NULL)
            json_builder_add_string_value (b, s->message);
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "is_error");
          json_builder_add_boolean_value (b, s->is_error);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      lanyard_cli_print_json (b);
      return LANYARD_CLI_OK;
    }

  if (list->len == 0)
    g_print ("%s\n", _("No printers are set up"));
  for (guint i = 0; i < list->len; i++)
    {
      LanyardPrinterStatus *s = g_ptr_array_index (list, i);
      g_autofree char *reasons = s->reasons != NULL && s->reasons[0] != NULL
                                 ? g_strjoinv (",", s->reasons) : g_strdup ("none");

      g_print ("%s%s\t%s\t%s\t%s%s%s\n", s->name, s->is_default ? "*" : "",
               lanyard_printer_state_to_string (s->state), reasons,
               s->uri != NULL ? s->uri : "",
               s->message != NULL ? "\t" : "", s->message != NULL ? s->message : "");
    }
  return LANYARD_CLI_OK;
}

static void
add_string_or_null (JsonBuilder *b,
                    const char  *value)
{
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_job_json (JsonBuilder           *b,
              const LanyardPrintJob *job)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, job->id);
  json_builder_set_member_name (b, "uuid");
  json_builder_add_string_value (b, job->uuid);
  json_builder_set_member_name (b, "attendee_id");
  json_builder_add_int_value (b, job->attendee_id);
  json_builder_set_member_name (b, "document");
  json_builder_add_string_value (b, job->document);
  json_builder_set_member_name (b, "queue");
  json_builder_add_string_value (b, job->queue);
  json_builder_set_member_name (b, "pdf_path");
  json_builder_add_string_value (b, job->pdf_path);
  json_builder_set_member_name (b, "cups_job_id");
  json_builder_add_int_value (b, job->cups_job_id);
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, lanyard_job_state_to_string (job->state));
  json_builder_set_member_name (b, "error");
  if (job->error != NULL)
    json_builder_add_string_value (b, job->error);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "template");
  add_string_or_null (b, job->template_name);
  json_builder_set_member_name (b, "paper");
  add_string_or_null (b, job->paper);
  json_builder_set_member_name (b, "media");
  add_string_or_null (b, job->media);
  json_builder_set_member_name (b, "width_pt");
  json_builder_add_double_value (b, job->width_pt);
  json_builder_set_member_name (b, "height_pt");
  json_builder_add_double_value (b, job->height_pt);
  json_builder_set_member_name (b, "copies");
  json_builder_add_int_value (b, job->copies > 0 ? job->copies : 1);
  json_builder_set_member_name (b, "sent_pdf_path");
  add_string_or_null (b, job->sent_pdf_path);
  json_builder_set_member_name (b, "badge_version");
  json_builder_add_int_value (b, job->badge_version);
  json_builder_set_member_name (b, "printed_name");
  add_string_or_null (b, job->printed_name);
  json_builder_set_member_name (b, "created_at");
  json_builder_add_int_value (b, job->created_at);
  json_builder_set_member_name (b, "updated_at");
  json_builder_add_int_value (b, job->updated_at);
  json_builder_end_object (b);
}

int
lanyard_cli_cmd_jobs (LanyardCli  *cli,
                      int          argc,
                      char       **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("[CODE] — list recorded print requests, newest first"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  gboolean json = FALSE;
  gint64 attendee_id = 0;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Machine-readable output"), NULL },
    { NULL }
  };
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc > 2)
    return lanyard_cli_usage (context, _("jobs takes at most one attendee code"));

  store = lanyard_cli_open_store (cli, &error);
  if (store == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));
  if (argc == 2)
    {
      g_autoptr(LanyardEvent) event = lanyard_cli_load_event (store, &error);
      g_autoptr(LanyardAttendee) a = NULL;

      if (event == NULL
          || (a = lanyard_cli_find_attendee (store, event, argv[1], &error)) == NULL)
        return lanyard_cli_fail (g_steal_pointer (&error));
      attendee_id = a->id;
    }
  jobs = lanyard_store_list_print_jobs (store, attendee_id, &error);
  if (jobs == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      json_builder_begin_array (b);
      for (guint i = 0; i < jobs->len; i++)
        add_job_json (b, g_ptr_array_index (jobs, i));
      json_builder_end_array (b);
      lanyard_cli_print_json (b);
      return LANYARD_CLI_OK;
    }
  if (jobs->len == 0)
    g_print ("%s\n", _("No print requests yet"));
  for (guint i = 0; i < jobs->len; i++)
    {
      LanyardPrintJob *job = g_ptr_array_index (jobs, i);
      g_autofree char *when = lanyard_cli_format_time (job->created_at, NULL);

      g_print ("%lld\t%s\t%s\t%s\t%s\t%d%s%s\n", (long long) job->id, when,
               job->document != NULL ? job->document : "",
               lanyard_job_state_to_string (job->state),
               job->queue != NULL ? job->queue : "-", job->cups_job_id,
               job->error != NULL ? "\t" : "", job->error != NULL ? job->error : "");
    }
  return LANYARD_CLI_OK;
}

static int
report_job (const LanyardPrintJob *job,
            gboolean               ok,
            GError                *error)
{
  if (ok)
    {
      g_print (_("Printed (job %lld, %s, CUPS job %d)\n"),
               (long long) job->id, job->queue != NULL ? job->queue : "-", job->cups_job_id);
      return LANYARD_CLI_OK;
    }
  if (job != NULL && job->id > 0)
    g_printerr (_("Not printed (job %lld kept; retry with: lanyardctl reprint %lld)\n"),
                (long long) job->id, (long long) job->id);
  return lanyard_cli_fail (error);
}

int
lanyard_cli_print_document (LanyardStore    *store,
                            LanyardPrintJob *job,
                            const char      *pdf_path,
                            const char      *queue,
                            guint            timeout_seconds)
{
  GError *error = NULL;
  gboolean ok;

  g_free (job->queue);
  job->queue = g_strdup (queue);
  g_free (job->pdf_path);
  job->pdf_path = g_strdup (pdf_path);
  ok = lanyard_print_job_run_sync (store, job, job->width_pt, job->height_pt,
                                   timeout_seconds > 0 ? timeout_seconds : DEFAULT_TIMEOUT_S,
                                   NULL, &error);
  return report_job (job, ok, error);
}

int
lanyard_cli_cmd_reprint (LanyardCli  *cli,
                         int          argc,
                         char       **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("JOB — print a recorded request again, drawn anew"));
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(LanyardPrintJob) job = NULL;
  g_autofree char *queue = NULL;
  GError *error = NULL;
  gboolean force = FALSE;
  int timeout = DEFAULT_TIMEOUT_S;
  gint64 job_id;
  char *end = NULL;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "queue", 'q', 0, G_OPTION_ARG_STRING, &queue, N_("Print on this queue or ipp:// printer instead"), N_("QUEUE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Also when it was printed already"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, N_("Give up after this many seconds"), N_("S") },
    { NULL }
  };
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return lanyard_cli_usage (context, _("reprint takes one job number (see: lanyardctl jobs)"));
  job_id = g_ascii_strtoll (argv[1], &end, 10);
  if (end == argv[1] || *end != '\0' || job_id <= 0)
    return lanyard_cli_usage (context, _("The job number must be a positive whole number"));
  if (timeout <= 0)
    return lanyard_cli_usage (context, _("The timeout must be positive"));

  store = lanyard_cli_open_store (cli, &error);
  if (store == NULL)
    return lanyard_cli_fail (error);
  /* Drawn anew for the printer it goes to, as lanyardctl badge --print. */
  ok = lanyard_print_job_retry_sync (store, job_id, queue, force, lanyard_document_redraw_for_printer,
                                     (guint) timeout, NULL, &job, &error);
  return report_job (job, ok, error);
}
