/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lanyard-application.h"
#include "lanyard-keyboard.h"
#include "lanyard-kiosk-entry.h"
#include "lanyard-verify-page.h"

struct _LanyardVerifyPage
{
  AdwBin    parent_instance;

  /* template widgets */
  GtkLabel *title;
  GtkLabel *message;
  GtkEntry *entry;
};

G_DEFINE_FINAL_TYPE (LanyardVerifyPage, lanyard_verify_page, ADW_TYPE_BIN)

void
lanyard_verify_page_set_texts (LanyardVerifyPage *self,
                               const char        *title,
                               const char        *message)
{
  g_return_if_fail (LANYARD_IS_VERIFY_PAGE (self));

  gtk_label_set_text (self->title, title);
  gtk_label_set_text (self->message, message);
}

const char *
lanyard_verify_page_get_code (LanyardVerifyPage *self)
{
  g_return_val_if_fail (LANYARD_IS_VERIFY_PAGE (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

void
lanyard_verify_page_clear (LanyardVerifyPage *self)
{
  g_return_if_fail (LANYARD_IS_VERIFY_PAGE (self));
  lanyard_kiosk_entry_forget (GTK_EDITABLE (self->entry));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

void
lanyard_verify_page_reset (LanyardVerifyPage *self)
{
  g_return_if_fail (LANYARD_IS_VERIFY_PAGE (self));
  lanyard_kiosk_entry_forget (GTK_EDITABLE (self->entry));
  gtk_label_set_text (self->title, "");
  gtk_label_set_text (self->message, "");
}

void
lanyard_verify_page_focus (LanyardVerifyPage *self)
{
  g_return_if_fail (LANYARD_IS_VERIFY_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
on_entry_activate (LanyardVerifyPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "kiosk.verify", NULL);
}

static void
lanyard_verify_page_class_init (LanyardVerifyPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (LANYARD_TYPE_KEYBOARD);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/lanyard/Lanyard/kiosk/lanyard-verify-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LanyardVerifyPage, title);
  gtk_widget_class_bind_template_child (widget_class, LanyardVerifyPage, message);
  gtk_widget_class_bind_template_child (widget_class, LanyardVerifyPage, entry);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
}

static void
lanyard_verify_page_init (LanyardVerifyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lanyard_kiosk_entry_guard (GTK_WIDGET (self->entry));
}
