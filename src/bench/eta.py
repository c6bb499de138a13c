#!/usr/bin/env python3
"""How true is the ETA? Measures it on a mixed tree, for pcopy and its peers (stdlib only).

Usage:
    eta.py [--dir DIR] [--scale F] [--big-scale F] [--runs N] [--tools pcopy,rsync,rclone]
           [--pcopy PATH]

Builds (once, kept in DIR) a tree of 30,000 small files (1 to 7 KiB, 60 directories) and three
files of 300 MiB: the mix of the issue that asked for an honest ETA, where the big files go
first and the bytes are nearly done long before the files are. Then, for each tool and run,
copies it into a fresh destination while reading the tool's progress output, stamps every
progress line with the time it arrived, and at 25 %, 50 % and 75 % of the run's real length
takes the last ETA shown by then and compares it with the time that really remained (the
tool's exit). Prints one row per tool and point: the ETA shown, the real remaining time, and
the error (ETA - real) / real, negative when the ETA promised too early an end; the median
of the runs' absolute errors at the end. A point where the tool showed no ETA is "none".
The stamped lines of each run are kept in DIR/logs/TOOL-RUN.txt.

- pcopy: --progress plain --progress-interval 0.5 (one line every 0.5 s, "ETA m:ss").
- rsync -a --info=progress2 (when installed): its running line; only the lines without
  "xfr#", whose time is the remaining time (those with it show the time elapsed).
- rclone copy -P --stats 0.5s (when installed): "ETA 1m2s" of its "Transferred:" line.

The page cache is left as it is (warm after the tree is built): dropping it would disturb
whatever else runs on the machine. --scale multiplies the file counts and sizes; --big-scale,
when given, the big files' sizes instead (so that a tree of many more small files can run long
enough on tmpfs for its first quarter to leave the estimate's first seconds).
"""

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time

POINTS = (0.25, 0.5, 0.75)
SEED = 14


def build_tree(root, scale, big_scale):
    """Builds the tree below root unless a finished one is there; returns its path."""
    src = os.path.join(root, "src-s%g" % scale
                       + ("" if big_scale == scale else "-b%g" % big_scale))
    done = os.path.join(src, ".complete")
    if os.path.exists(done):
        return src
    shutil.rmtree(src, ignore_errors=True)
    rng = random.Random(SEED)
    dirs, per_dir = 60, max(1, int(500 * scale))
    for d in range(dirs):
        path = os.path.join(src, "d%03d" % d)
        os.makedirs(path)
        for f in range(per_dir):
            with open(os.path.join(path, "f%04d" % f), "wb") as out:
                out.write(rng.randbytes(rng.randint(1024, 7 * 1024)))
    block = rng.randbytes(1 << 20)
    for i in range(3):
        with open(os.path.join(src, "big%d.bin" % i), "wb") as out:
            for n in range(max(1, int(300 * big_scale))):
                # Different bytes in every MiB, so no file system can share or compress them.
                out.write(n.to_bytes(8, "little") + block[8:])
    open(done, "w").close()
    return src


def clock_seconds(text):
    """Returns seconds of 'm:ss', 'h:mm:ss' (pcopy, rsync) or None."""
    parts = text.split(":")
    if not all(p.isdigit() for p in parts) or len(parts) not in (2, 3):
        return None
    seconds = 0
    for p in parts:
        seconds = seconds * 60 + int(p)
    return seconds


def rclone_seconds(text):
    """Returns seconds of rclone's '1h2m3s', '4.5s' or None ('-')."""
    m = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:([\d.]+)s)?", text)
    if not m or not any(m.groups()):
        return None
    h, mi, s = m.groups()
    return int(h or 0) * 3600 + int(mi or 0) * 60 + float(s or 0)


# Each parser returns the ETA in seconds, NO_ETA for a progress line without one ("ETA ?",
# "ETA -", still listing, stalled), or None for a line that is no progress line.
NO_ETA = -1.0


def pcopy_eta(line):
    if not re.match(r"pcopy: \d+/\d+\+? entries, ", line):
        return None
    m = re.search(r", ETA (\d+:\d\d(?::\d\d)?)(?:, \d+ failed)?$", line)
    return clock_seconds(m.group(1)) if m else NO_ETA


def rsync_eta(line):
    if "xfr#" in line or not re.search(r"\d+%", line):
        return None
    m = re.search(r"\s(\d+:\d\d:\d\d)\s*$", line)
    return clock_seconds(m.group(1)) if m else NO_ETA


def rclone_eta(line):
    m = re.search(r"Transferred:.*ETA (\S+)", line)
    if not m:
        return None
    eta = rclone_seconds(m.group(1))
    return NO_ETA if eta is None else eta


def run(command, stream, parse, log):
    """
    Runs command; returns (stamped ETAs [(t, eta or NO_ETA)], seconds, exit code), and adds the
    stamped progress lines to log.
    """
    start = time.monotonic()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stamped = []

    def read(pipe, keep):
        buffer = b""
        while True:
            chunk = pipe.read1(65536)
            if not chunk:
                break
            now = time.monotonic() - start
            buffer += chunk
            # Progress lines end with \r (rsync, rclone on a terminal) or \n.
            pieces = re.split(rb"[\r\n]", buffer)
            buffer = pieces.pop()
            for piece in pieces if keep else []:
                text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "",
                              piece.decode("utf-8", "replace")).strip()
                eta = parse(text) if text else None
                if eta is not None:
                    stamped.append((now, eta))
                    log.append("%.3f %s" % (now, text))

    readers = [threading.Thread(target=read, args=(proc.stdout, stream == "stdout")),
               threading.Thread(target=read, args=(proc.stderr, stream == "stderr"))]
    for r in readers:
        r.start()
    code = proc.wait()
    end = time.monotonic() - start
    for r in readers:
        r.join()
    return stamped, end, code


def errors(stamped, end):
    """
    Returns for each point the last progress line's (eta, real remaining, error) by then, or
    (None, real, None) when it showed no ETA.
    """
    rows = []
    for point in POINTS:
        at = end * point
        shown = [eta for t, eta in stamped if t <= at]
        real = end - at
        if not shown or shown[-1] == NO_ETA:
            rows.append((None, real, None))
        else:
            rows.append((shown[-1], real, (shown[-1] - real) / real))
    return rows


def tools(args):
    pcopy = args.pcopy
    found = {
        "pcopy": ([pcopy, "--progress", "plain", "--progress-interval", "0.5"], "stderr",
                  pcopy_eta) if os.access(pcopy, os.X_OK) else None,
        "rsync": (["rsync", "-a", "--info=progress2"], "stdout", rsync_eta)
        if shutil.which("rsync") else None,
        "rclone": (["rclone", "copy", "-P", "--stats", "0.5s"], "stdout", rclone_eta)
        if shutil.which("rclone") else None,
    }
    return [(name, found.get(name)) for name in args.tools.split(",")]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", default="/tmp/pcopy-eta-bench")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--big-scale", type=float)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tools", default="pcopy,rsync,rclone")
    parser.add_argument("--pcopy", default=os.path.join(here, "..", "..", "target", "pcopy",
                                                        "bin", "pcopy"))
    args = parser.parse_args()
    big_scale = args.scale if args.big_scale is None else args.big_scale
    src = build_tree(args.dir, args.scale, big_scale)
    print("tree: %s (30,000 small files at scale %g and three big ones of 300 MiB at scale %g)"
          % (src, args.scale, big_scale))
    print("| tool | run | seconds | ETA at 25 % (real) | ETA at 50 % (real) | ETA at 75 % (real) |")
    print("|---|---|---|---|---|---|")
    summary = []
    for name, tool in tools(args):
        if tool is None:
            print("| %s | not installed | | | | |" % name)
            continue
        command, stream, parse = tool
        per_point = [[] for _ in POINTS]
        for r in range(1, args.runs + 1):
            dst = os.path.join(args.dir, "dst")
            shutil.rmtree(dst, ignore_errors=True)
            source = src + "/" if name == "rsync" else src
            log = []
            stamped, end, code = run(command + [source, dst], stream, parse, log)
            os.makedirs(os.path.join(args.dir, "logs"), exist_ok=True)
            with open(os.path.join(args.dir, "logs", "%s-%d.txt" % (name, r)), "w") as f:
                f.write("\n".join(log + ["%.3f exit %d" % (end, code)]) + "\n")
            if code != 0:
                print("%s exited %d" % (name, code), file=sys.stderr)
            cells = []
            for i, (eta, real, err) in enumerate(errors(stamped, end)):
                if err is None:
                    cells.append("none (%.1f s)" % real)
                    per_point[i].append(float("inf"))
                else:
                    cells.append("%.1f s (%.1f s) %+d %%" % (eta, real, round(err * 100)))
                    per_point[i].append(abs(err))
            print("| %s | %d | %.1f | %s |" % (name, r, end, " | ".join(cells)), flush=True)
        summary.append((name, [statistics.median(p) for p in per_point]))
    print()
    print("| tool | median abs. error at 25 % | at 50 % | at 75 % |")
    print("|---|---|---|---|")
    for name, medians in summary:
        print("| %s | %s |" % (name, " | ".join(
            "no ETA" if m == float("inf") else "%d %%" % round(m * 100) for m in medians)))
    shutil.rmtree(os.path.join(args.dir, "dst"), ignore_errors=True)


if __name__ == "__main__":
    main()
