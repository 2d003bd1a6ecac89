/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <csv.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>

#include "lanyard-attendee-field.h"
#include "lanyard-csv-import.h"
#include "lanyard-error.h"

typedef enum {
  COL_TICKET_CODE, COL_FIRST_NAME, COL_LAST_NAME, COL_CREDENTIALS, COL_PROFESSION, COL_AFFILIATION,
  COL_EMAIL, COL_ROLE, COL_SESSIONS, COL_STATUS, COL_NPI, COL_ABIM_ID, COL_NABP_EPROFILE,
  COL_BIRTH_MMDD, COL_LICENSE, N_COLS
} Column;

static const char * const column_names[N_COLS] = {
  "ticket_code", "first_name", "last_name", "credentials", "profession", "affiliation", "email", "role",
  "sessions", "status", "npi", "abim_id", "nabp_eprofile", "birth_mmdd", "license",
};

typedef struct {
  /* parse state */
  GPtrArray  *fields;        /* GBytes* of the current record */
  guint       line;          /* physical lines fed so far */
  guint       record_line;   /* where the current record started */
  gboolean    binary;
  guint       binary_line;
  /* records */
  GPtrArray  *records;       /* GPtrArray* of GBytes* */
  GArray     *record_lines;  /* guint */
} ParseState;

void
lanyard_import_report_free (LanyardImportReport *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->rejections, g_ptr_array_unref);
  g_free (self);
}

static void
rejection_free (LanyardImportRejection *r)
{
  g_free (r->ticket_code);
  g_free (r->reason);
  g_free (r);
}

static void
on_field (void   *s,
          size_t  len,
          void   *data)
{
  ParseState *st = data;

  if (s != NULL && memchr (s, '\0', len) != NULL && !st->binary)
    {
      st->binary = TRUE;
      st->binary_line = st->line;
    }
  g_ptr_array_add (st->fields, g_bytes_new (s ? s : "", s ? len : 0));
}

static void
on_record (int   c,
           void *data)
{
  ParseState *st = data;
  g_ptr_array_add (st->records, g_steal_pointer (&st->fields));
  g_array_append_val (st->record_lines, st->record_line);
  st->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
}

static gboolean
parse_csv (const char  *data,
           gsize        length,
           ParseState  *st,
           GError     **error)
{
  struct csv_parser parser;
  const char *p = data, *end = data + length;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  if (p == end)
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_PARSE, _("The file is empty."));
      return FALSE;
    }

  if (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_FAILED, _("Out of memory."));
      return FALSE;
    }

  /* Feed one physical line at a time, so every record knows the line it
   * started on even when quoted fields hold line breaks. */
  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      gsize n = nl ? (gsize) (nl - p + 1) : (gsize) (end - p);

      st->line++;
      /* pstate 0: libcsv has not begun a row, so one starts on this line */
      if (st->fields->len == 0 && parser.pstate == 0)
        st->record_line = st->line;
      if (csv_parse (&parser, p, n, on_field, on_record, st) != n)
        {
          g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE,
                       _("The file cannot be read as CSV at line %u: %s. Nothing was imported."),
                       st->line, csv_strerror (csv_error (&parser)));
          csv_free (&parser);
          return FALSE;
        }
      p += n;
    }

  if (csv_fini (&parser, on_field, on_record, st) != 0)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE,
                   _("The file ends inside a quoted field that starts at line %u. Nothing was imported."),
                   st->record_line);
      csv_free (&parser);
      return FALSE;
    }
  csv_free (&parser);

  if (st->binary)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE,
                   _("The file is not text (a NUL byte at line %u). Nothing was imported."), st->binary_line);
      return FALSE;
    }
  return TRUE;
}

static int
column_index (const char *name)
{
  for (int i = 0; i < N_COLS; i++)
    if (g_ascii_strcasecmp (column_names[i], name) == 0)
      return i;
  return -1;
}

/* Mapping file: { "columns": { "Their header": "ticket_code", … },
 *                 "session_separator": ";" } */
static gboolean
read_mapping (const char  *json,
              GHashTable  *map,
              char       **separator,
              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *obj, *columns;
  g_autoptr(GList) members = NULL;

  if (!json_parser_load_from_data (parser, json, -1, &local_error) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      /* json-glib cuts the token it quotes at a byte count, maybe inside a
       * character. */
      g_autofree char *reason = local_error ? g_utf8_make_valid (local_error->message, -1) : NULL;

      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE, _("The column mapping is not a JSON object%s%s"),
                   reason ? ": " : ".", reason ? reason : "");
      return FALSE;
    }
  obj = json_node_get_object (root);
  if (!json_object_has_member (obj, "columns") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (obj, "columns")))
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_PARSE,
                           _("The column mapping needs a \"columns\" object: their header → our column."));
      return FALSE;
    }
  columns = json_object_get_object_member (obj, "columns");
  members = json_object_get_members (columns);
  for (GList *l = members; l; l = l->next)
    {
      JsonNode *v = json_object_get_member (columns, l->data);
      const char *target = JSON_NODE_HOLDS_VALUE (v) && json_node_get_value_type (v) == G_TYPE_STRING
                           ? json_node_get_string (v) : NULL;

      if (target == NULL || column_index (target) < 0)
        {
          g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE,
                       _("The column mapping sends “%s” to an unknown column; use one of ticket_code, first_name, last_name, credentials, profession, affiliation, email, role, sessions, status, npi, abim_id, nabp_eprofile, birth_mmdd, license."),
                       (const char *) l->data);
          return FALSE;
        }
      g_hash_table_insert (map, g_strstrip (g_strdup (l->data)), g_strdup (target));
    }
  if (json_object_has_member (obj, "session_separator"))
    {
      const char *sep = json_object_get_string_member_with_default (obj, "session_separator", ";");

      g_free (*separator);
      *separator = g_strdup (sep && *sep ? sep : ";");
    }
  return TRUE;
}

static char *
field_text (GPtrArray *record,
            int        index,
            gboolean  *valid)
{
  GBytes *b;
  gsize len;
  const char *data;

  if (index < 0 || (guint) index >= record->len)
    return g_strdup ("");
  b = g_ptr_array_index (record, index);
  data = g_bytes_get_data (b, &len);
  if (data == NULL || len == 0)
    return g_strdup ("");
  if (!g_utf8_validate_len (data, len, NULL))
    {
      *valid = FALSE;
      return g_strdup ("");
    }
  return g_strstrip (g_strndup (data, len));
}

static void
reject (LanyardImportReport *report,
        guint                line,
        const char          *ticket,
        char                *reason)
{
  LanyardImportRejection *r = g_new0 (LanyardImportRejection, 1);

  r->line = line;
  r->ticket_code = ticket && *ticket ? g_strdup (ticket) : NULL;
  r->reason = reason;
  g_ptr_array_add (report->rejections, r);
  report->rejected++;
}

static void
keep_absent_columns (LanyardStore    *store,
                     LanyardAttendee *a,
                     const int       *cols)
{
  g_autoptr(LanyardAttendee) old = lanyard_store_find_ticket (store, a->ticket_code, NULL);

  if (old == NULL)
    return;
#define KEEP(COL, field) \
  if (cols[COL] < 0) \
    { \
      g_free (a->field); \
      a->field = g_strdup (old->field); \
    }
  KEEP (COL_FIRST_NAME, first_name);
  KEEP (COL_CREDENTIALS, credentials);
  KEEP (COL_PROFESSION, profession);
  KEEP (COL_AFFILIATION, affiliation);
  KEEP (COL_EMAIL, email);
  KEEP (COL_NPI, npi);
  KEEP (COL_ABIM_ID, abim_id);
  KEEP (COL_NABP_EPROFILE, nabp_eprofile);
  KEEP (COL_BIRTH_MMDD, birth_mmdd);
  KEEP (COL_LICENSE, license);
#undef KEEP
  if (cols[COL_ROLE] < 0)
    a->role = old->role;
  if (cols[COL_STATUS] < 0)
    a->status = old->status;
  if (cols[COL_SESSIONS] < 0)
    {
      g_strfreev (a->sessions);
      a->sessions = g_strdupv (old->sessions);
    }
}

/* One data row: validated, then inserted or updated. Every return either
 * counts the row (imported, updated, unchanged) or rejects it with its
 * line; only a database failure stops the import (*failed), and then
 * nothing of the file is kept. */
static void
import_row (LanyardStore        *store,
            const LanyardEvent  *event,
            LanyardImportReport *report,
            GHashTable          *seen,
            const char          *separator,
            guint                line,
            const int           *cols,
            const gboolean      *was_empty,
            char               **text,
            gboolean             valid,
            gboolean            *failed,
            GError             **error)
{
  g_autoptr(LanyardAttendee) a = lanyard_attendee_new ();
  g_autoptr(LanyardAttendee) old = NULL;
  g_auto(GStrv) sessions = NULL;
  gboolean created = FALSE, changed = FALSE;
  guint first_line;

  if (!valid)
    {
      reject (report, line, NULL, g_strdup (_("not valid UTF-8 text")));
      return;
    }
  if (*text[COL_TICKET_CODE] == '\0')
    {
      reject (report, line, NULL, g_strdup (_("no ticket code")));
      return;
    }
  if (*text[COL_LAST_NAME] == '\0')
    {
      reject (report, line, text[COL_TICKET_CODE], g_strdup (_("no last name")));
      return;
    }
  first_line = GPOINTER_TO_UINT (g_hash_table_lookup (seen, text[COL_TICKET_CODE]));
  if (first_line != 0)
    {
      reject (report, line, text[COL_TICKET_CODE],
              g_strdup_printf (_("ticket code %s is already on line %u"), text[COL_TICKET_CODE], first_line));
      return;
    }
  if (*text[COL_ROLE] != '\0' && !lanyard_role_from_string (text[COL_ROLE], &a->role))
    {
      reject (report, line, text[COL_TICKET_CODE],
              g_strdup_printf (_("unknown role “%s” (attendee, faculty, exhibitor, staff or press)"), text[COL_ROLE]));
      return;
    }
  if (*text[COL_STATUS] != '\0' && !lanyard_status_from_string (text[COL_STATUS], &a->status))
    {
      reject (report, line, text[COL_TICKET_CODE],
              g_strdup_printf (_("unknown status “%s” (active or cancelled)"), text[COL_STATUS]));
      return;
    }

  sessions = g_strsplit (text[COL_SESSIONS], separator, -1);
  {
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
    const char *unknown = NULL;

    for (guint k = 0; sessions[k] != NULL; k++)
      {
        g_strstrip (sessions[k]);
        /* "S25;" and "S25;;S26" are common in exports: nothing between
         * two separators is no session, not a reason to drop the row */
        if (*sessions[k] == '\0')
          continue;
        if (lanyard_event_find_session (event, sessions[k]) == NULL)
          {
            unknown = sessions[k];
            break;
          }
        g_strv_builder_add (builder, sessions[k]);
      }
    if (unknown != NULL)
      {
        reject (report, line, text[COL_TICKET_CODE],
                g_strdup_printf (_("unknown session “%s”"), unknown));
        return;
      }
    a->sessions = g_strv_builder_end (builder);
  }

  g_hash_table_insert (seen, g_strdup (text[COL_TICKET_CODE]), GUINT_TO_POINTER (line));
  a->ticket_code = g_strdup (text[COL_TICKET_CODE]);
  a->first_name = g_strdup (text[COL_FIRST_NAME]);
  a->last_name = g_strdup (text[COL_LAST_NAME]);
  a->credentials = g_strdup (text[COL_CREDENTIALS]);
  a->profession = g_ascii_strdown (text[COL_PROFESSION], -1);
  a->affiliation = g_strdup (text[COL_AFFILIATION]);
  a->email = g_strdup (text[COL_EMAIL]);
  a->npi = g_strdup (text[COL_NPI]);
  a->abim_id = g_strdup (text[COL_ABIM_ID]);
  a->nabp_eprofile = g_strdup (text[COL_NABP_EPROFILE]);
  a->birth_mmdd = g_strdup (text[COL_BIRTH_MMDD]);
  a->license = g_strdup (text[COL_LICENSE]);

  /* A column this file does not have is not a request to blank it:
   * another export may simply not carry licence numbers. */
  if (!*was_empty)
    keep_absent_columns (store, a, cols);
  old = lanyard_store_find_ticket (store, a->ticket_code, NULL);
  if (!lanyard_store_upsert_attendee (store, a, &created, &changed, error) ||
      (old != NULL && changed &&
       !lanyard_store_audit_fields (store, old, a, lanyard_attendee_id_fields (), "import", NULL, error)))
    {
      *failed = TRUE;
      return;
    }
  if (created)
    report->imported++;
  else if (changed)
    report->updated++;
  else
    report->unchanged++;

}

/* For the test that kills an import half-way: with
 * LANYARD_TEST_IMPORT_PAUSE_AFTER=N the import says so on stderr and stops
 * itself after N rows, inside its transaction, for the test to kill. */
static void
pause_for_test (guint rows)
{
  g_printerr ("lanyard: import paused after %u rows\n", rows);
  raise (SIGSTOP);
}

LanyardImportReport *
lanyard_csv_import_data (LanyardStore        *store,
                         const LanyardEvent  *event,
                         const char          *data,
                         gsize                length,
                         const char          *mapping_json,
                         GError             **error)
{
  g_autoptr(LanyardImportReport) report = g_new0 (LanyardImportReport, 1);
  g_autoptr(GHashTable) mapping = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *separator = g_strdup (";");
  ParseState st = { 0 };
  int cols[N_COLS];
  GPtrArray *header;
  gboolean was_empty;
  gboolean ok = FALSE;
  guint pause_after;

  report->rejections = g_ptr_array_new_with_free_func ((GDestroyNotify) rejection_free);
  st.fields = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  st.records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  st.record_lines = g_array_new (FALSE, FALSE, sizeof (guint));

  if (mapping_json != NULL && !read_mapping (mapping_json, mapping, &separator, error))
    goto out;
  if (!parse_csv (data, length, &st, error))
    goto out;
  if (st.records->len == 0)
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_PARSE, _("The file is empty."));
      goto out;
    }

  for (int i = 0; i < N_COLS; i++)
    cols[i] = -1;
  header = g_ptr_array_index (st.records, 0);
  for (guint i = 0; i < header->len; i++)
    {
      gboolean valid = TRUE;
      g_autofree char *name = field_text (header, i, &valid);
      g_autofree char *target = NULL;
      int c;

      if (!valid)
        {
          g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_PARSE,
                               _("The header (line 1) is not UTF-8 text. Save the file as CSV UTF-8 and try again."));
          goto out;
        }
      if (mapping_json != NULL)
        {
          target = g_strdup (g_hash_table_lookup (mapping, name));
          if (target == NULL)
            continue;
          g_hash_table_remove (mapping, name);
        }
      else
        target = g_strdup (name);
      c = column_index (target);
      if (c >= 0 && cols[c] < 0)
        cols[c] = i;
    }
  if (mapping_json != NULL && g_hash_table_size (mapping) > 0)
    {
      g_autoptr(GList) keys = g_hash_table_get_keys (mapping);

      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE,
                   _("The column mapping names “%s”, which is not in the file's header."), (const char *) keys->data);
      goto out;
    }
  if (cols[COL_TICKET_CODE] < 0 || cols[COL_LAST_NAME] < 0)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE,
                   _("The header (line 1) has no %s column. Registrations need ticket_code and last_name (or a --mapping)."),
                   cols[COL_TICKET_CODE] < 0 ? "ticket_code" : "last_name");
      goto out;
    }

  pause_after = (guint) g_ascii_strtoull (g_getenv ("LANYARD_TEST_IMPORT_PAUSE_AFTER") ?: "0", NULL, 10);
  if (!lanyard_store_begin (store, error))
    goto out;
  /* Into an empty database nothing can be kept: skip the lookups. */
  was_empty = lanyard_store_count_attendees (store) == 0;

  for (guint r = 1; r < st.records->len; r++)
    {
      GPtrArray *record = g_ptr_array_index (st.records, r);
      guint line = g_array_index (st.record_lines, guint, r);
      char *text[N_COLS];
      gboolean valid = TRUE, failed = FALSE;

      report->rows++;
      for (int c = 0; c < N_COLS; c++)
        text[c] = field_text (record, cols[c], &valid);
      import_row (store, event, report, seen, separator, line, cols, &was_empty, text, valid, &failed, error);
      for (int c = 0; c < N_COLS; c++)
        g_free (text[c]);
      if (failed)
        {
          lanyard_store_rollback (store);
          goto out;
        }
      if (report->rows == pause_after)
        pause_for_test (report->rows);
    }

  if (!lanyard_store_commit (store, error))
    {
      lanyard_store_rollback (store);
      goto out;
    }
  ok = TRUE;

out:
  g_ptr_array_unref (st.fields);
  g_ptr_array_unref (st.records);
  g_array_unref (st.record_lines);
  return ok ? g_steal_pointer (&report) : NULL;
}

LanyardImportReport *
lanyard_csv_import_file (LanyardStore        *store,
                         const LanyardEvent  *event,
                         const char          *csv_path,
                         const char          *mapping_path,
                         GError             **error)
{
  g_autofree char *data = NULL;
  g_autofree char *mapping = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;

  if (!g_file_get_contents (csv_path, &data, &len, &local_error))
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE, _("Cannot read %s: %s"), csv_path, local_error->message);
      return NULL;
    }
  if (mapping_path != NULL && !g_file_get_contents (mapping_path, &mapping, NULL, &local_error))
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE, _("Cannot read %s: %s"), mapping_path, local_error->message);
      return NULL;
    }
  return lanyard_csv_import_data (store, event, data, len, mapping, error);
}
