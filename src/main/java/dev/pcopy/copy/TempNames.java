package dev.pcopy.copy;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Names the temporary file an entry is written to before it is renamed into place.
 *
 * <p>The name is derived from the run and the entry's sequence number only, never from the
 * entry's own name, so that it stays short (a long final name plus a suffix could pass the
 * 255-byte limit) and so that the coordinator can find and remove the temporary files of a
 * worker that was killed without asking it.
 *
 * <p>A run id starts with the coordinator's process id ({@link #runId}), so that a later run can
 * tell the leftovers of a run that died whole (SIGKILL, power loss) from the temporary files of a
 * run that is still going, and remove only the former ({@link #sweep}).
 */
public final class TempNames {
  /** Every temporary name starts with this, so leftovers are easy to recognise. */
  public static final String PREFIX = ".pcopy-";

  private TempNames() {}

  /** Suffix of every temporary name. */
  private static final String SUFFIX = ".tmp";

  /** Returns a new run id: this process's id and a random part, in base 36, joined by '_'. */
  public static String runId(long pid, long random) {
    return Long.toString(pid, 36) + "_" + Long.toString(random & 0xff_ffff_ffffL, 36);
  }

  /**
   * Removes the temporary files in {@code directory} left by runs whose coordinator is no longer
   * alive. Files of this process's run and of running processes stay.
   *
   * @return the files removed
   */
  public static List<Path> sweep(Path directory) throws IOException {
    List<Path> removed = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX)) {
      for (Path entry : entries) {
        long pid = ownerPid(entry.getFileName().toString());
        if (pid <= 0 || pid == ProcessHandle.current().pid()) {
          continue;
        }
        // A live process with that id may be another run into the same place: leave its files.
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        if (!alive && Files.deleteIfExists(entry)) {
          removed.add(entry);
        }
      }
    }
    return removed;
  }

  /** Returns the coordinator pid a temporary name carries, or -1 if it carries none. */
  static long ownerPid(String name) {
    int underscore = name.indexOf('_');
    if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX) || underscore < 0) {
      return -1;
    }
    try {
      return Long.parseLong(name.substring(PREFIX.length(), underscore), 36);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Returns the temporary path for entry {@code seq} of run {@code runId} beside {@code target}. */
  public static Path of(Path target, String runId, long seq) {
    return target.resolveSibling(PREFIX + runId + "-" + seq + SUFFIX);
  }
}
