/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every lanyardctl command shares: the database it works on, its
 * exit codes (0 done, 1 refused or failed, 2 usage) and its output helpers.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lanyard-badge-code.h"
#include "lanyard-csv-import.h"
#include "lanyard-model.h"
#include "lanyard-store.h"

G_BEGIN_DECLS

#define LANYARD_CLI_OK      0
#define LANYARD_CLI_FAILED  1
#define LANYARD_CLI_USAGE   2

typedef struct {
  char *db_path;
} LanyardCli;

typedef int (*LanyardCliCommand) (LanyardCli *cli,
                                  int         argc,
                                  char      **argv);

LanyardStore    *lanyard_cli_open_store       (LanyardCli      *cli,
                                               GError         **error);
LanyardEvent    *lanyard_cli_load_event       (LanyardStore    *store,
                                               GError         **error);
int              lanyard_cli_fail             (GError          *error);
int              lanyard_cli_failf            (const char      *format,
                                               ...) G_GNUC_PRINTF (1, 2);
int              lanyard_cli_usage            (GOptionContext  *context,
                                               const char      *message);
gboolean         lanyard_cli_parse            (GOptionContext  *context,
                                               int             *argc,
                                               char          ***argv,
                                               int             *out_status);
gboolean         lanyard_cli_check_device     (const char      *device,
                                               int             *out_status);
void             lanyard_cli_print_json       (JsonBuilder     *builder);
gboolean         lanyard_cli_write_file       (const char      *path,
                                               const char      *contents,
                                               gssize           length,
                                               GError         **error);
char            *lanyard_cli_format_time      (gint64           at,
                                               const char      *time_zone);
gboolean         lanyard_cli_parse_time       (const char      *text,
                                               const char      *time_zone,
                                               gint64          *out_at,
                                               GError         **error);
LanyardAttendee *lanyard_cli_find_attendee    (LanyardStore    *store,
                                               const LanyardEvent *event,
                                               const char      *code,
                                               GError         **error);
LanyardAttendee *lanyard_cli_open_and_find    (LanyardCli      *cli,
                                               const char      *code,
                                               LanyardStore   **out_store,
                                               LanyardEvent   **out_event);
void             lanyard_cli_add_attendee_json (JsonBuilder    *builder,
                                               const LanyardAttendee *attendee);

void             lanyard_cli_add_credits_json (JsonBuilder    *builder,
                                               const char     *member,
                                               GPtrArray      *amounts);
char            *lanyard_cli_format_credits   (GPtrArray      *amounts);

/* commands */
/* The import options, for every command that imports registrations. */
typedef struct {
  char     *preset;
  char     *mapping;
  gboolean  dry_run;
  gboolean  full;
  gboolean  cancel_missing;
} LanyardCliImportArgs;

void             lanyard_cli_import_args_add        (GOptionContext             *context,
                                                     LanyardCliImportArgs       *args);
void             lanyard_cli_import_args_clear      (LanyardCliImportArgs       *args);
void             lanyard_cli_import_args_to_options (const LanyardCliImportArgs *args,
                                                     LanyardImportOptions       *options);
void             lanyard_cli_print_import_report    (const LanyardImportReport  *report,
                                                     const LanyardImportOptions *options);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LanyardCliImportArgs, lanyard_cli_import_args_clear)

int lanyard_cli_cmd_init       (LanyardCli *cli, int argc, char **argv);
int lanyard_cli_cmd_keygen     (LanyardCli *cli, int argc, char **argv);
int lanyard_cli_cmd_sessions   (LanyardCli *cli, int argc, char **argv);
int lanyard_cli_cmd_stats      (LanyardCli *cli, int argc, char **argv);
int lanyard_cli_cmd_import     (LanyardCli *cli, int argc, char **argv);
int lanyard_cli_cmd_lookup     (LanyardCli *cli, int argc, char **argv);
int lanyard_cli_cmd_search     (LanyardCli *cli, int argc, char **argv);
int lanyard_cli_cmd_checkin    (LanyardCli *cli, int argc, char **argv);
int lanyard_cli_cmd_credits    (LanyardCli *cli, int argc, char **argv);
int lanyard_cli_cmd_export     (LanyardCli *cli, int argc, char **argv);
int lanyard_cli_cmd_set_pin    (LanyardCli *cli, int argc, char **argv);
int lanyard_cli_cmd_replace_badge (LanyardCli *cli, int argc, char **argv);
int lanyard_cli_cmd_edit       (LanyardCli *cli, int argc, char **argv);
int lanyard_cli_cmd_walk_in    (LanyardCli *cli, int argc, char **argv);
int lanyard_cli_cmd_cancel     (LanyardCli *cli, int argc, char **argv);
int lanyard_cli_cmd_restore    (LanyardCli *cli, int argc, char **argv);
int lanyard_cli_cmd_audit      (LanyardCli *cli, int argc, char **argv);
int lanyard_cli_cmd_hub        (LanyardCli *cli, int argc, char **argv);
int lanyard_cli_cmd_join       (LanyardCli *cli, int argc, char **argv);
int lanyard_cli_cmd_sync       (LanyardCli *cli, int argc, char **argv);
int lanyard_cli_cmd_archive    (LanyardCli *cli, int argc, char **argv);
int lanyard_cli_cmd_report     (LanyardCli *cli, int argc, char **argv);

G_END_DECLS
