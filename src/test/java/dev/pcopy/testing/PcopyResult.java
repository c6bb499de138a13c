package dev.pcopy.testing;

import java.util.List;
import java.util.Optional;

/**
 * How one run of the {@code pcopy} launcher ended: its exit code and everything it printed,
 * decoded as UTF-8 (pcopy always writes UTF-8, escaping names that are not).
 *
 * @param exitCode the launcher's exit code
 * @param stdout everything written to standard output
 * @param stderr everything written to standard error
 */
public record PcopyResult(int exitCode, String stdout, String stderr) {

  /** Returns the lines of stdout, without line terminators. */
  public List<String> stdoutLines() {
    return lines(stdout);
  }

  /** Returns the lines of stderr, without line terminators. */
  public List<String> stderrLines() {
    return lines(stderr);
  }

  /** Returns the final summary line ({@code pcopy: copied ...}) if stdout has one. */
  public Optional<String> summaryLine() {
    return stdoutLines().stream()
        .filter(l -> l.startsWith("pcopy: copied ") || l.startsWith("pcopy: interrupted ")
            || l.startsWith("pcopy: stopped ") || l.startsWith("pcopy: would copy "))
        .findFirst();
  }

  /**
   * Returns the number printed before {@code what} in the summary line, e.g. {@code
   * summaryCount("unchanged")} for {@code ...; 7 unchanged, 0 failed}.
   */
  public long summaryCount(String what) {
    String summary = summaryLine().orElseThrow(
        () -> new AssertionError("no summary line in stdout\n" + this));
    String[] words = summary.replace(",", "").replace(";", "").split(" ");
    for (int i = 1; i < words.length; i++) {
      if (words[i].equals(what) || words[i].equals(what + "s")) {
        return Long.parseLong(words[i - 1]);
      }
    }
    throw new AssertionError("summary has no count of '" + what + "': " + summary);
  }

  /** Shows the whole result, for assertion messages. */
  @Override
  public String toString() {
    return "exit code " + exitCode + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr
        + "---";
  }

  private static List<String> lines(String text) {
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    return body.isEmpty() && text.isEmpty() ? List.of() : List.of(body.split("\n", -1));
  }
}
