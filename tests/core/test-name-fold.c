/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The forms a name is also found by (lanyard-name-fold.h), and the search
 * finding people by them.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "lanyard-name-fold.h"
#include "lanyard-store.h"
#include "lanyard-test-db.h"

typedef struct {
  const char *name;
  const char *forms;
} FormsCase;

static const FormsCase forms_cases[] = {
  { "Jane Smith", "Jane Smith" },
  { "Jürgen Müller", "Jürgen Müller Jurgen Muller Juergen Mueller" },
  { "Öztürk", "Öztürk Ozturk Oeztuerk" },
  { "Gauß", "Gauß Gauss" },
  { "Ärzte Übel", "Ärzte Übel Arzte Ubel Aerzte Uebel" },
  { "Łukasz Dvořák", "Łukasz Dvořák Lukasz Dvorak" },
  { "Søren Kierkegaard", "Søren Kierkegaard Soeren" },   /* GLib spells ø "oe" */
  { "José García", "José García Jose Garcia" },
  { "山田 太郎", "山田 太郎" },
  { "", "" },
  { NULL, "" },
};

static void
test_forms (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (forms_cases); i++)
    {
      g_autofree char *forms = lanyard_name_search_forms (forms_cases[i].name);

      g_assert_cmpstr (forms, ==, forms_cases[i].forms);
    }
}

typedef struct {
  const char *typed;
  const char *finds;   /* ticket code */
} FindCase;

static const FindCase find_cases[] = {
  { "MUELLER", "T-1" },
  { "mueller juergen", "T-1" },
  { "Muller", "T-1" },
  { "Müller", "T-1" },
  { "GAUSS", "T-2" },
  { "Gauß", "T-2" },
  { "oeztuerk", "T-3" },
  { "Dvorak", "T-4" },
  { "Lukasz", "T-4" },
};

static void
test_search_finds_forms (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lanyard-fold-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "f.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardStore) store = lanyard_store_open (path, &error);
  const char *people[][3] = {
    { "T-1", "Jürgen", "Müller" },
    { "T-2", "Carl", "Gauß" },
    { "T-3", "Ayşe", "Öztürk" },
    { "T-4", "Łukasz", "Dvořák" },
  };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(LanyardAttendee) a = lanyard_attendee_new ();

      a->ticket_code = g_strdup (people[i][0]);
      a->first_name = g_strdup (people[i][1]);
      a->last_name = g_strdup (people[i][2]);
      g_assert_true (lanyard_store_upsert_attendee (store, a, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (find_cases); i++)
    {
      g_autoptr(GPtrArray) hits = lanyard_store_search (store, find_cases[i].typed, 5, &error);

      g_test_message ("%s", find_cases[i].typed);
      g_assert_no_error (error);
      g_assert_cmpuint (hits->len, ==, 1);
      g_assert_cmpstr (((LanyardAttendee *) g_ptr_array_index (hits, 0))->ticket_code, ==, find_cases[i].finds);
    }
  g_clear_object (&store);
  lanyard_test_remove_db_file (dir, path);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/name-fold/forms", test_forms);
  g_test_add_func ("/name-fold/search-finds-forms", test_search_finds_forms);
  return g_test_run ();
}
