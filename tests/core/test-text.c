/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Names that cannot lie: lanyard_text_clean_name, and the store cleaning
 * names on every way in (the import and walk-ins upsert, edits update).
 */
#include "config.h"

#include <glib/gstdio.h>

#include "lanyard-store.h"
#include "lanyard-text.h"

static void
test_clean_name (void)
{
  static const struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "Smith", "Smith" },
    /* a right-to-left override makes "htimS" read "Smith" */
    { "\u202Ehtims", "htims" },
    { "\u202EDM ,htimS\u202C", "DM ,htimS" },
    /* every embedding, override and isolate */
    { "a\u202Ab\u202Bc\u202Cd\u202De\u202Ef", "abcdef" },
    { "a\u2066b\u2067c\u2068d\u2069e", "abcde" },
    /* marks, soft hyphen, zero-width space, word joiner, BOM, Arabic letter mark */
    { "Jo\u200Ehn\u200F \u061CDoe\u00AD\u200B\u2060\uFEFF", "John Doe" },
    /* joiners that scripts and emoji need stay */
    { "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645", "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645" },
    { "Ana \U0001F469\u200D\u2695\uFE0F", "Ana \U0001F469\u200D\u2695\uFE0F" },
    /* line breaks and tabs inside a name: one space; the ends trimmed */
    { "O'Brien-\nNí Dhomhnaill", "O'Brien- Ní Dhomhnaill" },
    { "  Mary\t\tAnn \r\n Lee \u2028", "Mary Ann Lee" },
    { "van\u00A0der\u2003Berg", "van der Berg" },
    /* other control characters go */
    { "Ze\x01ynep\x7F", "Zeynep" },
    { "", "" },
    /* plain ASCII: spaces at the ends and between words */
    { " Smith", "Smith" },
    { "Smith ", "Smith" },
    { "Mary  Ann", "Mary Ann" },
    { "Mary Ann O'Neil-Lee, Jr.", "Mary Ann O'Neil-Lee, Jr." },
    { "Lee\x1F", "Lee" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = lanyard_text_clean_name (cases[i].in);
      g_autoptr(LanyardAttendee) a = lanyard_attendee_new ();

      g_test_message ("case %u", i);
      g_assert_cmpstr (got, ==, cases[i].out);
      /* the same through the store's cleaning, which skips clean text */
      a->first_name = g_strdup (cases[i].in);
      a->affiliation = g_strdup (cases[i].in);
      lanyard_attendee_clean_names (a);
      g_assert_cmpstr (a->first_name, ==, cases[i].out);
      g_assert_cmpstr (a->affiliation, ==, cases[i].out);
    }
  g_assert_null (lanyard_text_clean_name (NULL));
}

static void
test_store_cleans (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lanyard-text-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "t.db", NULL);
  g_autoptr(LanyardStore) store = lanyard_store_open (path, &error);
  g_autoptr(LanyardAttendee) a = lanyard_attendee_new ();
  g_autoptr(LanyardAttendee) back = NULL;
  g_autoptr(GPtrArray) found = NULL;

  g_assert_no_error (error);
  a->ticket_code = g_strdup ("T1");
  a->first_name = g_strdup ("Jane\u2067");
  a->last_name = g_strdup ("\u202EDM ,htimS");
  a->credentials = g_strdup ("MD\u202E FFATS");
  a->affiliation = g_strdup ("St.\nMary's");
  a->badge_version = 1;
  /* the import and walk-ins */
  g_assert_true (lanyard_store_upsert_attendee (store, a, NULL, NULL, &error));
  g_assert_no_error (error);
  back = lanyard_store_find_ticket (store, "T1", &error);
  g_assert_cmpstr (back->first_name, ==, "Jane");
  g_assert_cmpstr (back->last_name, ==, "DM ,htimS");
  g_assert_cmpstr (back->credentials, ==, "MD FFATS");
  g_assert_cmpstr (back->affiliation, ==, "St. Mary's");

  /* an edit */
  g_free (back->last_name);
  back->last_name = g_strdup ("Smith\u2066\r\nJones");
  g_assert_true (lanyard_store_update_attendee (store, back, "desk-1", &error));
  g_assert_no_error (error);
  g_clear_pointer (&back, lanyard_attendee_free);
  back = lanyard_store_find_ticket (store, "T1", &error);
  g_assert_cmpstr (back->last_name, ==, "Smith Jones");
  /* and the desk finds the name as it is printed */
  found = lanyard_store_search (store, "Smith Jones", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);

  g_clear_object (&store);
  g_unlink (path);
  g_rmdir (dir);
}

/* Each part of a drawn name in its own direction: an Arabic first name
 * does not carry the Latin last name and the credentials into right to
 * left (they would read "Al-Sayed, MD" before it). */
static void
test_display_name_isolated (void)
{
  g_autoptr(LanyardAttendee) a = lanyard_attendee_new ();
  g_autoptr(LanyardAttendee) cjk = lanyard_attendee_new ();
  g_autofree char *drawn = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *drawn_cjk = NULL;

  a->first_name = g_strdup ("فاطمة");
  a->last_name = g_strdup ("Al-Sayed");
  a->credentials = g_strdup ("MD");
  drawn = lanyard_attendee_dup_display_name_isolated (a);
  plain = lanyard_attendee_dup_display_name (a);
  g_assert_cmpstr (drawn, ==, "⁨فاطمة⁩ ⁨Al-Sayed⁩, ⁨MD⁩");
  g_assert_cmpstr (plain, ==, "فاطمة Al-Sayed, MD");

  cjk->first_name = g_strdup ("小明");
  cjk->last_name = g_strdup ("王");
  drawn_cjk = lanyard_attendee_dup_display_name_isolated (cjk);
  g_assert_cmpstr (drawn_cjk, ==, "⁨王⁩⁨小明⁩");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/text/clean-name", test_clean_name);
  g_test_add_func ("/text/store-cleans", test_store_cleans);
  g_test_add_func ("/text/display-name-isolated", test_display_name_isolated);
  return g_test_run ();
}
