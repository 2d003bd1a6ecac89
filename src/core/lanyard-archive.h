/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The retention bundle (CME.md, "Records and retention": 6 years, exportable
 * together, unaltered): a folder, readable without Lanyard, with the
 * event, registrations, scan log, claims, evaluations, certificates issued
 * (their PDFs and SHA-256), audit trail and print jobs as CSV, an SQLite
 * snapshot made with the backup API, and MANIFEST.sha256 in sha256sum's
 * own format, so `sha256sum -c MANIFEST.sha256` checks it too.
 */
#pragma once

#include <glib.h>

#include "lanyard-store.h"

G_BEGIN_DECLS

#define LANYARD_ARCHIVE_MANIFEST "MANIFEST.sha256"

/* Writes the bundle into DIR (made; refused when it exists and is not
 * empty). Returns the manifest's own SHA-256, to write down elsewhere. */
char     *lanyard_archive_write  (LanyardStore  *store,
                                  const char    *dir,
                                  GError       **error);
/* FALSE with LANYARD_ERROR_INVALID_DATA naming the first file altered,
 * missing or not in the manifest; every such file is in OUT_BAD. */
gboolean  lanyard_archive_verify (const char    *dir,
                                  GStrv         *out_bad,
                                  GError       **error);

G_END_DECLS
