package dev.pcopy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pcopy.plan.HostTag;
import dev.pcopy.plan.RunId;
import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.Shell;
import dev.pcopy.testing.TempFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dry run and the real run decide alike, by construction: on generated trees and
 * destinations in every state a re-run meets (missing, equal, content changed, mode changed,
 * owner changed as root, an obstacle of each kind, leftovers of a killed run, a target directory
 * left read-only, a link's or FIFO's time changed), the lines {@code pcopy -n} prints are the
 * lines a following {@code pcopy -v} prints, its errors are the real run's errors, and a second
 * {@code pcopy -n} then finds nothing to do but what cannot be done.
 */
class DryRunMatchesRunIT {
  private static final long DEAD_PID = 1L << 23;

  @TempDir
  Path tmp;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void dryRunLines_areTheLinesTheRealRunPrints(long seed) throws IOException {
    Random random = new Random(seed);
    Path src = tmp.resolve("src");
    Path dst = tmp.resolve("dst");
    List<String> files = generate(src, random);
    if (random.nextInt(4) > 0) {
      assertEquals(0, Pcopy.args(src.toString(), dst.toString()).run().exitCode());
      disturb(src, dst, files, random);
    }

    PcopyResult dry = Pcopy.args("-n", src.toString(), dst.toString()).run();
    PcopyResult real = Pcopy.args("-v", src.toString(), dst.toString()).run();
    PcopyResult again = Pcopy.args("-n", src.toString(), dst.toString()).run();

    assertFalse(actions(dry).isEmpty(), "nothing to compare: seed " + seed + "\n" + dry);
    assertEquals(actions(dry), actions(real), "seed " + seed + "\n-n: " + dry + "\n-v: " + real);
    assertEquals(errors(dry), errors(real), "seed " + seed + "\n-n: " + dry + "\n-v: " + real);
    assertEquals(dry.exitCode(), real.exitCode(), "seed " + seed + "\n" + dry + "\n" + real);
    // What could not be done is refused again, and nothing else is left to do.
    assertEquals(Set.of(), actions(again), "seed " + seed + "\n" + again);
    assertEquals(errors(real), errors(again), "seed " + seed + "\n" + again);
  }

  /** A tree of a few directories with files, links and a FIFO; returns the files' paths. */
  private static List<String> generate(Path src, Random random) throws IOException {
    List<String> files = new ArrayList<>();
    String[] dirs = {"", "a", "a/b", "c", "c/d/e"};
    for (String dir : dirs) {
      Files.createDirectories(src.resolve(dir));
      int count = 1 + random.nextInt(4);
      for (int i = 0; i < count; i++) {
        String name = (dir.isEmpty() ? "" : dir + "/") + "f" + i;
        byte[] data = new byte[random.nextInt(3000)];
        random.nextBytes(data);
        Path file = Files.write(src.resolve(name), data);
        Files.setAttribute(file, "unix:mode", random.nextBoolean() ? 0644 : 0600);
        Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(
            1_600_000_000L + random.nextInt(1_000_000), random.nextInt(1_000_000_000))));
        files.add(name);
      }
      if (random.nextBoolean()) {
        Files.createSymbolicLink(src.resolve((dir.isEmpty() ? "" : dir + "/") + "link"),
            Path.of("f0"));
      }
    }
    Shell.run(src, "mkfifo c/pipe");
    Files.createDirectories(src.resolve("empty"));
    return files;
  }

  /** Puts the copy in the states a re-run meets, each with some chance. */
  private static void disturb(Path src, Path dst, List<String> files, Random random)
      throws IOException {
    for (String name : files) {
      Path target = dst.resolve(name);
      switch (random.nextInt(9)) {
        case 0 -> Files.delete(target);
        case 1 -> Files.writeString(target, "changed content " + random.nextInt());
        case 2 -> Files.setAttribute(target, "unix:mode", 0640);
        case 3 -> {
          if (Shell.isRoot()) {
            Files.setAttribute(target, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);
          }
        }
        case 4 -> {
          // A directory where a file goes.
          Files.delete(target);
          Files.createDirectories(target.resolve("inside"));
        }
        default -> { }
      }
    }
    if (random.nextBoolean()) {
      // A file where a directory goes, and a link to a directory where one goes.
      Shell.run(dst, "rm -rf c/d && printf x > c/d");
      Shell.run(dst, "rm -rf a/b && ln -s ../c a/b");
    }
    if (random.nextBoolean()) {
      // A killed run's temporary file, in a directory whose time a write then changed.
      Files.writeString(TempFiles.path(dst.resolve("a"),
          new RunId(DEAD_PID, HostTag.current(), 7).text(), 7), "partial");
    }
    if (random.nextBoolean()) {
      // A target directory left read-only, which the run opens up and gives back its mode.
      Files.setAttribute(dst.resolve("c"), "unix:mode", 0555);
    }
    if (random.nextBoolean()) {
      Files.setAttribute(dst.resolve("empty"), "unix:mode", 0700);
      Files.setAttribute(src.resolve("empty"), "unix:mode", 0755);
    }
    if (random.nextBoolean()) {
      // A FIFO and a link whose time alone changed: their times are fixed in place.
      Shell.run(src, "touch -h -d 2001-01-01 c/pipe"
          + (Files.isSymbolicLink(src.resolve("link")) ? " link" : ""));
    }
  }

  /** The action lines on stdout: everything but pcopy's own lines. */
  private static Set<String> actions(PcopyResult result) {
    return result.stdoutLines().stream().filter(l -> !l.startsWith("pcopy: "))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> errors(PcopyResult result) {
    return result.stderrLines().stream().filter(l -> l.startsWith("pcopy: error: "))
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
