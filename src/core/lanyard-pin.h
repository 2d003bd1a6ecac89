/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The staff PIN: an Argon2id hash in the store (never the PIN itself), five
 * wrong tries in a row lock entry for a minute, across restarts too.
 */
#pragma once

#include <glib.h>

#include "lanyard-store.h"

G_BEGIN_DECLS

#define LANYARD_PIN_MAX_TRIES      5
#define LANYARD_PIN_LOCK_SECONDS   60

gboolean lanyard_pin_set    (LanyardStore  *store,
                             const char    *pin,
                             GError       **error);
gboolean lanyard_pin_verify (LanyardStore  *store,
                             const char    *pin,
                             gint64         now,
                             GError       **error);

G_END_DECLS
