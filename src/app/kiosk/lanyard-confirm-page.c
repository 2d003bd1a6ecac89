/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lanyard-application.h"
#include "lanyard-confirm-page.h"

struct _LanyardConfirmPage
{
  AdwBin    parent_instance;

  /* template widgets */
  GtkLabel *title;
  GtkLabel *latin_name;
  GtkLabel *affiliation;
  GtkLabel *message;
  GtkLabel *countdown;
};

G_DEFINE_FINAL_TYPE (LanyardConfirmPage, lanyard_confirm_page, ADW_TYPE_BIN)

void
lanyard_confirm_page_set_texts (LanyardConfirmPage *self,
                                const char         *title,
                                const char         *affiliation,
                                const char         *message)
{
  g_return_if_fail (LANYARD_IS_CONFIRM_PAGE (self));

  gtk_label_set_text (self->title, title);
  gtk_label_set_text (self->affiliation, affiliation != NULL ? affiliation : "");
  gtk_widget_set_visible (GTK_WIDGET (self->affiliation), affiliation != NULL && *affiliation != '\0');
  gtk_label_set_text (self->message, message);
}

/* The name in Latin script, small under one written in another; NULL or
 * "" for none. */
void
lanyard_confirm_page_set_latin_name (LanyardConfirmPage *self,
                                     const char         *latin_name)
{
  g_return_if_fail (LANYARD_IS_CONFIRM_PAGE (self));

  gtk_label_set_text (self->latin_name, latin_name != NULL ? latin_name : "");
  gtk_widget_set_visible (GTK_WIDGET (self->latin_name), latin_name != NULL && *latin_name != '\0');
}

void
lanyard_confirm_page_reset (LanyardConfirmPage *self)
{
  g_return_if_fail (LANYARD_IS_CONFIRM_PAGE (self));

  lanyard_confirm_page_set_texts (self, "", NULL, "");
  lanyard_confirm_page_set_latin_name (self, NULL);
  lanyard_confirm_page_set_countdown (self, -1);
}

void
lanyard_confirm_page_set_countdown (LanyardConfirmPage *self,
                                    int                 seconds)
{
  g_autofree char *text = NULL;

  g_return_if_fail (LANYARD_IS_CONFIRM_PAGE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->countdown), seconds >= 0);
  if (seconds < 0)
    return;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Printing in %d second",
                                       "Printing in %d seconds", seconds), seconds);
  gtk_label_set_text (self->countdown, text);
}

static void
lanyard_confirm_page_class_init (LanyardConfirmPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lanyard/Lanyard/kiosk/lanyard-confirm-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LanyardConfirmPage, title);
  gtk_widget_class_bind_template_child (widget_class, LanyardConfirmPage, latin_name);
  gtk_widget_class_bind_template_child (widget_class, LanyardConfirmPage, affiliation);
  gtk_widget_class_bind_template_child (widget_class, LanyardConfirmPage, message);
  gtk_widget_class_bind_template_child (widget_class, LanyardConfirmPage, countdown);
}

static void
lanyard_confirm_page_init (LanyardConfirmPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
