package dev.pcopy;

import static dev.pcopy.testing.Raw.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.FileHandle;
import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.RunningPcopy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trees thousands of levels deep (each path far beyond PATH_MAX), as {@code cp -a} and
 * {@code rm -r} handle them. Before, a worker died of a StackOverflowError on the way down to
 * such a directory and said nothing until the stall timeout (three times, then exit 1), and
 * {@code --delete} of such a tree printed a Java stack trace with exit 1 (the dry run too) or,
 * from the walk thread, ended with exit 0 and the tree still there.
 */
class DeepTreeIT {
  private static final int DEPTH = 3_000;

  @TempDir
  Path tmp;

  @AfterEach
  void removeDeepTrees() throws Exception {
    // The JDK's removal (and @TempDir's) stops at PATH_MAX; rm goes down by handles.
    assertEquals(0, new ProcessBuilder("rm", "-rf", tmp.resolve("src").toString(),
        tmp.resolve("dst").toString()).inheritIO().start().waitFor());
  }

  @Test
  void aTreeThousandsOfLevelsDeep_isCopiedWhole_andARerunFindsItUnchanged() throws IOException {
    Path src = tmp.resolve("src");
    Files.createDirectories(src);
    chain(src, DEPTH, "leaf", "at the bottom");

    PcopyResult first = Pcopy.args("--stall-timeout", "10", src.toString(),
        tmp.resolve("dst").toString()).run();
    PcopyResult again = Pcopy.args("--stall-timeout", "10", src.toString(),
        tmp.resolve("dst").toString()).run();

    assertEquals(0, first.exitCode(), first.toString());
    assertEquals("at the bottom", leaf(tmp.resolve("dst"), DEPTH, "leaf"));
    assertEquals(0, again.exitCode(), again.toString());
    assertEquals(1, again.summaryCount("unchanged"), again.toString());
  }

  @Test
  void deleteOfATreeThousandsOfLevelsDeep_isPlannedAndDone_theDryRunAgreeing()
      throws IOException {
    Path src = tmp.resolve("src");
    Path dst = tmp.resolve("dst");
    Files.createDirectories(src);
    Files.writeString(src.resolve("kept"), "kept");
    Files.createDirectories(dst);
    chain(dst, DEPTH, "leaf", "gone");

    PcopyResult dry = Pcopy.args("-n", "--delete", src.toString(), dst.toString()).run();
    PcopyResult real = Pcopy.args("-v", "--delete", src.toString(), dst.toString()).run();

    assertEquals(0, dry.exitCode(), dry.toString());
    assertTrue(dry.stdoutLines().contains("delete d/"), dry.toString());
    assertTrue(dry.summaryLine().orElse("").contains("would delete " + (DEPTH + 1) + ";"),
        dry.toString());
    assertFalse(dry.stderr().contains("Exception"), dry.toString());
    assertEquals(0, real.exitCode(), real.toString());
    assertTrue(real.stdoutLines().contains("delete d/"), real.toString());
    assertTrue(real.summaryLine().orElse("").contains("deleted " + (DEPTH + 1) + ";"),
        real.toString());
    assertFalse(Files.exists(dst.resolve("d")), real.toString());
    assertEquals("kept", Files.readString(dst.resolve("kept")));
  }

  /**
   * A SIGINT once the copy itself is done, while the directories get their modes and times
   * (seconds, for a tree deeper still): the run ends as stopped (exit 130), the rest left to the
   * re-run, which completes it. Before, a signal then was ignored and the run ended "complete",
   * exit 0.
   */
  @Test
  void aSignalWhileDirectoriesAreFinished_stopsTheRun_andARerunCompletesIt() throws Exception {
    int depth = 12_000;
    Path src = tmp.resolve("src");
    Files.createDirectories(src);
    chain(src, depth, "leaf", "at the bottom");
    Path dst = tmp.resolve("dst");

    PcopyResult stopped;
    try (RunningPcopy run = Pcopy.args("--progress", "none", src.toString(), dst.toString())
        .timeout(Duration.ofMinutes(5)).start()) {
      // Directories are made 0700 and get their source's 0755 deepest first, at the end.
      run.awaitUntil("the deepest directory finished", Duration.ofMinutes(4),
          () -> modeAt(dst, depth) == 0755);
      run.signal("INT");
      stopped = run.awaitExit(Duration.ofMinutes(2));
    }
    PcopyResult again = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(130, stopped.exitCode(), stopped.toString());
    assertEquals(0, again.exitCode(), again.toString());
    assertEquals(0755, modeAt(dst, 0), again.toString());
    assertEquals("at the bottom", leaf(dst, depth, "leaf"));
  }

  /** The mode of the directory {@code depth} levels below {@code top}, or -1 if not there. */
  private static int modeAt(Path top, int depth) {
    try (DirHandle dir = down(top, depth)) {
      return dir.stat().mode() & 07777;
    } catch (IOException e) {
      return -1;
    }
  }

  /** A handle on {@code d/d/.../d}, {@code depth} levels below {@code top}, reached by handles. */
  private static DirHandle down(Path top, int depth) throws IOException {
    DirHandle dir = DirHandle.open(b(top.toString()));
    try {
      for (int i = 0; i < depth; i++) {
        DirHandle next = dir.openDirectory(b("d"));
        dir.close();
        dir = next;
      }
      return dir;
    } catch (IOException | RuntimeException e) {
      dir.close();
      throw e;
    }
  }

  /** Makes {@code d/d/.../d/file} {@code depth} levels below {@code top}, by handles. */
  private static void chain(Path top, int depth, String file, String content)
      throws IOException {
    DirHandle dir = DirHandle.open(b(top.toString()));
    try {
      for (int i = 0; i < depth; i++) {
        dir.mkdir(b("d"), 0755);
        DirHandle next = dir.openDirectory(b("d"));
        dir.close();
        dir = next;
      }
      try (FileHandle out = dir.create(b(file), 0644)) {
        out.writeAll(content.getBytes(StandardCharsets.UTF_8), 0);
      }
    } finally {
      dir.close();
    }
  }

  /** Reads {@code d/d/.../d/file}, {@code depth} levels below {@code top}, by handles. */
  private static String leaf(Path top, int depth, String file) throws IOException {
    try (DirHandle dir = down(top, depth); FileHandle in = dir.openRead(b(file), false)) {
      ByteBuffer buffer = ByteBuffer.allocateDirect(64);
      byte[] bytes = new byte[in.read(buffer, 0, 64, 0)];
      buffer.get(0, bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }
}
