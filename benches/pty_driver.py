#!/usr/bin/env python3
"""Drives the real app in a pseudo-terminal and measures what a user feels.

- first frame: from start to the last byte of the first screen;
- with --data, loaded: from start until the status line says the packs are
  loaded and indexed (they load in the background after the first frame);
- key to frame: from writing one key of a search query to the last byte of
  the frame it causes (worst and median over every keystroke);
- peak RSS (VmHWM) of the app at the end.

Usage: benches/pty_driver.py BINARY [--data DIR] [--query TEXT] [--runs N]
"""
import argparse
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import termios
import time

IDLE = 0.030  # a frame is settled when no byte follows for this long


def read_until_idle(fd, deadline=5.0):
    """Reads until the output pauses; returns the time of the last byte."""
    last = None
    start = time.perf_counter()
    while time.perf_counter() - start < deadline:
        wait = IDLE if last is not None else deadline
        ready, _, _ = select.select([fd], [], [], wait)
        if not ready:
            if last is not None:
                break
            continue
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        # Answer a cursor-position query, should the terminal library ask.
        if b"\x1b[6n" in data:
            os.write(fd, b"\x1b[1;1R")
        last = time.perf_counter()
    return last


def read_until_marker(fd, marker, deadline=10.0):
    """Reads until `marker` has been written; returns the time it was seen."""
    seen = b""
    start = time.perf_counter()
    while time.perf_counter() - start < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if not ready:
            continue
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        seen = (seen + data)[-4096:]
        if marker in seen:
            return time.perf_counter()
    return None


def run(binary, data, query, cols=120, rows=36):
    args = [binary] + (["--data", data] if data else [])
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ["SOMEVETT_OUTCOMES"] = "/tmp/somevett-pty-outcomes"
        os.execv(binary, args)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    start = time.perf_counter()
    first = read_until_idle(fd) - start
    loaded = None
    if data:
        at = read_until_marker(fd, "er lastet".encode())
        loaded = at - start if at is not None else None
        read_until_idle(fd)
    os.write(fd, b"/")
    read_until_idle(fd)
    keys = []
    for ch in query:
        sent = time.perf_counter()
        os.write(fd, ch.encode())
        done = read_until_idle(fd)
        if done is not None:
            keys.append(done - sent)
    rss = 0
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                rss = int(line.split()[1])
    os.kill(pid, signal.SIGTERM)
    os.waitpid(pid, 0)
    os.close(fd)
    return first, loaded, keys, rss


def main():
    p = argparse.ArgumentParser()
    p.add_argument("binary")
    p.add_argument("--data")
    p.add_argument("--query", default="bilder av elever samtykke")
    p.add_argument("--runs", type=int, default=5)
    a = p.parse_args()
    firsts, loads, keys, rss = [], [], [], 0
    for _ in range(a.runs):
        first, loaded, k, r = run(a.binary, a.data, a.query)
        firsts.append(first)
        if loaded is not None:
            loads.append(loaded)
        keys.extend(k)
        rss = max(rss, r)
    ms = lambda s: f"{s * 1000:.1f} ms"
    print(
        f"first frame: median {ms(statistics.median(firsts))}, best {ms(min(firsts))},"
        f" worst {ms(max(firsts))}"
    )
    if a.data:
        print(
            f"packs loaded and indexed: median {ms(statistics.median(loads))}"
            f" ({len(loads)} of {a.runs} runs)"
            if loads
            else "packs loaded and indexed: never seen"
        )
    print(
        f"key to frame: median {ms(statistics.median(keys))}, worst {ms(max(keys))}"
        f" ({len(keys)} keys)"
    )
    print(f"peak RSS: {rss / 1024:.1f} MB")


if __name__ == "__main__":
    main()
