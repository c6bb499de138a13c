#!/bin/sh
# Makes pcopy's class-data-sharing archives for one install and one JDK:
#   make-cds-archives.sh LAUNCHER JDK ENTRY
# The launcher runs it when ENTRY, the cache directory it names after the install, the JDK and
# the jars' contents, does not exist yet: in the background, or while it waits (PCOPY_CDS=now).
#
# One training copy of a small tree and a re-run of it, run by LAUNCHER on JDK, record the
# classes the coordinator and a worker load, into ENTRY/coordinator.jsa and ENTRY/worker.jsa.
# The worker's is a dynamic archive, layered on the JDK's own. The coordinator's is a static
# one, dumped from the training runs' class lists: JDK 17 leaves pre-Java-6 class files out of
# dynamic archives, and all of picocli's classes are such files.
#
# ENTRY appears whole or not at all: it is made in a temporary directory beside it and renamed
# last, so a JVM never maps a half-written archive. A lock makes concurrent first runs wait for
# one maker instead of each training its own. ENTRY is made even when no archive comes out (then
# it holds only the log), so that later runs do not try again and again; removing it asks for a
# new try. Nothing here can fail pcopy: without archives a run is only slower.
set -u

launcher=$1
jdk=$2
entry=$3
cache=${entry%/*}
name=${entry##*/}

mkdir -p "$cache" 2>/dev/null || exit 0
locked=
if command -v flock >/dev/null 2>&1 && : 2>/dev/null >>"$cache/.$name.lock"; then
  # Held through descriptor 9 until this script ends, however it ends.
  exec 9>>"$cache/.$name.lock"
  flock 9 && locked=yes
fi
if [ -d "$entry" ]; then
  exit 0
fi
if [ -n "$locked" ]; then
  # Left by a maker that was killed; no other maker of this entry can be running now.
  rm -rf "$cache/.$name.tmp-"*
fi
work=$(mktemp -d "$cache/.$name.tmp-XXXXXX" 2>/dev/null) || exit 0
trap 'rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM
made=$work/made
log=$made/log
train=$work/train
mkdir -p "$made" "$train/src/docs/deep/er" "$train/src/bin"

i=0
while [ $i -lt 300 ]; do
  head -c $((i * 37 % 9000 + 1)) /dev/zero > "$train/src/docs/file$i.txt"
  i=$((i + 1))
done
head -c 3000000 /dev/zero > "$train/src/bin/big.bin"
: > "$train/src/docs/deep/er/empty"
ln -s ../docs/file1.txt "$train/src/bin/link"
chmod 755 "$train/src/bin/big.bin"

# The training runs pcopy as a user would, on the same JDK, with archives neither used nor
# made. One worker, so that a single worker JVM writes the worker archive. The archives' paths
# travel in PCOPY_JAVA_OPTS, which the launcher splits at whitespace: it only runs this script
# for a cache path without any.
echo "pcopy: class-data-sharing archives for $launcher on $jdk" > "$log"
if PCOPY_CDS=off JAVA_HOME=$jdk \
    PCOPY_JAVA_OPTS="-XX:DumpLoadedClassList=$work/coordinator.classlist" \
    PCOPY_WORKER_JAVA_OPTS="-XX:ArchiveClassesAtExit=$work/worker.jsa" \
    "$launcher" --workers 1 --progress=plain "$train/src" "$train/dst" >> "$log" 2>&1; then
  # Then a re-run that finds nothing to do, quiet: what such a run loads and the copy does not
  # (comparing with the copy, -q) would otherwise be read from the jars at every re-run. Its
  # class list is added to the copy's, each line once, in the order first seen.
  if PCOPY_CDS=off JAVA_HOME=$jdk \
      PCOPY_JAVA_OPTS="-XX:DumpLoadedClassList=$work/rerun.classlist" \
      "$launcher" --workers 1 -q "$train/src" "$train/dst" >> "$log" 2>&1 \
      && cat "$work/coordinator.classlist" "$work/rerun.classlist" \
          | awk '!seen[$0]++' > "$work/both.classlist" 2>/dev/null; then
    mv "$work/both.classlist" "$work/coordinator.classlist"
  fi
  # The launcher, with -Xshare:dump last, gives the dump the very options a run has; the JVM
  # then writes the archive and exits without running pcopy. Its warnings about classes it
  # cannot keep (generated proxies) go to the log.
  if [ -s "$work/coordinator.classlist" ]; then
    PCOPY_CDS=off JAVA_HOME=$jdk PCOPY_JAVA_OPTS="-Xshare:dump \
-XX:SharedClassListFile=$work/coordinator.classlist -XX:SharedArchiveFile=$work/coordinator.jsa" \
        "$launcher" >> "$log" 2>&1
  fi
  for role in coordinator worker; do
    if [ -s "$work/$role.jsa" ]; then
      chmod 444 "$work/$role.jsa"
      mv "$work/$role.jsa" "$made/$role.jsa"
    else
      echo "pcopy: no $role archive was made; pcopy runs without it" >> "$log"
    fi
  done
else
  echo "pcopy: the training copy failed; pcopy runs without archives" >> "$log"
fi
printf 'launcher=%s\njdk=%s\n' "$launcher" "$jdk" > "$made/made-for"
rm -rf "$train"
# rename(2), which fails rather than replace an entry made meanwhile without the lock.
mv -T "$made" "$entry" 2>/dev/null || exit 0

# Entries that can no longer be used: made for this launcher and JDK before their contents
# changed (a rebuild, an update), or for a launcher or JDK that is gone. A run that still maps
# one of their archives keeps its mapping.
for other in "$cache"/cds-*/made-for; do
  [ -f "$other" ] && [ "${other%/made-for}" != "$entry" ] || continue
  other_launcher=
  other_jdk=
  while IFS='=' read -r field value; do
    case $field in
      launcher) other_launcher=$value ;;
      jdk) other_jdk=$value ;;
    esac
  done < "$other"
  if { [ "$other_launcher" = "$launcher" ] && [ "$other_jdk" = "$jdk" ]; } \
      || [ ! -e "$other_launcher" ] || [ ! -e "$other_jdk/bin/java" ]; then
    rm -rf "${other%/made-for}"
  fi
done
# Temporary directories of makers killed on the way that no maker of their entry has swept:
# a training takes seconds, so one a day old is no maker's any more.
find "$cache" -maxdepth 1 -name '.cds-*.tmp-*' -mmin +1440 -exec rm -rf {} + 2>/dev/null
