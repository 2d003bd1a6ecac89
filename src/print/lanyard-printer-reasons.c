/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * printer-state-reasons → a short sentence for a person at a kiosk.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lanyard-print.h"

typedef struct {
  const char *prefix;
  const char *message;
  gboolean    is_error;
} ReasonText;

/* Most serious first: the first match in this order wins. */
static const ReasonText reason_texts[] = {
  { "media-empty", N_("The printer is out of labels or paper"), TRUE },
  { "media-needed", N_("The printer is out of labels or paper"), TRUE },
  { "media-jam", N_("Paper jam"), TRUE },
  { "door-open", N_("A door is open"), TRUE },
  { "cover-open", N_("A door is open"), TRUE },
  { "interlock-open", N_("A door is open"), TRUE },
  { "offline", N_("The printer is offline"), TRUE },
  { "shutdown", N_("The printer is offline"), TRUE },
  { "connecting-to-device", N_("The printer is offline"), TRUE },
  { "toner-empty", N_("The printer is out of toner or ink"), TRUE },
  { "marker-supply-empty", N_("The printer is out of toner or ink"), TRUE },
  { "input-tray-missing", N_("A paper tray is missing"), TRUE },
  { "output-area-full", N_("The output tray is full"), TRUE },
  { "output-tray-missing", N_("The output tray is missing"), TRUE },
  { "paused", N_("Printing is paused on this printer"), TRUE },
  { "stopped", N_("The printer has stopped"), TRUE },
  { "spool-area-full", N_("The printer's memory is full"), TRUE },
  { "cups-missing-filter", N_("This printer cannot print these documents"), TRUE },
  { "toner-low", N_("Toner is low"), FALSE },
  { "marker-supply-low", N_("Toner or ink is low"), FALSE },
  { "media-low", N_("Labels or paper are running low"), FALSE },
};

/* Splits "media-empty-error" into "media-empty" and its suffix. "-report"
 * reasons are informational and never shown. */
static char *
split_reason (const char *reason,
              gboolean   *out_report,
              gboolean   *out_warning)
{
  *out_report = FALSE;
  *out_warning = FALSE;
  if (g_str_has_suffix (reason, "-error"))
    return g_strndup (reason, strlen (reason) - strlen ("-error"));
  if (g_str_has_suffix (reason, "-warning"))
    {
      *out_warning = TRUE;
      return g_strndup (reason, strlen (reason) - strlen ("-warning"));
    }
  if (g_str_has_suffix (reason, "-report"))
    {
      *out_report = TRUE;
      return g_strndup (reason, strlen (reason) - strlen ("-report"));
    }
  return g_strdup (reason);
}

char *
lanyard_printer_reasons_to_message (const char * const *reasons,
                                    gboolean           *out_is_error)
{
  int best = -1;
  gboolean best_is_error = FALSE;
  g_autofree char *unknown_error = NULL;

  if (out_is_error != NULL)
    *out_is_error = FALSE;
  if (reasons == NULL)
    return NULL;

  for (guint i = 0; reasons[i] != NULL; i++)
    {
      gboolean report, warning, matched = FALSE;
      g_autofree char *base = split_reason (reasons[i], &report, &warning);

      if (report || g_str_equal (base, "none") || *base == '\0')
        continue;

      for (guint k = 0; k < G_N_ELEMENTS (reason_texts); k++)
        {
          gboolean is_error;

          if (!g_str_has_prefix (base, reason_texts[k].prefix))
            continue;
          matched = TRUE;
          /* Severity comes from the table, not the suffix: printers say
           * "media-empty-warning" while the job waits for labels
           * (ippeveprinter does), and that job will not print. */
          is_error = reason_texts[k].is_error;
          /* Errors outrank warnings, then table order. */
          if (best < 0 || (is_error && !best_is_error)
              || (is_error == best_is_error && (int) k < best))
            {
              best = k;
              best_is_error = is_error;
            }
          break;
        }

      /* An error the table does not know (vendor reasons; CUPS' own
       * "cups-…" bookkeeping is not a problem) still blocks printing. */
      if (!matched && !warning && unknown_error == NULL
          && !g_str_has_prefix (base, "cups-")
          && !g_str_has_prefix (base, "com.apple.")
          && !g_str_equal (base, "moving-to-paused")
          && !g_str_equal (base, "other"))
        unknown_error = g_strdup (base);
    }

  if (best >= 0 && (best_is_error || unknown_error == NULL))
    {
      if (out_is_error != NULL)
        *out_is_error = best_is_error;
      return g_strdup (_(reason_texts[best].message));
    }
  if (unknown_error != NULL)
    {
      if (out_is_error != NULL)
        *out_is_error = TRUE;
      /* TRANSLATORS: %s is the printer's own reason keyword. */
      return g_strdup_printf (_("The printer reports a problem (%s)"), unknown_error);
    }
  return NULL;
}
