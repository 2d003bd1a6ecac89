/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "lanyard-store.h"

G_BEGIN_DECLS

/* A store in the fuzz run's folder holding the demo event (csv-import,
 * sync-rows); @out_event (optional) gets the event. */
LanyardStore *lanyard_fuzz_open_demo_store (LanyardEvent **out_event);

G_END_DECLS
