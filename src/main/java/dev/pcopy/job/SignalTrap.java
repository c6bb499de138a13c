package dev.pcopy.job;

import dev.pcopy.pool.PoolEvent;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGINT and SIGTERM into an {@link PoolEvent.Interrupted} on the completion queue, so the
 * coordinator stops in order: no new work, workers stopped, temporary files removed, a summary.
 *
 * <p>A shutdown hook would run too late and in no defined order with the coordinator; handling
 * the signal keeps the stop on the coordinator thread. A second signal exits at once (the workers
 * notice their closed stdin and remove their own temporary files).
 */
final class SignalTrap implements AutoCloseable {
  /** The exit code for a run stopped by a signal. */
  static final int INTERRUPTED_EXIT = 130;
  private static final String[] SIGNALS = {"INT", "TERM"};

  private final SignalHandler[] previous = new SignalHandler[SIGNALS.length];

  private SignalTrap(BlockingQueue<PoolEvent> events) {
    AtomicInteger count = new AtomicInteger();
    SignalHandler handler = signal -> {
      if (count.incrementAndGet() > 1) {
        Runtime.getRuntime().halt(INTERRUPTED_EXIT);
      }
      events.add(new PoolEvent.Interrupted("SIG" + signal.getName()));
    };
    for (int i = 0; i < SIGNALS.length; i++) {
      previous[i] = Signal.handle(new Signal(SIGNALS[i]), handler);
    }
  }

  /** Starts turning signals into events on {@code events}. */
  static SignalTrap install(BlockingQueue<PoolEvent> events) {
    return new SignalTrap(events);
  }

  @Override
  public void close() {
    for (int i = 0; i < SIGNALS.length; i++) {
      Signal.handle(new Signal(SIGNALS[i]), previous[i]);
    }
  }
}
