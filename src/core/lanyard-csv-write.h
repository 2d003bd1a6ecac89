/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CSV as Lanyard writes it (exports, reports, the archive): RFC 4180, a
 * field quoted when it holds a comma, a quote or a line break.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void lanyard_csv_write_field (GString    *out,
                              const char *value);

G_END_DECLS
