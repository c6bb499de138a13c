package dev.pcopy.cli;

import dev.pcopy.job.JobResult;

/** The exit codes pcopy documents in {@code --help} and the README, decided here alone. */
public final class ExitCodes {
  /** Everything was copied (or was already up to date). */
  public static final int OK = 0;
  /**
   * Some entries failed, or were copied without something the destination could not keep; the
   * rest were copied. Also a run that could not go on: a fatal error, or a destination that
   * refuses writes (full, over quota, read-only).
   */
  public static final int FAILED = 1;
  /** Bad usage or bad input; nothing was written. */
  public static final int USAGE = 2;
  /** {@code --max-delete} stopped {@code --delete}: nothing was deleted (as rsync's 25). */
  public static final int DELETE_LIMIT = 25;
  /** Stopped by SIGHUP (a closed terminal, a dropped ssh session); temporary files removed. */
  public static final int HANGUP = 129;
  /** Stopped by SIGINT or SIGTERM; temporary files were removed. */
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}

  /** The exit code of a run stopped by the signal named {@code name} ({@code HUP}, ...). */
  public static int forSignal(String name) {
    return "HUP".equals(name) ? HANGUP : INTERRUPTED;
  }

  /** The exit code of a run that ended as {@code result} says. */
  static int of(JobResult result) {
    if (result.interrupted()) {
      return forSignal(result.signal());
    }
    if (result.stopped() || result.failed() > 0 || result.notKept() > 0) {
      return FAILED;
    }
    return result.deleteLimited() ? DELETE_LIMIT : OK;
  }
}
