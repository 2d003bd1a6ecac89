/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "lanyard-error.h"
#include "lanyard-pin.h"

#define S G_USEC_PER_SEC

static void
test_pin (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lanyard-pin-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "p.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardStore) store = lanyard_store_open (path, &error);
  g_autofree char *stored = NULL;
  gint64 t = 1000 * S;

  g_assert_false (lanyard_pin_verify (store, "1234", t, &error));
  g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_PIN_NOT_SET);
  g_clear_error (&error);

  /* 4–12 digits */
  g_assert_false (lanyard_pin_set (store, "12a4", &error));
  g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (lanyard_pin_set (store, "123", NULL));
  g_assert_true (lanyard_pin_set (store, "4711", &error));
  g_assert_no_error (error);

  /* stored as an Argon2id hash, never in clear */
  stored = lanyard_store_get_meta (store, "staff_pin_hash");
  g_assert_true (g_str_has_prefix (stored, "$argon2id$"));
  g_assert_null (g_strstr_len (stored, -1, "4711"));

  g_assert_true (lanyard_pin_verify (store, "4711", t, &error));

  /* four wrong, one right: the count starts again */
  for (int i = 0; i < 4; i++)
    {
      g_assert_false (lanyard_pin_verify (store, "0000", t, &error));
      g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_PIN_WRONG);
      g_clear_error (&error);
    }
  g_assert_true (lanyard_pin_verify (store, "4711", t, NULL));

  /* five wrong in a row lock entry for a minute, even for the right PIN */
  for (int i = 0; i < 4; i++)
    g_assert_false (lanyard_pin_verify (store, "0000", t, NULL));
  g_assert_false (lanyard_pin_verify (store, "0000", t, &error));
  g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_PIN_LOCKED);
  g_clear_error (&error);
  g_assert_false (lanyard_pin_verify (store, "4711", t + 59 * S, &error));
  g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_PIN_LOCKED);
  g_clear_error (&error);

  /* the lock survives a restart */
  g_clear_object (&store);
  store = lanyard_store_open (path, &error);
  g_assert_false (lanyard_pin_verify (store, "4711", t + 30 * S, NULL));
  g_assert_true (lanyard_pin_verify (store, "4711", t + 61 * S, &error));
  g_assert_no_error (error);

  g_clear_object (&store);
  {
    const char *suffix[] = { "", "-wal", "-shm" };
    for (guint i = 0; i < 3; i++)
      {
        g_autofree char *p = g_strconcat (path, suffix[i], NULL);
        g_unlink (p);
      }
  }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pin/set-verify-lockout", test_pin);
  return g_test_run ();
}
