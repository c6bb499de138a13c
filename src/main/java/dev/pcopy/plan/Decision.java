package dev.pcopy.plan;

import java.util.List;

/**
 * What the planner decided for one entry, what it had to warn about (a set-user-ID bit that a
 * non-root copy cannot keep, say), and what must be done before it.
 *
 * @param action what to do
 * @param warnings one reason each, without the path, for {@code pcopy: warning: PATH: ...}
 * @param after the entry number of the write this action waits for (a hard link waits until the
 *     file it links to is at its final name), or -1
 * @param cut how a big file's write is cut into chunks, and what it continues; null for a write
 *     in one piece and for anything else
 */
public record Decision(Action action, List<String> warnings, long after, Cut cut) {
  /** Copies the list so a decision never changes. */
  public Decision {
    warnings = List.copyOf(warnings);
  }

  /** A decision that waits for nothing and resumes nothing. */
  public Decision(Action action, List<String> warnings) {
    this(action, warnings, -1, null);
  }

  /** A decision that waits for the write numbered {@code after}. */
  public Decision(Action action, List<String> warnings, long after) {
    this(action, warnings, after, null);
  }

  /** A decision with nothing to warn about, waiting for nothing. */
  public static Decision of(Action action) {
    return new Decision(action, List.of(), -1, null);
  }

  /** Returns this decision, its write cut as {@code cut} says. */
  public Decision cutAs(Cut cut) {
    return new Decision(action, warnings, after, cut);
  }

  /**
   * How a big file is written in chunks ({@link Chunks}): what its record says (the source's
   * size, time and identity, and the chunks done), and the partly copied file a stopped run left
   * which the write continues, if any.
   *
   * @param record what the record says; no chunk done unless the write continues one
   * @param temp the temporary copy continued, or null for a new one
   * @param recordName the record continued, or null for a new one
   */
  public record Cut(PartialRecord record, byte[] temp, byte[] recordName) {
    /** Whether the write continues a stopped run's partly copied file. */
    public boolean resumes() {
      return temp != null;
    }
  }

  /**
   * A partly copied big file found in a target directory: its temporary copy, its record's name,
   * and what the record says.
   *
   * @param temp the temporary copy's name
   * @param recordName the record's name
   * @param record what it says
   */
  public record Partial(byte[] temp, byte[] recordName, PartialRecord record) {}
}
