# shellcheck shell=bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# no_personal_data DESCRIPTION FILE…: one TAP line; fails if a log holds
# any e-mail address, or any NPI, NABP e-Profile ID, licence or birth date
# (month and day, as a word) of the demo registrations or of
# $PRIVACY_EXTRA (one value a line: what a test typed in itself).
# Source after tests/tap.sh, with $SRC set.
no_personal_data () {
  local what=$1 found
  shift
  found=$(python3 - "$SRC/data/demo/registrations.csv" "${PRIVACY_EXTRA:-}" "$@" <<'PY'
import csv, re, sys
values = set()
for row in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")):
    for key in ("email", "npi", "nabp_eprofile", "birth_mmdd", "license", "board_id"):
        if row.get(key):
            values.add(row[key])
if sys.argv[2]:
    values.update(v for v in open(sys.argv[2], encoding="utf-8").read().split("\n") if v)
email = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
for path in sys.argv[3:]:
    text = open(path, encoding="utf-8", errors="replace").read()
    # process ids are no one's data: "dbus-daemon[1124]", GLib's
    # "(/path/program:1125)", "pid=1124" (a birth date 11/24 matched one)
    text = re.sub(r"(?<=\w)\[\d+\]|(?<=\S):\d+\)|pid=\d+", " ", text)
    for m in email.finditer(text):
        print(f"{path}: e-mail address {m.group(0)}")
    for v in sorted(values):
        # the decoder's debug lines count camera frames ("frame 1003: …"):
        # a frame number is no birth date
        if re.search(r"(?<!\w)(?<!frame )" + re.escape(v) + r"(?!\w)", text):
            print(f"{path}: {v}")
PY
)
  if [ -z "$found" ]; then ok "$what"; else not_ok "$what" "$(echo "$found" | head -n 5)"; fi
}
