package dev.pcopy.job;

import dev.pcopy.copy.MetadataWriter;
import dev.pcopy.copy.ProcessIdentity;
import dev.pcopy.plan.DirectoryRecord;
import dev.pcopy.plan.Reasons;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

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
   * @return the system's reason if the destination refuses writes, else empty
   */
  static Optional<String> apply(List<DirectoryRecord> directories, ProcessIdentity identity,
      RunReport report) {
    for (int i = directories.size() - 1; i >= 0; i--) {
      DirectoryRecord d = directories.get(i);
      try {
        if (identity.isRoot() && d.owner().isKnown()) {
          MetadataWriter.setOwner(d.target(), d.owner(), false);
        }
        // Times before mode: setting times opens the directory, which a mode like 000 forbids.
        MetadataWriter.setTimes(d.target(), d.mtime(), d.atime());
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
}
