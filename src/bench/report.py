#!/usr/bin/env python3
"""Summarise a pcopy benchmark CSV (as written by bench.sh) as text tables.

Usage: report.py RESULTS.csv

One table per workload, in the order the workloads appear in the file:
tool, number of runs, failures, median wall time, median CPU time
(user+sys incl. children), median peak RSS, and the ratio of the tool's
median wall time to the baseline's median wall time (cp-a for copy
workloads, rsync-a for *-rerun workloads).
"""

import csv
import statistics
import sys


def baseline_for(workload):
    return "rsync-a" if workload.endswith("-rerun") else "cp-a"


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
            stats[tool] = {
                "runs": len(rs),
                "fail": sum(1 for r in rs if r["verified"] != "true"),
                "wall": statistics.median(float(r["wall_s"]) for r in rs),
                "cpu": statistics.median(float(r["user_s"]) + float(r["sys_s"]) for r in rs),
                "rss": statistics.median(int(r["maxrss_kib"]) for r in rs) / 1024.0,
            }
        base = baseline_for(wl)
        base_wall = stats[base]["wall"] if base in stats else None
        first = next(iter(tools.values()))[0]
        print()
        print("workload %s (scale %s, fs %s)" % (wl, first["scale"], first["fs_type"]))
        hdr = ("tool", "runs", "failed", "wall s (med)", "CPU s (med)", "peak RSS MiB", "wall / " + base)
        fmt = "  %-10s %5s %7s %13s %12s %13s %14s"
        print(fmt % hdr)
        print("  " + "-" * (len(fmt % hdr) - 2))
        for tool, s in stats.items():
            if base_wall is None:
                ratio = "n/a"
            elif base_wall > 0:
                ratio = "%.2f" % (s["wall"] / base_wall)
            else:
                ratio = "inf" if s["wall"] > 0 else "1.00"
            print(fmt % (tool, s["runs"], s["fail"] or "-", "%.3f" % s["wall"], "%.3f" % s["cpu"],
                         "%.1f" % s["rss"], ratio))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
