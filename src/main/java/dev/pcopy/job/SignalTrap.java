package dev.pcopy.job;

import dev.pcopy.pool.PoolEvent;
import java.util.concurrent.BlockingQueue;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGINT, SIGTERM and SIGHUP into an {@link PoolEvent.Interrupted} on the completion
 * queue, so the coordinator stops in order: no new work, workers stopped, temporary files
 * removed, a summary. SIGHUP is what a closed terminal or a dropped ssh session sends: it is a
 * stop like the others.
 *
 * <p>A shutdown hook would run too late and in no defined order with the coordinator; handling
 * the signal keeps the stop on the coordinator thread. The first signal is noted where
 * {@link EarlySignals} keeps it, so that the run reports it however late it came; a second
 * exits at once (the workers notice their closed stdin and remove their own temporary files).
 * Closed, the trap leaves signals held, as it found them.
 */
final class SignalTrap implements AutoCloseable {
  private static final String[] SIGNALS = {"INT", "TERM", "HUP"};

  private final SignalHandler[] previous = new SignalHandler[SIGNALS.length];

  private SignalTrap(BlockingQueue<PoolEvent> events) {
    SignalHandler handler = signal -> {
      EarlySignals.noteOrHalt(signal.getName());
      events.add(new PoolEvent.Interrupted("SIG" + signal.getName()));
    };
    for (int i = 0; i < SIGNALS.length; i++) {
      previous[i] = Signal.handle(new Signal(SIGNALS[i]), handler);
    }
    String early = EarlySignals.noted();
    if (early != null) {
      // It came after signals were held and before this trap: the run stops all the same.
      events.add(new PoolEvent.Interrupted("SIG" + early));
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
