/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lanyard-store-work.h"

typedef struct {
  GWeakRef                  owner;
  char                     *path;
  LanyardStoreWorkFunc      work;
  GDestroyNotify            result_free;
  LanyardStoreWorkDoneFunc  done;
  gpointer                  data;
  GDestroyNotify            data_free;
} StoreWork;

static void
store_work_free (StoreWork *self)
{
  g_weak_ref_clear (&self->owner);
  g_free (self->path);
  if (self->data_free != NULL)
    self->data_free (self->data);
  g_free (self);
}

static void
work_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  StoreWork *self = task_data;
  GError *error = NULL;
  g_autoptr(LanyardStore) store = lanyard_store_open (self->path, &error);
  gpointer result = NULL;

  if (store != NULL)
    result = self->work (store, self->data, &error);
  if (error != NULL)
    {
      if (result != NULL && self->result_free != NULL)
        self->result_free (result);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, result, self->result_free);
}

static void
on_done (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  StoreWork *self = g_task_get_task_data (G_TASK (res));
  g_autoptr(GError) error = NULL;
  gpointer result = g_task_propagate_pointer (G_TASK (res), &error);
  g_autoptr(GObject) owner = g_weak_ref_get (&self->owner);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (res));

  if (owner == NULL || g_cancellable_is_cancelled (cancellable))
    {
      if (result != NULL && self->result_free != NULL)
        self->result_free (result);
      return;
    }
  self->done (owner, result, error, self->data);
}

void
lanyard_store_work_async (LanyardStore             *store,
                          gpointer                  owner,
                          LanyardStoreWorkFunc      work,
                          GDestroyNotify            result_free,
                          LanyardStoreWorkDoneFunc  done,
                          gpointer                  data,
                          GDestroyNotify            data_free,
                          GCancellable             *cancellable)
{
  g_autoptr(GTask) task = NULL;
  StoreWork *self;

  g_return_if_fail (LANYARD_IS_STORE (store));
  g_return_if_fail (G_IS_OBJECT (owner));
  g_return_if_fail (work != NULL && done != NULL);

  self = g_new0 (StoreWork, 1);
  g_weak_ref_init (&self->owner, owner);
  self->path = g_strdup (lanyard_store_get_path (store));
  self->work = work;
  self->result_free = result_free;
  self->done = done;
  self->data = data;
  self->data_free = data_free;
  /* the task checks nothing of it on return: on_done () does, also for a
   * work that finished before the cancel */
  task = g_task_new (NULL, cancellable, on_done, NULL);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, self, (GDestroyNotify) store_work_free);
  g_task_run_in_thread (task, work_in_thread);
}
