/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lanyard-application.h"
#include "lanyard-door-setup-page.h"

struct _LanyardDoorSetupPage
{
  AdwBin              parent_instance;

  /* template widgets */
  GtkListBox         *rooms;
  GtkListBox         *sessions;
  GtkToggleButton    *toggle_button;
  GtkToggleButton    *entry_button;
  GtkToggleButton    *exit_button;
  GtkWidget          *open_button;
  GtkLabel           *hub_label;

  /* owned */
  LanyardEvent       *event;
};

G_DEFINE_FINAL_TYPE (LanyardDoorSetupPage, lanyard_door_setup_page, ADW_TYPE_BIN)

static GtkWidget *
row_new (const char *text,
         const char *key,
         const char *value)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (row, "setup-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  g_object_set_data_full (G_OBJECT (row), key, g_strdup (value), g_free);
  return row;
}

static void
clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static char *
format_local (GTimeZone  *tz,
              gint64      at,
              const char *format)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

  return g_date_time_format (local, format);
}

static char *
session_text (const LanyardEvent   *event,
              const LanyardSession *s)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (event->time_zone ? event->time_zone : "UTC");
  g_autofree char *day = NULL, *start = NULL, *end = NULL;

  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  day = format_local (tz, s->starts_at, "%a %e %b");
  start = format_local (tz, s->starts_at, "%H:%M");
  end = format_local (tz, s->ends_at, "%H:%M");
  /* Translators: day, start–end, session title */
  return g_strdup_printf (_("%s %s–%s · %s"), day, start, end, s->title);
}

static void
fill_sessions (LanyardDoorSetupPage *self,
               const char           *room)
{
  clear (self->sessions);
  if (room == NULL)
    return;
  gtk_list_box_append (self->sessions, row_new (_("By the clock: the current or next session"), "session", NULL));
  for (guint i = 0; i < self->event->sessions->len; i++)
    {
      const LanyardSession *s = g_ptr_array_index (self->event->sessions, i);
      g_autofree char *text = NULL;

      if (g_strcmp0 (s->room, room) != 0)
        continue;
      text = session_text (self->event, s);
      gtk_list_box_append (self->sessions, row_new (text, "session", s->id));
    }
  gtk_list_box_select_row (self->sessions, gtk_list_box_get_row_at_index (self->sessions, 0));
}

static void
on_room_selected (LanyardDoorSetupPage *self,
                  GtkListBoxRow        *row)
{
  fill_sessions (self, row != NULL ? g_object_get_data (G_OBJECT (row), "room") : NULL);
  gtk_widget_set_sensitive (self->open_button, row != NULL);
}

void
lanyard_door_setup_page_set_event (LanyardDoorSetupPage *self,
                                   const LanyardEvent   *event,
                                   GPtrArray            *rooms)
{
  g_return_if_fail (LANYARD_IS_DOOR_SETUP_PAGE (self));

  g_clear_pointer (&self->event, lanyard_event_unref);
  self->event = lanyard_event_ref (event);
  clear (self->rooms);
  for (guint i = 0; i < rooms->len; i++)
    gtk_list_box_append (self->rooms, row_new (g_ptr_array_index (rooms, i), "room", g_ptr_array_index (rooms, i)));
}

static GtkListBoxRow *
find_row (GtkListBox *list,
          const char *key,
          const char *value)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (g_object_get_data (G_OBJECT (row), key), value) == 0)
      return GTK_LIST_BOX_ROW (row);
  return NULL;
}

void
lanyard_door_setup_page_select (LanyardDoorSetupPage *self,
                                const char           *room,
                                const char           *session_id,
                                LanyardDoorDirection  direction)
{
  GtkListBoxRow *row;

  g_return_if_fail (LANYARD_IS_DOOR_SETUP_PAGE (self));

  gtk_list_box_select_row (self->rooms, room != NULL ? find_row (self->rooms, "room", room) : NULL);
  if ((row = find_row (self->sessions, "session", session_id)) != NULL)
    gtk_list_box_select_row (self->sessions, row);
  gtk_toggle_button_set_active (direction == LANYARD_DOOR_ENTRY ? self->entry_button
                                : direction == LANYARD_DOOR_EXIT ? self->exit_button
                                : self->toggle_button, TRUE);
}

const char *
lanyard_door_setup_page_get_room (LanyardDoorSetupPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->rooms);

  return row != NULL ? g_object_get_data (G_OBJECT (row), "room") : NULL;
}

const char *
lanyard_door_setup_page_get_session (LanyardDoorSetupPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->sessions);

  return row != NULL ? g_object_get_data (G_OBJECT (row), "session") : NULL;
}

LanyardDoorDirection
lanyard_door_setup_page_get_direction (LanyardDoorSetupPage *self)
{
  if (gtk_toggle_button_get_active (self->entry_button))
    return LANYARD_DOOR_ENTRY;
  if (gtk_toggle_button_get_active (self->exit_button))
    return LANYARD_DOOR_EXIT;
  return LANYARD_DOOR_TOGGLE;
}

void
lanyard_door_setup_page_set_hub_text (LanyardDoorSetupPage *self,
                                      const char           *text)
{
  g_return_if_fail (LANYARD_IS_DOOR_SETUP_PAGE (self));
  gtk_label_set_text (self->hub_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hub_label), text != NULL && *text != '\0');
}

static void
lanyard_door_setup_page_finalize (GObject *object)
{
  LanyardDoorSetupPage *self = LANYARD_DOOR_SETUP_PAGE (object);

  g_clear_pointer (&self->event, lanyard_event_unref);
  G_OBJECT_CLASS (lanyard_door_setup_page_parent_class)->finalize (object);
}

static void
lanyard_door_setup_page_class_init (LanyardDoorSetupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lanyard_door_setup_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lanyard/Lanyard/door/lanyard-door-setup-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LanyardDoorSetupPage, rooms);
  gtk_widget_class_bind_template_child (widget_class, LanyardDoorSetupPage, sessions);
  gtk_widget_class_bind_template_child (widget_class, LanyardDoorSetupPage, toggle_button);
  gtk_widget_class_bind_template_child (widget_class, LanyardDoorSetupPage, entry_button);
  gtk_widget_class_bind_template_child (widget_class, LanyardDoorSetupPage, exit_button);
  gtk_widget_class_bind_template_child (widget_class, LanyardDoorSetupPage, open_button);
  gtk_widget_class_bind_template_child (widget_class, LanyardDoorSetupPage, hub_label);
  gtk_widget_class_bind_template_callback (widget_class, on_room_selected);
}

static void
lanyard_door_setup_page_init (LanyardDoorSetupPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_sensitive (self->open_button, FALSE);
}
