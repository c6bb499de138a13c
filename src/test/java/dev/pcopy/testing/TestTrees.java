package dev.pcopy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Builds source trees on the real disk for the integration tests: deterministic (seeded) contents
 * and nanosecond modification times, so a copy that loses anything shows up in {@link TreeAssert}.
 *
 * <p>Only ASCII names are made here, from Java strings; names with other bytes are made through
 * {@link Shell#run}, because a JVM in the C locale cannot spell them as strings.
 */
public final class TestTrees {
  /** First time handed out: 2001-09-09, with a nanosecond part. */
  private static final long BASE_SECONDS = 1_000_000_000L;

  private final Path root;
  private final Random random;
  /** Directory modes to set once their contents exist (a 0555 directory cannot be filled). */
  private final Map<Path, Integer> directoryModes = new LinkedHashMap<>();

  private TestTrees(Path root, long seed) {
    this.root = root;
    this.random = new Random(seed);
  }

  /** Starts building under {@code root} (created if missing), with contents from {@code seed}. */
  public static TestTrees at(Path root, long seed) {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new TestTrees(root, seed);
  }

  /**
   * Builds a tree with one of everything a copy must keep: empty and large files, every kind of
   * mode bit (set-user-ID, set-group-ID, sticky, read-only), empty, deep, read-only, set-group-ID
   * and sticky directories, relative, absolute, dangling, looping and directory symbolic links,
   * and ASCII names that trip up shells and string handling.
   */
  public static Path richTree(Path root) {
    TestTrees t = at(root, 42);
    t.file("docs/readme.txt", 100, 0644);
    t.file("docs/empty.txt", 0, 0644);
    t.file("docs/.hidden", 10, 0640);
    t.file("bin/tool", 2_000, 0755);
    t.file("bin/setuid-tool", 3_000, 04755);
    t.file("bin/setgid-tool", 3_000, 02755);
    t.file("bin/sticky-file", 10, 01644);
    t.file("private/secret", 50, 0600);
    t.file("private/read-only", 50, 0444);
    t.file("data/big-3MiB", 3 << 20, 0644);
    t.file("data/big-9MiB-plus", (9 << 20) + 17, 0640);
    t.file("data/one-MiB-exactly", 1 << 20, 0644);
    t.file("data/just-under-one-MiB", (1 << 20) - 1, 0644);
    t.directory("empty", 0700);
    t.file("deep/a/b/c/d/e/f/g/h/leaf", 7, 0644);
    t.directory("deep/a/b/c/d/e/f/g/h/empty-too", 0755);
    t.file("read-only-dir/inside", 20, 0644);
    t.file("read-only-dir/sub/further", 20, 0644);
    t.directory("read-only-dir/sub", 0500);
    t.directory("read-only-dir", 0555);
    t.file("setgid-dir/f", 5, 0664);
    t.directory("setgid-dir", 02775);
    t.directory("sticky-dir", 01777);
    t.link("links/relative", "../docs/readme.txt");
    t.link("links/absolute", root.resolve("docs/readme.txt").toString());
    t.link("links/dangling", "does/not/exist");
    t.link("links/to-dir", "../docs");
    t.link("links/loop", "loop");
    t.link("links/outside", "../../..");
    t.file("odd/with space", 3, 0644);
    t.file("odd/-leading-dash", 3, 0644);
    t.file("odd/back\\slash", 3, 0644);
    t.file("odd/quote'\"", 3, 0644);
    t.file("odd/new\nline", 3, 0644);
    t.file("odd/tab\tand\u0001control", 3, 0644);
    t.file("odd/star*question?", 3, 0644);
    t.file("odd/..dots", 3, 0644);
    t.file("odd/" + "n".repeat(255), 3, 0644);
    t.finish();
    return root;
  }

  /**
   * Builds {@code directories} directories of {@code filesPerDirectory} small files each, and
   * one file of {@code largeBytes} in every directory (none if 0).
   */
  public static Path smallFiles(Path root, int directories, int filesPerDirectory,
      int largeBytes) {
    TestTrees t = at(root, 7);
    for (int d = 0; d < directories; d++) {
      for (int f = 0; f < filesPerDirectory; f++) {
        t.file(String.format("dir-%02d/file-%03d", d, f), 1 + t.random.nextInt(2_000), 0644);
      }
      if (largeBytes > 0) {
        t.file(String.format("dir-%02d/large", d), largeBytes, 0644);
      }
    }
    t.finish();
    return root;
  }

  /**
   * Counts the regular files under {@code root} (0 if it does not exist yet); for watching a
   * copy's progress while it runs, so a listing that changes under it counts as 0.
   */
  public static long countFiles(Path root) {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile).count();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  /** Writes a file of {@code size} seeded bytes with {@code mode} and a nanosecond mtime. */
  public TestTrees file(String relative, int size, int mode) {
    Path path = root.resolve(relative);
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    try {
      Files.createDirectories(path.getParent());
      Files.write(path, bytes);
      Files.setAttribute(path, "unix:mode", mode);
      Files.setLastModifiedTime(path, nextTime());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Makes a directory whose {@code mode} is set by {@link #finish}, after its contents. */
  public TestTrees directory(String relative, int mode) {
    try {
      Files.createDirectories(root.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    directoryModes.put(root.resolve(relative), mode);
    return this;
  }

  /** Makes a symbolic link with the target text {@code target}. */
  public TestTrees link(String relative, String target) {
    Path path = root.resolve(relative);
    try {
      Files.createDirectories(path.getParent());
      Files.createSymbolicLink(path, path.getFileSystem().getPath(target));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /**
   * Gives every directory its mode and a nanosecond mtime, deepest first, so that neither is
   * disturbed by later writes.
   */
  public Path finish() {
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          Integer mode = directoryModes.get(dir);
          if (mode != null) {
            Files.setAttribute(dir, "unix:mode", mode);
          }
          Files.setLastModifiedTime(dir, nextTime());
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return root;
  }

  /** Returns a time between 2001 and 2020 with a nanosecond part that is never zero. */
  private FileTime nextTime() {
    long seconds = BASE_SECONDS + random.nextInt(600_000_000);
    int nanos = 1 + random.nextInt(999_999_998);
    return FileTime.from(Instant.ofEpochSecond(seconds, nanos));
  }
}
