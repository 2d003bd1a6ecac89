/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lanyardctl's print commands: printers, jobs, reprint, and the shared step
 * that prints a rendered PDF as a recorded job (used by badge/certificate).
 */
#pragma once

#include "lanyard-cli.h"

G_BEGIN_DECLS

int lanyard_cli_cmd_printers (LanyardCli *cli, int argc, char **argv);
int lanyard_cli_cmd_jobs     (LanyardCli *cli, int argc, char **argv);
int lanyard_cli_cmd_reprint  (LanyardCli *cli, int argc, char **argv);

/* Prints pdf_path on queue (NULL = default; a queue name or an ipp:// URI)
 * as a recorded job; job says what it is (lanyard_document_describe_*, its
 * attendee_id set) and is filled in as recorded. Says what happened on
 * stdout/stderr and returns an exit status. */
int lanyard_cli_print_document (LanyardStore    *store,
                                LanyardPrintJob *job,
                                const char      *pdf_path,
                                const char      *queue,
                                guint            timeout_seconds);

G_END_DECLS
