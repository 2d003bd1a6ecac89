/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lanyard-application.h"
#include "lanyard-staff-attendee-page.h"
#include "lanyard-staff-rows.h"

struct _LanyardStaffAttendeePage
{
  AdwBin      parent_instance;

  /* template widgets */
  GtkStack   *stack;
  GtkLabel   *name;
  GtkLabel   *warning;
  GtkWidget  *cancel_button;
  GtkWidget  *restore_button;
  GtkLabel   *certificate_note;
  GtkListBox *details;
  GtkListBox *history;
  GtkListBox *sessions;
  GtkListBox *credits;
  GtkListBox *jobs;
  GtkWidget  *waiting_box;
  GtkLabel   *waiting_note;
  GtkListBox *audit;
  GtkLabel   *latin_name;
};

G_DEFINE_FINAL_TYPE (LanyardStaffAttendeePage, lanyard_staff_attendee_page, ADW_TYPE_BIN)

/* A button in the flow box and its slot: a hidden button's slot would
 * still take its place in the rows, an empty gap among the buttons. */
static void
show_action (GtkWidget *button,
             gboolean   visible)
{
  gtk_widget_set_visible (button, visible);
  gtk_widget_set_visible (gtk_widget_get_parent (button), visible);
}

void
lanyard_staff_attendee_page_show (LanyardStaffAttendeePage *self,
                                  const LanyardStaffRecord *record)
{
  gboolean cancelled;
  g_autofree char *latin_name = NULL;

  g_return_if_fail (LANYARD_IS_STAFF_ATTENDEE_PAGE (self));

  if (record == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  cancelled = record->attendee->status == LANYARD_STATUS_CANCELLED;
  gtk_label_set_text (self->name, record->name);
  /* the spelling a person at the desk can read out and type */
  latin_name = lanyard_attendee_dup_latin_name (record->attendee);
  gtk_label_set_text (self->latin_name, latin_name != NULL ? latin_name : "");
  gtk_widget_set_visible (GTK_WIDGET (self->latin_name), latin_name != NULL);
  gtk_label_set_text (self->warning, cancelled ? _("This registration is cancelled: badges and doors refuse it.") : "");
  gtk_widget_set_visible (GTK_WIDGET (self->warning), cancelled);
  show_action (self->cancel_button, !cancelled);
  show_action (self->restore_button, cancelled);
  /* Why there is no certificate, in words a person at the desk can read
   * out (a tooltip needs a mouse). */
  if (record->no_certificate != NULL)
    {
      g_autofree char *note = g_strdup_printf (_("No certificate yet: %s"), record->no_certificate);

      gtk_label_set_text (self->certificate_note, note);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->certificate_note), record->no_certificate != NULL);
  gtk_label_set_text (self->waiting_note, record->waiting_badge != NULL ? record->waiting_badge : "");
  gtk_widget_set_visible (self->waiting_box, record->waiting_badge != NULL);

  lanyard_staff_list_clear (self->details);
  for (guint i = 0; i < record->details->len; i++)
    {
      const LanyardStaffField *field = g_ptr_array_index (record->details, i);

      lanyard_staff_list_add_value (self->details, field->label, field->value);
    }
  lanyard_staff_list_set_lines (self->history, record->history, _("Not checked in yet"));
  lanyard_staff_list_set_lines (self->sessions, record->sessions, _("No session attended yet"));
  lanyard_staff_list_set_lines (self->credits, record->credits, _("No credit so far"));
  lanyard_staff_list_set_jobs (self->jobs, record->jobs, _("Nothing printed yet"));
  lanyard_staff_list_set_lines (self->audit, record->audit, _("No changes"));
  gtk_stack_set_visible_child_name (self->stack, "record");
}

static void
lanyard_staff_attendee_page_class_init (LanyardStaffAttendeePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lanyard/Lanyard/desk/lanyard-staff-attendee-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffAttendeePage, stack);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffAttendeePage, name);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffAttendeePage, warning);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffAttendeePage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffAttendeePage, restore_button);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffAttendeePage, certificate_note);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffAttendeePage, details);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffAttendeePage, history);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffAttendeePage, sessions);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffAttendeePage, credits);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffAttendeePage, jobs);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffAttendeePage, waiting_box);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffAttendeePage, waiting_note);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffAttendeePage, audit);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffAttendeePage, latin_name);
}

static void
lanyard_staff_attendee_page_init (LanyardStaffAttendeePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
