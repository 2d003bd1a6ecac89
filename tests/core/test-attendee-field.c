/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The learner fields' checks, value by value; scanned codes trimmed; the
 * ids a profession needs.
 */
#include "config.h"

#include <string.h>

#include "lanyard-attendee-field.h"
#include "lanyard-error.h"

typedef struct {
  const char *key;
  const char *value;
  gboolean    ok;
  const char *says; /* part of the reason, when refused */
} FieldCase;

static const FieldCase field_cases[] = {
  { "profession", "pharmacist", TRUE, NULL },
  { "profession", "physician_assistant", TRUE, NULL },
  { "profession", "surgeon", FALSE, "not a profession" },
  { "profession", "Pharmacist", FALSE, "not a profession" },
  { "profession", "", FALSE, "cannot be empty" },
  { "birth_mmdd", "0314", TRUE, NULL },
  { "birth_mmdd", "0229", TRUE, NULL },
  { "birth_mmdd", "1231", TRUE, NULL },
  { "birth_mmdd", "0230", FALSE, "not a day" },
  { "birth_mmdd", "0431", FALSE, "not a day" },
  { "birth_mmdd", "1301", FALSE, "not a day" },
  { "birth_mmdd", "0000", FALSE, "not a day" },
  { "birth_mmdd", "314", FALSE, "four digits" },
  { "birth_mmdd", "03-14", FALSE, "four digits" },
  { "birth_mmdd", "", TRUE, NULL },                  /* clears it */
  { "npi", "1234567893", TRUE, NULL },               /* CMS's worked example */
  { "npi", "1245319599", TRUE, NULL },
  { "npi", "1234567890", FALSE, "last digit" },
  { "npi", "1000000000", FALSE, "last digit" },
  { "npi", "123456789", FALSE, "10 digits" },
  { "npi", "12345678931", FALSE, "10 digits" },
  { "npi", "12345678a3", FALSE, "10 digits" },
  { "nabp_eprofile", "3000002", TRUE, NULL },
  { "nabp_eprofile", "123456", TRUE, NULL },
  { "nabp_eprofile", "12345", FALSE, "6 or 7 digits" },
  { "nabp_eprofile", "30000O2", FALSE, "6 or 7 digits" },
  { "nabp_eprofile", "12345678", FALSE, "6 or 7 digits" },
  { "abim_id", "123456", TRUE, NULL },
  { "permission_to_report", "yes", TRUE, NULL },
  { "permission_to_report", "no", TRUE, NULL },
  { "permission_to_report", "Yes", FALSE, "“yes” or “no”" },
  { "permission_to_report", "1", FALSE, "“yes” or “no”" },
  { "board", "ABIM", TRUE, NULL },
  { "abim_id", "12345", FALSE, "6 to 8 digits" },
  { "abim_id", "ABC123", FALSE, "6 to 8 digits" },
  { "license", "TX 123456", TRUE, NULL },
  { "license", "CA-A12345", TRUE, NULL },
  { "license", "PR 12-3456", TRUE, NULL },
  { "license", "ZZ 123456", FALSE, "not a US state" },
  { "license", "tx 123456", FALSE, "two letters" },
  { "license", "123456", FALSE, "two letters" },
  { "license", "TX ABCDEF", FALSE, "no digits" },
  { "license", "TX 12/34", FALSE, "letters, digits and hyphens" },
  { "email", "jane.smith@example.org", TRUE, NULL },
  { "email", "jane smith@example.org", FALSE, "not an e-mail" },
  { "email", "jane@example", FALSE, "not an e-mail" },
  { "email", "@example.org", FALSE, "not an e-mail" },
  { "last_name", "", FALSE, "cannot be empty" },
  { "last_name", "O’Brien", TRUE, NULL },
  { "first_name", "", TRUE, NULL },
};

static void
test_field (gconstpointer data)
{
  const FieldCase *c = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = lanyard_attendee_field_check (c->key, c->value, &error);

  g_test_message ("%s = “%s”", c->key, c->value);
  if (c->ok)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      return;
    }
  g_assert_false (ok);
  g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, c->says));
}

typedef struct {
  const char *value;
  gboolean    ok;
} DeviceCase;

static void
test_device_name (void)
{
  g_autofree char *long_64 = g_strnfill (64, 'k');
  g_autofree char *long_65 = g_strnfill (65, 'k');
  const DeviceCase cases[] = {
    { "kiosk-3", TRUE }, { "Tür 2 Saal B", TRUE }, { long_64, TRUE },
    { "", FALSE }, { NULL, FALSE }, { long_65, FALSE }, { "kiosk\n3", FALSE }, { "kiosk\t3", FALSE },
    { "kiosk\x1b[31m", FALSE }, { "\xff\xfe", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("device name %u", i);
      g_assert_cmpint (lanyard_check_device_name (cases[i].value, &error), ==, cases[i].ok);
      if (!cases[i].ok)
        g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA);
    }
}

static void
test_code_trim (void)
{
  const struct { const char *in; gsize len; const char *out; } cases[] = {
    { "MW26-DEMO01\r\n", 13, "MW26-DEMO01" },
    { "MW26-DEMO01\n", 12, "MW26-DEMO01" },
    { "  MW26-DEMO01  ", 15, "MW26-DEMO01" },
    { "\tMW26-DEMO01\t", 13, "MW26-DEMO01" },
    { "MW26-DEMO01\0\0", 13, "MW26-DEMO01" },
    { "\x7fLY1:ABC\x1b", 9, "LY1:ABC" },
    { "Ab cD", 5, "Ab cD" },            /* inside untouched, case kept */
    { "a\r\nb", 4, "a\r\nb" },
    { " \r\n\t", 4, "" },
    { "", 0, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len = 0;
      const guint8 *p = lanyard_code_trim ((const guint8 *) cases[i].in, cases[i].len, &len);
      g_autofree char *got = g_strndup ((const char *) p, len);

      g_test_message ("trim case %u", i);
      g_assert_cmpuint (len, ==, strlen (cases[i].out));
      g_assert_cmpmem (got, len, cases[i].out, strlen (cases[i].out));
    }
}

static void
test_missing_ids (void)
{
  g_autoptr(LanyardEvent) event = lanyard_event_new ();
  g_autoptr(LanyardAttendee) a = lanyard_attendee_new ();
  LanyardCreditType *t = lanyard_credit_type_new ();
  g_auto(GStrv) missing = NULL;
  g_auto(GStrv) none = NULL;
  g_auto(GStrv) physician = NULL;

  t->code = g_strdup ("ACPE");
  t->professions = g_strsplit ("pharmacist", ",", -1);
  t->required_ids = g_strsplit ("nabp_eprofile,birth_mmdd", ",", -1);
  g_ptr_array_add (event->credit_types, t);

  a->profession = g_strdup ("pharmacist");
  a->birth_mmdd = g_strdup ("0314");
  missing = lanyard_attendee_missing_ids (event, a);
  g_assert_cmpstrv (missing, ((const char *[]) { "nabp_eprofile", NULL }));
  a->nabp_eprofile = g_strdup ("3000002");
  none = lanyard_attendee_missing_ids (event, a);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_free (a->profession);
  a->profession = g_strdup ("physician");
  g_clear_pointer (&a->nabp_eprofile, g_free);
  physician = lanyard_attendee_missing_ids (event, a);
  g_assert_cmpuint (g_strv_length (physician), ==, 0);
}

static void
test_slots (void)
{
  g_autoptr(LanyardAttendee) a = lanyard_attendee_new ();
  guint n = 0;
  const LanyardAttendeeField *fields = lanyard_attendee_fields (&n);

  /* every text field can be written and read back through its slot */
  for (guint i = 0; i < n; i++)
    {
      char **slot;

      if (g_str_equal (fields[i].key, "permission_to_report"))
        continue;
      slot = lanyard_attendee_field_slot (a, fields[i].key);
      g_assert_nonnull (slot);
      g_free (*slot);
      *slot = g_strdup (fields[i].key);
    }
  g_assert_cmpstr (a->nabp_eprofile, ==, "nabp_eprofile");
  g_assert_cmpstr (a->license, ==, "license");
  g_assert_cmpstr (a->board, ==, "board");
  g_assert_cmpstr (lanyard_attendee_field_get (a, "abim_id"), ==, "abim_id");

  /* the permission is a flag, set and read as the words the forms use */
  g_assert_cmpstr (lanyard_attendee_field_get (a, "permission_to_report"), ==, "no");
  lanyard_attendee_field_set (a, "permission_to_report", "yes");
  g_assert_true (a->permission_to_report);
  g_assert_cmpstr (lanyard_attendee_field_get (a, "permission_to_report"), ==, "yes");
  lanyard_attendee_field_set (a, "permission_to_report", NULL);
  g_assert_false (a->permission_to_report);
  lanyard_attendee_field_set (a, "board", "ABFM");
  g_assert_cmpstr (a->board, ==, "ABFM");

  /* a field from a list offers exactly the words its check takes */
  for (guint i = 0; i < n; i++)
    for (const char * const *c = fields[i].choices != NULL ? fields[i].choices () : NULL; c != NULL && *c != NULL; c++)
      {
        g_autoptr(GError) error = NULL;

        g_assert_true (lanyard_attendee_field_check (fields[i].key, *c, &error));
        g_assert_no_error (error);
        g_assert_nonnull (fields[i].choice_label (*c));
      }
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (fields[i].sensitive, ==, g_strv_contains (lanyard_attendee_id_fields (), fields[i].key));
  g_assert_true (lanyard_attendee_field_find ("npi")->sensitive);
  g_assert_false (lanyard_attendee_field_find ("affiliation")->sensitive);
  g_assert_cmpstr (lanyard_attendee_field_shown ("nabp_eprofile", "3000002"), ==, "on file");
  g_assert_cmpstr (lanyard_attendee_field_shown ("birth_mmdd", ""), ==, "missing");
  g_assert_cmpstr (lanyard_attendee_field_shown ("affiliation", "Mayo"), ==, "Mayo");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (field_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/attendee-field/check/%02u-%s", i + 1, field_cases[i].key);
      g_test_add_data_func (path, &field_cases[i], test_field);
    }
  g_test_add_func ("/attendee-field/device-name", test_device_name);
  g_test_add_func ("/attendee-field/code-trim", test_code_trim);
  g_test_add_func ("/attendee-field/missing-ids", test_missing_ids);
  g_test_add_func ("/attendee-field/slots", test_slots);
  return g_test_run ();
}
