/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A window's work on the store on a worker thread (lanyard-store-work.h;
 * a read here): the result reaches the window on the main thread, from a
 * connection of the worker's own; a failure comes as an error; a window
 * closed meanwhile, or a read cancelled, gets nothing, and every result
 * and every piece of the read's data is freed once.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "lanyard-error.h"
#include "lanyard-store-work.h"

typedef struct {
  char         *dir;
  LanyardStore *store;
  /* what the read saw */
  GThread      *main_thread;
  GThread      *read_thread;
  int           done_calls;
  int           results_freed;
  int           data_freed;
  gpointer      owner_seen;
  GPtrArray    *hits;        /* the result, once done */
  GError       *error;       /* the error, once done */
} Fixture;

typedef struct {
  Fixture  *fx;
  char     *text;
  gboolean  fail;  /* the read fails after it has a result */
} Read;

static void
fixture_setup (Fixture       *fx,
               gconstpointer  unused)
{
  g_autoptr(LanyardAttendee) a = lanyard_attendee_new ();
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("store-work-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autofree char *path = g_build_filename (fx->dir, "event.db", NULL);

    fx->store = lanyard_store_open (path, &error);
    g_assert_no_error (error);
  }
  a->ticket_code = g_strdup ("T-1");
  a->first_name = g_strdup ("Ada");
  a->last_name = g_strdup ("Okafor");
  g_assert_true (lanyard_store_upsert_attendee (fx->store, a, NULL, NULL, &error));
  g_assert_no_error (error);
  fx->main_thread = g_thread_self ();
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  unused)
{
  g_autofree char *path = g_strdup (lanyard_store_get_path (fx->store));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&fx->store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fx->dir);
  g_free (fx->dir);
  g_clear_pointer (&fx->hits, g_ptr_array_unref);
  g_clear_error (&fx->error);
}

static gpointer
search (LanyardStore  *store,
        gpointer       data,
        GError       **error)
{
  Read *read = data;
  GPtrArray *hits = lanyard_store_search (store, read->text, 10, error);

  g_atomic_pointer_set (&read->fx->read_thread, g_thread_self ());
  if (hits != NULL && read->fail)
    g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_DATABASE, "the read failed");
  return hits;
}

/* the fixture whose results_freed hits_counted () counts (a result's
 * free function has no data of its own) */
static Fixture *counting;

static void
hits_counted (gpointer hits)
{
  g_atomic_int_inc (&counting->results_freed);
  g_ptr_array_unref (hits);
}

static void
read_free (gpointer data)
{
  Read *read = data;

  g_atomic_int_inc (&read->fx->data_freed);
  g_free (read->text);
  g_free (read);
}

static void
on_done (gpointer      owner,
         gpointer      result,
         const GError *error,
         gpointer      data)
{
  Read *read = data;
  Fixture *fx = read->fx;

  g_assert_true (g_thread_self () == fx->main_thread);
  fx->done_calls++;
  fx->owner_seen = owner;
  fx->hits = result;
  fx->error = error != NULL ? g_error_copy (error) : NULL;
}

/* Asks for @text on fx's store for @owner. */
static void
ask (Fixture      *fx,
     GObject      *owner,
     const char   *text,
     gboolean      fail,
     GCancellable *cancellable)
{
  Read *read = g_new0 (Read, 1);

  read->fx = fx;
  read->text = g_strdup (text);
  read->fail = fail;
  counting = fx;
  lanyard_store_work_async (fx->store, owner, search, hits_counted, on_done, read, read_free, cancellable);
}

/* The main loop runs until the read's data was freed (the task is over:
 * maybe on the worker thread, after the callback, with nothing to wake
 * the main loop). */
static void
wait_read (Fixture *fx)
{
  while (g_atomic_int_get (&fx->data_freed) == 0)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
test_result_reaches_owner (Fixture       *fx,
                           gconstpointer  unused)
{
  g_autoptr(GObject) owner = g_object_new (G_TYPE_OBJECT, NULL);

  ask (fx, owner, "Okafor", FALSE, NULL);
  g_assert_cmpint (fx->done_calls, ==, 0);  /* not before the main loop runs */
  wait_read (fx);
  g_assert_cmpint (fx->done_calls, ==, 1);
  g_assert_true (fx->owner_seen == (gpointer) owner);
  g_assert_no_error (fx->error);
  g_assert_nonnull (fx->hits);
  g_assert_cmpuint (fx->hits->len, ==, 1);
  g_assert_cmpstr (((LanyardAttendee *) g_ptr_array_index (fx->hits, 0))->ticket_code, ==, "T-1");
  g_assert_true (fx->read_thread != fx->main_thread);
  g_assert_cmpint (fx->results_freed, ==, 0);  /* the owner's now */
  g_assert_cmpint (fx->data_freed, ==, 1);
}

static void
test_error_reaches_owner (Fixture       *fx,
                          gconstpointer  unused)
{
  g_autoptr(GObject) owner = g_object_new (G_TYPE_OBJECT, NULL);

  ask (fx, owner, "Okafor", TRUE, NULL);
  wait_read (fx);
  g_assert_cmpint (fx->done_calls, ==, 1);
  g_assert_error (fx->error, LANYARD_ERROR, LANYARD_ERROR_DATABASE);
  g_assert_null (fx->hits);
  g_assert_cmpint (fx->results_freed, ==, 1);  /* the result beside the error */
  g_assert_cmpint (fx->data_freed, ==, 1);
}

/* The file gone from under the store (its folder removed): the worker's
 * connection cannot be made, and the owner is told. */
static void
test_file_unreadable (Fixture       *fx,
                      gconstpointer  unused)
{
  g_autoptr(GObject) owner = g_object_new (G_TYPE_OBJECT, NULL);
  const char *path = lanyard_store_get_path (fx->store);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_assert_cmpint (g_rmdir (fx->dir), ==, 0);
  ask (fx, owner, "Okafor", FALSE, NULL);
  wait_read (fx);
  g_assert_cmpint (fx->done_calls, ==, 1);
  g_assert_nonnull (fx->error);
  g_assert_null (fx->hits);
  g_assert_null (fx->read_thread);  /* the read itself never ran */
}

static void
test_owner_gone (Fixture       *fx,
                 gconstpointer  unused)
{
  GObject *owner = g_object_new (G_TYPE_OBJECT, NULL);

  ask (fx, owner, "Okafor", FALSE, NULL);
  g_object_unref (owner);  /* the window closed while the read runs */
  wait_read (fx);
  g_assert_cmpint (fx->done_calls, ==, 0);
  g_assert_cmpint (fx->results_freed, ==, 1);
  g_assert_cmpint (fx->data_freed, ==, 1);
}

static void
test_cancelled (Fixture       *fx,
                gconstpointer  unused)
{
  g_autoptr(GObject) owner = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  ask (fx, owner, "Okafor", FALSE, cancellable);
  /* the read may be over before the cancel: its result is dropped all the same */
  while (g_atomic_pointer_get (&fx->read_thread) == NULL)
    g_usleep (1000);
  g_cancellable_cancel (cancellable);
  wait_read (fx);
  g_assert_cmpint (fx->done_calls, ==, 0);
  g_assert_cmpint (fx->results_freed, ==, 1);
  g_assert_cmpint (fx->data_freed, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/store-work/result-reaches-owner", Fixture, NULL, fixture_setup, test_result_reaches_owner,
              fixture_teardown);
  g_test_add ("/store-work/error-reaches-owner", Fixture, NULL, fixture_setup, test_error_reaches_owner,
              fixture_teardown);
  g_test_add ("/store-work/file-unreadable", Fixture, NULL, fixture_setup, test_file_unreadable,
              fixture_teardown);
  g_test_add ("/store-work/owner-gone", Fixture, NULL, fixture_setup, test_owner_gone, fixture_teardown);
  g_test_add ("/store-work/cancelled", Fixture, NULL, fixture_setup, test_cancelled, fixture_teardown);
  return g_test_run ();
}
