/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The staff desk's actions for scripts: set-pin, replace-badge, edit,
 * walk-in, cancel, restore, audit. Every change is audited.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "lanyard-attendee-field.h"
#include "lanyard-cli.h"
#include "lanyard-error.h"
#include "lanyard-pin.h"
#include "lanyard-cli-render.h"

int
lanyard_cli_cmd_set_pin (LanyardCli  *cli,
                         int          argc,
                         char       **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— set the staff PIN (read from standard input)"));
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(GError) error = NULL;
  char line[64] = "";
  int status;

  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return lanyard_cli_usage (context, _("set-pin reads the PIN from standard input"));
  if (fgets (line, sizeof line, stdin) == NULL)
    return lanyard_cli_failf (_("No PIN on standard input"));
  g_strchomp (line);

  store = lanyard_cli_open_store (cli, &error);
  if (store == NULL || !lanyard_pin_set (store, line, &error))
    {
      memset (line, 0, sizeof line);
      return lanyard_cli_fail (g_steal_pointer (&error));
    }
  memset (line, 0, sizeof line);
  g_print (_("Staff PIN set.\n"));
  return LANYARD_CLI_OK;
}

int
lanyard_cli_cmd_replace_badge (LanyardCli  *cli,
                               int          argc,
                               char       **argv)
{
  g_autofree char *reason = NULL;
  g_autofree char *device = NULL;
  g_autofree char *queue = NULL;
  g_autofree char *template_name = NULL;
  const GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why (lost, damaged, name fixed…)"), N_("TEXT") },
    { "device", 0, 0, G_OPTION_ARG_STRING, &device, N_("Device name for the audit trail"), N_("NAME") },
    { "print", 'p', 0, G_OPTION_ARG_STRING, &queue, N_("Print the new badge on QUEUE (a CUPS queue or ipp:// printer)"), N_("QUEUE") },
    { "template", 't', 0, G_OPTION_ARG_STRING, &template_name, N_("Badge template: 4x3, 4x6, a6, cr80 or an SVG file"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("CODE — make a replacement badge; the old one stops working"));
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(LanyardEvent) event = NULL;
  g_autoptr(LanyardAttendee) a = NULL;
  g_autoptr(LanyardBadgeKeys) keys = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  int status, version;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (!lanyard_cli_check_device (device, &status))
    return status;
  if (argc != 2 || reason == NULL || *reason == '\0')
    return lanyard_cli_usage (context, _("replace-badge needs a code and --reason"));
  if ((a = lanyard_cli_open_and_find (cli, argv[1], &store, &event)) == NULL)
    return LANYARD_CLI_FAILED;

  keys = lanyard_badge_keys_load_for_store (store, &error);
  if (keys == NULL || !keys->has_secret)
    return keys ? lanyard_cli_failf (_("This device cannot make badges: the signing key is not here.")) :
                  lanyard_cli_fail (g_steal_pointer (&error));
  version = lanyard_store_bump_badge_version (store, a->id, reason, device ? device : "lanyardctl", &error);
  if (version == 0 ||
      (code = lanyard_badge_code_encode (keys, event->id, a->ticket_code, version, &error)) == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));
  g_print ("%s\n", code);
  if (queue == NULL)
    return LANYARD_CLI_OK;

  /* The replacement is made whatever the printer does: a failed print is
   * kept for `reprint`, and the old badge is refused from now on. */
  a->badge_version = version;
  return lanyard_cli_output_badge (store, event, a, template_name, NULL, TRUE, *queue ? queue : NULL, 60,
                                   device ? device : "lanyardctl", LANYARD_SCAN_BADGE_REPRINTED);
}

/* One option per learner field (--first-name … --nabp-eprofile …), each
 * value checked by the core before anything is written. */
typedef struct {
  const LanyardAttendeeField *fields;
  guint                       n_fields;
  char                      **values; /* one per field; NULL = not given */
} FieldOptions;

static void
field_options_add (FieldOptions   *fo,
                   GOptionContext *context)
{
  g_autofree GOptionEntry *entries = NULL;

  fo->fields = lanyard_attendee_fields (&fo->n_fields);
  fo->values = g_new0 (char *, fo->n_fields);
  entries = g_new0 (GOptionEntry, fo->n_fields + 1);
  for (guint i = 0; i < fo->n_fields; i++)
    entries[i] = (GOptionEntry) { fo->fields[i].option, 0, 0, G_OPTION_ARG_STRING, &fo->values[i],
                                  fo->fields[i].label, N_("TEXT") };
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

static void
field_options_clear (FieldOptions *fo)
{
  for (guint i = 0; fo->values != NULL && i < fo->n_fields; i++)
    g_free (fo->values[i]);
  g_clear_pointer (&fo->values, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FieldOptions, field_options_clear)

/* Every value given, stripped and checked; how many were given. */
static gboolean
field_options_check (FieldOptions  *fo,
                     guint         *out_given,
                     GError       **error)
{
  *out_given = 0;
  for (guint i = 0; i < fo->n_fields; i++)
    {
      if (fo->values[i] == NULL)
        continue;
      g_strstrip (fo->values[i]);
      if (!lanyard_attendee_field_check (fo->fields[i].key, fo->values[i], error))
        return FALSE;
      (*out_given)++;
    }
  return TRUE;
}

static void
field_options_apply (FieldOptions    *fo,
                     LanyardAttendee *a)
{
  for (guint i = 0; i < fo->n_fields; i++)
    if (fo->values[i] != NULL)
      lanyard_attendee_field_set (a, fo->fields[i].key, fo->values[i]);
}

int
lanyard_cli_cmd_edit (LanyardCli  *cli,
                      int          argc,
                      char       **argv)
{
  g_auto(FieldOptions) fo = { 0 };
  g_autofree char *device = NULL;
  const GOptionEntry entries[] = {
    { "device", 0, 0, G_OPTION_ARG_STRING, &device, N_("Device name for the audit trail"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("CODE — correct a registration: names, credentials, affiliation, e-mail, profession, licence ids"));
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(LanyardAttendee) a = NULL;
  g_autoptr(GError) error = NULL;
  guint given = 0;
  int status;

  field_options_add (&fo, context);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lanyard_cli_parse (context, &argc, &argv, &status) || !lanyard_cli_check_device (device, &status))
    return status;
  if (!field_options_check (&fo, &given, &error))
    return lanyard_cli_fail (g_steal_pointer (&error));
  if (argc != 2 || given == 0)
    return lanyard_cli_usage (context, _("edit needs a code and something to change"));
  if ((a = lanyard_cli_open_and_find (cli, argv[1], &store, NULL)) == NULL)
    return LANYARD_CLI_FAILED;

  field_options_apply (&fo, a);
  if (!lanyard_store_update_attendee (store, a, device ? device : "lanyardctl", &error))
    return lanyard_cli_fail (g_steal_pointer (&error));
  {
    g_autofree char *name = lanyard_attendee_dup_display_name (a);
    g_print ("%s — %s\n", name, a->affiliation ? a->affiliation : "");
  }
  return LANYARD_CLI_OK;
}

/* "NABP e-Profile ID (--nabp-eprofile), Birth month and day (--birth-mmdd)" */
static char *
describe_ids (GStrv keys)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      const LanyardAttendeeField *field = lanyard_attendee_field_find (keys[i]);

      g_string_append_printf (text, "%s%s (--%s)", i > 0 ? ", " : "", _(field->label), field->option);
    }
  return g_string_free (text, FALSE);
}

int
lanyard_cli_cmd_walk_in (LanyardCli  *cli,
                         int          argc,
                         char       **argv)
{
  g_auto(FieldOptions) fo = { 0 };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— register someone at the desk; prints the new ticket code"));
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(LanyardEvent) event = NULL;
  g_autoptr(LanyardAttendee) a = lanyard_attendee_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) missing = NULL;
  guint given = 0;
  int status;

  field_options_add (&fo, context);
  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (!field_options_check (&fo, &given, &error))
    return lanyard_cli_fail (g_steal_pointer (&error));
  field_options_apply (&fo, a);
  if (argc != 1 || a->last_name == NULL || *a->last_name == '\0')
    return lanyard_cli_usage (context, _("walk-in needs at least --last-name"));
  if (a->profession == NULL)
    a->profession = g_strdup ("other");

  store = lanyard_cli_open_store (cli, &error);
  if (store == NULL || (event = lanyard_cli_load_event (store, &error)) == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));

  /* Asked for now, or the new badge's first scan sends them to the desk. */
  missing = lanyard_attendee_missing_ids (event, a);
  if (missing[0] != NULL)
    {
      g_autofree char *ids = describe_ids (missing);

      /* Translators: %s is a profession, then a list of ids with their options */
      return lanyard_cli_failf (_("Credit reporting for this profession (%s) needs: %s."),
                                lanyard_profession_to_label (a->profession), ids);
    }

  /* Walk-in codes are ours: "WI-" and 8 random hex digits, never reused. */
  do
    {
      g_autoptr(LanyardAttendee) clash = NULL;

      g_free (a->ticket_code);
      a->ticket_code = g_strdup_printf ("WI-%08X", g_random_int ());
      clash = lanyard_store_find_ticket (store, a->ticket_code, NULL);
      if (clash == NULL)
        break;
    }
  while (TRUE);
  if (!lanyard_store_upsert_attendee (store, a, NULL, NULL, &error))
    return lanyard_cli_fail (g_steal_pointer (&error));
  g_print ("%s\n", a->ticket_code);
  return LANYARD_CLI_OK;
}

static int
set_status (LanyardCli    *cli,
            int            argc,
            char         **argv,
            LanyardStatus  status_value)
{
  g_autoptr(GOptionContext) context = g_option_context_new (status_value == LANYARD_STATUS_CANCELLED
                                                            ? _("CODE — cancel a registration")
                                                            : _("CODE — restore a cancelled registration"));
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(LanyardAttendee) a = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return lanyard_cli_usage (context, _("one code, please"));
  if ((a = lanyard_cli_open_and_find (cli, argv[1], &store, NULL)) == NULL)
    return LANYARD_CLI_FAILED;
  if (!lanyard_store_set_status (store, a->id, status_value, "lanyardctl", &error))
    return lanyard_cli_fail (g_steal_pointer (&error));
  g_print ("%s: %s\n", a->ticket_code, lanyard_status_to_string (status_value));
  return LANYARD_CLI_OK;
}

int
lanyard_cli_cmd_cancel (LanyardCli  *cli,
                        int          argc,
                        char       **argv)
{
  return set_status (cli, argc, argv, LANYARD_STATUS_CANCELLED);
}

int
lanyard_cli_cmd_restore (LanyardCli  *cli,
                         int          argc,
                         char       **argv)
{
  return set_status (cli, argc, argv, LANYARD_STATUS_ACTIVE);
}

int
lanyard_cli_cmd_audit (LanyardCli  *cli,
                       int          argc,
                       char       **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("CODE — the history of changes to a registration"));
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(LanyardEvent) event = NULL;
  g_autoptr(LanyardAttendee) a = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return lanyard_cli_usage (context, _("one code, please"));
  if ((a = lanyard_cli_open_and_find (cli, argv[1], &store, &event)) == NULL)
    return LANYARD_CLI_FAILED;
  entries = lanyard_store_list_audit (store, a->id, &error);
  if (entries == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));
  for (guint i = 0; i < entries->len; i++)
    {
      const LanyardAuditEntry *e = g_ptr_array_index (entries, i);
      g_autofree char *when = lanyard_cli_format_time (e->at, event->time_zone);

      g_print ("%s  %-14s %-14s “%s” → “%s”%s%s\n", when, e->device ? e->device : "", e->field,
               lanyard_attendee_field_shown (e->field, e->old_value),
               lanyard_attendee_field_shown (e->field, e->new_value),
               e->reason ? "  " : "", e->reason ? e->reason : "");
    }
  if (entries->len == 0)
    g_print (_("No changes recorded.\n"));
  return LANYARD_CLI_OK;
}
