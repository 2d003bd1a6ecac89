/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <poll.h>
#include <unistd.h>

#include "lanyard-error.h"
#include "lanyard-hub-schema.h"
#include "lanyard-store-private.h"
#include "lanyard-sync-private.h"
#include "lanyard-sync-worker.h"

/* How often the worker looks for another connection's commit. */
#define WATCH_MS 200
/* Pulls the hub asks for, at most this often: with 50 devices every scan
 * notified all 50, and they pulled without a pause (bench-sync: p99 5.4 s,
 * worse than polling alone). */
#define PULL_GAP (250 * 1000)

/* How long disposing the worker waits for its thread to leave. */
#define STOP_WAIT_SECONDS 3

/* What the thread and the object share; the thread holds a reference, so
 * the object may go while the thread finishes a network call. */
typedef struct {
  gatomicrefcount    ref;
  GMutex             lock;
  char              *db_path;
  GMainContext      *context;
  GWeakRef           owner;
  int                wake[2];
  gint               stop;     /* atomic */
  gint               listen;   /* atomic */
  LanyardSyncStatus *status;   /* under lock */
  GCond              done_cond;
  gboolean           done;     /* under lock: the thread left run() */
} Shared;

struct _LanyardSyncWorker
{
  GObject  parent_instance;

  Shared  *shared;
  GThread *thread;
};

enum {
  SIGNAL_STATUS_CHANGED,
  SIGNAL_PULLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LanyardSyncWorker, lanyard_sync_worker, G_TYPE_OBJECT)

static Shared *
shared_ref (Shared *sh)
{
  g_atomic_ref_count_inc (&sh->ref);
  return sh;
}

static void
shared_unref (Shared *sh)
{
  if (!g_atomic_ref_count_dec (&sh->ref))
    return;
  g_mutex_clear (&sh->lock);
  g_cond_clear (&sh->done_cond);
  g_free (sh->db_path);
  g_main_context_unref (sh->context);
  g_weak_ref_clear (&sh->owner);
  close (sh->wake[0]);
  close (sh->wake[1]);
  lanyard_sync_status_free (sh->status);
  g_free (sh);
}

static void
wake (Shared *sh)
{
  char c = 1;

  while (write (sh->wake[1], &c, 1) < 0 && errno == EINTR)
    ;
}

typedef struct {
  Shared *shared;
  guint   signal;
  guint   rows;
} Emission;

static void
emission_free (gpointer data)
{
  Emission *e = data;

  shared_unref (e->shared);
  g_free (e);
}

static gboolean
emit_cb (gpointer data)
{
  Emission *e = data;
  g_autoptr(LanyardSyncWorker) self = g_weak_ref_get (&e->shared->owner);

  if (self == NULL)
    return G_SOURCE_REMOVE;
  if (e->signal == SIGNAL_PULLED)
    g_signal_emit (self, signals[SIGNAL_PULLED], 0, e->rows);
  else
    g_signal_emit (self, signals[SIGNAL_STATUS_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static void
emit (Shared *sh,
      guint   signal,
      guint   rows)
{
  Emission *e = g_new0 (Emission, 1);
  GSource *source = g_idle_source_new ();

  e->shared = shared_ref (sh);
  e->signal = signal;
  e->rows = rows;
  /* Not g_main_context_invoke: it runs the function right here, on this
   * thread, whenever it can acquire a context nobody iterates just now. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, emit_cb, e, emission_free);
  g_source_set_static_name (source, "lanyard-sync-emit");
  g_source_attach (source, sh->context);
  g_source_unref (source);
}

static void
update_status (Shared       *sh,
               LanyardStore *store)
{
  LanyardSyncStatus *status = lanyard_sync_read_status (store);

  g_mutex_lock (&sh->lock);
  lanyard_sync_status_free (sh->status);
  sh->status = status;
  g_mutex_unlock (&sh->lock);
  emit (sh, SIGNAL_STATUS_CHANGED, 0);
}

static gint64
data_version (LanyardStore *store)
{
  sqlite3_stmt *stmt = lanyard_store_prepare (store, "PRAGMA data_version", NULL);
  gint64 v = -1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return v;
}

static PGconn *
connect_and_listen (Shared        *sh,
                    LanyardStore  *store,
                    GError       **error)
{
  g_autoptr(PGconn) conn = lanyard_sync_connect (store, error);

  if (conn == NULL)
    return NULL;
  if (g_atomic_int_get (&sh->listen) && !lanyard_hub_exec (conn, "LISTEN " LANYARD_HUB_CHANNEL, error))
    return NULL;
  return g_steal_pointer (&conn);
}

/* TRUE when libpq holds notifications already read: it reads them with
 * the replies to a sync's own queries (the hub delivers one that came
 * during the pull's transaction with its COMMIT), and the socket is then
 * quiet, so poll() would not tell of them. */
static gboolean
take_notifications (PGconn *conn)
{
  PGnotify *n;
  gboolean any = FALSE;

  while ((n = PQnotifies (conn)) != NULL)
    {
      PQfreemem (n);
      any = TRUE;
    }
  return any;
}

static gboolean
drain_notifications (PGconn *conn)
{
  if (!PQconsumeInput (conn))
    return FALSE;
  take_notifications (conn);
  return TRUE;
}

/* The thread's last act: whoever waits for it may go on. */
static void
finish (Shared *sh)
{
  g_mutex_lock (&sh->lock);
  sh->done = TRUE;
  g_cond_broadcast (&sh->done_cond);
  g_mutex_unlock (&sh->lock);
  shared_unref (sh);
}

static gpointer
run (gpointer data)
{
  Shared *sh = data;
  g_autoptr(GError) open_error = NULL;
  g_autoptr(LanyardStore) store = lanyard_store_open (sh->db_path, &open_error);
  g_autoptr(PGconn) conn = NULL;
  gint64 backoff = G_USEC_PER_SEC;
  gint64 next_attempt = 0, next_poll = 0;
  gint64 seen_version = -1;
  gint64 pull_due = 0, last_sync = 0;
  gboolean want_sync = TRUE;

  if (store == NULL)
    {
      g_warning ("sync: %s", open_error->message);
      finish (sh);
      return NULL;
    }
  /* This connection writes only what the hub can give again: pulled rows
   * with their cursor (one transaction, whole or not at all in WAL mode
   * without a sync either), the outbox emptied after a push (pushed again,
   * the hub skips what it has) and bookkeeping. Not syncing each of its
   * commits saves two fsyncs on every notified pull; what the device
   * itself records is committed on the app's connection, synced, and that
   * sync takes these frames with it. */
  if (sqlite3_exec (lanyard_store_get_db (store), "PRAGMA synchronous = NORMAL", NULL, NULL, NULL) != SQLITE_OK)
    g_debug ("sync: %s", sqlite3_errmsg (lanyard_store_get_db (store)));
  update_status (sh, store);

  while (!g_atomic_int_get (&sh->stop))
    {
      gint64 now = g_get_monotonic_time ();
      gint64 version = data_version (store);
      struct pollfd fds[2];
      int n_fds = 1, timeout_ms;

      /* another connection committed: a new scan to push, perhaps */
      if (version != seen_version)
        {
          if (seen_version != -1 && lanyard_sync_count_waiting (store) > 0)
            {
              want_sync = TRUE;
              if (conn == NULL)
                update_status (sh, store);
            }
          seen_version = version;
        }
      if (now >= next_poll || (pull_due != 0 && now >= pull_due))
        {
          want_sync = TRUE;
          pull_due = 0;
        }

      if (conn == NULL && want_sync && now >= next_attempt)
        {
          g_autoptr(GError) error = NULL;

          conn = connect_and_listen (sh, store, &error);
          if (conn == NULL)
            {
              lanyard_sync_record_result (store, error);
              g_debug ("sync: %s", error->message);
              next_attempt = now + backoff;
              backoff = MIN (backoff * 2, LANYARD_SYNC_BACKOFF_MAX_SECONDS * G_USEC_PER_SEC);
              update_status (sh, store);
            }
        }
      if (conn != NULL && want_sync)
        {
          g_autoptr(GError) error = NULL;
          guint pushed = 0, pulled = 0;

          want_sync = FALSE;
          if (lanyard_sync_push (store, conn, &pushed, &error) &&
              lanyard_sync_pull (store, conn, &pulled, &error))
            {
              backoff = G_USEC_PER_SEC;
              next_poll = g_get_monotonic_time () + LANYARD_SYNC_POLL_SECONDS * G_USEC_PER_SEC;
            }
          else
            {
              g_clear_pointer (&conn, PQfinish);
              next_attempt = g_get_monotonic_time () + backoff;
              backoff = MIN (backoff * 2, LANYARD_SYNC_BACKOFF_MAX_SECONDS * G_USEC_PER_SEC);
            }
          lanyard_sync_record_result (store, error);
          last_sync = g_get_monotonic_time ();
          /* a row announced while this sync ran may be past its pull */
          if (conn != NULL && take_notifications (conn) && pull_due == 0)
            pull_due = last_sync + PULL_GAP;
          seen_version = data_version (store);
          update_status (sh, store);
          if (pulled > 0)
            emit (sh, SIGNAL_PULLED, pulled);
          continue;
        }

      fds[0].fd = sh->wake[0];
      fds[0].events = POLLIN;
      if (conn != NULL)
        {
          fds[1].fd = PQsocket (conn);
          fds[1].events = POLLIN;
          n_fds = 2;
        }
      timeout_ms = WATCH_MS;
      now = g_get_monotonic_time ();
      if (conn != NULL)
        timeout_ms = (int) CLAMP ((next_poll - now) / 1000, 0, WATCH_MS);
      if (pull_due != 0)
        timeout_ms = MIN (timeout_ms, (int) CLAMP ((pull_due - now) / 1000, 0, WATCH_MS));
      if (poll (fds, n_fds, timeout_ms) > 0)
        {
          if (fds[0].revents & POLLIN)
            {
              char buf[64];

              while (read (sh->wake[0], buf, sizeof buf) < 0 && errno == EINTR)
                ;
              want_sync = TRUE;
            }
          if (n_fds == 2 && fds[1].revents)
            {
              if (!drain_notifications (conn))
                {
                  /* the connection's end: ask at once */
                  g_clear_pointer (&conn, PQfinish);
                  want_sync = TRUE;
                }
              else if (pull_due == 0)
                pull_due = MAX (g_get_monotonic_time (), last_sync + PULL_GAP);
            }
        }
    }
  g_clear_pointer (&conn, PQfinish);
  g_clear_object (&store);
  finish (sh);
  return NULL;
}

static void
lanyard_sync_worker_dispose (GObject *object)
{
  LanyardSyncWorker *self = LANYARD_SYNC_WORKER (object);

  /* Asked to stop and waited for a moment: a thread still inside libpq
   * when the program exits crashes in OpenSSL's exit handlers. One stuck
   * in a network call longer than that is left to finish on its own. */
  if (self->thread != NULL)
    {
      gint64 deadline = g_get_monotonic_time () + STOP_WAIT_SECONDS * G_USEC_PER_SEC;
      gboolean done;

      g_atomic_int_set (&self->shared->stop, TRUE);
      wake (self->shared);
      g_mutex_lock (&self->shared->lock);
      while (!self->shared->done &&
             g_cond_wait_until (&self->shared->done_cond, &self->shared->lock, deadline))
        ;
      done = self->shared->done;
      g_mutex_unlock (&self->shared->lock);
      if (done)
        g_thread_join (g_steal_pointer (&self->thread));
      else
        g_clear_pointer (&self->thread, g_thread_unref);
    }
  G_OBJECT_CLASS (lanyard_sync_worker_parent_class)->dispose (object);
}

static void
lanyard_sync_worker_finalize (GObject *object)
{
  LanyardSyncWorker *self = LANYARD_SYNC_WORKER (object);

  shared_unref (self->shared);
  G_OBJECT_CLASS (lanyard_sync_worker_parent_class)->finalize (object);
}

static void
lanyard_sync_worker_class_init (LanyardSyncWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lanyard_sync_worker_dispose;
  object_class->finalize = lanyard_sync_worker_finalize;

  signals[SIGNAL_STATUS_CHANGED] = g_signal_new ("status-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_PULLED] = g_signal_new ("pulled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
lanyard_sync_worker_init (LanyardSyncWorker *self)
{
}

/* The worker for the database at db_path (which has joined a hub:
 * lanyard_sync_is_joined); nothing runs before lanyard_sync_worker_start.
 * Signals come on the thread-default main context of the caller. */
LanyardSyncWorker *
lanyard_sync_worker_new (const char *db_path)
{
  LanyardSyncWorker *self = g_object_new (LANYARD_TYPE_SYNC_WORKER, NULL);
  Shared *sh = g_new0 (Shared, 1);

  g_atomic_ref_count_init (&sh->ref);
  g_mutex_init (&sh->lock);
  g_cond_init (&sh->done_cond);
  sh->db_path = g_strdup (db_path);
  sh->context = g_main_context_ref_thread_default ();
  g_weak_ref_init (&sh->owner, self);
  sh->listen = TRUE;
  if (!g_unix_open_pipe (sh->wake, FD_CLOEXEC, NULL))
    g_error ("sync: no pipe");
  g_unix_set_fd_nonblocking (sh->wake[0], TRUE, NULL);
  g_unix_set_fd_nonblocking (sh->wake[1], TRUE, NULL);
  sh->status = g_new0 (LanyardSyncStatus, 1);
  sh->status->error_code = -1;
  self->shared = sh;
  return self;
}

/* Off: pulls only every LANYARD_SYNC_POLL_SECONDS (the benchmark's
 * comparison). Before lanyard_sync_worker_start. */
void
lanyard_sync_worker_set_notifications (LanyardSyncWorker *self,
                                       gboolean           listen)
{
  g_return_if_fail (LANYARD_IS_SYNC_WORKER (self));
  g_atomic_int_set (&self->shared->listen, listen);
}

void
lanyard_sync_worker_start (LanyardSyncWorker *self)
{
  g_return_if_fail (LANYARD_IS_SYNC_WORKER (self));
  g_return_if_fail (self->thread == NULL);

  self->thread = g_thread_new ("lanyard-sync", run, shared_ref (self->shared));
}

/* Sync now, without waiting for the next poll. */
void
lanyard_sync_worker_poke (LanyardSyncWorker *self)
{
  g_return_if_fail (LANYARD_IS_SYNC_WORKER (self));
  wake (self->shared);
}

/* Stops the thread and waits for it: at most one network timeout (about
 * 10 s). Not for a GTK main thread while the hub is unreachable. */
void
lanyard_sync_worker_stop (LanyardSyncWorker *self)
{
  g_return_if_fail (LANYARD_IS_SYNC_WORKER (self));

  if (self->thread == NULL)
    return;
  g_atomic_int_set (&self->shared->stop, TRUE);
  wake (self->shared);
  g_thread_join (g_steal_pointer (&self->thread));
}

/* A copy the caller frees: when it last worked, since when it is offline,
 * rows waiting, the clock, the last error in words. */
LanyardSyncStatus *
lanyard_sync_worker_get_status (LanyardSyncWorker *self)
{
  LanyardSyncStatus *copy;

  g_return_val_if_fail (LANYARD_IS_SYNC_WORKER (self), NULL);
  g_mutex_lock (&self->shared->lock);
  copy = lanyard_sync_status_copy (self->shared->status);
  g_mutex_unlock (&self->shared->lock);
  return copy;
}
