#!/usr/bin/env python3
"""Summarise a pcopy benchmark CSV (as written by bench.sh) as text tables.

Usage: report.py RESULTS.csv

One table per workload, in the order the workloads appear in the file:
tool, number of runs, failures, median wall time, median CPU time
(user+sys incl. children), median peak RSS, and two ratios of the tool's
median wall time:
  wall / cp-a       to cp-a's median wall time in the same workload
                    (n/a where cp-a did not run, e.g. the *-rerun workloads);
  wall / best peer  to the median wall time of the best peer: the fastest
                    tool other than pcopy in the same workload, among those
                    whose runs all passed (its name is printed above the table).
For the resume scenario (*-resume) two more columns: where the first run was
stopped and how much of the file the timed re-run copied, both as medians in
percent of the file (the re-run's bytes as the tool tells them: pcopy's
bytes_written, rsync's "Literal data"; "-" for a tool that does not tell).

Reads CSVs of earlier versions too (the first ten columns); see README.md.
"""

import csv
import statistics
import sys


def is_pcopy(tool):
    return tool == "pcopy" or tool.startswith("pcopy-")


def ratio(x, base):
    if base is None:
        return "n/a"
    if base > 0:
        return "%.2f" % (x / base)
    return "inf" if x > 0 else "1.00"


def share(rows, col):
    """Median of COL as percent of total_bytes, over the rows that have both."""
    vals = []
    for r in rows:
        v, t = r.get(col) or "", r.get("total_bytes") or ""
        if v != "" and t not in ("", "0"):
            vals.append(100.0 * int(v) / int(t))
    return "%.0f %%" % statistics.median(vals) if vals else "-"


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], newline="") as f:
        rows = list(csv.DictReader(f))
    order = []
    by_wl = {}
    for r in rows:
        wl = r["workload"]
        if wl not in by_wl:
            order.append(wl)
            by_wl[wl] = {}
        by_wl[wl].setdefault(r["tool"], []).append(r)

    for wl in order:
        tools = by_wl[wl]
        stats = {}
        for tool, rs in tools.items():
            # A run that never got to its timed part (resume: the first run was not
            # stopped) has no times; it counts as failed, not in the medians.
            timed = [r for r in rs if float(r["wall_s"]) > 0] or rs
            stats[tool] = {
                "runs": len(rs),
                "fail": sum(1 for r in rs if r["verified"] != "true"),
                "wall": statistics.median(float(r["wall_s"]) for r in timed),
                "cpu": statistics.median(float(r["user_s"]) + float(r["sys_s"]) for r in timed),
                "rss": statistics.median(int(r["maxrss_kib"]) for r in timed) / 1024.0,
                "skipped": sorted(set(r.get("verify_skipped") or "" for r in rs) - {""}),
            }
        base_wall = stats["cp-a"]["wall"] if "cp-a" in stats else None
        peers = [t for t, s in stats.items() if not is_pcopy(t) and s["fail"] == 0]
        best = min(peers, key=lambda t: stats[t]["wall"]) if peers else None
        best_wall = stats[best]["wall"] if best else None
        resume = wl.endswith("-resume")

        first = next(iter(tools.values()))[0]
        print()
        print("workload %s (scale %s, fs %s)" % (wl, first["scale"], first["fs_type"]))
        print("  best peer: %s" % ("%s (%.3f s)" % (best, best_wall) if best else "none (no other tool without failures)"))
        width = max([10] + [len(t) for t in stats])
        hdr = ["tool", "runs", "failed", "wall s (med)", "CPU s (med)", "peak RSS MiB", "wall / cp-a", "wall / best peer"]
        fmt = "  %-" + str(width) + "s %5s %7s %13s %12s %13s %12s %17s"
        if resume:
            hdr += ["stopped at", "re-run copied"]
            fmt += " %11s %14s"
        print(fmt % tuple(hdr))
        print("  " + "-" * (len(fmt % tuple(hdr)) - 2))
        notes = []
        for tool, s in stats.items():
            cells = [tool, s["runs"], s["fail"] or "-", "%.3f" % s["wall"], "%.3f" % s["cpu"],
                     "%.1f" % s["rss"], ratio(s["wall"], base_wall), ratio(s["wall"], best_wall)]
            if resume:
                cells += [share(tools[tool], "stop_bytes"), share(tools[tool], "copied_bytes")]
            print(fmt % tuple(cells))
            if s["skipped"]:
                notes.append("  %s: verified without checking %s" % (tool, ", ".join(
                    x.replace("+", ", ") for x in s["skipped"])))
        for n in notes:
            print(n)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
