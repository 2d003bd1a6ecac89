/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lanyardctl report pars | cpe-monitor | evaluations: the files the CME
 * office hands to accreditors. The tables come from the core
 * (lanyard-report.h); here they are written as CSV, TSV, XLSX or PDF, and
 * the learners left out are listed on stderr.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <xlsxwriter.h>

#include "lanyard-cli.h"
#include "lanyard-error.h"
#include "lanyard-evaluation-render.h"
#include "lanyard-report.h"

static gboolean
write_xlsx (const LanyardReportTable *table,
            const char               *sheet_name,
            const char               *path,
            GError                  **error)
{
  lxw_workbook *workbook = workbook_new (path);
  lxw_worksheet *sheet;
  lxw_format *bold;
  lxw_error err;

  if (workbook == NULL)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_FAILED, _("Cannot write %s."), path);
      return FALSE;
    }
  sheet = workbook_add_worksheet (workbook, sheet_name);
  bold = workbook_add_format (workbook);
  format_set_bold (bold);
  for (guint c = 0; c < table->columns->len; c++)
    {
      worksheet_write_string (sheet, 0, c, g_ptr_array_index (table->columns, c), bold);
      worksheet_set_column (sheet, c, c, 18, NULL);
    }
  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->columns->len; c++)
        {
          /* Numbers as numbers; ids and MMDD stay text, leading zeros and all. */
          if (GPOINTER_TO_INT (g_ptr_array_index (table->numeric, c)) && *row[c] != '\0')
            worksheet_write_number (sheet, r + 1, c, g_ascii_strtod (row[c], NULL), NULL);
          else
            worksheet_write_string (sheet, r + 1, c, row[c], NULL);
        }
    }
  err = workbook_close (workbook);
  if (err != LXW_NO_ERROR)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_FAILED, _("Cannot write %s: %s"), path, lxw_strerror (err));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_text (const char  *text,
            const char  *output,
            GError     **error)
{
  if (output == NULL)
    {
      fputs (text, stdout);
      return fflush (stdout) == 0 || (g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_FAILED,
                                                           _("Cannot write to standard output.")), FALSE);
    }
  return lanyard_cli_write_file (output, text, -1, error);
}

static void
print_problems (const LanyardReportTable *table)
{
  for (guint i = 0; i < table->problems->len; i++)
    g_printerr ("%s\n", (const char *) g_ptr_array_index (table->problems, i));
}

/* Aggregated only: how many completed it, and per question the counts,
 * means and free text; never who answered what. */
static int
write_evaluations (LanyardStore       *store,
                   const LanyardEvent *event,
                   const char         *format,
                   const char         *output)
{
  g_autoptr(LanyardEvaluationReport) report = NULL;
  g_autoptr(LanyardReportTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean done;

  report = lanyard_report_evaluations (store, event, &error);
  if (report == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));
  if (g_str_equal (format, "pdf"))
    done = lanyard_evaluation_render_pdf (event, report, output, &error);
  else if (g_str_equal (format, "png"))
    done = lanyard_evaluation_render_png (event, report, output, &error);
  else
    {
      table = lanyard_evaluation_report_to_table (report);
      text = lanyard_report_table_to_text (table, ',');
      done = write_text (text, output, &error);
    }
  if (!done)
    return lanyard_cli_fail (g_steal_pointer (&error));
  return LANYARD_CLI_OK;
}

int
lanyard_cli_cmd_report (LanyardCli  *cli,
                        int          argc,
                        char       **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *mapping = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("pars: csv (default), tsv or xlsx; cpe-monitor: csv; evaluations: csv, pdf or png (its first page)"), N_("FORMAT") },
    { "mapping", 0, 0, G_OPTION_ARG_FILENAME, &mapping,
      N_("pars: rename and reorder the columns (a JSON file, see README)"), N_("FILE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("pars|cpe-monitor|evaluations — the files accreditors take"));
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(LanyardEvent) event = NULL;
  g_autoptr(LanyardReportTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *report;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return lanyard_cli_usage (context, _("report needs one report: pars, cpe-monitor or evaluations"));
  report = argv[1];
  if (!g_str_equal (report, "pars") && !g_str_equal (report, "cpe-monitor") && !g_str_equal (report, "evaluations"))
    return lanyard_cli_usage (context, _("report knows pars, cpe-monitor and evaluations"));
  if (format == NULL)
    format = g_strdup ("csv");
  if (g_str_equal (report, "pars") && !g_str_equal (format, "csv") && !g_str_equal (format, "tsv") &&
      !g_str_equal (format, "xlsx"))
    return lanyard_cli_usage (context, _("report pars writes csv, tsv or xlsx"));
  if (g_str_equal (report, "cpe-monitor") && !g_str_equal (format, "csv"))
    return lanyard_cli_usage (context, _("report cpe-monitor writes csv"));
  if (g_str_equal (report, "evaluations") && !g_str_equal (format, "csv") && !g_str_equal (format, "pdf") &&
      !g_str_equal (format, "png"))
    return lanyard_cli_usage (context, _("report evaluations writes csv, pdf or png"));
  if (mapping != NULL && !g_str_equal (report, "pars"))
    return lanyard_cli_usage (context, _("--mapping is for report pars"));
  if ((g_str_equal (format, "xlsx") || g_str_equal (format, "pdf") || g_str_equal (format, "png")) && output == NULL)
    return lanyard_cli_usage (context, _("an XLSX, PDF or PNG file needs -o FILE"));

  store = lanyard_cli_open_store (cli, &error);
  if (store == NULL || (event = lanyard_cli_load_event (store, &error)) == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));
  if (g_str_equal (report, "evaluations"))
    return write_evaluations (store, event, format, output);
  if (g_str_equal (report, "pars"))
    table = lanyard_report_pars (store, event, g_get_real_time (), &error);
  else
    table = lanyard_report_cpe_monitor (store, event, g_get_real_time (), &error);
  if (table == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));
  if (mapping != NULL)
    {
      g_autofree char *json = NULL;

      if (!g_file_get_contents (mapping, &json, NULL, &error) ||
          !lanyard_report_table_remap (table, json, &error))
        return lanyard_cli_fail (g_steal_pointer (&error));
    }

  print_problems (table);
  if (g_str_equal (format, "xlsx"))
    {
      if (!write_xlsx (table, "Learners", output, &error))
        return lanyard_cli_fail (g_steal_pointer (&error));
      return LANYARD_CLI_OK;
    }
  text = lanyard_report_table_to_text (table, g_str_equal (format, "tsv") ? '\t' : ',');
  if (!write_text (text, output, &error))
    return lanyard_cli_fail (g_steal_pointer (&error));
  return LANYARD_CLI_OK;
}
