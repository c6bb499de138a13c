package dev.pcopy.cli;

import java.io.PrintWriter;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions into one line on stderr and an exit code: bad usage exits 2, anything that
 * stops a run exits 1. A stack trace is printed only with {@code --debug}.
 */
final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {
  private final BooleanSupplier debug;

  ErrorReporter(BooleanSupplier debug) {
    this.debug = debug;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    PrintWriter err = ex.getCommandLine().getErr();
    // An unknown option is what went wrong first, even when picocli met a missing DST first.
    String message = UnknownOption.in(ex, args)
        .map(UnknownOption::message)
        .or(() -> ExtraArguments.in(ex).map(ExtraArguments::message))
        .orElse(oneLine(ex.getMessage()) + " (see pcopy --help)");
    err.println("pcopy: " + oneLine(message));
    if (debug.getAsBoolean()) {
      ex.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine commandLine,
      ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    if (ex instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      err.println("pcopy: interrupted");
      err.flush();
      return ExitCodes.INTERRUPTED;
    }
    err.println("pcopy: error: " + oneLine(message)
        + (debug.getAsBoolean() ? "" : " (run with --debug for details)"));
    if (debug.getAsBoolean()) {
      ex.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.FAILED;
  }

  /** Damaged arguments were replaced by tokens holding a NUL; keep messages printable. */
  private static String oneLine(String s) {
    return s.replace('\n', ' ').replace("\u0000", "\\0").strip();
  }
}
