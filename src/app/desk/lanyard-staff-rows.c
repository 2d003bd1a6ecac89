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

static GtkWidget *
line_label_new (const char *text,
                const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  /* Names and reasons come from people: never markup (gtk_label_new). */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* centred by yalign in a row that grows, never by valign (see above) */
  gtk_widget_set_vexpand (label, TRUE);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

/* Not an AdwActionRow: its header is a horizontal GtkBox, and GTK 4.8's
 * box finds the height of a box of wrapping labels by trying height after
 * height, each try a search of its own over every label's width. Opening
 * an attendee page laid out each of its lines about a hundred times: 0.4
 * to 2 s with the window frozen at the largest meeting (bench-stall). A
 * GtkGrid lays out each label once for the width it gets, and nothing
 * here is aligned with valign, which would make GTK ask each label's
 * width for a height, a search again. */
GtkWidget *
lanyard_staff_row_new (const char *title,
                       const char *subtitle)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *title_label = line_label_new (title, "title");

  gtk_widget_add_css_class (row, "staff-row");
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 3);
  gtk_widget_set_hexpand (title_label, TRUE);
  gtk_grid_attach (GTK_GRID (grid), title_label, 0, 0, 1, 1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY, title_label, NULL, -1);
  if (subtitle != NULL)
    {
      GtkWidget *subtitle_label = line_label_new (subtitle, "subtitle");

      gtk_label_set_yalign (GTK_LABEL (title_label), 1);
      gtk_label_set_yalign (GTK_LABEL (subtitle_label), 0);
      gtk_grid_attach (GTK_GRID (grid), subtitle_label, 0, 1, 1, 1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                      subtitle_label, NULL, -1);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), grid);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

void
lanyard_staff_row_add_suffix (GtkWidget *row,
                              GtkWidget *widget)
{
  GtkGrid *grid = GTK_GRID (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)));
  int lines = gtk_grid_get_child_at (grid, 0, 1) != NULL ? 2 : 1;
  int column = 1;

  while (gtk_grid_get_child_at (grid, column, 0) != NULL)
    column++;
  gtk_grid_attach (grid, widget, column, 0, 1, lines);
}

GtkWidget *
lanyard_staff_list_add (GtkListBox *list,
                        const char *title,
                        const char *subtitle)
{
  GtkWidget *row = lanyard_staff_row_new (title, subtitle);

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
  lanyard_staff_row_add_suffix (row, text);
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
          lanyard_staff_row_add_suffix (row, retry);
          gtk_widget_add_css_class (row, "job-failed");
        }
    }
  if (jobs->len == 0)
    gtk_widget_add_css_class (lanyard_staff_list_add (list, empty, NULL), "dim-label");
}
