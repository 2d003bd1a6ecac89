/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lanyard-application.h"
#include "lanyard-camera-feed.h"
#include "lanyard-language.h"
#include "lanyard-welcome-page.h"

struct _LanyardWelcomePage
{
  AdwBin          parent_instance;

  /* template widgets */
  GtkPicture     *preview;
  GtkDrawingArea *guide;
  GtkWidget      *camera_problem;
  GtkLabel       *camera_message;
  GtkWidget      *printer_problem;
  GtkLabel       *printer_message;
  GtkLabel       *title;
  GtkLabel       *hint;
  GtkImage       *claim_icon;
  GtkLabel       *claim_label;
  GtkMenuButton  *language_button;
  GtkLabel       *language_name;
  GtkBox         *language_list;
};

G_DEFINE_FINAL_TYPE (LanyardWelcomePage, lanyard_welcome_page, ADW_TYPE_BIN)

/* Four corner brackets around the middle of the picture, where a code
 * held up is read best; white with a dark edge, visible on any scene. */
static void
draw_guide (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  double side = MIN (width, height) * 0.62;
  double x = (width - side) / 2, y = (height - side) / 2;
  double arm = side * 0.22;

  for (int pass = 0; pass < 2; pass++)
    {
      cairo_new_path (cr);
      for (int corner = 0; corner < 4; corner++)
        {
          double cx = corner % 2 ? x + side : x;
          double cy = corner / 2 ? y + side : y;
          double dx = corner % 2 ? -arm : arm;
          double dy = corner / 2 ? -arm : arm;

          cairo_move_to (cr, cx + dx, cy);
          cairo_line_to (cr, cx, cy);
          cairo_line_to (cr, cx, cy + dy);
        }
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      if (pass == 0)
        {
          cairo_set_source_rgba (cr, 0, 0, 0, 0.45);
          cairo_set_line_width (cr, 14);
        }
      else
        {
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_set_line_width (cr, 8);
        }
      cairo_stroke (cr);
    }
}

void
lanyard_welcome_page_set_frame (LanyardWelcomePage *self,
                                GBytes             *rgb,
                                int                 width,
                                int                 height,
                                int                 stride)
{
  g_autoptr(GdkTexture) texture = NULL;

  g_return_if_fail (LANYARD_IS_WELCOME_PAGE (self));

  texture = lanyard_camera_feed_texture_new (rgb, width, height, stride);
  if (texture != NULL)
    gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (texture));
}

void
lanyard_welcome_page_set_camera_message (LanyardWelcomePage *self,
                                         const char         *message)
{
  g_return_if_fail (LANYARD_IS_WELCOME_PAGE (self));

  gtk_label_set_text (self->camera_message, message != NULL ? message : "");
  gtk_widget_set_visible (self->camera_problem, message != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->guide), message == NULL);
  if (message != NULL)
    gtk_picture_set_paintable (self->preview, NULL);
}

/* The way in to "My credits & certificate" (@claiming: on it already, the
 * button leads back to checking in). */
void
lanyard_welcome_page_set_claiming (LanyardWelcomePage *self,
                                   gboolean            claiming)
{
  g_return_if_fail (LANYARD_IS_WELCOME_PAGE (self));
  gtk_label_set_text (self->title, claiming ? _("My credits & certificate") : _("Welcome"));
  gtk_label_set_text (self->hint, claiming ? _("Hold your badge or your QR code up to the camera")
                                           : _("Hold your QR code up to the camera"));
  gtk_label_set_text (self->claim_label, claiming ? _("Check in instead") : _("My credits & certificate"));
  gtk_image_set_from_icon_name (self->claim_icon, claiming ? "go-previous-symbolic" : "document-print-symbolic");
}

void
lanyard_welcome_page_set_printer_message (LanyardWelcomePage *self,
                                          const char         *message)
{
  g_return_if_fail (LANYARD_IS_WELCOME_PAGE (self));

  gtk_label_set_text (self->printer_message, message != NULL ? message : "");
  gtk_widget_set_visible (self->printer_problem, message != NULL);
}

static void
lanyard_welcome_page_class_init (LanyardWelcomePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lanyard/Lanyard/kiosk/lanyard-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LanyardWelcomePage, preview);
  gtk_widget_class_bind_template_child (widget_class, LanyardWelcomePage, guide);
  gtk_widget_class_bind_template_child (widget_class, LanyardWelcomePage, camera_problem);
  gtk_widget_class_bind_template_child (widget_class, LanyardWelcomePage, camera_message);
  gtk_widget_class_bind_template_child (widget_class, LanyardWelcomePage, printer_problem);
  gtk_widget_class_bind_template_child (widget_class, LanyardWelcomePage, printer_message);
  gtk_widget_class_bind_template_child (widget_class, LanyardWelcomePage, title);
  gtk_widget_class_bind_template_child (widget_class, LanyardWelcomePage, hint);
  gtk_widget_class_bind_template_child (widget_class, LanyardWelcomePage, claim_icon);
  gtk_widget_class_bind_template_child (widget_class, LanyardWelcomePage, claim_label);
  gtk_widget_class_bind_template_child (widget_class, LanyardWelcomePage, language_button);
  gtk_widget_class_bind_template_child (widget_class, LanyardWelcomePage, language_name);
  gtk_widget_class_bind_template_child (widget_class, LanyardWelcomePage, language_list);
}

/* One button a language, in its own name (kiosk.language), the one spoken
 * now marked as chosen; the page is built again in the one picked. */
static void
fill_languages (LanyardWelcomePage *self)
{
  const LanyardLanguage *current = lanyard_language_get_current ();
  gsize n;
  const LanyardLanguage *languages = lanyard_languages (&n);

  gtk_label_set_text (self->language_name, current->name);
  for (gsize i = 0; i < n; i++)
    {
      GtkWidget *button = gtk_button_new_with_label (languages[i].name);

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "kiosk.language");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", languages[i].code);
      gtk_widget_add_css_class (button, "language-choice");
      if (&languages[i] == current)
        {
          gtk_widget_add_css_class (button, "suggested-action");
          gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_SELECTED, TRUE, -1);
        }
      gtk_box_append (self->language_list, button);
    }
}

static void
lanyard_welcome_page_init (LanyardWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->guide, draw_guide, NULL, NULL);
  fill_languages (self);
}
