package dev.pcopy.progress;

import java.time.Duration;

/**
 * What a display says about the time left: an estimate, or why there is none.
 *
 * @param state which of the five it is
 * @param seconds the estimated seconds left when {@link State#KNOWN}, else 0
 * @param idle how long nothing has moved when {@link State#STALLED}, else zero
 */
public record Eta(State state, double seconds, Duration idle) {
  /** Why there is, or is not, an estimate. */
  public enum State {
    /** The walk is still finding work: the totals grow, so any estimate would be too low. */
    LISTING,
    /** Too little has been done yet to learn the costs from. */
    UNKNOWN,
    /** Nothing has moved for a while: a shrinking estimate would be a lie. */
    STALLED,
    /** An estimate from the costs learned. */
    KNOWN,
    /** The run was interrupted: it stops instead of ending, so no time is left to tell. */
    INTERRUPTED
  }

  /** Checks the parts agree with the state. */
  public Eta {
    if (state == State.KNOWN && !(seconds >= 0 && Double.isFinite(seconds))) {
      throw new IllegalArgumentException("an estimate must be finite and not negative: "
          + seconds);
    }
  }

  /** No estimate while the walk still finds work. */
  public static final Eta LISTING = new Eta(State.LISTING, 0, Duration.ZERO);

  /** No estimate yet. */
  public static final Eta UNKNOWN = new Eta(State.UNKNOWN, 0, Duration.ZERO);

  /** The run was interrupted. */
  public static final Eta INTERRUPTED = new Eta(State.INTERRUPTED, 0, Duration.ZERO);

  /** An estimate of {@code seconds} left. */
  public static Eta known(double seconds) {
    return new Eta(State.KNOWN, seconds, Duration.ZERO);
  }

  /** Nothing has moved for {@code idle}. */
  public static Eta stalled(Duration idle) {
    return new Eta(State.STALLED, 0, idle);
  }

  /**
   * Returns the words a display shows, always labelled: {@code ETA 0:07}, {@code ETA ?},
   * {@code ETA after listing}, {@code no progress for 0:12}, {@code interrupted}.
   */
  public String text() {
    return switch (state) {
      case LISTING -> "ETA after listing";
      case UNKNOWN -> "ETA ?";
      case STALLED -> "no progress for " + ByteSizes.clock(idle.toNanos() / 1e9);
      case KNOWN -> "ETA " + ByteSizes.clock(seconds);
      case INTERRUPTED -> "interrupted";
    };
  }
}
