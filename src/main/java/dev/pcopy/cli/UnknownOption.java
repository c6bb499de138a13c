package dev.pcopy.cli;

import dev.pcopy.fs.PathText;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ParameterException;

/**
 * An argument that looks like an option but is none, found in a failed parse.
 *
 * <p>picocli sets such an argument aside and goes on, so {@code pcopy -dash out} fails on the
 * missing DST before it mentions {@code -dash}, and a cluster like {@code -nqz} is reported by
 * its remainder {@code -z}. This names the argument as typed, which is also the name a user must
 * protect with {@code --} when it is really a path.
 *
 * @param option the unknown option as picocli split it off (e.g. {@code -z})
 * @param argument the argument it came from as typed (e.g. {@code -nqz})
 */
record UnknownOption(String option, String argument) {

  /**
   * Returns the first unknown option of a failed parse of {@code args}, if there is one. Only
   * arguments before {@code --} count: after it, an argument starting with '-' is a path.
   */
  static Optional<UnknownOption> in(ParameterException ex, String[] args) {
    List<String> unmatched = ex.getCommandLine().getUnmatchedArguments();
    for (String arg : args) {
      if (arg.equals("--")) {
        break;
      }
      if (arg.length() < 2 || !arg.startsWith("-")) {
        continue;
      }
      for (String option : unmatched) {
        if (arg.equals(option) || isClusterRemainder(option, arg)) {
          return Optional.of(new UnknownOption(option, arg));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Whether picocli made {@code option} from {@code arg} by taking known short options off its
   * front: {@code -nqz} leaves {@code -z}.
   */
  private static boolean isClusterRemainder(String option, String arg) {
    return option.startsWith("-") && !arg.startsWith("--") && option.length() < arg.length()
        && arg.endsWith(option.substring(1));
  }

  /**
   * Returns the message, e.g. {@code unknown option '-dash' (to copy a path starting with '-',
   * put -- before it or write ./-dash)}. A long option ({@code --bogus}) is far more likely a
   * mistyped option than a file name, so it points to the help instead.
   */
  String message() {
    String typed = shown(argument);
    String what = option.equals(argument)
        ? "'" + typed + "'"
        : "'" + shown(option) + "' in '" + typed + "'";
    if (argument.startsWith("--")) {
      return "unknown option " + what + " (see pcopy --help)";
    }
    return "unknown option " + what + " (to copy a path starting with '-', put -- before it or"
        + " write ./" + typed + ")";
  }

  /** An argument may be a file name with any bytes: shown escaped, as names are everywhere. */
  private static String shown(String text) {
    return PathText.escape(text.getBytes(StandardCharsets.UTF_8));
  }
}
