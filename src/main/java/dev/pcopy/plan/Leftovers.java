package dev.pcopy.plan;

import dev.pcopy.fs.Stat;
import dev.pcopy.fs.Timestamp;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * Judges the temporary files in a target directory: which are leftovers of a run that was killed
 * whole (coordinator and workers, by SIGKILL or a power cut), which nobody else will ever remove.
 *
 * <p>A file removed by mistake is lost, so an entry is a leftover only when everything says so:
 * its name is exactly one pcopy makes ({@link TempNames#runOf}); its run had this process's
 * {@link HostTag}, since a pid says nothing about processes elsewhere; that run's coordinator is
 * not this process and no live process has its pid; the source directory has no entry of that
 * name, which this run copies like any other; and it is not a directory, a kind pcopy never
 * makes under a temporary name (files, symbolic links, FIFOs, sockets and devices it makes under
 * one, and a kill can leave any of them).
 *
 * <p>A target directory whose modification time is its source's cannot hold such leftovers
 * ({@link #mayHoldLeftovers}), so a re-run over a finished copy lists none of its directories a
 * second time.
 */
public final class Leftovers {
  /** What a temporary-looking name in a target directory is. */
  public enum Verdict {
    /** Not one of pcopy's temporary names, or this run's own: not this judge's business. */
    NOT_A_LEFTOVER,
    /** A leftover of a dead run on this host: remove it. */
    LEFTOVER,
    /**
     * Another run's temporary file that must stay: a live run's (perhaps one whose pid was taken
     * by another process after a crash) or another host's. The directory's times are then not
     * given back at the end, so that later runs look at it again.
     */
    OTHER_RUN
  }

  private final String hostTag;
  private final long ownPid;
  private final LongPredicate alive;

  /**
   * @param hostTag the host tag of this process
   * @param ownPid this process's pid: its own run's files are never leftovers
   * @param alive whether a process with that pid is alive on this host
   */
  public Leftovers(String hostTag, long ownPid, LongPredicate alive) {
    this.hostTag = hostTag;
    this.ownPid = ownPid;
    this.alive = alive;
  }

  /** Returns the judge for runs coordinated by this process. */
  public static Leftovers forThisProcess() {
    return new Leftovers(HostTag.current(), ProcessHandle.current().pid(),
        pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
  }

  /** Whether {@code name} may be a temporary name, worth a closer look. */
  public static boolean looksTemporary(byte[] name) {
    return dev.pcopy.fs.Names.startsWith(name, TempNames.PREFIX);
  }

  /**
   * Judges the target entry {@code name} of kind {@code kind}, where the source directory has
   * ({@code inSource}) or lacks an entry of that name.
   */
  public Verdict judge(byte[] name, Stat.Kind kind, boolean inSource) {
    Optional<RunId> run = TempNames.runOf(name);
    if (run.isEmpty() || inSource || kind == Stat.Kind.DIRECTORY) {
      return Verdict.NOT_A_LEFTOVER;
    }
    boolean thisHost = run.get().host().equals(hostTag);
    if (thisHost && run.get().pid() == ownPid) {
      return Verdict.NOT_A_LEFTOVER;
    }
    if (!thisHost || alive.test(run.get().pid())) {
      return Verdict.OTHER_RUN;
    }
    return Verdict.LEFTOVER;
  }

  /**
   * Whether a target directory modified at {@code targetModified}, the copy of a source
   * directory modified at {@code sourceModified}, may hold a killed run's temporary files.
   *
   * <p>Creating a temporary file sets its directory's modification time to the clock's. Only a
   * run that completes gives the directory its source's time back, after every entry in it is at
   * its final name, the temporary files of crashed workers are removed, and no other run's
   * temporary files were seen in it ({@link Verdict#OTHER_RUN}); a run killed after writing into
   * it leaves the clock's time. So a directory that has its source's time exactly was last
   * written by a complete run, or by hand.
   *
   * <p>Except where the time could have come from a write all the same. A file system that
   * keeps times to the second (vfat, ext4 with small inodes, some network file systems) gives a
   * directory written in the second its source changed that same time, so a time without a
   * fraction proves nothing. And the kernel stamps writes from a clock that moves in ticks of a
   * few milliseconds, so a directory written in the tick its source changed has that time to the
   * nanosecond: but then its status-change time is that same time, while the run that gives a
   * directory its source's time sets its status-change time to when it did so, later.
   *
   * @param target the target directory's status
   */
  public static boolean mayHoldLeftovers(Stat target, Timestamp sourceModified) {
    Timestamp modified = target.mtime();
    return !modified.same(sourceModified) || modified.nanos() == 0
        || modified.same(target.ctime());
  }
}
