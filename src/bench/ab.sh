#!/usr/bin/env bash
# Paired A/B timing of two pcopy builds on one workload: the same data, runs interleaved (A B,
# B A, A B, ...) so that drift (page cache, other jobs, thermal) falls on both alike.
#
#   src/bench/ab.sh --a OLD/bin/pcopy --b NEW/bin/pcopy [--workload small] [--pairs 10]
#                   [--dir /dev/shm/pcopy-ab] [--scale 1] [--args "..."]
#
# Workloads are the benchmark's (genworkload.py), plus small-rerun: a no-op re-run into a
# complete copy. For a copy, each timed run starts with an empty destination made outside the
# timed span (after sync), and the copy is checked (verify.py) and removed outside it too.
# Prints both medians (wall and CPU) and the ratios B/A; writes every run to a CSV, with the
# 1-minute load average just before the run (load1), since the machine may be shared.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
a= b= workload=small pairs=10 dir=/dev/shm/pcopy-ab scale=1 args= out=
while [ $# -gt 0 ]; do
  case $1 in
    --a) a=$2; shift 2 ;;
    --b) b=$2; shift 2 ;;
    --workload) workload=$2; shift 2 ;;
    --pairs) pairs=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --scale) scale=$2; shift 2 ;;
    --args) args=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "ab.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
if [ -z "$a" ] || [ -z "$b" ]; then
  echo "usage: ab.sh --a PCOPY_A --b PCOPY_B [--workload W] [--pairs N] [--dir D]" >&2
  exit 2
fi
mkdir -p "$dir"
out=${out:-$dir/ab-$workload.csv}
base=${workload%-rerun}
src=$("$here/genworkload.py" --root "$dir/sources" --scale "$scale" "$base" 2>/dev/null | tail -n 1)
echo "workload $workload (scale $scale) in $dir ($(stat -f -c %T "$dir")), $pairs pairs"
echo "A: $a"
echo "B: $b"
echo "run,build,wall_s,user_s,sys_s,maxrss_kib,load1" > "$out"

# shellcheck disable=SC2086
one() { # build launcher run
  local build=$1 launcher=$2 run=$3 dst=$dir/dst-$1
  if [ "$workload" = small-rerun ]; then
    if [ ! -d "$dst" ]; then
      "$launcher" -q $args "$src" "$dst"
    fi
  else
    rm -rf "$dst"
    mkdir -p "$dir"
    sync -f "$dir"
  fi
  # timeit.py writes its line to --out (or stderr), never to stdout, which is the command's.
  rm -f "$dir/timing"
  load=$(cut -d' ' -f1 /proc/loadavg)
  "$here/timeit.py" --out "$dir/timing" -- "$launcher" -q $args "$src" "$dst" || true
  status=none
  [ -s "$dir/timing" ] && read -r wall user sys rss status < "$dir/timing"
  if [ "$status" != 0 ]; then
    echo "ab.sh: $build exited $status" >&2
    exit 1
  fi
  "$here/verify.py" "$src" "$dst" > /dev/null || { echo "ab.sh: $build's copy differs" >&2; exit 1; }
  echo "$run,$build,$wall,$user,$sys,$rss,$load" >> "$out"
  printf '  %-2s run %2d  wall %7.3f s  cpu %7.3f s\n' "$build" "$run" "$wall" \
    "$(echo "$user + $sys" | bc -l)"
}

# One untimed round each, so that both find the source in the page cache.
"$a" -q $args "$src" "$dir/warm-a" && rm -rf "$dir/warm-a"
"$b" -q $args "$src" "$dir/warm-b" && rm -rf "$dir/warm-b"
for i in $(seq 1 "$pairs"); do
  if [ $((i % 2)) = 1 ]; then
    one A "$a" "$i"; one B "$b" "$i"
  else
    one B "$b" "$i"; one A "$a" "$i"
  fi
done
rm -rf "$dir/dst-A" "$dir/dst-B" "$dir/timing"

python3 - "$out" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
def med(build, key):
    return statistics.median(float(r[key]) if key != "cpu" else
                             float(r["user_s"]) + float(r["sys_s"])
                             for r in rows if r["build"] == build)
for key, label in (("wall_s", "wall"), ("cpu", "CPU")):
    a, b = med("A", key), med("B", key)
    print(f"median {label:4}  A {a:.3f} s   B {b:.3f} s   B/A {b / a:.3f}")
pairs = sorted(float(b["wall_s"]) / float(a["wall_s"])
               for a, b in zip([r for r in rows if r["build"] == "A"],
                               [r for r in rows if r["build"] == "B"]))
print(f"per-pair wall B/A: min {pairs[0]:.3f}  median {statistics.median(pairs):.3f}"
      f"  max {pairs[-1]:.3f}")
PY
