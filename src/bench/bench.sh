#!/usr/bin/env bash
# pcopy benchmark: compares `pcopy SRC DST` with `cp -a`, `rsync -a`, a tar
# pipe, `rclone copy` and `fpsync` on deterministic generated workloads,
# verifies every copy and reports median wall time, CPU time and peak RSS,
# with ratios to `cp -a` and to the fastest other tool. A resume scenario
# interrupts a copy of one huge file at about half and times the re-run.
# See src/bench/README.md.
set -euo pipefail
export LC_ALL=C

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
REPO_ROOT=$(cd -- "$SCRIPT_DIR/../.." && pwd -P)

ALL_WORKLOADS="small large mixed tiny many huge small-rerun huge-resume"
WORKLOADS="small,large,mixed,tiny"
SCALE=1
RUNS=3
DIR="/tmp/pcopy-bench"
PCOPY="$REPO_ROOT/target/pcopy/bin/pcopy"
PCOPY_ARGS=""
OUT=""
KEEP=0
TOOLS="pcopy,cp,rsync,tar,rclone,fpsync"
JOBS=""
STOP_AT=0.5
RERUN=1
WARMUP=1

usage() {
    cat <<EOF
Usage: src/bench/bench.sh [options]

  --workloads LIST   comma-separated, from: small,large,mixed,tiny,many,huge,
                     small-rerun,huge-resume (default: $WORKLOADS; "many" and
                     "huge" are opt-in; selecting "small" also runs
                     "small-rerun", selecting "huge" also runs "huge-resume",
                     unless --no-rerun)
  --scale F          multiply workload file counts / big-file sizes by F (default 1)
  --runs N           timed runs per tool and workload (default $RUNS)
  --dir DIR          scratch directory for workloads and copies (default $DIR;
                     e.g. /dev/shm/pcopy-bench for tmpfs)
  --pcopy PATH       pcopy launcher (default target/pcopy/bin/pcopy in the repo)
  --pcopy-args "A B" extra arguments passed to pcopy before SRC DST (e.g. "--workers=4")
  --tools LIST       comma-separated subset of pcopy,cp,rsync,tar,rclone,fpsync
                     (default all; rsync, rclone and fpsync only if installed)
  --jobs N           parallel streams of rclone (--transfers) and fpsync (-n)
                     (default: pcopy's worker count, from --pcopy-args -w/--workers
                     or else the number of processors, at least 2)
  --stop-at F        huge-resume: interrupt the first run once this share of
                     the file is written (default $STOP_AT)
  --out FILE         raw per-run CSV (default DIR/bench-results.csv)
  --keep             keep the last run's destination trees and logs
  --no-rerun         do not add small-rerun / huge-resume automatically when
                     small / huge is selected
  --no-warmup        skip the untimed warm-up round
  -h, --help         this help
EOF
}

die() { echo "bench: error: $*" >&2; exit 2; }

need_arg() { [[ $# -ge 2 ]] || die "option $1 needs an argument"; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --workloads) need_arg "$@"; WORKLOADS=$2; shift 2 ;;
        --workloads=*) WORKLOADS=${1#*=}; shift ;;
        --scale) need_arg "$@"; SCALE=$2; shift 2 ;;
        --scale=*) SCALE=${1#*=}; shift ;;
        --runs) need_arg "$@"; RUNS=$2; shift 2 ;;
        --runs=*) RUNS=${1#*=}; shift ;;
        --dir) need_arg "$@"; DIR=$2; shift 2 ;;
        --dir=*) DIR=${1#*=}; shift ;;
        --pcopy) need_arg "$@"; PCOPY=$2; shift 2 ;;
        --pcopy=*) PCOPY=${1#*=}; shift ;;
        --pcopy-args) need_arg "$@"; PCOPY_ARGS=$2; shift 2 ;;
        --pcopy-args=*) PCOPY_ARGS=${1#*=}; shift ;;
        --tools) need_arg "$@"; TOOLS=$2; shift 2 ;;
        --tools=*) TOOLS=${1#*=}; shift ;;
        --jobs) need_arg "$@"; JOBS=$2; shift 2 ;;
        --jobs=*) JOBS=${1#*=}; shift ;;
        --stop-at) need_arg "$@"; STOP_AT=$2; shift 2 ;;
        --stop-at=*) STOP_AT=${1#*=}; shift ;;
        --out) need_arg "$@"; OUT=$2; shift 2 ;;
        --out=*) OUT=${1#*=}; shift ;;
        --keep) KEEP=1; shift ;;
        --no-rerun) RERUN=0; shift ;;
        --no-warmup) WARMUP=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done

# ---------------------------------------------------------------- validation
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer"
[[ $SCALE =~ ^([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$ ]] || die "--scale must be a positive number"
[[ -z $JOBS || $JOBS =~ ^[1-9][0-9]*$ ]] || die "--jobs must be a positive integer"
[[ $STOP_AT =~ ^0?\.[0-9]*[1-9][0-9]*$ ]] || die "--stop-at must be a fraction between 0 and 1 (e.g. 0.5)"

command -v python3 >/dev/null || die "python3 is required"
# Resolve the real interpreter once (avoids wrapper/shim start-up per call).
PY=$(python3 -c 'import sys; print(sys.executable)')
pyrun() { "$PY" -I "$@"; }

pyrun -c 'import sys; sys.exit(0 if float(sys.argv[1]) > 0 else 1)' "$SCALE" || die "--scale must be > 0"

IFS=, read -r -a WL_REQ <<<"$WORKLOADS"
WL_LIST=()
for w in "${WL_REQ[@]}"; do
    [[ -z $w ]] && continue
    [[ " $ALL_WORKLOADS " == *" $w "* ]] || die "unknown workload '$w' (known: $ALL_WORKLOADS)"
    [[ " ${WL_LIST[*]-} " == *" $w "* ]] || WL_LIST+=("$w")
done
# add_after BASE EXTRA: insert EXTRA right after BASE in WL_LIST (if BASE is there and EXTRA is not)
add_after() {
    [[ " ${WL_LIST[*]-} " == *" $1 "* && " ${WL_LIST[*]} " != *" $2 "* ]] || return 0
    local tmp=() w
    for w in "${WL_LIST[@]}"; do tmp+=("$w"); [[ $w == "$1" ]] && tmp+=("$2"); done
    WL_LIST=("${tmp[@]}")
}
if [[ $RERUN == 1 ]]; then
    add_after small small-rerun
    add_after huge huge-resume
fi
[[ ${#WL_LIST[@]} -gt 0 ]] || die "no workloads selected"

IFS=, read -r -a TOOL_REQ <<<"$TOOLS"
TOOL_LIST=()
for t in "${TOOL_REQ[@]}"; do
    case "$t" in
        pcopy) id=pcopy ;;
        cp|cp-a) id=cp-a ;;
        rsync|rsync-a) id=rsync-a ;;
        tar|tar-pipe) id=tar-pipe ;;
        rclone) id=rclone ;;
        fpsync) id=fpsync ;;
        "") continue ;;
        *) die "unknown tool '$t' (known: pcopy,cp,rsync,tar,rclone,fpsync)" ;;
    esac
    [[ " ${TOOL_LIST[*]-} " == *" $id "* ]] || TOOL_LIST+=("$id")
done

# drop_tool ID COMMAND PACKAGE: leave a tool out, with a note, if COMMAND is not installed
drop_tool() {
    [[ " ${TOOL_LIST[*]-} " == *" $1 "* ]] || return 0
    command -v "$2" >/dev/null && return 0
    echo "bench: NOTE: $2 is not installed; skipping the $1 runs (install it with: apt-get install $3)" >&2
    local tmp=() t
    for t in "${TOOL_LIST[@]}"; do [[ $t == "$1" ]] || tmp+=("$t"); done
    TOOL_LIST=(${tmp[@]+"${tmp[@]}"})
}
drop_tool rsync-a rsync rsync
drop_tool rclone rclone rclone
drop_tool fpsync fpsync fpart
if [[ " ${TOOL_LIST[*]-} " == *" fpsync "* ]] && ! command -v rsync >/dev/null; then
    echo "bench: NOTE: fpsync runs rsync, which is not installed; skipping the fpsync runs (apt-get install rsync)" >&2
    tmp=()
    for t in "${TOOL_LIST[@]}"; do [[ $t == fpsync ]] || tmp+=("$t"); done
    TOOL_LIST=(${tmp[@]+"${tmp[@]}"})
fi
[[ ${#TOOL_LIST[@]} -gt 0 ]] || die "no tools left to run"

abspath() { realpath -m -- "$1"; }
if [[ " ${TOOL_LIST[*]} " == *" pcopy "* ]]; then
    PCOPY=$(abspath "$PCOPY")
    [[ -x $PCOPY && ! -d $PCOPY ]] || die "pcopy launcher not found or not executable: $PCOPY
  build it first (e.g. 'mvn -q package' in $REPO_ROOT), pass --pcopy PATH,
  or leave pcopy out with --tools cp,rsync,tar"
    # Its class-data-sharing archives made now, not in the background during the timed runs.
    PCOPY_CDS=now "$PCOPY" --version > /dev/null
fi
read -r -a PCOPY_ARGV <<<"$PCOPY_ARGS"

# Parallelism of the parallel peers: pcopy's worker count, so all run as many streams.
if [[ -z $JOBS ]]; then
    prev=""
    for a in ${PCOPY_ARGV[@]+"${PCOPY_ARGV[@]}"}; do
        case "$prev|$a" in
            "-w|"*|"--workers|"*) JOBS=$a ;;
            *"|--workers="*) JOBS=${a#--workers=} ;;
            *"|-w="*) JOBS=${a#-w=} ;;
            *"|-w"[0-9]*) JOBS=${a#-w} ;;
        esac
        prev=$a
    done
    [[ -z $JOBS ]] && JOBS=$(( $(nproc) > 2 ? $(nproc) : 2 ))
    [[ $JOBS =~ ^[1-9][0-9]*$ ]] || die "cannot read pcopy's worker count from --pcopy-args; give --jobs N"
fi

mkdir -p -- "$DIR"
DIR=$(abspath "$DIR")
[[ -n $OUT ]] || OUT="$DIR/bench-results.csv"
OUT=$(abspath "$OUT")
mkdir -p -- "$(dirname -- "$OUT")"

SRC_ROOT="$DIR/sources"
RUN_DIR="$DIR/run.$$"
mkdir -p -- "$SRC_ROOT"
rm -rf -- "$RUN_DIR"
mkdir -p -- "$RUN_DIR/logs"

cleanup() {
    local rc=$?
    if [[ $KEEP == 1 ]]; then
        echo "bench: kept destinations and logs in $RUN_DIR" >&2
    else
        rm -rf -- "$RUN_DIR" 2>/dev/null || true
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'echo "bench: interrupted" >&2; exit 130' INT TERM

# Peak RSS: use GNU time's %M as a small middleman when available (see timeit.py).
RSS_HELPER=()
RSS_METHOD="ru_maxrss seen by python (never below python's own ~10-15 MiB; install GNU time, apt-get install time, for exact values)"
if [[ -x /usr/bin/time ]] && /usr/bin/time -f %M -o "$RUN_DIR/gnu-time-check" true 2>/dev/null \
        && grep -qE '^[0-9]+$' "$RUN_DIR/gnu-time-check" 2>/dev/null; then
    RSS_HELPER=(--rss-helper /usr/bin/time)
    RSS_METHOD="GNU time %M (/usr/bin/time as middleman, adds ~1 ms wall per run)"
fi
rm -f -- "$RUN_DIR/gnu-time-check"

FS_TYPE=$(stat -f -c %T -- "$DIR")
if [[ $(stat -c %d -- "$SRC_ROOT") != $(stat -c %d -- "$RUN_DIR") ]]; then
    echo "bench: WARNING: $SRC_ROOT and $RUN_DIR are on different file systems" >&2
fi

# ---------------------------------------------------------------- environment
first_line() { { "$@" 2>&1 || true; } | head -n 1; }
cpu_model() {
    local m
    m=$(grep -m1 -E '^(model name|Model|Hardware|cpu model)' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || true)
    [[ -n $m ]] || m=$(uname -m)
    echo "$m"
}
mem_total() { awk '/^MemTotal:/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo 2>/dev/null || echo "?"; }

echo "== pcopy benchmark =="
echo "date:        $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "scratch dir: $DIR"
MOUNT_FS=$(df --output=fstype -- "$DIR" 2>/dev/null | tail -n 1 || true)
echo "fs type:     $FS_TYPE${MOUNT_FS:+ (mounted as $MOUNT_FS)}"
echo "kernel:      $(uname -sr)"
echo "cpu:         $(cpu_model)"
echo "nproc:       $(nproc)"
echo "memory:      $(mem_total)"
if command -v java >/dev/null; then
    echo "java:        $(first_line java -version)"
else
    echo "java:        (java not on PATH)"
fi
if [[ " ${TOOL_LIST[*]} " == *" pcopy "* ]]; then
    echo "pcopy:       $PCOPY${PCOPY_ARGS:+ $PCOPY_ARGS}"
fi
echo "cp:          $(first_line cp --version)"
echo "tar:         $(first_line tar --version)"
if command -v rsync >/dev/null; then
    echo "rsync:       $(first_line rsync --version)"
else
    echo "rsync:       (not installed)"
fi
if command -v rclone >/dev/null; then
    echo "rclone:      $(first_line rclone version)"
else
    echo "rclone:      (not installed)"
fi
if command -v fpsync >/dev/null; then
    echo "fpsync:      $(first_line fpsync -h)"
else
    echo "fpsync:      (not installed)"
fi
echo "python:      $(first_line "$PY" --version)"
echo "peak RSS:    $RSS_METHOD"
echo "workloads:   ${WL_LIST[*]}"
echo "tools:       ${TOOL_LIST[*]}"
if [[ " ${TOOL_LIST[*]} " == *" rclone "* || " ${TOOL_LIST[*]} " == *" fpsync "* ]]; then
    echo "jobs:        $JOBS (rclone --transfers, fpsync -n)"
fi
echo "scale:       $SCALE   runs: $RUNS   warm-up: $([[ $WARMUP == 1 ]] && echo yes || echo no)"
echo "results csv: $OUT"
echo

# The first ten columns are those of earlier versions; the last four were added
# (see README.md, "Output").
echo "workload,scale,fs_type,tool,run,wall_s,user_s,sys_s,maxrss_kib,verified,verify_skipped,total_bytes,stop_bytes,copied_bytes" >"$OUT"

# ---------------------------------------------------------------- helpers
FAILURES=0

sync_fs() { sync -f -- "$1" 2>/dev/null || sync; }

fresh_dir() { rm -rf -- "$1"; mkdir -p -- "$1"; }

# tool_cmd TOOL SRC DST [WORKLOAD] -> sets CMD array (the exact command line measured)
tool_cmd() {
    local tool=$1 src=$2 dst=$3 wl=${4-}
    case "$tool" in
        # In the resume scenario pcopy reports in JSON: its summary event has the exact bytes written.
        pcopy)
            CMD=("$PCOPY" ${PCOPY_ARGV[@]+"${PCOPY_ARGV[@]}"})
            [[ $wl == *-resume ]] && CMD+=(--json)
            CMD+=("$src" "$dst") ;;
        cp-a) CMD=(cp -a "$src/." "$dst/") ;;
        rsync-a) CMD=(rsync -a "$src/" "$dst/") ;;
        # Resume scenario only: keep the partly copied file; --stats tells the bytes sent ("Literal data").
        rsync-partial) CMD=(rsync -a --partial --stats "$src/" "$dst/") ;;
        rsync-append-verify) CMD=(rsync -a --partial --append-verify --stats "$src/" "$dst/") ;;
        # -p keeps permissions independent of the caller's umask (default for root)
        tar-pipe) CMD=(bash -c 'set -o pipefail; tar -C "$1" -cf - . | tar -C "$2" -xpf -' tar-pipe "$src" "$dst") ;;
        # --metadata: modes, owners and times of files (not of directories in rclone 1.60);
        # --create-empty-src-dirs: as the other tools; --ignore-checksum: no MD5s of source
        # and copy compared after each transfer, a second read of the source (cp -a and
        # pcopy do not verify);
        # --multi-thread-streams given explicitly, at rclone's default of 4, because rclone
        # splits a local-to-local copy of a big file only when that option is set.
        # Symlinks are skipped (with --links and --metadata rclone 1.60 chmods the link's target).
        rclone) CMD=(rclone copy "$src" "$dst" --transfers "$JOBS" --metadata --create-empty-src-dirs
                     --ignore-checksum --multi-thread-streams 4 --config /dev/null -q) ;;
        # fpsync's default rsync options (-lptgoD -v --numeric-ids); its own run files in RUN_DIR.
        fpsync) CMD=(fpsync -n "$JOBS" -t "$RUN_DIR/fpsync" "$src/" "$dst/") ;;
        *) die "internal: unknown tool $tool" ;;
    esac
}

# verify_skip TOOL -> the checks verify.py leaves out for TOOL ("" = none), comma-separated
verify_skip() {
    case "$1" in
        rclone) echo "dir-modes,symlinks" ;;
        *) echo "" ;;
    esac
}

# tool_done TOOL: clean-up after a run, outside the timed span
tool_done() {
    [[ $1 == fpsync ]] && rm -rf -- "$RUN_DIR/fpsync"
    return 0
}

# copied_bytes TOOL LOG -> bytes the tool says it wrote ("" if it does not say)
copied_bytes() {
    case "$1" in
        pcopy) grep '"type":"summary"' "$2" | tail -n 1 | sed -n 's/.*"bytes_written":\([0-9]*\).*/\1/p' ;;
        rsync-*) grep '^Literal data:' "$2" | tail -n 1 | tr -dc '0-9' ;;
        *) echo "" ;;
    esac
}

loud_error() {
    {
        echo
        echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
        echo "!! ERROR: $1"
        shift
        local l
        for l in "$@"; do [[ -n $l ]] && printf '%s\n' "$l" | sed 's/^/!!   /'; done
        echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
        echo
    } >&2
}

# run_untimed WORKLOAD TOOL SRC DST  (warm-up)
run_untimed() {
    local wl=$1 tool=$2 src=$3 dst=$4 log="$RUN_DIR/logs/$1-$2-warmup.log" rc=0
    tool_cmd "$tool" "$src" "$dst" "$wl"
    "${CMD[@]}" </dev/null >"$log" 2>&1 || rc=$?
    tool_done "$tool"
    if [[ $rc != 0 ]]; then
        echo "bench: WARNING: warm-up of $tool on $wl exited with status $rc; last lines of its output:" >&2
        tail -n 20 -- "$log" | sed 's/^/    /' >&2
    fi
}

# run_timed WORKLOAD TOOL RUN SRC DST [TOTAL_BYTES STOP_BYTES]
#   -> times, verifies, appends a CSV row (STOP_BYTES: resume scenario, the bytes
#      written when the first run was interrupted)
run_timed() {
    local wl=$1 tool=$2 run=$3 src=$4 dst=$5 total=${6-} stop=${7-}
    local log="$RUN_DIR/logs/$wl-$tool-run$run.log" res="$RUN_DIR/timing" vlog="$RUN_DIR/verify.log"
    local rc=0 vrc=0 verified=true wall user sys rss trc skip copied="" extra="" width=9
    tool_cmd "$tool" "$src" "$dst" "$wl"
    skip=$(verify_skip "$tool")
    sync_fs "$DIR"
    rm -f -- "$res"
    pyrun "$SCRIPT_DIR/timeit.py" --out "$res" ${RSS_HELPER[@]+"${RSS_HELPER[@]}"} -- "${CMD[@]}" >"$log" 2>&1 || rc=$?
    tool_done "$tool"
    if [[ -s $res ]]; then
        read -r wall user sys rss trc <"$res"
    else
        wall=0 user=0 sys=0 rss=0
    fi
    if [[ $rc != 0 ]]; then
        verified=false
        loud_error "$tool FAILED on workload $wl (run $run): exit status $rc" \
            "command: ${CMD[*]}" "last lines of its output:" \
            "$(tail -n 15 -- "$log" 2>/dev/null || true)"
    fi
    pyrun "$SCRIPT_DIR/verify.py" --quiet ${skip:+--skip "$skip"} "$src" "$dst" >"$vlog" 2>&1 || vrc=$?
    if [[ $vrc != 0 ]]; then
        verified=false
        local first
        first=$(grep -m1 'first differing path' "$vlog" || head -n1 "$vlog")
        loud_error "VERIFICATION FAILED: tool=$tool workload=$wl run=$run" "${first#verify: }" \
            "$(grep -v 'first differing path' "$vlog" | head -n 8 | sed 's/^verify: //' || true)"
    fi
    [[ $verified == true ]] || FAILURES=$((FAILURES + 1))
    if [[ -n $stop ]]; then
        width=19  # rsync-append-verify
        copied=$(copied_bytes "$tool" "$log")
        extra=$(awk -v s="$stop" -v c="$copied" -v t="$total" 'BEGIN {
            printf "  stopped at %3.0f %%, re-run copied %s", 100 * s / t, (c == "" ? "(not told)" : sprintf("%3.0f %%", 100 * c / t)) }')
    fi
    echo "$wl,$SCALE,$FS_TYPE,$tool,$run,$wall,$user,$sys,$rss,$verified,${skip//,/+},$total,$stop,$copied" >>"$OUT"
    printf '  [%s] run %d/%d %-*s wall %8.3f s  cpu %8.3f s  rss %8.1f MiB  %s%s\n' \
        "$wl" "$run" "$RUNS" "$width" "$tool" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN{print u+s}')" \
        "$(awk -v r="$rss" 'BEGIN{print r/1024}')" \
        "$([[ $verified == true ]] && echo verified${skip:+ "(skipped: ${skip//,/, })"} || echo FAILED)" "$extra"
}

# generate WORKLOAD -> prints the cached source path
generate() {
    pyrun "$SCRIPT_DIR/genworkload.py" --root "$SRC_ROOT" --scale "$SCALE" "$1" | tail -n 1
}

# source_bytes SRC -> the bytes of the generated tree's files
source_bytes() {
    pyrun -c 'import json,sys; print(json.load(open(sys.argv[1]))["bytes"])' "$1.done"
}

check_space() {
    local src=$1 need avail
    need=$(( $(source_bytes "$src") * 105 / 100 + (64 << 20) ))
    avail=$(df -P -B1 -- "$DIR" | awk 'NR==2 {print $4}')
    if [[ -n $avail && $avail -lt $need ]]; then
        die "not enough free space in $DIR for a copy: need ~$((need >> 20)) MiB, have $((avail >> 20)) MiB"
    fi
}

# ---------------------------------------------------------------- benchmark
# One untimed round of every tool given (page cache warm, first-run costs paid), unless
# --no-warmup: warm_up WORKLOAD SRC LABEL TOOL...
warm_up() {
    local wl=$1 src=$2 label=$3 tool dst
    shift 3
    [[ $WARMUP == 1 ]] || return 0
    echo "  warm-up round $label ..."
    for tool in "$@"; do
        dst="$RUN_DIR/$wl-$tool"
        fresh_dir "$dst"
        run_untimed "$wl" "$tool" "$src" "$dst"
        rm -rf -- "$dst"
    done
}

bench_copy() {
    local wl=$1 src dst tool run total
    src=$(generate "$wl")
    check_space "$src"
    total=$(source_bytes "$src")
    echo "== workload $wl ($src)"
    warm_up "$wl" "$src" "(untimed)" "${TOOL_LIST[@]}"
    for ((run = 1; run <= RUNS; run++)); do
        for tool in "${TOOL_LIST[@]}"; do
            dst="$RUN_DIR/$wl-$tool"
            fresh_dir "$dst"
            run_timed "$wl" "$tool" "$run" "$src" "$dst" "$total"
            if [[ $KEEP != 1 || $run != "$RUNS" ]]; then rm -rf -- "$dst"; fi
        done
    done
}

bench_rerun() {
    local wl=$1 base=${1%-rerun} src dst tool run tools=() total
    for tool in "${TOOL_LIST[@]}"; do
        case "$tool" in pcopy|rsync-a|rclone|fpsync) tools+=("$tool") ;; esac
    done
    if [[ ${#tools[@]} == 0 ]]; then
        echo "== workload $wl: skipped (needs pcopy, rsync, rclone or fpsync)"
        return
    fi
    src=$(generate "$base")
    check_space "$src"
    total=$(source_bytes "$src")
    echo "== workload $wl ($src; destination is already a complete copy; tools: ${tools[*]})"
    for tool in "${tools[@]}"; do
        dst="$RUN_DIR/$wl-$tool"
        fresh_dir "$dst"
        cp -a -- "$src/." "$dst/"
        pyrun "$SCRIPT_DIR/verify.py" --quiet "$src" "$dst" || die "could not prepare the re-run destination $dst"
    done
    if [[ $WARMUP == 1 ]]; then
        echo "  warm-up round (untimed) ..."
        for tool in "${tools[@]}"; do
            run_untimed "$wl" "$tool" "$src" "$RUN_DIR/$wl-$tool"
        done
    fi
    for ((run = 1; run <= RUNS; run++)); do
        for tool in "${tools[@]}"; do
            run_timed "$wl" "$tool" "$run" "$src" "$RUN_DIR/$wl-$tool" "$total"
        done
    done
    if [[ $KEEP != 1 ]]; then
        for tool in "${tools[@]}"; do rm -rf -- "$RUN_DIR/$wl-$tool"; done
    fi
}

# Resume: each run copies the huge file into an empty destination, interrupts
# that copy with SIGINT to its process group (as Ctrl-C does) once STOP_AT of
# the file is written, then times the same command again (the re-run), and
# checks the copy. cp -a is there as the tool that starts over.
bench_resume() {
    local wl=$1 base=${1%-resume} src dst tool run tools=() total stop res="$RUN_DIR/stop"
    local signalled seen src_rc secs log
    for tool in "${TOOL_LIST[@]}"; do
        case "$tool" in
            pcopy|cp-a) tools+=("$tool") ;;
            rsync-a) tools+=(rsync-partial rsync-append-verify) ;;
        esac
    done
    if [[ ${#tools[@]} == 0 ]]; then
        echo "== workload $wl: skipped (needs pcopy, cp or rsync)"
        return
    fi
    src=$(generate "$base")
    check_space "$src"
    total=$(source_bytes "$src")
    stop=$(awk -v t="$total" -v f="$STOP_AT" 'BEGIN { printf "%d", t * f }')
    echo "== workload $wl ($src; each run: a copy stopped by SIGINT at $STOP_AT of the bytes, then the timed re-run; tools: ${tools[*]})"
    warm_up "$wl" "$src" "(untimed, whole copies)" "${tools[@]}"
    for ((run = 1; run <= RUNS; run++)); do
        for tool in "${tools[@]}"; do
            dst="$RUN_DIR/$wl-$tool"
            log="$RUN_DIR/logs/$wl-$tool-run$run-stopped.log"
            fresh_dir "$dst"
            tool_cmd "$tool" "$src" "$dst" "$wl"
            sync_fs "$DIR"
            rm -f -- "$res"
            src_rc=0
            pyrun "$SCRIPT_DIR/stopat.py" --watch "$dst" --bytes "$stop" --out "$res" -- "${CMD[@]}" >"$log" 2>&1 || src_rc=$?
            tool_done "$tool"
            signalled=0 seen=0
            [[ -s $res ]] && read -r signalled seen _ secs <"$res"
            if [[ $src_rc != 0 || $signalled != 1 ]]; then
                loud_error "$tool on workload $wl (run $run): the first run was not stopped at $STOP_AT of the file" \
                    "$(case $src_rc in
                           1) echo "it finished first, with $seen of $total bytes written (a larger --scale gives it more time)" ;;
                           3) echo "it did not end within 120 s of SIGINT and was killed" ;;
                           *) echo "stopat.py exited with status $src_rc" ;;
                       esac)" \
                    "command: ${CMD[*]}" "last lines of its output:" "$(tail -n 10 -- "$log" 2>/dev/null || true)"
                FAILURES=$((FAILURES + 1))
                echo "$wl,$SCALE,$FS_TYPE,$tool,$run,0,0,0,0,false,,$total,$seen," >>"$OUT"
            else
                run_timed "$wl" "$tool" "$run" "$src" "$dst" "$total" "$seen"
            fi
            if [[ $KEEP != 1 || $run != "$RUNS" ]]; then rm -rf -- "$dst"; fi
        done
    done
}

for wl in "${WL_LIST[@]}"; do
    case "$wl" in
        *-rerun) bench_rerun "$wl" ;;
        *-resume) bench_resume "$wl" ;;
        *) bench_copy "$wl" ;;
    esac
done

# ---------------------------------------------------------------- report
echo
echo "== results (medians over $RUNS run(s); CPU = user+sys incl. children; RSS = largest process;"
echo "   best peer = the fastest tool other than pcopy in the same workload)"
pyrun "$SCRIPT_DIR/report.py" "$OUT"
echo
echo "raw results: $OUT"
if [[ $FAILURES -gt 0 ]]; then
    loud_error "$FAILURES timed run(s) failed or produced a copy that differs from the source (see above)"
    exit 1
fi
echo "all copies verified OK"
