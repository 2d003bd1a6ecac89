/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lanyard badge codes: what the QR on a printed badge carries.
 *
 *   "LY1:" + base45 (RFC 9285) of
 *     u8   format (1)
 *     u8   event tag[4]    first 4 bytes of BLAKE2b (event id)
 *     u16  badge version   big-endian; a reprint bumps it
 *     u8   ticket length   1..64
 *     u8   ticket code[]   the registration system's code
 *     u8   signature[64]   Ed25519 over every byte before it
 *
 * Every character is in the QR alphanumeric set, so the QR stays small. A
 * device holding only the public key can verify a badge.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LanyardStore LanyardStore;

#define LANYARD_BADGE_CODE_PREFIX "LY1:"

typedef struct {
  guint8   public_key[32];
  guint8   secret_key[64];
  gboolean has_secret;
} LanyardBadgeKeys;

LanyardBadgeKeys *lanyard_badge_keys_generate           (void);
LanyardBadgeKeys *lanyard_badge_keys_load               (const char             *secret_path,
                                                         const char             *public_path,
                                                         GError                **error);
gboolean          lanyard_badge_keys_save               (const LanyardBadgeKeys *self,
                                                         const char             *secret_path,
                                                         const char             *public_path,
                                                         GError                **error);
char             *lanyard_badge_keys_dup_public_base64  (const LanyardBadgeKeys *self);
LanyardBadgeKeys *lanyard_badge_keys_load_for_store     (LanyardStore           *store,
                                                         GError                **error);
LanyardBadgeKeys *lanyard_badge_keys_generate_for_store (LanyardStore           *store,
                                                         gboolean                overwrite,
                                                         GError                **error);
void              lanyard_badge_keys_free               (LanyardBadgeKeys       *self);

char             *lanyard_badge_code_encode             (const LanyardBadgeKeys *keys,
                                                         const char             *event_id,
                                                         const char             *ticket_code,
                                                         int                     badge_version,
                                                         GError                **error);
gboolean          lanyard_badge_code_is_badge           (const guint8           *payload,
                                                         gsize                   len);
gboolean          lanyard_badge_code_verify             (const LanyardBadgeKeys *keys,
                                                         const char             *event_id,
                                                         const guint8           *payload,
                                                         gsize                   len,
                                                         char                  **out_ticket,
                                                         int                    *out_version,
                                                         GError                **error);

/* RFC 9285, exposed for tests */
char             *lanyard_base45_encode                 (const guint8           *data,
                                                         gsize                   len);
GBytes           *lanyard_base45_decode                 (const char             *text,
                                                         gsize                   len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LanyardBadgeKeys, lanyard_badge_keys_free)

G_END_DECLS
