package dev.pcopy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the packaged {@code pcopy} launcher ({@code target/pcopy/bin/pcopy}, named by the system
 * property {@code pcopy.launcher} that Failsafe sets) as a real process, with stdout and stderr
 * going to files, so the program sees no terminal.
 *
 * <p>Arguments are Java strings; a test that needs arguments with raw bytes uses {@link #shell},
 * whose script reaches the launcher as {@code "$PCOPY"} and can build arguments with printf.
 */
public final class Pcopy {
  /** Longest a run may take before the test fails; a hang is a failure, not a stuck build. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private final List<String> command;
  private final Map<String, String> env = new LinkedHashMap<>();
  private Path directory;
  private boolean ownSession;
  private List<String> prefix = List.of();
  private Duration timeout = DEFAULT_TIMEOUT;

  private Pcopy(List<String> command) {
    this.command = command;
  }

  /** Returns the launcher's path, checking that {@code mvn package} has built it. */
  public static Path launcher() {
    String property = System.getProperty("pcopy.launcher");
    if (property == null) {
      throw new IllegalStateException("system property pcopy.launcher is not set;"
          + " run the integration tests with mvn verify");
    }
    Path path = Path.of(property);
    if (!Files.isExecutable(path)) {
      throw new IllegalStateException(path + " is missing or not executable; run mvn package");
    }
    return path;
  }

  /** A run of {@code pcopy args...}. */
  public static Pcopy args(String... args) {
    List<String> c = new ArrayList<>();
    c.add(launcher().toString());
    c.addAll(List.of(args));
    return new Pcopy(c);
  }

  /** Runs the launcher of another install of pcopy instead of the one the build made. */
  public Pcopy launchedBy(Path otherLauncher) {
    if (!command.get(0).equals(launcher().toString())) {
      throw new IllegalStateException("only a run made by args() starts the launcher itself");
    }
    command.set(0, otherLauncher.toString());
    return this;
  }

  /** A run of {@code /bin/sh -c script}, where the script calls the launcher as "$PCOPY". */
  public static Pcopy shell(String script) {
    Pcopy p = new Pcopy(List.of("/bin/sh", "-c", script));
    p.env.put("PCOPY", launcher().toString());
    return p;
  }

  /** Runs in {@code dir} (so relative arguments are relative to it). */
  public Pcopy in(Path dir) {
    this.directory = dir;
    return this;
  }

  /** Sets an environment variable for the run. */
  public Pcopy env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /**
   * Makes every worker pause {@code millis} before each action, to widen the timing windows a
   * test aims at (a signal mid-run, a race): the worker's test hook, set through its JVM options.
   */
  public Pcopy workerDelay(long millis) {
    return workerProperty("pcopy.test.workerDelay", String.valueOf(millis));
  }

  /**
   * Makes every worker's destination take {@code bytes} bytes in all and then refuse more with
   * {@code errno} ({@code ENOSPC}, {@code EDQUOT} or {@code EROFS}): a full or read-only disk
   * without mounting one.
   */
  public Pcopy workerRoom(long bytes, String errno) {
    workerProperty("pcopy.test.room", String.valueOf(bytes));
    return workerProperty("pcopy.test.refusal", errno);
  }

  /**
   * Makes every worker change the first byte of the first {@code count} files it copies, after
   * writing them: a disk that writes wrong, for {@code --verify} to catch. The count is per
   * worker process, so a test that relies on it runs one worker.
   */
  public Pcopy corruptCopies(int count) {
    return workerProperty("pcopy.test.corruptCopies", String.valueOf(count));
  }

  /**
   * Makes every worker pause {@code millis} before each slice of a file it writes (8 MiB): a
   * slow disk, so that a test can catch a worker in the middle of a file.
   */
  public Pcopy sliceDelay(long millis) {
    return workerProperty("pcopy.test.sliceDelay", String.valueOf(millis));
  }

  /**
   * Makes every worker pause {@code millis} once it has made a link or special file under its
   * temporary name, before giving it its owner, attributes and times, and once a file's copy is
   * finished, before its rename: room for an attacker.
   */
  public Pcopy madeDelay(long millis) {
    return workerProperty("pcopy.test.madeDelay", String.valueOf(millis));
  }

  private Pcopy workerProperty(String name, String value) {
    String options = env.getOrDefault("PCOPY_WORKER_JAVA_OPTS", "");
    env.put("PCOPY_WORKER_JAVA_OPTS", (options + " -D" + name + "=" + value).strip());
    return this;
  }

  /** Sets the timeout after which the run is killed and the test fails. */
  public Pcopy timeout(Duration timeout) {
    this.timeout = timeout;
    return this;
  }

  /**
   * Starts the launcher as the leader of a new session and process group, as a shell does for a
   * job (SIGINT and SIGTERM at their defaults, as for every run). The launcher execs java, so
   * the started process's pid is the coordinator JVM's pid and its process group id.
   */
  public Pcopy inOwnSession() {
    this.ownSession = true;
    return this;
  }

  /**
   * Runs pcopy without privileges, so that permissions are really checked: as root (who reads and
   * writes anything) through {@code setpriv} as user and group 65534 (nobody), otherwise as the
   * current user. The trees it works on must be readable and writable for that user, see
   * {@link #handOverToUnprivilegedUser}.
   */
  public Pcopy unprivileged() {
    this.prefix = Shell.asUnprivilegedUser();
    return this;
  }

  /**
   * Runs pcopy as user {@code uid} with group {@code gid} and the supplementary groups
   * {@code groups} (through {@code setpriv}, so the tests must run as root): a user who is a
   * member of some groups and not of others.
   */
  public Pcopy asUser(int uid, int gid, int... groups) {
    StringBuilder list = new StringBuilder();
    for (int g : groups) {
      list.append(list.length() == 0 ? "" : ",").append(g);
    }
    this.prefix = List.of("setpriv", "--reuid=" + uid, "--regid=" + gid,
        groups.length == 0 ? "--clear-groups" : "--groups=" + list);
    return this;
  }

  /** Runs to the end and returns the result; fails the test if the run outlives the timeout. */
  public PcopyResult run() {
    try (RunningPcopy running = start()) {
      return running.awaitExit(timeout);
    }
  }

  /** Starts the run; the caller closes the handle, which kills whatever is left of the run. */
  public RunningPcopy start() {
    List<String> full = new ArrayList<>(prefix);
    if (ownSession) {
      full.add("setsid");
    }
    // A JVM keeps a signal ignored if it started ignored, as it does when the build itself runs
    // in the background (SIGINT, SIGTERM) or under nohup (SIGHUP): each run starts with them at
    // their defaults, as from a shell's foreground.
    full.addAll(List.of("env", "--default-signal=INT,TERM,HUP"));
    full.addAll(command);
    try {
      Path outputs = Files.createTempDirectory("pcopy-it-output");
      Path out = outputs.resolve("stdout");
      Path err = outputs.resolve("stderr");
      ProcessBuilder builder = new ProcessBuilder(full)
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile());
      if (directory != null) {
        builder.directory(directory.toFile());
      }
      // The launcher uses JAVA_HOME when set: make it this JVM's, a known Java 17+.
      builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
      builder.environment().remove("PCOPY_JAVA_OPTS");
      builder.environment().putAll(env);
      return new RunningPcopy(builder.start(), outputs, out, err);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + full, e);
    }
  }

  /** Returns the user id that {@link #unprivileged} runs pcopy as. */
  public static int unprivilegedUid() {
    try {
      return Shell.isRoot() ? Shell.UNPRIVILEGED_ID
          : (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Prepares trees for {@link #unprivileged}: as root, opens {@code top} (a test's temporary
   * directory, 0700 when made) to all and gives every entry of {@code trees} to the unprivileged
   * user; as anyone else, does nothing, since the trees are already theirs.
   */
  public static void handOverToUnprivilegedUser(Path top, Path... trees) {
    if (!Shell.isRoot()) {
      return;
    }
    try {
      Files.setAttribute(top, "unix:mode", 0777);
      for (Path tree : trees) {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(tree)) {
          all = walk.collect(Collectors.toList());
        }
        for (Path p : all) {
          // chown clears the set-user-ID and set-group-ID bits; put the mode back after it.
          boolean link = Files.isSymbolicLink(p);
          Object mode = link ? null : Files.getAttribute(p, "unix:mode");
          Files.setAttribute(p, "unix:uid", Shell.UNPRIVILEGED_ID, LinkOption.NOFOLLOW_LINKS);
          Files.setAttribute(p, "unix:gid", Shell.UNPRIVILEGED_ID, LinkOption.NOFOLLOW_LINKS);
          if (!link) {
            Files.setAttribute(p, "unix:mode", mode);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
