package dev.pcopy.hosts;

import java.util.ArrayList;
import java.util.List;

/**
 * The command that starts a program on a host, as tokens: {@code ssh -T -o BatchMode=yes {host}}.
 * The agent's command is appended as further tokens, and {@code {host}} is replaced in each
 * token; no shell ever splits or expands anything of pcopy's, since everything variable (paths
 * above all) travels over the link instead.
 *
 * @param tokens the template's words
 */
public record LauncherTemplate(List<String> tokens) {
  /** What {@code {host}} stands for. */
  public static final String HOST = "{host}";
  /** The default: ssh without a terminal, failing instead of asking for a password. */
  public static final LauncherTemplate SSH = parse("ssh -T -o BatchMode=yes {host}");
  /**
   * Inside a Slurm allocation: one task on one node, sharing the allocation's resources with
   * the job's other steps ({@code --overlap}), and without line buffering of the task's stdout
   * ({@code --unbuffered}), which would hold back frames until a newline byte.
   */
  public static final LauncherTemplate SRUN =
      parse("srun --nodes=1 --ntasks=1 --nodelist={host} --overlap --unbuffered");

  /** Copies the tokens and checks that one names the host. */
  public LauncherTemplate {
    tokens = List.copyOf(tokens);
    if (tokens.stream().noneMatch(t -> t.contains(HOST))) {
      throw new IllegalArgumentException("launcher template " + String.join(" ", tokens)
          + " does not contain " + HOST);
    }
  }

  /** Splits {@code text} at white space into tokens; there is no quoting. */
  public static LauncherTemplate parse(String text) {
    String stripped = text.strip();
    return new LauncherTemplate(stripped.isEmpty() ? List.of()
        : List.of(stripped.split("\\s+")));
  }

  /** Returns the command that runs {@code command} on {@code host}. */
  public List<String> argv(String host, List<String> command) {
    List<String> argv = new ArrayList<>();
    for (String token : tokens) {
      argv.add(token.replace(HOST, host));
    }
    argv.addAll(command);
    return argv;
  }
}
