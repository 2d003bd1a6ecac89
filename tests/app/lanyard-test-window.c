/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lanyard-pin.h"
#include "lanyard-test-window.h"
#include "lanyard-window.h"

static char *last_page;

void
lanyard_test_spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE), g_usleep (2000);
}

void
lanyard_test_page_seen (GtkWindow  *window,
                        const char *page,
                        gint64      painted_at,
                        gpointer    user_data)
{
  (void) window;
  (void) painted_at;
  (void) user_data;
  g_free (last_page);
  last_page = g_strdup (page);
}

const char *
lanyard_test_last_page (void)
{
  return last_page;
}

void
lanyard_test_wait_page (const char *page)
{
  gint64 until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_strcmp0 (last_page, page) != 0 && g_get_monotonic_time () < until)
    lanyard_test_spin (20);
  g_assert_cmpstr (last_page, ==, page);
}

GtkWidget *
lanyard_test_find_widget (GtkWidget *root,
                          GType      type,
                          gboolean   mapped_only)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (mapped_only && !gtk_widget_get_mapped (child))
        continue;
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = lanyard_test_find_widget (child, type, mapped_only)) != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
lanyard_test_label_containing (GtkWidget  *root,
                               const char *needle)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_LABEL (child) && strstr (gtk_label_get_text (GTK_LABEL (child)), needle) != NULL)
        return child;
      if ((found = lanyard_test_label_containing (child, needle)) != NULL)
        return found;
    }
  return NULL;
}

const char *
lanyard_test_label_text_containing (GtkWidget  *root,
                                    const char *needle)
{
  GtkWidget *label = lanyard_test_label_containing (root, needle);

  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

const char *
lanyard_test_any_text_containing (GtkWidget  *root,
                                  const char *needle)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      const char *text = NULL;

      if (GTK_IS_LABEL (child))
        text = gtk_label_get_text (GTK_LABEL (child));
      else if (GTK_IS_EDITABLE (child))
        text = gtk_editable_get_text (GTK_EDITABLE (child));
      if (text != NULL && strstr (text, needle) != NULL)
        return text;
      if ((text = lanyard_test_any_text_containing (child, needle)) != NULL)
        return text;
    }
  return NULL;
}

void
lanyard_test_type_keys (LanyardKeyboard *kb,
                        const char      *text,
                        guint            settle_ms)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      char key[8] = { 0 };

      g_unichar_to_utf8 (g_utf8_get_char (p), key);
      lanyard_keyboard_type (kb, key);
    }
  lanyard_test_spin (settle_ms);
}

void
lanyard_test_shoot (GtkWindow  *window,
                    const char *dir,
                    const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  gboolean saved = FALSE;

  /* once drawn at its size (a new dialog takes a while under ASan) */
  lanyard_test_spin (300);
  for (int i = 0; i < 100 && !(saved = lanyard_window_save_screenshot (window, path)); i++)
    lanyard_test_spin (50);
  g_assert_true (saved);
}

void
lanyard_test_run (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

GtkWindow *
lanyard_test_other_window (GtkWindow *mine)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (w != mine && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

void
lanyard_test_open_demo_app (LanyardApplication *app,
                            LanyardKioskConfig *config,
                            const char         *ctl,
                            const char         *pin)
{
  const char *src = g_getenv ("LANYARD_SOURCE_DIR");
  g_autofree char *event = g_build_filename (src, "data", "demo", "event.json", NULL);
  g_autofree char *regs = g_build_filename (src, "data", "demo", "registrations.csv", NULL);
  g_autoptr(GError) error = NULL;

  lanyard_test_run ((const char *[]) { ctl, "--db", config->db_path, "init", "--event", event, NULL });
  lanyard_test_run ((const char *[]) { ctl, "--db", config->db_path, "import", regs, NULL });
  g_assert_true (lanyard_application_open (app, config, &error));
  g_assert_no_error (error);
  g_assert_true (lanyard_pin_set (lanyard_context_get_store (lanyard_application_get_context (app)), pin, &error));
  g_assert_no_error (error);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
}

void
lanyard_test_remove_db (const char *dir,
                        const char *db_name)
{
  const char *suffixes[] = { "", "-wal", "-shm", ".key", ".pub" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (db_name, suffixes[i], NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}
