/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reports the CME office hands to accreditors (CME.md, "Reporting
 * learners" and "Reporting pharmacists"), as tables: a header, rows of
 * text, and the problems — learners left out, in words, for stderr. What a
 * learner earned and claimed comes from the certificate's preparation
 * (lanyard-certificate.h, itself the credits engine), never recomputed.
 * No GTK, no file formats: the caller writes the table as CSV or XLSX.
 */
#pragma once

#include <glib.h>

#include "lanyard-model.h"
#include "lanyard-store.h"

G_BEGIN_DECLS

typedef struct {
  GPtrArray *columns;  /* char*: the header */
  GPtrArray *rows;     /* GStrv, one text per column */
  GPtrArray *numeric;  /* unused (NULL) or GINT_TO_POINTER (TRUE) per column holding numbers */
  GPtrArray *problems; /* char*: a learner left out or warned about, and why */
} LanyardReportTable;

LanyardReportTable *lanyard_report_table_new   (const char * const *columns);
void                lanyard_report_table_free  (LanyardReportTable *self);

/* ACCME PARS learner batch: learners who claimed AMA PRA Category 1 credit
 * or MOC points and gave permission to report; credits in multiples of
 * 0.25. Rows missing a field the boards need become problems. */
LanyardReportTable *lanyard_report_pars        (LanyardStore       *store,
                                                const LanyardEvent *event,
                                                gint64              now,
                                                GError            **error);
/* NABP CPE Monitor: learners of a credit type with a UAN (pharmacists,
 * technicians). Past day 60 and missing ids are problems. */
LanyardReportTable *lanyard_report_cpe_monitor (LanyardStore       *store,
                                                const LanyardEvent *event,
                                                gint64              now,
                                                GError            **error);
/* The evaluation, aggregated: per question, and per session for the
 * questions asked per session; each learner's last answer counts once.
 * Who answered is never in it: only how many completed the evaluation. */
typedef struct {
  const LanyardQuestion *question; /* borrowed from the event */
  const LanyardSession  *session;  /* borrowed; NULL = the activity */
  guint                  answers;
  double                 mean;     /* SCALE */
  guint                  scores[5]; /* SCALE: how many gave 1 … 5 */
  guint                 *choices;  /* CHOICE: how many chose each of question->choices */
  GPtrArray             *texts;    /* TEXT: char*, in the order given */
} LanyardEvaluationItem;

typedef struct {
  guint      completed; /* learners who completed the evaluation */
  GPtrArray *items;     /* LanyardEvaluationItem*, by question, then session */
} LanyardEvaluationReport;

LanyardEvaluationReport *lanyard_report_evaluations (LanyardStore       *store,
                                                     const LanyardEvent *event,
                                                     GError            **error);
LanyardReportTable      *lanyard_evaluation_report_to_table (const LanyardEvaluationReport *self);
void                     lanyard_evaluation_report_free     (LanyardEvaluationReport       *self);

/* A mapping file renames and reorders the columns ({"columns": ["Ours",
 * {"Their header": "Ours"}, …]}): the official templates change. */
gboolean            lanyard_report_table_remap (LanyardReportTable *self,
                                                const char         *mapping_json,
                                                GError            **error);
/* RFC 4180 CSV (CRLF, fields quoted when needed) or, with '\t', TSV
 * (tabs and line breaks inside a field become spaces). */
char               *lanyard_report_table_to_text (const LanyardReportTable *self,
                                                  char                      separator);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardReportTable, lanyard_report_table_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardEvaluationReport, lanyard_evaluation_report_free)

G_END_DECLS
