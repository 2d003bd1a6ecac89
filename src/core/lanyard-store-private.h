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
gboolean      lanyard_store_in_transaction (LanyardStore *self);
/* Many registrations in one transaction (a hub pull): their search index
 * rows written together before the commit (lanyard-store-attendee.c). */
gboolean      lanyard_store_defer_search_index   (LanyardStore  *self);
gboolean      lanyard_store_flush_search_index   (LanyardStore  *self,
                                                  GError       **error);
void          lanyard_store_discard_search_index (LanyardStore  *self);

/* A timeline row and the order it was recorded in (lanyard-store-log.c). */
typedef struct {
  gint64       rowid;
  LanyardScan *scan;
} LanyardRecordedScan;

LanyardRecordedScan lanyard_store_recorded_scan_from_row (sqlite3_stmt *stmt,
                                                          int           first,
                                                          gint64        attendee_id);
GPtrArray          *lanyard_store_timeline_from_rows     (GArray       *rows);

static inline void
lanyard_bind_text (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static inline char *
lanyard_column_dup (sqlite3_stmt *stmt,
                    int           index)
{
  const unsigned char *text = sqlite3_column_text (stmt, index);

  return text ? g_strdup ((const char *) text) : NULL;
}

G_END_DECLS
