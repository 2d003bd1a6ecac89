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
  const char *first_latin;
  const char *last_latin;
  const char *shown;        /* NULL: nothing */
} LatinNameCase;

static const LatinNameCase latin_name_cases[] = {
  { "Taro", "Yamada", "Taro Yamada" },
  { "", "Ivanov", "Ivanov" },
  { "Ivan", "", "Ivan" },
  { "", "", NULL },
  { NULL, NULL, NULL },
};

/* What the kiosk and the desk show under the name. */
static void
test_latin_name (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (latin_name_cases); i++)
    {
      g_autoptr(LanyardAttendee) a = lanyard_attendee_new ();
      g_autofree char *shown = NULL;

      a->first_name = g_strdup ("太郎");
      a->last_name = g_strdup ("山田");
      a->first_name_latin = g_strdup (latin_name_cases[i].first_latin);
      a->last_name_latin = g_strdup (latin_name_cases[i].last_latin);
      shown = lanyard_attendee_dup_latin_name (a);
      g_assert_cmpstr (shown, ==, latin_name_cases[i].shown);
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

typedef struct {
  const char *ticket;
  const char *first_name;
  const char *last_name;
  const char *first_name_latin;
  const char *last_name_latin;
} Person;

/* Each typed text finds exactly its one person among @people. */
static void
assert_finds (const Person   *people,
              guint           n_people,
              const FindCase *cases,
              guint           n_cases)
{
  g_autofree char *dir = g_dir_make_tmp ("lanyard-fold-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "f.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardStore) store = lanyard_store_open (path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n_people; i++)
    {
      g_autoptr(LanyardAttendee) a = lanyard_attendee_new ();

      a->ticket_code = g_strdup (people[i].ticket);
      a->first_name = g_strdup (people[i].first_name);
      a->last_name = g_strdup (people[i].last_name);
      a->first_name_latin = g_strdup (people[i].first_name_latin);
      a->last_name_latin = g_strdup (people[i].last_name_latin);
      g_assert_true (lanyard_store_upsert_attendee (store, a, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(GPtrArray) hits = lanyard_store_search (store, cases[i].typed, 5, &error);
      LanyardAttendee *hit;

      g_test_message ("%s", cases[i].typed);
      g_assert_no_error (error);
      g_assert_cmpuint (hits->len, ==, 1);
      hit = g_ptr_array_index (hits, 0);
      g_assert_cmpstr (hit->ticket_code, ==, cases[i].finds);
      /* the Latin spelling comes back with the hit, for the results to show */
      for (guint k = 0; k < n_people; k++)
        if (g_str_equal (people[k].ticket, hit->ticket_code))
          g_assert_cmpstr (hit->last_name_latin, ==, people[k].last_name_latin ? people[k].last_name_latin : "");
    }
  g_clear_object (&store);
  lanyard_test_remove_db_file (dir, path);
}

static void
test_search_finds_forms (void)
{
  static const Person people[] = {
    { "T-1", "Jürgen", "Müller" },
    { "T-2", "Carl", "Gauß" },
    { "T-3", "Ayşe", "Öztürk" },
    { "T-4", "Łukasz", "Dvořák" },
  };

  assert_finds (people, G_N_ELEMENTS (people), find_cases, G_N_ELEMENTS (find_cases));
}

/* Names written in another script, found by their Latin spelling (the
 * import's first_name_latin, last_name_latin), its folded forms, and
 * still by the name itself. */
static const FindCase latin_find_cases[] = {
  { "Yamada", "L-1" },
  { "yamada taro", "L-1" },
  { "山田", "L-1" },
  { "Ivanov", "L-2" },
  { "IVAN", "L-2" },
  { "Иванов", "L-2" },
  { "Al-Husseini", "L-3" },
  { "Mohammed", "L-3" },
  { "Joelkin", "L-4" },          /* the Latin spelling's German form */
  { "Jolkin", "L-4" },           /* and its ASCII one */
  { "Jölkin", "L-4" },
};

static void
test_search_finds_latin (void)
{
  static const Person people[] = {
    { "L-1", "太郎", "山田", "Taro", "Yamada" },
    { "L-2", "Иван", "Иванов", "Ivan", "Ivanov" },
    { "L-3", "محمد", "الحسيني", "Mohammed", "Al-Husseini" },
    { "L-4", "Пётр", "Ёлкин", "Pjotr", "Jölkin" },
    { "L-5", "Taro", "Tanaka", "", "" },
  };

  assert_finds (people, G_N_ELEMENTS (people), latin_find_cases, G_N_ELEMENTS (latin_find_cases));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/name-fold/forms", test_forms);
  g_test_add_func ("/name-fold/search-finds-forms", test_search_finds_forms);
  g_test_add_func ("/name-fold/search-finds-latin", test_search_finds_latin);
  g_test_add_func ("/name-fold/latin-name", test_latin_name);
  return g_test_run ();
}
