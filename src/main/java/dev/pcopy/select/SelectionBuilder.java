package dev.pcopy.select;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the selection options in command-line order and builds the {@link Selection}.
 *
 * <p>Rules keep the order of the calls: {@link #exclude}, {@link #include}, and the lines of
 * {@link #excludeFrom}/{@link #includeFrom} files inserted where those were given. Files are
 * read only by {@link #build}, so {@link #from0} applies to all of them wherever it was given.
 * A file named {@link #STANDARD_INPUT} is read from standard input, at most once in all.
 */
public final class SelectionBuilder {
  /** The file name that stands for standard input: exactly {@code -}, as in rsync. */
  public static final Path STANDARD_INPUT = ListFiles.STANDARD_INPUT;

  /** One rule source, in command-line order. */
  private record Step(String option, boolean include, byte[] pattern, Path file) {}

  private final List<Step> steps = new ArrayList<>();
  private final List<Path> filesFrom = new ArrayList<>();
  private final List<byte[]> sources = new ArrayList<>();
  private boolean nulSeparated;
  private long minSize;
  private long maxSize = Long.MAX_VALUE;
  private InputStream standardInput = System.in;

  SelectionBuilder() {}

  /** {@code --exclude PATTERN}: the pattern's raw bytes, as on the command line. */
  public SelectionBuilder exclude(byte[] pattern) {
    steps.add(new Step("--exclude", false, pattern.clone(), null));
    return this;
  }

  /** {@code --include PATTERN}: the pattern's raw bytes, as on the command line. */
  public SelectionBuilder include(byte[] pattern) {
    steps.add(new Step("--include", true, pattern.clone(), null));
    return this;
  }

  /** {@code --exclude-from FILE}: its patterns exclude, inserted here. */
  public SelectionBuilder excludeFrom(Path file) {
    steps.add(new Step("--exclude-from", false, null, file));
    return this;
  }

  /** {@code --include-from FILE}: its patterns include, inserted here. */
  public SelectionBuilder includeFrom(Path file) {
    steps.add(new Step("--include-from", true, null, file));
    return this;
  }

  /** {@code --files-from FILE}; given more than once, the lists are joined. */
  public SelectionBuilder filesFrom(Path file) {
    filesFrom.add(file);
    return this;
  }

  /**
   * Where SRC is, as an absolute path (as written, or with links resolved; call once for each):
   * an absolute path in a {@code --files-from} list below one of them is taken relative to SRC,
   * and any other absolute path is refused. None given: every absolute path is refused.
   */
  public SelectionBuilder source(byte[] absolutePath) {
    sources.add(Listing.normalize(absolutePath));
    return this;
  }

  /** {@code --from0}: entries of every {@code -from} file end with NUL instead of a newline. */
  public SelectionBuilder from0(boolean nulSeparated) {
    this.nulSeparated = nulSeparated;
    return this;
  }

  /** {@code --min-size}: regular files smaller than this are skipped. */
  public SelectionBuilder minSize(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("negative --min-size: " + bytes);
    }
    this.minSize = bytes;
    return this;
  }

  /** {@code --max-size}: regular files larger than this are skipped. */
  public SelectionBuilder maxSize(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("negative --max-size: " + bytes);
    }
    this.maxSize = bytes;
    return this;
  }

  /** Where {@link #STANDARD_INPUT} reads from; {@code System.in} unless set. */
  public SelectionBuilder standardInput(InputStream in) {
    this.standardInput = in;
    return this;
  }

  /**
   * Compiles the patterns and reads the files.
   *
   * @throws SelectionException for a bad pattern, an unreadable file, a bad listed path,
   *     standard input named twice, or {@code --min-size} above {@code --max-size}
   */
  public Selection build() throws SelectionException {
    if (minSize > maxSize) {
      throw new SelectionException("--min-size (" + minSize + " bytes) is larger than"
          + " --max-size (" + maxSize + " bytes): no file could be copied");
    }
    StandardInputUse stdin = new StandardInputUse();
    List<Rule> rules = new ArrayList<>();
    for (Step step : steps) {
      if (step.file() == null) {
        rules.add(commandLineRule(step));
      } else {
        byte[] content = stdin.read(step.option(), step.file(), standardInput);
        rules.addAll(RuleFiles.parse(step.option(), ListFiles.display(step.file()),
            step.include(), content, nulSeparated));
      }
    }
    Listing listing = null;
    if (!filesFrom.isEmpty()) {
      List<byte[]> paths = new ArrayList<>();
      for (Path file : filesFrom) {
        byte[] content = stdin.read("--files-from", file, standardInput);
        FilesFrom.parse("--files-from", ListFiles.display(file), content, nulSeparated,
            sources, paths);
      }
      listing = Listing.of(paths);
    }
    return new Selection(rules, listing, minSize, maxSize);
  }

  private static Rule commandLineRule(Step step) throws SelectionException {
    try {
      return Rule.parse(step.include(), step.pattern());
    } catch (BadPatternException e) {
      throw new SelectionException(step.option() + ": bad pattern '"
          + Shown.bytes(step.pattern()) + "': " + e.getMessage());
    }
  }

  /** Reads files, and refuses a second read of standard input, which would find it empty. */
  private static final class StandardInputUse {
    private String readBy;

    byte[] read(String option, Path file, InputStream in) throws SelectionException {
      if (ListFiles.isStandardInput(file)) {
        if (readBy != null) {
          throw new SelectionException(option + ": standard input is already read by "
              + readBy + "; name '-' once");
        }
        readBy = option;
      }
      return ListFiles.read(option, file, in);
    }
  }
}
