/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LanyardContext: a device's store, event, keys and configuration; the
 * event replaced on reload, with a notification, while those who hold the
 * old one keep it.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "lanyard-context.h"
#include "lanyard-error.h"
#include "lanyard-event-import.h"

typedef struct {
  char *dir;
  char *db;
} Fixture;

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autofree char *json = g_build_filename (g_getenv ("LANYARD_SOURCE_DIR"), "data", "demo", "event.json", NULL);
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(LanyardEvent) event = NULL;
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("lanyard-context-XXXXXX", NULL);
  fx->db = g_build_filename (fx->dir, "test.db", NULL);
  store = lanyard_store_open (fx->db, &error);
  g_assert_no_error (error);
  event = lanyard_event_load_file (json, &error);
  g_assert_no_error (error);
  g_assert_true (lanyard_store_save_event (store, event, &error));
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fx->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_build_filename (fx->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (fx->dir);
  g_free (fx->dir);
  g_free (fx->db);
}

static LanyardContext *
context_new (Fixture *fx)
{
  LanyardKioskConfig *config = lanyard_kiosk_config_new ();
  g_autoptr(GError) error = NULL;
  LanyardContext *context;

  config->db_path = g_strdup (fx->db);
  context = lanyard_context_new (config, NULL, &error);
  g_assert_no_error (error);
  return context;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(int *) user_data)++;
}

static void
test_opens (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(LanyardContext) context = context_new (fx);

  g_assert_nonnull (lanyard_context_get_store (context));
  g_assert_cmpstr (lanyard_context_get_event (context)->id, ==, "MWCC-2026");
  g_assert_nonnull (lanyard_context_get_config (context));
  g_assert_nonnull (lanyard_context_get_device (context));
  g_assert_finalize_object (g_steal_pointer (&context));
}

static void
test_missing_database_event (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lanyard-context-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "empty.db", NULL);
  LanyardKioskConfig *config = lanyard_kiosk_config_new ();
  g_autoptr(LanyardContext) context = NULL;
  g_autoptr(GError) error = NULL;

  config->db_path = g_strdup (db);
  context = lanyard_context_new (config, NULL, &error);
  g_assert_null (context);
  g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_NO_EVENT);
  g_unlink (db);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
}

/* The event changes in the store (an import, a sync): reload replaces it,
 * says so once, and the old one stays readable for whoever holds it. */
static void
test_reload_replaces_event (Fixture       *fx,
                            gconstpointer  data)
{
  g_autoptr(LanyardContext) context = context_new (fx);
  g_autoptr(LanyardEvent) old = lanyard_event_ref (lanyard_context_get_event (context));
  g_autoptr(LanyardEvent) changed = NULL;
  g_autoptr(GError) error = NULL;
  LanyardSession *added;
  guint sessions = old->sessions->len;
  int notified = 0;

  g_signal_connect (context, "notify::event", G_CALLBACK (count_notify), &notified);

  changed = lanyard_store_load_event (lanyard_context_get_store (context), &error);
  g_assert_no_error (error);
  added = lanyard_session_new ();
  added->id = g_strdup ("S99");
  added->title = g_strdup ("Late-breaking trials");
  added->room = g_strdup ("Salon Z");
  added->starts_at = ((LanyardSession *) g_ptr_array_index (changed->sessions, 0))->starts_at;
  added->ends_at = added->starts_at + G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC;
  g_ptr_array_add (changed->sessions, added);
  g_assert_true (lanyard_store_save_event (lanyard_context_get_store (context), changed, &error));
  g_assert_no_error (error);

  g_assert_true (lanyard_context_reload_event (context, &error));
  g_assert_no_error (error);
  g_assert_cmpint (notified, ==, 1);
  g_assert_true (lanyard_context_get_event (context) != old);
  g_assert_nonnull (lanyard_event_find_session (lanyard_context_get_event (context), "S99"));
  /* The old event is whole for its holder. */
  g_assert_cmpuint (old->sessions->len, ==, sessions);
  g_assert_null (lanyard_event_find_session (old, "S99"));
  g_assert_cmpstr (old->id, ==, "MWCC-2026");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/context/opens", Fixture, NULL, fixture_setup, test_opens, fixture_teardown);
  g_test_add_func ("/context/missing-event", test_missing_database_event);
  g_test_add ("/context/reload", Fixture, NULL, fixture_setup, test_reload_replaces_event, fixture_teardown);
  return g_test_run ();
}
