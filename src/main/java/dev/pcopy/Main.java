package dev.pcopy;

import dev.pcopy.agent.AgentMain;
import dev.pcopy.cli.ExitCodes;
import dev.pcopy.cli.PcopyCommand;
import dev.pcopy.job.EarlySignals;

/** Entry point of the {@code pcopy} command: hands the arguments to picocli and exits with its code. */
public final class Main {
  private Main() {}

  /**
   * Runs pcopy and exits with the code documented in {@code --help}; {@code pcopy agent}, alone,
   * is the agent a coordinator starts on a remote host (see docs/multi-host.md), which a copy
   * cannot be confused with, since it names no DST.
   */
  public static void main(String[] args) {
    if (args.length == 1 && args[0].equals("agent")) {
      System.exit(AgentMain.run());
    }
    EarlySignals.install(ExitCodes::forSignal);
    System.exit(PcopyCommand.execute(args));
  }
}
