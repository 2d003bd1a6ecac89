/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "lanyard-badge.h"
#include "lanyard-certificate-render.h"
#include "lanyard-checkin.h"
#include "lanyard-claim.h"
#include "lanyard-cli-print.h"
#include "lanyard-cli-render.h"
#include "lanyard-collate.h"
#include "lanyard-document.h"
#include "lanyard-error.h"
#include "lanyard-print.h"

#define DEFAULT_TIMEOUT_S 60

/* "--print" alone prints on the default queue; "--print QUEUE" on QUEUE. */
typedef struct {
  gboolean print;
  char    *queue;
} PrintTarget;

static gboolean
on_print_option (const char  *option_name,
                 const char  *value,
                 gpointer     data,
                 GError     **error)
{
  PrintTarget *target = data;

  target->print = TRUE;
  g_free (target->queue);
  target->queue = value != NULL && *value != '\0' ? g_strdup (value) : NULL;
  return TRUE;
}

static GOptionGroup *
print_option_group (PrintTarget *target)
{
  static const GOptionEntry entries[] = {
    { "print", 'p', G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, on_print_option,
      N_("Print it (on QUEUE, a CUPS queue or ipp:// printer; default: the default queue)"), N_("[QUEUE]") },
    { NULL }
  };
  GOptionGroup *group = g_option_group_new ("print", "", "", target, NULL);

  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  return group;
}

static char *
badge_code_for (LanyardStore          *store,
                const LanyardEvent    *event,
                const LanyardAttendee *attendee,
                GError               **error)
{
  g_autoptr(LanyardBadgeKeys) keys = lanyard_badge_keys_load_for_store (store, error);

  if (keys == NULL)
    return NULL;
  if (!keys->has_secret)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_NO_KEY,
                   _("This device cannot make badges: the signing key is not here."));
      return NULL;
    }
  return lanyard_badge_code_encode (keys, event->id, attendee->ticket_code, attendee->badge_version, error);
}

int
lanyard_cli_output_badge (LanyardStore          *store,
                          const LanyardEvent    *event,
                          const LanyardAttendee *attendee,
                          const char            *template_name,
                          const char            *pdf_path,
                          gboolean               print,
                          const char            *queue,
                          int                    timeout_seconds,
                          const char            *device,
                          LanyardScanKind        kind)
{
  g_autoptr(LanyardBadgeTemplate) tmpl = NULL;
  g_autofree char *code = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(LanyardPrintJob) job = NULL;
  GError *error = NULL;
  int status;

  if (attendee->status == LANYARD_STATUS_CANCELLED)
    return lanyard_cli_failf (_("This registration is cancelled; restore it before printing a badge."));

  if ((tmpl = lanyard_badge_template_load (template_name ? template_name : "4x3", &error)) == NULL ||
      (code = badge_code_for (store, event, attendee, &error)) == NULL)
    return lanyard_cli_fail (error);

  if (pdf_path == NULL && (pdf_path = kept = lanyard_print_new_kept_path ("badge", &error)) == NULL)
    return lanyard_cli_fail (error);
  /* Drawn for the printer it goes to: solid black and white at a label
   * printer's resolution, as the desk draws it; asking it counts against
   * the timeout. */
  if (print)
    timeout_seconds = (int) lanyard_document_fit_printer (tmpl, queue, (guint) timeout_seconds);
  if (!lanyard_badge_render_pdf (tmpl, event, attendee, code, pdf_path, &error))
    return lanyard_cli_fail (error);
  if (!print)
    {
      g_print ("%s\n", pdf_path);
      return LANYARD_CLI_OK;
    }

  job = lanyard_print_job_new ();
  job->attendee_id = attendee->id;
  lanyard_document_describe_badge (job, tmpl, attendee);
  status = lanyard_cli_print_document (store, job, pdf_path, queue, (guint) timeout_seconds);
  if (status == LANYARD_CLI_OK &&
      !lanyard_checkin_record_print (store, attendee->id, kind, device, lanyard_badge_template_get_name (tmpl), &error))
    return lanyard_cli_fail (error);
  return status;
}

int
lanyard_cli_cmd_badge (LanyardCli  *cli,
                       int          argc,
                       char       **argv)
{
  g_autofree char *pdf = NULL;
  g_autofree char *template_name = NULL;
  g_autofree char *device = NULL;
  int timeout = DEFAULT_TIMEOUT_S;
  const GOptionEntry entries[] = {
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("Write the badge to this PDF file"), N_("FILE") },
    { "template", 't', 0, G_OPTION_ARG_STRING, &template_name, N_("Badge template: 4x3, 4x6, a6, cr80 or an SVG file"), N_("NAME") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, N_("Give up printing after this many seconds"), N_("S") },
    { "device", 0, 0, G_OPTION_ARG_STRING, &device, N_("Device name for the scan log"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("CODE — a badge as PDF, or printed"));
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(LanyardEvent) event = NULL;
  g_autoptr(LanyardAttendee) attendee = NULL;
  g_autoptr(LanyardScan) printed = NULL;
  PrintTarget target = { FALSE, NULL };
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_group (context, print_option_group (&target));
  if (!lanyard_cli_parse (context, &argc, &argv, &status) || !lanyard_cli_check_device (device, &status))
    goto out;
  status = LANYARD_CLI_USAGE;
  if (argc != 2 || (pdf == NULL) == !target.print)
    {
      status = lanyard_cli_usage (context, _("badge needs a code and either --pdf FILE or --print [QUEUE]"));
      goto out;
    }
  if (timeout <= 0)
    {
      status = lanyard_cli_usage (context, _("The timeout must be positive"));
      goto out;
    }
  if ((attendee = lanyard_cli_open_and_find (cli, argv[1], &store, &event)) == NULL)
    {
      status = LANYARD_CLI_FAILED;
      goto out;
    }
  printed = lanyard_store_last_scan (store, attendee->id, LANYARD_SCAN_BADGE_PRINTED, TRUE, NULL);
  status = lanyard_cli_output_badge (store, event, attendee, template_name, pdf, target.print, target.queue,
                                     timeout, device,
                                     printed != NULL ? LANYARD_SCAN_BADGE_REPRINTED : LANYARD_SCAN_BADGE_PRINTED);
out:
  g_free (target.queue);
  return status;
}

int
lanyard_cli_cmd_badges (LanyardCli  *cli,
                        int          argc,
                        char       **argv)
{
  g_autofree char *pdf = NULL;
  g_autofree char *template_name = NULL;
  gboolean all = FALSE;
  const GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Every active registration"), NULL },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("Write the badges to this PDF file, one a page"), N_("FILE") },
    { "template", 't', 0, G_OPTION_ARG_STRING, &template_name, N_("Badge template: 4x3, 4x6, a6, cr80 or an SVG file"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— pre-print badges, sorted by last name"));
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(LanyardEvent) event = NULL;
  g_autoptr(LanyardBadgeTemplate) tmpl = NULL;
  g_autoptr(LanyardBadgeKeys) keys = NULL;
  g_autoptr(GPtrArray) everyone = NULL;
  g_autoptr(GPtrArray) attendees = g_ptr_array_new ();
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  GError *error = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 1 || !all || pdf == NULL)
    return lanyard_cli_usage (context, _("badges needs --all and --pdf FILE"));

  if ((store = lanyard_cli_open_store (cli, &error)) == NULL ||
      (event = lanyard_cli_load_event (store, &error)) == NULL ||
      (tmpl = lanyard_badge_template_load (template_name ? template_name : "4x3", &error)) == NULL ||
      (keys = lanyard_badge_keys_load_for_store (store, &error)) == NULL ||
      (everyone = lanyard_store_list_attendees (store, &error)) == NULL)
    return lanyard_cli_fail (error);
  if (!keys->has_secret)
    return lanyard_cli_failf (_("This device cannot make badges: the signing key is not here."));

  for (guint i = 0; i < everyone->len; i++)
    {
      LanyardAttendee *a = g_ptr_array_index (everyone, i);

      if (a->status == LANYARD_STATUS_ACTIVE)
        g_ptr_array_add (attendees, a);
    }
  {
    g_autoptr(LanyardCollator) collator = lanyard_collator_new (event->language);

    lanyard_collator_sort_attendees (collator, attendees);
  }
  for (guint i = 0; i < attendees->len; i++)
    {
      LanyardAttendee *a = g_ptr_array_index (attendees, i);
      char *code = lanyard_badge_code_encode (keys, event->id, a->ticket_code, a->badge_version, &error);

      if (code == NULL)
        return lanyard_cli_fail (error);
      g_ptr_array_add (codes, code);
    }
  if (attendees->len == 0)
    return lanyard_cli_failf (_("There are no active registrations to make badges for."));
  if (!lanyard_badge_render_pdf_many (tmpl, event, attendees, codes, pdf, &error))
    return lanyard_cli_fail (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u badge in %s\n", "%u badges in %s\n", attendees->len),
           attendees->len, pdf);
  return LANYARD_CLI_OK;
}

/* "AMA_PRA_1=2.5" → a claim of what the learner claims. Every claim is
 * checked against what was earned, and all are stored together or none
 * (lanyard_claim_record). */
static gboolean
record_claims (LanyardStore          *store,
               const LanyardEvent    *event,
               const LanyardAttendee *attendee,
               char                 **claims,
               gboolean               permission_to_report,
               const char            *device,
               GError               **error)
{
  g_autoptr(GPtrArray) scans = NULL;
  g_autoptr(LanyardCreditReport) report = NULL;
  g_autofree LanyardClaim *list = NULL;
  guint n = claims != NULL ? g_strv_length (claims) : 0;
  g_auto(GStrv) codes = g_new0 (char *, n + 1);

  if (n == 0)
    return TRUE;
  if ((scans = lanyard_store_list_scans (store, attendee->id, error)) == NULL)
    return FALSE;
  report = lanyard_credits_compute (event, attendee, scans, g_get_real_time ());
  list = g_new0 (LanyardClaim, n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) parts = g_strsplit (claims[i], "=", 2);

      if (g_strv_length (parts) != 2 || lanyard_event_find_credit_type (event, parts[0]) == NULL)
        {
          g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA,
                       _("“%s” is not a claim: write CREDIT_TYPE=AMOUNT with one of the event's credit types, "
                         "e.g. AMA_PRA_1=2.5"), claims[i]);
          return FALSE;
        }
      /* the amount as typed: a plain decimal */
      if (!lanyard_certificate_check_claim (event, attendee, report, parts[0], parts[1], &list[i].credits, error))
        return FALSE;
      codes[i] = g_strdup (parts[0]);
      list[i].code = codes[i];
      list[i].permission_to_report = permission_to_report;
    }
  return lanyard_claim_record (store, event, attendee->id, list, n, device, g_get_real_time (), error);
}

int
lanyard_cli_cmd_certificate (LanyardCli  *cli,
                             int          argc,
                             char       **argv)
{
  g_autofree char *pdf = NULL;
  g_autofree char *paper_name = NULL;
  g_autofree char *device = NULL;
  g_auto(GStrv) claims = NULL;
  gboolean evaluated = FALSE;
  gboolean permission = FALSE;
  int timeout = DEFAULT_TIMEOUT_S;
  const GOptionEntry entries[] = {
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("Write the certificate to this PDF file"), N_("FILE") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_name, N_("letter (default) or a4"), N_("SIZE") },
    { "claim", 0, 0, G_OPTION_ARG_STRING_ARRAY, &claims, N_("Record what the learner claims, e.g. AMA_PRA_1=2.5 (repeatable)"), N_("TYPE=AMOUNT") },
    { "evaluation-done", 0, 0, G_OPTION_ARG_NONE, &evaluated, N_("Record that the learner completed the evaluation"), NULL },
    { "permission-to-report", 0, 0, G_OPTION_ARG_NONE, &permission, N_("The learner allows the claims to be reported to their boards"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, N_("Give up printing after this many seconds"), N_("S") },
    { "device", 0, 0, G_OPTION_ARG_STRING, &device, N_("Device name for the scan log"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("CODE — a CME certificate as PDF, or printed"));
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(LanyardEvent) event = NULL;
  g_autoptr(LanyardAttendee) attendee = NULL;
  g_autoptr(LanyardCertificate) certificate = NULL;
  g_autofree char *kept = NULL;
  const char *out_path = NULL;
  LanyardPaper paper = LANYARD_PAPER_LETTER;
  PrintTarget target = { FALSE, NULL };
  GError *error = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_group (context, print_option_group (&target));
  if (!lanyard_cli_parse (context, &argc, &argv, &status) || !lanyard_cli_check_device (device, &status))
    goto out;
  status = LANYARD_CLI_USAGE;
  if (argc != 2 || (pdf == NULL) == !target.print)
    {
      status = lanyard_cli_usage (context, _("certificate needs a code and either --pdf FILE or --print [QUEUE]"));
      goto out;
    }
  if (paper_name != NULL && !lanyard_paper_from_string (paper_name, &paper))
    {
      status = lanyard_cli_usage (context, _("--paper is letter or a4"));
      goto out;
    }
  if (timeout <= 0)
    {
      status = lanyard_cli_usage (context, _("The timeout must be positive"));
      goto out;
    }

  status = LANYARD_CLI_FAILED;
  if ((attendee = lanyard_cli_open_and_find (cli, argv[1], &store, &event)) == NULL)
    goto out;
  if (!record_claims (store, event, attendee, claims, permission, device, &error) ||
      (evaluated && !lanyard_store_set_evaluation_done (store, attendee->id, device, &error)) ||
      (certificate = lanyard_claim_read_certificate (store, event, attendee, g_get_real_time (), &error)) == NULL ||
      ((out_path = pdf) == NULL && (out_path = kept = lanyard_print_new_kept_path ("certificate", &error)) == NULL) ||
      !lanyard_certificate_render_pdf (event, certificate, paper, g_get_real_time (), NULL, out_path, &error))
    {
      status = lanyard_cli_fail (error);
      goto out;
    }

  if (!target.print)
    {
      g_print ("%s\n", out_path);
      status = LANYARD_CLI_OK;
    }
  else
    {
      g_autoptr(LanyardPrintJob) job = lanyard_print_job_new ();

      job->attendee_id = attendee->id;
      lanyard_document_describe_certificate (job, paper, certificate);
      status = lanyard_cli_print_document (store, job, out_path, target.queue, (guint) timeout);
      if (status == LANYARD_CLI_OK &&
          !lanyard_checkin_record_print (store, attendee->id, LANYARD_SCAN_CERTIFICATE_PRINTED, device, NULL, &error))
        status = lanyard_cli_fail (error);
    }
out:
  g_free (target.queue);
  return status;
}
