#!/usr/bin/env python3
"""Run a command and interrupt it, as Ctrl-C does, once it has written N bytes.

Usage: stopat.py --watch DIR --bytes N [--out FILE] [--interval S] [--grace S] -- COMMAND [ARG...]

Starts COMMAND in a process group of its own (stdin /dev/null, stdout and
stderr inherited) and polls the space allocated to the regular files below
DIR, hidden temporary files included (st_blocks * 512, summed). Once that
reaches N bytes, SIGINT goes to the whole process group, as a terminal's
Ctrl-C does. Then it waits for the command and for every other process of the
group to end (at most --grace seconds, default 120, after the signal; then
SIGKILL), so nothing of the stopped run is still writing when the caller goes
on.

Allocated space, not the file size, because a copier may size its temporary
file before writing (pcopy does, for a file it copies in chunks). A file
system or a tool that preallocates (fallocate) would defeat this.

Writes one line "signalled stop_bytes exit_status elapsed_s" to FILE (or to
stderr): signalled is 1 if the signal was sent, 0 if the command ended first;
stop_bytes the allocated bytes seen when the signal was sent (or at the end);
exit_status the command's (128+N if killed by signal N). Exits 0 if the
command was interrupted and its processes are gone, 1 if it ended before
writing N bytes or exited 0 despite the signal (it had finished: signalled is
then 0 too), 2 on usage errors, 3 if it had to be killed.
"""

import os
import signal
import stat
import subprocess
import sys
import time


def allocated(root):
    """Bytes allocated to the regular files below root (0 if root is gone)."""
    total = 0
    stack = [root]
    while stack:
        d = stack.pop()
        try:
            it = os.scandir(d)
        except OSError:
            continue
        with it:
            for e in it:
                try:
                    st = e.stat(follow_symlinks=False)
                except OSError:  # renamed or removed meanwhile
                    continue
                if stat.S_ISREG(st.st_mode):
                    total += st.st_blocks * 512
                elif stat.S_ISDIR(st.st_mode):
                    stack.append(e.path)
    return total


def group_alive(pgid):
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def main(argv):
    out = None
    watch = None
    target = None
    interval = 0.002
    grace = 120.0
    args = argv[1:]
    try:
        while args and args[0] != "--":
            opt, val = args[0], args[1]
            if opt == "--watch":
                watch = val
            elif opt == "--bytes":
                target = int(val)
            elif opt == "--out":
                out = val
            elif opt == "--interval":
                interval = float(val)
            elif opt == "--grace":
                grace = float(val)
            else:
                raise ValueError(opt)
            args = args[2:]
    except (IndexError, ValueError):
        print(__doc__, file=sys.stderr)
        return 2
    args = args[1:]
    if not args or watch is None or target is None:
        print(__doc__, file=sys.stderr)
        return 2

    t0 = time.perf_counter()
    try:
        p = subprocess.Popen(args, stdin=subprocess.DEVNULL, start_new_session=True)
    except OSError as e:
        print("stopat: cannot run %s: %s" % (args[0], e), file=sys.stderr)
        return 2
    pgid = p.pid
    signalled = 0
    seen = 0
    while p.poll() is None:
        seen = allocated(watch)
        if seen >= target:
            try:
                os.killpg(pgid, signal.SIGINT)
                signalled = 1
            except ProcessLookupError:  # ended in between
                pass
            break
        time.sleep(interval)
    status = 0
    killed = False
    deadline = time.perf_counter() + grace
    try:
        rc = p.wait(timeout=max(0.0, deadline - time.perf_counter()))
    except subprocess.TimeoutExpired:
        killed = True
    # The leader is gone; its workers (same group) may still be settling.
    while not killed and group_alive(pgid):
        if time.perf_counter() > deadline:
            killed = True
            break
        time.sleep(0.01)
    if killed:
        print("stopat: the command did not end within %.0f s of SIGINT; killing its process group" % grace,
              file=sys.stderr)
        try:
            os.killpg(pgid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        rc = p.wait()
        status = 3
    if rc < 0:
        rc = 128 - rc
    if not signalled or rc == 0:
        # Not stopped: it ended first, or the signal came after its work was done.
        signalled = 0
        seen = allocated(watch)
        status = status or 1
    line = "%d %d %d %.6f\n" % (signalled, seen, rc, time.perf_counter() - t0)
    if out:
        with open(out, "w") as f:
            f.write(line)
    else:
        sys.stderr.write(line)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
