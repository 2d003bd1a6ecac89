/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lanyard-application.h"
#include "lanyard-message-page.h"

#define PULSE_MS 120

static const char * const kinds[] = { "kind-working", "kind-success", "kind-warning", "kind-error", NULL };

struct _LanyardMessagePage
{
  AdwBin          parent_instance;

  /* template widgets */
  GtkWidget      *box;
  GtkImage       *icon;
  GtkLabel       *title;
  GtkLabel       *message;
  GtkProgressBar *progress;
  GtkWidget      *done_button;

  /* owned */
  guint           pulse_id;
};

G_DEFINE_FINAL_TYPE (LanyardMessagePage, lanyard_message_page, ADW_TYPE_BIN)

void
lanyard_message_page_set (LanyardMessagePage *self,
                          const char         *kind,
                          const char         *icon_name,
                          const char         *title,
                          const char         *message)
{
  g_return_if_fail (LANYARD_IS_MESSAGE_PAGE (self));

  for (guint i = 0; kinds[i] != NULL; i++)
    gtk_widget_remove_css_class (self->box, kinds[i]);
  if (kind != NULL)
    {
      /* Not libadwaita's .success/.error: those colour all the text, and
       * amber words on white are hard to read from a metre away. */
      g_autofree char *css_class = g_strconcat ("kind-", kind, NULL);

      gtk_widget_add_css_class (self->box, css_class);
    }
  gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_label_set_text (self->title, title);
  gtk_label_set_text (self->message, message);
}

static gboolean
pulse (gpointer data)
{
  LanyardMessagePage *self = data;

  gtk_progress_bar_pulse (self->progress);
  return G_SOURCE_CONTINUE;
}

void
lanyard_message_page_set_busy (LanyardMessagePage *self,
                               gboolean            busy)
{
  g_return_if_fail (LANYARD_IS_MESSAGE_PAGE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->progress), busy);
  gtk_widget_set_visible (self->done_button, !busy);
  if (busy && self->pulse_id == 0)
    self->pulse_id = g_timeout_add (PULSE_MS, pulse, self);
  else if (!busy)
    g_clear_handle_id (&self->pulse_id, g_source_remove);
}

static void
lanyard_message_page_dispose (GObject *object)
{
  LanyardMessagePage *self = LANYARD_MESSAGE_PAGE (object);

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  G_OBJECT_CLASS (lanyard_message_page_parent_class)->dispose (object);
}

static void
lanyard_message_page_class_init (LanyardMessagePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanyard_message_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lanyard/Lanyard/common/lanyard-message-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LanyardMessagePage, box);
  gtk_widget_class_bind_template_child (widget_class, LanyardMessagePage, icon);
  gtk_widget_class_bind_template_child (widget_class, LanyardMessagePage, title);
  gtk_widget_class_bind_template_child (widget_class, LanyardMessagePage, message);
  gtk_widget_class_bind_template_child (widget_class, LanyardMessagePage, progress);
  gtk_widget_class_bind_template_child (widget_class, LanyardMessagePage, done_button);
}

static void
lanyard_message_page_init (LanyardMessagePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
