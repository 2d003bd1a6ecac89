# SPDX-License-Identifier: GPL-3.0-or-later
#
# TAP for the shell tests: source it after setting $tmp (a scratch folder).
# ok/not_ok count; status_is runs a command and checks its exit status,
# keeping its output in $tmp/out and $tmp/err; json evaluates a Python
# expression over the JSON on standard input (as d).
n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; [ $# -lt 2 ] || echo "# ${2//$'\n'/$'\n'# }"; }
check () { # check DESCRIPTION COMMAND…
  local what=$1; shift
  if out=$("$@" 2>&1); then ok "$what"; else not_ok "$what" "$out"; fi
}
json () { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
status_is () { # status_is EXPECTED DESCRIPTION COMMAND…
  local want=$1 what=$2; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" = "$want" ]; then ok "$what"; else not_ok "$what" "exit $got, wanted $want: $(head -c 400 "$tmp/err")"; fi
}
# The plan last, and the exit status: 0 when every check passed.
tap_done () {
  echo "1..$n"
  [ "$failed" = 0 ]
}
