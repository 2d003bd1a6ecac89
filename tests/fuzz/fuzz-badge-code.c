/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Badge codes as a scanner hands them over: any bytes. Whatever verifies
 * must be exactly the code Lanyard would print for that ticket and version
 * (one badge, one code); base45 that decodes must encode back to itself;
 * and any input taken as a ticket code either is refused or comes back
 * from its own badge code unchanged. The keys come from a fixed seed, so
 * the seed corpus holds real signed codes.
 */
#include "config.h"

#include <sodium.h>
#include <string.h>

#include "lanyard-badge-code.h"
#include "lanyard-fuzz.h"

#define EVENT_ID "MWCC-2026"

static LanyardBadgeKeys keys;

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) raw = NULL;
  g_autofree char *ticket = NULL;
  g_autofree char *text = g_strndup ((const char *) data, size);
  int version = -1;

  if (!keys.has_secret)
    {
      guint8 seed[crypto_sign_SEEDBYTES] = { 0 };

      lanyard_fuzz_abort_on (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      g_assert_cmpint (sodium_init (), >=, 0);
      memcpy (seed, "lanyard fuzz badge key", 22);
      crypto_sign_seed_keypair (keys.public_key, keys.secret_key, seed);
      keys.has_secret = TRUE;
    }

  if (lanyard_badge_code_verify (&keys, EVENT_ID, data, size, &ticket, &version, &error))
    {
      g_autofree char *again = NULL;

      g_assert_no_error (error);
      g_assert_true (lanyard_badge_code_is_badge (data, size));
      again = lanyard_badge_code_encode (&keys, EVENT_ID, ticket, version, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (again, strlen (again), data, size);
    }
  else
    {
      g_assert_nonnull (error);
      g_assert_null (ticket);
      lanyard_fuzz_assert_message (error);
    }
  g_clear_error (&error);

  raw = lanyard_base45_decode ((const char *) data, size);
  if (raw != NULL)
    {
      gsize len;
      const guint8 *bytes = g_bytes_get_data (raw, &len);
      g_autofree char *again = lanyard_base45_encode (bytes, len);

      g_assert_cmpmem (again, strlen (again), data, size);
    }

  /* The input as a ticket code, at the version its length gives. */
  if (strlen (text) == size)
    {
      int want = 1 + (int) (size % 70000);
      g_autofree char *code = lanyard_badge_code_encode (&keys, EVENT_ID, text, want, &error);
      g_autofree char *back = NULL;

      if (code != NULL)
        {
          g_assert_no_error (error);
          g_assert_true (lanyard_badge_code_verify (&keys, EVENT_ID, (const guint8 *) code, strlen (code),
                                                    &back, &version, &error));
          g_assert_no_error (error);
          g_assert_cmpstr (back, ==, text);
          g_assert_cmpint (version, ==, want);
        }
      else
        g_assert_nonnull (error);
    }
  return 0;
}
