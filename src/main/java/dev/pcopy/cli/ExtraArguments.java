package dev.pcopy.cli;

import dev.pcopy.fs.PathText;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Arguments after SRC and DST, found in a failed parse. picocli's own words for them,
 * {@code Unmatched argument at index 2: 'e'}, count from zero and do not say what pcopy takes.
 *
 * @param arguments the extra arguments as picocli received them
 */
record ExtraArguments(List<String> arguments) {

  /** Returns the extra arguments of a failed parse, if that is why it failed. */
  static Optional<ExtraArguments> in(ParameterException ex) {
    if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
      return Optional.of(new ExtraArguments(List.copyOf(unmatched.getUnmatched())));
    }
    return Optional.empty();
  }

  /** Returns e.g. {@code too many arguments: 'e' (pcopy takes SRC and DST; see pcopy --help)}. */
  String message() {
    return "too many arguments: "
        + arguments.stream().map(a -> "'" + PathText.escape(a.getBytes(StandardCharsets.UTF_8))
            + "'").collect(Collectors.joining(", "))
        + " (pcopy takes SRC and DST; see pcopy --help)";
  }
}
