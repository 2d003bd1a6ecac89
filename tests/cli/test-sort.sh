#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# badges --all in alphabetical order, in the event's language: the demo's
# registrations of twenty last names (one row each), the demo event with
# its "language" set, the badges' last names read back page by page with
# pdftotext. Runs in the C.UTF-8 locale, where code point order put Çelik,
# Öztürk, Đức and Żak after Yıldız and Muñoz before Müller. TAP output.
set -u
C=${LANYARDCTL:?}
SRC=${LANYARD_SOURCE_DIR:?}
DEMO="$SRC/data/demo"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$SRC/tests/tap.sh"

names="Çelik D'Arcy Dubois-Moreau Đức Ibáñez Iyer Lefèvre Müller Muñoz O'Brien Okafor Öztürk Schäfer Sharma Smith Williams Wiśniewska Wójcik Yıldız Żak"
# One demo row per last name.
python3 - "$DEMO/registrations.csv" "$tmp/some.csv" $names <<'PY'
import csv, sys
src, dst, wanted = sys.argv[1], sys.argv[2], sys.argv[3:]
rows = list(csv.reader(open(src, encoding="utf-8")))
seen, out = set(), [rows[0]]
for r in rows[1:]:
    if r[2] in wanted and r[2] not in seen and r[9] == "active":
        seen.add(r[2]); out.append(r)
assert seen == set(wanted), set(wanted) - seen
csv.writer(open(dst, "w", encoding="utf-8", newline="")).writerows(out)
PY

# The last names on the badges, in page order.
badge_order () { # badge_order LANGUAGE
  local db="$tmp/$1.db"
  python3 -c "import json,sys; e=json.load(open(sys.argv[1])); e['language']=sys.argv[2]; json.dump(e, open(sys.argv[3],'w'), ensure_ascii=False)" \
    "$DEMO/event.json" "$1" "$tmp/event-$1.json"
  LANYARD_DB=$db "$C" init --event "$tmp/event-$1.json" >/dev/null \
    && LANYARD_DB=$db "$C" import "$tmp/some.csv" >/dev/null \
    && LANYARD_DB=$db "$C" badges --all --pdf "$tmp/$1.pdf" >/dev/null || return 1
  pdftotext -enc UTF-8 "$tmp/$1.pdf" - | python3 -c "
import sys
names = sys.argv[1:]
for page in sys.stdin.read().split('\f'):
    lines = [l.strip() for l in page.splitlines()]
    hit = [n for n in names if n in lines]
    if hit: print(hit[0])" $names | tr '\n' ' ' | sed 's/ $//'
}

# Hand-written from each language's alphabet (CLDR): for these names,
# accents are a second thought in Polish, Vietnamese, Spanish, German and
# English but Đ (a letter of its own after D); punctuation comes before
# letters (D'Arcy, O'Brien).
common="Çelik D'Arcy Dubois-Moreau Đức Ibáñez Iyer Lefèvre Müller Muñoz O'Brien Okafor Öztürk Schäfer Sharma Smith Williams Wiśniewska Wójcik Yıldız Żak"
for lang in pl vi es de en-US; do
  got=$(badge_order "$lang")
  [ "$got" = "$common" ] && ok "badges --all in $lang order" || not_ok "badges --all in $lang order" "got:    $got
want:   $common"
done
# Turkish: Ü is a letter of its own after U (as Ç, Ö and Ş are), so Muñoz
# comes before Müller.
want="Çelik D'Arcy Dubois-Moreau Đức Ibáñez Iyer Lefèvre Muñoz Müller O'Brien Okafor Öztürk Schäfer Sharma Smith Williams Wiśniewska Wójcik Yıldız Żak"
got=$(badge_order tr)
[ "$got" = "$want" ] && ok "badges --all in tr order (Muñoz before Müller)" || not_ok "badges --all in tr order" "got:    $got
want:   $want"
# Swedish, to show the language is the event's: Ö is the last letter, ü is y.
want="Çelik D'Arcy Dubois-Moreau Đức Ibáñez Iyer Lefèvre Muñoz Müller O'Brien Okafor Schäfer Sharma Smith Williams Wiśniewska Wójcik Yıldız Żak Öztürk"
got=$(badge_order sv)
[ "$got" = "$want" ] && ok "badges --all in sv order (Öztürk last, Müller after Muñoz)" || not_ok "badges --all in sv order" "got:    $got
want:   $want"

tap_done
