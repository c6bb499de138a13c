package dev.pcopy.job;

import dev.pcopy.pool.PoolEvent;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGINT, SIGTERM and SIGHUP into an {@link PoolEvent.Interrupted} on the completion
 * queue, so the coordinator stops in order: no new work, workers stopped, temporary files
 * removed, a summary. SIGHUP is what a closed terminal or a dropped ssh session sends: it is a
 * stop like the others.
 *
 * <p>A shutdown hook would run too late and in no defined order with the coordinator; handling
 * the signal keeps the stop on the coordinator thread. A second signal exits at once (the workers
 * notice their closed stdin and remove their own temporary files).
 */
final class SignalTrap implements AutoCloseable {
  private static final String[] SIGNALS = {"INT", "TERM", "HUP"};

  private final SignalHandler[] previous = new SignalHandler[SIGNALS.length];
  private final AtomicReference<String> first = new AtomicReference<>();

  private SignalTrap(BlockingQueue<PoolEvent> events) {
    AtomicInteger count = new AtomicInteger();
    SignalHandler handler = signal -> {
      first.compareAndSet(null, signal.getName());
      if (count.incrementAndGet() > 1) {
        Runtime.getRuntime().halt(EarlySignals.exitCode(first.get()));
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

  /** The name of the first signal caught ({@code INT}, {@code TERM}, {@code HUP}), or null. */
  String caught() {
    return first.get();
  }

  @Override
  public void close() {
    for (int i = 0; i < SIGNALS.length; i++) {
      Signal.handle(new Signal(SIGNALS[i]), previous[i]);
    }
  }
}
