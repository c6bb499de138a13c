package dev.pcopy;

import dev.pcopy.cli.ExitCodes;
import dev.pcopy.cli.PcopyCommand;
import dev.pcopy.job.EarlySignals;

/** Entry point of the {@code pcopy} command: hands the arguments to picocli and exits with its code. */
public final class Main {
  private Main() {}

  /** Runs pcopy and exits with the code documented in {@code --help}. */
  public static void main(String[] args) {
    EarlySignals.install(ExitCodes::forSignal);
    System.exit(PcopyCommand.execute(args));
  }
}
