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

/* The program's style sheet, once per display: every window that fills a
 * screen needs it, whether the application made it or a test did. */
static void
ensure_style (GdkDisplay *display)
{
  g_autoptr(GtkCssProvider) css = NULL;

  if (g_object_get_data (G_OBJECT (display), "lanyard-style") != NULL)
    return;
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/org/lanyard/Lanyard/kiosk.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data (G_OBJECT (display), "lanyard-style", GINT_TO_POINTER (TRUE));
}

/* Without a window manager (a bare X server in tests) fullscreen is only a
 * wish: ask for the screen's size too. The screen's size and shape choose
 * the layout. */
void
lanyard_screen_layout_fill_screen (GtkWindow *window)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  GListModel *monitors = gdk_display_get_monitors (display);
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);

  ensure_style (display);
  if (g_object_get_data (G_OBJECT (display), "lanyard-windowed") != NULL)
    {
      /* two fit side by side on a 1920-wide screen */
      lanyard_screen_layout_apply (window, 940, 700);
      gtk_window_set_default_size (window, 940, 700);
      return;
    }
  if (monitor != NULL)
    lanyard_screen_layout_attach (window, monitor);
  gtk_window_fullscreen (window);
}

void
lanyard_screen_layout_set_windowed (GdkDisplay *display,
                                    gboolean    windowed)
{
  g_return_if_fail (GDK_IS_DISPLAY (display));
  g_object_set_data (G_OBJECT (display), "lanyard-windowed", GINT_TO_POINTER (windowed));
}
