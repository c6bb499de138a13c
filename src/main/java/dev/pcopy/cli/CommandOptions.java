package dev.pcopy.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * What pcopy's command line says, and the description picocli parses it by.
 *
 * <p>The description is built with picocli's programmatic API rather than annotations: reading
 * annotations cost the coordinator about half of its start-up CPU (reflection, a generated proxy
 * class per annotation type, and the JIT compiling picocli's reflection code), paid on every run,
 * a re-run with nothing to copy included.
 *
 * @param source SRC as picocli received it (a token for an argument whose bytes are not exact)
 * @param target DST, likewise
 * @param workers worker processes to start
 * @param copy how to copy
 * @param show what to show
 */
record CommandOptions(String source, String target, int workers, Copy copy, Show show) {

  /**
   * How to copy.
   *
   * @param stallSeconds how long a worker holding work may report nothing
   */
  record Copy(boolean force, boolean dryRun, boolean dereference, boolean fsync, boolean xattrs,
      boolean acls, boolean hardLinks, boolean checksum, boolean verify, double stallSeconds) {}

  /**
   * What to show.
   *
   * @param progressInterval seconds between plain progress lines
   */
  record Show(boolean verbose, ProgressMode progress, double progressInterval, boolean quiet,
      boolean debug) {}

  static final int MAX_WORKERS = 256;

  private static final String SOURCE = "SRC";
  private static final String TARGET = "DST";
  private static final String WORKERS = "--workers";
  private static final String FORCE = "--force";
  private static final String DRY_RUN = "--dry-run";
  private static final String DEREFERENCE = "--dereference";
  private static final String PROGRESS = "--progress";
  private static final String PROGRESS_INTERVAL = "--progress-interval";
  private static final String QUIET = "--quiet";
  private static final String DEBUG = "--debug";
  private static final String VERBOSE = "--verbose";
  private static final String ARCHIVE = "--archive";
  private static final String FSYNC = "--fsync";
  private static final String STALL_TIMEOUT = "--stall-timeout";
  private static final String NO_XATTRS = "--no-xattrs";
  private static final String NO_ACLS = "--no-acls";
  private static final String NO_HARD_LINKS = "--no-hard-links";
  private static final String CHECKSUM = "--checksum";
  private static final String VERIFY = "--verify";
  /** The default of {@code --stall-timeout}: long enough for slow storage to answer. */
  static final double DEFAULT_STALL_SECONDS = 60;

  /**
   * Makes what picocli asks for by class. Its default factory looks for Groovy's closure class on
   * the class path when it is first used, which opens every jar of the install for nothing.
   */
  static final IFactory FACTORY = new IFactory() {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      return type.getDeclaredConstructor().newInstance();
    }
  };

  /** Describes pcopy's command line for picocli, with {@code command} as what runs it. */
  static CommandSpec describe(Object command) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command, FACTORY)
        .name("pcopy")
        .versionProvider(new VersionProvider());
    describeUsage(spec.usageMessage());
    spec.addPositional(positional("0", SOURCE, "Directory (or file) to copy."));
    spec.addPositional(positional("1", TARGET, "Where the copy goes."));
    spec.addOption(OptionSpec.builder("-w", WORKERS).paramLabel("N").type(int.class)
        .initialValue(Math.max(2, Runtime.getRuntime().availableProcessors()))
        .description("Worker processes (1-" + MAX_WORKERS + "; default: ${DEFAULT-VALUE},"
            + " the number of processors, at least 2).")
        .build());
    spec.addOption(flag("-f", FORCE, "Copy every file, even those that look unchanged."));
    spec.addOption(flag("-c", CHECKSUM, "Decide whether a file is unchanged by its content"
        + " (read on both sides), not by its size and modification time."));
    spec.addOption(OptionSpec.builder(VERIFY).type(boolean.class).initialValue(false)
        .description("Read every file back after writing it and compare checksums (CRC32C);"
            + " a mismatch is copied again once, then reported as failed.").build());
    spec.addOption(flag("-n", DRY_RUN,
        "List what would be done (mkdir, copy, link, chmod, chown, ...); write nothing."));
    spec.addOption(flag("-v", VERBOSE,
        "Print a line per action carried out, as --dry-run lists them (on stdout)."));
    spec.addOption(flag("-a", ARCHIVE,
        "Accepted for cp and rsync habits: pcopy always copies as cp -a does."));
    spec.addOption(flag("-L", DEREFERENCE,
        "Follow symbolic links in SRC and copy what they point to."));
    spec.addOption(OptionSpec.builder(NO_HARD_LINKS).type(boolean.class).initialValue(false)
        .description("Copy files that are hard links of each other apart.").build());
    spec.addOption(OptionSpec.builder(NO_XATTRS).type(boolean.class).initialValue(false)
        .description("Do not copy extended attributes.").build());
    spec.addOption(OptionSpec.builder(NO_ACLS).type(boolean.class).initialValue(false)
        .description("Do not copy POSIX ACLs.").build());
    spec.addOption(OptionSpec.builder(FSYNC).type(boolean.class).initialValue(false)
        .description("Flush every file and directory to the disk before saying it is done.")
        .build());
    spec.addOption(OptionSpec.builder(STALL_TIMEOUT).paramLabel("SECONDS").type(double.class)
        .initialValue(DEFAULT_STALL_SECONDS)
        .description("Replace a worker that moves nothing for this long, and give its work to"
            + " another (default: ${DEFAULT-VALUE}).")
        .build());
    spec.addOption(OptionSpec.builder(PROGRESS).paramLabel("MODE").type(ProgressMode.class)
        .initialValue(ProgressMode.AUTO)
        .description("auto (a bar when stdout and stderr are terminals, plain lines on stderr"
            + " otherwise), bar, plain or none (default: auto).")
        .build());
    spec.addOption(OptionSpec.builder(PROGRESS_INTERVAL).paramLabel("SECONDS").type(double.class)
        .initialValue(5.0)
        .description("Seconds between plain progress lines (default: ${DEFAULT-VALUE}).")
        .build());
    spec.addOption(flag("-q", QUIET, "Print errors only: no progress, no summary."));
    spec.addOption(OptionSpec.builder(DEBUG).type(boolean.class).initialValue(false)
        .description("Show stack traces and the workers' own output.").build());
    // picocli's standard help options, declared here: its mixin for them is read by reflection.
    spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
        .description("Show this help message and exit.").build());
    spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
        .description("Print version information and exit.").build());
    return spec;
  }

  /** Reads what the command line parsed into {@code spec} says. */
  static CommandOptions of(CommandSpec spec) {
    return new CommandOptions(value(spec.positionalParameters().get(0)),
        value(spec.positionalParameters().get(1)), option(spec, WORKERS),
        new Copy(option(spec, FORCE), option(spec, DRY_RUN), option(spec, DEREFERENCE),
            option(spec, FSYNC), !(Boolean) option(spec, NO_XATTRS),
            !(Boolean) option(spec, NO_ACLS), !(Boolean) option(spec, NO_HARD_LINKS),
            option(spec, CHECKSUM), option(spec, VERIFY), option(spec, STALL_TIMEOUT)),
        new Show(option(spec, VERBOSE), option(spec, PROGRESS), option(spec, PROGRESS_INTERVAL),
            option(spec, QUIET), option(spec, DEBUG)));
  }

  /**
   * Whether {@code --debug} was given; false before or after a parse that did not get that far,
   * so that an error in the command line itself is reported without a stack trace.
   */
  static boolean debug(CommandSpec spec) {
    return Boolean.TRUE.equals(spec.findOption(DEBUG).getValue());
  }

  private static void describeUsage(UsageMessageSpec usage) {
    usage.sortOptions(false)
        .autoWidth(true)
        .description(
            "Copies everything under SRC into DST with a pool of worker processes, showing"
                + " progress.",
            "",
            "DST and its missing parents are created; an existing DST is merged into. Files whose "
                + "size and modification time already match are skipped, so running the same "
                + "command again resumes an interrupted copy. Everything cp -a keeps is kept: "
                + "bytes, holes, mode, owner (as root), group, times, hard links, extended "
                + "attributes and ACLs; symbolic links are copied as links (SRC itself is "
                + "followed when it is one, as cp -H does); FIFOs, sockets and (as root) devices "
                + "are made. What cannot be kept is named, and the exit code is 1. SRC may also "
                + "be a regular file: it is copied to DST, or into DST if DST is a directory or "
                + "ends with '/'.",
            "")
        .exitCodeListHeading("%nExit codes:%n");
    Map<String, String> exitCodes = new LinkedHashMap<>();
    exitCodes.put("0", "everything was copied or already up to date");
    exitCodes.put("1", "some entries failed or could not be kept whole (the rest were copied),"
        + " or the run could not go on (workers cannot start, the destination is full, over"
        + " quota or read-only)");
    exitCodes.put("2", "bad usage or bad input; nothing was written");
    exitCodes.put("129", "stopped by SIGHUP (terminal closed); temporary files were removed");
    exitCodes.put("130", "interrupted by SIGINT or SIGTERM; temporary files were removed");
    usage.exitCodeList(exitCodes);
  }

  private static PositionalParamSpec positional(String index, String label, String description) {
    return PositionalParamSpec.builder().index(index).arity("1").required(true).paramLabel(label)
        .type(String.class).description(description).build();
  }

  private static OptionSpec flag(String shortName, String longName, String description) {
    return OptionSpec.builder(shortName, longName).type(boolean.class).initialValue(false)
        .description(description).build();
  }

  private static <T> T option(CommandSpec spec, String name) {
    return value(spec.findOption(name));
  }

  private static <T> T value(ArgSpec arg) {
    return arg.getValue();
  }
}
