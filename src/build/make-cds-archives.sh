#!/bin/sh
# Makes the class-data-sharing archives of a built pcopy: usage make-cds-archives.sh HOME SCRATCH
#
# HOME is the installed tree (HOME/bin/pcopy, HOME/lib). One training copy of a small tree, run
# with the JDK that will run pcopy, records the classes the coordinator and a worker load into
# HOME/lib/pcopy/pcopy-coordinator.jsa and HOME/lib/pcopy/pcopy-worker.jsa; the launcher maps
# them at start-up, which saves parsing and verifying those classes in every JVM.
#
# The worker's is a dynamic archive, layered on the JDK's own. The coordinator's is a static one,
# dumped from the training run's class list: JDK 17 leaves pre-Java-6 class files out of dynamic
# archives, and all of picocli's classes are such files.
#
# An archive fits only the JDK build and the jar paths it was made with.
# HOME/lib/pcopy/pcopy-cds.home records the install path they were made for, and the launcher passes them only to that
# install: a static archive that does not fit leaves the JVM with no archive at all, not even
# the JDK's own. If no archive comes out,
# pcopy runs as before, so that is a note, not a failure; a failing training copy is a failure,
# because then pcopy itself is broken.
set -eu

home=$1
scratch=$2
lib=$home/lib/pcopy

rm -f "$lib/pcopy-coordinator.jsa" "$lib/pcopy-worker.jsa" "$lib/pcopy-cds.home"
# The archives' paths travel inside PCOPY_JAVA_OPTS, which is split at whitespace, and the JVM
# reads ':' in an archive path as a separator: write them where neither can occur.
dumps=$(mktemp -d)
case $dumps in
  *[[:space:]:]*)
    echo "make-cds-archives: no archives: the temporary directory $dumps has a space or ':'" >&2
    rmdir "$dumps"
    exit 0
    ;;
esac
rm -rf "$scratch"
mkdir -p "$scratch/src/docs/deep/er" "$scratch/src/bin"
i=0
while [ $i -lt 300 ]; do
  head -c $((i * 37 % 9000 + 1)) /dev/zero > "$scratch/src/docs/file$i.txt"
  i=$((i + 1))
done
head -c 3000000 /dev/zero > "$scratch/src/bin/big.bin"
: > "$scratch/src/docs/deep/er/empty"
ln -s ../docs/file1.txt "$scratch/src/bin/link"
chmod 755 "$scratch/src/bin/big.bin"

# One worker, so that a single worker JVM writes the worker archive.
if ! PCOPY_JAVA_OPTS="-XX:DumpLoadedClassList=$dumps/coordinator.classlist" \
    PCOPY_WORKER_JAVA_OPTS="-XX:ArchiveClassesAtExit=$dumps/worker.jsa" \
    "$home/bin/pcopy" --workers 1 --progress=plain "$scratch/src" "$scratch/dst" \
    > "$scratch/training.log" 2>&1; then
  echo "make-cds-archives: the training copy failed:" >&2
  cat "$scratch/training.log" >&2
  rm -rf "$dumps"
  exit 1
fi

# The launcher, with -Xshare:dump last, gives the dump the very options a run has; the JVM then
# writes the archive and exits without running pcopy. Its warnings about classes it cannot keep
# (generated proxies) go to the log.
if [ -s "$dumps/coordinator.classlist" ]; then
  PCOPY_JAVA_OPTS="-Xshare:dump -XX:SharedClassListFile=$dumps/coordinator.classlist -XX:SharedArchiveFile=$dumps/coordinator.jsa" \
      "$home/bin/pcopy" >> "$scratch/training.log" 2>&1 || true
fi

made=
for role in coordinator worker; do
  if [ -s "$dumps/$role.jsa" ]; then
    # Copied beside its final name, then renamed: a half-written archive crashes the JVM.
    cp "$dumps/$role.jsa" "$lib/.pcopy-$role.jsa.part"
    mv "$lib/.pcopy-$role.jsa.part" "$lib/pcopy-$role.jsa"
    made=yes
  else
    echo "make-cds-archives: no $role archive was made; pcopy runs without it" >&2
  fi
done
if [ -n "$made" ]; then
  # The launcher knows its home as `pwd -P` gives it.
  (cd "$home" && pwd -P) > "$lib/pcopy-cds.home"
fi
rm -rf "$scratch" "$dumps"
