package dev.pcopy.job;

import sun.misc.Signal;

/**
 * Makes SIGTERM end pcopy with the same code as SIGINT (130) from the first moment on, before a
 * copy installs its own handling ({@link SignalTrap}). The JVM's own answer to SIGTERM is exit
 * code 143, which a script would read as something else than the interruption it is; nothing
 * has been copied yet at that point, so there is nothing to stop in order.
 */
public final class EarlySignals {
  private EarlySignals() {}

  /** Installs the handler; call it first thing in {@code main}. */
  public static void install() {
    Signal.handle(new Signal("TERM"), signal -> Runtime.getRuntime().halt(
        SignalTrap.INTERRUPTED_EXIT));
  }
}
