package dev.pcopy.cli;

/** The exit codes pcopy documents in {@code --help} and the README. */
public final class ExitCodes {
  /** Everything was copied (or was already up to date). */
  public static final int OK = 0;
  /**
   * Some entries failed; the rest were copied. Also a run that could not go on: a fatal error, or
   * a destination that refuses writes (full, over quota, read-only).
   */
  public static final int FAILED = 1;
  /** Bad usage or bad input; nothing was written. */
  public static final int USAGE = 2;
  /** Stopped by SIGINT or SIGTERM; temporary files were removed. */
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}
}
