/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Registration CSV import, one row of the table a rule.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lanyard-checkin.h"
#include "lanyard-csv-import.h"
#include "lanyard-error.h"
#include "lanyard-store.h"

#define HEADER "ticket_code,first_name,last_name,credentials,profession,affiliation,email,role,sessions\r\n"

typedef struct {
  const char *what;
  const char *csv;
  gsize       len;          /* 0: strlen */
  int         error_line;   /* >0: whole file refused, error names this line; -1 refused without a line */
  guint       imported;
  guint       rejected;
  guint       reject_lines[4];
} CsvCase;

static const CsvCase cases[] = {
  { "plain rows", HEADER "A1,Jane,Smith,MD,physician,Lakeshore,j@example.org,attendee,\r\nA2,Raj,Iyer,RN,nurse,,,,\r\n", 0, 0, 2, 0 },
  { "LF line ends, any column order", "last_name,ticket_code\nSmith,B1\nJones,B2\n", 0, 0, 2, 0 },
  { "UTF-8 BOM", "\xEF\xBB\xBF" "ticket_code,last_name\nC1,Müller\n", 0, 0, 1, 0 },
  { "quoted comma, quote and newline", HEADER "D1,\"Ann, Jr.\",\"O\"\"Neil\",\"MD,\nPhD\",,,,,\r\nD2,Bo,Li,,,,,,\r\n", 0, 0, 2, 0 },
  { "missing ticket code", HEADER "E1,A,One,,,,,,\r\n,B,Two,,,,,,\r\nE3,C,Three,,,,,,\r\n", 0, 0, 2, 1, { 3 } },
  { "missing last name", HEADER "F1,A,,,,,,,\r\nF2,B,Two,,,,,,\r\n", 0, 0, 1, 1, { 2 } },
  { "duplicate ticket in the file", HEADER "G1,A,One,,,,,,\r\nG1,B,Two,,,,,,\r\n", 0, 0, 1, 1, { 3 } },
  { "line numbers count embedded newlines", HEADER "H1,\"multi\nline\",One,,,,,,\r\nH2,B,,,,,,,\r\n", 0, 0, 1, 1, { 4 } },
  { "unknown session", HEADER "I1,A,One,,,,,,S01\r\nI2,A,Two,,,,,,NOPE\r\n", 0, 0, 1, 1, { 3 } },
  { "registered sessions, spaces trimmed", HEADER "J1,A,One,,,,,, S01 ; W1 \r\n", 0, 0, 1, 0 },
  { "unknown role", HEADER "K1,A,One,,,,,wizard,\r\n", 0, 0, 0, 1, { 2 } },
  { "invalid UTF-8 in a row", HEADER "L1,\xff\xfe,One,,,,,,\r\nL2,B,Two,,,,,,\r\n", 0, 0, 1, 1, { 2 } },
  { "unterminated quote", HEADER "M1,A,One,,,,,,\r\nM2,\"B,Two,,,,,,\r\nM3,C,Three,,,,,,\r\n", 0, 3, 0, 0 },
  { "stray quote in an unquoted field", HEADER "N1,A\"x,One,,,,,,\r\n", 0, 2, 0, 0 },
  { "NUL bytes: not text", "ticket_code,last_name\nO1,A\0B\n", 29, 2, 0, 0 },
  { "empty file", "", 0, -1, 0, 0 },
  { "no ticket_code column", "name,last_name\nx,y\n", 0, -1, 0, 0 },
  { "header not UTF-8", "ticket_code,\xff\nP1,x\n", 0, -1, 0, 0 },
  { "markup and SQL are just text", HEADER "Q1,<b>Bold</b>,'); DROP TABLE attendee; --,,,,,,\r\n", 0, 0, 1, 0 },
  /* exports often end or double the sessions separator: empty entries are nothing */
  { "trailing session separator", HEADER "R1,A,One,,,,,,S01;\r\nR2,B,Two,,,,,,W1 ; \r\n", 0, 0, 2, 0 },
  { "doubled session separator", HEADER "R3,A,One,,,,,,S01;;W1\r\n", 0, 0, 1, 0 },
  { "leading session separator", HEADER "R4,A,One,,,,,,;S01\r\n", 0, 0, 1, 0 },
  { "sessions only separators", HEADER "R5,A,One,,,,,,;;\r\n", 0, 0, 1, 0 },
  { "empty entry, then an unknown session", HEADER "R6,A,One,,,,,,;NOPE\r\nR7,B,Two,,,,,,S01\r\n", 0, 0, 1, 1, { 2 } },
  { "blank lines are no rows", HEADER "\r\nS1,A,One,,,,,,\r\n\r\n\r\nS2,B,Two,,,,,,\r\n\r\n", 0, 0, 2, 0 },
  { "known and unknown status", "ticket_code,last_name,status\nU1,One,active\nU2,Two,maybe\nU3,Three,CANCELLED\nU4,Four,\n",
    0, 0, 3, 1, { 3 } },
};

/* Every data row ends in exactly one count: none is dropped without a word. */
static void
assert_counts_add_up (const LanyardImportReport *report)
{
  g_assert_cmpuint (report->imported + report->updated + report->unchanged + report->rejected, ==, report->rows);
  g_assert_cmpuint (report->rejections->len, ==, report->rejected);
}

typedef struct {
  char         *dir;
  LanyardStore *store;
  LanyardEvent *event;
} Fixture;

static void
setup (Fixture       *fx,
       gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  const char *ids[] = { "S01", "W1" };

  fx->dir = g_dir_make_tmp ("lanyard-csv-XXXXXX", NULL);
  path = g_build_filename (fx->dir, "t.db", NULL);
  fx->store = lanyard_store_open (path, &error);
  g_assert_no_error (error);
  fx->event = lanyard_event_new ();
  fx->event->id = g_strdup ("EV");
  fx->event->title = g_strdup ("Event");
  fx->event->time_zone = g_strdup ("UTC");
  fx->event->provider = g_strdup ("P");
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      LanyardSession *s = lanyard_session_new ();

      s->id = g_strdup (ids[i]);
      s->title = g_strdup (ids[i]);
      s->starts_at = 1000000;
      s->ends_at = 2000000;
      g_ptr_array_add (fx->event->sessions, s);
    }
  g_assert_true (lanyard_store_save_event (fx->store, fx->event, &error));
}

static void
teardown (Fixture       *fx,
          gconstpointer  data)
{
  g_autoptr(GDir) d = g_dir_open (fx->dir, 0, NULL);
  const char *name;

  g_assert_finalize_object (fx->store);
  lanyard_event_unref (fx->event);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (fx->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (fx->dir);
  g_free (fx->dir);
}

static void
test_case (Fixture       *fx,
           gconstpointer  data)
{
  const CsvCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardImportReport) report = NULL;
  g_autoptr(LanyardImportReport) again = NULL;
  g_autoptr(GPtrArray) all = NULL;
  gsize len = c->len ? c->len : strlen (c->csv);

  g_test_message ("%s", c->what);
  report = lanyard_csv_import_data (fx->store, fx->event, c->csv, len, NULL, &error);
  all = lanyard_store_list_attendees (fx->store, NULL);

  if (c->error_line != 0)
    {
      g_assert_null (report);
      g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE);
      if (c->error_line > 0)
        {
          g_autofree char *needle = g_strdup_printf ("line %d", c->error_line);
          g_assert_nonnull (strstr (error->message, needle));
        }
      g_assert_cmpuint (all->len, ==, 0); /* nothing changed */
      return;
    }

  g_assert_no_error (error);
  /* every data row ends as imported or rejected: none goes missing */
  g_assert_cmpuint (report->rows, ==, c->imported + c->rejected);
  assert_counts_add_up (report);
  g_assert_cmpuint (report->imported, ==, c->imported);
  g_assert_cmpuint (report->rejected, ==, c->rejected);
  g_assert_cmpuint (all->len, ==, c->imported);
  for (guint i = 0; i < c->rejected; i++)
    {
      const LanyardImportRejection *r = g_ptr_array_index (report->rejections, i);

      g_assert_cmpuint (r->line, ==, c->reject_lines[i]);
      g_assert_nonnull (r->reason);
    }

  /* idempotent: the same file again changes nothing */
  again = lanyard_csv_import_data (fx->store, fx->event, c->csv, len, NULL, &error);
  g_assert_no_error (error);
  assert_counts_add_up (again);
  g_assert_cmpuint (again->rows, ==, report->rows);
  g_assert_cmpuint (again->rejected, ==, c->rejected);
  g_assert_cmpuint (again->imported, ==, 0);
  g_assert_cmpuint (again->updated, ==, 0);
  g_assert_cmpuint (again->unchanged, ==, c->imported);
}

static void
test_fields_and_update (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardImportReport) r1 = NULL;
  g_autoptr(LanyardImportReport) r2 = NULL;
  g_autoptr(LanyardAttendee) a = NULL;
  const char *v1 = HEADER "D1,\"Ann, Jr.\",\"O\"\"Neil\",\"MD,\nPhD\",physician,,,faculty,W1\r\n";
  const char *v2 = HEADER "D1,Ann,\"O\"\"Neil\",\"MD, PhD\",physician,,,faculty,W1\r\n";

  r1 = lanyard_csv_import_data (fx->store, fx->event, v1, strlen (v1), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r1->rows, ==, 1);
  assert_counts_add_up (r1);
  a = lanyard_store_find_ticket (fx->store, "D1", &error);
  g_assert_cmpstr (a->first_name, ==, "Ann, Jr.");
  g_assert_cmpstr (a->last_name, ==, "O\"Neil");
  /* a quoted line break is read, then made one space: a name is one line */
  g_assert_cmpstr (a->credentials, ==, "MD, PhD");
  g_assert_cmpint (a->role, ==, LANYARD_ROLE_FACULTY);
  g_assert_true (lanyard_store_is_registered (fx->store, a->id, "W1"));
  g_clear_pointer (&a, lanyard_attendee_free);

  r2 = lanyard_csv_import_data (fx->store, fx->event, v2, strlen (v2), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r2->rows, ==, 1);
  assert_counts_add_up (r2);
  g_assert_cmpuint (r2->updated, ==, 1);
  a = lanyard_store_find_ticket (fx->store, "D1", &error);
  g_assert_cmpstr (a->first_name, ==, "Ann");
  g_assert_cmpint (a->revision, ==, 2);
}

/* The one audit entry an import left on an attendee. */
static void
assert_one_import_audit (LanyardStore *store,
                         gint64        attendee_id,
                         const char   *field,
                         const char   *old_value,
                         const char   *new_value)
{
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  const LanyardAuditEntry *e;

  audit = lanyard_store_list_audit (store, attendee_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 1);
  e = g_ptr_array_index (audit, 0);
  g_assert_cmpstr (e->field, ==, field);
  g_assert_cmpstr (e->old_value, ==, old_value);
  g_assert_cmpstr (e->new_value, ==, new_value);
  g_assert_cmpstr (e->device, ==, "import");
  g_assert_cmpint (e->at, >, 0);
}

/* A field changed by a re-import is audited like a desk edit: old value,
 * new value, when, and that the import did it. A device that follows a
 * hub sends the change up that way. */
static const struct {
  const char *name;
  const char *v1;
  const char *v2;
  const char *field;
  const char *old_value;
  const char *new_value;
} audited_cases[] = {
  { "licence-id", "ticket_code,last_name,profession,nabp_eprofile,license\nP1,Nguyen,pharmacist,,TX 1234\n",
    "ticket_code,last_name,profession,nabp_eprofile,license\nP1,Nguyen,pharmacist,3000002,TX 1234\n",
    "nabp_eprofile", "", "3000002" },
  { "last-name", "ticket_code,last_name,profession\nP1,Nguyen,pharmacist\n",
    "ticket_code,last_name,profession\nP1,Nguyen-Tran,pharmacist\n", "last_name", "Nguyen", "Nguyen-Tran" },
  { "board", "ticket_code,last_name,profession,board\nP1,Nguyen,physician,\n",
    "ticket_code,last_name,profession,board\nP1,Nguyen,physician,ABIM\n", "board", "", "ABIM" },
};

static void
test_import_audited (Fixture       *fx,
                  gconstpointer  data)
{
  const typeof (audited_cases[0]) *c = data;
  const char *v1 = c->v1;
  const char *v2 = c->v2;
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardImportReport) r1 = NULL;
  g_autoptr(LanyardImportReport) r2 = NULL;
  g_autoptr(LanyardAttendee) a = NULL;

  r1 = lanyard_csv_import_data (fx->store, fx->event, v1, strlen (v1), NULL, &error);
  g_assert_no_error (error);
  r2 = lanyard_csv_import_data (fx->store, fx->event, v2, strlen (v2), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r2->updated, ==, 1);
  a = lanyard_store_find_ticket (fx->store, "P1", &error);
  assert_one_import_audit (fx->store, a->id, c->field, c->old_value, c->new_value);
}

static void
test_mapping (Fixture       *fx,
              gconstpointer  data)
{
  const char *csv = "Confirmation #,Given name,Family name,Workshops\nX1,Ada,Lovelace,S01|W1\n";
  const char *mapping = "{\"columns\": {\"Confirmation #\": \"ticket_code\", \"Given name\": \"first_name\","
                        " \"Family name\": \"last_name\", \"Workshops\": \"sessions\"}, \"session_separator\": \"|\"}";
  const char *bad = "{\"columns\": {\"Nope\": \"ticket_code\"}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardImportReport) report = NULL;
  g_autoptr(LanyardAttendee) a = NULL;

  report = lanyard_csv_import_data (fx->store, fx->event, csv, strlen (csv), mapping, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->rows, ==, 1);
  assert_counts_add_up (report);
  g_assert_cmpuint (report->imported, ==, 1);
  a = lanyard_store_find_ticket (fx->store, "X1", &error);
  g_assert_cmpstr (a->last_name, ==, "Lovelace");
  g_assert_cmpstr (a->sessions[0], ==, "S01");
  g_assert_cmpstr (a->sessions[1], ==, "W1");

  g_assert_null (lanyard_csv_import_data (fx->store, fx->event, csv, strlen (csv), bad, &error));
  g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE);
  g_clear_error (&error);

  /* one header named twice, once with spaces round it: one header (the
   * second read freed memory, found by fuzz-csv-import) */
  g_clear_pointer (&report, lanyard_import_report_free);
  report = lanyard_csv_import_data (fx->store, fx->event, csv, strlen (csv),
                                    "{\"columns\": {\"Confirmation #\": \"ticket_code\", \"Family name\": \"last_name\","
                                    " \" Family name \": \"last_name\"}}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported + report->updated + report->unchanged, ==, 1);
}


/* The mapping, as other tools write it, plus one non-ASCII entry. */
#define VALUE_MAP \
  "{ \"columns\": { \"Ticket\": \"ticket_code\", \"Last\": \"last_name\", \"Attendee Status\": \"status\"," \
  "               \"Ticket Type\": \"role\", \"Profession\": \"profession\" }," \
  "  \"values\": { \"status\": { \"Attending\": \"active\", \"Checked In\": \"active\", \"Refunded\": \"cancelled\" }," \
  "              \"role\": { \"Faculty (Complimentary)\": \"faculty\", \"*\": \"attendee\" }," \
  "              \"profession\": { \"Physician (MD/DO)\": \"physician\", \"Nurse / Allied Health\": \"nurse\"," \
  "                              \"Ärztin\": \"physician\" } } }"
#define VALUE_HEADER "Ticket,Last,Attendee Status,Ticket Type,Profession\n"

typedef struct {
  const char   *what;
  const char   *row;          /* one data row under VALUE_HEADER, ticket V1 */
  gboolean      imported;
  LanyardStatus status;
  LanyardRole   role;
  const char   *profession;
  const char   *column;       /* when rejected: the column named */
  const char   *value;        /* … and the value */
} ValueCase;

static const ValueCase value_cases[] = {
  { "listed values", "V1,Smith,Attending,Faculty (Complimentary),Physician (MD/DO)",
    TRUE, LANYARD_STATUS_ACTIVE, LANYARD_ROLE_FACULTY, "physician" },
  { "case-insensitive, outer spaces trimmed", "V1,Smith,\"  refunded \",\" faculty (COMPLIMENTARY)\",\"physician (md/do) \"",
    TRUE, LANYARD_STATUS_CANCELLED, LANYARD_ROLE_FACULTY, "physician" },
  { "non-ASCII case folded", "V1,Smith,Checked In,Faculty (Complimentary),ÄRZTIN",
    TRUE, LANYARD_STATUS_ACTIVE, LANYARD_ROLE_FACULTY, "physician" },
  { "* for anything not listed, keywords too", "V1,Smith,Attending,Exhibitor,nurse / allied health",
    TRUE, LANYARD_STATUS_ACTIVE, LANYARD_ROLE_ATTENDEE, "nurse" },
  { "no *: a keyword passes as it stands", "V1,Smith,CANCELLED,Faculty (Complimentary),Pharmacist",
    TRUE, LANYARD_STATUS_CANCELLED, LANYARD_ROLE_FACULTY, "pharmacist" },
  { "empty cells stay empty", "V1,Smith,,,",
    TRUE, LANYARD_STATUS_ACTIVE, LANYARD_ROLE_ATTENDEE, "" },
  { "unmapped status rejected", "V1,Smith,Pending,Faculty (Complimentary),Physician (MD/DO)",
    FALSE, 0, 0, NULL, "Attendee Status", "Pending" },
  { "unmapped profession rejected, never stored as it stands", "V1,Smith,Attending,Faculty (Complimentary),Physician (MD)",
    FALSE, 0, 0, NULL, "Profession", "Physician (MD)" },
};

/* The learner fields PARS needs, as registration systems export them:
 * state and licence number apart, the board and its ID, the permission
 * to report as a yes/no that a mapping may translate. */
#define LEARNER_MAP \
  "{ \"columns\": { \"Ticket\": \"ticket_code\", \"Last\": \"last_name\", \"State\": \"license_state\"," \
  "               \"License #\": \"license_number\", \"Board\": \"board\", \"Board ID\": \"board_id\"," \
  "               \"OK to report\": \"permission_to_report\" }," \
  "  \"values\": { \"permission_to_report\": { \"I agree\": \"yes\", \"Decline\": \"no\" } } }"
#define LEARNER_HEADER "Ticket,Last,State,License #,Board,Board ID,OK to report\n"

typedef struct {
  const char *what;
  const char *row;         /* one data row under LEARNER_HEADER, ticket L1 */
  gboolean    imported;
  const char *license;
  const char *board;
  const char *board_id;
  gboolean    permission;
} LearnerCase;

static const LearnerCase learner_cases[] = {
  { "all given", "L1,Smith,TX,123456,ABIM,12345678,I agree", TRUE, "TX 123456", "ABIM", "12345678", TRUE },
  { "state in lower case", "L1,Smith,tx,A-99,ABP,654321,Decline", TRUE, "TX A-99", "ABP", "654321", FALSE },
  { "a plain yes and no pass as they stand", "L1,Smith,CA,1,,,YES", TRUE, "CA 1", "", "", TRUE },
  { "ja is yes", "L1,Smith,CA,1,,,ja", TRUE, "CA 1", "", "", TRUE },
  { "no state: the number alone", "L1,Smith,,778,,,no", TRUE, "778", "", "", FALSE },
  { "empty permission is no permission", "L1,Smith,,,,,", TRUE, "", "", "", FALSE },
  { "unmapped permission rejected", "L1,Smith,TX,1,,,maybe later", FALSE },
};

static void
test_learner_case (Fixture       *fx,
                   gconstpointer  data)
{
  const LearnerCase *c = data;
  g_autofree char *csv = g_strconcat (LEARNER_HEADER, c->row, "\n", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardImportReport) report = NULL;
  g_autoptr(LanyardAttendee) a = NULL;

  report = lanyard_csv_import_data (fx->store, fx->event, csv, strlen (csv), LEARNER_MAP, &error);
  g_assert_no_error (error);
  assert_counts_add_up (report);
  g_assert_cmpuint (report->imported, ==, c->imported ? 1 : 0);
  a = lanyard_store_find_ticket (fx->store, "L1", NULL);
  if (!c->imported)
    {
      LanyardImportRejection *r = g_ptr_array_index (report->rejections, 0);

      g_assert_null (a);
      g_assert_cmpstr (r->column, ==, "OK to report");
      g_assert_cmpstr (r->value, ==, "maybe later");
      return;
    }
  g_assert_nonnull (a);
  g_assert_cmpstr (a->license, ==, c->license);
  g_assert_cmpstr (a->board, ==, c->board);
  g_assert_cmpstr (a->abim_id, ==, c->board_id);
  g_assert_cmpint (a->permission_to_report, ==, c->permission);
}

/* A later file without the new columns keeps what the first one gave. */
static void
test_learner_kept (Fixture       *fx,
                   gconstpointer  data)
{
  const char *first = LEARNER_HEADER "L1,Smith,TX,123456,ABIM,12345678,I agree\n";
  const char *second = "ticket_code,last_name,first_name\nL1,Smith,Jo\n";
  g_autoptr(LanyardImportReport) r1 = NULL, r2 = NULL;
  g_autoptr(LanyardAttendee) a = NULL;
  g_autoptr(GError) error = NULL;

  r1 = lanyard_csv_import_data (fx->store, fx->event, first, strlen (first), LEARNER_MAP, &error);
  g_assert_no_error (error);
  r2 = lanyard_csv_import_data (fx->store, fx->event, second, strlen (second), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r2->updated, ==, 1);
  a = lanyard_store_find_ticket (fx->store, "L1", NULL);
  g_assert_cmpstr (a->first_name, ==, "Jo");
  g_assert_cmpstr (a->license, ==, "TX 123456");
  g_assert_cmpstr (a->board, ==, "ABIM");
  g_assert_cmpstr (a->abim_id, ==, "12345678");
  g_assert_true (a->permission_to_report);
}

/* The name in Latin script beside one written in another: optional
 * columns, under their own names or a preset's. */
typedef struct {
  const char *what;
  const char *csv;
  const char *preset;       /* NULL: the file's own column names */
  const char *first_latin;
  const char *last_latin;
} LatinCase;

static const LatinCase latin_cases[] = {
  { "kanji with its Latin spelling",
    "ticket_code,first_name,last_name,first_name_latin,last_name_latin\nY1,太郎,山田,Taro,Yamada\n", NULL, "Taro", "Yamada" },
  { "Cyrillic, spaces trimmed",
    "ticket_code,last_name,last_name_latin,first_name,first_name_latin\nY1,Иванов, Ivanov ,Иван,Ivan\n", NULL, "Ivan", "Ivanov" },
  { "no Latin columns: none", "ticket_code,first_name,last_name\nY1,Jane,Smith\n", NULL, "", "" },
  { "an empty cell: none", "ticket_code,last_name,last_name_latin\nY1,Smith,\n", NULL, "", "" },
  { "through the pretix preset",
    "Ticket secret,Attendee name: Given name,Attendee name: Family name,first_name_latin,last_name_latin\n"
    "Y1,محمد,الحسيني,Mohammed,Al-Husseini\n", "pretix", "Mohammed", "Al-Husseini" },
};

static void
test_latin_case (Fixture       *fx,
                 gconstpointer  data)
{
  const LatinCase *c = data;
  LanyardImportOptions options = { .preset = c->preset };
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardImportReport) report = NULL;
  g_autoptr(LanyardAttendee) a = NULL;

  report = lanyard_csv_import (fx->store, fx->event, c->csv, strlen (c->csv), &options, &error);
  g_assert_no_error (error);
  assert_counts_add_up (report);
  g_assert_cmpuint (report->imported, ==, 1);
  a = lanyard_store_find_ticket (fx->store, "Y1", NULL);
  g_assert_nonnull (a);
  g_assert_cmpstr (a->first_name_latin, ==, c->first_latin);
  g_assert_cmpstr (a->last_name_latin, ==, c->last_latin);
}

/* A later file without the Latin columns keeps them; one with them
 * replaces them, and the search follows. */
static void
test_latin_kept (Fixture       *fx,
                 gconstpointer  data)
{
  const char *first = "ticket_code,first_name,last_name,first_name_latin,last_name_latin\nY1,太郎,山田,Taro,Yamada\n";
  const char *second = "ticket_code,first_name,last_name\nY1,太郎,山田\n";
  const char *third = "ticket_code,last_name,last_name_latin\nY1,山田,Yamada-Sato\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardImportReport) r1 = NULL, r2 = NULL, r3 = NULL;
  g_autoptr(LanyardAttendee) a = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  r1 = lanyard_csv_import_data (fx->store, fx->event, first, strlen (first), NULL, &error);
  g_assert_no_error (error);
  r2 = lanyard_csv_import_data (fx->store, fx->event, second, strlen (second), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r2->unchanged, ==, 1);
  a = lanyard_store_find_ticket (fx->store, "Y1", NULL);
  g_assert_cmpstr (a->first_name_latin, ==, "Taro");
  g_assert_cmpstr (a->last_name_latin, ==, "Yamada");
  g_clear_pointer (&a, lanyard_attendee_free);
  r3 = lanyard_csv_import_data (fx->store, fx->event, third, strlen (third), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r3->updated, ==, 1);
  a = lanyard_store_find_ticket (fx->store, "Y1", NULL);
  g_assert_cmpstr (a->first_name_latin, ==, "Taro");
  g_assert_cmpstr (a->last_name_latin, ==, "Yamada-Sato");
  hits = lanyard_store_search (fx->store, "Sato", 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
}

static void
test_value_case (Fixture       *fx,
                 gconstpointer  data)
{
  const ValueCase *c = data;
  g_autofree char *csv = g_strconcat (VALUE_HEADER, "V0,Other,Attending,Exhibitor,Physician (MD/DO)\n", c->row, "\n", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardImportReport) report = NULL;
  g_autoptr(LanyardAttendee) a = NULL;

  g_test_message ("%s", c->what);
  report = lanyard_csv_import_data (fx->store, fx->event, csv, strlen (csv), VALUE_MAP, &error);
  g_assert_no_error (error);
  assert_counts_add_up (report);
  a = lanyard_store_find_ticket (fx->store, "V1", NULL);
  if (c->imported)
    {
      g_assert_cmpuint (report->rejected, ==, 0);
      g_assert_nonnull (a);
      g_assert_cmpint (a->status, ==, c->status);
      g_assert_cmpint (a->role, ==, c->role);
      g_assert_cmpstr (a->profession, ==, c->profession);
    }
  else
    {
      const LanyardImportRejection *r;

      g_assert_null (a);
      g_assert_cmpuint (report->rejected, ==, 1);
      r = g_ptr_array_index (report->rejections, 0);
      g_assert_cmpuint (r->line, ==, 3);
      g_assert_cmpstr (r->column, ==, c->column);
      g_assert_cmpstr (r->value, ==, c->value);
      /* the person reading the report sees both in the reason */
      g_assert_nonnull (strstr (r->reason, c->column));
      g_assert_nonnull (strstr (r->reason, c->value));
    }
}

/* Without a mapping a profession must be one of the keywords credit types
 * list: "physician (md/do)" would silently earn no AMA credit. */
static void
test_profession_keyword (Fixture       *fx,
                         gconstpointer  data)
{
  const char *csv = HEADER "W1,Ann,One,,Physician (MD/DO),,,,\r\nW2,Bo,Two,,PHYSICIAN,,,,\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardImportReport) report = NULL;
  g_autoptr(LanyardAttendee) a = NULL;
  const LanyardImportRejection *r;

  report = lanyard_csv_import_data (fx->store, fx->event, csv, strlen (csv), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 1);
  g_assert_cmpuint (report->rejected, ==, 1);
  r = g_ptr_array_index (report->rejections, 0);
  g_assert_cmpuint (r->line, ==, 2);
  g_assert_cmpstr (r->column, ==, "profession");
  g_assert_cmpstr (r->value, ==, "Physician (MD/DO)");
  g_assert_null (lanyard_store_find_ticket (fx->store, "W1", NULL));
  a = lanyard_store_find_ticket (fx->store, "W2", NULL);
  g_assert_cmpstr (a->profession, ==, "physician");
}

/* A mapping that would store a non-keyword is refused whole. */
static const struct {
  const char *what;
  const char *json;
} bad_value_maps[] = {
  { "a value mapped to no role", "{\"columns\": {\"T\": \"ticket_code\", \"L\": \"last_name\"}, \"values\": {\"role\": {\"Faculty\": \"speaker\"}}}" },
  { "a profession that is no keyword", "{\"columns\": {\"T\": \"ticket_code\", \"L\": \"last_name\"}, \"values\": {\"profession\": {\"MD\": \"physician (md)\"}}}" },
  { "values for a free-text column", "{\"columns\": {\"T\": \"ticket_code\", \"L\": \"last_name\"}, \"values\": {\"email\": {\"a\": \"b\"}}}" },
  { "values not an object", "{\"columns\": {\"T\": \"ticket_code\", \"L\": \"last_name\"}, \"values\": {\"role\": [\"faculty\"]}}" },
  { "a value that is not a string", "{\"columns\": {\"T\": \"ticket_code\", \"L\": \"last_name\"}, \"values\": {\"status\": {\"Paid\": 1}}}" },
};

static void
test_bad_value_maps (Fixture       *fx,
                     gconstpointer  data)
{
  const char *csv = "T,L\nB1,One\n";

  for (guint i = 0; i < G_N_ELEMENTS (bad_value_maps); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LanyardImportReport) report = NULL;

      g_test_message ("%s", bad_value_maps[i].what);
      report = lanyard_csv_import_data (fx->store, fx->event, csv, strlen (csv), bad_value_maps[i].json, &error);
      g_assert_null (report);
      g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE);
      g_assert_cmpuint (lanyard_store_count_attendees (fx->store), ==, 0);
    }
}

static char *
read_sample (const char *name,
             gsize      *len)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "exports", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, len, &error);
  g_assert_no_error (error);
  return data;
}

static LanyardImportReport *
import_sample (Fixture                    *fx,
               const char                 *name,
               const LanyardImportOptions *options)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  LanyardImportReport *report;
  gsize len;

  data = read_sample (name, &len);
  report = lanyard_csv_import (fx->store, fx->event, data, len, options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  assert_counts_add_up (report);
  return report;
}

/* Each preset on a sample export written with that system's real header
 * row: what every ticket became. */
typedef struct {
  const char   *ticket;
  const char   *last_name;
  LanyardRole   role;
  LanyardStatus status;
} PresetRow;

typedef struct {
  const char *preset;
  const char *sample;
  guint       rows;
  PresetRow   expect[6];
} PresetCase;

static const PresetCase preset_cases[] = {
  { "eventbrite", "eventbrite.csv", 5, {
    { "10411583423", "Smith", LANYARD_ROLE_ATTENDEE, LANYARD_STATUS_ACTIVE },
    { "10411583424", "Ortega", LANYARD_ROLE_ATTENDEE, LANYARD_STATUS_ACTIVE },       /* Checked In */
    { "10411702211", "Iyer", LANYARD_ROLE_FACULTY, LANYARD_STATUS_ACTIVE },          /* Faculty (Complimentary) */
    { "10411810075", "Baker", LANYARD_ROLE_ATTENDEE, LANYARD_STATUS_CANCELLED },     /* Refunded */
    { "10411932650", "Kowalski", LANYARD_ROLE_EXHIBITOR, LANYARD_STATUS_ACTIVE },
  } },
  { "cvent", "cvent.csv", 5, {
    { "TQ7KX4WMD5R", "Raman", LANYARD_ROLE_ATTENDEE, LANYARD_STATUS_ACTIVE },
    { "HW3NP8RJ2QC", "Chen", LANYARD_ROLE_FACULTY, LANYARD_STATUS_ACTIVE },
    { "ZL9DF2MXK7B", "Olsen", LANYARD_ROLE_ATTENDEE, LANYARD_STATUS_CANCELLED },
    { "PB4RT6YHW2N", "Mensah", LANYARD_ROLE_EXHIBITOR, LANYARD_STATUS_ACTIVE },
    { "MX8QV3LJD6F", "Petrova", LANYARD_ROLE_ATTENDEE, LANYARD_STATUS_CANCELLED },  /* Declined */
  } },
  { "pretix", "pretix.csv", 6, {
    { "dszbrpcmf7j4yhc9x3snq8nq2kmf3v6t", "Hiroshi Tanaka", LANYARD_ROLE_ATTENDEE, LANYARD_STATUS_ACTIVE },
    { "u4tkbdr7ns2yq9hmx3fcp6wva8ejzg5c", "山田太郎", LANYARD_ROLE_ATTENDEE, LANYARD_STATUS_ACTIVE },
    { "k8vs3mhq2tzdyp7rjwn4cbf6xeg9ua5l", "Amara Okafor", LANYARD_ROLE_FACULTY, LANYARD_STATUS_ACTIVE },
    { "3hq9zvn6kdc2mtyxr8bsjp4wgfa7eu5n", "María García", LANYARD_ROLE_ATTENDEE, LANYARD_STATUS_CANCELLED },
    { "p2nfx7wqj4hb9cmz3rdtkv8sye6ga5ul", "Brian Williams", LANYARD_ROLE_ATTENDEE, LANYARD_STATUS_ACTIVE }, /* pending */
    { "w9ermt4kq2xzbv7nhdc3pfs6yga8ju5t", "Chris Doe", LANYARD_ROLE_ATTENDEE, LANYARD_STATUS_CANCELLED },   /* expired */
  } },
};

static void
test_preset (Fixture       *fx,
             gconstpointer  data)
{
  const PresetCase *c = data;
  LanyardImportOptions options = { .preset = c->preset };
  g_autoptr(LanyardImportReport) report = import_sample (fx, c->sample, &options);

  g_assert_cmpuint (report->rows, ==, c->rows);
  g_assert_cmpuint (report->imported, ==, c->rows);
  g_assert_cmpuint (report->rejected, ==, 0);
  for (guint i = 0; i < c->rows; i++)
    {
      g_autoptr(LanyardAttendee) a = lanyard_store_find_ticket (fx->store, c->expect[i].ticket, NULL);

      g_test_message ("%s %s", c->preset, c->expect[i].ticket);
      g_assert_nonnull (a);
      g_assert_cmpstr (a->last_name, ==, c->expect[i].last_name);
      g_assert_cmpint (a->role, ==, c->expect[i].role);
      g_assert_cmpint (a->status, ==, c->expect[i].status);
    }
}

/* --preset and --mapping together: the file's entries win, and may add
 * the export's own questions (Eventbrite's custom "profession" one). */
static void
test_preset_and_mapping (Fixture       *fx,
                         gconstpointer  data)
{
  const char *mapping =
    "{\"columns\": {\"What is your profession?\": \"profession\"},"
    " \"values\": {\"profession\": {\"Physician (MD/DO)\": \"physician\", \"Nurse / Allied Health\": \"nurse\"},"
    "             \"role\": {\"Exhibitor\": \"staff\"}}}";
  LanyardImportOptions options = { .preset = "eventbrite", .mapping_json = mapping };
  g_autoptr(LanyardImportReport) report = import_sample (fx, "eventbrite.csv", &options);
  g_autoptr(LanyardAttendee) smith = lanyard_store_find_ticket (fx->store, "10411583423", NULL);
  g_autoptr(LanyardAttendee) iyer = lanyard_store_find_ticket (fx->store, "10411702211", NULL);
  g_autoptr(LanyardAttendee) kowalski = lanyard_store_find_ticket (fx->store, "10411932650", NULL);
  g_autoptr(LanyardImportReport) bad = NULL;
  g_autoptr(GError) error = NULL;
  LanyardImportOptions unknown = { .preset = "eventbrite2" };

  g_assert_cmpuint (report->imported, ==, 5);
  g_assert_cmpstr (smith->profession, ==, "physician");
  g_assert_cmpint (iyer->role, ==, LANYARD_ROLE_FACULTY);      /* the preset's, kept */
  g_assert_cmpint (kowalski->role, ==, LANYARD_ROLE_STAFF);    /* the file's, over the preset's */
  g_assert_cmpstr (kowalski->profession, ==, "other");          /* a keyword as it stands */

  bad = lanyard_csv_import (fx->store, fx->event, "a\n", 2, &unknown, &error);
  g_assert_null (bad);
  g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE);
}

/* pretix's single "Attendee name": the whole name, unsplit; display,
 * search and family-name-first names read right. */
static void
test_full_name (Fixture       *fx,
                gconstpointer  data)
{
  LanyardImportOptions options = { .preset = "pretix" };
  g_autoptr(LanyardImportReport) report = import_sample (fx, "pretix.csv", &options);
  g_autoptr(LanyardAttendee) tanaka = lanyard_store_find_ticket (fx->store, "dszbrpcmf7j4yhc9x3snq8nq2kmf3v6t", NULL);
  g_autoptr(LanyardAttendee) yamada = lanyard_store_find_ticket (fx->store, "u4tkbdr7ns2yq9hmx3fcp6wva8ejzg5c", NULL);
  g_autofree char *tanaka_name = NULL;
  g_autofree char *yamada_name = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (tanaka);
  g_assert_nonnull (yamada);
  tanaka_name = lanyard_attendee_dup_display_name (tanaka);
  yamada_name = lanyard_attendee_dup_display_name (yamada);
  g_assert_cmpstr (tanaka->first_name, ==, "");
  g_assert_cmpstr (tanaka_name, ==, "Hiroshi Tanaka");
  g_assert_cmpstr (yamada_name, ==, "山田太郎");
  hits = lanyard_store_search (fx->store, "tanaka", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = lanyard_store_search (fx->store, "山田", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = lanyard_store_search (fx->store, "garcia", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
}

/* The QR in a pretix e-mail holds the ticket secret: it checks in through
 * the same core call the kiosk makes (lanyard_checkin_perform), and a
 * cancelled order's secret is refused as cancelled. */
static void
test_pretix_secret_checks_in (Fixture       *fx,
                              gconstpointer  data)
{
  LanyardImportOptions options = { .preset = "pretix" };
  g_autoptr(LanyardImportReport) report = import_sample (fx, "pretix.csv", &options);
  const char *secret = "dszbrpcmf7j4yhc9x3snq8nq2kmf3v6t";
  const char *cancelled = "3hq9zvn6kdc2mtyxr8bsjp4wgfa7eu5n";
  LanyardCheckinRequest request = { .action = LANYARD_CHECKIN_EVENT, .device = "kiosk-1", .dry_run = TRUE };
  g_autoptr(LanyardCheckinResult) confirm = NULL;
  g_autoptr(LanyardCheckinResult) done = NULL;
  g_autoptr(LanyardCheckinResult) refused = NULL;
  g_autoptr(GError) error = NULL;

  /* the kiosk's confirm page first asks without logging … */
  confirm = lanyard_checkin_perform (fx->store, fx->event, NULL, (const guint8 *) secret, strlen (secret), &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (confirm->outcome, ==, LANYARD_OUTCOME_CHECKED_IN);
  g_assert_cmpstr (confirm->attendee->last_name, ==, "Hiroshi Tanaka");
  /* … then checks in */
  request.dry_run = FALSE;
  done = lanyard_checkin_perform (fx->store, fx->event, NULL, (const guint8 *) secret, strlen (secret), &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (done->outcome, ==, LANYARD_OUTCOME_CHECKED_IN);
  refused = lanyard_checkin_perform (fx->store, fx->event, NULL, (const guint8 *) cancelled, strlen (cancelled), &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (refused->outcome, ==, LANYARD_OUTCOME_CANCELLED);
}

static char *
checksum_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return g_strdup ("absent");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

/* A dry run reports what the import would do, and the database (its file
 * and its write-ahead log) is byte for byte what it was. */
static void
test_dry_run (Fixture       *fx,
              gconstpointer  data)
{
  LanyardImportOptions first = { .preset = "eventbrite" };
  g_autoptr(LanyardImportReport) setup_report = import_sample (fx, "eventbrite.csv", &first);
  g_autofree char *db = g_build_filename (fx->dir, "t.db", NULL);
  g_autofree char *wal = g_build_filename (fx->dir, "t.db-wal", NULL);
  g_autofree char *db_before = checksum_file (db);
  g_autofree char *wal_before = checksum_file (wal);
  g_autofree char *db_after = NULL;
  g_autofree char *wal_after = NULL;
  g_autoptr(LanyardImportReport) report = NULL;
  g_autoptr(LanyardAttendee) smith = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  /* Smith refunded, Ortega's e-mail changed, a new walk-up order, Iyer's row gone */
  const char *csv =
    "Attendee #,First Name,Last Name,Email,Ticket Type,Attendee Status\n"
    "10411583423,Jane,Smith,jane.smith@lakeshore.example,Physician - Early Bird,Refunded\n"
    "10411583424,Luis,Ortega,luis@new.example,Nurse / Allied Health,Checked In\n"
    "10411810075,Tom,Baker,tbaker@example.org,Physician - Regular,Refunded\n"
    "10411932650,Dana,Kowalski,dana@medsupply.example,Exhibitor,Attending\n"
    "10419999999,New,Person,new@example.org,Physician - Regular,Attending\n"
    "10419999998,Bad,Status,bad@example.org,Physician - Regular,On Hold\n";
  LanyardImportOptions options = { .preset = "eventbrite", .dry_run = TRUE, .full = TRUE, .cancel_missing = TRUE };

  report = lanyard_csv_import (fx->store, fx->event, csv, strlen (csv), &options, &error);
  g_assert_no_error (error);
  assert_counts_add_up (report);
  g_assert_true (report->dry_run);
  g_assert_cmpuint (report->imported, ==, 1);
  g_assert_cmpuint (report->updated, ==, 2);
  g_assert_cmpuint (report->unchanged, ==, 2);
  g_assert_cmpuint (report->rejected, ==, 1);
  g_assert_cmpuint (report->cancelled, ==, 2);   /* Smith refunded, Iyer missing */
  g_assert_cmpuint (report->missing->len, ==, 1);

  db_after = checksum_file (db);
  wal_after = checksum_file (wal);
  g_assert_cmpstr (db_after, ==, db_before);
  g_assert_cmpstr (wal_after, ==, wal_before);
  smith = lanyard_store_find_ticket (fx->store, "10411583423", NULL);
  g_assert_cmpint (smith->status, ==, LANYARD_STATUS_ACTIVE);
  g_assert_null (lanyard_store_find_ticket (fx->store, "10419999999", NULL));
  /* nothing of it waits to be indexed either: the same file imported for
   * real is found by name, once (the search index's rows are written at
   * the end of an import) */
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = lanyard_store_search (fx->store, "New Person", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
  options.dry_run = FALSE;
  g_clear_pointer (&report, lanyard_import_report_free);
  report = lanyard_csv_import (fx->store, fx->event, csv, strlen (csv), &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = lanyard_store_search (fx->store, "New Person", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = lanyard_store_search (fx->store, "Ortega", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
}

/* --full names the active registrations absent from the file (never a
 * walk-in); --cancel-missing cancels them, audited, and restore undoes it. */
static void
test_full (Fixture       *fx,
           gconstpointer  data)
{
  LanyardImportOptions first = { .preset = "cvent" };
  g_autoptr(LanyardImportReport) setup_report = import_sample (fx, "cvent.csv", &first);
  g_autoptr(LanyardAttendee) walk_in = lanyard_attendee_new ();
  g_autoptr(LanyardImportReport) named = NULL;
  g_autoptr(LanyardImportReport) cancelled = NULL;
  g_autoptr(LanyardImportReport) again = NULL;
  g_autoptr(LanyardAttendee) chen = NULL;
  g_autoptr(GError) error = NULL;
  const LanyardAttendee *missing;
  /* Chen's row (faculty, active) is gone; Olsen (cancelled) too: already cancelled, not named */
  const char *csv =
    "Confirmation Number,First Name,Last Name,Registration Type,Status\n"
    "TQ7KX4WMD5R,Priya,Raman,Attendee,Accepted\n"
    "PB4RT6YHW2N,Kwame,Mensah,Exhibitor,Accepted\n"
    "MX8QV3LJD6F,Elena,Petrova,Attendee,Declined\n";
  LanyardImportOptions full = { .preset = "cvent", .full = TRUE };
  LanyardImportOptions cancel = { .preset = "cvent", .full = TRUE, .cancel_missing = TRUE };

  walk_in->ticket_code = g_strdup ("WI-0000BEEF");
  walk_in->last_name = g_strdup ("Walker");
  g_assert_true (lanyard_store_upsert_attendee (fx->store, walk_in, NULL, NULL, &error));

  named = lanyard_csv_import (fx->store, fx->event, csv, strlen (csv), &full, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (named->missing->len, ==, 1);
  missing = g_ptr_array_index (named->missing, 0);
  g_assert_cmpstr (missing->ticket_code, ==, "HW3NP8RJ2QC");
  g_assert_cmpuint (named->cancelled, ==, 0);
  chen = lanyard_store_find_ticket (fx->store, "HW3NP8RJ2QC", NULL);
  g_assert_cmpint (chen->status, ==, LANYARD_STATUS_ACTIVE);   /* only named */
  g_clear_pointer (&chen, lanyard_attendee_free);

  cancelled = lanyard_csv_import (fx->store, fx->event, csv, strlen (csv), &cancel, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cancelled->missing->len, ==, 1);
  g_assert_cmpuint (cancelled->cancelled, ==, 1);
  chen = lanyard_store_find_ticket (fx->store, "HW3NP8RJ2QC", NULL);
  g_assert_cmpint (chen->status, ==, LANYARD_STATUS_CANCELLED);
  assert_one_import_audit (fx->store, chen->id, "status", "active", "cancelled");
  g_clear_pointer (&chen, lanyard_attendee_free);
  chen = lanyard_store_find_ticket (fx->store, "WI-0000BEEF", NULL);
  g_assert_cmpint (chen->status, ==, LANYARD_STATUS_ACTIVE);   /* a walk-in is never missing */
  g_clear_pointer (&chen, lanyard_attendee_free);

  /* restore undoes it; the next full import names Chen again */
  chen = lanyard_store_find_ticket (fx->store, "HW3NP8RJ2QC", NULL);
  g_assert_true (lanyard_store_set_status (fx->store, chen->id, LANYARD_STATUS_ACTIVE, "lanyardctl", &error));
  again = lanyard_csv_import (fx->store, fx->event, csv, strlen (csv), &full, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->missing->len, ==, 1);

  /* --cancel-missing alone, or over an empty list, is refused */
  {
    LanyardImportOptions alone = { .cancel_missing = TRUE };
    const char *empty = "Confirmation Number,First Name,Last Name,Registration Type,Status\n";
    g_autoptr(LanyardImportReport) r1 = lanyard_csv_import (fx->store, fx->event, csv, strlen (csv), &alone, &error);

    g_assert_null (r1);
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_null (lanyard_csv_import (fx->store, fx->event, empty, strlen (empty), &cancel, &error));
    g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/csv-import/case/%02u", i + 1);
      g_test_add (path, Fixture, &cases[i], setup, test_case, teardown);
    }
  g_test_add ("/csv-import/fields-and-update", Fixture, NULL, setup, test_fields_and_update, teardown);
  for (guint i = 0; i < G_N_ELEMENTS (audited_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/csv-import/audited/%s", audited_cases[i].name);

      g_test_add (path, Fixture, &audited_cases[i], setup, test_import_audited, teardown);
    }
  g_test_add ("/csv-import/mapping", Fixture, NULL, setup, test_mapping, teardown);
  for (guint i = 0; i < G_N_ELEMENTS (value_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/csv-import/values/%02u", i + 1);
      g_test_add (path, Fixture, &value_cases[i], setup, test_value_case, teardown);
    }
  for (guint i = 0; i < G_N_ELEMENTS (learner_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/csv-import/learner/%s", learner_cases[i].what);
      g_test_add (path, Fixture, &learner_cases[i], setup, test_learner_case, teardown);
    }
  g_test_add ("/csv-import/learner-kept", Fixture, NULL, setup, test_learner_kept, teardown);
  for (guint i = 0; i < G_N_ELEMENTS (latin_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/csv-import/latin/%s", latin_cases[i].what);
      g_test_add (path, Fixture, &latin_cases[i], setup, test_latin_case, teardown);
    }
  g_test_add ("/csv-import/latin-kept", Fixture, NULL, setup, test_latin_kept, teardown);
  g_test_add ("/csv-import/profession-keyword", Fixture, NULL, setup, test_profession_keyword, teardown);
  g_test_add ("/csv-import/bad-value-maps", Fixture, NULL, setup, test_bad_value_maps, teardown);
  for (guint i = 0; i < G_N_ELEMENTS (preset_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/csv-import/preset/%s", preset_cases[i].preset);
      g_test_add (path, Fixture, &preset_cases[i], setup, test_preset, teardown);
    }
  g_test_add ("/csv-import/preset-and-mapping", Fixture, NULL, setup, test_preset_and_mapping, teardown);
  g_test_add ("/csv-import/full-name", Fixture, NULL, setup, test_full_name, teardown);
  g_test_add ("/csv-import/pretix-secret-checks-in", Fixture, NULL, setup, test_pretix_secret_checks_in, teardown);
  g_test_add ("/csv-import/dry-run", Fixture, NULL, setup, test_dry_run, teardown);
  g_test_add ("/csv-import/full", Fixture, NULL, setup, test_full, teardown);
  return g_test_run ();
}
