package dev.pcopy.plan;

import java.util.List;

/**
 * What the planner decided for one entry, and what it had to warn about (a set-user-ID bit that
 * a non-root copy cannot keep, say).
 *
 * @param action what to do
 * @param warnings one reason each, without the path, for {@code pcopy: warning: PATH: ...}
 */
public record Decision(Action action, List<String> warnings) {
  /** Copies the list so a decision never changes. */
  public Decision {
    warnings = List.copyOf(warnings);
  }

  /** A decision with nothing to warn about. */
  public static Decision of(Action action) {
    return new Decision(action, List.of());
  }
}
