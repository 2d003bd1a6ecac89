#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Turns a Debian 12 machine with Lanyard installed (the Debian package, where
# this script is /usr/share/lanyard/install-kiosk.sh, or meson install) into
# a kiosk: a "kiosk" user, cage on tty1, restarted if it ever exits.
set -eu
unit=lanyard-kiosk@.service
if [ "$(id -u)" -ne 0 ]; then
  here=$(cd "$(dirname "$0")" && pwd)
  command -v sudo >/dev/null 2>&1 && exec sudo "$here/install-kiosk.sh" "$@"
  exec su root -s /bin/sh -c 'exec "$0" "$@"' "$here/install-kiosk.sh" "$@"
fi
# Debian's cage will not start without Xwayland ("Cannot create XWayland
# server"), yet neither depends on it nor recommends it.
apt-get install -y --no-install-recommends cage xwayland
# The screen and input devices' groups, those this system has (udev makes
# render and input; a chroot building an image may not have them yet).
groups=
for group in video render input; do
  getent group "$group" >/dev/null && groups=${groups:+$groups,}$group
done
id kiosk >/dev/null 2>&1 || useradd --create-home ${groups:+--groups "$groups"} kiosk
# The only folders the hardened unit lets the kiosk write (ReadWritePaths=):
# its database, its settings, its cache.
home=$(getent passwd kiosk | cut -d: -f6)
if [ "$home" != /home/kiosk ]; then
  echo "The kiosk user's home is $home; $unit lets it write only in /home/kiosk." >&2
  exit 1
fi
for dir in .local .local/share .local/share/lanyard .config .cache; do
  install -d -o kiosk -g kiosk -m 700 "$home/$dir"
done
# The package put the unit in /lib/systemd/system; meson install, with the
# path it installed lanyard to, in PREFIX/lib/systemd/system. An older copy
# in /etc would hide it.
rm -f "/etc/systemd/system/$unit"
# Without systemd running (a chroot building a machine image) the unit is
# enabled for the next boot, and started then.
running=
[ -d /run/systemd/system ] && running=1
[ -z "$running" ] || systemctl daemon-reload
# The unit as systemd reads it; without systemd, the first in its search path.
unit_text () {
  if [ -n "$running" ]; then systemctl cat "$unit" 2>/dev/null; return; fi
  for dir in /etc/systemd/system /usr/local/lib/systemd/system /lib/systemd/system /usr/lib/systemd/system; do
    if [ -f "$dir/$unit" ]; then cat "$dir/$unit"; return 0; fi
  done
  return 1
}
if ! unit_text >/dev/null; then
  echo "$unit is not installed: install the lanyard package (or run “meson install -C _build”) first." >&2
  exit 1
fi
program=$(unit_text | sed -n 's/^ExecStart=.* -- //p')
if [ ! -x "$program" ]; then
  echo "$unit runs $program, which is not there: install Lanyard again with the same prefix." >&2
  exit 1
fi
systemctl disable getty@tty1.service || true
systemctl enable ${running:+--now} lanyard-kiosk@tty1.service
if [ -n "$running" ]; then echo "Lanyard now starts on tty1."
else echo "Lanyard starts on tty1 at the next boot (systemd is not running here)."; fi
echo "Load the event as the kiosk user (as root):"
echo "  runuser -u kiosk -- lanyardctl init --event EVENT.json && runuser -u kiosk -- lanyardctl import REG.csv"
echo "A screen mounted on its side: turn the picture (0, 90, 180 or 270 degrees clockwise), then restart:"
echo "  runuser -u kiosk -- dbus-run-session gsettings set org.lanyard.Lanyard rotation 90"
echo "  systemctl restart lanyard-kiosk@tty1.service"
