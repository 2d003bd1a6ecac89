/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lanyard-error.h"

G_DEFINE_QUARK (lanyard-error-quark, lanyard_error)
