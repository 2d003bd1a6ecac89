/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "lanyard-page-report.h"

struct _LanyardPageReport {
  GtkWindow       *window;       /* borrowed: owns us */
  char            *screenshot_dir;
  FILE            *log;
  char            *page;         /* unreported, or NULL */
  guint            count;
  gulong           realize_id;
  gulong           unrealize_id;
  gulong           paint_id;
  GdkFrameClock   *clock;
  LanyardPageFunc  observer;
  gpointer         observer_data;
  GCallback        painted;
  gpointer         painted_data;
};

static void
save_screenshot (LanyardPageReport *self,
                 const char        *name)
{
  g_autofree char *file = g_strdup_printf ("%02u-%s.png", ++self->count, name);
  g_autofree char *path = NULL;

  g_strdelimit (file, ":", '-');
  g_mkdir_with_parents (self->screenshot_dir, 0755);
  path = g_build_filename (self->screenshot_dir, file, NULL);
  if (!lanyard_page_report_save_screenshot (self->window, path))
    g_message ("Could not save %s", path);
}

static void
on_after_paint (GdkFrameClock     *clock,
                LanyardPageReport *self)
{
  g_autofree char *name = NULL;
  gint64 now = g_get_monotonic_time ();

  if (self->painted != NULL)
    ((void (*) (gpointer)) self->painted) (self->painted_data);
  if (self->page == NULL)
    return;
  name = g_steal_pointer (&self->page);
  /* The picture first: a test reading the log may stop the program. */
  if (self->screenshot_dir != NULL)
    save_screenshot (self, name);
  if (self->log != NULL)
    {
      fprintf (self->log, "%s\n", name);
      fflush (self->log);
    }
  if (self->observer != NULL)
    self->observer (self->window, name, now, self->observer_data);
}

static void
on_realize (LanyardPageReport *self)
{
  self->clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->window));
  self->paint_id = g_signal_connect (self->clock, "after-paint", G_CALLBACK (on_after_paint), self);
}

static void
on_unrealize (LanyardPageReport *self)
{
  if (self->clock != NULL)
    g_clear_signal_handler (&self->paint_id, self->clock);
  self->clock = NULL;
}

LanyardPageReport *
lanyard_page_report_new (GtkWindow                *window,
                         const LanyardKioskConfig *config)
{
  LanyardPageReport *self = g_new0 (LanyardPageReport, 1);

  self->window = window;
  self->screenshot_dir = g_strdup (config->screenshot_dir);
  if (config->page_log != NULL)
    {
      if (g_strcmp0 (config->page_log, "-") == 0)
        self->log = stdout;
      /* Appended: after a mode switch, the next window's pages follow. */
      else if ((self->log = g_fopen (config->page_log, "a")) == NULL)
        g_message ("Cannot write %s", config->page_log);
    }
  self->realize_id = g_signal_connect_swapped (window, "realize", G_CALLBACK (on_realize), self);
  self->unrealize_id = g_signal_connect_swapped (window, "unrealize", G_CALLBACK (on_unrealize), self);
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    on_realize (self);
  return self;
}

void
lanyard_page_report_free (LanyardPageReport *self)
{
  if (self == NULL)
    return;
  on_unrealize (self);
  g_clear_signal_handler (&self->realize_id, self->window);
  g_clear_signal_handler (&self->unrealize_id, self->window);
  if (self->log != NULL && self->log != stdout)
    fclose (self->log);
  g_free (self->screenshot_dir);
  g_free (self->page);
  g_free (self);
}

void
lanyard_page_report_page (LanyardPageReport *self,
                          const char        *name)
{
  g_free (self->page);
  self->page = g_strdup (name);
  gtk_widget_queue_draw (GTK_WIDGET (self->window));
}

void
lanyard_page_report_set_observer (LanyardPageReport *self,
                                  LanyardPageFunc    observer,
                                  gpointer           user_data)
{
  self->observer = observer;
  self->observer_data = user_data;
}

void
lanyard_page_report_set_painted (LanyardPageReport *self,
                                 GCallback          callback,
                                 gpointer           user_data)
{
  self->painted = callback;
  self->painted_data = user_data;
}

/* The window's widget tree as drawn (what --screenshot-dir saves). */
gboolean
lanyard_page_report_save_screenshot (GtkWindow  *window,
                                     const char *path)
{
  GtkWidget *widget = GTK_WIDGET (window);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL || width <= 0 || height <= 0)
    return FALSE;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  return gdk_texture_save_to_png (texture, path);
}
