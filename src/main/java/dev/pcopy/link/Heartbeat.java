package dev.pcopy.link;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Both ends of a link ping each other every interval and watch for silence: a link that carries
 * nothing for longer than the silence limit is as good as gone, even if no connection says so
 * (a partitioned network keeps a TCP connection open for minutes).
 */
public final class Heartbeat {
  /** What to do when the peer has been silent too long. */
  @FunctionalInterface
  public interface SilenceHandler {
    /** The peer said nothing for {@code silent}. */
    void silent(Duration silent);
  }

  private final Duration interval;
  private final Duration silence;
  private final LongSupplier nanoTime;
  private final Runnable ping;
  private final SilenceHandler onSilence;
  private volatile long lastHeard;
  private volatile boolean stopped;

  /**
   * @param interval how often to ping, and to look at the silence
   * @param silence how long the peer may say nothing
   * @param nanoTime the clock silence is measured by
   * @param ping sends one ping
   * @param onSilence called once, from the heartbeat's thread, when the silence is too long
   */
  public Heartbeat(Duration interval, Duration silence, LongSupplier nanoTime, Runnable ping,
      SilenceHandler onSilence) {
    this.interval = interval;
    this.silence = silence;
    this.nanoTime = nanoTime;
    this.ping = ping;
    this.onSilence = onSilence;
    this.lastHeard = nanoTime.getAsLong();
  }

  /** Starts pinging and watching, on a daemon thread named {@code name}. */
  public void start(String name) {
    Thread thread = new Thread(this::beat, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Notes that a frame arrived from the peer now. */
  public void heard() {
    lastHeard = nanoTime.getAsLong();
  }

  /** Stops pinging and watching. */
  public void stop() {
    stopped = true;
  }

  private void beat() {
    try {
      while (!stopped) {
        Thread.sleep(Math.max(1, interval.toMillis()));
        if (stopped) {
          return;
        }
        long quiet = nanoTime.getAsLong() - lastHeard;
        if (quiet > silence.toNanos()) {
          stopped = true;
          onSilence.silent(Duration.ofNanos(quiet));
          return;
        }
        ping.run();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
