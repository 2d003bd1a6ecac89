/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lanyard-context.h"

struct _LanyardContext
{
  GObject             parent_instance;

  /* owned */
  LanyardKioskConfig *config;
  GSettings          *settings;  /* NULL without the schema */
  LanyardStore       *store;
  LanyardEvent       *event;
  LanyardBadgeKeys   *keys;      /* NULL: no badge key on this device */
};

G_DEFINE_FINAL_TYPE (LanyardContext, lanyard_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_EVENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lanyard_context_dispose (GObject *object)
{
  LanyardContext *self = LANYARD_CONTEXT (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (lanyard_context_parent_class)->dispose (object);
}

static void
lanyard_context_finalize (GObject *object)
{
  LanyardContext *self = LANYARD_CONTEXT (object);

  g_clear_pointer (&self->event, lanyard_event_unref);
  g_clear_pointer (&self->keys, lanyard_badge_keys_free);
  g_clear_pointer (&self->config, lanyard_kiosk_config_free);
  G_OBJECT_CLASS (lanyard_context_parent_class)->finalize (object);
}

static void
lanyard_context_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LanyardContext *self = LANYARD_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      g_value_set_pointer (value, self->event);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lanyard_context_class_init (LanyardContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lanyard_context_dispose;
  object_class->finalize = lanyard_context_finalize;
  object_class->get_property = lanyard_context_get_property;

  /* A pointer, not a boxed copy: holders take a reference of their own. */
  properties[PROP_EVENT] =
    g_param_spec_pointer ("event", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lanyard_context_init (LanyardContext *self)
{
}

LanyardContext *
lanyard_context_new (LanyardKioskConfig *config,
                     GSettings          *settings,
                     GError            **error)
{
  g_autoptr(LanyardContext) self = g_object_new (LANYARD_TYPE_CONTEXT, NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) key_error = NULL;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self->config = config;
  if (settings != NULL)
    self->settings = g_object_ref (settings);
  path = config->db_path != NULL ? g_strdup (config->db_path) : lanyard_store_default_path ();
  self->store = lanyard_store_open (path, error);
  if (self->store == NULL)
    return NULL;
  self->event = lanyard_store_load_event (self->store, error);
  if (self->event == NULL)
    return NULL;
  self->keys = lanyard_badge_keys_load_for_store (self->store, &key_error);
  if (self->keys == NULL)
    g_printerr (_("lanyard: no badge key (%s): badge codes cannot be checked or printed, ticket codes still work\n"),
                key_error != NULL ? key_error->message : _("none in the database"));
  return g_steal_pointer (&self);
}

LanyardStore *
lanyard_context_get_store (LanyardContext *self)
{
  g_return_val_if_fail (LANYARD_IS_CONTEXT (self), NULL);
  return self->store;
}

const LanyardEvent *
lanyard_context_get_event (LanyardContext *self)
{
  g_return_val_if_fail (LANYARD_IS_CONTEXT (self), NULL);
  return self->event;
}

const LanyardBadgeKeys *
lanyard_context_get_keys (LanyardContext *self)
{
  g_return_val_if_fail (LANYARD_IS_CONTEXT (self), NULL);
  return self->keys;
}

const LanyardKioskConfig *
lanyard_context_get_config (LanyardContext *self)
{
  g_return_val_if_fail (LANYARD_IS_CONTEXT (self), NULL);
  return self->config;
}

const char *
lanyard_context_get_device (LanyardContext *self)
{
  g_return_val_if_fail (LANYARD_IS_CONTEXT (self), NULL);
  return lanyard_kiosk_config_get_device (self->config);
}

gboolean
lanyard_context_reload_event (LanyardContext *self,
                              GError        **error)
{
  g_autoptr(LanyardEvent) event = NULL;

  g_return_val_if_fail (LANYARD_IS_CONTEXT (self), FALSE);

  event = lanyard_store_load_event (self->store, error);
  if (event == NULL)
    return FALSE;
  /* Holders of the old event keep it alive until they have followed. */
  g_clear_pointer (&self->event, lanyard_event_unref);
  self->event = g_steal_pointer (&event);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT]);
  return TRUE;
}

void
lanyard_context_set_mode (LanyardContext *self,
                          const char     *mode)
{
  g_return_if_fail (LANYARD_IS_CONTEXT (self));
  g_return_if_fail (lanyard_kiosk_mode_is_valid (mode));

  lanyard_context_remember (self, "mode", mode);
  g_free (self->config->mode);
  self->config->mode = g_strdup (mode);
}

void
lanyard_context_remember (LanyardContext *self,
                          const char     *key,
                          const char     *value)
{
  g_return_if_fail (LANYARD_IS_CONTEXT (self));
  if (self->settings != NULL)
    g_settings_set_string (self->settings, key, value);
}
