#!/usr/bin/env python3
"""Deterministic benchmark workload generator for pcopy (standard library only).

Usage:
    genworkload.py --root DIR [--scale F] WORKLOAD
    genworkload.py --list

Generates the tree for WORKLOAD (small, large, mixed, tiny, many) below
DIR/<workload>-s<scale>-g<GEN_VERSION>/ unless an identical tree is already
cached there, and prints the tree's path as the last line on stdout. Progress
and a summary go to stderr.

Everything (layout, names, sizes, bytes, modes, mtimes) is derived from a
fixed seed, so the same workload, scale and GEN_VERSION always produce
byte-identical trees with identical metadata. Bump GEN_VERSION whenever the
generated output changes so stale caches are not reused.

--scale multiplies the file counts (small; mixed's small and 1-8 MiB files;
many) and the sizes of the very big files (large; mixed's two images), so the
total volume scales roughly linearly. "tiny" is not scaled.
"""

import argparse
import hashlib
import json
import math
import os
import random
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor

GEN_VERSION = 1
SEED = "pcopy-bench-v1"

KIB = 1024
MIB = 1024 * KIB

# Deterministic timestamps: somewhere in 2020-2023 with a non-zero
# sub-second part, so second-resolution and ns-resolution copies both work.
BASE_EPOCH = 1_577_836_800  # 2020-01-01T00:00:00Z
SPAN = 3 * 365 * 86400

STREAM_CHUNK = 16 * MIB

WORKLOADS = ("small", "large", "mixed", "tiny", "many")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def scale_tag(scale):
    return format(scale, "g")


def cache_key(workload, scale):
    return "%s-s%s-g%d" % (workload, scale_tag(scale), GEN_VERSION)


class Builder:
    """Collects the tree description; the actual writing happens in write()."""

    def __init__(self, workload, scale):
        self.rng = random.Random("%s:%s:%s" % (SEED, workload, scale_tag(scale)))
        self.key = "%s:%s:%s" % (SEED, workload, scale_tag(scale))
        self.dirs = {}        # relpath -> mode ("" is the root)
        self.small = []       # (relpath, size, mode, mtime_ns)
        self.streams = []     # (relpath, size, mode, mtime_ns) - written from a hash stream
        self.links = []       # (relpath, target, mtime_ns)
        self.dirs[""] = 0o755

    # -- helpers ---------------------------------------------------------
    def mtime(self):
        return (BASE_EPOCH + self.rng.randrange(SPAN)) * 1_000_000_000 + self.rng.randrange(1_000_000_000)

    def file_mode(self):
        r = self.rng.random()
        if r < 0.80:
            return 0o644
        if r < 0.92:
            return 0o600
        return 0o755

    def dir_mode(self):
        r = self.rng.random()
        if r < 0.93:
            return 0o755
        if r < 0.98:
            return 0o750
        return 0o700

    def add_dir(self, rel):
        parts = rel.split("/")
        for i in range(1, len(parts) + 1):
            p = "/".join(parts[:i])
            if p not in self.dirs:
                self.dirs[p] = self.dir_mode()

    def name(self, j):
        ext = (".txt", ".java", ".json", ".dat", ".c", "", ".html", ".xml")[self.rng.randrange(8)]
        return "file%04d%s" % (j, ext)

    def leaf_dirs(self, nleaves, prefix="d"):
        """nleaves leaf directories at depth 3, ~30% pushed one level deeper."""
        leaves = []
        for i in range(nleaves):
            rel = "%s%02d/%s%d/%s%d" % (prefix, i // 100, prefix, (i // 10) % 10, prefix, i % 10)
            if self.rng.random() < 0.3:
                rel += "/sub%d" % self.rng.randrange(3)
            self.add_dir(rel)
            leaves.append(rel)
        return leaves

    def small_files(self, n, per_dir, lo, hi, prefix="d"):
        nleaves = max(1, math.ceil(n / per_dir))
        leaves = self.leaf_dirs(nleaves, prefix)
        for j in range(n):
            d = leaves[j % nleaves]
            size = self.rng.randint(lo, hi)
            self.small.append(("%s/%s" % (d, self.name(j)), size, self.file_mode(), self.mtime()))
        return leaves

    def stream_file(self, rel, size):
        self.streams.append((rel, size, self.file_mode(), self.mtime()))


def build(workload, scale):
    b = Builder(workload, scale)
    rng = b.rng
    if workload == "small":
        n = max(1, round(50_000 * scale))
        leaves = b.small_files(n, 100, 1 * KIB, 16 * KIB)
        # A few symlinks: relative links to sibling files, one directory link
        # and one dangling link.
        by_dir = {}
        for rel, _, _, _ in b.small:
            d, f = rel.rsplit("/", 1)
            by_dir.setdefault(d, []).append(f)
        for k in range(max(2, n // 1000)):
            d = leaves[rng.randrange(len(leaves))]
            if d not in by_dir:
                continue
            target = by_dir[d][rng.randrange(len(by_dir[d]))]
            b.links.append(("%s/link%03d" % (d, k), target, b.mtime()))
        b.add_dir("d00/d0")
        b.add_dir("d00/d1")
        b.links.append(("d00/link-to-dir", "d0", b.mtime()))
        b.links.append(("d00/dangling-link", "does-not-exist", b.mtime()))
    elif workload == "large":
        size = max(1, round(512 * MIB * scale))
        for i in range(4):
            b.stream_file("big%d.bin" % i, size)
    elif workload == "mixed":
        n_small = max(1, round(20_000 * scale))
        b.small_files(n_small, 100, 1 * KIB, 16 * KIB, prefix="s")
        n_med = max(1, round(250 * scale))
        for i in range(n_med):
            d = "media/m%d" % (i % 10)
            b.add_dir(d)
            b.stream_file("%s/blob%04d.bin" % (d, i), rng.randint(1 * MIB, 8 * MIB))
        b.add_dir("images")
        b.stream_file("images/disk-a.img", max(1, round(128 * MIB * scale)))
        b.stream_file("images/disk-b.img", max(1, round(192 * MIB * scale)))
    elif workload == "tiny":
        b.add_dir("sub")
        for j in range(10):
            d = "sub/" if j >= 6 else ""
            b.small.append((d + b.name(j), rng.randint(1, 16 * KIB), b.file_mode(), b.mtime()))
    elif workload == "many":
        n = max(1, round(1_000_000 * scale))
        per_dir = 1000
        ndirs = max(1, math.ceil(n / per_dir))
        dirs = []
        for i in range(ndirs):
            d = "m%02d/m%03d" % (i // 100, i)
            b.add_dir(d)
            dirs.append(d)
        for j in range(n):
            b.small.append(("%s/e%07d" % (dirs[j % ndirs], j), rng.randrange(2), 0o644 if rng.random() < 0.9 else 0o600, b.mtime()))
    else:
        raise SystemExit("unknown workload: %s (expected one of %s)" % (workload, ", ".join(WORKLOADS)))
    return b


def write_stream(args):
    """Write an incompressible, deterministic file from a SHAKE-128 counter stream."""
    root, rel, size, mode, mtime_ns, key = args
    path = os.path.join(root, rel)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        off = 0
        idx = 0
        while off < size:
            n = min(STREAM_CHUNK, size - off)
            buf = hashlib.shake_128(("%s:%s:%d" % (key, rel, idx)).encode()).digest(n)
            mv = memoryview(buf)
            while mv:
                w = os.write(fd, mv)
                mv = mv[w:]
            off += n
            idx += 1
        os.fchmod(fd, mode)
        os.utime(fd, ns=(mtime_ns, mtime_ns))
    finally:
        os.close(fd)
    return size


def write_tree(b, root):
    os.umask(0)
    os.mkdir(root, 0o755)
    for d in sorted(b.dirs):
        if d:
            os.mkdir(os.path.join(root, d), 0o755)
    # Small files: content from the seeded RNG, in generation order.
    rb = b.rng.randbytes
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    for rel, size, mode, mt in b.small:
        fd = os.open(os.path.join(root, rel), flags, mode)
        try:
            if size:
                data = rb(size)
                mv = memoryview(data)
                while mv:
                    w = os.write(fd, mv)
                    mv = mv[w:]
            os.utime(fd, ns=(mt, mt))
        finally:
            os.close(fd)
    # Big files: hash-stream content, in parallel (order does not matter).
    if b.streams:
        jobs = [(root, rel, size, mode, mt, b.key) for rel, size, mode, mt in b.streams]
        workers = min(len(jobs), os.cpu_count() or 1)
        if workers > 1:
            with ProcessPoolExecutor(max_workers=workers) as ex:
                list(ex.map(write_stream, jobs))
        else:
            for j in jobs:
                write_stream(j)
    for rel, target, mt in b.links:
        p = os.path.join(root, rel)
        os.symlink(target, p)
        os.utime(p, ns=(mt, mt), follow_symlinks=False)
    # Directory modes and mtimes last, deepest first, so that creating
    # entries does not disturb them afterwards.
    dir_mt = random.Random(b.key + ":dirs")
    for d in sorted(b.dirs, key=lambda p: (-p.count("/"), p)):
        p = os.path.join(root, d) if d else root
        os.chmod(p, b.dirs[d])
        mt = (BASE_EPOCH + dir_mt.randrange(SPAN)) * 1_000_000_000 + dir_mt.randrange(1_000_000_000)
        os.utime(p, ns=(mt, mt))


def summary(b):
    nbytes = sum(s for _, s, _, _ in b.small) + sum(s for _, s, _, _ in b.streams)
    return {
        "files": len(b.small) + len(b.streams),
        "dirs": len(b.dirs),
        "symlinks": len(b.links),
        "bytes": nbytes,
    }


def main():
    if sys.version_info < (3, 9):
        raise SystemExit("genworkload.py needs Python 3.9+ (random.randbytes)")
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", help="cache directory holding generated trees")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--force", action="store_true", help="regenerate even if cached")
    ap.add_argument("--list", action="store_true", help="list workloads and exit")
    ap.add_argument("workload", nargs="?")
    a = ap.parse_args()
    if a.list:
        print("\n".join(WORKLOADS))
        return 0
    if not a.root or not a.workload:
        ap.error("--root and WORKLOAD are required")
    if not (a.scale > 0 and math.isfinite(a.scale)):
        ap.error("--scale must be a positive number")
    if a.workload not in WORKLOADS:
        ap.error("unknown workload %r (expected one of %s)" % (a.workload, ", ".join(WORKLOADS)))

    if a.workload == "tiny":
        a.scale = 1.0  # tiny is never scaled; share one cached tree
    os.makedirs(a.root, exist_ok=True)
    key = cache_key(a.workload, a.scale)
    dest = os.path.join(a.root, key)
    done = dest + ".done"
    if not a.force and os.path.isdir(dest) and os.path.isfile(done):
        with open(done) as f:
            info = json.load(f)
        log("workload %s: cached at %s (%d files, %d dirs, %d symlinks, %.1f MiB)"
            % (a.workload, dest, info["files"], info["dirs"], info["symlinks"], info["bytes"] / MIB))
        print(dest)
        return 0

    # Remove stale or partial results (including interrupted temp trees).
    for entry in os.listdir(a.root):
        if entry == key or entry == key + ".done" or entry.startswith(key + ".tmp."):
            p = os.path.join(a.root, entry)
            if os.path.isdir(p) and not os.path.islink(p):
                shutil.rmtree(p)
            else:
                os.unlink(p)

    t0 = time.perf_counter()
    b = build(a.workload, a.scale)
    info = summary(b)
    log("workload %s: generating %d files, %d dirs, %d symlinks, %.1f MiB into %s ..."
        % (a.workload, info["files"], info["dirs"], info["symlinks"], info["bytes"] / MIB, dest))
    tmp = "%s.tmp.%d" % (dest, os.getpid())
    try:
        write_tree(b, tmp)
        os.rename(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    info["generator_version"] = GEN_VERSION
    info["scale"] = a.scale
    info["workload"] = a.workload
    info["seconds"] = round(time.perf_counter() - t0, 3)
    with open(done + ".part", "w") as f:
        json.dump(info, f)
    os.rename(done + ".part", done)
    log("workload %s: generated in %.1f s" % (a.workload, info["seconds"]))
    print(dest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
