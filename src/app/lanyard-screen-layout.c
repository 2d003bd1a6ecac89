/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "lanyard-screen-layout.h"

static GtkPicture *
find_picture (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkPicture *found;

      if (GTK_IS_PICTURE (child))
        return GTK_PICTURE (child);
      if ((found = find_picture (child)) != NULL)
        return found;
    }
  return NULL;
}

/* A camera's frame: the camera's own 16:9 on a landscape screen; on a
 * portrait one, square, with the middle of the picture (cropped at the
 * sides rather than letterboxed). */
static void
shape_camera (GtkAspectFrame *frame,
              gboolean        portrait)
{
  GtkPicture *picture = find_picture (GTK_WIDGET (frame));

  gtk_aspect_frame_set_ratio (frame, portrait ? 1.0f : 16.0f / 9.0f);
  if (picture != NULL)
    gtk_picture_set_content_fit (picture, portrait ? GTK_CONTENT_FIT_COVER : GTK_CONTENT_FIT_CONTAIN);
}

static void
flip_all (GtkWidget *root,
          gboolean   portrait,
          gboolean   narrow)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_ORIENTABLE (child) && gtk_widget_has_css_class (child, "screen-flip"))
        gtk_orientable_set_orientation (GTK_ORIENTABLE (child),
                                        portrait ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
      if (GTK_IS_ORIENTABLE (child) && gtk_widget_has_css_class (child, "narrow-flip"))
        gtk_orientable_set_orientation (GTK_ORIENTABLE (child),
                                        narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
      if (GTK_IS_ASPECT_FRAME (child) && gtk_widget_has_css_class (child, "screen-camera"))
        shape_camera (GTK_ASPECT_FRAME (child), portrait);
      flip_all (child, portrait, narrow);
    }
}

void
lanyard_screen_layout_apply (GtkWindow *window,
                             int        width,
                             int        height)
{
  GtkWidget *widget = GTK_WIDGET (window);
  gboolean portrait = height > width;
  gboolean compact = !portrait && height < LANYARD_SCREEN_COMPACT_HEIGHT;
  gboolean narrow = width < LANYARD_SCREEN_NARROW_WIDTH;

  g_return_if_fail (GTK_IS_WINDOW (window));
  if (width <= 0 || height <= 0)
    return;
  if (portrait)
    {
      gtk_widget_remove_css_class (widget, "landscape");
      gtk_widget_add_css_class (widget, "portrait");
    }
  else
    {
      gtk_widget_remove_css_class (widget, "portrait");
      gtk_widget_add_css_class (widget, "landscape");
    }
  if (compact)
    gtk_widget_add_css_class (widget, "compact");
  else
    gtk_widget_remove_css_class (widget, "compact");
  if (narrow)
    gtk_widget_add_css_class (widget, "narrow");
  else
    gtk_widget_remove_css_class (widget, "narrow");
  flip_all (widget, portrait, narrow);
}

static void
on_geometry (GdkMonitor *monitor,
             GParamSpec *pspec,
             GtkWindow  *window)
{
  GdkRectangle geometry;

  (void) pspec;
  gdk_monitor_get_geometry (monitor, &geometry);
  gtk_window_set_default_size (window, geometry.width, geometry.height);
  lanyard_screen_layout_apply (window, geometry.width, geometry.height);
}

void
lanyard_screen_layout_attach (GtkWindow  *window,
                              GdkMonitor *monitor)
{
  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (GDK_IS_MONITOR (monitor));

  on_geometry (monitor, NULL, window);
  g_signal_connect_object (monitor, "notify::geometry", G_CALLBACK (on_geometry), window, 0);
}
