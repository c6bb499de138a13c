package dev.pcopy;

import dev.pcopy.agent.AgentMain;
import dev.pcopy.cli.ExitCodes;
import dev.pcopy.cli.PcopyCommand;
import dev.pcopy.job.EarlySignals;
import dev.pcopy.walk.TreeWalk;
import java.util.Arrays;

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
    // On a thread with the stack that a walk has: deleting or finishing a directory tree
    // thousands of levels deep descends it a frame a level.
    int[] code = {ExitCodes.FAILED};
    Thread command = new Thread(null, () -> {
      try {
        code[0] = PcopyCommand.execute(args);
      } catch (Error e) {
        // Exceptions are the command's to report; an Error (memory or stack exhausted) is named
        // in a line, its trace shown only to --debug.
        System.err.println("pcopy: error: " + TreeWalk.describe(e));
        if (Arrays.asList(args).contains("--debug")) {
          e.printStackTrace();
        }
        System.err.flush();
      }
    }, "pcopy-main", TreeWalk.STACK_BYTES);
    command.start();
    try {
      command.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.exit(code[0]);
  }
}
