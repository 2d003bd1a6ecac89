/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Registration import from CSV (RFC 4180, read with libcsv). One file is
 * one transaction: a file that cannot be parsed changes nothing; bad rows
 * are rejected with their line number and the rest imported.
 */
#pragma once

#include <glib.h>

#include "lanyard-model.h"
#include "lanyard-store.h"

G_BEGIN_DECLS

typedef struct {
  guint  line;          /* physical line where the record starts (1 = header) */
  char  *ticket_code;   /* may be NULL */
  char  *reason;        /* for people */
} LanyardImportRejection;

/* Every data row read ends in exactly one of the four counts:
 * imported + updated + unchanged + rejected == rows. */
typedef struct {
  guint      rows;       /* data rows read (the header not counted) */
  guint      imported;   /* new attendees */
  guint      updated;    /* attendees whose data changed */
  guint      unchanged;
  guint      rejected;
  GPtrArray *rejections; /* LanyardImportRejection* */
} LanyardImportReport;

LanyardImportReport *lanyard_csv_import_file   (LanyardStore        *store,
                                                const LanyardEvent  *event,
                                                const char          *csv_path,
                                                const char          *mapping_path,
                                                GError             **error);
LanyardImportReport *lanyard_csv_import_data   (LanyardStore        *store,
                                                const LanyardEvent  *event,
                                                const char          *data,
                                                gsize                length,
                                                const char          *mapping_json,
                                                GError             **error);
void                 lanyard_import_report_free (LanyardImportReport *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardImportReport, lanyard_import_report_free)

G_END_DECLS
