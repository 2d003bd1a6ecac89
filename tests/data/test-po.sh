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
  -kngettext:1,2 -kg_dpgettext2:2c,3 -klanyard_render_gettext:2 -klanyard_render_pgettext:2c,3 \
  -klanyard_render_ngettext:2,3 --flag=g_strdup_printf:1:c-format --flag=g_set_error:4:c-format \
  -f po/POTFILES.in -D . -o "$tmp/lanyard.pot" 2>"$tmp/xgettext.log" \
  && ok "xgettext reads every listed file" || not_ok "xgettext" "$(cat "$tmp/xgettext.log")"

# msgfmt --statistics counts messages, however their msgid is wrapped.
stats () { LC_ALL=C msgfmt --statistics -o /dev/null "$1" 2>&1; }
total=$(stats "$tmp/lanyard.pot" | sed -n 's/^0 translated messages, \([0-9]*\) untranslated messages\.$/\1/p')
[ -n "$total" ] && ok "the sources have $total messages" || not_ok "count the messages" "$(stats "$tmp/lanyard.pot")"

for lang in $(grep -v '^#' po/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$tmp/lanyard.pot" -o "$tmp/$lang.po"
  got=$(stats "$tmp/$lang.po")
  [ "$got" = "$total translated messages." ] && ok "$lang: every message translated ($got)" \
    || not_ok "$lang: every message translated" "$got; $(msgattrib --untranslated --no-obsolete --no-wrap "$tmp/$lang.po" | grep '^msgid "[^"]' | head -8)"
  got=$(stats "po/$lang.po")
  case "$got" in *fuzzy*) not_ok "$lang: nothing fuzzy" "$got";; *) ok "$lang: nothing fuzzy";; esac
  msgfmt --check -o /dev/null "po/$lang.po" 2>"$tmp/msgfmt.log" && ok "$lang: msgfmt --check" \
    || not_ok "$lang: msgfmt --check" "$(head -5 "$tmp/msgfmt.log")"
done
tap_done
