/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Registration import from CSV (RFC 4180, read with libcsv). One file is
 * one transaction: a file that cannot be parsed changes nothing; bad rows
 * are rejected with their line number and the rest imported.
 *
 * lanyard_csv_import() is the one entry point with every option (presets,
 * value maps, dry run, full lists); the CLI's import and the hub's import
 * both call it with a LanyardImportOptions.
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
  char  *column;        /* a keyword the row could not map: their column… */
  char  *value;         /* … and the value as the file has it; else both NULL */
} LanyardImportRejection;

/* Every data row read ends in exactly one of the four counts:
 * imported + updated + unchanged + rejected == rows. */
typedef struct {
  guint      rows;       /* data rows read (the header not counted) */
  guint      imported;   /* new attendees */
  guint      updated;    /* attendees whose data changed */
  guint      unchanged;
  guint      rejected;
  guint      cancelled;  /* active registrations this import cancels (a row now says so,
                          * or cancel_missing and absent); not a fifth count of rows */
  gboolean   dry_run;    /* the counts are what would happen: nothing was written */
  GPtrArray *rejections; /* LanyardImportRejection* */
  GPtrArray *missing;    /* LanyardAttendee*: with full, active registrations not in the
                          * file (walk-ins never); as they were before this import */
} LanyardImportReport;

typedef struct {
  const char *preset;         /* "eventbrite", "cvent", "pretix", or NULL */
  const char *mapping_path;   /* a mapping file (lanyard_csv_import_file only) … */
  const char *mapping_json;   /* … or its text; its entries win over the preset's */
  gboolean    dry_run;        /* do it all, report it, write nothing */
  gboolean    full;           /* the file is the registration system's whole list */
  gboolean    cancel_missing; /* with full: cancel the registrations it does not name */
} LanyardImportOptions;

LanyardImportReport *lanyard_csv_import        (LanyardStore               *store,
                                                const LanyardEvent         *event,
                                                const char                 *data,
                                                gsize                       length,
                                                const LanyardImportOptions *options,
                                                GError                    **error);
LanyardImportReport *lanyard_csv_import_file   (LanyardStore               *store,
                                                const LanyardEvent         *event,
                                                const char                 *csv_path,
                                                const LanyardImportOptions *options,
                                                GError                    **error);
LanyardImportReport *lanyard_csv_import_data   (LanyardStore        *store,
                                                const LanyardEvent  *event,
                                                const char          *data,
                                                gsize                length,
                                                const char          *mapping_json,
                                                GError             **error);
void                 lanyard_import_report_free (LanyardImportReport *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardImportReport, lanyard_import_report_free)

G_END_DECLS
