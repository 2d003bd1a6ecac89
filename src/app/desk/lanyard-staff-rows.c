/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lanyard-staff-rows.h"

void
lanyard_staff_list_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

GtkWidget *
lanyard_staff_list_add (GtkListBox *list,
                        const char *title,
                        const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Names and reasons come from people: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_append (list, row);
  return row;
}

GtkWidget *
lanyard_staff_list_add_value (GtkListBox *list,
                              const char *label,
                              const char *value)
{
  GtkWidget *row = lanyard_staff_list_add (list, label, NULL);
  GtkWidget *text = gtk_label_new (value);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  gtk_widget_add_css_class (row, "property");
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  /* A value asks for its whole line, so an e-mail address is not broken
   * while there is room; where it must break, no hyphen is made up. */
  gtk_label_set_natural_wrap_mode (GTK_LABEL (text), GTK_NATURAL_WRAP_NONE);
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  gtk_label_set_attributes (GTK_LABEL (text), attrs);
  gtk_label_set_xalign (GTK_LABEL (text), 1);
  gtk_label_set_justify (GTK_LABEL (text), GTK_JUSTIFY_RIGHT);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_widget_set_hexpand (text, TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), text);
  return row;
}

void
lanyard_staff_list_set_lines (GtkListBox *list,
                              GPtrArray  *lines,
                              const char *empty)
{
  lanyard_staff_list_clear (list);
  for (guint i = 0; i < lines->len; i++)
    lanyard_staff_list_add (list, g_ptr_array_index (lines, i), NULL);
  if (lines->len == 0)
    gtk_widget_add_css_class (lanyard_staff_list_add (list, empty, NULL), "dim-label");
}

void
lanyard_staff_list_set_jobs (GtkListBox *list,
                             GPtrArray  *jobs,
                             const char *empty)
{
  lanyard_staff_list_clear (list);
  for (guint i = 0; i < jobs->len; i++)
    {
      const LanyardStaffJob *job = g_ptr_array_index (jobs, i);
      GtkWidget *row = lanyard_staff_list_add (list, job->text, NULL);

      /* another device's job (no id here) is retried there */
      if ((job->state == LANYARD_JOB_FAILED || job->waits) && job->id > 0)
        {
          GtkWidget *retry = gtk_button_new_with_label (_("Retry"));

          gtk_widget_set_valign (retry, GTK_ALIGN_CENTER);
          gtk_widget_set_size_request (retry, 96, 48);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (retry), "desk.retry-job");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (retry), "x", job->id);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), retry);
          gtk_widget_add_css_class (row, "job-failed");
        }
    }
  if (jobs->len == 0)
    gtk_widget_add_css_class (lanyard_staff_list_add (list, empty, NULL), "dim-label");
}
