package dev.pcopy.plan;

/**
 * How a worker's action ended.
 *
 * @param status what happened
 * @param bytes bytes written for it
 * @param reason why it failed, or empty
 * @param notKept what of the entry could not be kept although it was written (extended
 *     attributes on a file system without them, say), with the reason; empty if all was kept
 * @param leftover why the temporary file of an action that failed could not be removed, so that
 *     it stays until the next run's sweep; empty if none was left
 */
public record Outcome(Status status, long bytes, String reason, String notKept,
    String leftover) {

  /** How an action ended. */
  public enum Status {
    /** Carried out: the entry is at its final name. */
    DONE,
    /** Not carried out, because of the source; see the reason. */
    FAILED,
    /** Not carried out, because the destination refused it; see the reason. */
    FAILED_WRITING,
    /**
     * Not carried out, because the destination refuses every write (full, over quota,
     * read-only); every later write there would fail alike, so the run stops.
     */
    TARGET_REFUSES_WRITES;

    /** Whether the destination, not the source, refused the entry: messages name the target. */
    public boolean blamesTarget() {
      return this == FAILED_WRITING || this == TARGET_REFUSES_WRITES;
    }
  }

  /** An action carried out in full. */
  public static Outcome done(long bytes) {
    return new Outcome(Status.DONE, bytes, "", "", "");
  }

  /** An action carried out, with something of the entry that could not be kept. */
  public static Outcome doneWithout(long bytes, String notKept) {
    return new Outcome(Status.DONE, bytes, "", notKept, "");
  }

  /** An action that failed because of the source. */
  public static Outcome failed(String reason) {
    return new Outcome(Status.FAILED, 0, reason, "", "");
  }

  /** An action the destination refused. */
  public static Outcome failedWriting(String reason) {
    return new Outcome(Status.FAILED_WRITING, 0, reason, "", "");
  }

  /** An action whose destination refuses every write (full, read-only). */
  public static Outcome targetRefusesWrites(String reason) {
    return new Outcome(Status.TARGET_REFUSES_WRITES, 0, reason, "", "");
  }

  /**
   * This outcome, with its temporary file left behind because it could not be removed
   * ({@code why}); the same outcome if {@code why} is empty.
   */
  public Outcome leaving(String why) {
    return why.isEmpty() ? this : new Outcome(status, bytes, reason, notKept, why);
  }
}
