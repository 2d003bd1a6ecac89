/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lanyard-context.h"
#include "lanyard-error.h"
#include "lanyard-sync-worker.h"

struct _LanyardContext
{
  GObject             parent_instance;

  /* owned */
  LanyardKioskConfig *config;
  GSettings          *settings;  /* NULL without the schema */
  LanyardStore       *store;
  LanyardEvent       *event;
  LanyardBadgeKeys   *keys;      /* NULL: no badge key on this device */
  gint64              event_stamp; /* lanyard_store_get_event_stamp of event */
  LanyardSyncWorker  *sync;      /* NULL: the store follows no hub */
  char               *hub_device; /* its name at the hub, once it follows one */
};

G_DEFINE_FINAL_TYPE (LanyardContext, lanyard_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_EVENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SYNC_CHANGED,
  ROWS_PULLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
lanyard_context_dispose (GObject *object)
{
  LanyardContext *self = LANYARD_CONTEXT (object);

  /* Asks the worker's thread to stop without waiting for it: it may be
   * inside a network call, and this runs on the GTK thread. */
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_clear_object (&self->sync);
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
  g_free (self->hub_device);
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

  signals[SYNC_CHANGED] =
    g_signal_new ("sync-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[ROWS_PULLED] =
    g_signal_new ("rows-pulled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
lanyard_context_init (LanyardContext *self)
{
}

/* A database that joined a hub and never synced has no event yet: its
 * first sync brings it, before any window (later syncs run on the
 * worker's thread). */
static gboolean
first_sync_if_joined (LanyardStore  *store,
                      GError       **error)
{
  g_autoptr(GError) sync_error = NULL;

  if (lanyard_store_get_event_stamp (store) != 0 || !lanyard_sync_is_joined (store))
    return TRUE;
  g_message ("sync: no event here yet; the first sync brings it");
  if (lanyard_sync_once (store, NULL, &sync_error))
    return TRUE;
  g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_NO_EVENT,
               _("This device follows a hub but has not received the event from it yet: %s"),
               sync_error->message);
  return FALSE;
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
  if (!first_sync_if_joined (self->store, error))
    return NULL;
  self->event_stamp = lanyard_store_get_event_stamp (self->store);
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
  if (self->hub_device != NULL)
    return self->hub_device;
  return lanyard_kiosk_config_get_device (self->config);
}

gboolean
lanyard_context_reload_event (LanyardContext *self,
                              GError        **error)
{
  g_autoptr(LanyardEvent) event = NULL;
  gint64 stamp;

  g_return_val_if_fail (LANYARD_IS_CONTEXT (self), FALSE);

  stamp = lanyard_store_get_event_stamp (self->store);
  event = lanyard_store_load_event (self->store, error);
  if (event == NULL)
    return FALSE;
  self->event_stamp = stamp;
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

/* ------------------------------------------------------------------ */
/* Sync                                                                 */

static void
on_sync_status_changed (LanyardContext *self)
{
  g_autoptr(LanyardSyncStatus) status = lanyard_sync_worker_get_status (self->sync);
  g_autofree char *words = lanyard_context_describe_sync (self);

  /* The kiosk shows attendees nothing of it; staff read it in the log. */
  if (status->last_error != NULL)
    g_message ("sync: %s (%s)", words, status->last_error);
  else
    g_debug ("sync: %s", words);
  g_signal_emit (self, signals[SYNC_CHANGED], 0);
}

static void
on_sync_pulled (LanyardContext *self,
                guint           rows)
{
  g_autoptr(GError) error = NULL;

  /* A pull brings a new event only when the CME office loaded one; it is
   * saved with a new stamp, so one comparison tells. */
  if (lanyard_store_get_event_stamp (self->store) != self->event_stamp)
    {
      if (self->keys == NULL)
        self->keys = lanyard_badge_keys_load_for_store (self->store, NULL);
      if (!lanyard_context_reload_event (self, &error))
        g_message ("sync: the event could not be read after a pull: %s", error->message);
    }
  g_signal_emit (self, signals[ROWS_PULLED], 0, rows);
}

gboolean
lanyard_context_start_sync (LanyardContext *self)
{
  g_return_val_if_fail (LANYARD_IS_CONTEXT (self), FALSE);

  if (self->sync != NULL)
    return TRUE;
  if (!lanyard_sync_is_joined (self->store))
    return FALSE;
  self->hub_device = lanyard_sync_dup_device_name (self->store);
  /* a kiosk's or a desk's connection brought the badge key */
  if (self->keys == NULL)
    self->keys = lanyard_badge_keys_load_for_store (self->store, NULL);
  self->sync = lanyard_sync_worker_new (lanyard_store_get_path (self->store));
  g_signal_connect_object (self->sync, "status-changed", G_CALLBACK (on_sync_status_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "pulled", G_CALLBACK (on_sync_pulled), self, G_CONNECT_SWAPPED);
  lanyard_sync_worker_start (self->sync);
  return TRUE;
}

#define HUB_CONNECTION_HEADER "[Lanyard Hub]"

gboolean
lanyard_context_is_hub_connection (const guint8 *code,
                                   gsize         len)
{
  return code != NULL && len > strlen (HUB_CONNECTION_HEADER) &&
         memcmp (code, HUB_CONNECTION_HEADER, strlen (HUB_CONNECTION_HEADER)) == 0;
}

gboolean
lanyard_context_join_hub (LanyardContext  *self,
                          const guint8    *data,
                          gsize            len,
                          GError         **error)
{
  g_autofree char *device = NULL;

  g_return_val_if_fail (LANYARD_IS_CONTEXT (self), FALSE);

  if (lanyard_sync_is_joined (self->store))
    {
      g_autofree char *name = lanyard_sync_dup_device_name (self->store);

      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA,
                   _("This device follows a hub already, as “%s”."), name);
      return FALSE;
    }
  if (!lanyard_sync_join_data (self->store, (const char *) data, len, &device, error))
    return FALSE;
  g_message ("sync: this device now follows the hub as %s", device);
  lanyard_context_start_sync (self);
  g_signal_emit (self, signals[SYNC_CHANGED], 0);
  return TRUE;
}

LanyardSyncStatus *
lanyard_context_get_sync_status (LanyardContext *self)
{
  g_return_val_if_fail (LANYARD_IS_CONTEXT (self), NULL);
  return self->sync != NULL ? lanyard_sync_worker_get_status (self->sync) : NULL;
}

char *
lanyard_context_describe_sync (LanyardContext *self)
{
  g_autoptr(LanyardSyncStatus) status = NULL;
  g_autoptr(GTimeZone) tz = NULL;

  g_return_val_if_fail (LANYARD_IS_CONTEXT (self), NULL);

  status = lanyard_context_get_sync_status (self);
  if (status == NULL)
    return NULL;
  tz = g_time_zone_new_identifier (self->event != NULL ? self->event->time_zone : NULL);
  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  return lanyard_sync_status_describe (status, g_get_real_time (), tz);
}
