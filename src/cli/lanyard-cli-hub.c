/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lanyardctl hub …: the office's side of the hub (src/hub/lanyard-hub.h);
 * join and sync: a device's database following it (lanyard-sync.h).
 */
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "lanyard-cli.h"
#include "lanyard-error.h"
#include "lanyard-hub.h"
#include "lanyard-pin.h"
#include "lanyard-sync-worker.h"
#include "lanyard-sync.h"

typedef int (*HubCommand) (LanyardHub *hub, int argc, char **argv);

static int
hub_init (LanyardHub  *hub,
          int          argc,
          char       **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— create or migrate the hub’s schema"));
  g_autoptr(GError) error = NULL;
  int from = 0, to = 0, status;

  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return lanyard_cli_usage (context, _("init takes no arguments"));
  if (!lanyard_hub_init (hub, &from, &to, &error))
    return lanyard_cli_fail (g_steal_pointer (&error));
  if (from == to)
    g_print (_("The hub’s schema is up to date (version %d).\n"), to);
  else
    g_print (_("The hub’s schema is now version %d (was %d).\n"), to, from);
  return LANYARD_CLI_OK;
}

static int
hub_load (LanyardHub  *hub,
          int          argc,
          char       **argv)
{
  g_autofree char *event_path = NULL;
  g_autofree char *key_path = NULL;
  const GOptionEntry entries[] = {
    { "event", 0, 0, G_OPTION_ARG_FILENAME, &event_path, N_("The event file (JSON)"), N_("EVENT.json") },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key_path,
      N_("The badge signing key (made there if missing; only its public half goes to the hub)"), N_("EVENT.key") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— load or update the event at the hub"));
  g_autoptr(GError) error = NULL;
  gboolean made = FALSE;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (event_path == NULL || key_path == NULL || argc != 1)
    return lanyard_cli_usage (context, _("load needs --event EVENT.json and --key EVENT.key"));
  if (!lanyard_hub_load_event (hub, event_path, key_path, &made, &error))
    return lanyard_cli_fail (g_steal_pointer (&error));
  if (made)
    g_print (_("Made a new badge signing key: %s (keep it secret: it goes only to kiosks and desks)\n"), key_path);
  g_print (_("The event from %s is at the hub.\n"), event_path);
  return LANYARD_CLI_OK;
}

static int
hub_import (LanyardHub  *hub,
            int          argc,
            char       **argv)
{
  g_auto(LanyardCliImportArgs) args = { 0 };
  LanyardImportOptions options;
  g_autoptr(GOptionContext) context = g_option_context_new (_("REG.csv — import registrations at the hub"));
  g_autoptr(LanyardImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  /* the device's import options, the same words (lanyard-cli.h) */
  lanyard_cli_import_args_add (context, &args);
  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return lanyard_cli_usage (context, _("import needs one CSV file"));
  if (args.cancel_missing && !args.full)
    return lanyard_cli_usage (context, _("--cancel-missing needs --full"));
  lanyard_cli_import_args_to_options (&args, &options);
  report = lanyard_hub_import (hub, argv[1], &options, &error);
  if (report == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));
  lanyard_cli_print_import_report (report, &options);
  return LANYARD_CLI_OK;
}

static int
hub_add_device (LanyardHub  *hub,
                int          argc,
                char       **argv)
{
  g_autofree char *role = NULL;
  g_autofree char *key_path = NULL;
  g_autofree char *output = NULL;
  g_autofree char *qr = NULL;
  const GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, N_("kiosk, desk or door"), N_("ROLE") },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key_path, N_("The badge signing key, for kiosks and desks"), N_("EVENT.key") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the device’s connection file here (mode 0600)"), N_("DEVICE.conn") },
    { "qr", 0, 0, G_OPTION_ARG_FILENAME, &qr, N_("Also write the connection as a QR code, for the device’s camera"), N_("PNG") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("NAME — give a device its own login at the hub"));
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2 || role == NULL || output == NULL)
    return lanyard_cli_usage (context, _("add-device needs NAME, --role and -o DEVICE.conn"));
  if (!lanyard_hub_add_device (hub, argv[1], role, key_path, output, qr, &error))
    return lanyard_cli_fail (g_steal_pointer (&error));
  g_print (_("Device “%s” (%s) added; its connection is in %s. Keep that file secret.\n"), argv[1], role, output);
  return LANYARD_CLI_OK;
}

static int
hub_remove_device (LanyardHub  *hub,
                   int          argc,
                   char       **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("NAME — the device can no longer connect"));
  g_autoptr(GError) error = NULL;
  int status;

  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return lanyard_cli_usage (context, _("remove-device needs the device’s name"));
  if (!lanyard_hub_remove_device (hub, argv[1], &error))
    return lanyard_cli_fail (g_steal_pointer (&error));
  g_print (_("Device “%s” removed: it can no longer connect. Its rows stay.\n"), argv[1]);
  return LANYARD_CLI_OK;
}

static char *
format_offset (gint64 offset)
{
  return g_strdup_printf ("%+.1f s", offset / (double) G_USEC_PER_SEC);
}

static char *
format_local (gint64 at)
{
  g_autoptr(GDateTime) dt = NULL;

  if (at == 0)
    return g_strdup ("—");
  dt = g_date_time_new_from_unix_local (at / G_USEC_PER_SEC);
  return g_date_time_format (dt, "%Y-%m-%d %H:%M:%S");
}

static void
add_time_json (JsonBuilder *b,
               const char  *member,
               gint64       at)
{
  json_builder_set_member_name (b, member);
  if (at == 0)
    json_builder_add_null_value (b);
  else
    {
      g_autofree char *text = lanyard_cli_format_time (at, NULL);

      json_builder_add_string_value (b, text);
    }
}

static int
hub_status (LanyardHub  *hub,
            int          argc,
            char       **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— the devices: last seen, rows waiting, clock, version"));
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return lanyard_cli_usage (context, _("status takes no arguments"));
  devices = lanyard_hub_list_devices (hub, &error);
  if (devices == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "devices");
  json_builder_begin_array (b);
  for (guint i = 0; i < devices->len; i++)
    {
      const LanyardHubDevice *d = g_ptr_array_index (devices, i);

      if (!json)
        {
          g_autofree char *seen = format_local (d->last_seen);
          g_autofree char *offset = d->last_seen ? format_offset (d->clock_offset) : g_strdup ("—");
          g_autofree char *waiting = d->rows_waiting >= 0 ? g_strdup_printf ("%d", d->rows_waiting) : g_strdup ("—");

          g_print ("%-16s %-6s %s  %s %s  %s %" G_GINT64_FORMAT "  %s %s  %s%s%s\n", d->name, d->role, seen,
                   _("waiting"), waiting, _("at hub"), d->rows_at_hub, _("clock"), offset,
                   d->version ? d->version : "",
                   d->clock_skewed ? _("  CLOCK OFF: credits depend on door times") : "",
                   d->removed_at ? _("  removed") : "");
          continue;
        }
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, d->name);
      json_builder_set_member_name (b, "role");
      json_builder_add_string_value (b, d->role);
      add_time_json (b, "last_seen", d->last_seen);
      add_time_json (b, "removed_at", d->removed_at);
      json_builder_set_member_name (b, "rows_waiting");
      if (d->rows_waiting >= 0)
        json_builder_add_int_value (b, d->rows_waiting);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "rows_at_hub");
      json_builder_add_int_value (b, d->rows_at_hub);
      json_builder_set_member_name (b, "clock_offset_seconds");
      if (d->last_seen)
        json_builder_add_double_value (b, d->clock_offset / (double) G_USEC_PER_SEC);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "clock_skewed");
      json_builder_add_boolean_value (b, d->clock_skewed);
      json_builder_set_member_name (b, "version");
      if (d->version)
        json_builder_add_string_value (b, d->version);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (json)
    lanyard_cli_print_json (b);
  return LANYARD_CLI_OK;
}

/* The device's own report, run on a copy of the hub. */
static int
on_copy (LanyardHub        *hub,
         LanyardCliCommand  command,
         int                argc,
         char             **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(LanyardStore) store = lanyard_hub_open_copy (hub, &dir, &error);
  LanyardCli copy = { NULL };
  int status;

  if (store == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));
  copy.db_path = g_strdup (lanyard_store_get_path (store));
  g_clear_object (&store);
  status = command (&copy, argc, argv);
  g_free (copy.db_path);
  lanyard_hub_remove_copy (dir);
  return status;
}

static int
hub_export (LanyardHub  *hub,
            int          argc,
            char       **argv)
{
  return on_copy (hub, lanyard_cli_cmd_export, argc, argv);
}

static int
hub_credits (LanyardHub  *hub,
             int          argc,
             char       **argv)
{
  return on_copy (hub, lanyard_cli_cmd_credits, argc, argv);
}

static int
hub_set_pin (LanyardHub  *hub,
             int          argc,
             char       **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— set the staff PIN of every device (from standard input)"));
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(LanyardStore) store = NULL;
  char line[128];
  int status;

  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return lanyard_cli_usage (context, _("set-pin reads the PIN from standard input"));
  if (fgets (line, sizeof line, stdin) == NULL)
    return lanyard_cli_failf (_("No PIN on standard input."));
  g_strchomp (line);
  store = lanyard_hub_open_copy (hub, &dir, &error);
  if (store == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));
  if (lanyard_pin_set (store, line, &error))
    hash = lanyard_store_get_meta (store, "staff_pin_hash");
  g_clear_object (&store);
  lanyard_hub_remove_copy (dir);
  if (hash == NULL || !lanyard_hub_set_pin_hash (hub, hash, &error))
    return lanyard_cli_fail (g_steal_pointer (&error));
  g_print (_("The staff PIN is set at the hub; devices take it at their next sync.\n"));
  return LANYARD_CLI_OK;
}

static const struct {
  const char *name;
  HubCommand  run;
} hub_commands[] = {
  { "init", hub_init },
  { "load", hub_load },
  { "import", hub_import },
  { "add-device", hub_add_device },
  { "remove-device", hub_remove_device },
  { "status", hub_status },
  { "export", hub_export },
  { "credits", hub_credits },
  { "set-pin", hub_set_pin },
};

static int
hub_usage (int status)
{
  const char *text = _("Usage: lanyardctl hub --hub CONNINFO COMMAND [OPTIONS…]\n\n"
                       "  init                                   create or migrate the hub schema\n"
                       "  load --event E.json --key EVENT.key    the event (and the badge key’s public half)\n"
                       "  import REG.csv [--preset P] [--mapping M.json] [--dry-run] [--full [--cancel-missing]]\n"
                       "                                         registrations, with the device’s rules and options\n"
                       "  add-device NAME --role kiosk|desk|door [--key EVENT.key] -o DEVICE.conn [--qr PNG]\n"
                       "  remove-device NAME\n"
                       "  status [--json]                        devices: last seen, rows waiting, clock, version\n"
                       "  export attendance [--format csv|json] [-o FILE]\n"
                       "  credits CODE [--json]\n"
                       "  set-pin                                the staff PIN for every device, from standard input\n\n"
                       "CONNINFO is a libpq connection string or URI; $LANYARD_HUB may stand in for --hub.\n");

  if (status == 0)
    g_print ("%s", text);
  else
    g_printerr ("%s", text);
  return status;
}

int
lanyard_cli_cmd_hub (LanyardCli  *cli,
                     int          argc,
                     char       **argv)
{
  g_autofree char *conninfo = g_strdup (g_getenv ("LANYARD_HUB"));
  g_autoptr(LanyardHub) hub = NULL;
  g_autoptr(GError) error = NULL;
  int i = 1;

  for (; i < argc && argv[i][0] == '-'; i++)
    {
      if (g_str_equal (argv[i], "--hub") && i + 1 < argc)
        {
          g_free (conninfo);
          conninfo = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (argv[i], "--hub="))
        {
          g_free (conninfo);
          conninfo = g_strdup (argv[i] + 6);
        }
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        return hub_usage (0);
      else
        {
          g_printerr (_("lanyardctl: unknown option %s\n"), argv[i]);
          return hub_usage (LANYARD_CLI_USAGE);
        }
    }
  if (i >= argc)
    return hub_usage (LANYARD_CLI_USAGE);
  for (guint k = 0; k < G_N_ELEMENTS (hub_commands); k++)
    {
      if (!g_str_equal (hub_commands[k].name, argv[i]))
        continue;
      if (conninfo == NULL || *conninfo == '\0')
        {
          g_printerr ("lanyardctl: %s\n", _("Which hub? Give --hub CONNINFO or set $LANYARD_HUB."));
          return LANYARD_CLI_USAGE;
        }
      hub = lanyard_hub_connect (conninfo, &error);
      if (hub == NULL)
        return lanyard_cli_fail (g_steal_pointer (&error));
      return hub_commands[k].run (hub, argc - i, argv + i);
    }
  g_printerr (_("lanyardctl: unknown command “%s”\n"), argv[i]);
  return hub_usage (LANYARD_CLI_USAGE);
}

int
lanyard_cli_cmd_join (LanyardCli  *cli,
                      int          argc,
                      char       **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("DEVICE.conn — this database follows that hub, as that device"));
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *device = NULL;
  int status;

  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return lanyard_cli_usage (context, _("join needs the device’s connection file"));
  store = lanyard_cli_open_store (cli, &error);
  if (store == NULL || !lanyard_sync_join (store, argv[1], &device, &error))
    return lanyard_cli_fail (g_steal_pointer (&error));
  g_print (_("%s now follows the hub as device “%s”; its first sync brings the event and the registrations.\n"),
           cli->db_path, device);
  return LANYARD_CLI_OK;
}

static void
print_status (LanyardSyncStatus *s,
              gboolean           json)
{
  g_autofree char *words = lanyard_sync_status_describe (s, g_get_real_time (), NULL);
  g_autoptr(JsonBuilder) b = NULL;

  if (!json)
    {
      g_print ("%s\n", words);
      if (s->last_error != NULL)
        g_print ("%s\n", s->last_error);
      return;
    }
  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "device");
  json_builder_add_string_value (b, s->device ? s->device : "");
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, s->role ? s->role : "");
  add_time_json (b, "last_success", s->last_success);
  add_time_json (b, "offline_since", s->offline_since);
  json_builder_set_member_name (b, "rows_waiting");
  json_builder_add_int_value (b, s->rows_waiting);
  json_builder_set_member_name (b, "clock_offset_seconds");
  json_builder_add_double_value (b, s->clock_offset / (double) G_USEC_PER_SEC);
  json_builder_set_member_name (b, "clock_skewed");
  json_builder_add_boolean_value (b, s->clock_skewed);
  json_builder_set_member_name (b, "last_error");
  if (s->last_error)
    json_builder_add_string_value (b, s->last_error);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, words);
  json_builder_end_object (b);
  lanyard_cli_print_json (b);
}

static const char *
conflict_words (const char *kind)
{
  if (g_strcmp0 (kind, "printed_twice") == 0)
    return _("printed twice");
  if (g_strcmp0 (kind, "checked_in_cancelled") == 0)
    return _("checked in while cancelled");
  return _("edit lost to a later one");
}

static int
print_conflicts (LanyardStore *store,
                 gboolean      json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = lanyard_sync_list_conflicts (store, &error);
  g_autoptr(JsonBuilder) b = json_builder_new ();

  if (list == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "conflicts");
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    {
      const LanyardSyncConflict *c = g_ptr_array_index (list, i);

      if (!json)
        {
          g_print ("%-14s %s%s%s (%s)\n", c->ticket_code ? c->ticket_code : "", conflict_words (c->kind),
                   c->field ? ": " : "", c->field ? c->field : "", c->devices ? c->devices : "");
          continue;
        }
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "ticket_code");
      json_builder_add_string_value (b, c->ticket_code ? c->ticket_code : "");
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, c->kind);
      json_builder_set_member_name (b, "field");
      json_builder_add_string_value (b, c->field ? c->field : "");
      json_builder_set_member_name (b, "devices");
      json_builder_add_string_value (b, c->devices ? c->devices : "");
      json_builder_set_member_name (b, "lost");
      json_builder_add_string_value (b, c->lost ? c->lost : "");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (json)
    lanyard_cli_print_json (b);
  return LANYARD_CLI_OK;
}

static void
on_status_changed (LanyardSyncWorker *worker,
                   gpointer           user_data)
{
  g_autoptr(LanyardSyncStatus) s = lanyard_sync_worker_get_status (worker);
  g_autofree char *words = lanyard_sync_status_describe (s, g_get_real_time (), NULL);
  char **last = user_data;

  /* one line per change of state, not one per poll */
  if (g_strcmp0 (*last, s->last_error ? s->last_error : (s->offline_since ? words : "ok")) == 0)
    return;
  g_free (*last);
  *last = g_strdup (s->last_error ? s->last_error : (s->offline_since ? words : "ok"));
  g_print ("%s%s%s\n", words, s->last_error ? ": " : "", s->last_error ? s->last_error : "");
}

static gboolean
on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

int
lanyard_cli_cmd_sync (LanyardCli  *cli,
                      int          argc,
                      char       **argv)
{
  gboolean once = FALSE, show = FALSE, json = FALSE, conflicts = FALSE;
  const GOptionEntry entries[] = {
    { "conflicts", 0, 0, G_OPTION_ARG_NONE, &conflicts,
      N_("List what staff must look at: printed twice, checked in while cancelled, edits that lost"), NULL },
    { "once", 0, 0, G_OPTION_ARG_NONE, &once, N_("Push and pull once, then stop"), NULL },
    { "status", 0, 0, G_OPTION_ARG_NONE, &show, N_("Say how the sync stands, without connecting"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— sync this database with its hub"));
  g_autoptr(LanyardStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!lanyard_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return lanyard_cli_usage (context, _("sync takes no arguments"));
  store = lanyard_cli_open_store (cli, &error);
  if (store == NULL)
    return lanyard_cli_fail (g_steal_pointer (&error));
  if (!lanyard_sync_is_joined (store))
    return lanyard_cli_failf (_("This database follows no hub. Join one with “lanyardctl join DEVICE.conn”."));

  if (conflicts)
    return print_conflicts (store, json);
  if (once)
    {
      LanyardSyncReport report = { 0 };
      gboolean ok = lanyard_sync_once (store, &report, &error);

      if (show || json)
        {
          g_autoptr(LanyardSyncStatus) s = lanyard_sync_read_status (store);

          print_status (s, json);
        }
      if (!ok)
        return lanyard_cli_fail (g_steal_pointer (&error));
      if (!json)
        {
          /* Translators: the first %u is rows sent to the hub, the second rows brought here */
          g_print (g_dngettext (GETTEXT_PACKAGE, "Pushed %u row, pulled %u.\n", "Pushed %u rows, pulled %u.\n",
                                report.pushed), report.pushed, report.pulled);
        }
      return LANYARD_CLI_OK;
    }
  if (show)
    {
      g_autoptr(LanyardSyncStatus) s = lanyard_sync_read_status (store);

      print_status (s, json);
      return LANYARD_CLI_OK;
    }

  {
    g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
    g_autoptr(LanyardSyncWorker) worker = lanyard_sync_worker_new (cli->db_path);
    g_autofree char *last = NULL;
    guint sigint = g_unix_signal_add (SIGINT, on_signal, loop);
    guint sigterm = g_unix_signal_add (SIGTERM, on_signal, loop);

    g_clear_object (&store);
    g_signal_connect (worker, "status-changed", G_CALLBACK (on_status_changed), &last);
    lanyard_sync_worker_start (worker);
    g_main_loop_run (loop);
    lanyard_sync_worker_stop (worker);
    g_source_remove (sigint);
    g_source_remove (sigterm);
  }
  return LANYARD_CLI_OK;
}
