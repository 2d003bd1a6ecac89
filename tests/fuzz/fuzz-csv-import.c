/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The registration import: a column mapping (JSON) and a CSV file, in one
 * input as MAPPING NUL CSV; without a NUL the whole input is the CSV and
 * the standard columns apply. The demo event is in the store; each import
 * runs inside a transaction rolled back after it, so inputs stay
 * independent. Every row read must end in exactly one count.
 */
#include "config.h"

#include <string.h>

#include "lanyard-csv-import.h"
#include "lanyard-event-import.h"
#include "lanyard-fuzz.h"
#include "lanyard-fuzz-store.h"
#include "lanyard-store.h"

static LanyardStore *store;
static LanyardEvent *event;

static void
setup (void)
{
  lanyard_fuzz_abort_on (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  store = lanyard_fuzz_open_demo_store (&event);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardImportReport) report = NULL;
  g_autofree char *mapping = NULL;
  const uint8_t *nul = memchr (data, '\0', size);
  const char *csv = (const char *) data;
  gsize csv_len = size;

  if (store == NULL)
    setup ();
  if (nul != NULL)
    {
      mapping = g_strndup ((const char *) data, nul - data);
      csv = (const char *) nul + 1;
      csv_len = size - (nul - data) - 1;
    }

  g_assert_true (lanyard_store_begin (store, &error));
  report = lanyard_csv_import_data (store, event, csv, csv_len, mapping, &error);
  lanyard_store_rollback (store);

  g_assert_true ((report == NULL) != (error == NULL));
  if (report != NULL)
    {
      g_assert_cmpuint (report->imported + report->updated + report->unchanged + report->rejected, ==, report->rows);
      g_assert_cmpuint (report->rejections->len, ==, report->rejected);
      for (guint i = 0; i < report->rejections->len; i++)
        {
          const LanyardImportRejection *r = report->rejections->pdata[i];

          g_assert_true (g_utf8_validate (r->reason, -1, NULL));
          g_assert_true (r->ticket_code == NULL || g_utf8_validate (r->ticket_code, -1, NULL));
        }
    }
  else
    lanyard_fuzz_assert_message (error);
  return 0;
}
