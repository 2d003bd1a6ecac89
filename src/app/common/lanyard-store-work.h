/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One piece of work on the store (a read, or a write the window waits
 * for) on a worker thread, with a connection of its own to the file, its
 * result handed to a window on the main thread. The windows' reads that
 * grow with the meeting (a search that merges the full-text index, counts
 * over a log of millions of scans, an attendee's page) and the writes a
 * person waits on (the kiosk's check-in) go this way, so that the main
 * loop never waits for them (tests/bench/bench-stall.c), nor for another
 * process holding the file. A write is done whether or not the window is
 * still there to be told.
 *
 * The window is held weakly while the read runs: a task's data may be
 * freed on its worker thread, and the last reference to a window must
 * not be dropped there (a crash seen once in the desk's window test).
 */
#pragma once

#include <gio/gio.h>

#include "lanyard-store.h"

G_BEGIN_DECLS

/* On the worker thread: works on @store (the worker's own connection) for
 * @data and returns the result, or sets @error (the result is then
 * dropped). NULL is a result like any other. */
typedef gpointer (*LanyardStoreWorkFunc)     (LanyardStore  *store,
                                              gpointer       data,
                                              GError       **error);

/* On the main thread, only while @owner still exists and the work was not
 * cancelled: @result is the caller's from here on (free it with
 * @result_free); @error is set when the work failed (also when the file
 * could not be opened). */
typedef void     (*LanyardStoreWorkDoneFunc) (gpointer       owner,
                                              gpointer       result,
                                              const GError  *error,
                                              gpointer       data);

/* Runs @work on the file of @store on a worker thread, then calls
 * @done for @owner (held weakly) on the thread default main context.
 * @data goes to both and is freed with @data_free, maybe on the worker
 * thread: it must hold no window. A result that finds @owner gone or
 * @cancellable cancelled is freed with @result_free. */
void lanyard_store_work_async (LanyardStore             *store,
                               gpointer                  owner,
                               LanyardStoreWorkFunc      work,
                               GDestroyNotify            result_free,
                               LanyardStoreWorkDoneFunc  done,
                               gpointer                  data,
                               GDestroyNotify            data_free,
                               GCancellable             *cancellable);

G_END_DECLS
