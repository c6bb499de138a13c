package dev.pcopy.hosts;

/** A host cannot be used: its agent did not start, or a check failed. */
final class HostFailure extends Exception {
  private static final long serialVersionUID = 1L;

  HostFailure(String why) {
    super(why);
  }
}
