/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads an event definition (JSON; the format is in README.md).
 */
#pragma once

#include <glib.h>

#include "lanyard-model.h"

G_BEGIN_DECLS

LanyardEvent *lanyard_event_load_file (const char  *path,
                                       GError     **error);
LanyardEvent *lanyard_event_load_data (const char  *json,
                                       gssize       length,
                                       GError     **error);

G_END_DECLS
