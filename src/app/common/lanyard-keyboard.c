/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lanyard-keyboard.h"

#define BACKSPACE "\b"

struct _LanyardKeyboard
{
  GtkWidget    parent_instance;

  /* owned */
  GtkWidget   *rows;
  char        *layout;

  /* borrowed (weak) */
  GtkEditable *target;
};

G_DEFINE_FINAL_TYPE (LanyardKeyboard, lanyard_keyboard, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LAYOUT,
  PROP_TARGET,
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

static const char * const digit_rows[] = {
  "1 2 3",
  "4 5 6",
  "7 8 9",
  BACKSPACE " 0",
  NULL
};

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
  const char * const *rows = g_strcmp0 (self->layout, "digits") == 0 ? digit_rows : letter_rows;

  for (guint i = 0; rows[i] != NULL; i++)
    {
      g_auto(GStrv) keys = g_strsplit (rows[i], " ", -1);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

      gtk_widget_set_halign (row, GTK_ALIGN_CENTER);
      for (guint k = 0; keys[k] != NULL; k++)
        gtk_box_append (GTK_BOX (row), key_new (self, keys[k]));
      gtk_box_append (GTK_BOX (self->rows), row);
    }
  if (rows == letter_rows)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

      gtk_widget_set_halign (row, GTK_ALIGN_FILL);
      gtk_widget_set_margin_start (row, 160);
      gtk_widget_set_margin_end (row, 160);
      gtk_box_append (GTK_BOX (row), key_new (self, " "));
      gtk_box_append (GTK_BOX (self->rows), row);
    }
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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "keyboard");
}

static void
lanyard_keyboard_init (LanyardKeyboard *self)
{
  self->rows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_parent (self->rows, GTK_WIDGET (self));
}
