#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Turns a Debian 12 machine with Lanyard installed (meson install) into a
# kiosk: a "kiosk" user, cage on tty1, restarted if it ever exits.
set -eu
here=$(dirname "$0")
[ "$(id -u)" -eq 0 ] || exec sudo "$0" "$@"
apt-get install -y --no-install-recommends cage
id kiosk >/dev/null 2>&1 || useradd --create-home --groups video,lpadmin,render,input kiosk
install -m 0644 "$here/lanyard-kiosk@.service" /etc/systemd/system/
install -D -m 0755 "$here/lanyard-kiosk-rotation" /usr/local/libexec/lanyard-kiosk-rotation
systemctl daemon-reload
systemctl disable getty@tty1.service || true
systemctl enable --now lanyard-kiosk@tty1.service
echo "Lanyard now starts on tty1. Load the event as the kiosk user:"
echo "  sudo -u kiosk lanyardctl init --event EVENT.json && sudo -u kiosk lanyardctl import REG.csv"
echo "A screen mounted on its side: turn the picture (0, 90, 180 or 270 degrees clockwise), then restart:"
echo "  sudo -u kiosk dbus-run-session gsettings set org.lanyard.Lanyard rotation 90"
echo "  systemctl restart lanyard-kiosk@tty1.service"
