/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lanyard-keyboard.h"
#include "lanyard-language.h"

#define BACKSPACE "\b"

struct _LanyardKeyboard
{
  GtkWidget    parent_instance;

  /* owned */
  GtkWidget   *rows;
  char        *layout;
  GPtrArray   *scripts;  /* const Script*: the letters offered, the first is Latin */
  guint        shown;    /* which of them is on the keys */
  gboolean     offers_language; /* "other-scripts": the screen language's letters too */

  /* borrowed (weak) */
  GtkEditable *target;
};

G_DEFINE_FINAL_TYPE (LanyardKeyboard, lanyard_keyboard, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LAYOUT,
  PROP_TARGET,
  PROP_OTHER_SCRIPTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Rows of keys, separated by spaces; BACKSPACE and " " (the space bar)
 * are special. */
static const char * const letter_rows[] = {
  "1 2 3 4 5 6 7 8 9 0",
  "Q W E R T Y U I O P",
  "A S D F G H J K L -",
  "Z X C V B N M ' " BACKSPACE,
  NULL
};

/* Names written in other scripts, typed as they are registered. Arabic in
 * the order of the common Arabic keyboard, its rows drawn right to left
 * (with hamza forms, alif maqsura and ta marbuta on keys of their own);
 * Cyrillic as ЙЦУКЕН. */
static const char * const arabic_rows[] = {
  "ض ص ث ق ف غ ع ه خ ح ج د",
  "ش س ي ب ل ا ت ن م ك ط ذ",
  "أ إ آ ئ ء ؤ ر ى ة و ز ظ " BACKSPACE,
  NULL
};

static const char * const cyrillic_rows[] = {
  "Й Ц У К Е Н Г Ш Щ З Х Ъ",
  "Ф Ы В А П Р О Л Д Ж Э -",
  "Я Ч С М И Т Ь Б Ю Ё " BACKSPACE,
  NULL
};

typedef struct {
  const char         *id;
  const char         *key;    /* on the key that switches to it */
  const char         *label;  /* that key's accessible name (N_) */
  const char * const *rows;
  gboolean            rtl;
} Script;

static const Script scripts[] = {
  { "latin", "ABC", N_("Latin letters"), letter_rows, FALSE },
  { "arabic", "أ ب ت", N_("Arabic letters"), arabic_rows, TRUE },
  { "cyrillic", "АБВ", N_("Cyrillic letters"), cyrillic_rows, FALSE },
};

/* The languages whose names are written in a script of their own, by
 * primary subtag. */
static const struct { const char *language; const char *script; } language_scripts[] = {
  { "ar", "arabic" }, { "fa", "arabic" }, { "ur", "arabic" },
  { "ru", "cyrillic" }, { "uk", "cyrillic" }, { "bg", "cyrillic" }, { "be", "cyrillic" },
  { "sr", "cyrillic" }, { "mk", "cyrillic" }, { "kk", "cyrillic" },
};

const char *
lanyard_keyboard_script_for_language (const char *language)
{
  g_autofree char *primary = NULL;

  if (language == NULL)
    return "latin";
  primary = g_ascii_strdown (language, strcspn (language, "-_.@"));
  for (guint i = 0; i < G_N_ELEMENTS (language_scripts); i++)
    if (g_str_equal (primary, language_scripts[i].language))
      return language_scripts[i].script;
  return "latin";
}

static const Script *
find_script (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (scripts); i++)
    if (g_str_equal (scripts[i].id, id))
      return &scripts[i];
  return NULL;
}

static const char * const digit_rows[] = {
  "1 2 3",
  "4 5 6",
  "7 8 9",
  BACKSPACE " 0",
  NULL
};

static void build_rows (LanyardKeyboard *self);

static void
on_switch_clicked (GtkButton       *button,
                   LanyardKeyboard *self)
{
  self->shown = (self->shown + 1) % self->scripts->len;
  build_rows (self);
}

/* The key that shows the next script's letters, named by them. */
static GtkWidget *
switch_key_new (LanyardKeyboard *self)
{
  const Script *next = g_ptr_array_index (self->scripts, (self->shown + 1) % self->scripts->len);
  GtkWidget *button = gtk_button_new_with_label (next->key);

  gtk_widget_set_focusable (button, FALSE);
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_widget_add_css_class (button, "key");
  gtk_widget_add_css_class (button, "key-wide");
  gtk_widget_add_css_class (button, "key-script");
  gtk_widget_set_name (button, "key-script");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _(next->label), -1);
  g_signal_connect (button, "clicked", G_CALLBACK (on_switch_clicked), self);
  return button;
}

static void
on_key_clicked (GtkButton       *button,
                LanyardKeyboard *self)
{
  const char *text = g_object_get_data (G_OBJECT (button), "key-text");

  if (g_strcmp0 (text, BACKSPACE) == 0)
    lanyard_keyboard_backspace (self);
  else
    lanyard_keyboard_type (self, text);
}

static GtkWidget *
key_new (LanyardKeyboard *self,
         const char      *text)
{
  GtkWidget *button;

  if (g_strcmp0 (text, BACKSPACE) == 0)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("edit-clear-symbolic");

      gtk_image_set_pixel_size (GTK_IMAGE (icon), 32);
      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), icon);
      gtk_widget_add_css_class (button, "key-wide");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Delete"), -1);
    }
  else if (g_strcmp0 (text, " ") == 0)
    {
      button = gtk_button_new_with_label (_("Space"));
      gtk_widget_add_css_class (button, "key-space");
      gtk_widget_set_hexpand (button, TRUE);
    }
  else
    button = gtk_button_new_with_label (text);

  /* The keys never take the focus: what they type goes to the target. */
  gtk_widget_set_focusable (button, FALSE);
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_widget_add_css_class (button, "key");
  g_object_set_data_full (G_OBJECT (button), "key-text", g_strdup (text), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_key_clicked), self);
  return button;
}

static void
build_rows (LanyardKeyboard *self)
{
  gboolean letters = g_strcmp0 (self->layout, "digits") != 0;
  const Script *script = letters ? g_ptr_array_index (self->scripts, self->shown) : NULL;
  const char * const *rows = letters ? script->rows : digit_rows;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->rows)) != NULL)
    gtk_box_remove (GTK_BOX (self->rows), child);
  for (guint i = 0; rows[i] != NULL; i++)
    {
      g_auto(GStrv) keys = g_strsplit (rows[i], " ", -1);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

      gtk_widget_set_halign (row, GTK_ALIGN_CENTER);
      /* Arabic letters right to left, whatever the screen's language */
      if (script != NULL && script->rtl)
        gtk_widget_set_direction (row, GTK_TEXT_DIR_RTL);
      for (guint k = 0; keys[k] != NULL; k++)
        gtk_box_append (GTK_BOX (row), key_new (self, keys[k]));
      gtk_box_append (GTK_BOX (self->rows), row);
    }
  if (letters)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

      gtk_widget_set_halign (row, GTK_ALIGN_FILL);
      gtk_widget_set_margin_start (row, 160);
      gtk_widget_set_margin_end (row, 160);
      if (self->scripts->len > 1)
        gtk_box_append (GTK_BOX (row), switch_key_new (self));
      gtk_box_append (GTK_BOX (row), key_new (self, " "));
      gtk_box_append (GTK_BOX (self->rows), row);
    }
}

/* Also offers the letters of @language's script, when it has one of its
 * own (Arabic for "ar"), behind a key that switches to them. */
void
lanyard_keyboard_offer_language (LanyardKeyboard *self,
                                 const char      *language)
{
  const Script *script;

  g_return_if_fail (LANYARD_IS_KEYBOARD (self));

  script = find_script (lanyard_keyboard_script_for_language (language));
  if (script == NULL || g_ptr_array_find (self->scripts, script, NULL))
    return;
  g_ptr_array_add (self->scripts, (gpointer) script);
  build_rows (self);
}

/* Back to the Latin letters (for the next person). */
void
lanyard_keyboard_reset (LanyardKeyboard *self)
{
  g_return_if_fail (LANYARD_IS_KEYBOARD (self));

  if (self->shown == 0)
    return;
  self->shown = 0;
  build_rows (self);
}

const char *
lanyard_keyboard_get_script (LanyardKeyboard *self)
{
  g_return_val_if_fail (LANYARD_IS_KEYBOARD (self), NULL);

  return ((const Script *) g_ptr_array_index (self->scripts, self->shown))->id;
}

static void
target_gone (gpointer  data,
             GObject  *where_the_object_was)
{
  LanyardKeyboard *self = data;

  self->target = NULL;
}

void
lanyard_keyboard_set_target (LanyardKeyboard *self,
                             GtkEditable     *target)
{
  g_return_if_fail (LANYARD_IS_KEYBOARD (self));

  if (self->target == target)
    return;
  if (self->target != NULL)
    g_object_weak_unref (G_OBJECT (self->target), target_gone, self);
  self->target = target;
  if (target != NULL)
    g_object_weak_ref (G_OBJECT (target), target_gone, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET]);
}

GtkEditable *
lanyard_keyboard_get_target (LanyardKeyboard *self)
{
  g_return_val_if_fail (LANYARD_IS_KEYBOARD (self), NULL);
  return self->target;
}

void
lanyard_keyboard_type (LanyardKeyboard *self,
                       const char      *text)
{
  int pos;

  if (self->target == NULL || text == NULL)
    return;
  gtk_editable_delete_selection (self->target);
  pos = gtk_editable_get_position (self->target);
  gtk_editable_insert_text (self->target, text, -1, &pos);
  gtk_editable_set_position (self->target, pos);
}

void
lanyard_keyboard_backspace (LanyardKeyboard *self)
{
  int start, end, pos;

  if (self->target == NULL)
    return;
  if (gtk_editable_get_selection_bounds (self->target, &start, &end))
    {
      gtk_editable_delete_selection (self->target);
      return;
    }
  pos = gtk_editable_get_position (self->target);
  if (pos > 0)
    gtk_editable_delete_text (self->target, pos - 1, pos);
}

static void
lanyard_keyboard_constructed (GObject *object)
{
  LanyardKeyboard *self = LANYARD_KEYBOARD (object);

  G_OBJECT_CLASS (lanyard_keyboard_parent_class)->constructed (object);
  /* the letters of the language the kiosk speaks: Arabic in Arabic */
  if (g_strcmp0 (self->layout, "digits") != 0 && self->offers_language)
    {
      const LanyardLanguage *current = lanyard_language_get_current ();

      lanyard_keyboard_offer_language (self, current != NULL ? current->code : NULL);
    }
  build_rows (self);
}

static void
lanyard_keyboard_dispose (GObject *object)
{
  LanyardKeyboard *self = LANYARD_KEYBOARD (object);

  lanyard_keyboard_set_target (self, NULL);
  g_clear_pointer (&self->rows, gtk_widget_unparent);
  G_OBJECT_CLASS (lanyard_keyboard_parent_class)->dispose (object);
}

static void
lanyard_keyboard_finalize (GObject *object)
{
  LanyardKeyboard *self = LANYARD_KEYBOARD (object);

  g_free (self->layout);
  g_ptr_array_unref (self->scripts);
  G_OBJECT_CLASS (lanyard_keyboard_parent_class)->finalize (object);
}

static void
lanyard_keyboard_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LanyardKeyboard *self = LANYARD_KEYBOARD (object);

  switch (prop_id)
    {
    case PROP_LAYOUT:
      g_value_set_string (value, self->layout);
      break;
    case PROP_TARGET:
      g_value_set_object (value, self->target);
      break;
    case PROP_OTHER_SCRIPTS:
      g_value_set_boolean (value, self->offers_language);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanyard_keyboard_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LanyardKeyboard *self = LANYARD_KEYBOARD (object);

  switch (prop_id)
    {
    case PROP_LAYOUT:
      g_free (self->layout);
      self->layout = g_value_dup_string (value);
      break;
    case PROP_TARGET:
      lanyard_keyboard_set_target (self, g_value_get_object (value));
      break;
    case PROP_OTHER_SCRIPTS:
      self->offers_language = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanyard_keyboard_class_init (LanyardKeyboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lanyard_keyboard_constructed;
  object_class->dispose = lanyard_keyboard_dispose;
  object_class->finalize = lanyard_keyboard_finalize;
  object_class->get_property = lanyard_keyboard_get_property;
  object_class->set_property = lanyard_keyboard_set_property;

  properties[PROP_LAYOUT] =
    g_param_spec_string ("layout", NULL, NULL, "letters",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TARGET] =
    g_param_spec_object ("target", NULL, NULL, GTK_TYPE_EDITABLE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Names: the letters of the screen's language too, when it has a script
   * of its own (lanyard_keyboard_offer_language). */
  properties[PROP_OTHER_SCRIPTS] =
    g_param_spec_boolean ("other-scripts", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "keyboard");
}

static void
lanyard_keyboard_init (LanyardKeyboard *self)
{
  self->rows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_parent (self->rows, GTK_WIDGET (self));
  self->scripts = g_ptr_array_new ();
  g_ptr_array_add (self->scripts, (gpointer) &scripts[0]);
}
