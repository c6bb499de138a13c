package dev.pcopy.job;

import java.util.function.ToIntFunction;
import sun.misc.Signal;

/**
 * Makes SIGTERM and SIGHUP end pcopy with the exit codes pcopy documents for them (as SIGINT's),
 * from the first moment on, before a copy installs its own handling ({@link SignalTrap}). The
 * JVM's own answers are 143 and 129, which a script would read as something else than the
 * interruption it is; nothing has been copied yet at that point, so there is nothing to stop in
 * order.
 */
public final class EarlySignals {
  /** The exit code for a signal's name; set once, by {@link #install}. */
  private static volatile ToIntFunction<String> exitCodes = name -> 128;

  private EarlySignals() {}

  /**
   * Installs the handlers; call it first thing in {@code main}.
   *
   * @param exitCodeOf the exit code for a run stopped by the signal of that name ({@code INT},
   *     {@code TERM}, {@code HUP})
   */
  public static void install(ToIntFunction<String> exitCodeOf) {
    exitCodes = exitCodeOf;
    for (String name : new String[] {"TERM", "HUP"}) {
      Signal.handle(new Signal(name), signal -> Runtime.getRuntime().halt(exitCode(name)));
    }
  }

  /** The exit code for a run stopped by the signal named {@code name}. */
  static int exitCode(String name) {
    return exitCodes.applyAsInt(name);
  }
}
