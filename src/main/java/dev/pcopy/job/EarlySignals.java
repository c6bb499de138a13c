package dev.pcopy.job;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToIntFunction;
import sun.misc.Signal;

/**
 * Makes SIGINT, SIGTERM and SIGHUP end pcopy with the exit codes pcopy documents for them,
 * from the first moment on, before a copy installs its own handling ({@link SignalTrap}). The
 * JVM's own answers are 143 and 129, which a script would read as something else than the
 * interruption it is; nothing has been copied yet at that point, so there is nothing to stop in
 * order.
 *
 * <p>Once a copy starts, a signal no longer ends pcopy at once ({@link #hold}): the first is
 * noted, the run stops in order and still says how it ended (the summary, the JSON summary);
 * a second ends it at once.
 */
public final class EarlySignals {
  private static final String[] SIGNALS = {"INT", "TERM", "HUP"};
  private static volatile ToIntFunction<String> exitCodes = name -> 128;
  /** The first signal noted once signals are held, or null. */
  private static final AtomicReference<String> first = new AtomicReference<>();
  /**
   * Orders {@link #hold} against a signal being handled: a signal that is let end pcopy ends it
   * before the run goes on to print anything, and one that comes after is noted.
   */
  private static final Object LOCK = new Object();
  private static boolean holding;

  private EarlySignals() {}

  /**
   * Installs the handlers; call it first thing in {@code main}.
   *
   * @param exitCodeOf the exit code for a run stopped by the signal of that name ({@code INT},
   *     {@code TERM}, {@code HUP})
   */
  public static void install(ToIntFunction<String> exitCodeOf) {
    exitCodes = exitCodeOf;
    for (String name : SIGNALS) {
      Signal.handle(new Signal(name), signal -> handle(signal.getName()));
    }
  }

  private static void handle(String name) {
    synchronized (LOCK) {
      if (!holding) {
        Runtime.getRuntime().halt(exitCode(name));
      }
    }
    noteOrHalt(name);
  }

  /**
   * From now on, notes the first SIGINT, SIGTERM or SIGHUP instead of ending pcopy, and ends it
   * at once at a second: for a run that stops in order and reports how it ended.
   */
  public static void hold() {
    synchronized (LOCK) {
      holding = true;
    }
  }

  /** Notes the signal {@code name}; ends pcopy at once if one was noted before. */
  static void noteOrHalt(String name) {
    if (!first.compareAndSet(null, name)) {
      Runtime.getRuntime().halt(exitCode(first.get()));
    }
  }

  /**
   * Ends pcopy with the exit code of the signal noted, if one was: for a run that a signal
   * stopped before anything was written, as one before {@link #hold} is.
   */
  static void haltIfNoted() {
    String name = first.get();
    if (name != null) {
      System.err.flush();
      Runtime.getRuntime().halt(exitCode(name));
    }
  }

  /** The first signal noted ({@code INT}, {@code TERM}, {@code HUP}), or null. */
  static String noted() {
    return first.get();
  }

  /** The exit code for a run stopped by the signal named {@code name}. */
  static int exitCode(String name) {
    return exitCodes.applyAsInt(name);
  }
}
