package dev.pcopy.copy;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Removes from a target directory the temporary files of runs that were killed whole
 * (coordinator and workers, by SIGKILL or a power cut): nobody else ever will.
 *
 * <p>A file removed by mistake is lost, so an entry goes only when everything says it is such a
 * leftover: its name is exactly one pcopy makes ({@link TempNames#runOf}); its run had this
 * process's {@link HostTag}, since a pid says nothing about processes elsewhere; that run's
 * coordinator is not this process and no live process has its pid; the source directory has no
 * entry of that name, which this run copies like any other; and it is a regular file or a
 * symbolic link, the only kinds pcopy writes under a temporary name.
 *
 * <p>A target directory whose modification time is its source's cannot hold such leftovers
 * ({@link #mayHoldLeftovers}), so a re-run over a finished copy lists none of its directories a
 * second time.
 */
public final class LeftoverSweep {
  private final String hostTag;
  private final long ownPid;

  /**
   * @param hostTag the host tag of this process
   * @param ownPid this process's pid: its own run's files are never leftovers
   */
  public LeftoverSweep(String hostTag, long ownPid) {
    this.hostTag = hostTag;
    this.ownPid = ownPid;
  }

  /** Returns a sweep for runs coordinated by this process. */
  public static LeftoverSweep forThisProcess() {
    return new LeftoverSweep(HostTag.current(), ProcessHandle.current().pid());
  }

  /**
   * Whether a target directory modified at {@code targetModified}, the copy of a source
   * directory modified at {@code sourceModified}, may hold a killed run's temporary files.
   *
   * <p>Creating a temporary file sets its directory's modification time to the clock's. Only a
   * run that completes gives the directory its source's time back, after every entry in it is at
   * its final name, the temporary files of crashed workers are removed, and no other run's
   * temporary files were seen in it ({@link Swept#othersRemain}); a run killed after writing into
   * it leaves the clock's time. So a directory that has its source's time exactly was last
   * written by a complete run, or by hand.
   *
   * <p>Except at a whole second: a file system that keeps times to the second (vfat, ext4 with
   * small inodes, some network file systems) gives a directory written in the second its source
   * changed that same time, so a time without a fraction proves nothing.
   */
  public static boolean mayHoldLeftovers(Instant targetModified, Instant sourceModified) {
    return !targetModified.equals(sourceModified) || targetModified.getNano() == 0;
  }

  /**
   * What a sweep of one directory did.
   *
   * @param removed the leftovers removed
   * @param othersRemain whether temporary files of other runs stay in it: a live run's (perhaps
   *     one whose pid was taken by another process after a crash) or another host's; its times
   *     are then not given back at the end, so that later runs sweep it again
   */
  public record Swept(List<Path> removed, boolean othersRemain) {}

  /** Removes the leftovers in {@code target}, the copy of {@code source}. */
  public Swept sweep(Path target, Path source) throws IOException {
    List<Path> removed = new ArrayList<>();
    boolean othersRemain = false;
    try (DirectoryStream<Path> entries = temporaryNames(target)) {
      for (Path entry : entries) {
        if (isLeftover(entry, source) && Files.deleteIfExists(entry)) {
          removed.add(entry);
        } else if (isOtherRunsTemporaryFile(entry, source)) {
          othersRemain = true;
        }
      }
    }
    return new Swept(removed, othersRemain);
  }

  /**
   * Returns the leftovers in {@code target}, the copy of {@code source}, without removing them:
   * what {@link #sweep} would remove, for {@code --dry-run} to list.
   */
  public List<Path> find(Path target, Path source) throws IOException {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = temporaryNames(target)) {
      for (Path entry : entries) {
        if (isLeftover(entry, source)) {
          found.add(entry);
        }
      }
    }
    return found;
  }

  private static DirectoryStream<Path> temporaryNames(Path target) throws IOException {
    // A prefix test, not a glob: a glob compiles a pattern per directory and runs it per entry.
    return Files.newDirectoryStream(target,
        entry -> entry.getFileName().toString().startsWith(TempNames.PREFIX));
  }

  /**
   * Whether {@code entry}, still there, is a temporary file of a run other than this one: named
   * as pcopy names them, by another coordinator, not an entry of the source, a file or a link.
   */
  private boolean isOtherRunsTemporaryFile(Path entry, Path source) throws IOException {
    Optional<RunId> run = TempNames.runOf(entry.getFileName().toString());
    return run.isPresent() && !(run.get().host().equals(hostTag) && run.get().pid() == ownPid)
        && Files.notExists(source.resolve(entry.getFileName()), LinkOption.NOFOLLOW_LINKS)
        && isFileOrLink(entry);
  }

  private boolean isLeftover(Path entry, Path source) throws IOException {
    Optional<RunId> run = TempNames.runOf(entry.getFileName().toString());
    if (run.isEmpty() || !run.get().host().equals(hostTag) || run.get().pid() == ownPid
        || !Files.notExists(source.resolve(entry.getFileName()), LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    // A live process with that pid may be another run into the same place: leave its files.
    if (ProcessHandle.of(run.get().pid()).map(ProcessHandle::isAlive).orElse(false)) {
      return false;
    }
    return isFileOrLink(entry);
  }

  /** Whether {@code entry} is a regular file or a symbolic link: the kinds pcopy writes. */
  private static boolean isFileOrLink(Path entry) throws IOException {
    try {
      BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
      return attributes.isRegularFile() || attributes.isSymbolicLink();
    } catch (NoSuchFileException e) {
      // Another run into the same place removed it first.
      return false;
    }
  }
}
