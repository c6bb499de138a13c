package dev.pcopy.fs;

import java.io.IOException;

/**
 * A system call failed: the error number, and the C library's words for it as the reason. The
 * path is not part of the message; whoever reports it prints the path from its exact bytes.
 */
public final class SysException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int errno;
  private final String call;

  /**
   * @param errno the error number
   * @param call the system call that failed, for {@code --debug}
   */
  public SysException(int errno, String call) {
    super(Errno.describe(errno));
    this.errno = errno;
    this.call = call;
  }

  /** Returns the error number. */
  public int errno() {
    return errno;
  }

  /** Returns the system call that failed. */
  public String call() {
    return call;
  }

  /** Returns {@code result}, or throws for a negative one (an error number negated). */
  static int check(int result, String call) throws SysException {
    if (result < 0) {
      throw new SysException(-result, call);
    }
    return result;
  }

  /** Returns {@code result}, or throws for a negative one (an error number negated). */
  static long check(long result, String call) throws SysException {
    if (result < 0) {
      throw new SysException((int) -result, call);
    }
    return result;
  }

  /** Whether {@code e} is a failed system call with error number {@code errno}. */
  public static boolean is(Throwable e, int errno) {
    return e instanceof SysException s && s.errno == errno;
  }

  /** Whether {@code e} says the destination refuses every write ({@link Errno#refusesWrites}). */
  public static boolean refusesWrites(Throwable e) {
    return e instanceof SysException s && Errno.refusesWrites(s.errno);
  }
}
