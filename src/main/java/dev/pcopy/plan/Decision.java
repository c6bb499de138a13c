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
 */
public record Decision(Action action, List<String> warnings, long after) {
  /** Copies the list so a decision never changes. */
  public Decision {
    warnings = List.copyOf(warnings);
  }

  /** A decision that waits for nothing. */
  public Decision(Action action, List<String> warnings) {
    this(action, warnings, -1);
  }

  /** A decision with nothing to warn about, waiting for nothing. */
  public static Decision of(Action action) {
    return new Decision(action, List.of(), -1);
  }
}
