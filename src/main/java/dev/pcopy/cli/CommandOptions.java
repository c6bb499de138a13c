package dev.pcopy.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgGroupSpec;
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
 * a re-run with nothing to copy included. The options are shown in groups (copying, selection,
 * mirroring, output), with examples at the end.
 *
 * @param source SRC as picocli received it (a token for an argument whose bytes are not exact)
 * @param target DST, likewise
 * @param workers worker processes to start
 * @param copy how to copy
 * @param select which entries to copy
 * @param mirror what to delete
 * @param show what to show
 */
record CommandOptions(String source, String target, int workers, Copy copy, Select select,
    Mirror mirror, Show show) {

  /**
   * How to copy.
   *
   * @param stallSeconds how long a worker holding work may report nothing
   */
  record Copy(boolean force, boolean dryRun, boolean dereference, boolean fsync, boolean xattrs,
      boolean acls, boolean hardLinks, boolean checksum, boolean verify, boolean partial,
      double stallSeconds) {}

  /**
   * Which entries to copy.
   *
   * @param rules the selection options in the order given: each an option name and its value
   *     as parsed ({@code --exclude}, {@code --include}, {@code --exclude-from},
   *     {@code --include-from}, {@code --files-from})
   * @param from0 the -from files hold NUL-separated entries
   * @param minSize {@code --min-size} as given, or null
   * @param maxSize {@code --max-size} as given, or null
   * @param oneFileSystem {@code -x}: do not cross mount points below SRC
   */
  record Select(List<String[]> rules, boolean from0, String minSize, String maxSize,
      boolean oneFileSystem) {}

  /**
   * What to delete.
   *
   * @param delete remove entries of DST that SRC lacks
   * @param deleteExcluded remove those the selection excludes too
   * @param maxDelete delete nothing when more than this many entries would go; -1 for no limit
   */
  record Mirror(boolean delete, boolean deleteExcluded, long maxDelete) {}

  /**
   * What to show.
   *
   * @param progressInterval seconds between plain progress lines (and {@code --json}'s
   *     progress events)
   * @param json JSON events on stdout, the human output on stderr
   * @param noColor draw the bar without colour
   * @param bytes raw numbers of bytes instead of IEC units in the human output
   */
  record Show(boolean verbose, ProgressMode progress, double progressInterval, boolean quiet,
      boolean debug, boolean json, boolean noColor, boolean bytes) {}

  static final int MAX_WORKERS = 256;
  /** The default of {@code --stall-timeout}: long enough for slow storage to answer. */
  static final double DEFAULT_STALL_SECONDS = 60;
  static final String EXCLUDE = "--exclude";
  static final String INCLUDE = "--include";
  static final String EXCLUDE_FROM = "--exclude-from";
  static final String INCLUDE_FROM = "--include-from";
  static final String FILES_FROM = "--files-from";

  private static final String SOURCE = "SRC";
  private static final String TARGET = "DST";
  private static final String WORKERS = "--workers";
  private static final String FORCE = "--force";
  private static final String DRY_RUN = "--dry-run";
  private static final String DEREFERENCE = "--dereference";
  private static final String PROGRESS = "--progress";
  private static final String PROGRESS_INTERVAL = "--progress-interval";
  private static final String QUIET = "--quiet";
  private static final String NO_COLOR = "--no-color";
  private static final String BYTES = "--bytes";
  private static final String DEBUG = "--debug";
  private static final String VERBOSE = "--verbose";
  private static final String JSON = "--json";
  private static final String ARCHIVE = "--archive";
  private static final String FSYNC = "--fsync";
  private static final String STALL_TIMEOUT = "--stall-timeout";
  private static final String NO_XATTRS = "--no-xattrs";
  private static final String NO_ACLS = "--no-acls";
  private static final String NO_HARD_LINKS = "--no-hard-links";
  private static final String NO_PARTIAL = "--no-partial";
  private static final String CHECKSUM = "--checksum";
  private static final String VERIFY = "--verify";
  private static final String FROM0 = "--from0";
  private static final String MIN_SIZE = "--min-size";
  private static final String MAX_SIZE = "--max-size";
  private static final String ONE_FILE_SYSTEM = "--one-file-system";
  private static final String DELETE = "--delete";
  private static final String DELETE_EXCLUDED = "--delete-excluded";
  private static final String MAX_DELETE = "--max-delete";
  private static final int DEFAULT_WORKERS = Math.max(2, Runtime.getRuntime().availableProcessors());
  private static final double DEFAULT_INTERVAL = 5.0;

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
    spec.addArgGroup(copying());
    spec.addArgGroup(selection());
    spec.addArgGroup(group("Mirroring:%n",
        flag(null, DELETE, "After a copy in which nothing failed, remove what DST has and SRC"
            + " lacks (entries the selection excludes are kept, with the directories that hold"
            + " them). A DST entry of another kind than its SRC entry (a directory where SRC now"
            + " has a file or link, or the reverse) is deleted and replaced during the copy."),
        flag(null, DELETE_EXCLUDED, "Remove the excluded entries from DST too (implies"
            + " --delete)."),
        valued(MAX_DELETE, "N", long.class, "With --delete, delete nothing (exit code 25) when"
            + " more than N entries would go.")));
    spec.addArgGroup(HostOptions.group());
    spec.addArgGroup(output());
    return spec;
  }

  private static ArgGroupSpec copying() {
    return group("Copying:%n",
        OptionSpec.builder("-w", WORKERS).paramLabel("N").type(int.class)
            .initialValue(DEFAULT_WORKERS)
            // This machine's count is shown on a line of its own, which is not part of the
            // description: the man page is made from the description on the build machine.
            .showDefaultValue(Visibility.ALWAYS)
            .description("Worker processes (1-" + MAX_WORKERS + "; default: the number of"
                + " processors, at least 2).")
            .build(),
        flag("-f", FORCE, "Copy every file, even those that look unchanged."),
        flag("-c", CHECKSUM, "Decide whether a file is unchanged by its content (read on both"
            + " sides), not by its size and modification time."),
        flag(null, VERIFY, "Read every file back after writing it and compare checksums"
            + " (CRC32C); a mismatch is copied again once, then reported as failed."),
        flag("-L", DEREFERENCE, "Follow symbolic links in SRC and copy what they point to."),
        flag(null, NO_HARD_LINKS, "Copy entries that are hard links of each other apart."),
        flag(null, NO_XATTRS, "Do not copy extended attributes."),
        flag(null, NO_ACLS, "Do not copy POSIX ACLs."),
        flag(null, FSYNC, "Flush every file and directory to the disk before saying it is done."),
        flag(null, NO_PARTIAL, "Remove what is copied of a big file when the run stops short,"
            + " instead of keeping it for the next run to resume."),
        OptionSpec.builder(STALL_TIMEOUT).paramLabel("SECONDS").type(double.class)
            .initialValue(DEFAULT_STALL_SECONDS)
            .description("Replace a worker that moves nothing for this long, and give its work"
                + " to another (default: ${DEFAULT-VALUE}).")
            .build(),
        flag("-a", ARCHIVE, "Accepted for cp and rsync habits: pcopy always copies as cp -a"
            + " does."));
  }

  private static ArgGroupSpec selection() {
    List<String[]> rules = new ArrayList<>();
    return group("Selection (see docs/selection.md):%n",
        rule(EXCLUDE, "PATTERN", "Skip entries matching PATTERN (repeatable; the first"
            + " matching rule wins; gitignore-style: *.log, build/, /top-only, **/tmp/**).",
            rules),
        rule(INCLUDE, "PATTERN", "Copy entries matching PATTERN even if a later rule excludes"
            + " them (repeatable).", rules),
        rule(EXCLUDE_FROM, "FILE", "Read exclude patterns from FILE, one a line (# comments);"
            + " - for stdin.", rules),
        rule(INCLUDE_FROM, "FILE", "Read include patterns from FILE, one a line; - for stdin.",
            rules),
        rule(FILES_FROM, "FILE", "Copy only the paths below SRC listed in FILE (a listed"
            + " directory whole); - for stdin.", rules),
        flag("-0", FROM0, "Entries in -from files end with NUL, not newline (find -print0)."),
        valued(MIN_SIZE, "SIZE", String.class, "Skip regular files smaller than SIZE (10K, 5M,"
            + " 1G: powers of 1024)."),
        valued(MAX_SIZE, "SIZE", String.class, "Skip regular files larger than SIZE."),
        flag("-x", ONE_FILE_SYSTEM, "Do not cross mount points below SRC (they are made,"
            + " empty); --delete deletes nothing on another file system mounted in DST."));
  }

  private static ArgGroupSpec output() {
    return group("Output:%n",
        flag("-n", DRY_RUN, "List what would be done (mkdir, copy, link, chmod, delete, ...);"
            + " write nothing."),
        flag("-v", VERBOSE, "Print a line per action carried out, as --dry-run lists them (on"
            + " stdout)."),
        OptionSpec.builder(PROGRESS).paramLabel("MODE").type(ProgressMode.class)
            .initialValue(ProgressMode.AUTO)
            .description("auto (a bar when stdout and stderr are terminals, plain lines on"
                + " stderr otherwise), bar, plain or none (default: auto).")
            .build(),
        OptionSpec.builder(PROGRESS_INTERVAL).paramLabel("SECONDS").type(double.class)
            .initialValue(DEFAULT_INTERVAL)
            .description("Seconds between plain progress lines (default: ${DEFAULT-VALUE}).")
            .build(),
        flag("-q", QUIET, "Print errors only: no progress, no warnings, no summary."),
        flag(null, NO_COLOR, "Draw the progress bar without colour (as the NO_COLOR"
            + " environment variable does)."),
        flag(null, BYTES, "Sizes and rates as raw numbers of bytes (1610612736 B) instead of"
            + " IEC units (1.5 GiB), in the bar, the progress lines and the summary."),
        flag(null, JSON, "Print events as JSON lines on stdout (see docs/json.md): start,"
            + " progress, errors, warnings, every action with -v, and a summary with the exit"
            + " code. What a person reads goes to stderr."),
        flag(null, DEBUG, "Show stack traces and the workers' own output."),
        // picocli's standard help options, declared here: its mixin for them is read by
        // reflection.
        OptionSpec.builder("-h", "--help").usageHelp(true)
            .description("Show this help message and exit.").build(),
        OptionSpec.builder("-V", "--version").versionHelp(true)
            .description("Print version information and exit.").build());
  }

  /** Whether {@code --max-delete} was given at all. */
  static boolean maxDeleteGiven(CommandSpec spec) {
    return spec.commandLine().getParseResult().hasMatchedOption(MAX_DELETE);
  }

  /** Reads what the command line parsed into {@code spec} says. */
  @SuppressWarnings("unchecked")
  static CommandOptions of(CommandSpec spec) {
    OptionSpec exclude = spec.findOption(EXCLUDE);
    return new CommandOptions(value(spec.positionalParameters().get(0)),
        value(spec.positionalParameters().get(1)), option(spec, WORKERS, DEFAULT_WORKERS),
        new Copy(flag(spec, FORCE), flag(spec, DRY_RUN), flag(spec, DEREFERENCE),
            flag(spec, FSYNC), !flag(spec, NO_XATTRS), !flag(spec, NO_ACLS),
            !flag(spec, NO_HARD_LINKS), flag(spec, CHECKSUM), flag(spec, VERIFY),
            !flag(spec, NO_PARTIAL), option(spec, STALL_TIMEOUT, DEFAULT_STALL_SECONDS)),
        new Select(List.copyOf((List<String[]>) exclude.userObject()), flag(spec, FROM0),
            option(spec, MIN_SIZE, null), option(spec, MAX_SIZE, null),
            flag(spec, ONE_FILE_SYSTEM)),
        // --delete-excluded implies --delete, as in rsync: asked alone it must not do nothing.
        new Mirror(flag(spec, DELETE) || flag(spec, DELETE_EXCLUDED),
            flag(spec, DELETE_EXCLUDED), option(spec, MAX_DELETE, -1L)),
        new Show(flag(spec, VERBOSE), option(spec, PROGRESS, ProgressMode.AUTO),
            option(spec, PROGRESS_INTERVAL, DEFAULT_INTERVAL), flag(spec, QUIET),
            flag(spec, DEBUG), flag(spec, JSON), flag(spec, NO_COLOR), flag(spec, BYTES)));
  }

  /**
   * Whether {@code --debug} was given; false before or after a parse that did not get that far,
   * so that an error in the command line itself is reported without a stack trace.
   */
  static boolean debug(CommandSpec spec) {
    return flag(spec, DEBUG);
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
        .exitCodeListHeading("%nExit codes:%n")
        .footerHeading("%nExamples:%n")
        .footer(
            "  pcopy /data /backup/data            copy, or bring an earlier copy up to date",
            "  pcopy -n -v /data /backup/data      list what would be done, write nothing",
            "  pcopy --delete /data /mirror        make /mirror an exact mirror of /data",
            "  pcopy --exclude '*.tmp' --exclude build/ src dst",
            "  pcopy --progress plain src dst 2>copy.log",
            "  pcopy big.iso /mnt/usb/             a single file, into a directory");
    Map<String, String> exitCodes = new LinkedHashMap<>();
    exitCodes.put("0", "everything was copied or already up to date");
    exitCodes.put("1", "some entries failed or could not be kept whole (the rest were copied),"
        + " or the run could not go on (workers cannot start, the destination is full, over"
        + " quota or read-only)");
    exitCodes.put("2", "bad usage or bad input; nothing was written");
    exitCodes.put("25", "--max-delete stopped --delete: nothing was deleted");
    exitCodes.put("129", "stopped by SIGHUP (terminal closed); temporary files were removed");
    exitCodes.put("130", "interrupted by SIGINT or SIGTERM; temporary files were removed");
    usage.exitCodeList(exitCodes);
  }

  private static ArgGroupSpec group(String heading, OptionSpec... options) {
    ArgGroupSpec.Builder group = ArgGroupSpec.builder().heading(heading).exclusive(false)
        .validate(false);
    for (OptionSpec option : options) {
      group.addArg(option);
    }
    return group.build();
  }

  /**
   * An option of the selection rules: each use is kept, in command-line order with the others,
   * since the first rule that matches an entry decides (the list is the option's user object).
   */
  private static OptionSpec rule(String name, String label, String description,
      List<String[]> rules) {
    return OptionSpec.builder(name).paramLabel(label).type(String.class)
        .description(description).userObject(rules)
        .preprocessor(new RuleCollector(name, rules))
        .build();
  }

  /**
   * Adds each use of a selection option to the rules. A class, not a lambda: the lambda made
   * the class-data-sharing dump link picocli's interface, an old class file, which it then
   * leaves out of the archive, and reading it from the jar at every start cost milliseconds.
   */
  private static final class RuleCollector implements IParameterPreprocessor {
    private final String name;
    private final List<String[]> rules;

    RuleCollector(String name, List<String[]> rules) {
      this.name = name;
      this.rules = rules;
    }

    @Override
    public boolean preprocess(Stack<String> args, CommandSpec command, ArgSpec arg,
        Map<String, Object> info) {
      if (args.isEmpty()) {
        // picocli then says the value is missing.
        return false;
      }
      rules.add(new String[] {name, args.pop()});
      return true;
    }
  }

  private static PositionalParamSpec positional(String index, String label, String description) {
    return PositionalParamSpec.builder().index(index).arity("1").required(true).paramLabel(label)
        .type(String.class).description(description).build();
  }

  private static OptionSpec flag(String shortName, String longName, String description) {
    OptionSpec.Builder b = shortName == null ? OptionSpec.builder(longName)
        : OptionSpec.builder(shortName, longName);
    return b.type(boolean.class).initialValue(false).description(description).build();
  }

  private static OptionSpec valued(String name, String label, Class<?> type,
      String description) {
    return OptionSpec.builder(name).paramLabel(label).type(type).description(description)
        .build();
  }

  private static boolean flag(CommandSpec spec, String name) {
    return Boolean.TRUE.equals(spec.findOption(name).getValue());
  }

  /**
   * The value of an option, or {@code fallback} when it was not given: an option in a group
   * that was not used at all keeps no initial value.
   */
  private static <T> T option(CommandSpec spec, String name, T fallback) {
    T value = value(spec.findOption(name));
    return value == null ? fallback : value;
  }

  private static <T> T value(ArgSpec arg) {
    return arg.getValue();
  }
}
