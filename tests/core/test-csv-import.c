/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Registration CSV import, one row of the table a rule.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

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

/* A licence id changed by a re-import is audited like a desk edit: old
 * value, new value, when, and that the import did it. */
static void
test_ids_audited (Fixture       *fx,
                  gconstpointer  data)
{
  const char *v1 = "ticket_code,last_name,profession,nabp_eprofile,license\nP1,Nguyen,pharmacist,,TX 1234\n";
  const char *v2 = "ticket_code,last_name,profession,nabp_eprofile,license\nP1,Nguyen,pharmacist,3000002,TX 1234\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(LanyardImportReport) r1 = NULL;
  g_autoptr(LanyardImportReport) r2 = NULL;
  g_autoptr(LanyardAttendee) a = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  const LanyardAuditEntry *e;

  r1 = lanyard_csv_import_data (fx->store, fx->event, v1, strlen (v1), NULL, &error);
  g_assert_no_error (error);
  r2 = lanyard_csv_import_data (fx->store, fx->event, v2, strlen (v2), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r2->updated, ==, 1);
  a = lanyard_store_find_ticket (fx->store, "P1", &error);
  audit = lanyard_store_list_audit (fx->store, a->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 1);
  e = g_ptr_array_index (audit, 0);
  g_assert_cmpstr (e->field, ==, "nabp_eprofile");
  g_assert_cmpstr (e->old_value, ==, "");
  g_assert_cmpstr (e->new_value, ==, "3000002");
  g_assert_cmpstr (e->device, ==, "import");
  g_assert_cmpint (e->at, >, 0);
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
  g_test_add ("/csv-import/ids-audited", Fixture, NULL, setup, test_ids_audited, teardown);
  g_test_add ("/csv-import/mapping", Fixture, NULL, setup, test_mapping, teardown);
  return g_test_run ();
}
