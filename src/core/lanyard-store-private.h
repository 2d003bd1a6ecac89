/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "lanyard-store.h"

G_BEGIN_DECLS

sqlite3      *lanyard_store_get_db      (LanyardStore  *self);
sqlite3_stmt *lanyard_store_prepare     (LanyardStore  *self,
                                         const char    *sql,
                                         GError       **error);
gboolean      lanyard_store_set_error   (LanyardStore  *self,
                                         GError       **error);
char         *lanyard_store_fold_text   (const char    *text);

G_END_DECLS
