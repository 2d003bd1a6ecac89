#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Translations stay whole: every source file with translatable strings is in
# po/POTFILES.in, and each language in po/LINGUAS translates every message
# the sources have now (none missing, none fuzzy, msgfmt --check clean).
# TAP output.
set -u
SRC=${LANYARD_SOURCE_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$SRC/tests/tap.sh"
cd "$SRC"

missing=$(
  { find src -name '*.c' -exec grep -lE '(^|[^a-zA-Z_])(_|N_|C_|NC_|g_dngettext)[[:space:]]*\(' {} +
    find ui -name '*.ui' -exec grep -l 'translatable="yes"' {} +; } |
    sort -u | while read -r f; do grep -qxF "$f" po/POTFILES.in || echo "$f"; done)
[ -z "$missing" ] && ok "po/POTFILES.in lists every file with translatable strings" \
  || not_ok "po/POTFILES.in lists every file with translatable strings" "missing: $missing"

xgettext --from-code=UTF-8 --add-comments=Translators -k_ -kN_ -kC_:1c,2 -kNC_:1c,2 -kg_dngettext:2,3 \
  -kngettext:1,2 -kg_dpgettext2:2c,3 --flag=g_strdup_printf:1:c-format --flag=g_set_error:4:c-format \
  -f po/POTFILES.in -D . -o "$tmp/lanyard.pot" 2>"$tmp/xgettext.log" \
  && ok "xgettext reads every listed file" || not_ok "xgettext" "$(cat "$tmp/xgettext.log")"

for lang in $(grep -v '^#' po/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$tmp/lanyard.pot" -o "$tmp/$lang.po"
  untranslated=$(msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | grep -c '^msgid "[^"]' || true)
  [ "$untranslated" = 0 ] && ok "$lang: every message translated" \
    || not_ok "$lang: every message translated" "$untranslated missing: $(msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | grep '^msgid' | head -8)"
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "po/$lang.po" | grep -c '^msgid "[^"]' || true)
  [ "$fuzzy" = 0 ] && ok "$lang: nothing fuzzy" || not_ok "$lang: nothing fuzzy" "$fuzzy fuzzy"
  msgfmt --check -o /dev/null "po/$lang.po" 2>"$tmp/msgfmt.log" && ok "$lang: msgfmt --check" \
    || not_ok "$lang: msgfmt --check" "$(head -5 "$tmp/msgfmt.log")"
done
tap_done
