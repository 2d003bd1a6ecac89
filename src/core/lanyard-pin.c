/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "lanyard-error.h"
#include "lanyard-pin.h"

#define META_HASH      "staff_pin_hash"
#define META_FAILURES  "staff_pin_failures"
#define META_LOCKED    "staff_pin_locked_until"

static gboolean
valid_pin (const char *pin)
{
  gsize len = pin ? strlen (pin) : 0;

  if (len < 4 || len > 12)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (pin[i]))
      return FALSE;
  return TRUE;
}

gboolean
lanyard_pin_set (LanyardStore  *store,
                 const char    *pin,
                 GError       **error)
{
  char hash[crypto_pwhash_STRBYTES];

  if (!valid_pin (pin))
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA,
                           _("A staff PIN is 4 to 12 digits."));
      return FALSE;
    }
  if (sodium_init () < 0 ||
      crypto_pwhash_str (hash, pin, strlen (pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_FAILED,
                           _("Not enough memory to protect the PIN."));
      return FALSE;
    }
  return lanyard_store_set_meta (store, META_HASH, hash, error) &&
         lanyard_store_set_meta (store, META_FAILURES, "0", error) &&
         lanyard_store_set_meta (store, META_LOCKED, "0", error);
}

static gint64
meta_int (LanyardStore *store,
          const char   *key)
{
  g_autofree char *v = lanyard_store_get_meta (store, key);

  return v ? g_ascii_strtoll (v, NULL, 10) : 0;
}

static void
meta_set_int (LanyardStore *store,
              const char   *key,
              gint64        value)
{
  g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  lanyard_store_set_meta (store, key, v, NULL);
}

gboolean
lanyard_pin_verify (LanyardStore  *store,
                    const char    *pin,
                    gint64         now,
                    GError       **error)
{
  g_autofree char *hash = lanyard_store_get_meta (store, META_HASH);
  gint64 locked_until = meta_int (store, META_LOCKED);
  gint64 failures;

  if (hash == NULL || *hash == '\0')
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_PIN_NOT_SET,
                           _("No staff PIN is set on this device. Set one with “lanyardctl set-pin”."));
      return FALSE;
    }
  if (now < locked_until)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PIN_LOCKED,
                   _("Too many wrong PINs. Try again in %d seconds."),
                   (int) ((locked_until - now + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC));
      return FALSE;
    }
  if (sodium_init () >= 0 && pin != NULL && valid_pin (pin) &&
      crypto_pwhash_str_verify (hash, pin, strlen (pin)) == 0)
    {
      meta_set_int (store, META_FAILURES, 0);
      return TRUE;
    }

  failures = meta_int (store, META_FAILURES) + 1;
  if (failures >= LANYARD_PIN_MAX_TRIES)
    {
      meta_set_int (store, META_LOCKED, now + LANYARD_PIN_LOCK_SECONDS * G_USEC_PER_SEC);
      meta_set_int (store, META_FAILURES, 0);
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_PIN_LOCKED,
                   _("Too many wrong PINs. Try again in %d seconds."), LANYARD_PIN_LOCK_SECONDS);
      return FALSE;
    }
  meta_set_int (store, META_FAILURES, failures);
  g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_PIN_WRONG, _("Wrong PIN."));
  return FALSE;
}
