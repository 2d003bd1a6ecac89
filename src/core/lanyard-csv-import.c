/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <csv.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>

#include "lanyard-attendee-field.h"
#include "lanyard-core-resources.h"
#include "lanyard-csv-import.h"
#include "lanyard-store-private.h"
#include "lanyard-error.h"

typedef enum {
  COL_TICKET_CODE, COL_FIRST_NAME, COL_LAST_NAME, COL_CREDENTIALS, COL_PROFESSION, COL_AFFILIATION,
  COL_EMAIL, COL_ROLE, COL_SESSIONS, COL_STATUS, COL_NPI, COL_ABIM_ID, COL_NABP_EPROFILE,
  COL_BIRTH_MMDD, COL_LICENSE, COL_FULL_NAME, COL_LICENSE_STATE, COL_LICENSE_NUMBER, COL_BOARD,
  COL_BOARD_ID, COL_PERMISSION_TO_REPORT, COL_FIRST_NAME_LATIN, COL_LAST_NAME_LATIN, N_COLS
} Column;

static const char * const column_names[N_COLS + 1] = {
  "ticket_code", "first_name", "last_name", "credentials", "profession", "affiliation", "email", "role",
  "sessions", "status", "npi", "abim_id", "nabp_eprofile", "birth_mmdd", "license", "full_name",
  "license_state", "license_number", "board", "board_id", "permission_to_report", "first_name_latin",
  "last_name_latin",
};

/* Columns whose values are keywords: a mapping may translate them. */
static const Column keyword_columns[] = { COL_ROLE, COL_STATUS, COL_PROFESSION, COL_PERMISSION_TO_REPORT };

typedef struct {
  GHashTable *columns;   /* their header → our column name */
  GHashTable *required;  /* headers the file must have: a --mapping's, not a preset's */
  GHashTable *values;    /* our column name → (folded value → keyword) */
  char       *separator;
} Mapping;

static void
mapping_clear (Mapping *m)
{
  g_clear_pointer (&m->columns, g_hash_table_unref);
  g_clear_pointer (&m->required, g_hash_table_unref);
  g_clear_pointer (&m->values, g_hash_table_unref);
  g_clear_pointer (&m->separator, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Mapping, mapping_clear)

typedef struct {
  gsize offset;              /* into ParseState.text */
  gsize length;
} Field;

typedef struct {
  guint first_field;         /* into ParseState.fields */
  guint n_fields;
  guint line;                /* the physical line it starts on */
} Record;

/* The whole file's fields in one buffer: a field is a span of it, not an
 * allocation of its own (100,000 rows are a million fields). */
typedef struct {
  /* parse state */
  guint       line;          /* physical lines fed so far */
  guint       record_line;   /* where the current record started */
  guint       record_start;  /* its first field */
  gboolean    binary;
  guint       binary_line;
  /* records */
  GByteArray *text;
  GArray     *fields;        /* Field */
  GArray     *records;       /* Record */
} ParseState;

void
lanyard_import_report_free (LanyardImportReport *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->rejections, g_ptr_array_unref);
  g_clear_pointer (&self->missing, g_ptr_array_unref);
  g_free (self);
}

static void
rejection_free (LanyardImportRejection *r)
{
  g_free (r->ticket_code);
  g_free (r->reason);
  g_free (r->column);
  g_free (r->value);
  g_free (r);
}

static void
on_field (void   *s,
          size_t  len,
          void   *data)
{
  ParseState *st = data;
  Field f = { st->text->len, s != NULL ? len : 0 };

  if (s != NULL && memchr (s, '\0', len) != NULL && !st->binary)
    {
      st->binary = TRUE;
      st->binary_line = st->line;
    }
  if (f.length > 0)
    g_byte_array_append (st->text, s, f.length);
  g_array_append_val (st->fields, f);
}

static void
on_record (int   c,
           void *data)
{
  ParseState *st = data;
  Record r = { st->record_start, st->fields->len - st->record_start, st->record_line };

  g_array_append_val (st->records, r);
  st->record_start = st->fields->len;
}

static void
parse_state_clear (ParseState *st)
{
  g_clear_pointer (&st->text, g_byte_array_unref);
  g_clear_pointer (&st->fields, g_array_unref);
  g_clear_pointer (&st->records, g_array_unref);
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
      if (st->fields->len == st->record_start && parser.pstate == 0)
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

/* How a value is matched: outer spaces trimmed, case folded. */
static char *
fold_value (const char *value)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (value));
  g_autofree char *normal = g_utf8_normalize (trimmed, -1, G_NORMALIZE_DEFAULT_COMPOSE);

  return g_utf8_casefold (normal ? normal : trimmed, -1);
}

/* The keyword a column stores for WORD (any case), or NULL if it is none. */
static const char *
keyword_for (Column      col,
             const char *word)
{
  LanyardRole role;
  LanyardStatus status;

  switch (col)
    {
    case COL_ROLE:
      return lanyard_role_from_string (word, &role) ? lanyard_role_to_string (role) : NULL;
    case COL_STATUS:
      return lanyard_status_from_string (word, &status) ? lanyard_status_to_string (status) : NULL;
    case COL_PROFESSION:
      for (const char * const *p = lanyard_professions (); *p != NULL; p++)
        if (g_ascii_strcasecmp (*p, word) == 0)
          return *p;
      return NULL;
    case COL_PERMISSION_TO_REPORT:
      for (const char * const *p = (const char *[]) { "yes", "y", "true", "1", "ja", NULL }; *p; p++)
        if (g_ascii_strcasecmp (*p, word) == 0)
          return "yes";
      for (const char * const *p = (const char *[]) { "no", "n", "false", "0", "nein", NULL }; *p; p++)
        if (g_ascii_strcasecmp (*p, word) == 0)
          return "no";
      return NULL;
    default:
      return NULL;
    }
}

static gboolean
is_keyword_column (int col)
{
  for (guint i = 0; i < G_N_ELEMENTS (keyword_columns); i++)
    if ((int) keyword_columns[i] == col)
      return TRUE;
  return FALSE;
}

/* "values": { "role": { "Faculty (Complimentary)": "faculty", "*": "attendee" }, … } */
static gboolean
read_values (JsonObject  *values,
             Mapping     *m,
             GError     **error)
{
  g_autoptr(GList) targets = json_object_get_members (values);

  for (GList *t = targets; t; t = t->next)
    {
      const char *target = t->data;
      JsonNode *node = json_object_get_member (values, target);
      int col = column_index (target);
      GHashTable *table;
      g_autoptr(GList) entries = NULL;

      if (!is_keyword_column (col) || !JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE,
                       _("The column mapping's \"values\" has “%s”; values can be given for role, status, profession and permission_to_report, each as an object: their value → ours."),
                       target);
          return FALSE;
        }
      table = g_hash_table_lookup (m->values, column_names[col]);
      if (table == NULL)
        {
          table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (m->values, g_strdup (column_names[col]), table);
        }
      entries = json_object_get_members (json_node_get_object (node));
      for (GList *e = entries; e; e = e->next)
        {
          JsonNode *v = json_object_get_member (json_node_get_object (node), e->data);
          const char *word = JSON_NODE_HOLDS_VALUE (v) && json_node_get_value_type (v) == G_TYPE_STRING
                             ? json_node_get_string (v) : NULL;
          const char *keyword = word ? keyword_for (col, word) : NULL;

          if (keyword == NULL)
            {
              g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE,
                           _("The column mapping sends the %s “%s” to “%s”, which is not one of its words."),
                           column_names[col], (const char *) e->data, word ? word : "");
              return FALSE;
            }
          g_hash_table_insert (table, fold_value (e->data), (gpointer) keyword);
        }
    }
  return TRUE;
}

/* Mapping file: { "columns": { "Their header": "ticket_code", … },
 *                 "values": { "status": { "Refunded": "cancelled" }, … },
 *                 "session_separator": ";" }
 * Read over what is in M already (a preset's), so the file's entries win.
 * REQUIRED: the headers it names must be in the file (a preset's need not). */
static gboolean
read_mapping (const char  *json,
              Mapping     *m,
              gboolean     required,
              gboolean     columns_optional,
              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *obj;

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
  if (json_object_has_member (obj, "columns") || !columns_optional)
    {
      JsonObject *columns;
      g_autoptr(GList) members = NULL;

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
          char *header;

          if (target == NULL || column_index (target) < 0)
            {
              g_autofree char *known = g_strjoinv (", ", (char **) column_names);

              g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE,
                           /* Translators: %s is their header, then our column names, "ticket_code, first_name, …" */
                           _("The column mapping sends “%s” to an unknown column; use one of %s."),
                           (const char *) l->data, known);
              return FALSE;
            }
          /* " Workshops" and "Workshops" are one header: the later wins
           * (replace, not insert: insert would keep the earlier key and
           * free this one, read just below; found by fuzz-csv-import) */
          header = g_strstrip (g_strdup (l->data));
          g_hash_table_replace (m->columns, header, g_strdup (target));
          if (required)
            g_hash_table_add (m->required, g_strdup (header));
        }
    }
  if (json_object_has_member (obj, "values"))
    {
      JsonNode *values = json_object_get_member (obj, "values");

      if (!JSON_NODE_HOLDS_OBJECT (values))
        {
          g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_PARSE,
                               _("The column mapping's \"values\" must be an object: our column → (their value → ours)."));
          return FALSE;
        }
      if (!read_values (json_node_get_object (values), m, error))
        return FALSE;
    }
  if (json_object_has_member (obj, "session_separator"))
    {
      const char *sep = json_object_get_string_member_with_default (obj, "session_separator", ";");

      g_free (m->separator);
      m->separator = g_strdup (sep && *sep ? sep : ";");
    }
  return TRUE;
}

/* Presets are mapping files shipped in data/presets and compiled in. */
static char *
load_preset (const char  *name,
             GError     **error)
{
  static const char * const presets[] = { "eventbrite", "cvent", "pretix" };
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (g_strcmp0 (name, presets[i]) == 0)
      {
        path = g_strdup_printf ("/org/lanyard/core/presets/%s.json", presets[i]);
        break;
      }
  if (path == NULL)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE,
                   _("There is no preset “%s”; use eventbrite, cvent or pretix."), name);
      return NULL;
    }
  bytes = g_resource_lookup_data (lanyard_core_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
field_text (const ParseState *st,
            const Record     *record,
            int               index,
            gboolean         *valid)
{
  const Field *f;
  const char *data;

  if (index < 0 || (guint) index >= record->n_fields)
    return g_strdup ("");
  f = &g_array_index (st->fields, Field, record->first_field + index);
  if (f->length == 0)
    return g_strdup ("");
  data = (const char *) st->text->data + f->offset;
  if (!g_utf8_validate_len (data, f->length, NULL))
    {
      *valid = FALSE;
      return g_strdup ("");
    }
  return g_strstrip (g_strndup (data, f->length));
}

static LanyardImportRejection *
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
  return r;
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
  /* a file with one name column names the whole person */
  if (cols[COL_FULL_NAME] < 0)
    KEEP (COL_FIRST_NAME, first_name);
  KEEP (COL_CREDENTIALS, credentials);
  KEEP (COL_PROFESSION, profession);
  KEEP (COL_AFFILIATION, affiliation);
  KEEP (COL_EMAIL, email);
  KEEP (COL_NPI, npi);
  KEEP (COL_NABP_EPROFILE, nabp_eprofile);
  KEEP (COL_BIRTH_MMDD, birth_mmdd);
  if (cols[COL_LICENSE_STATE] < 0 && cols[COL_LICENSE_NUMBER] < 0)
    KEEP (COL_LICENSE, license);
  KEEP (COL_BOARD, board);
  KEEP (COL_FIRST_NAME_LATIN, first_name_latin);
  KEEP (COL_LAST_NAME_LATIN, last_name_latin);
  if (cols[COL_BOARD_ID] < 0)
    KEEP (COL_ABIM_ID, abim_id);
#undef KEEP
  if (cols[COL_PERMISSION_TO_REPORT] < 0)
    a->permission_to_report = old->permission_to_report;
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

/* A keyword column's value, through the mapping's values: listed, else
 * "*", else the keyword it already is. An empty cell stays empty. FALSE
 * when it is none of these; the row is then rejected, never stored as is. */
static gboolean
map_keyword (const Mapping  *m,
             Column          col,
             char          **text)
{
  GHashTable *table = g_hash_table_lookup (m->values, column_names[col]);
  const char *keyword = NULL;

  if (*text[col] == '\0')
    return TRUE;
  if (table != NULL)
    {
      g_autofree char *folded = fold_value (text[col]);

      keyword = g_hash_table_lookup (table, folded);
      if (keyword == NULL)
        keyword = g_hash_table_lookup (table, "*");
    }
  if (keyword == NULL)
    keyword = keyword_for (col, text[col]);
  if (keyword == NULL)
    return FALSE;
  g_free (text[col]);
  text[col] = g_strdup (keyword);
  return TRUE;
}

static char *
keyword_rejection (Column      col,
                   const char *header,
                   const char *value)
{
  switch (col)
    {
    case COL_ROLE:
      return g_strdup_printf (_("column “%s”: “%s” is not a role (attendee, faculty, exhibitor, staff or press), and the mapping does not translate it"),
                              header, value);
    case COL_STATUS:
      return g_strdup_printf (_("column “%s”: “%s” is not a status (active or cancelled), and the mapping does not translate it"),
                              header, value);
    case COL_PERMISSION_TO_REPORT:
      return g_strdup_printf (_("column “%s”: “%s” is neither yes nor no (permission to report), and the mapping does not translate it"),
                              header, value);
    default:
      return g_strdup_printf (_("column “%s”: “%s” is not a profession (physician, nurse, pharmacist, physician_assistant, psychologist or other), and the mapping does not translate it"),
                              header, value);
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
            const Mapping       *m,
            char * const        *headers,
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
  /* One name column ("Attendee name"): the whole name, never split, so
   * a family-name-first name stays in its order. */
  if (*text[COL_LAST_NAME] == '\0' && *text[COL_FULL_NAME] != '\0')
    {
      g_free (text[COL_FIRST_NAME]);
      text[COL_FIRST_NAME] = g_strdup ("");
      g_free (text[COL_LAST_NAME]);
      text[COL_LAST_NAME] = g_strdup (text[COL_FULL_NAME]);
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
  for (guint k = 0; k < G_N_ELEMENTS (keyword_columns); k++)
    {
      Column col = keyword_columns[k];
      LanyardImportRejection *r;

      if (map_keyword (m, col, text))
        continue;
      r = reject (report, line, text[COL_TICKET_CODE], keyword_rejection (col, headers[col], text[col]));
      r->column = g_strdup (headers[col]);
      r->value = g_strdup (text[col]);
      return;
    }
  if (*text[COL_ROLE] != '\0')
    lanyard_role_from_string (text[COL_ROLE], &a->role);
  if (*text[COL_STATUS] != '\0')
    lanyard_status_from_string (text[COL_STATUS], &a->status);

  sessions = g_strsplit (text[COL_SESSIONS], m->separator, -1);
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
  a->profession = g_strdup (text[COL_PROFESSION]);
  a->affiliation = g_strdup (text[COL_AFFILIATION]);
  a->email = g_strdup (text[COL_EMAIL]);
  a->npi = g_strdup (text[COL_NPI]);
  a->abim_id = g_strdup (text[COL_ABIM_ID]);
  a->nabp_eprofile = g_strdup (text[COL_NABP_EPROFILE]);
  a->birth_mmdd = g_strdup (text[COL_BIRTH_MMDD]);
  a->license = g_strdup (text[COL_LICENSE]);
  /* Registration systems ask the licensing state and the licence number
   * apart; stored as one licence, "TX 123456", as staff type it. */
  if (*text[COL_LICENSE] == '\0' && *text[COL_LICENSE_NUMBER] != '\0')
    {
      g_autofree char *state = g_ascii_strup (text[COL_LICENSE_STATE], -1);

      g_free (a->license);
      a->license = *state ? g_strdup_printf ("%s %s", state, text[COL_LICENSE_NUMBER])
                          : g_strdup (text[COL_LICENSE_NUMBER]);
    }
  a->board = g_strdup (text[COL_BOARD]);
  if (*text[COL_BOARD_ID] != '\0')
    {
      g_free (a->abim_id);
      a->abim_id = g_strdup (text[COL_BOARD_ID]);
    }
  a->permission_to_report = g_str_equal (text[COL_PERMISSION_TO_REPORT], "yes");
  a->first_name_latin = g_strdup (text[COL_FIRST_NAME_LATIN]);
  a->last_name_latin = g_strdup (text[COL_LAST_NAME_LATIN]);

  /* A column this file does not have is not a request to blank it:
   * another export may simply not carry licence numbers. */
  if (!*was_empty)
    keep_absent_columns (store, a, cols);
  /* Into an empty store every row is new (the file's own repeats were
   * refused above): no lookups. */
  if (*was_empty)
    {
      if (!lanyard_store_add_attendee (store, a, error))
        {
          *failed = TRUE;
          return;
        }
      created = TRUE;
    }
  else
    {
      old = lanyard_store_find_ticket (store, a->ticket_code, NULL);
      if (!lanyard_store_upsert_attendee (store, a, &created, &changed, error) ||
          (old != NULL && changed &&
           !lanyard_store_audit_fields (store, old, a, lanyard_attendee_field_keys (), "import", NULL, error)))
        {
          *failed = TRUE;
          return;
        }
    }
  if (created)
    report->imported++;
  else if (changed)
    report->updated++;
  else
    report->unchanged++;
  if (a->status == LANYARD_STATUS_CANCELLED && old != NULL && old->status != LANYARD_STATUS_CANCELLED)
    report->cancelled++;
}

/* Walk-ins are registered at the desk ("WI-…", lanyard-cli-staff.c): no
 * registration system's export holds them, so none is ever "missing". */
static gboolean
is_walk_in (const char *ticket_code)
{
  return g_str_has_prefix (ticket_code, "WI-");
}

/* --full: the active registrations the file does not name; with
 * cancel_missing they are cancelled, audited as the import's doing. */
static gboolean
handle_missing (LanyardStore               *store,
                LanyardImportReport        *report,
                GHashTable                 *present,
                const LanyardImportOptions *options,
                GError                    **error)
{
  g_autoptr(GPtrArray) all = lanyard_store_list_attendees (store, error);

  if (all == NULL)
    return FALSE;
  for (guint i = 0; i < all->len; i++)
    {
      LanyardAttendee *a = g_ptr_array_index (all, i);

      if (a->status != LANYARD_STATUS_ACTIVE || is_walk_in (a->ticket_code) ||
          g_hash_table_contains (present, a->ticket_code))
        continue;
      if (options->cancel_missing)
        {
          if (!lanyard_store_set_status (store, a->id, LANYARD_STATUS_CANCELLED, "import", error))
            return FALSE;
          report->cancelled++;
        }
      g_ptr_array_add (report->missing, lanyard_attendee_copy (a));
    }
  return TRUE;
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
lanyard_csv_import (LanyardStore               *store,
                    const LanyardEvent         *event,
                    const char                 *data,
                    gsize                       length,
                    const LanyardImportOptions *options,
                    GError                    **error)
{
  static const LanyardImportOptions no_options = { 0 };
  g_autoptr(LanyardImportReport) report = g_new0 (LanyardImportReport, 1);
  g_auto(Mapping) m = { 0 };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *preset_json = NULL;
  char *headers[N_COLS] = { NULL };
  ParseState st = { 0 };
  int cols[N_COLS];
  const Record *header;
  gboolean mapped, was_empty, deferred, owns_search_index = FALSE;
  gboolean ok = FALSE;
  guint pause_after;

  if (options == NULL)
    options = &no_options;
  mapped = options->mapping_json != NULL || options->preset != NULL;
  report->dry_run = options->dry_run;
  report->rejections = g_ptr_array_new_with_free_func ((GDestroyNotify) rejection_free);
  report->missing = g_ptr_array_new_with_free_func ((GDestroyNotify) lanyard_attendee_free);
  st.text = g_byte_array_sized_new (length);
  st.fields = g_array_new (FALSE, FALSE, sizeof (Field));
  st.records = g_array_new (FALSE, FALSE, sizeof (Record));
  m.columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  m.required = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m.values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  m.separator = g_strdup (";");

  if (options->cancel_missing && !options->full)
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_FAILED,
                           _("--cancel-missing needs --full: only a whole list says who is missing."));
      goto out;
    }
  if (options->preset != NULL &&
      ((preset_json = load_preset (options->preset, error)) == NULL ||
       !read_mapping (preset_json, &m, FALSE, FALSE, error)))
    goto out;
  if (options->mapping_json != NULL &&
      !read_mapping (options->mapping_json, &m, TRUE, options->preset != NULL, error))
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
  header = &g_array_index (st.records, Record, 0);
  for (guint i = 0; i < header->n_fields; i++)
    {
      gboolean valid = TRUE;
      g_autofree char *name = field_text (&st, header, i, &valid);
      const char *target;
      int c;

      if (!valid)
        {
          g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_PARSE,
                               _("The header (line 1) is not UTF-8 text. Save the file as CSV UTF-8 and try again."));
          goto out;
        }
      target = mapped ? g_hash_table_lookup (m.columns, name) : name;
      g_hash_table_remove (m.required, name);
      c = target ? column_index (target) : -1;
      if (c >= 0 && cols[c] < 0)
        {
          cols[c] = i;
          headers[c] = g_strdup (name);
        }
    }
  if (g_hash_table_size (m.required) > 0)
    {
      g_autoptr(GList) keys = g_hash_table_get_keys (m.required);

      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE,
                   _("The column mapping names “%s”, which is not in the file's header."), (const char *) keys->data);
      goto out;
    }
  if (cols[COL_TICKET_CODE] < 0 || (cols[COL_LAST_NAME] < 0 && cols[COL_FULL_NAME] < 0))
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE,
                   _("The header (line 1) has no %s column. Registrations need ticket_code and last_name (or a --mapping)."),
                   cols[COL_TICKET_CODE] < 0 ? "ticket_code" : "last_name");
      goto out;
    }
  if (options->cancel_missing && st.records->len < 2)
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_PARSE,
                           _("The file has no registrations: --cancel-missing would cancel everyone. Nothing was changed."));
      goto out;
    }
  for (int c = 0; c < N_COLS; c++)
    if (headers[c] == NULL)
      headers[c] = g_strdup (column_names[c]);

  pause_after = (guint) g_ascii_strtoull (g_getenv ("LANYARD_TEST_IMPORT_PAUSE_AFTER") ?: "0", NULL, 10);
  if (!lanyard_store_begin (store, error))
    goto out;
  /* The search index's rows go in at the end, as one segment: each
   * registration's insert fires the visits' trigger, and a trigger's
   * statement savepoint made FTS5 write a segment per row (an import of
   * 100,000 took twice as long). */
  owns_search_index = lanyard_store_defer_search_index (store);
  /* Into an empty database nothing can be kept: skip the lookups, and
   * build the tally index once at the end. */
  was_empty = lanyard_store_count_attendees (store) == 0;
  deferred = was_empty && st.records->len > 1000;
  if (deferred && !lanyard_store_defer_tally_index (store, TRUE, error))
    {
      lanyard_store_rollback (store);
      goto out;
    }

  for (guint r = 1; r < st.records->len; r++)
    {
      const Record *record = &g_array_index (st.records, Record, r);
      guint line = record->line;
      char *text[N_COLS];
      gboolean valid = TRUE, failed = FALSE;

      report->rows++;
      for (int c = 0; c < N_COLS; c++)
        text[c] = field_text (&st, record, cols[c], &valid);
      /* a rejected row is still at the source: not "missing" */
      if (options->full && *text[COL_TICKET_CODE] != '\0')
        g_hash_table_add (present, g_strdup (text[COL_TICKET_CODE]));
      import_row (store, event, report, seen, &m, headers, line, cols, &was_empty, text, valid, &failed, error);
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

  if (options->full && !handle_missing (store, report, present, options, error))
    {
      lanyard_store_rollback (store);
      goto out;
    }

  if (deferred && !lanyard_store_defer_tally_index (store, FALSE, error))
    {
      lanyard_store_rollback (store);
      goto out;
    }

  /* A dry run did all of it inside the transaction and takes it back. */
  if (options->dry_run)
    lanyard_store_rollback (store);
  else if ((owns_search_index && !lanyard_store_flush_search_index (store, error))
           || !lanyard_store_commit (store, error))
    {
      lanyard_store_rollback (store);
      goto out;
    }
  ok = TRUE;

out:
  if (owns_search_index)
    lanyard_store_discard_search_index (store);  /* what a rollback took back */
  for (int c = 0; c < N_COLS; c++)
    g_free (headers[c]);
  parse_state_clear (&st);
  return ok ? g_steal_pointer (&report) : NULL;
}

LanyardImportReport *
lanyard_csv_import_data (LanyardStore        *store,
                         const LanyardEvent  *event,
                         const char          *data,
                         gsize                length,
                         const char          *mapping_json,
                         GError             **error)
{
  LanyardImportOptions options = { .mapping_json = mapping_json };

  return lanyard_csv_import (store, event, data, length, &options, error);
}

LanyardImportReport *
lanyard_csv_import_file (LanyardStore               *store,
                         const LanyardEvent         *event,
                         const char                 *csv_path,
                         const LanyardImportOptions *options,
                         GError                    **error)
{
  LanyardImportOptions with_mapping = { 0 };
  g_autofree char *data = NULL;
  g_autofree char *mapping = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;

  if (options != NULL)
    with_mapping = *options;
  if (!g_file_get_contents (csv_path, &data, &len, &local_error))
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE, _("Cannot read %s: %s"), csv_path, local_error->message);
      return NULL;
    }
  if (with_mapping.mapping_path != NULL)
    {
      if (!g_file_get_contents (with_mapping.mapping_path, &mapping, NULL, &local_error))
        {
          g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PARSE, _("Cannot read %s: %s"),
                       with_mapping.mapping_path, local_error->message);
          return NULL;
        }
      with_mapping.mapping_json = mapping;
    }
  return lanyard_csv_import (store, event, data, len, &with_mapping, error);
}
