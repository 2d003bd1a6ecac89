/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libintl.h>
#include <string.h>

#include "lanyard-render-words.h"

/* A GNU .mo file: a header, then two tables of (length, offset) pairs,
 * the messages sorted by msgid and their translations in the same order.
 * A msgid with a context is "context\004msgid"; one with a plural is
 * "msgid\0msgid_plural", its translation the forms one after another. */
#define MO_MAGIC 0x950412deu

typedef struct {
  GMappedFile *file;
  const char  *data;
  gsize        size;
  gboolean     swapped;
  guint32      n;
  guint32      originals;
  guint32      translations;
  char        *plural;      /* the Plural-Forms expression; NULL: n != 1 */
  gulong       nplurals;
} Catalog;

static GMutex catalogs_lock;
static GHashTable *catalogs;  /* language → Catalog, or a missing catalog's NULL; kept for the process */

static guint32
read_u32 (const Catalog *catalog,
          gsize          offset)
{
  guint32 value;

  memcpy (&value, catalog->data + offset, sizeof value);
  return catalog->swapped ? GUINT32_SWAP_LE_BE (value) : value;
}

/* Entry @i of the table at @table: the string, or NULL when the file is
 * not what it says. */
static const char *
entry (const Catalog *catalog,
       guint32        table,
       guint32        i,
       guint32       *out_length)
{
  gsize at = (gsize) table + (gsize) i * 8;
  guint32 length, offset;

  if (at + 8 > catalog->size)
    return NULL;
  length = read_u32 (catalog, at);
  offset = read_u32 (catalog, at + 4);
  if ((gsize) offset + length >= catalog->size || catalog->data[(gsize) offset + length] != '\0')
    return NULL;
  if (out_length != NULL)
    *out_length = length;
  return catalog->data + offset;
}

/* The translation of @key ("context\004msgid" or "msgid"), or NULL. */
static const char *
lookup (const Catalog *catalog,
        const char    *key,
        guint32       *out_length)
{
  guint32 low = 0, high = catalog->n;

  while (low < high)
    {
      guint32 mid = low + (high - low) / 2;
      const char *original = entry (catalog, catalog->originals, mid, NULL);
      int cmp;

      if (original == NULL)
        return NULL;
      cmp = strcmp (key, original);
      if (cmp == 0)
        {
          const char *translation = entry (catalog, catalog->translations, mid, out_length);

          return translation != NULL && *translation != '\0' ? translation : NULL;
        }
      if (cmp < 0)
        high = mid;
      else
        low = mid + 1;
    }
  return NULL;
}

/* The Plural-Forms rule, a C expression in n, evaluated by recursive
 * descent (as gettext's own plural.y reads it). A malformed rule gives 0. */
typedef struct {
  const char *p;
  gulong      n;
  gboolean    bad;
} Plural;

static gulong plural_ternary (Plural *pl);

static void
skip_spaces (Plural *pl)
{
  while (g_ascii_isspace (*pl->p))
    pl->p++;
}

static gboolean
take (Plural     *pl,
      const char *token)
{
  gsize len = strlen (token);

  skip_spaces (pl);
  if (strncmp (pl->p, token, len) != 0)
    return FALSE;
  /* "<" is not the start of "<=", nor "=" of "==" */
  if (len == 1 && (token[0] == '<' || token[0] == '>' || token[0] == '!') && pl->p[1] == '=')
    return FALSE;
  pl->p += len;
  return TRUE;
}

static gulong
plural_primary (Plural *pl)
{
  skip_spaces (pl);
  if (take (pl, "!"))
    return !plural_primary (pl);
  if (take (pl, "("))
    {
      gulong value = plural_ternary (pl);

      if (!take (pl, ")"))
        pl->bad = TRUE;
      return value;
    }
  if (*pl->p == 'n')
    {
      pl->p++;
      return pl->n;
    }
  if (g_ascii_isdigit (*pl->p))
    {
      char *end;
      gulong value = strtoul (pl->p, &end, 10);

      pl->p = end;
      return value;
    }
  pl->bad = TRUE;
  return 0;
}

static gulong
plural_product (Plural *pl)
{
  gulong value = plural_primary (pl);

  for (;;)
    {
      gulong right;

      if (take (pl, "*"))
        value *= plural_primary (pl);
      else if (take (pl, "/"))
        value = (right = plural_primary (pl)) != 0 ? value / right : 0;
      else if (take (pl, "%"))
        value = (right = plural_primary (pl)) != 0 ? value % right : 0;
      else
        return value;
    }
}

static gulong
plural_sum (Plural *pl)
{
  gulong value = plural_product (pl);

  for (;;)
    {
      if (take (pl, "+"))
        value += plural_product (pl);
      else if (take (pl, "-"))
        value -= plural_product (pl);
      else
        return value;
    }
}

static gulong
plural_relation (Plural *pl)
{
  gulong value = plural_sum (pl);

  for (;;)
    {
      if (take (pl, "<="))
        value = value <= plural_sum (pl);
      else if (take (pl, ">="))
        value = value >= plural_sum (pl);
      else if (take (pl, "<"))
        value = value < plural_sum (pl);
      else if (take (pl, ">"))
        value = value > plural_sum (pl);
      else
        return value;
    }
}

static gulong
plural_equality (Plural *pl)
{
  gulong value = plural_relation (pl);

  for (;;)
    {
      if (take (pl, "=="))
        value = value == plural_relation (pl);
      else if (take (pl, "!="))
        value = value != plural_relation (pl);
      else
        return value;
    }
}

static gulong
plural_and (Plural *pl)
{
  gulong value = plural_equality (pl);

  while (take (pl, "&&"))
    value = plural_equality (pl) && value;
  return value;
}

static gulong
plural_or (Plural *pl)
{
  gulong value = plural_and (pl);

  while (take (pl, "||"))
    value = plural_and (pl) || value;
  return value;
}

static gulong
plural_ternary (Plural *pl)
{
  gulong condition = plural_or (pl);
  gulong yes, no;

  if (!take (pl, "?"))
    return condition;
  yes = plural_ternary (pl);
  if (!take (pl, ":"))
    pl->bad = TRUE;
  no = plural_ternary (pl);
  return condition ? yes : no;
}

static gulong
plural_index (const Catalog *catalog,
              gulong         n)
{
  Plural pl = { catalog->plural, n, FALSE };
  gulong index;

  if (catalog->plural == NULL)
    return n != 1;
  index = plural_ternary (&pl);
  skip_spaces (&pl);
  if (pl.bad || (*pl.p != '\0' && *pl.p != ';'))
    return 0;
  return index < catalog->nplurals ? index : 0;
}

/* "Plural-Forms: nplurals=6; plural=…;" from the catalog's header. */
static void
read_plural_forms (Catalog *catalog)
{
  const char *header = lookup (catalog, "", NULL);
  const char *forms, *nplurals, *plural;
  g_autofree char *line = NULL;

  if (header == NULL || (forms = strstr (header, "Plural-Forms:")) == NULL)
    return;
  line = g_strndup (forms, strcspn (forms, "\n"));
  nplurals = strstr (line, "nplurals=");
  plural = strstr (line, "plural=");   /* "nplurals=" does not hold it */
  if (nplurals == NULL || plural == NULL)
    return;
  catalog->nplurals = strtoul (nplurals + strlen ("nplurals="), NULL, 10);
  if (catalog->nplurals == 0)
    return;
  plural += strlen ("plural=");
  catalog->plural = g_strndup (plural, strcspn (plural, ";"));
}

static Catalog *
catalog_open (const char *language)
{
  const char *localedir = bindtextdomain (GETTEXT_PACKAGE, NULL);
  g_autofree char *path = NULL;
  g_autoptr(GMappedFile) file = NULL;
  Catalog *catalog;
  guint32 magic;

  if (localedir == NULL)
    return NULL;
  path = g_build_filename (localedir, language, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  file = g_mapped_file_new (path, FALSE, NULL);
  if (file == NULL || g_mapped_file_get_length (file) < 28)
    return NULL;
  catalog = g_new0 (Catalog, 1);
  catalog->data = g_mapped_file_get_contents (file);
  catalog->size = g_mapped_file_get_length (file);
  memcpy (&magic, catalog->data, sizeof magic);
  if (magic != MO_MAGIC && GUINT32_SWAP_LE_BE (magic) != MO_MAGIC)
    {
      g_free (catalog);
      return NULL;
    }
  catalog->file = g_steal_pointer (&file);
  catalog->swapped = magic != MO_MAGIC;
  catalog->n = read_u32 (catalog, 8);
  catalog->originals = read_u32 (catalog, 12);
  catalog->translations = read_u32 (catalog, 16);
  read_plural_forms (catalog);
  return catalog;
}

/* The catalog for @language, trying "de_DE" then "de"; NULL: none (the
 * text as written). */
static const Catalog *
catalog_for (const char *language)
{
  const Catalog *catalog;
  gpointer found;

  g_mutex_lock (&catalogs_lock);
  if (catalogs == NULL)
    catalogs = g_hash_table_new (g_str_hash, g_str_equal);
  if (!g_hash_table_lookup_extended (catalogs, language, NULL, &found))
    {
      g_autofree char *name = g_strdelimit (g_strndup (language, strcspn (language, ".@")), "-", '_');
      g_autofree char *base = g_strndup (name, strcspn (name, "_"));

      found = NULL;
      if (*name != '\0' && strchr (name, '/') == NULL && !g_str_equal (name, "..")
          && (found = catalog_open (name)) == NULL && !g_str_equal (name, base))
        found = catalog_open (base);
      g_hash_table_insert (catalogs, g_strdup (language), found);
    }
  catalog = found;
  g_mutex_unlock (&catalogs_lock);
  return catalog;
}

const char *
lanyard_render_gettext (const char *language,
                        const char *msgid)
{
  const Catalog *catalog;
  const char *translation;

  if (language == NULL)
    return g_dgettext (GETTEXT_PACKAGE, msgid);
  catalog = catalog_for (language);
  if (catalog == NULL || (translation = lookup (catalog, msgid, NULL)) == NULL)
    return msgid;
  return translation;
}

const char *
lanyard_render_pgettext (const char *language,
                         const char *context,
                         const char *msgid)
{
  g_autofree char *key = NULL;
  const Catalog *catalog;
  const char *translation;

  if (language == NULL)
    return g_dpgettext2 (GETTEXT_PACKAGE, context, msgid);
  catalog = catalog_for (language);
  if (catalog == NULL)
    return msgid;
  key = g_strconcat (context, "\004", msgid, NULL);
  translation = lookup (catalog, key, NULL);
  return translation != NULL ? translation : msgid;
}

const char *
lanyard_render_ngettext (const char *language,
                         const char *msgid,
                         const char *msgid_plural,
                         gulong      n)
{
  const Catalog *catalog;
  const char *forms;
  guint32 length;
  gulong index;

  if (language == NULL)
    return g_dngettext (GETTEXT_PACKAGE, msgid, msgid_plural, n);
  catalog = catalog_for (language);
  if (catalog == NULL || (forms = lookup (catalog, msgid, &length)) == NULL)
    return n == 1 ? msgid : msgid_plural;
  /* The forms, each ended by a NUL, the last by the catalog's. */
  index = plural_index (catalog, n);
  for (const char *form = forms; form < forms + length + 1; form += strlen (form) + 1, index--)
    if (index == 0)
      return form;
  return forms;
}
