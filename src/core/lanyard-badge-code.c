/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "lanyard-badge-code.h"
#include "lanyard-error.h"
#include "lanyard-store.h"

#define FORMAT_VERSION   1
#define TAG_LEN          4
#define MAX_TICKET_LEN   64
#define HEADER_LEN       (1 + TAG_LEN + 2 + 1)
#define SIG_LEN          crypto_sign_BYTES
/* The longest valid code, in characters: anything longer is not ours. */
#define MAX_CODE_LEN     (4 + ((HEADER_LEN + MAX_TICKET_LEN + SIG_LEN) / 2) * 3 + 2)

static const char b45_alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

static gboolean
ensure_sodium (void)
{
  static gsize ok = 0;

  if (g_once_init_enter (&ok))
    g_once_init_leave (&ok, sodium_init () >= 0 ? 1 : 2);
  return ok == 1;
}

char *
lanyard_base45_encode (const guint8 *data,
                       gsize         len)
{
  GString *s = g_string_sized_new (len / 2 * 3 + 3);
  gsize i;

  for (i = 0; i + 1 < len; i += 2)
    {
      guint n = data[i] * 256 + data[i + 1];

      g_string_append_c (s, b45_alphabet[n % 45]);
      g_string_append_c (s, b45_alphabet[(n / 45) % 45]);
      g_string_append_c (s, b45_alphabet[n / 2025]);
    }
  if (i < len)
    {
      guint n = data[i];

      g_string_append_c (s, b45_alphabet[n % 45]);
      g_string_append_c (s, b45_alphabet[n / 45]);
    }
  return g_string_free (s, FALSE);
}

static int
b45_value (char c)
{
  const char *p;

  if (c == '\0')
    return -1;
  p = strchr (b45_alphabet, c);
  return p ? (int) (p - b45_alphabet) : -1;
}

GBytes *
lanyard_base45_decode (const char *text,
                       gsize       len)
{
  g_autoptr(GByteArray) out = NULL;
  gsize i;

  if (len % 3 == 1)
    return NULL;
  out = g_byte_array_sized_new (len / 3 * 2 + 1);
  for (i = 0; i + 2 < len; i += 3)
    {
      int c = b45_value (text[i]), d = b45_value (text[i + 1]), e = b45_value (text[i + 2]);
      guint n;
      guint8 b[2];

      if (c < 0 || d < 0 || e < 0)
        return NULL;
      n = c + d * 45 + e * 2025;
      if (n > 0xffff)
        return NULL;
      b[0] = n >> 8;
      b[1] = n & 0xff;
      g_byte_array_append (out, b, 2);
    }
  if (i < len)
    {
      int c = b45_value (text[i]), d = b45_value (text[i + 1]);
      guint n;
      guint8 b;

      if (c < 0 || d < 0)
        return NULL;
      n = c + d * 45;
      if (n > 0xff)
        return NULL;
      b = n;
      g_byte_array_append (out, &b, 1);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

LanyardBadgeKeys *
lanyard_badge_keys_generate (void)
{
  LanyardBadgeKeys *self;

  if (!ensure_sodium ())
    return NULL;
  self = g_new0 (LanyardBadgeKeys, 1);
  crypto_sign_keypair (self->public_key, self->secret_key);
  self->has_secret = TRUE;
  return self;
}

void
lanyard_badge_keys_free (LanyardBadgeKeys *self)
{
  if (self == NULL)
    return;
  sodium_memzero (self, sizeof *self);
  g_free (self);
}

char *
lanyard_badge_keys_dup_public_base64 (const LanyardBadgeKeys *self)
{
  return g_base64_encode (self->public_key, sizeof self->public_key);
}

static gboolean
read_base64_file (const char *path,
                  guint8     *out,
                  gsize       out_len,
                  GError    **error)
{
  g_autofree char *text = NULL;
  g_autofree guchar *raw = NULL;
  gsize raw_len = 0;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_NO_KEY,
                   _("The badge key %s could not be read. Run “lanyardctl keygen” first."), path);
      return FALSE;
    }
  g_strstrip (text);
  raw = g_base64_decode (text, &raw_len);
  if (raw_len != out_len)
    {
      if (raw != NULL)
        sodium_memzero (raw, raw_len);
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_BAD_KEY,
                   _("The badge key %s is damaged."), path);
      return FALSE;
    }
  memcpy (out, raw, out_len);
  sodium_memzero (raw, raw_len);
  return TRUE;
}

LanyardBadgeKeys *
lanyard_badge_keys_load (const char  *secret_path,
                         const char  *public_path,
                         GError     **error)
{
  g_autoptr(LanyardBadgeKeys) self = g_new0 (LanyardBadgeKeys, 1);

  if (!ensure_sodium ())
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_FAILED, _("The cryptography library did not start."));
      return NULL;
    }
  if (!read_base64_file (public_path, self->public_key, sizeof self->public_key, error))
    return NULL;
  if (secret_path != NULL && g_file_test (secret_path, G_FILE_TEST_EXISTS))
    {
      guint8 derived[32];
      GStatBuf st;

      /* A secret others can read may have been copied: whoever holds it
       * can make badges that open every door. */
      if (g_stat (secret_path, &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        {
          g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_BAD_KEY,
                       _("The badge key %s can be read by other users of this computer, so Lanyard will not use it. "
                         "Make it its owner’s alone (chmod 600 %s), or make new keys if others may have copied it."),
                       secret_path, secret_path);
          return NULL;
        }
      if (!read_base64_file (secret_path, self->secret_key, sizeof self->secret_key, error))
        return NULL;
      crypto_sign_ed25519_sk_to_pk (derived, self->secret_key);
      if (sodium_memcmp (derived, self->public_key, sizeof derived) != 0)
        {
          g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_BAD_KEY,
                       _("The badge keys %s and %s do not belong together."), secret_path, public_path);
          return NULL;
        }
      self->has_secret = TRUE;
    }
  return g_steal_pointer (&self);
}

/* The secret file is created 0600 from the first byte: it is never
 * readable by others, not even between create and chmod. */
static gboolean
write_private_file (const char *path,
                    const char *text,
                    GError    **error)
{
  g_autofree char *tmp = g_strdup_printf ("%s.XXXXXX", path);
  gsize len = strlen (text);
  int fd;

  fd = g_mkstemp_full (tmp, O_WRONLY, 0600);
  if (fd < 0 || write (fd, text, len) != (gssize) len || fsync (fd) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        {
          close (fd);
          g_unlink (tmp);
        }
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_FAILED,
                   _("Could not write the badge key %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_FAILED,
                   _("Could not write the badge key %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

gboolean
lanyard_badge_keys_save (const LanyardBadgeKeys  *self,
                         const char              *secret_path,
                         const char              *public_path,
                         GError                 **error)
{
  g_autofree char *pub = lanyard_badge_keys_dup_public_base64 (self);
  g_autofree char *pub_line = g_strconcat (pub, "\n", NULL);

  if (self->has_secret && secret_path != NULL)
    {
      g_autofree char *sec = g_base64_encode (self->secret_key, sizeof self->secret_key);
      g_autofree char *sec_line = g_strconcat (sec, "\n", NULL);
      gboolean ok = write_private_file (secret_path, sec_line, error);

      sodium_memzero (sec, strlen (sec));
      sodium_memzero (sec_line, strlen (sec_line));
      if (!ok)
        return FALSE;
    }
  if (!g_file_set_contents_full (public_path, pub_line, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error))
    return FALSE;
  return TRUE;
}

static void
store_key_paths (LanyardStore  *store,
                 char         **secret_path,
                 char         **public_path)
{
  const char *db = lanyard_store_get_path (store);

  *secret_path = g_strconcat (db, ".key", NULL);
  *public_path = g_strconcat (db, ".pub", NULL);
}

LanyardBadgeKeys *
lanyard_badge_keys_load_for_store (LanyardStore  *store,
                                   GError       **error)
{
  g_autofree char *secret_path = NULL;
  g_autofree char *public_path = NULL;
  g_autofree char *meta = lanyard_store_get_meta (store, "badge_public_key");
  g_autoptr(LanyardBadgeKeys) keys = NULL;

  store_key_paths (store, &secret_path, &public_path);
  if (g_file_test (public_path, G_FILE_TEST_EXISTS))
    return lanyard_badge_keys_load (secret_path, public_path, error);

  /* A device that synced only the public key verifies, but cannot sign. */
  if (meta != NULL)
    {
      g_autofree guchar *raw = NULL;
      gsize raw_len = 0;

      raw = g_base64_decode (meta, &raw_len);
      if (raw_len == 32)
        {
          keys = g_new0 (LanyardBadgeKeys, 1);
          memcpy (keys->public_key, raw, 32);
          return g_steal_pointer (&keys);
        }
    }
  g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_NO_KEY,
                       _("This device has no badge key yet. Run “lanyardctl keygen”."));
  return NULL;
}

LanyardBadgeKeys *
lanyard_badge_keys_generate_for_store (LanyardStore  *store,
                                       gboolean       overwrite,
                                       GError       **error)
{
  g_autofree char *secret_path = NULL;
  g_autofree char *public_path = NULL;
  g_autofree char *pub = NULL;
  g_autoptr(LanyardBadgeKeys) keys = NULL;

  store_key_paths (store, &secret_path, &public_path);
  if (!overwrite && (g_file_test (secret_path, G_FILE_TEST_EXISTS) ||
                     g_file_test (public_path, G_FILE_TEST_EXISTS)))
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_FAILED,
                   _("Badge keys already exist (%s). New keys would make every printed badge unreadable; use --force if you really mean it."),
                   secret_path);
      return NULL;
    }
  keys = lanyard_badge_keys_generate ();
  if (keys == NULL)
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_FAILED, _("The cryptography library did not start."));
      return NULL;
    }
  if (!lanyard_badge_keys_save (keys, secret_path, public_path, error))
    return NULL;
  pub = lanyard_badge_keys_dup_public_base64 (keys);
  if (!lanyard_store_set_meta (store, "badge_public_key", pub, error))
    return NULL;
  return g_steal_pointer (&keys);
}

static void
event_tag (const char *event_id,
           guint8      tag[TAG_LEN])
{
  guint8 hash[crypto_generichash_BYTES];

  crypto_generichash (hash, sizeof hash, (const guint8 *) event_id, strlen (event_id), NULL, 0);
  memcpy (tag, hash, TAG_LEN);
}

char *
lanyard_badge_code_encode (const LanyardBadgeKeys  *keys,
                           const char              *event_id,
                           const char              *ticket_code,
                           int                      badge_version,
                           GError                 **error)
{
  guint8 msg[HEADER_LEN + MAX_TICKET_LEN + SIG_LEN];
  gsize ticket_len = ticket_code ? strlen (ticket_code) : 0;
  gsize len = 0;
  g_autofree char *b45 = NULL;

  g_return_val_if_fail (keys != NULL && event_id != NULL, NULL);

  if (!keys->has_secret)
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_NO_KEY,
                           _("This device can check badges but not make them: the badge signing key is not here."));
      return NULL;
    }
  if (ticket_len == 0 || ticket_len > MAX_TICKET_LEN || badge_version < 1 || badge_version > 0xffff)
    {
      g_set_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA,
                   _("The ticket code “%s” cannot go on a badge (1 to %d characters)."),
                   ticket_code ? ticket_code : "", MAX_TICKET_LEN);
      return NULL;
    }
  if (!ensure_sodium ())
    {
      g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_FAILED, _("The cryptography library did not start."));
      return NULL;
    }

  msg[len++] = FORMAT_VERSION;
  event_tag (event_id, msg + len);
  len += TAG_LEN;
  msg[len++] = (badge_version >> 8) & 0xff;
  msg[len++] = badge_version & 0xff;
  msg[len++] = (guint8) ticket_len;
  memcpy (msg + len, ticket_code, ticket_len);
  len += ticket_len;
  crypto_sign_detached (msg + len, NULL, msg, len, keys->secret_key);
  len += SIG_LEN;

  b45 = lanyard_base45_encode (msg, len);
  return g_strconcat (LANYARD_BADGE_CODE_PREFIX, b45, NULL);
}

gboolean
lanyard_badge_code_is_badge (const guint8 *payload,
                             gsize         len)
{
  return payload != NULL && len > strlen (LANYARD_BADGE_CODE_PREFIX) &&
         memcmp (payload, LANYARD_BADGE_CODE_PREFIX, strlen (LANYARD_BADGE_CODE_PREFIX)) == 0;
}

static gboolean
not_ours (GError **error)
{
  g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA,
                       _("This is not a badge of this event."));
  return FALSE;
}

/* The same words for people; the code tells a forged or changed badge, or
 * one of another key, from something that is no badge at all. */
static gboolean
not_signed (GError **error)
{
  g_set_error_literal (error, LANYARD_ERROR, LANYARD_ERROR_BAD_SIGNATURE,
                       _("This is not a badge of this event."));
  return FALSE;
}

gboolean
lanyard_badge_code_verify (const LanyardBadgeKeys  *keys,
                           const char              *event_id,
                           const guint8            *payload,
                           gsize                    len,
                           char                   **out_ticket,
                           int                     *out_version,
                           GError                 **error)
{
  gsize prefix = strlen (LANYARD_BADGE_CODE_PREFIX);
  g_autoptr(GBytes) raw = NULL;
  const guint8 *msg;
  gsize msg_len, ticket_len;
  guint8 tag[TAG_LEN];

  g_return_val_if_fail (keys != NULL && event_id != NULL, FALSE);

  if (!lanyard_badge_code_is_badge (payload, len) || len > MAX_CODE_LEN)
    return not_ours (error);
  /* base45 never contains NUL; the decoder checks every character. */
  raw = lanyard_base45_decode ((const char *) payload + prefix, len - prefix);
  if (raw == NULL)
    return not_ours (error);

  msg = g_bytes_get_data (raw, &msg_len);
  if (msg_len < HEADER_LEN + 1 + SIG_LEN || msg[0] != FORMAT_VERSION)
    return not_ours (error);
  ticket_len = msg[HEADER_LEN - 1];
  if (ticket_len == 0 || ticket_len > MAX_TICKET_LEN || msg_len != HEADER_LEN + ticket_len + SIG_LEN)
    return not_ours (error);

  if (!ensure_sodium ())
    return not_ours (error);
  event_tag (event_id, tag);
  if (memcmp (tag, msg + 1, TAG_LEN) != 0)
    return not_ours (error);
  if (crypto_sign_verify_detached (msg + HEADER_LEN + ticket_len, msg, HEADER_LEN + ticket_len,
                                   keys->public_key) != 0)
    return not_signed (error);

  if (out_ticket != NULL)
    *out_ticket = g_strndup ((const char *) msg + HEADER_LEN, ticket_len);
  if (out_version != NULL)
    *out_version = msg[1 + TAG_LEN] << 8 | msg[2 + TAG_LEN];
  return TRUE;
}
