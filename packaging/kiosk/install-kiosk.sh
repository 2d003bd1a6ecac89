#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Turns a Debian 12 machine with Lanyard installed (meson install) into a
# kiosk: a "kiosk" user, cage on tty1, restarted if it ever exits.
set -eu
unit=lanyard-kiosk@.service
[ "$(id -u)" -eq 0 ] || exec sudo "$0" "$@"
apt-get install -y --no-install-recommends cage
id kiosk >/dev/null 2>&1 || useradd --create-home --groups video,render,input kiosk
# meson install put the unit, with the path it installed lanyard to, in
# PREFIX/lib/systemd/system. An older copy in /etc would hide it.
rm -f "/etc/systemd/system/$unit"
systemctl daemon-reload
if ! systemctl cat "$unit" >/dev/null 2>&1; then
  echo "$unit is not installed: run “meson install -C _build” first." >&2
  exit 1
fi
program=$(systemctl cat "$unit" | sed -n 's/^ExecStart=.* -- //p')
if [ ! -x "$program" ]; then
  echo "$unit runs $program, which is not there: install Lanyard again with the same prefix." >&2
  exit 1
fi
systemctl disable getty@tty1.service || true
systemctl enable --now lanyard-kiosk@tty1.service
echo "Lanyard now starts on tty1. Load the event as the kiosk user:"
echo "  sudo -u kiosk lanyardctl init --event EVENT.json && sudo -u kiosk lanyardctl import REG.csv"
echo "A screen mounted on its side: turn the picture (0, 90, 180 or 270 degrees clockwise), then restart:"
echo "  sudo -u kiosk dbus-run-session gsettings set org.lanyard.Lanyard rotation 90"
echo "  systemctl restart lanyard-kiosk@tty1.service"
