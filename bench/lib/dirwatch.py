#!/usr/bin/python3
"""Records when a directory entry is created: the end of neuroc's simulation loop, seen from outside.

    dirwatch.py PARENT NAME OUT_FILE [TIMEOUT_S]

Watches PARENT with inotify (IN_CREATE) and, as soon as an entry called NAME, or neuroc's staging
folder for it (.NAME.staging-PID-ID), appears in it, writes time.time() (CLOCK_REALTIME epoch seconds, the clock of `date +%s.%N`) to OUT_FILE and exits 0.
It creates OUT_FILE.ready once the watch is in place, so the caller can launch the watched
process only then. Exits 1 after TIMEOUT_S (default 900) without the entry.

bench/compare.sh uses it on neuroc's --out folder: neuroc creates the staging folder beside it
(ResultWriter -> OutputFolder.Stage -> AtomicDirectory) right after the loop has ended and the
run's summary (rates, CVs) has been put together, before anything is written; the folder itself
appears only when the results are complete. So
    (creation time - launch time) - wall_time_s.simulation
is an upper bound on the time from launch to the first simulation step that needs nothing from
neuroc's own timers except the loop's; it overestimates it by the post-loop summary work and the
watcher's wake-up latency (well under a millisecond on an idle core).
"""
import ctypes
import ctypes.util
import os
import select
import struct
import sys
import time

IN_CREATE = 0x00000100
IN_MOVED_TO = 0x00000080


def main():
    parent, name, out = sys.argv[1], sys.argv[2], sys.argv[3]
    timeout = float(sys.argv[4]) if len(sys.argv) > 4 else 900.0
    libc = ctypes.CDLL(ctypes.util.find_library('c') or 'libc.so.6', use_errno=True)
    fd = libc.inotify_init1(os.O_CLOEXEC)
    if fd < 0:
        sys.exit(f'dirwatch: inotify_init1 failed (errno {ctypes.get_errno()})')
    wd = libc.inotify_add_watch(fd, os.fsencode(parent), IN_CREATE | IN_MOVED_TO)
    if wd < 0:
        sys.exit(f'dirwatch: inotify_add_watch({parent}) failed (errno {ctypes.get_errno()})')
    target = os.fsencode(name)
    staging = os.fsencode(f'.{name}.staging-')
    if os.path.exists(os.path.join(parent, name)):
        sys.exit(f'dirwatch: {parent}/{name} exists already')
    open(out + '.ready', 'w').close()
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            sys.exit(1)
        r, _, _ = select.select([fd], [], [], left)
        if not r:
            continue
        buf = os.read(fd, 65536)
        t = time.time()
        off = 0
        while off < len(buf):
            _, _, _, length = struct.unpack_from('iIII', buf, off)
            entry = buf[off + 16: off + 16 + length].rstrip(b'\0')
            off += 16 + length
            if entry == target or entry.startswith(staging):
                with open(out, 'w') as f:
                    f.write(f'{t:.6f}\n')
                return 0


if __name__ == '__main__':
    sys.exit(main())
