/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "lanyard-badge-code.h"
#include "lanyard-error.h"

static void
test_base45_rfc_vectors (void)
{
  /* RFC 9285 section 4.3 */
  static const struct { const char *in; const char *out; } rows[] = {
    { "AB", "BB8" },
    { "Hello!!", "%69 VD92EX0" },
    { "base-45", "UJCLQE7W581" },
    { "ietf!", "QED8WEX0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *enc = lanyard_base45_encode ((const guint8 *) rows[i].in, strlen (rows[i].in));
      g_autoptr(GBytes) dec = lanyard_base45_decode (rows[i].out, strlen (rows[i].out));
      gsize len;
      const char *data;

      g_assert_cmpstr (enc, ==, rows[i].out);
      g_assert_nonnull (dec);
      data = g_bytes_get_data (dec, &len);
      g_assert_cmpmem (data, len, rows[i].in, strlen (rows[i].in));
    }
  /* invalid: wrong length, character outside the set, value overflow */
  g_assert_null (lanyard_base45_decode ("A", 1));
  g_assert_null (lanyard_base45_decode ("ab8", 3));
  g_assert_null (lanyard_base45_decode ("GGW", 3));
}

static void
test_round_trip (void)
{
  g_autoptr(LanyardBadgeKeys) keys = lanyard_badge_keys_generate ();
  g_autofree char *code = NULL;
  g_autofree char *ticket = NULL;
  g_autoptr(GError) error = NULL;
  int version = 0;

  code = lanyard_badge_code_encode (keys, "MWCC-2026", "MW26-000123", 3, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (code, LANYARD_BADGE_CODE_PREFIX));
  /* QR alphanumeric mode: uppercase, digits and " $%*+-./:" only */
  for (const char *p = code; *p; p++)
    g_assert_nonnull (strchr ("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:", *p));
  g_assert_cmpuint (strlen (code), <, 160);

  g_assert_true (lanyard_badge_code_verify (keys, "MWCC-2026", (const guint8 *) code, strlen (code),
                                            &ticket, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ticket, ==, "MW26-000123");
  g_assert_cmpint (version, ==, 3);

  /* another event's devices refuse it */
  g_assert_false (lanyard_badge_code_verify (keys, "OTHER-2026", (const guint8 *) code, strlen (code),
                                             NULL, NULL, &error));
  g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA);
}

static void
test_public_key_only (void)
{
  g_autoptr(LanyardBadgeKeys) keys = lanyard_badge_keys_generate ();
  g_autoptr(LanyardBadgeKeys) other = lanyard_badge_keys_generate ();
  g_autoptr(LanyardBadgeKeys) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lanyard-keys-XXXXXX", NULL);
  g_autofree char *sec = g_build_filename (dir, "k.key", NULL);
  g_autofree char *pub = g_build_filename (dir, "k.pub", NULL);
  g_autofree char *code = lanyard_badge_code_encode (keys, "E", "T1", 1, NULL);
  GStatBuf st;

  g_assert_true (lanyard_badge_keys_save (keys, sec, pub, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (sec, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* verification needs only the public key */
  loaded = lanyard_badge_keys_load (NULL, pub, &error);
  g_assert_no_error (error);
  g_assert_false (loaded->has_secret);
  g_assert_true (lanyard_badge_code_verify (loaded, "E", (const guint8 *) code, strlen (code), NULL, NULL, NULL));
  g_assert_null (lanyard_badge_code_encode (loaded, "E", "T1", 1, &error));
  g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_NO_KEY);
  g_clear_error (&error);

  /* a code signed by someone else's key */
  g_assert_false (lanyard_badge_code_verify (other, "E", (const guint8 *) code, strlen (code), NULL, NULL, &error));
  g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_BAD_SIGNATURE);

  g_unlink (sec);
  g_unlink (pub);
  g_rmdir (dir);
}

static void
test_every_byte_flipped_and_truncated (void)
{
  g_autoptr(LanyardBadgeKeys) keys = lanyard_badge_keys_generate ();
  g_autofree char *code = lanyard_badge_code_encode (keys, "E", "TICKET-42", 2, NULL);
  gsize len = strlen (code);

  for (gsize i = 0; i < len; i++)
    {
      g_autofree guint8 *copy = g_memdup2 (code, len);

      for (int bit = 0; bit < 8; bit++)
        {
          copy[i] ^= 1 << bit;
          g_assert_false (lanyard_badge_code_verify (keys, "E", copy, len, NULL, NULL, NULL));
          copy[i] ^= 1 << bit;
        }
    }
  for (gsize cut = 0; cut < len; cut++)
    {
      /* a heap copy of exactly `cut` bytes: ASan catches any overread */
      g_autofree guint8 *copy = g_memdup2 (code, cut ? cut : 1);

      g_assert_false (lanyard_badge_code_verify (keys, "E", copy, cut, NULL, NULL, NULL));
    }
}

/* Flips every bit of the signed bytes themselves and encodes them again,
 * so each forgery is well-formed base45: the header checks refuse a
 * changed format, event tag or ticket length; for a changed version,
 * ticket or signature only the signature check is left to refuse. */
static void
test_signed_bytes_flipped (void)
{
  g_autoptr(LanyardBadgeKeys) keys = lanyard_badge_keys_generate ();
  g_autofree char *code = lanyard_badge_code_encode (keys, "E", "TICKET-42", 2, NULL);
  const char *b45 = code + strlen (LANYARD_BADGE_CODE_PREFIX);
  g_autoptr(GBytes) raw = lanyard_base45_decode (b45, strlen (b45));
  gsize len;
  const guint8 *msg = g_bytes_get_data (raw, &len);
  /* format 1, event tag 4, version 2, ticket length 1: see lanyard-badge-code.h */
  const gsize version_at = 5, ticket_at = 8;

  g_assert_cmpuint (len, ==, ticket_at + strlen ("TICKET-42") + 64);
  for (gsize i = 0; i < len; i++)
    for (int bit = 0; bit < 8; bit++)
      {
        g_autofree guint8 *forged = g_memdup2 (msg, len);
        g_autofree char *forged_b45 = NULL;
        g_autofree char *forged_code = NULL;
        g_autoptr(GError) error = NULL;

        forged[i] ^= 1 << bit;
        forged_b45 = lanyard_base45_encode (forged, len);
        forged_code = g_strconcat (LANYARD_BADGE_CODE_PREFIX, forged_b45, NULL);
        g_assert_false (lanyard_badge_code_verify (keys, "E", (const guint8 *) forged_code, strlen (forged_code),
                                                   NULL, NULL, &error));
        if (i >= version_at && i != ticket_at - 1)
          g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_BAD_SIGNATURE);
        else
          g_assert_error (error, LANYARD_ERROR, LANYARD_ERROR_INVALID_DATA);
      }
}

static void
test_hostile_payloads (void)
{
  g_autoptr(LanyardBadgeKeys) keys = lanyard_badge_keys_generate ();
  static const char *payloads[] = {
    "", "L", "LY1:", "LY1:A", "LY1:<b>bold</b>", "LY1:'; DROP TABLE attendee; --",
    "LY1:\xff\xfe\xfd", "LY1:000000000000000000000000000000000",
  };
  g_autofree guint8 *huge = g_malloc (10 * 1024 * 1024);
  const guint8 nul[] = { 'L', 'Y', '1', ':', 0, 'A', 'B', 0 };

  for (guint i = 0; i < G_N_ELEMENTS (payloads); i++)
    g_assert_false (lanyard_badge_code_verify (keys, "E", (const guint8 *) payloads[i],
                                               strlen (payloads[i]), NULL, NULL, NULL));
  g_assert_false (lanyard_badge_code_verify (keys, "E", nul, sizeof nul, NULL, NULL, NULL));
  memset (huge, 'A', 10 * 1024 * 1024);
  memcpy (huge, "LY1:", 4);
  g_assert_false (lanyard_badge_code_verify (keys, "E", huge, 10 * 1024 * 1024, NULL, NULL, NULL));
  g_assert_false (lanyard_badge_code_verify (keys, "E", NULL, 0, NULL, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/badge-code/base45", test_base45_rfc_vectors);
  g_test_add_func ("/badge-code/round-trip", test_round_trip);
  g_test_add_func ("/badge-code/public-key-only", test_public_key_only);
  g_test_add_func ("/badge-code/flipped-truncated", test_every_byte_flipped_and_truncated);
  g_test_add_func ("/badge-code/signed-bytes-flipped", test_signed_bytes_flipped);
  g_test_add_func ("/badge-code/hostile", test_hostile_payloads);
  return g_test_run ();
}
