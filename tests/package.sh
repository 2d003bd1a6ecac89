#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The Debian package, built, installed, run and removed (tests/run-all.sh
# runs it after the plain suite; `tests/package.sh [BUILD_DIR]` alone):
#   1. dpkg-buildpackage -us -uc -b builds lanyard_*.deb from a copy of the
#      tree (in BUILD_DIR/deb, so nothing lands beside the checkout; a
#      package built from the same files before is used again);
#   2. lintian reports no errors;
#   3. apt-get install ./lanyard_*.deb;
#   4. /usr/bin/lanyardctl --version, the unit passes systemd-analyze verify;
#   5. the kiosk from /usr under Xvfb, on the demo event from /usr/bin/
#      lanyardctl, shows its welcome page (schema, templates, sounds from
#      the package);
#   6. apt-get remove: every file the package put down is gone but its
#      configuration; then purged.
# Installing needs root (CI runs as root): as anyone else, or with a lanyard
# package already installed, it skips, saying why. TAP output.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/_build}
case "$build" in /*) ;; *) build=$top/$build ;; esac
SRC=$top

skip () { echo "1..0 # SKIP $1"; exit 0; }
[ "$(id -u)" -eq 0 ] || skip "installing a package needs root (run as root, as CI does)"
for tool in dpkg-buildpackage lintian apt-get systemd-analyze; do
  command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed (packaging/setup-debian.sh installs it)"
done
if dpkg-query -W -f='${Status}' lanyard 2>/dev/null | grep -q ' installed$'; then
  skip "a lanyard package is installed already; this test would remove it"
fi

# shellcheck source=tests/app/e2e.sh
. "$SRC/tests/app/e2e.sh"
installed=
e2e_cleanup_hook () {
  [ -n "$installed" ] && apt-get purge -y lanyard >/dev/null 2>&1
}
e2e_start

# --- 1. build, from the files git knows (committed or not) in a copy; the
# tests, screenshots and docs are not in the package, so a change to them
# alone builds nothing again
out=$build/deb
mkdir -p "$out"
cd "$top" || bail "no $top"
files () { git ls-files -co --exclude-standard -z -- . ':!tests' ':!data/screenshots' ':!*.md'; }
stamp=$(files | xargs -0 sha256sum 2>/dev/null | sha256sum | cut -c1-16)
deb=$(ls "$out"/lanyard_*.deb 2>/dev/null | head -n 1)
if [ -n "$deb" ] && [ "$(cat "$out/stamp" 2>/dev/null)" = "$stamp" ]; then
  ok "dpkg-buildpackage: $(basename "$deb") built before from the same files"
else
  rm -rf "$out"/*
  mkdir -p "$out/src/lanyard"
  files | xargs -0 cp --parents -t "$out/src/lanyard" 2>/dev/null
  if (cd "$out/src/lanyard" &&
      DEB_BUILD_OPTIONS="nocheck parallel=2" dpkg-buildpackage -us -uc -b) >"$out/build.log" 2>&1; then
    deb=$(ls "$out"/src/lanyard_*.deb | head -n 1)
    mv "$out"/src/lanyard_* "$out/"
    deb=$out/$(basename "$deb")
    rm -rf "$out/src"
    echo "$stamp" >"$out/stamp"
    ok "dpkg-buildpackage -us -uc -b builds $(basename "$deb")"
  else
    not_ok "dpkg-buildpackage -us -uc -b" "$(tail -n 20 "$out/build.log")"
    tap_done
    exit 1
  fi
fi

# --- 2. lintian
lintian --tag-display-limit 0 "$deb" >"$tmp/lintian" 2>&1
if grep -q '^E:' "$tmp/lintian"; then
  not_ok "lintian: no errors" "$(grep '^E:' "$tmp/lintian")"
else
  ok "lintian: no errors ($(grep -c '^W:' "$tmp/lintian") warnings)"
fi

# --- 3. install
dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's|^\.||; s|/$||; s| -> .*||' | grep -v '^$' >"$tmp/files"
dpkg-deb -e "$deb" "$tmp/control"
if DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$deb" >"$tmp/apt.log" 2>&1; then
  installed=1
  ok "apt-get install ./$(basename "$deb")"
else
  not_ok "apt-get install ./$(basename "$deb")" "$(tail -n 10 "$tmp/apt.log")"
  tap_done
  exit 1
fi

# --- 4. the programs and the unit where the package put them
check "/usr/bin/lanyardctl --version" sh -c '/usr/bin/lanyardctl --version | grep -q "^lanyardctl 0\."'
unit=/lib/systemd/system/lanyard-kiosk@.service
check "systemd-analyze verify $unit" systemd-analyze verify "$unit"
for f in /usr/bin/lanyard /usr/libexec/lanyard/lanyardctl-full /usr/share/glib-2.0/schemas/org.lanyard.Lanyard.gschema.xml \
         /usr/share/glib-2.0/schemas/50-lanyard-kiosk.gschema.override \
         /usr/share/applications/org.lanyard.Lanyard.desktop /usr/share/metainfo/org.lanyard.Lanyard.metainfo.xml \
         /usr/share/icons/hicolor/scalable/apps/org.lanyard.Lanyard.svg /usr/share/locale/de/LC_MESSAGES/lanyard.mo \
         /usr/share/lanyard/badges/4x3.svg /usr/share/lanyard/install-kiosk.sh "$unit"; do
  [ -e "$f" ] || missing="${missing:-}$f "
done
if [ -z "${missing:-}" ]; then ok "the package carries the programs, schema, desktop file, metainfo, icon, translations, templates, unit"
else not_ok "the package carries everything" "missing: $missing"; fi

# --- 5. the kiosk from /usr (the system's compiled schemas, no build paths)
unset GSETTINGS_SCHEMA_DIR LANYARD_LOCALEDIR
db=$tmp/smoke.db
chmod 755 "$tmp"
/usr/bin/lanyardctl --db "$db" init --event "$SRC/data/demo/event.json" --shift-to-today >"$tmp/init.log" 2>&1 \
  && /usr/bin/lanyardctl --db "$db" import "$SRC/data/demo/registrations.csv" >>"$tmp/init.log" 2>&1 \
  || bail "lanyardctl init/import: $(tail -n 3 "$tmp/init.log")"
# a command of lanyardctl-full's (drawing): /usr/bin/lanyardctl hands it over
check "/usr/bin/lanyardctl badge (run by lanyardctl-full)" sh -c \
  '/usr/bin/lanyardctl --db "$1" badge MW26-DEMO01 --pdf "$2" && head -c 5 "$2" | grep -q "^%PDF-"' \
  sh "$db" "$tmp/badge.pdf"
: >"$tmp/smoke.pages"
GSK_RENDERER=cairo /usr/bin/lanyard --db "$db" --demo-camera --device package-smoke \
  --page-log "$tmp/smoke.pages" --screenshot-dir "$tmp/shots" >"$tmp/smoke.log" 2>&1 &
app_pid=$!
if wait_page smoke welcome 60; then
  ok "/usr/bin/lanyard under Xvfb shows its welcome page"
else
  not_ok "/usr/bin/lanyard under Xvfb shows its welcome page" "$(tail -n 10 "$tmp/smoke.log")"
fi
stop_app

# --- 6. removed: only configuration may stay
DEBIAN_FRONTEND=noninteractive apt-get remove -y lanyard >"$tmp/remove.log" 2>&1 \
  || not_ok "apt-get remove lanyard" "$(tail -n 10 "$tmp/remove.log")"
touch "$tmp/control/conffiles"
left=
while read -r f; do
  [ -d "$f" ] && continue # a folder shared with other packages
  grep -qxF "$f" "$tmp/control/conffiles" && continue
  { [ -e "$f" ] || [ -L "$f" ]; } && left="$left$f "
done <"$tmp/files"
status=$(dpkg-query -W -f='${Status}' lanyard 2>/dev/null)
if [ -z "$left" ] && case "$status" in *" installed") false ;; *) true ;; esac; then
  ok "apt-get remove leaves nothing but configuration (${status:-not known to dpkg})"
else
  not_ok "apt-get remove leaves nothing but configuration" "status: $status; left: $left"
fi
DEBIAN_FRONTEND=noninteractive apt-get purge -y lanyard >/dev/null 2>&1
installed=
tap_done
