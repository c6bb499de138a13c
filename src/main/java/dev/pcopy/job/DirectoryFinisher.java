package dev.pcopy.job;

import dev.pcopy.copy.MetadataWriter;
import dev.pcopy.copy.ProcessIdentity;
import dev.pcopy.plan.DirectoryRecord;
import dev.pcopy.plan.EntryAttributes;
import dev.pcopy.plan.EntryAttributes.EntryType;
import dev.pcopy.plan.Reasons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Gives each target directory its source's mode and times once everything is copied, children
 * before parents: writing into a directory changes its modification time, and a read-only mode
 * set early would stop the copy of its contents.
 */
final class DirectoryFinisher {
  private DirectoryFinisher() {}

  /**
   * Applies the metadata of {@code directories} (given parents first) in reverse order; as root
   * also their owner and group. A destination that refuses writes (read-only, say, with every
   * file already up to date) ends it at the first directory, which is reported once.
   *
   * @param unswept target directories that still hold other runs' temporary files: they get
   *     their mode and owner but keep their own times, since the source's modification time would
   *     tell later runs that they hold none ({@link dev.pcopy.copy.LeftoverSweep#mayHoldLeftovers})
   * @return the system's reason if the destination refuses writes, else empty
   */
  static Optional<String> apply(List<DirectoryRecord> directories, Set<Path> unswept,
      ProcessIdentity identity, RunReport report) {
    for (int i = directories.size() - 1; i >= 0; i--) {
      DirectoryRecord d = directories.get(i);
      if (alreadyFinished(d, identity)) {
        continue;
      }
      try {
        if (identity.isRoot() && d.owner().isKnown()) {
          MetadataWriter.setOwner(d.target(), d.owner(), false);
        }
        // Times before mode: setting times opens the directory, which a mode like 000 forbids.
        if (!unswept.contains(d.target())) {
          MetadataWriter.setTimes(d.target(), d.mtime(), d.atime());
        }
        Files.setAttribute(d.target(), "unix:mode", d.mode());
      } catch (IOException e) {
        report.fail(d.target(), "cannot set the owner, mode or times: " + Reasons.of(e));
        if (Reasons.refusesWrites(e)) {
          return Optional.of(Reasons.of(e));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the directory already has its source's mode, modification time and (as root) owner,
   * as a finished copy has on a re-run. Leaving it untouched spares three system calls per
   * directory and lets a re-run of a complete copy on a read-only file system succeed. The access
   * time is not compared: listing a directory moves it, and unchanged files keep theirs too.
   */
  private static boolean alreadyFinished(DirectoryRecord d, ProcessIdentity identity) {
    try {
      EntryAttributes target = EntryAttributes.read(d.target(), false);
      return target.type() == EntryType.DIRECTORY
          && target.mode() == d.mode()
          && target.mtime().equals(d.mtime())
          && !(identity.isRoot() && d.owner().isKnown() && !d.owner().sameAs(target.owner()));
    } catch (IOException e) {
      // Setting the metadata meets the same problem and reports it.
      return false;
    }
  }
}
