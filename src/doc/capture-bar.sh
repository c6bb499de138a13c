#!/usr/bin/env bash
# Captures pcopy's progress display, the bar line and a line per worker, from a real terminal
# (tmux) as text, for the README: docs/progress-capture.txt.
#
#   src/doc/capture-bar.sh [OUT]
#
# Needs tmux and a built pcopy (mvn package). Builds a tree of three big files and a few
# thousand small ones in a temporary directory, copies it with 3 workers in a 100x8 window,
# and keeps the first frame with an ETA in which a worker is inside a big file (10 to 90 %),
# so that the picture shows what a worker line is for. The workers wait 2 ms before each entry
# (the test hook pcopy.test.workerDelay), so the small files do not race by.
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$here/docs/progress-capture.txt}
pcopy=$here/target/pcopy/bin/pcopy
[[ -x $pcopy ]] || { echo "capture-bar.sh: build pcopy first (mvn package)" >&2; exit 2; }
command -v tmux >/dev/null || { echo "capture-bar.sh: needs tmux" >&2; exit 2; }

work=$(mktemp -d)
socket=pcopy-capture-$$
cleanup() { tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

mkdir -p "$work/src/photos/2019" "$work/src/backups"
for i in 1 2 3; do
  head -c $((800 << 20)) /dev/urandom > "$work/src/backups/disk-image-$i.img"
done
for d in 1 2 3 4; do
  mkdir -p "$work/src/photos/2019/album-$d"
  for f in $(seq 1 500); do
    head -c $((RANDOM % 6000 + 1000)) /dev/urandom > "$work/src/photos/2019/album-$d/IMG_$f.JPG"
  done
done

tmux -L "$socket" -f /dev/null new-session -d -s capture -x 100 -y 8 'sleep 600'
tmux -L "$socket" set-option -g remain-on-exit on
tmux -L "$socket" respawn-pane -k -t capture -e LANG=C.UTF-8 \
  -e PCOPY_WORKER_JAVA_OPTS=-Dpcopy.test.workerDelay=2 \
  "'$pcopy' -w 3 '$work/src' '$work/dst'"

# The first frame with an ETA and three workers, one of them inside a big file.
for _ in $(seq 1 600); do
  screen=$(tmux -L "$socket" capture-pane -p -t capture)
  if grep -q "^  #3 " <<<"$screen" && grep -qE "MiB +[1-8][0-9]%$" <<<"$screen" \
      && grep -qE "ETA [0-9]" <<<"$screen"; then
    printf '%s\n' "$screen" | sed -e 's/[[:space:]]*$//' -e '/^$/d' > "$out"
    echo "capture-bar.sh: wrote $out" >&2
    cat "$out"
    exit 0
  fi
  sleep 0.05
done
echo "capture-bar.sh: no frame with three workers in a big file; the last screen:" >&2
tmux -L "$socket" capture-pane -p -t capture >&2
exit 1
