/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts tests/fixtures/cups-fixture.sh for one test and stops it after:
 * a private cupsd with queue "Badges" and an ippeveprinter behind it. The
 * environment (CUPS_SERVER…) is set for the process; libcups is told to
 * read it again.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *dir;          /* fixture directory (a g_dir_make_tmp dir) */
  char *queue;        /* "Badges" */
  char *printer_uri;  /* ipp://localhost:PORT/ipp/print (the printer) */
  char *spool;        /* where the printer keeps received documents */
} LanyardTestCups;

/* NULL (and g_test_skip message in *out_skip) when the tools are missing. */
LanyardTestCups *lanyard_test_cups_start       (char          **out_skip);
void             lanyard_test_cups_stop        (LanyardTestCups *self);
/* Runs the fixture script with an action (e.g. "media-empty", "on"). */
void             lanyard_test_cups_script      (LanyardTestCups *self,
                                                const char      *action,
                                                const char      *arg);
/* Sends signo to the fixture's cupsd: SIGSTOP for a print service that
 * takes connections and never answers, SIGCONT to undo it, SIGTERM to stop
 * it (the fixture's stop then finds it gone). */
void             lanyard_test_cups_signal_cupsd (LanyardTestCups *self,
                                                 int              signo);
/* Runs a command line (argv) with the fixture's environment; asserts exit 0. */
void             lanyard_test_cups_run         (LanyardTestCups *self,
                                                const char * const *argv);
/* Waits (up to limit_s) until the spool holds n *.pdf files; returns them
 * sorted by name (the printer's job number comes first). */
GPtrArray       *lanyard_test_cups_wait_spool  (LanyardTestCups *self,
                                                guint            n,
                                                guint            limit_s);
/* The state (ipp_jstate_t) of job_id on the fixture's cupsd. */
int              lanyard_test_cups_job_state   (LanyardTestCups *self,
                                                int              job_id);
/* The media keyword job_id was submitted with on the fixture's cupsd, or NULL. */
char            *lanyard_test_cups_job_media   (LanyardTestCups *self,
                                                int              job_id);
/* How many jobs the printer itself was sent, whatever became of them. */
guint            lanyard_test_cups_printer_jobs (LanyardTestCups *self);
/* How many documents came out of the printer's engine (printed, not
 * merely received), waiting up to limit_s for at least n of them. */
guint            lanyard_test_cups_printed      (LanyardTestCups *self,
                                                 guint            n,
                                                 guint            limit_s);
/* How many requests of an IPP operation ("CUPS-Get-Printers") cupsd has
 * logged so far. */
guint            lanyard_test_cups_count_requests (LanyardTestCups *self,
                                                   const char      *operation);
/* pdftotext of a file, or NULL. */
char            *lanyard_test_pdftotext        (const char      *pdf_path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardTestCups, lanyard_test_cups_stop)

G_END_DECLS
