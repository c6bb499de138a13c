package dev.pcopy.cli;

import dev.pcopy.events.EventLog;
import dev.pcopy.events.JsonEventLog;
import dev.pcopy.fs.FileHandle;
import dev.pcopy.fs.PathText;
import dev.pcopy.fs.Paths;
import dev.pcopy.fs.SysException;
import dev.pcopy.hosts.HostsRequest;
import dev.pcopy.job.BadInputException;
import dev.pcopy.job.CopyJob;
import dev.pcopy.job.CopyRequest;
import dev.pcopy.job.EarlySignals;
import dev.pcopy.job.JobResult;
import dev.pcopy.job.TargetRefusedException;
import dev.pcopy.select.ByteSize;
import dev.pcopy.select.Selection;
import dev.pcopy.select.SelectionBuilder;
import dev.pcopy.select.SelectionException;
import dev.pcopy.progress.ProgressSink;
import dev.pcopy.progress.Units;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The {@code pcopy} command: parses and checks the options ({@link CommandOptions}), runs the
 * copy, returns the exit code.
 */
public final class PcopyCommand implements Callable<Integer> {
  private final CommandSpec spec = CommandOptions.describe(this);
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
    CommandLine cli = new CommandLine(command.spec, CommandOptions.FACTORY)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setOut(new PrintWriter(console.out(), true, StandardCharsets.UTF_8))
        .setErr(new PrintWriter(console.err(), true, StandardCharsets.UTF_8));
    ErrorReporter reporter = new ErrorReporter(() -> CommandOptions.debug(command.spec));
    cli.setParameterExceptionHandler(reporter);
    cli.setExecutionExceptionHandler(reporter);
    return cli;
  }

  @Override
  public Integer call() throws Exception {
    CommandOptions options = CommandOptions.of(spec);
    int workers = options.workers();
    if (workers < 1 || workers > CommandOptions.MAX_WORKERS) {
      throw new ParameterException(spec.commandLine(),
          "--workers must be between 1 and " + CommandOptions.MAX_WORKERS + ", not " + workers);
    }
    CommandOptions.Show show = options.show();
    CommandOptions.Copy copy = options.copy();
    double progressInterval = show.progressInterval();
    if (!(progressInterval >= 0.001) || progressInterval > 86_400) {
      throw new ParameterException(spec.commandLine(),
          "--progress-interval must be between 0.001 and 86400 seconds, not " + progressInterval);
    }
    double stall = copy.stallSeconds();
    if (!(stall >= 0.1) || stall > 86_400 * 7) {
      throw new ParameterException(spec.commandLine(),
          "--stall-timeout must be between 0.1 and 604800 seconds, not " + stall);
    }
    String source = options.source();
    String target = options.target();
    if (source.isEmpty() || target.isEmpty()) {
      // Resolved against the working directory, "" would silently mean ".", as cp refuses to.
      throw new ParameterException(spec.commandLine(),
          (source.isEmpty() ? "SRC" : "DST") + " must not be an empty path");
    }
    long maxDelete = options.mirror().maxDelete();
    if (CommandOptions.maxDeleteGiven(spec)) {
      if (maxDelete < 0) {
        throw new ParameterException(spec.commandLine(),
            "--max-delete must be 0 or more, not " + maxDelete);
      }
      if (!options.mirror().delete()) {
        throw new ParameterException(spec.commandLine(),
            "--max-delete limits --delete, which is not given");
      }
    }
    Selection selection;
    try {
      selection = selection(options.select(), raw.bytes(source));
    } catch (SelectionException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    CopyRequest request = new CopyRequest(
        new CopyRequest.Ends(raw.bytes(source), raw.bytes(target), display(source),
            display(target), endsWithSlash(source), endsWithSlash(target)),
        new CopyRequest.Copying(copy.force(), copy.dryRun(), copy.dereference(), copy.fsync(),
            copy.xattrs(), copy.acls(), copy.hardLinks(), copy.checksum(), copy.verify(),
            copy.partial(), Duration.ofMillis(Math.round(stall * 1000))),
        new CopyRequest.Selecting(selection, options.select().oneFileSystem()),
        new CopyRequest.Mirroring(options.mirror().delete(), options.mirror().deleteExcluded(),
            maxDelete),
        new CopyRequest.Output(show.verbose(), show.quiet(),
            Duration.ofMillis(Math.round(progressInterval * 1000)), show.debug(),
            show.bytes() ? Units.BYTES : Units.IEC),
        workers);
    HostsRequest hosts = HostOptions.request(spec, workers, stall, show.debug());
    // With --json, stdout carries the events alone, and what a person reads goes to stderr.
    PrintStream out = show.json() ? console.err() : console.out();
    PrintStream err = console.err();
    EventLog log = show.json() ? new JsonEventLog(console.out(), show.verbose() || copy.dryRun(),
        Clock.systemUTC(), request.output().progressInterval()) : EventLog.NONE;
    if (!copy.dryRun()) {
      // A run that may write stops in order at a signal and always says how it ended; a dry
      // run, which writes nothing, ends at once (its listing may be blocked on a full pipe).
      EarlySignals.hold();
    }
    log.started(new EventLog.Start(VersionProvider.version(), raw.all(), raw.bytes(source),
        raw.bytes(target), workers, copy.dryRun()));
    Supplier<ProgressSink> atStart = () -> {
      // Said once workers may start: not for a dry run, nor before a refusal, which stays one
      // line; nor when they start on other hosts.
      if (!show.quiet() && hosts == null) {
        WorkerCountCheck.onThisMachine(workers).warning().ifPresent(err::println);
      }
      return console.progressSink(show.quiet() ? ProgressMode.NONE : show.progress(),
          request.output().progressInterval(), show.noColor(), request.output().units());
    };
    try {
      JobResult result = new CopyJob(request, hosts, atStart, out, err, log).run();
      int code = ExitCodes.of(result);
      log.finished(result.summary(), code);
      return code;
    } catch (BadInputException e) {
      return refused(e.getMessage(), e.destination(), ExitCodes.USAGE, log);
    } catch (TargetRefusedException e) {
      return refused(e.getMessage(), true, ExitCodes.FAILED, log);
    }
  }

  /**
   * Says in one line why nothing was written, and returns {@code code}.
   *
   * @param target whether the refusal is about DST (else about SRC), the JSON event's side
   */
  private int refused(String why, boolean target, int code, EventLog log) {
    PrintStream err = console.err();
    err.println("pcopy: " + why);
    err.flush();
    log.failed(target, new byte[0], why);
    log.finished(null, code);
    return code;
  }

  /**
   * Builds the selection from its options, in the order they were given; with
   * {@code --files-from}, SRC's absolute paths (as written, and its real path) tell which
   * absolute paths of a list lie below it.
   */
  private Selection selection(CommandOptions.Select select, byte[] source)
      throws SelectionException {
    SelectionBuilder builder = Selection.builder().from0(select.from0());
    if (select.rules().stream().anyMatch(r -> r[0].equals(CommandOptions.FILES_FROM))) {
      sourcePaths(source, builder);
    }
    for (String[] rule : select.rules()) {
      String value = rule[1];
      switch (rule[0]) {
        case CommandOptions.EXCLUDE -> builder.exclude(raw.bytes(value));
        case CommandOptions.INCLUDE -> builder.include(raw.bytes(value));
        case CommandOptions.EXCLUDE_FROM -> builder.excludeFrom(file(value));
        case CommandOptions.INCLUDE_FROM -> builder.includeFrom(file(value));
        default -> builder.filesFrom(file(value));
      }
    }
    if (select.minSize() != null) {
      builder.minSize(ByteSize.parse("--min-size", select.minSize()));
    }
    if (select.maxSize() != null) {
      builder.maxSize(ByteSize.parse("--max-size", select.maxSize()));
    }
    return builder.build();
  }

  /** Tells {@code builder} where SRC is: as written if absolute, and its real path. */
  private static void sourcePaths(byte[] source, SelectionBuilder builder) {
    if (source[0] == '/') {
      builder.source(source);
    }
    try (FileHandle entry = Paths.openEntry(source)) {
      builder.source(Paths.realPath(entry));
    } catch (SysException e) {
      // A missing or unreadable SRC is refused, with its reason, when the run opens it.
    }
  }

  /** A -from file argument: {@code -} is the standard input. */
  private Path file(String value) {
    if (value.equals("-")) {
      return SelectionBuilder.STANDARD_INPUT;
    }
    return Path.of(new String(raw.bytes(value), StandardCharsets.UTF_8));
  }

  private boolean endsWithSlash(String argument) {
    byte[] bytes = raw.bytes(argument);
    return bytes.length > 0 && bytes[bytes.length - 1] == '/';
  }

  private String display(String argument) {
    return PathText.escape(raw.bytes(argument));
  }
}
