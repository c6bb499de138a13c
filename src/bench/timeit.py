#!/usr/bin/env python3
"""Run one command and report its resource usage.

Usage: timeit.py [--out FILE] [--rss-helper GNU_TIME] -- COMMAND [ARG...]

Writes one line "wall_s user_s sys_s maxrss_kib exit_status" to FILE (or to
stderr when --out is not given) and exits with the command's exit status
(128+N if it was killed by signal N).

  wall_s      elapsed time from just before spawning to just after reaping
  user_s      user CPU time of the command and all its waited-for descendants
  sys_s       system CPU time, likewise
  maxrss_kib  peak resident set size of the largest single process among the
              command and its waited-for descendants (ru_maxrss, KiB on Linux)

About maxrss: Linux charges a forked child with its parent's memory until it
calls exec, so a command spawned directly from Python never reports less than
this Python process's own RSS (~10-15 MiB); fine for a JVM, wrong for cp.
With --rss-helper /usr/bin/time (GNU time) the command is started through
`time -f %M`, a small C process, and its %M value is used for maxrss instead;
wall and CPU times are still measured here (GNU time only prints them with
10 ms resolution). The helper adds about 1 ms of wall time to every command.

The command's stdin is /dev/null; stdout and stderr are inherited.
"""

import os
import resource
import subprocess
import sys
import tempfile
import time


def main(argv):
    out = None
    helper = None
    args = argv[1:]
    while len(args) >= 2 and args[0] in ("--out", "--rss-helper"):
        if args[0] == "--out":
            out = args[1]
        else:
            helper = args[1]
        args = args[2:]
    if args and args[0] == "--":
        args = args[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2

    rss_file = None
    cmd = args
    if helper:
        fd, rss_file = tempfile.mkstemp(prefix="timeit-rss-")
        os.close(fd)
        cmd = [helper, "-f", "%M", "-o", rss_file, "--"] + args

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    try:
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL)
    except OSError as e:
        print("timeit: cannot run %s: %s" % (cmd[0], e), file=sys.stderr)
        rc = 127
        wall = time.perf_counter() - t0
    else:
        rc = p.wait()
        wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if rc < 0:
        rc = 128 - rc
    # No children existed before, so this is the command's peak (see above).
    maxrss = after.ru_maxrss
    if rss_file:
        try:
            with open(rss_file) as f:
                lines = [l.strip() for l in f if l.strip()]
            # GNU time prefixes "Command exited with non-zero status N" etc.
            maxrss = int(lines[-1])
        except (OSError, ValueError, IndexError):
            pass
        finally:
            try:
                os.unlink(rss_file)
            except OSError:
                pass
    line = "%.6f %.6f %.6f %d %d\n" % (
        wall,
        after.ru_utime - before.ru_utime,
        after.ru_stime - before.ru_stime,
        maxrss,
        rc,
    )
    if out:
        with open(out, "w") as f:
            f.write(line)
    else:
        sys.stderr.write(line)
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv))
