/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The accreditors' reports as tables (lanyard-report.h).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lanyard-certificate.h"
#include "lanyard-csv-write.h"
#include "lanyard-error.h"
#include "lanyard-report.h"
#include "lanyard-store-private.h"

/* The CME/MOC learner template's columns (CME.md, "Reporting learners"). */
static const char * const pars_columns[] = {
  "Record Action", "ACCME Activity ID", "Completion Date", "First Name", "Last Name",
  "Date of Birth (MMDD)", "Licensing State", "Licensing ID or NPI", "Number of CME Credits",
  "Certifying Board", "Certifying Board ID", "Total Board Credits", NULL
};

static const char * const cpe_columns[] = {
  "NABP e-Profile ID", "Date of Birth (MMDD)", "UAN", "Date of Participation", "Contact Hours",
  "Last Name", "First Name", NULL
};

/* The credit type PARS counts as CME, and how MOC types are named. */
#define AMA_PRA_1  "AMA_PRA_1"
#define MOC_SUFFIX "_MOC"

LanyardReportTable *
lanyard_report_table_new (const char * const *columns)
{
  LanyardReportTable *self = g_new0 (LanyardReportTable, 1);

  self->columns = g_ptr_array_new_with_free_func (g_free);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->numeric = g_ptr_array_new ();
  self->problems = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    {
      g_ptr_array_add (self->columns, g_strdup (columns[i]));
      g_ptr_array_add (self->numeric, GINT_TO_POINTER (FALSE));
    }
  return self;
}

void
lanyard_report_table_free (LanyardReportTable *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->columns);
  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->numeric);
  g_ptr_array_unref (self->problems);
  g_free (self);
}

static void
set_numeric (LanyardReportTable *self,
             const char         *column)
{
  for (guint i = 0; i < self->columns->len; i++)
    if (g_str_equal (g_ptr_array_index (self->columns, i), column))
      self->numeric->pdata[i] = GINT_TO_POINTER (TRUE);
}

/* "Jane Smith (A1)": who, for the office, without any id a board needs. */
static char *
learner_label (const LanyardAttendee *a)
{
  g_autofree char *name = lanyard_attendee_dup_display_name (a);

  return g_strdup_printf ("%s (%s)", name, a->ticket_code);
}

static void
add_problem (LanyardReportTable    *self,
             const LanyardAttendee *a,
             const char            *what)
{
  g_autofree char *who = learner_label (a);

  /* Translators: a learner left out of a report, or warned about: "Jane Smith (A1): no NPI …" */
  g_ptr_array_add (self->problems, g_strdup_printf (_("%s: %s"), who, what));
}

/* "2026-03-14" → "03/14/2026", the form ACCME and ACPE read. */
static char *
us_date (const char *iso)
{
  int y, m, d;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return g_strdup ("");
  return g_strdup_printf ("%02d/%02d/%04d", m, d, y);
}

/* Credits in multiples of 0.25, never rounded up past the claim. */
static double
quarters (double credits)
{
  return floor (credits * 4 + 1e-9) / 4;
}

static char *
format_credits (double credits)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.2f", credits));
}

/* "TX 123456" → "TX", "123456"; a licence without its state gives only the number. */
static void
split_license (const char  *license,
               char       **out_state,
               char       **out_number)
{
  if (license != NULL && strlen (license) > 3 && g_ascii_isupper (license[0]) &&
      g_ascii_isupper (license[1]) && (license[2] == ' ' || license[2] == '-'))
    {
      *out_state = g_strndup (license, 2);
      *out_number = g_strdup (license + 3);
      return;
    }
  *out_state = g_strdup ("");
  *out_number = g_strdup (license != NULL ? license : "");
}

/* g_strv_builder_take () is GLib 2.80 */
static void
builder_take (GStrvBuilder *builder,
              char         *text)
{
  g_strv_builder_add (builder, text);
  g_free (text);
}

static gboolean
empty (const char *s)
{
  return s == NULL || *s == '\0';
}

/* The learner's permission to report, given at registration (the import)
 * or with a claim at the kiosk. */
static gboolean
permission_to_report (LanyardStore          *store,
                      const LanyardAttendee *a)
{
  sqlite3_stmt *stmt;

  if (a->permission_to_report)
    return TRUE;
  stmt = lanyard_store_prepare (store,
      "SELECT 1 FROM attestation WHERE attendee_id = ? AND permission_to_report != 0 LIMIT 1", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a->id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* The certificate a learner would get now: what they earned and claimed
 * per credit type, by the one engine. NULL (and no error) when there is
 * nothing to certify; the evaluation still owed is an error. */
static LanyardCertificate *
prepare (LanyardStore          *store,
         const LanyardEvent    *event,
         const LanyardAttendee *a,
         GPtrArray             *attestations,
         gint64                 now,
         GError               **error)
{
  g_autoptr(GPtrArray) scans = lanyard_store_list_scans (store, a->id, error);
  g_autoptr(GError) local_error = NULL;
  LanyardCertificate *certificate;

  if (scans == NULL)
    return NULL;
  certificate = lanyard_certificate_prepare (event, a, scans, attestations,
                                             lanyard_store_get_evaluation_done (store, a->id), now, &local_error);
  if (certificate == NULL && !g_error_matches (local_error, LANYARD_ERROR, LANYARD_ERROR_NOTHING_TO_CERTIFY))
    g_propagate_error (error, g_steal_pointer (&local_error));
  return certificate;
}

static gboolean
claimed (GPtrArray  *attestations,
         const char *code)
{
  for (guint i = 0; i < attestations->len; i++)
    if (g_str_equal (((LanyardCreditAmount *) g_ptr_array_index (attestations, i))->code, code))
      return TRUE;
  return FALSE;
}

static const LanyardCertificateLine *
find_line (const LanyardCertificate *certificate,
           gboolean                  moc)
{
  for (guint i = 0; certificate != NULL && i < certificate->lines->len; i++)
    {
      const LanyardCertificateLine *line = g_ptr_array_index (certificate->lines, i);

      if (!line->attested)
        continue;
      if (moc ? g_str_has_suffix (line->type->code, MOC_SUFFIX) : g_str_equal (line->type->code, AMA_PRA_1))
        return line;
    }
  return NULL;
}

static void
add_row (LanyardReportTable *self,
         GStrvBuilder       *builder)
{
  GStrv row = g_strv_builder_end (builder);

  g_assert (g_strv_length (row) == self->columns->len);
  g_ptr_array_add (self->rows, row);
}

static void
pars_learner (LanyardReportTable    *self,
              LanyardStore          *store,
              const LanyardEvent    *event,
              const LanyardAttendee *a,
              const char            *completion,
              gint64                 now,
              GError               **error)
{
  g_autoptr(GPtrArray) attestations = NULL;
  g_autoptr(LanyardCertificate) certificate = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) row = g_strv_builder_new ();
  g_autofree char *state = NULL, *number = NULL, *board = NULL;
  const LanyardCertificateLine *cme_line, *moc_line;
  double cme, moc;

  attestations = lanyard_store_list_attestations (store, a->id, error);
  if (attestations == NULL || attestations->len == 0)
    return;
  certificate = prepare (store, event, a, attestations, now, &local_error);
  if (certificate == NULL)
    {
      if (g_error_matches (local_error, LANYARD_ERROR, LANYARD_ERROR_EVALUATION_REQUIRED))
        add_problem (self, a, _("claimed, but the evaluation is not completed; left out"));
      else if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return;
    }
  for (guint i = 0; i < certificate->pending->len; i++)
    {
      const LanyardCreditType *type = g_ptr_array_index (certificate->pending, i);

      if (g_str_has_suffix (type->code, MOC_SUFFIX) && claimed (attestations, type->code))
        add_problem (self, a, _("MOC points wait for the evaluation; reported without them"));
    }

  cme_line = find_line (certificate, FALSE);
  moc_line = find_line (certificate, TRUE);
  cme = cme_line != NULL ? quarters (cme_line->claimed) : 0;
  moc = moc_line != NULL ? quarters (moc_line->claimed) : 0;
  if (cme <= 0 && moc <= 0)
    return;
  if (!permission_to_report (store, a))
    {
      add_problem (self, a, _("no permission to report to boards; left out"));
      return;
    }

  split_license (a->license, &state, &number);
  if (moc > 0)
    board = !empty (a->board) ? g_strdup (a->board)
                               : g_strndup (moc_line->type->code,
                                            strlen (moc_line->type->code) - strlen (MOC_SUFFIX));
  if (empty (a->first_name))
    g_ptr_array_add (missing, (gpointer) _("first name"));
  if (empty (a->birth_mmdd))
    g_ptr_array_add (missing, (gpointer) _("birth date (MMDD)"));
  /* State boards take the licensing state and licence ID, or the NPI. */
  if (cme > 0 && empty (a->npi) && (empty (number) || empty (state)))
    g_ptr_array_add (missing, (gpointer) (empty (number) ? _("licensing state and licence ID, or NPI")
                                                         : _("licensing state (or NPI)")));
  if (moc > 0 && empty (a->abim_id))
    g_ptr_array_add (missing, (gpointer) _("certifying board ID"));
  if (missing->len > 0)
    {
      g_autofree char *list = NULL;
      g_autofree char *what = NULL;

      g_ptr_array_add (missing, NULL);
      list = g_strjoinv (", ", (char **) missing->pdata);
      /* Translators: %s lists fields, e.g. "birth date (MMDD), certifying board ID" */
      what = g_strdup_printf (_("no %s; not written"), list);
      add_problem (self, a, what);
      return;
    }

  g_strv_builder_add (row, "Add");
  g_strv_builder_add (row, event->activity_id ? event->activity_id : "");
  g_strv_builder_add (row, completion);
  g_strv_builder_add (row, a->first_name);
  g_strv_builder_add (row, a->last_name);
  g_strv_builder_add (row, a->birth_mmdd);
  if (!empty (number) && !empty (state))
    {
      g_strv_builder_add (row, state);
      g_strv_builder_add (row, number);
    }
  else
    {
      g_strv_builder_add (row, "");
      g_strv_builder_add (row, cme > 0 ? a->npi : "");
    }
  builder_take (row, cme > 0 ? format_credits (cme) : g_strdup (""));
  g_strv_builder_add (row, moc > 0 ? board : "");
  g_strv_builder_add (row, moc > 0 ? a->abim_id : "");
  builder_take (row, moc > 0 ? format_credits (moc) : g_strdup (""));
  add_row (self, row);
}

static LanyardReportTable *
each_learner (LanyardStore        *store,
              const LanyardEvent  *event,
              const char * const  *columns,
              void               (*learner) (LanyardReportTable *, LanyardStore *, const LanyardEvent *,
                                             const LanyardAttendee *, const char *, gint64, GError **),
              const char          *date,
              gint64               now,
              GError             **error)
{
  g_autoptr(LanyardReportTable) self = lanyard_report_table_new (columns);
  g_autoptr(GPtrArray) attendees = lanyard_store_list_attendees (store, error);

  if (attendees == NULL)
    return NULL;
  for (guint i = 0; i < attendees->len; i++)
    {
      const LanyardAttendee *a = g_ptr_array_index (attendees, i);
      g_autoptr(GError) local_error = NULL;

      if (a->status != LANYARD_STATUS_ACTIVE)
        continue;
      learner (self, store, event, a, date, now, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  return g_steal_pointer (&self);
}

LanyardReportTable *
lanyard_report_pars (LanyardStore       *store,
                     const LanyardEvent *event,
                     gint64              now,
                     GError            **error)
{
  g_autofree char *completion = us_date (event->end_date ? event->end_date : event->start_date);
  LanyardReportTable *self;

  if (empty (event->activity_id))
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA,
                           _("The event has no ACCME activity ID: PARS needs it. Add \"activity_id\" to the event file "
                             "and load it again (lanyardctl init --event FILE)."));
      return NULL;
    }
  self = each_learner (store, event, pars_columns, pars_learner, completion, now, error);
  if (self != NULL)
    {
      set_numeric (self, "Number of CME Credits");
      set_numeric (self, "Total Board Credits");
    }
  return self;
}

/* Days from the activity's date to NOW's date, in the event's time zone. */
static int
days_since (const LanyardEvent *event,
            const char         *iso,
            gint64              now)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (event->time_zone ? event->time_zone : "UTC");
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) day = NULL;
  int y, m, d;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return 0;
  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  today = g_date_time_new_from_unix_utc (now / G_USEC_PER_SEC);
  {
    g_autoptr(GDateTime) local = g_date_time_to_timezone (today, tz);
    g_autoptr(GDateTime) midnight = g_date_time_new (tz, g_date_time_get_year (local),
                                                     g_date_time_get_month (local),
                                                     g_date_time_get_day_of_month (local), 12, 0, 0);

    day = g_date_time_new (tz, y, m, d, 12, 0, 0);
    if (day == NULL || midnight == NULL)
      return 0;
    return (int) (g_date_time_difference (midnight, day) / G_TIME_SPAN_DAY);
  }
}

static void
cpe_learner (LanyardReportTable    *self,
             LanyardStore          *store,
             const LanyardEvent    *event,
             const LanyardAttendee *a,
             const char            *date,
             gint64                 now,
             GError               **error)
{
  g_autoptr(GPtrArray) attestations = NULL;
  g_autoptr(LanyardCertificate) certificate = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean any_uan = FALSE;
  int days;

  for (guint i = 0; i < event->credit_types->len; i++)
    {
      const LanyardCreditType *type = g_ptr_array_index (event->credit_types, i);

      any_uan |= !empty (type->uan) && lanyard_credit_type_applies (type, a->profession);
    }
  if (!any_uan)
    return;
  attestations = lanyard_store_list_attestations (store, a->id, error);
  if (attestations == NULL)
    return;
  certificate = prepare (store, event, a, attestations, now, &local_error);
  if (certificate == NULL)
    {
      if (g_error_matches (local_error, LANYARD_ERROR, LANYARD_ERROR_EVALUATION_REQUIRED))
        add_problem (self, a, _("attended, but the evaluation is not completed; not written"));
      else if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return;
    }
  for (guint i = 0; i < certificate->lines->len; i++)
    {
      const LanyardCertificateLine *line = g_ptr_array_index (certificate->lines, i);
      g_autoptr(GStrvBuilder) row = NULL;
      g_autofree char *us = NULL;

      if (empty (line->type->uan))
        continue;
      if (empty (a->nabp_eprofile) || empty (a->birth_mmdd))
        {
          add_problem (self, a, empty (a->nabp_eprofile)
                                ? (empty (a->birth_mmdd) ? _("no NABP e-Profile ID and no birth date (MMDD); not written")
                                                         : _("no NABP e-Profile ID; not written"))
                                : _("no birth date (MMDD); not written"));
          return;
        }
      row = g_strv_builder_new ();
      us = us_date (date);
      g_strv_builder_add (row, a->nabp_eprofile);
      g_strv_builder_add (row, a->birth_mmdd);
      g_strv_builder_add (row, line->type->uan);
      g_strv_builder_add (row, us);
      builder_take (row, format_credits (quarters (line->claimed)));
      g_strv_builder_add (row, a->last_name);
      g_strv_builder_add (row, a->first_name ? a->first_name : "");
      add_row (self, row);
      days = days_since (event, date, now);
      if (days > 60)
        {
          g_autofree char *what =
            /* Translators: CPE Monitor takes credit only within 60 days of the activity */
            g_strdup_printf (_("day %d after the activity: CPE Monitor takes credit only until day 60"), days);

          add_problem (self, a, what);
        }
    }
}

LanyardReportTable *
lanyard_report_cpe_monitor (LanyardStore       *store,
                            const LanyardEvent *event,
                            gint64              now,
                            GError            **error)
{
  LanyardReportTable *self;

  /* For a live activity, the date of participation is its live date. */
  self = each_learner (store, event, cpe_columns, cpe_learner,
                       event->start_date ? event->start_date : event->end_date, now, error);
  if (self != NULL)
    set_numeric (self, "Contact Hours");
  return self;
}

static int
column_of (const LanyardReportTable *self,
           const char               *name)
{
  for (guint i = 0; i < self->columns->len; i++)
    if (g_str_equal (g_ptr_array_index (self->columns, i), name))
      return (int) i;
  return -1;
}

gboolean
lanyard_report_table_remap (LanyardReportTable *self,
                            const char         *mapping_json,
                            GError            **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) sources = g_array_new (FALSE, FALSE, sizeof (int));
  JsonNode *root, *columns;
  JsonArray *list;

  if (!json_parser_load_from_data (parser, mapping_json, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (columns = json_object_get_member (json_node_get_object (root), "columns")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (columns))
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_PARSE,
                           _("The report mapping is a JSON object with a \"columns\" list: each our column's name, "
                             "or {\"Their header\": \"our column\"}."));
      return FALSE;
    }
  list = json_node_get_array (columns);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *entry = json_array_get_element (list, i);
      const char *header = NULL, *source = NULL;
      int index;

      if (JSON_NODE_HOLDS_VALUE (entry) && json_node_get_value_type (entry) == G_TYPE_STRING)
        header = source = json_node_get_string (entry);
      else if (JSON_NODE_HOLDS_OBJECT (entry) && json_object_get_size (json_node_get_object (entry)) == 1)
        {
          g_autoptr(GList) members = json_object_get_members (json_node_get_object (entry));
          JsonNode *value = json_object_get_member (json_node_get_object (entry), members->data);

          header = members->data;
          if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
            source = json_node_get_string (value);
        }
      index = source != NULL ? column_of (self, source) : -1;
      if (index < 0)
        {
          g_autofree char *ours = NULL;

          g_ptr_array_add (self->columns, NULL);
          ours = g_strjoinv (", ", (char **) self->columns->pdata);
          g_ptr_array_remove_index (self->columns, self->columns->len - 1);
          g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE,
                       _("The report mapping's column %u is not one of this report's: %s."), i + 1, ours);
          return FALSE;
        }
      g_ptr_array_add (headers, g_strdup (header));
      g_array_append_val (sources, index);
    }

  for (guint r = 0; r < self->rows->len; r++)
    {
      GStrv old = g_ptr_array_index (self->rows, r);
      GStrv row = g_new0 (char *, sources->len + 1);

      for (guint c = 0; c < sources->len; c++)
        row[c] = g_strdup (old[g_array_index (sources, int, c)]);
      self->rows->pdata[r] = row;
      g_strfreev (old);
    }
  {
    g_autoptr(GPtrArray) numeric = g_ptr_array_new ();

    for (guint c = 0; c < sources->len; c++)
      g_ptr_array_add (numeric, g_ptr_array_index (self->numeric, g_array_index (sources, int, c)));
    g_ptr_array_unref (self->numeric);
    self->numeric = g_steal_pointer (&numeric);
  }
  g_ptr_array_unref (self->columns);
  self->columns = g_steal_pointer (&headers);
  return TRUE;
}

static void
append_field (GString    *out,
              const char *field,
              char        separator)
{
  if (separator != '\t')
    {
      lanyard_csv_write_field (out, field);
      return;
    }
  for (const char *p = field; *p; p++)
    g_string_append_c (out, *p == '\t' || *p == '\r' || *p == '\n' ? ' ' : *p);
}

static void
append_line (GString     *out,
             char * const *fields,
             guint         n,
             char          separator)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, separator);
      append_field (out, fields[i], separator);
    }
  g_string_append (out, "\r\n");
}

char *
lanyard_report_table_to_text (const LanyardReportTable *self,
                              char                      separator)
{
  GString *out = g_string_new (NULL);

  append_line (out, (char **) self->columns->pdata, self->columns->len, separator);
  for (guint r = 0; r < self->rows->len; r++)
    append_line (out, g_ptr_array_index (self->rows, r), self->columns->len, separator);
  return g_string_free (out, FALSE);
}

static void
evaluation_item_free (LanyardEvaluationItem *item)
{
  g_free (item->choices);
  g_clear_pointer (&item->texts, g_ptr_array_unref);
  g_free (item);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardEvaluationItem, evaluation_item_free)

void
lanyard_evaluation_report_free (LanyardEvaluationReport *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->items);
  g_free (self);
}

/* One learner's last answer to QUESTION for SESSION (NULL: the activity). */
static LanyardEvaluationItem *
evaluation_item (LanyardStore           *store,
                 const LanyardQuestion  *question,
                 const LanyardSession   *session,
                 GError                **error)
{
  g_autoptr(LanyardEvaluationItem) item = g_new0 (LanyardEvaluationItem, 1);
  guint n_choices = question->choices ? g_strv_length (question->choices) : 0;
  sqlite3_stmt *stmt = lanyard_store_prepare (store,
      "SELECT score, choice, text FROM evaluation_answer e WHERE question = ?1 AND session_id IS ?2"
      " AND NOT EXISTS (SELECT 1 FROM evaluation_answer l WHERE l.attendee_id = e.attendee_id"
      "                 AND l.question = e.question AND l.session_id IS e.session_id"
      "                 AND (l.at > e.at OR (l.at = e.at AND l.uuid > e.uuid)))"
      " ORDER BY at, uuid", error);
  guint sum = 0;
  int rc;

  if (stmt == NULL)
    return NULL;
  item->question = question;
  item->session = session;
  item->choices = g_new0 (guint, MAX (n_choices, 1));
  item->texts = g_ptr_array_new_with_free_func (g_free);
  lanyard_bind_text (stmt, 1, question->id);
  lanyard_bind_text (stmt, 2, session ? session->id : NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int score = sqlite3_column_int (stmt, 0);
      const char *choice = (const char *) sqlite3_column_text (stmt, 1);
      const char *text = (const char *) sqlite3_column_text (stmt, 2);

      switch (question->kind)
        {
        case LANYARD_QUESTION_SCALE:
          if (score < 1 || score > 5)
            continue;
          item->scores[score - 1]++;
          sum += score;
          break;
        case LANYARD_QUESTION_CHOICE:
          {
            guint k = 0;

            while (k < n_choices && g_strcmp0 (question->choices[k], choice) != 0)
              k++;
            if (k == n_choices)
              continue;
            item->choices[k]++;
          }
          break;
        case LANYARD_QUESTION_TEXT:
        default:
          if (empty (text))
            continue;
          g_ptr_array_add (item->texts, g_strdup (text));
          break;
        }
      item->answers++;
    }
  if (rc != SQLITE_DONE)
    {
      lanyard_store_set_error (store, error);
      return NULL;
    }
  if (question->kind == LANYARD_QUESTION_SCALE && item->answers > 0)
    item->mean = (double) sum / item->answers;
  return g_steal_pointer (&item);
}

LanyardEvaluationReport *
lanyard_report_evaluations (LanyardStore       *store,
                            const LanyardEvent *event,
                            GError            **error)
{
  g_autoptr(LanyardEvaluationReport) self = g_new0 (LanyardEvaluationReport, 1);
  sqlite3_stmt *stmt;

  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) evaluation_item_free);
  stmt = lanyard_store_prepare (store, "SELECT count(*) FROM evaluation", error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    self->completed = (guint) sqlite3_column_int (stmt, 0);

  for (guint q = 0; event->questions != NULL && q < event->questions->len; q++)
    {
      const LanyardQuestion *question = g_ptr_array_index (event->questions, q);
      guint n_sessions = question->per_session ? event->sessions->len : 1;

      for (guint s = 0; s < n_sessions; s++)
        {
          const LanyardSession *session = question->per_session ? g_ptr_array_index (event->sessions, s) : NULL;
          LanyardEvaluationItem *item = evaluation_item (store, question, session, error);

          if (item == NULL)
            return NULL;
          /* a session nobody evaluated is no line of the summary */
          if (session != NULL && item->answers == 0)
            {
              evaluation_item_free (item);
              continue;
            }
          g_ptr_array_add (self->items, item);
        }
    }
  return g_steal_pointer (&self);
}

static const char * const evaluation_columns[] = {
  "Question ID", "Question", "Session", "Kind", "Answers", "Mean", "Answer", "Count", NULL
};

static void
evaluation_row (LanyardReportTable          *table,
                const LanyardEvaluationItem *item,
                const char                  *mean,
                const char                  *answer,
                guint                        count)
{
  g_autoptr(GStrvBuilder) row = g_strv_builder_new ();

  g_strv_builder_add (row, item->question->id);
  g_strv_builder_add (row, item->question->text);
  g_strv_builder_add (row, item->session ? item->session->id : "");
  g_strv_builder_add (row, lanyard_question_kind_to_string (item->question->kind));
  builder_take (row, g_strdup_printf ("%u", item->answers));
  g_strv_builder_add (row, mean);
  g_strv_builder_add (row, answer);
  builder_take (row, g_strdup_printf ("%u", count));
  add_row (table, row);
}

/* One line per answer given: each score 1–5 with its count (the mean on
 * each), each choice, each free text. */
LanyardReportTable *
lanyard_evaluation_report_to_table (const LanyardEvaluationReport *self)
{
  LanyardReportTable *table = lanyard_report_table_new (evaluation_columns);

  for (guint i = 0; i < self->items->len; i++)
    {
      const LanyardEvaluationItem *item = g_ptr_array_index (self->items, i);
      g_autofree char *mean = NULL;

      switch (item->question->kind)
        {
        case LANYARD_QUESTION_SCALE:
          mean = item->answers > 0 ? format_credits (item->mean) : g_strdup ("");
          for (guint k = 0; k < 5; k++)
            {
              char score[2] = { (char) ('1' + k), '\0' };

              evaluation_row (table, item, mean, score, item->scores[k]);
            }
          break;
        case LANYARD_QUESTION_CHOICE:
          for (guint k = 0; item->question->choices && item->question->choices[k]; k++)
            evaluation_row (table, item, "", item->question->choices[k], item->choices[k]);
          break;
        case LANYARD_QUESTION_TEXT:
        default:
          for (guint k = 0; k < item->texts->len; k++)
            evaluation_row (table, item, "", g_ptr_array_index (item->texts, k), 1);
          if (item->texts->len == 0)
            evaluation_row (table, item, "", "", 0);
          break;
        }
    }
  set_numeric (table, "Answers");
  set_numeric (table, "Mean");
  set_numeric (table, "Count");
  return table;
}
