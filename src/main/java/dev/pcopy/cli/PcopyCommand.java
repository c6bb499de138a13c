package dev.pcopy.cli;

import dev.pcopy.job.BadInputException;
import dev.pcopy.job.CopyJob;
import dev.pcopy.job.CopyRequest;
import dev.pcopy.job.JobResult;
import dev.pcopy.job.TargetRefusedException;
import dev.pcopy.progress.PathText;
import dev.pcopy.progress.ProgressSink;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code pcopy} command: parses and checks the options, runs the copy, returns the exit code. */
@Command(
    name = "pcopy",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Copies everything under SRC into DST with a pool of worker processes, showing progress.",
      "",
      "DST and its missing parents are created; an existing DST is merged into. Files whose "
          + "size and modification time already match are skipped, so running the same command "
          + "again resumes an interrupted copy. Files keep their bytes, mode and times, "
          + "directories their mode and times; symbolic links are copied as links (SRC itself "
          + "is followed when it is one, as cp -H does). FIFOs, "
          + "sockets and devices are skipped with a warning. SRC may also be a regular file: "
          + "it is copied to DST, or into DST if DST is a directory or ends with '/'.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:everything was copied or already up to date",
      "1:some entries failed (the rest were copied), or the run could not go on (workers "
          + "cannot start, the destination is full, over quota or read-only)",
      "2:bad usage or bad input; nothing was written",
      "130:interrupted by SIGINT or SIGTERM; temporary files were removed"
    })
public final class PcopyCommand implements Callable<Integer> {
  static final int MAX_WORKERS = 256;

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SRC", description = "Directory (or file) to copy.")
  private String source;

  @Parameters(index = "1", paramLabel = "DST", description = "Where the copy goes.")
  private String target;

  @Option(names = {"-w", "--workers"}, paramLabel = "N",
      description = "Worker processes (1-" + MAX_WORKERS + "; default: ${DEFAULT-VALUE},"
          + " the number of processors, at least 2).")
  private int workers = Math.max(2, Runtime.getRuntime().availableProcessors());

  @Option(names = {"-f", "--force"}, description = "Copy every file, even those that look unchanged.")
  private boolean force;

  @Option(names = {"-n", "--dry-run"},
      description = "List what would be done (mkdir, copy, link, chmod, chown); write nothing.")
  private boolean dryRun;

  @Option(names = {"-L", "--dereference"},
      description = "Follow symbolic links in SRC and copy what they point to.")
  private boolean dereference;

  @Option(names = "--progress", paramLabel = "MODE",
      description = "auto (a bar when stdout and stderr are terminals, plain lines on stderr"
          + " otherwise), bar, plain or none (default: auto).")
  private ProgressMode progress = ProgressMode.AUTO;

  @Option(names = "--progress-interval", paramLabel = "SECONDS",
      description = "Seconds between plain progress lines (default: ${DEFAULT-VALUE}).")
  private double progressInterval = 5;

  @Option(names = {"-q", "--quiet"}, description = "Print errors only: no progress, no summary.")
  private boolean quiet;

  @Option(names = "--debug", description = "Show stack traces and the workers' own output.")
  private boolean debug;

  @Option(names = "--test-worker-delay", hidden = true, paramLabel = "MS",
      description = "Workers pause this long before each entry (for tests).")
  private int testDelayMillis;

  @Option(names = "--test-worker-room", hidden = true, paramLabel = "BYTES",
      description = "Each worker's destination refuses writes after this many bytes (for tests).")
  private long testRoomBytes = -1;

  @Option(names = "--test-worker-refusal", hidden = true, paramLabel = "REASON",
      description = "What the destination says once --test-worker-room is used up (for tests;"
          + " default: ${DEFAULT-VALUE}).")
  private String testRefusal = "No space left on device";

  private final RawArguments raw;
  private final Console console;

  PcopyCommand(RawArguments raw, Console console) {
    this.raw = raw;
    this.console = console;
  }

  /** Runs pcopy with {@code args} on the real console and returns its exit code. */
  public static int execute(String[] args) {
    RawArguments raw = RawArguments.of(args);
    return run(raw, Console.system(), raw.forParsing(args));
  }

  /**
   * Runs the command on {@code console} and returns its exit code. Output that could not be
   * written makes a run that would have exited 0 exit 1: a dry-run listing, a summary or the help
   * cut short by a full disk or a closed pipe must not look like success to a script.
   */
  static int run(RawArguments raw, Console console, String[] args) {
    int code = commandLine(raw, console).execute(args);
    if (!console.outLost()) {
      return code;
    }
    String why = console.outWriteFailure();
    if (why != null) {
      console.err().println("pcopy: error: cannot write to standard output: " + why);
      console.err().flush();
    }
    return code == ExitCodes.OK ? ExitCodes.FAILED : code;
  }

  static CommandLine commandLine(RawArguments raw, Console console) {
    PcopyCommand command = new PcopyCommand(raw, console);
    CommandLine cli = new CommandLine(command)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setOut(new PrintWriter(console.out(), true, StandardCharsets.UTF_8))
        .setErr(new PrintWriter(console.err(), true, StandardCharsets.UTF_8));
    ErrorReporter reporter = new ErrorReporter(() -> command.debug);
    cli.setParameterExceptionHandler(reporter);
    cli.setExecutionExceptionHandler(reporter);
    return cli;
  }

  @Override
  public Integer call() throws Exception {
    if (workers < 1 || workers > MAX_WORKERS) {
      throw new ParameterException(spec.commandLine(),
          "--workers must be between 1 and " + MAX_WORKERS + ", not " + workers);
    }
    if (!(progressInterval >= 0.001) || progressInterval > 86_400) {
      throw new ParameterException(spec.commandLine(),
          "--progress-interval must be between 0.001 and 86400 seconds, not " + progressInterval);
    }
    if (source.isEmpty() || target.isEmpty()) {
      // Resolved against the working directory, "" would silently mean ".", as cp refuses to.
      throw new ParameterException(spec.commandLine(),
          (source.isEmpty() ? "SRC" : "DST") + " must not be an empty path");
    }
    CopyRequest request;
    try {
      request = new CopyRequest(raw.path(source), raw.path(target), display(source),
          display(target), endsWithSlash(source), endsWithSlash(target), workers, force, dryRun,
          dereference, quiet, Duration.ofMillis(Math.round(progressInterval * 1000)), debug,
          testDelayMillis, testRoomBytes, testRefusal);
    } catch (IOException | IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "bad path argument: " + e.getMessage());
    }
    PrintStream out = console.out();
    PrintStream err = console.err();
    Supplier<ProgressSink> atStart = () -> {
      // Said once workers may start: not for a dry run, nor before a refusal, which stays one
      // line.
      if (!quiet) {
        WorkerCountCheck.onThisMachine(workers).warning().ifPresent(err::println);
      }
      return console.progressSink(quiet ? ProgressMode.NONE : progress,
          request.progressInterval());
    };
    try {
      JobResult result = new CopyJob(request, atStart, out, err).run();
      if (result.interrupted()) {
        return ExitCodes.INTERRUPTED;
      }
      return result.stopped() || result.failed() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    } catch (BadInputException e) {
      err.println("pcopy: " + e.getMessage());
      err.flush();
      return ExitCodes.USAGE;
    } catch (TargetRefusedException e) {
      err.println("pcopy: " + e.getMessage());
      err.flush();
      return ExitCodes.FAILED;
    }
  }

  private boolean endsWithSlash(String argument) {
    byte[] bytes = raw.bytes(argument);
    return bytes.length > 0 && bytes[bytes.length - 1] == '/';
  }

  private String display(String argument) {
    return PathText.escape(raw.bytes(argument));
  }
}
