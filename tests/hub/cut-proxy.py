#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# cut-proxy.py PORT_FILE TARGET_PORT CUT_AFTER — a TCP proxy of the hub
# tests' own between a device and PostgreSQL on 127.0.0.1. It writes the
# port it listens on to PORT_FILE. While cutting (from the start, and after
# SIGUSR1), each connection is cut (both sides closed) once it has carried
# CUT_AFTER bytes from the device: the connection dies in the middle of a
# push. SIGUSR2 makes it pass everything.
import signal
import socket
import sys
import threading

port_file, target_port, cut_after = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
cutting = True


def on_signal(signum, frame):
    global cutting
    cutting = signum == signal.SIGUSR1


signal.signal(signal.SIGUSR1, on_signal)
signal.signal(signal.SIGUSR2, on_signal)


def close(*socks):
    for s in socks:
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        s.close()


def pump(src, dst, count_up):
    carried = 0
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            if count_up and cutting and carried + len(data) > cut_after:
                dst.sendall(data[: max(0, cut_after - carried)])
                break
            carried += len(data)
            dst.sendall(data)
    except OSError:
        pass
    close(src, dst)


listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
listener.listen(64)
with open(port_file + ".tmp", "w") as f:
    f.write(str(listener.getsockname()[1]))
import os
os.rename(port_file + ".tmp", port_file)
while True:
    client, _ = listener.accept()
    try:
        server = socket.create_connection(("127.0.0.1", target_port))
    except OSError:
        client.close()
        continue
    threading.Thread(target=pump, args=(client, server, True), daemon=True).start()
    threading.Thread(target=pump, args=(server, client, False), daemon=True).start()
