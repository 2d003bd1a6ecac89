/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lanyard-attendee-field.h"
#include "lanyard-credits.h"
#include "lanyard-error.h"

#define DEVICE_NAME_MAX 64

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA, format, args);
  va_end (args);
  return FALSE;
}

static gboolean
all_digits (const char *value)
{
  if (*value == '\0')
    return FALSE;
  for (const char *p = value; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

gboolean
lanyard_check_profession (const char  *value,
                          GError     **error)
{
  g_autofree char *list = NULL;

  if (value != NULL && g_strv_contains (lanyard_professions (), value))
    return TRUE;
  list = g_strjoinv (", ", (char **) lanyard_professions ());
  /* Translators: the second %s lists the words, which stay in English */
  return invalid (error, _("“%s” is not a profession Lanyard knows; use one of %s."), value ? value : "", list);
}

gboolean
lanyard_check_birth_mmdd (const char  *value,
                          GError     **error)
{
  int month, day;

  if (strlen (value) != 4 || !all_digits (value))
    return invalid (error, _("The birth date is the month and day as four digits, e.g. 0314 for 14 March."));
  month = (value[0] - '0') * 10 + (value[1] - '0');
  day = (value[2] - '0') * 10 + (value[3] - '0');
  /* 2000 was a leap year: 29 February is a birthday. */
  if (month < 1 || month > 12 || day < 1 || day > g_date_get_days_in_month (month, 2000))
    /* Refusals never repeat the value: they end up in logs. */
    return invalid (error, _("That is not a day of the year (month and day, MMDD)."));
  return TRUE;
}

/* An NPI's tenth digit is a Luhn check digit over the nine before it,
 * computed as if the ISO prefix 80840 stood in front (CMS). */
gboolean
lanyard_check_npi (const char  *value,
                   GError     **error)
{
  int sum = 24; /* the prefix 80840's share of the Luhn sum */

  if (strlen (value) != 10 || !all_digits (value))
    return invalid (error, _("An NPI has 10 digits."));
  for (int i = 8; i >= 0; i--)
    {
      int d = value[i] - '0';

      if ((8 - i) % 2 == 0)
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
  if ((10 - sum % 10) % 10 != value[9] - '0')
    return invalid (error, _("That is not an NPI: its last digit does not match (a digit mistyped?)."));
  return TRUE;
}

static gboolean
digits_between (const char *value,
                gsize       min,
                gsize       max)
{
  gsize len = strlen (value);

  return all_digits (value) && len >= min && len <= max;
}

gboolean
lanyard_check_nabp_eprofile (const char  *value,
                             GError     **error)
{
  return digits_between (value, 6, 7) ||
         invalid (error, _("An NABP e-Profile ID is a number of 6 or 7 digits."));
}

gboolean
lanyard_check_board_id (const char  *value,
                        GError     **error)
{
  return digits_between (value, 6, 8) ||
         invalid (error, _("A board ID (ABIM) is a number of 6 to 8 digits."));
}

/* "TX 123456": the licensing state's postal code, then the number. */
gboolean
lanyard_check_license (const char  *value,
                       GError     **error)
{
  static const char states[] =
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC "
    "ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI";
  char state[3] = { 0 };
  const char *number;
  gboolean has_digit = FALSE;

  if (strlen (value) < 4 || !g_ascii_isupper (value[0]) || !g_ascii_isupper (value[1]) ||
      (value[2] != ' ' && value[2] != '-'))
    return invalid (error, _("A licence is the state’s two letters, a space and the number, e.g. TX 123456."));
  memcpy (state, value, 2);
  if (strstr (states, state) == NULL)
    return invalid (error, _("%s is not a US state or territory."), state);
  number = value + 3;
  if (strlen (number) > 20)
    return invalid (error, _("The licence number is too long (at most 20 characters)."));
  for (const char *p = number; *p; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-')
        return invalid (error, _("A licence number has letters, digits and hyphens only."));
      has_digit |= g_ascii_isdigit (*p);
    }
  if (!has_digit)
    return invalid (error, _("The licence number has no digits."));
  return TRUE;
}

gboolean
lanyard_check_email (const char  *value,
                     GError     **error)
{
  const char *at = strchr (value, '@');

  if (at == NULL || at == value || strchr (at + 1, '@') != NULL || strchr (at + 1, '.') == NULL ||
      at[1] == '.' || value[strlen (value) - 1] == '.' || strpbrk (value, " \t\r\n<>,;\"") != NULL ||
      strlen (value) > 254)
    return invalid (error, _("That is not an e-mail address."));
  return TRUE;
}

/* The name a device signs the scan log and the audit trail with. */
gboolean
lanyard_check_device_name (const char  *value,
                           GError     **error)
{
  if (value == NULL || *value == '\0')
    return invalid (error, _("The device name is empty."));
  if (!g_utf8_validate (value, -1, NULL))
    return invalid (error, _("The device name is not text."));
  if (g_utf8_strlen (value, -1) > DEVICE_NAME_MAX)
    return invalid (error, _("The device name is too long (at most %d characters)."), DEVICE_NAME_MAX);
  for (const char *p = value; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isprint (g_utf8_get_char (p)))
      return invalid (error, _("The device name has a character that cannot be printed (a tab or line break?)."));
  return TRUE;
}

/* Scanners and pastes add line ends, tabs, spaces and NULs around a code:
 * they go. Nothing inside the code is touched, nor its case (a ticket
 * secret may be case-sensitive). */
const guint8 *
lanyard_code_trim (const guint8 *code,
                   gsize         len,
                   gsize        *out_len)
{
  if (code == NULL)
    {
      *out_len = 0;
      return code;
    }
  while (len > 0 && (code[0] <= ' ' || code[0] == 0x7f))
    code++, len--;
  while (len > 0 && (code[len - 1] <= ' ' || code[len - 1] == 0x7f))
    len--;
  *out_len = len;
  return code;
}

/* permission_to_report, a flag, as the words the forms and the audit use */
static const char * const *
yes_no_words (void)
{
  static const char * const words[] = { "no", "yes", NULL };

  return words;
}

static const char *
yes_no_label (const char *word)
{
  return g_strcmp0 (word, "yes") == 0 ? _("Yes") : _("No");
}

gboolean
lanyard_check_yes_no (const char  *value,
                      GError     **error)
{
  return g_str_equal (value, "yes") || g_str_equal (value, "no") ||
         invalid (error, _("Permission to report is “yes” or “no”."));
}

static const LanyardAttendeeField fields[] = {
  { "first_name", "first-name", N_("First name"), FALSE, FALSE, NULL },
  { "last_name", "last-name", N_("Last name"), FALSE, TRUE, NULL },
  { "first_name_latin", "first-name-latin", N_("First name in Latin letters"), FALSE, FALSE, NULL },
  { "last_name_latin", "last-name-latin", N_("Last name in Latin letters"), FALSE, FALSE, NULL },
  { "credentials", "credentials", N_("Credentials"), FALSE, FALSE, NULL },
  { "affiliation", "affiliation", N_("Affiliation"), FALSE, FALSE, NULL },
  { "email", "email", N_("E-mail"), FALSE, FALSE, lanyard_check_email },
  { "profession", "profession", N_("Profession"), FALSE, TRUE, lanyard_check_profession,
    lanyard_professions, lanyard_profession_to_label },
  { "npi", "npi", N_("NPI"), TRUE, FALSE, lanyard_check_npi },
  { "nabp_eprofile", "nabp-eprofile", N_("NABP e-Profile ID"), TRUE, FALSE, lanyard_check_nabp_eprofile },
  { "birth_mmdd", "birth-mmdd", N_("Birth month and day"), TRUE, FALSE, lanyard_check_birth_mmdd },
  { "abim_id", "board-id", N_("Board ID (ABIM)"), TRUE, FALSE, lanyard_check_board_id },
  { "license", "license", N_("Licence (state and number)"), TRUE, FALSE, lanyard_check_license },
  { "board", "board", N_("Certifying board (MOC)"), FALSE, FALSE, NULL },
  { "permission_to_report", "permission-to-report", N_("Permission to report to boards"), FALSE, FALSE,
    lanyard_check_yes_no, yes_no_words, yes_no_label },
};

const LanyardAttendeeField *
lanyard_attendee_fields (guint *n_fields)
{
  *n_fields = G_N_ELEMENTS (fields);
  return fields;
}

const char * const *
lanyard_attendee_id_fields (void)
{
  static const char * const ids[] = { "npi", "nabp_eprofile", "birth_mmdd", "abim_id", "license", NULL };

  return ids;
}

const char * const *
lanyard_attendee_field_keys (void)
{
  static const char *keys[G_N_ELEMENTS (fields) + 1];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        keys[i] = fields[i].key;
      g_once_init_leave (&done, 1);
    }
  return keys;
}

const LanyardAttendeeField *
lanyard_attendee_field_find (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].key, key) == 0)
      return &fields[i];
  return NULL;
}

/* Where a text field lives in an attendee, to read or to replace; the
 * flag permission_to_report has none (use _get and _set). */
char **
lanyard_attendee_field_slot (LanyardAttendee *a,
                             const char      *key)
{
  struct { const char *key; char **slot; } slots[] = {
    { "first_name", &a->first_name }, { "last_name", &a->last_name },
    { "first_name_latin", &a->first_name_latin }, { "last_name_latin", &a->last_name_latin },
    { "credentials", &a->credentials },
    { "affiliation", &a->affiliation }, { "email", &a->email }, { "profession", &a->profession },
    { "npi", &a->npi }, { "nabp_eprofile", &a->nabp_eprofile }, { "birth_mmdd", &a->birth_mmdd },
    { "abim_id", &a->abim_id }, { "license", &a->license }, { "board", &a->board },
  };

  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    if (g_str_equal (slots[i].key, key))
      return slots[i].slot;
  g_return_val_if_reached (NULL);
}

const char *
lanyard_attendee_field_get (const LanyardAttendee *a,
                            const char            *key)
{
  char **slot;

  if (g_str_equal (key, "permission_to_report"))
    return a->permission_to_report ? "yes" : "no";
  slot = lanyard_attendee_field_slot ((LanyardAttendee *) a, key);
  return slot != NULL && *slot != NULL ? *slot : "";
}

/* A checked value into its place; NULL empties it. */
void
lanyard_attendee_field_set (LanyardAttendee *a,
                            const char      *key,
                            const char      *value)
{
  char **slot;

  if (g_str_equal (key, "permission_to_report"))
    {
      a->permission_to_report = g_strcmp0 (value, "yes") == 0;
      return;
    }
  slot = lanyard_attendee_field_slot (a, key);
  g_free (*slot);
  *slot = g_strdup (value != NULL ? value : "");
}

/* What a screen may show of a value: a sensitive one only as "on file"
 * or "missing" (the audit trail in the database keeps it whole). */
const char *
lanyard_attendee_field_shown (const char *key,
                              const char *value)
{
  if (!g_strv_contains (lanyard_attendee_id_fields (), key))
    return value != NULL ? value : "";
  return value != NULL && *value != '\0' ? _("on file") : _("missing");
}

/* An empty value clears the field, unless it is one a registration must
 * have. */
gboolean
lanyard_attendee_field_check (const char  *key,
                              const char  *value,
                              GError     **error)
{
  const LanyardAttendeeField *field = lanyard_attendee_field_find (key);

  g_return_val_if_fail (field != NULL, FALSE);
  if (value == NULL || *value == '\0')
    {
      if (field->required)
        /* Translators: %s is a field's name, e.g. "Last name" */
        return invalid (error, _("%s cannot be empty."), _(field->label));
      return TRUE;
    }
  if (!g_utf8_validate (value, -1, NULL))
    return invalid (error, _("%s is not text."), _(field->label));
  return field->check == NULL || field->check (value, error);
}

/* The ids a credit type of the attendee's profession needs and they lack
 * (the keys, e.g. "nabp_eprofile"): what the desk asks for. */
GStrv
lanyard_attendee_missing_ids (const LanyardEvent    *event,
                              const LanyardAttendee *attendee)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < event->credit_types->len; i++)
    {
      const LanyardCreditType *type = g_ptr_array_index (event->credit_types, i);

      if (type->professions == NULL || type->professions[0] == NULL ||
          !lanyard_credit_type_applies (type, attendee->profession))
        continue;
      for (guint j = 0; type->required_ids != NULL && type->required_ids[j] != NULL; j++)
        {
          const char *key = type->required_ids[j];

          if (lanyard_attendee_field_find (key) == NULL || g_hash_table_contains (seen, key))
            continue;
          g_hash_table_add (seen, (gpointer) key);
          if (*lanyard_attendee_field_get (attendee, key) == '\0')
            g_strv_builder_add (builder, key);
        }
    }
  return g_strv_builder_end (builder);
}
