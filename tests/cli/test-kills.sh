#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Kill drill: lanyardctl writers killed with SIGKILL at random moments,
# KILLS times (100 by default). Each round starts two check-ins at once
# (each with a device name of its own, so its scan can be counted) and
# kills one of them after a random delay; every fifth round an import of
# the whole registration file runs beside one check-in and is killed in
# its transaction after a random number of rows. After each kill the next
# lanyardctl opens the database as a restarted device would, and:
#   - every scan whose lanyardctl finished is there exactly once;
#   - a killed check-in left its scan once or not at all, never twice;
#   - a killed import changed all rows or none (one transaction a file);
#   - PRAGMA integrity_check is ok.
# The seed is printed, so a failure can be replayed (KILL_SEED). TAP.
set -u
C=${LANYARDCTL:?}
SRC=${LANYARD_SOURCE_DIR:?}
DEMO="$SRC/data/demo"
tmp=$(mktemp -d -t lanyard-kills.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export LANYARD_DB="$tmp/kills.db"
. "$SRC/tests/tap.sh"

command -v sqlite3 >/dev/null || { echo "1..0 # SKIP sqlite3 is not installed"; exit 0; }
kills=${KILLS:-100}
seed=${KILL_SEED:-$$}
RANDOM=$seed
echo "# seed $seed"

"$C" init --event "$DEMO/event.json" --shift-to-today >/dev/null || { echo "Bail out! init"; exit 1; }
"$C" import "$DEMO/registrations.csv" >/dev/null || { echo "Bail out! import"; exit 1; }
mapfile -t codes < <(cut -d, -f1 "$DEMO/registrations.csv" | tail -n +2)
# b.csv: every affiliation changed; importing it or the original
# flips every row with an affiliation, each import in one transaction.
python3 - "$DEMO/registrations.csv" "$tmp/b.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, fieldnames=rows[0].keys())
    w.writeheader()
    for r in rows:
        r["affiliation"] = "Drill " + r["affiliation"]
        w.writerow(r)
PY
q () { sqlite3 -cmd ".timeout 10000" "$LANYARD_DB" "$1"; }
# rows b.csv changes (those with an affiliation), and back to none
"$C" import "$tmp/b.csv" >/dev/null
rows=$(q "SELECT count(*) FROM attendee WHERE affiliation LIKE 'Drill %'")
"$C" import "$DEMO/registrations.csv" >/dev/null

# How long one check-in takes here, start to exit (the median of five):
# the kills land within that, so most land mid-way on a fast machine and a
# slow one alike (a fixed 0–400 ms missed most check-ins on a quiet
# machine; one timing, the first, was often the slowest by far, and most
# kills then came after the exit).
times=
for t in 1 2 3 4 5; do
  t0=$(date +%s%N)
  "$C" checkin "${codes[0]}" --device "kill-timing-$t" >/dev/null 2>&1
  times="$times $(( ($(date +%s%N) - t0) / 1000000 ))"
done
span=$(printf '%s\n' $times | sort -n | sed -n 3p)
[ "$span" -ge 3 ] || span=3
echo "# a check-in takes about $span ms here (median of$times); kills within that"

exec 9<> <(:)  # never ready: a read on it only times out
finished=0 killed=0 lost=0 doubled=0 torn=0 corrupt=0 imports_killed=0
: >"$tmp/finished"
for round in $(seq 1 "$kills"); do
  a="kill-$round-a" b="kill-$round-b"
  "$C" checkin "${codes[RANDOM % ${#codes[@]}]}" --device "$a" >/dev/null 2>&1 &
  pa=$!
  if [ $((round % 5)) = 0 ]; then
    file=$tmp/b.csv; [ $((round % 10)) = 0 ] && file=$DEMO/registrations.csv
    # The import stops itself inside its transaction after a random number
    # of rows (holding the write lock the check-in waits for) and is
    # killed there.
    LANYARD_TEST_IMPORT_PAUSE_AFTER=$((1 + RANDOM % 336)) "$C" import "$file" >/dev/null 2>&1 &
    pb=$! b=import
    victim=$pb vname=$b other=$pa oname=$a
    for _ in $(seq 1 100); do
      [ "$(awk '{print $3}' "/proc/$pb/stat" 2>/dev/null)" = T ] && break
      sleep 0.05
    done
  else
    "$C" checkin "${codes[RANDOM % ${#codes[@]}]}" --device "$b" >/dev/null 2>&1 &
    pb=$!
    # the victim, and when: within $span ms, start-up, the transaction, exit
    if [ $((RANDOM % 2)) = 0 ]; then victim=$pb vname=$b other=$pa oname=$a; else victim=$pa vname=$a other=$pb oname=$b; fi
    delay=$((RANDOM % span))
    # bash's own timed read, not sleep(1): starting a program took more
    # of the span than the wait itself on a loaded machine. A wait, not a
    # check: nothing writes to fd 9, so it always times out (status > 128),
    # and `|| true` keeps set -e from ending the script there
    read -r -t "$((delay / 1000)).$(printf '%03d' $((delay % 1000)))" -u 9 || true
  fi
  kill -9 "$victim" 2>/dev/null
  wait "$victim" 2>/dev/null; vstatus=$?
  wait "$other" 2>/dev/null; ostatus=$?
  for pair in "$vname:$vstatus" "$oname:$ostatus"; do
    name=${pair%:*} status=${pair##*:}
    [ "$name" = import ] && { [ "$status" = 137 ] && imports_killed=$((imports_killed + 1)); continue; }
    scans=$(q "SELECT count(*) FROM scan WHERE device = '$name'")
    if [ "$status" = 137 ]; then
      killed=$((killed + 1))
      [ "$scans" -le 1 ] || { doubled=$((doubled + 1)); echo "# round $round: killed $name left $scans scans"; }
    else
      finished=$((finished + 1))
      echo "$name" >>"$tmp/finished"
      [ "$scans" = 1 ] || { lost=$((lost + 1)); echo "# round $round: $name finished (exit $status) but has $scans scans"; }
    fi
  done
  drill=$(q "SELECT count(*) FROM attendee WHERE affiliation LIKE 'Drill %'")
  [ "$drill" = 0 ] || [ "$drill" = "$rows" ] || { torn=$((torn + 1)); echo "# round $round: $drill of $rows rows changed"; }
  [ "$(q 'PRAGMA integrity_check')" = ok ] || { corrupt=$((corrupt + 1)); echo "# round $round: integrity_check failed"; }
done

# At the end, every finished scan still there exactly once.
gone=$(while read -r name; do
  [ "$(q "SELECT count(*) FROM scan WHERE device = '$name'")" = 1 ] || echo "$name"
done <"$tmp/finished" | wc -l)

echo "# $kills rounds: $killed check-ins and $imports_killed imports killed, $finished check-ins finished"
[ "$lost" = 0 ] && ok "no finished scan lost or doubled right after a kill" || not_ok "finished scans" "$lost wrong"
[ "$doubled" = 0 ] && ok "no killed check-in left two scans" || not_ok "killed check-ins" "$doubled doubled"
[ "$torn" = 0 ] && ok "a killed import changed all rows or none" || not_ok "imports" "$torn torn"
[ "$corrupt" = 0 ] && ok "integrity_check ok after every kill" || not_ok "integrity" "$corrupt rounds"
[ "$gone" = 0 ] && ok "all $finished finished scans there exactly once at the end" || not_ok "at the end" "$gone wrong"
[ "$killed" -ge $((kills / 4)) ] && ok "the drill killed writers mid-way ($killed check-ins, $imports_killed imports)" \
  || not_ok "the drill killed writers mid-way" "only $killed check-ins killed"
tap_done
