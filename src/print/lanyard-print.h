/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Printing through CUPS: a named local queue, or a driverless IPP Everywhere
 * printer given as an ipp:// (or ipps://) URI.
 *
 * Every request is recorded in the store (LanyardPrintJob) before anything
 * is sent, then followed to a final state:
 *   COMPLETED  the printer says it is done;
 *   SUBMITTED  also when Lanyard stopped following: at the printer with
 *              an error (out of labels…), or timed out — it waits there;
 *   FAILED     refused, aborted, a stopped queue, unreachable —
 *              retryable: lanyard_print_job_retry_* draws
 *              the document again and sends it as the same record (the
 *              first PDF is kept in pdf_path as evidence);
 *   CANCELLED  cancelled by the caller (GCancellable) or at the printer.
 * job->error holds the reason in words a person at a kiosk understands.
 *
 * No double prints: one print request comes out at most once unless staff
 * ask for a copy (force). A job that reached the printer, or waits for
 * labels or paper, or outlasts the timeout, is never cancelled: it stays
 * SUBMITTED with the reason in job->error (the caller hears the error) and
 * may still come out. Before a retry sends anything it asks CUPS what
 * became of the first job (state, impressions completed): printed → the
 * record is COMPLETED and nothing is sent; still held → it is followed,
 * not sent again; cancelled or aborted with nothing printed → sent again.
 * Only a job that never left a stopped queue (or that the caller
 * cancelled) is cancelled at CUPS.
 *
 * Threading: libcups blocks, so the *_async calls run in a GTask worker
 * thread. The caller's LanyardStore is never touched from that thread: the
 * worker opens its own connection on lanyard_store_get_path() (SQLite
 * connections are per thread). The *_sync calls do the same work on the
 * calling thread with the caller's store (for lanyardctl and tests).
 *
 * The connection honours $CUPS_SERVER. Every wait on cupsd or a printer
 * (listing, connecting, submitting, following) ends at the caller's
 * timeout: a print service that is stuck or gone says "The print service
 * cannot be reached".
 */
#pragma once

#include <gio/gio.h>

#include "lanyard-model.h"
#include "lanyard-store.h"

G_BEGIN_DECLS

typedef enum {
  LANYARD_PRINTER_IDLE,
  LANYARD_PRINTER_PROCESSING,
  LANYARD_PRINTER_STOPPED,
  LANYARD_PRINTER_UNREACHABLE,
} LanyardPrinterState;

typedef struct {
  char               *name;     /* queue name, or the URI for ipp:// */
  char               *uri;      /* device-uri / printer-uri-supported */
  LanyardPrinterState state;
  GStrv               reasons;  /* printer-state-reasons, "none" dropped */
  char               *message;  /* for people, translated; NULL if all is well */
  gboolean            is_error; /* message is an error, not a warning */
  gboolean            accepting;
  gboolean            is_default;
  gboolean            monochrome;     /* color-supported false (PPD ColorDevice False) */
  int                 dpi;            /* printer-resolution-default; 0 = not known */
  char               *make_and_model; /* or NULL */
  char               *kind;           /* "Zebra ZPL Label Printer, 203 dpi, monochrome", translated; NULL if not known */
} LanyardPrinterStatus;

void                  lanyard_printer_status_free        (LanyardPrinterStatus *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardPrinterStatus, lanyard_printer_status_free)

const char           *lanyard_printer_state_to_string    (LanyardPrinterState state);

/* Local CUPS queues (LanyardPrinterStatus*), sorted by name. Gives up
 * after timeout_seconds: "The print service cannot be reached". */
GPtrArray            *lanyard_printer_list               (guint                 timeout_seconds,
                                                          GError              **error);
/* A queue name or an ipp:// URI; UNREACHABLE printers return a status
 * (state UNREACHABLE, message set) rather than an error; unknown queue
 * names fail with LANYARD_ERROR_NOT_FOUND. */
LanyardPrinterStatus *lanyard_printer_get_status         (const char           *queue_or_uri,
                                                          guint                 timeout_seconds,
                                                          GError              **error);
/* "The printer is out of labels", "Paper jam", "A door is open",
 * "The printer is offline", "Toner is low" (warning)…; matches the prefix of
 * each reason, ignoring -error/-warning/-report; the most serious reason
 * wins. NULL when no reason matters ("none", "-report" only…). */
char                 *lanyard_printer_reasons_to_message (const char * const   *reasons,
                                                          gboolean             *out_is_error);

/* Records job (document, queue, pdf_path, attendee_id filled by the caller;
 * NULL queue = the CUPS default destination) with lanyard_store_add_print_job,
 * copies the PDF to the kept-documents directory when it is elsewhere (so a
 * temporary file may be passed), submits it with media chosen by size
 * (width_pt × height_pt; 0 × 0 = the printer's default), follows it until
 * final or timeout_seconds, and updates the record. Returns TRUE only for
 * COMPLETED; otherwise the error says why and job->state/job->error match
 * the stored record. */
void      lanyard_print_job_run_async    (LanyardStore        *store,
                                          LanyardPrintJob     *job,
                                          double               width_pt,
                                          double               height_pt,
                                          guint                timeout_seconds,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/* out_job: the final record (a copy; free it). Set even when FALSE. */
gboolean  lanyard_print_job_run_finish   (GAsyncResult        *result,
                                          LanyardPrintJob    **out_job,
                                          GError             **error);
/* job is updated in place (id, uuid, state, cups_job_id, error, pdf_path). */
gboolean  lanyard_print_job_run_sync     (LanyardStore        *store,
                                          LanyardPrintJob     *job,
                                          double               width_pt,
                                          double               height_pt,
                                          guint                timeout_seconds,
                                          GCancellable        *cancellable,
                                          GError             **error);

/* Draws job's document again into pdf_path from what store says now (the
 * current badge version and name; the job's template_name or paper) and
 * sets job->badge_version and job->printed_name to what was drawn. FALSE
 * with error to refuse, e.g. for a cancelled registration. Runs on the
 * thread that retries, with that thread's store. See lanyard-document.h. */
typedef gboolean (*LanyardPrintRedrawFunc) (LanyardStore    *store,
                                            LanyardPrintJob *job,
                                            const char      *pdf_path,
                                            GError         **error);

/* What became of a recorded job that was not seen to the end (PENDING,
 * SUBMITTED, or FAILED with a CUPS job), e.g. after Lanyard was killed:
 * CUPS is asked about the job (by its id, or by its name when Lanyard
 * stopped before it heard the id) and the record says what it answered:
 * COMPLETED when it printed (some impressions count), SUBMITTED while CUPS
 * or the printer still holds it, FAILED when it was cancelled or aborted
 * with nothing printed or CUPS has no record of it. FALSE only when CUPS
 * or the store could not be asked. */
gboolean  lanyard_print_job_reconcile_sync (LanyardStore     *store,
                                            gint64            job_id,
                                            guint             timeout_seconds,
                                            LanyardPrintJob **out_job,
                                            GError          **error);

/* Prints a recorded job again as the same record: first asks CUPS what
 * became of it (as lanyard_print_job_reconcile_sync): one that printed is
 * recorded COMPLETED and TRUE is returned with nothing sent; one still
 * held is followed until the timeout instead. Otherwise redraw draws it into a
 * new kept file (the first try's pdf_path stays as evidence), sent with
 * the job's recorded media and copies (queue may override the recorded
 * one, NULL keeps it). Refuses COMPLETED jobs unless force; force (staff
 * asking for a copy) sends a copy without asking. */
gboolean  lanyard_print_job_retry_sync   (LanyardStore           *store,
                                          gint64                  job_id,
                                          const char             *queue,
                                          gboolean                force,
                                          LanyardPrintRedrawFunc  redraw,
                                          guint                   timeout_seconds,
                                          GCancellable           *cancellable,
                                          LanyardPrintJob       **out_job,
                                          GError                **error);
void      lanyard_print_job_retry_async  (LanyardStore           *store,
                                          gint64                  job_id,
                                          const char             *queue,
                                          gboolean                force,
                                          LanyardPrintRedrawFunc  redraw,
                                          guint                   timeout_seconds,
                                          GCancellable           *cancellable,
                                          GAsyncReadyCallback     callback,
                                          gpointer                user_data);
gboolean  lanyard_print_job_retry_finish (GAsyncResult           *result,
                                          LanyardPrintJob       **out_job,
                                          GError                **error);

/* Where kept PDFs live: $LANYARD_PRINT_DIR or user cache dir/lanyard/print. */
char     *lanyard_print_dup_kept_dir     (void);
/* A new path in that folder (made if missing) for a document about to be
 * drawn: "badge-UUID.pdf". The kept copy is then the drawn file itself. */
char     *lanyard_print_new_kept_path    (const char          *document,
                                          GError             **error);

/* Submits a PDF and returns as soon as CUPS accepted it (cupsd job id in
 * *out_cups_job_id); no record, no following. For the benchmark and tests. */
gboolean  lanyard_print_submit_only      (const char          *queue_or_uri,
                                          const char          *pdf_path,
                                          double               width_pt,
                                          double               height_pt,
                                          int                 *out_cups_job_id,
                                          GError             **error);

G_END_DECLS
