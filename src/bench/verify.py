#!/usr/bin/env python3
"""Verify that directory tree DST is an exact copy of directory tree SRC.

Usage: verify.py [--max-report N] [--jobs N] [--skip CHECKS] SRC DST

Compared for every entry below the two roots (the roots themselves are not
compared; their names and metadata belong to the caller):
  * presence (missing / unexpected entries),
  * file type (regular file, directory, symlink, other),
  * permission bits incl. setuid/setgid/sticky (not for symlinks),
  * regular files: size, mtime to the second, full content (byte-by-byte),
  * symlinks: target string.

--skip leaves out checks that a tool does not promise, comma-separated:
  dir-modes  permission bits of directories are not compared;
  symlinks   symlinks of the source that are missing in the copy are not
             counted (a copied link with another target still is).

Exit status: 0 when identical, 1 on any difference (the first differing path,
in sorted order, is printed to stderr first), 2 on usage errors.
"""

import argparse
import os
import stat
import sys
from concurrent.futures import ThreadPoolExecutor

CHUNK = 1 << 20


def kind(mode):
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "dir"
    if stat.S_ISLNK(mode):
        return "symlink"
    return "other(%o)" % stat.S_IFMT(mode)


def scan(root):
    """Return {relpath: lstat_result} for everything below root."""
    out = {}
    stack = [""]
    while stack:
        rel = stack.pop()
        base = os.path.join(root, rel) if rel else root
        with os.scandir(base) as it:
            for e in it:
                r = rel + "/" + e.name if rel else e.name
                st = e.stat(follow_symlinks=False)
                out[r] = st
                if stat.S_ISDIR(st.st_mode):
                    stack.append(r)
    return out


def same_content(a, b):
    """Byte-by-byte comparison; returns None if equal, else a description."""
    fa = os.open(a, os.O_RDONLY)
    try:
        fb = os.open(b, os.O_RDONLY)
        try:
            off = 0
            while True:
                x = os.read(fa, CHUNK)
                y = os.read(fb, CHUNK)
                if x != y:
                    if len(x) != len(y) and (not x or not y):
                        return "content length differs near offset %d" % off
                    n = min(len(x), len(y))
                    i = next((k for k in range(n) if x[k] != y[k]), n)
                    return "content differs at byte offset %d" % (off + i)
                if not x:
                    return None
                off += len(x)
        finally:
            os.close(fb)
    finally:
        os.close(fa)


SKIPPABLE = ("dir-modes", "symlinks")


def compare_meta(rel, s, d, skip=()):
    ks, kd = kind(s.st_mode), kind(d.st_mode)
    if ks != kd:
        return "type differs: source is %s, copy is %s" % (ks, kd)
    if ks == "dir" and "dir-modes" in skip:
        return None
    if ks != "symlink" and stat.S_IMODE(s.st_mode) != stat.S_IMODE(d.st_mode):
        return "mode differs: source %04o, copy %04o" % (stat.S_IMODE(s.st_mode), stat.S_IMODE(d.st_mode))
    if ks == "file":
        if s.st_size != d.st_size:
            return "size differs: source %d, copy %d" % (s.st_size, d.st_size)
        if s.st_mtime_ns // 1_000_000_000 != d.st_mtime_ns // 1_000_000_000:
            return "mtime differs: source %d, copy %d (seconds)" % (
                s.st_mtime_ns // 1_000_000_000, d.st_mtime_ns // 1_000_000_000)
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--max-report", type=int, default=5, help="print at most N differences (default 5)")
    ap.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1),
                    help="threads used for content comparison")
    ap.add_argument("--quiet", action="store_true", help="print nothing on success")
    ap.add_argument("--skip", default="", help="checks to leave out, comma-separated: " + ", ".join(SKIPPABLE))
    ap.add_argument("src")
    ap.add_argument("dst")
    a = ap.parse_args()
    skip = set(x for x in a.skip.split(",") if x)
    if skip - set(SKIPPABLE):
        ap.error("unknown --skip value(s): %s (known: %s)" % (", ".join(sorted(skip - set(SKIPPABLE))), ", ".join(SKIPPABLE)))
    for p in (a.src, a.dst):
        if not os.path.isdir(p):
            print("verify: not a directory: %s" % p, file=sys.stderr)
            return 1

    src = scan(a.src)
    dst = scan(a.dst)
    problems = {}  # relpath -> [descriptions]

    def problem(rel, msg):
        problems.setdefault(rel, []).append(msg)

    for rel in src.keys() - dst.keys():
        if "symlinks" in skip and stat.S_ISLNK(src[rel].st_mode):
            continue
        problem(rel, "missing in copy (%s)" % kind(src[rel].st_mode))
    for rel in dst.keys() - src.keys():
        problem(rel, "unexpected entry in copy (%s)" % kind(dst[rel].st_mode))

    content_jobs = []
    nbytes = 0
    for rel in src.keys() & dst.keys():
        s, d = src[rel], dst[rel]
        msg = compare_meta(rel, s, d, skip)
        if msg:
            problem(rel, msg)
        if kind(s.st_mode) != kind(d.st_mode):
            continue
        if stat.S_ISLNK(s.st_mode):
            ts = os.readlink(os.path.join(a.src, rel))
            td = os.readlink(os.path.join(a.dst, rel))
            if ts != td:
                problem(rel, "symlink target differs: source %r, copy %r" % (ts, td))
        elif stat.S_ISREG(s.st_mode) and s.st_size > 0 and s.st_size == d.st_size:
            content_jobs.append(rel)
            nbytes += s.st_size

    # Content comparison; biggest files first so the threads finish together.
    content_jobs.sort(key=lambda r: -src[r].st_size)

    # Batch small files so per-task overhead stays low.
    batches, cur, cur_bytes = [], [], 0
    for rel in content_jobs:
        cur.append(rel)
        cur_bytes += src[rel].st_size
        if cur_bytes >= 8 * CHUNK or len(cur) >= 512:
            batches.append(cur)
            cur, cur_bytes = [], 0
    if cur:
        batches.append(cur)

    def check(batch):
        out = []
        for rel in batch:
            try:
                msg = same_content(os.path.join(a.src, rel), os.path.join(a.dst, rel))
            except OSError as e:
                msg = "cannot compare content: %s" % e
            if msg:
                out.append((rel, msg))
        return out

    if a.jobs <= 1 or len(batches) <= 1:
        results = list(map(check, batches))
    else:
        with ThreadPoolExecutor(max_workers=a.jobs) as ex:
            results = list(ex.map(check, batches))
    for res in results:
        for rel, msg in res:
            problem(rel, msg)

    if problems:
        keys = sorted(problems)
        print("verify: %d difference(s) between %s and %s" % (len(keys), a.src, a.dst), file=sys.stderr)
        print("verify: first differing path: %s: %s" % (keys[0], "; ".join(problems[keys[0]])), file=sys.stderr)
        for rel in keys[1:a.max_report]:
            print("verify:   also: %s: %s" % (rel, "; ".join(problems[rel])), file=sys.stderr)
        if len(keys) > a.max_report:
            print("verify:   ... and %d more" % (len(keys) - a.max_report), file=sys.stderr)
        return 1
    if not a.quiet:
        print("verify: OK: %d entries, %d files with content (%.1f MiB) identical"
              % (len(src), len(content_jobs), nbytes / 1048576), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
