/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lanyard-application.h"
#include "lanyard-keyboard.h"
#include "lanyard-kiosk-entry.h"
#include "lanyard-search-page.h"
#include "lanyard-store-work.h"

#define MIN_CHARS    2
#define MAX_RESULTS  6

struct _LanyardSearchPage
{
  AdwBin        parent_instance;

  /* template widgets */
  GtkEntry     *entry;
  GtkScrolledWindow *scroller;
  GtkListBox   *results;
  GtkLabel     *hint;
  GtkWidget    *more;
  LanyardKeyboard *keyboard;

  /* owned */
  LanyardStore *store;
  GCancellable *searching;  /* the search running, if any */
};

G_DEFINE_FINAL_TYPE (LanyardSearchPage, lanyard_search_page, ADW_TYPE_BIN)

static GtkWidget *
result_row_new (const LanyardAttendee *a)
{
  g_autofree char *name = lanyard_attendee_dup_display_name (a);
  g_autofree char *latin_name = lanyard_attendee_dup_latin_name (a);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new (name);

  /* Name (and its Latin spelling) and affiliation only: nothing else of a
   * stranger on screen. */
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "result-name");
  gtk_box_append (GTK_BOX (box), label);
  if (latin_name != NULL)
    {
      label = gtk_label_new (latin_name);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "result-latin-name");
      gtk_box_append (GTK_BOX (box), label);
    }
  if (a->affiliation != NULL && *a->affiliation != '\0')
    {
      label = gtk_label_new (a->affiliation);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "result-affiliation");
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_widget_add_css_class (row, "result");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "attendee-id", g_memdup2 (&a->id, sizeof a->id), g_free);
  return row;
}

/* Names under the keyboard: say so, until the list is scrolled to its end. */
static void
update_more (LanyardSearchPage *self)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);
  double below = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_value (adj)
                 - gtk_adjustment_get_page_size (adj);

  gtk_widget_set_visible (self->more, gtk_widget_get_first_child (GTK_WIDGET (self->results)) != NULL && below > 1);
}

static void
clear_results (LanyardSearchPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results))) != NULL)
    gtk_list_box_remove (self->results, child);
}

/* The search, on a worker thread with a connection of its own
 * (lanyard-store-work.h): a few letters in nearly every name ("Ho") make
 * the full-text index merge a large part of the largest meeting, and the
 * keyboard must not stop while it does. The results are shown on the main
 * thread if the field still says what was searched. */
static gpointer
search_names (LanyardStore  *store,
              gpointer       text,
              GError       **error)
{
  return lanyard_store_search (store, text, MAX_RESULTS, error);
}

static void
on_searched (gpointer      owner,
             gpointer      result,
             const GError *error,
             gpointer      text)
{
  LanyardSearchPage *self = owner;
  g_autoptr(GPtrArray) hits = result;
  g_autofree char *stripped = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));

  if (g_strcmp0 (stripped, text) != 0)
    return;
  if (error != NULL)
    {
      g_message ("search: %s", error->message);
      hits = g_ptr_array_new ();
    }
  clear_results (self);
  for (guint i = 0; i < hits->len; i++)
    gtk_list_box_append (self->results, result_row_new (g_ptr_array_index (hits, i)));
  /* the same height as before: no "changed" from the adjustment */
  update_more (self);
  gtk_label_set_text (self->hint, hits->len == 0
                      ? _("No one found. Check the spelling, or see the registration desk.")
                      : _("Tap your name"));
}

static void
stop_search (LanyardSearchPage *self)
{
  if (self->searching != NULL)
    g_cancellable_cancel (self->searching);
  g_clear_object (&self->searching);
}

static void
on_entry_changed (LanyardSearchPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  /* the names found for what was typed before go at once: one tapped
   * while its list is replaced would move the focus, or pick a name from a
   * list no longer meant */
  stop_search (self);
  clear_results (self);
  update_more (self);
  if (*stripped == '\0' || self->store == NULL || g_utf8_strlen (stripped, -1) < MIN_CHARS)
    {
      gtk_label_set_text (self->hint, *stripped == '\0' ? _("Type the first letters of your last name")
                                                        : _("Type at least two letters"));
      return;
    }
  self->searching = g_cancellable_new ();
  lanyard_store_work_async (self->store, self, search_names, (GDestroyNotify) g_ptr_array_unref, on_searched,
                            g_steal_pointer (&stripped), g_free, self->searching);
}

static void
on_row_activated (LanyardSearchPage *self,
                  GtkListBoxRow     *row)
{
  const gint64 *id = g_object_get_data (G_OBJECT (row), "attendee-id");

  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "kiosk.pick-attendee", "x", *id);
}

void
lanyard_search_page_set_store (LanyardSearchPage *self,
                               LanyardStore      *store)
{
  g_return_if_fail (LANYARD_IS_SEARCH_PAGE (self));
  g_set_object (&self->store, store);
}

void
lanyard_search_page_reset (LanyardSearchPage *self)
{
  g_return_if_fail (LANYARD_IS_SEARCH_PAGE (self));
  lanyard_kiosk_entry_forget (GTK_EDITABLE (self->entry));
  stop_search (self);
  clear_results (self);
  lanyard_keyboard_reset (self->keyboard);
}

/* The keyboard also offers the letters of the event's language (names
 * registered in Arabic at an event held in Arabic). */
void
lanyard_search_page_offer_language (LanyardSearchPage *self,
                                    const char        *language)
{
  g_return_if_fail (LANYARD_IS_SEARCH_PAGE (self));
  lanyard_keyboard_offer_language (self->keyboard, language);
}

void
lanyard_search_page_focus (LanyardSearchPage *self)
{
  g_return_if_fail (LANYARD_IS_SEARCH_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

GtkEditable *
lanyard_search_page_get_entry (LanyardSearchPage *self)
{
  g_return_val_if_fail (LANYARD_IS_SEARCH_PAGE (self), NULL);
  return GTK_EDITABLE (self->entry);
}

static void
lanyard_search_page_dispose (GObject *object)
{
  LanyardSearchPage *self = LANYARD_SEARCH_PAGE (object);

  stop_search (self);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (lanyard_search_page_parent_class)->dispose (object);
}

static void
lanyard_search_page_class_init (LanyardSearchPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lanyard_search_page_dispose;

  g_type_ensure (LANYARD_TYPE_KEYBOARD);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/lanyard/Lanyard/kiosk/lanyard-search-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LanyardSearchPage, entry);
  gtk_widget_class_bind_template_child (widget_class, LanyardSearchPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, LanyardSearchPage, results);
  gtk_widget_class_bind_template_child (widget_class, LanyardSearchPage, hint);
  gtk_widget_class_bind_template_child (widget_class, LanyardSearchPage, more);
  gtk_widget_class_bind_template_child (widget_class, LanyardSearchPage, keyboard);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
lanyard_search_page_init (LanyardSearchPage *self)
{
  GtkAdjustment *adj;

  gtk_widget_init_template (GTK_WIDGET (self));
  lanyard_kiosk_entry_guard (GTK_WIDGET (self->entry));
  adj = gtk_scrolled_window_get_vadjustment (self->scroller);
  g_signal_connect_object (adj, "changed", G_CALLBACK (update_more), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adj, "value-changed", G_CALLBACK (update_more), self, G_CONNECT_SWAPPED);
}
