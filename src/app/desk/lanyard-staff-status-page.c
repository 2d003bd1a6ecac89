/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lanyard-application.h"
#include "lanyard-staff-record.h"
#include "lanyard-staff-rows.h"
#include "lanyard-staff-status-page.h"

#define STATUS_SESSIONS 40

struct _LanyardStaffStatusPage
{
  AdwBin      parent_instance;

  /* template widgets */
  GtkListBox *printers;
  GtkListBox *jobs;
  GtkListBox *camera;
  GtkListBox *counts;
  GtkListBox *sessions;
  GtkWidget  *sync_box;
  GtkListBox *sync;
  GtkListBox *conflicts;
};

G_DEFINE_FINAL_TYPE (LanyardStaffStatusPage, lanyard_staff_status_page, ADW_TYPE_BIN)

static const char *
printer_state_text (LanyardPrinterState state)
{
  switch (state)
    {
    case LANYARD_PRINTER_IDLE:
      return _("Ready");
    case LANYARD_PRINTER_PROCESSING:
      return _("Printing");
    case LANYARD_PRINTER_STOPPED:
      return _("Stopped");
    case LANYARD_PRINTER_UNREACHABLE:
    default:
      return _("Cannot be reached");
    }
}

void
lanyard_staff_status_page_show_printers (LanyardStaffStatusPage *self,
                                         GPtrArray              *printers,
                                         const char             *queue,
                                         const GError           *error)
{
  g_return_if_fail (LANYARD_IS_STAFF_STATUS_PAGE (self));

  lanyard_staff_list_clear (self->printers);
  if (printers == NULL || printers->len == 0)
    {
      lanyard_staff_list_add (self->printers, _("No printer found"), error != NULL ? error->message : NULL);
      return;
    }
  for (guint i = 0; i < printers->len; i++)
    {
      const LanyardPrinterStatus *p = g_ptr_array_index (printers, i);
      gboolean ours = queue != NULL ? g_strcmp0 (queue, p->name) == 0 : p->is_default;
      g_autofree char *title = ours ? g_strdup_printf (_("%s (this desk’s printer)"), p->name) : g_strdup (p->name);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      subtitle = p->message != NULL ? g_strdup_printf ("%s — %s", printer_state_text (p->state), p->message)
                                    : g_strdup (printer_state_text (p->state));
      if (!p->accepting)
        {
          char *more = g_strdup_printf (_("%s; not accepting jobs"), subtitle);

          g_free (subtitle);
          subtitle = more;
        }
      if (p->kind != NULL)
        {
          /* "Ready\nZebra ZPL Label Printer, 203 dpi, monochrome" */
          char *more = g_strconcat (subtitle, "\n", p->kind, NULL);

          g_free (subtitle);
          subtitle = more;
        }
      row = lanyard_staff_list_add (self->printers, title, subtitle);
      if (p->is_error || p->state == LANYARD_PRINTER_STOPPED || p->state == LANYARD_PRINTER_UNREACHABLE)
        gtk_widget_add_css_class (row, "printer-problem");
    }
}

void
lanyard_staff_status_page_show_jobs (LanyardStaffStatusPage *self,
                                     GPtrArray              *jobs)
{
  g_return_if_fail (LANYARD_IS_STAFF_STATUS_PAGE (self));
  lanyard_staff_list_set_jobs (self->jobs, jobs, _("Nothing printed yet"));
}

void
lanyard_staff_status_page_show_camera (LanyardStaffStatusPage *self,
                                       const char             *state,
                                       const char             *message)
{
  g_return_if_fail (LANYARD_IS_STAFF_STATUS_PAGE (self));
  lanyard_staff_list_clear (self->camera);
  lanyard_staff_list_add (self->camera, state, message);
}

static void
add_count (GtkListBox *list,
           const char *title,
           guint       count)
{
  g_autofree char *number = g_strdup_printf ("%u", count);
  GtkWidget *row = lanyard_staff_list_add (list, title, NULL);
  GtkWidget *label = gtk_label_new (number);

  gtk_widget_add_css_class (label, "numeric");
  lanyard_staff_row_add_suffix (row, label);
}

/* @what names the table: "Role", "Profession". */
static void
add_table (GtkListBox *list,
           const char *what,
           GHashTable *table)
{
  GList *keys = lanyard_stats_sorted_keys (table);

  for (GList *l = keys; l != NULL; l = l->next)
    {
      g_autofree char *word = g_strdelimit (g_strdup (l->data), "_", ' ');
      /* Translators: "Role: attendee", "Profession: nurse" */
      g_autofree char *title = g_strdup_printf (_("%s: %s"), what, word);

      add_count (list, title, GPOINTER_TO_UINT (g_hash_table_lookup (table, l->data)));
    }
  g_list_free (keys);
}

void
lanyard_staff_status_page_show_stats (LanyardStaffStatusPage *self,
                                      const LanyardStats     *stats)
{
  g_return_if_fail (LANYARD_IS_STAFF_STATUS_PAGE (self));

  lanyard_staff_list_clear (self->counts);
  add_count (self->counts, _("Registered"), stats->registered);
  add_count (self->counts, _("Checked in"), stats->checked_in);
  add_count (self->counts, _("Cancelled"), stats->cancelled);
  add_table (self->counts, _("Role"), stats->by_role);
  add_table (self->counts, _("Profession"), stats->by_profession);

  /* Only sessions people came to, those with people inside first, then
   * the latest: at most STATUS_SESSIONS rows. At the largest meeting's size
   * a day has 480 sessions and the meeting 1,920, and a list box of that
   * many rows held the desk for seconds (tests/bench/bench-stall.c). */
  lanyard_staff_list_clear (self->sessions);
  {
    g_autoptr(GPtrArray) listed = g_ptr_array_new ();
    guint more = 0;

    for (guint i = 0; i < stats->sessions->len; i++)
      {
        const LanyardSessionCount *c = g_ptr_array_index (stats->sessions, i);

        if (c->inside > 0)
          g_ptr_array_add (listed, (gpointer) c);
      }
    for (guint i = stats->sessions->len; i-- > 0;)
      {
        const LanyardSessionCount *c = g_ptr_array_index (stats->sessions, i);

        if (c->inside == 0 && c->total > 0)
          g_ptr_array_add (listed, (gpointer) c);
      }
    if (listed->len > STATUS_SESSIONS)
      {
        more = listed->len - STATUS_SESSIONS;
        g_ptr_array_set_size (listed, STATUS_SESSIONS);
      }
    for (guint i = 0; i < listed->len; i++)
      {
        const LanyardSessionCount *c = g_ptr_array_index (listed, i);
        g_autofree char *counts = NULL;
        g_autofree char *title = NULL;

        counts = c->session->capacity > 0
                 ? g_strdup_printf (_("%d inside of %d seats · %d came in"), c->inside,
                                   c->session->capacity, c->total)
                 : g_strdup_printf (_("%d inside · %d came in"), c->inside, c->total);
        title = g_strdup_printf ("%s · %s", c->session->id, c->session->title);
        lanyard_staff_list_add (self->sessions, title, counts);
      }
    if (listed->len == 0)
      gtk_widget_add_css_class (lanyard_staff_list_add (self->sessions, _("Nobody has come to a session yet"), NULL),
                                "dim-label");
    if (more > 0)
      {
        g_autofree char *words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u more session: lanyardctl stats lists them all",
                                                               "%u more sessions: lanyardctl stats lists them all",
                                                               more),
                                                  more);

        gtk_widget_add_css_class (lanyard_staff_list_add (self->sessions, words, NULL), "dim-label");
      }
  }
}

void
lanyard_staff_status_page_show_sync (LanyardStaffStatusPage *self,
                                     const char             *words,
                                     GPtrArray              *problems)
{
  g_return_if_fail (LANYARD_IS_STAFF_STATUS_PAGE (self));

  gtk_widget_set_visible (self->sync_box, words != NULL);
  lanyard_staff_list_clear (self->sync);
  if (words == NULL)
    return;
  lanyard_staff_list_add (self->sync, words, NULL);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    gtk_widget_add_css_class (lanyard_staff_list_add (self->sync, g_ptr_array_index (problems, i), NULL),
                              "printer-problem");
}

void
lanyard_staff_status_page_show_conflicts (LanyardStaffStatusPage *self,
                                          GPtrArray              *conflicts)
{
  g_return_if_fail (LANYARD_IS_STAFF_STATUS_PAGE (self));

  lanyard_staff_list_clear (self->conflicts);
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts), conflicts != NULL && conflicts->len > 0);
  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    {
      const LanyardStaffField *c = g_ptr_array_index (conflicts, i);

      gtk_widget_add_css_class (lanyard_staff_list_add (self->conflicts, c->label, c->value), "printer-problem");
    }
}

static void
lanyard_staff_status_page_class_init (LanyardStaffStatusPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lanyard/Lanyard/desk/lanyard-staff-status-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffStatusPage, printers);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffStatusPage, jobs);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffStatusPage, camera);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffStatusPage, counts);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffStatusPage, sessions);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffStatusPage, sync_box);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffStatusPage, sync);
  gtk_widget_class_bind_template_child (widget_class, LanyardStaffStatusPage, conflicts);
}

static void
lanyard_staff_status_page_init (LanyardStaffStatusPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
