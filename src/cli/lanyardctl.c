/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lanyardctl: the CME office's tool. Each command lives in a
 * lanyard-cli-*.c file; this is the table that finds it.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "lanyard-cli.h"

/* Two programs from this file. `lanyardctl` links the core alone (GLib,
 * SQLite, json-glib, libsodium, ICU): the commands of every day (stats,
 * lookup, check-in, export, import…) start in a quarter of the time,
 * as the ninety libraries that drawing, printing, reading pictures and
 * the hub bring would take some 70 ms of the dynamic linker at each
 * start. For the other commands it runs `lanyardctl-full`, this file
 * with every command, from beside itself (the build) or from
 * LANYARD_LIBEXECDIR (installed). */
#ifdef LANYARDCTL_FULL
#include "lanyard-cli-decode.h"
#include "lanyard-cli-print.h"
#include "lanyard-cli-render.h"
#define FULL(run) run
#else
#define FULL(run) NULL
#endif

typedef struct {
  const char        *name;
  LanyardCliCommand  run;     /* NULL: lanyardctl-full's */
  const char        *summary;
} Command;

#ifdef LANYARDCTL_FULL
static int
run_decode (LanyardCli  *cli,
            int          argc,
            char       **argv)
{
  return lanyard_cli_decode (argc, argv);
}
#endif

static const Command commands[] = {
  { "init", lanyard_cli_cmd_init, N_("create/upgrade the database, load or update the event") },
  { "import", lanyard_cli_cmd_import, N_("import registrations from CSV") },
  { "lookup", lanyard_cli_cmd_lookup, N_("resolve a ticket or badge code") },
  { "search", lanyard_cli_cmd_search, N_("find attendees by name") },
  { "sessions", lanyard_cli_cmd_sessions, N_("the event's sessions") },
  { "checkin", lanyard_cli_cmd_checkin, N_("record a check-in or a session entry/exit") },
  { "credits", lanyard_cli_cmd_credits, N_("an attendee's CME credits") },
  { "export", lanyard_cli_cmd_export, N_("export attendance (CSV or JSON)") },
  { "report", FULL (lanyard_cli_cmd_report), N_("accreditors' files: PARS learners, CPE Monitor, evaluations") },
  { "archive", FULL (lanyard_cli_cmd_archive), N_("the records to keep for 6 years, in one folder; archive verify checks it") },
  { "stats", lanyard_cli_cmd_stats, N_("counts: registered, checked in, by role and profession") },
  { "keygen", lanyard_cli_cmd_keygen, N_("make the badge signing key pair") },
  { "decode", FULL (run_decode), N_("decode QR codes in image files") },
  { "printers", FULL (lanyard_cli_cmd_printers), N_("each printer queue with its state and reasons") },
  { "jobs", FULL (lanyard_cli_cmd_jobs), N_("recorded print requests") },
  { "reprint", FULL (lanyard_cli_cmd_reprint), N_("send a recorded print request again") },
  { "badge", FULL (lanyard_cli_cmd_badge), N_("a badge as PDF, or printed") },
  { "badges", FULL (lanyard_cli_cmd_badges), N_("pre-print every badge into one PDF, by last name") },
  { "certificate", FULL (lanyard_cli_cmd_certificate), N_("a CME certificate as PDF, or printed") },
  { "set-pin", FULL (lanyard_cli_cmd_set_pin), N_("set the staff PIN (from standard input)") },
  { "replace-badge", FULL (lanyard_cli_cmd_replace_badge), N_("make a replacement badge code; the old badge stops working") },
  { "edit", FULL (lanyard_cli_cmd_edit), N_("correct a name, credentials or affiliation (audited)") },
  { "walk-in", FULL (lanyard_cli_cmd_walk_in), N_("register a walk-in; prints the new ticket code") },
  { "cancel", FULL (lanyard_cli_cmd_cancel), N_("cancel a registration") },
  { "restore", FULL (lanyard_cli_cmd_restore), N_("restore a cancelled registration") },
  { "audit", FULL (lanyard_cli_cmd_audit), N_("the change history of a registration") },
  { "hub", FULL (lanyard_cli_cmd_hub), N_("the PostgreSQL hub devices sync through (lanyardctl hub --help)") },
  { "join", FULL (lanyard_cli_cmd_join), N_("this database follows a hub, as the device of a connection file") },
  { "sync", FULL (lanyard_cli_cmd_sync), N_("sync this database with its hub (--once, --status)") },
};

/* The command is lanyardctl-full's: it takes this process's place, with
 * the same arguments (and so the same process id, for whoever waits on
 * it). Returns only if it cannot be run. */
static int
run_full (char **argv)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self != NULL ? g_path_get_dirname (self) : NULL;
  g_autofree char *beside = dir != NULL ? g_build_filename (dir, "lanyardctl-full", NULL) : NULL;
  const char *full = beside != NULL && g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE)
                     ? beside : LANYARD_LIBEXECDIR "/lanyardctl-full";
  int saved;

  execv (full, argv);
  saved = errno;
  g_printerr (_("lanyardctl: this command needs %s, which cannot be run: %s\n"), full, g_strerror (saved));
  return 1;
}

static int
usage (int status)
{
  GString *s = g_string_new (NULL);

  g_string_append (s, _("Usage: lanyardctl [--db FILE] COMMAND [OPTIONS…]\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (s, "  %-13s %s\n", commands[i].name, _(commands[i].summary));
  g_string_append (s, _("\nThe database is --db FILE, else $LANYARD_DB, else the user data folder.\n"
                        "“lanyardctl COMMAND --help” tells more.\n"));
  if (status == 0)
    g_print ("%s", s->str);
  else
    g_printerr ("%s", s->str);
  g_string_free (s, TRUE);
  return status;
}

int
main (int   argc,
      char *argv[])
{
  LanyardCli cli = { NULL };
  int i = 1;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  for (; i < argc && argv[i][0] == '-'; i++)
    {
      if (g_str_equal (argv[i], "--db") && i + 1 < argc)
        {
          g_free (cli.db_path);
          cli.db_path = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (argv[i], "--db="))
        {
          g_free (cli.db_path);
          cli.db_path = g_strdup (argv[i] + 5);
        }
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        return usage (0);
      else if (g_str_equal (argv[i], "--version"))
        {
          g_print ("lanyardctl %s\n", PACKAGE_VERSION);
          return 0;
        }
      else
        {
          g_printerr (_("lanyardctl: unknown option %s\n"), argv[i]);
          return usage (2);
        }
    }
  if (i >= argc)
    return usage (2);

  if (cli.db_path == NULL)
    cli.db_path = lanyard_store_default_path ();

  for (guint k = 0; k < G_N_ELEMENTS (commands); k++)
    {
      if (g_str_equal (commands[k].name, argv[i]))
        {
          if (commands[k].run == NULL)
            return run_full (argv);
          status = commands[k].run (&cli, argc - i, argv + i);
          g_free (cli.db_path);
          return status;
        }
    }

  g_printerr (_("lanyardctl: unknown command “%s”\n"), argv[i]);
  g_free (cli.db_path);
  return usage (2);
}
