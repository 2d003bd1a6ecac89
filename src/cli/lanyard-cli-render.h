/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lanyardctl's documents: badge, badges (batch pre-print) and certificate,
 * each to a PDF file or through CUPS as a recorded print job.
 */
#pragma once

#include "lanyard-cli.h"

G_BEGIN_DECLS

int lanyard_cli_cmd_badge       (LanyardCli *cli, int argc, char **argv);
int lanyard_cli_cmd_badges      (LanyardCli *cli, int argc, char **argv);
int lanyard_cli_cmd_certificate (LanyardCli *cli, int argc, char **argv);

/* The badge for one attendee, as a PDF in the print queue's kept folder
 * (or at pdf_path), then printed when print is set. Shared with
 * replace-badge --print. */
int lanyard_cli_output_badge    (LanyardStore          *store,
                                 const LanyardEvent    *event,
                                 const LanyardAttendee *attendee,
                                 const char            *template_name,
                                 const char            *pdf_path,
                                 gboolean               print,
                                 const char            *queue,
                                 int                    timeout_seconds,
                                 const char            *device,
                                 LanyardScanKind        kind);

G_END_DECLS
