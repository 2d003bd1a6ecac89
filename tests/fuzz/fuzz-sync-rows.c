/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sync payloads: what a device applies from the hub on a pull
 * (lanyard_sync_apply_rows), the registrations and the device rows with
 * their JSON payloads, as libpq results made here. The input is text, one
 * row a line, fields split by tabs, "\N" for SQL NULL where the hub's
 * schema allows it:
 *   R ticket uuid first last credentials profession affiliation role status
 *     badge_version sessions-json pos [email npi abim nabp birth licence]
 *   D uuid device kind ticket device_at payload-json pos [sensitive-json]
 * A first line "full" makes it a desk's pull (the sensitive columns). The
 * demo event is in the store; each input is applied inside a transaction
 * rolled back after it. Whatever the hub sends: no crash, and a refusal
 * says why in valid UTF-8.
 */
#include "config.h"

#include <libpq-fe.h>
#include <string.h>

#include "lanyard-event-import.h"
#include "lanyard-fuzz.h"
#include "lanyard-fuzz-store.h"
#include "lanyard-store.h"
#include "lanyard-sync-private.h"

#define REGISTRATION_COLUMNS 12
#define REGISTRATION_SENSITIVE 10  /* e-mail … licence, board, permission, the Latin name */
#define DEVICE_COLUMNS 7
/* device_row: ticket_code and sensitive may be NULL at the hub */
#define DEVICE_NULLABLE ((1u << 3) | (1u << 7))

static LanyardStore *store;

static void
setup (void)
{
  lanyard_fuzz_abort_on (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  store = lanyard_fuzz_open_demo_store (NULL);
}

static PGresult *
new_result (int n_columns)
{
  PGresult *result = PQmakeEmptyPGresult (NULL, PGRES_TUPLES_OK);
  g_autofree PGresAttDesc *columns = g_new0 (PGresAttDesc, n_columns);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; i < n_columns; i++)
    {
      g_ptr_array_add (names, g_strdup_printf ("c%d", i));
      columns[i].name = g_ptr_array_index (names, i);
      columns[i].format = 0;
      columns[i].typid = 25; /* text */
      columns[i].typlen = -1;
      columns[i].atttypmod = -1;
    }
  g_assert_true (PQsetResultAttrs (result, n_columns, columns));
  return result;
}

/* fields[1…] into the next row of result. NULL (missing, or "\N") only
 * where the hub's schema allows it (nullable, a mask of columns); empty
 * elsewhere, as the hub's NOT NULL columns send. */
static void
add_row (PGresult *result,
         char    **fields,
         guint     nullable)
{
  int row = PQntuples (result);
  int n = PQnfields (result);
  guint given = g_strv_length (fields);

  for (int column = 0; column < n; column++)
    {
      const char *value = (guint) column + 1 < given ? fields[column + 1] : NULL;

      if (value != NULL && strcmp (value, "\\N") == 0)
        value = NULL;
      if (value == NULL && !(nullable & (1u << column)))
        value = "";
      if (value == NULL)
        g_assert_true (PQsetvalue (result, row, column, NULL, -1));
      else
        g_assert_true (PQsetvalue (result, row, column, (char *) value, (int) strlen (value)));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_auto(GStrv) lines = NULL;
  gboolean full;
  PGresult *registrations;
  PGresult *rows;
  gboolean ok;

  if (store == NULL)
    setup ();
  /* libpq keeps a value as a C string: text ends at its first NUL */
  lines = g_strsplit (text, "\n", 2000);
  full = lines[0] != NULL && strcmp (lines[0], "full") == 0;
  registrations = new_result (REGISTRATION_COLUMNS + (full ? REGISTRATION_SENSITIVE : 0));
  rows = new_result (DEVICE_COLUMNS + (full ? 1 : 0));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", 32);

      if (g_strcmp0 (fields[0], "R") == 0)
        add_row (registrations, fields, 0);
      else if (g_strcmp0 (fields[0], "D") == 0)
        add_row (rows, fields, DEVICE_NULLABLE);
    }

  g_assert_true (lanyard_store_begin (store, &error));
  ok = lanyard_sync_apply_rows (store, registrations, rows, full, &error);
  lanyard_store_rollback (store);
  PQclear (registrations);
  PQclear (rows);

  g_assert_true (ok == (error == NULL));
  if (!ok)
    lanyard_fuzz_assert_message (error);
  return 0;
}
