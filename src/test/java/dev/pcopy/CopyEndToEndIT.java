package dev.pcopy;

import static dev.pcopy.testing.TreeAssert.assertNoTempFiles;
import static dev.pcopy.testing.TreeAssert.assertSameTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.Shell;
import dev.pcopy.testing.TestTrees;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Copies real trees with the packaged launcher and its worker JVMs, and checks that the copy is
 * exact: bytes, kinds, modes, nanosecond times, link texts.
 */
class CopyEndToEndIT {
  @TempDir
  Path tmp;

  @Test
  void copy_richTree_producesIdenticalTree() {
    Path src = TestTrees.richTree(tmp.resolve("src"));
    Path dst = tmp.resolve("out/missing/parents/dst");

    PcopyResult result = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertSameTree(src, dst);
    assertNoTempFiles(dst);
    assertTrue(result.summaryLine().isPresent(), result.toString());
    assertEquals(0, result.summaryCount("failed"), result.toString());
  }

  @Test
  void copy_symlinks_areCopiedAsLinksAndNeverFollowed() throws IOException {
    Path src = TestTrees.richTree(tmp.resolve("src"));
    Path dst = tmp.resolve("dst");

    PcopyResult result = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    for (String name : new String[] {"relative", "absolute", "dangling", "to-dir", "loop",
        "outside"}) {
      Path link = dst.resolve("links").resolve(name);
      assertTrue(Files.isSymbolicLink(link), link + " is not a symbolic link");
      assertEquals(Files.readSymbolicLink(src.resolve("links").resolve(name)),
          Files.readSymbolicLink(link), link.toString());
    }
    // An absolute link keeps its text, so it still points into the source, as with cp -a.
    assertEquals(src.resolve("docs/readme.txt"),
        Files.readSymbolicLink(dst.resolve("links/absolute")));
  }

  @ParameterizedTest(name = "--workers {0}")
  @ValueSource(ints = {1, 3})
  void copy_hundredsOfFiles_withAnyNumberOfWorkers(int workers) {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 6, 50, 2 << 20);
    Path dst = tmp.resolve("dst");

    PcopyResult result = Pcopy.args("--workers", Integer.toString(workers), src.toString(),
        dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertSameTree(src, dst);
    assertEquals(306, result.summaryCount("file"), result.toString());
  }

  /**
   * FIFOs and sockets are made again, devices too when running as root (as {@code cp -a} does),
   * with their mode and times; none is ever opened, so a FIFO without a writer blocks nothing.
   */
  @Test
  void copy_fifoSocketAndDevice_areMadeAgainAndNeverOpened() throws IOException {
    Path src = TestTrees.at(tmp.resolve("src"), 1).file("before", 10, 0644)
        .file("sub/after", 10, 0644).finish();
    Shell.run(src, "mkfifo pipe sub/pipe2 && chmod 0640 sub/pipe2");
    if (Shell.isRoot()) {
      // Only nodes are made: nothing opens them, so no device is touched.
      Shell.run(src, "mknod sub/null-device c 1 3 && mknod sub/loop-device b 7 0");
    }
    Path socket = src.resolve("sub/socket");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      TestTrees.at(src, 2).finish();
      Path dst = tmp.resolve("dst");

      // Opening a FIFO for reading blocks until a writer comes: a hang here fails on the timeout.
      PcopyResult result = Pcopy.args(src.toString(), dst.toString())
          .timeout(Duration.ofSeconds(30)).run();

      assertEquals(0, result.exitCode(), result.toString());
      assertSameTree(src, dst);
      assertFalse(result.stderr().contains("warning"), result.toString());
      assertEquals(Shell.isRoot() ? 5 : 3, result.summaryCount("special"),
          result.toString());
    }
  }

  /** Only root can make a device: anyone else is told which one was not copied, and exit 1. */
  @Test
  void copy_deviceAsNonRoot_isNamedAsNotCopied_andTheRestIsCopied() throws IOException {
    assumeTrue(Shell.isRoot(), "making a device needs root");
    Path src = TestTrees.at(tmp.resolve("src"), 1).file("f", 10, 0644).finish();
    Shell.run(src, "mknod null-device c 1 3 && chmod 0666 null-device");
    Path dst = Files.createDirectory(tmp.resolve("dst"));
    Pcopy.handOverToUnprivilegedUser(tmp, dst);

    PcopyResult result = Pcopy.args(src.toString(), dst.toString()).unprivileged().run();

    assertEquals(1, result.exitCode(), result.toString());
    assertTrue(result.stderrLines().contains("pcopy: error: " + src.resolve("null-device")
        + ": cannot keep a character device: only root can create one"), result.toString());
    assertTrue(Files.isRegularFile(dst.resolve("f")), result.toString());
  }

  @Test
  void copy_dereference_copiesWhatLinksPointTo() throws IOException {
    Path outside = TestTrees.at(tmp.resolve("outside"), 3).file("target-file", 500, 0640)
        .file("target-dir/inner", 300, 0600).finish();
    Path src = TestTrees.at(tmp.resolve("src"), 4).file("plain", 100, 0644)
        .link("relative-to-file", "plain")
        .link("absolute-to-file", outside.resolve("target-file").toString())
        .link("to-dir", outside.resolve("target-dir").toString())
        .finish();
    Path dst = tmp.resolve("dst");

    PcopyResult result = Pcopy.args("-L", src.toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    for (String name : new String[] {"relative-to-file", "absolute-to-file", "to-dir"}) {
      assertFalse(Files.isSymbolicLink(dst.resolve(name)), name + " was copied as a link");
    }
    assertEquals(-1, Files.mismatch(src.resolve("plain"), dst.resolve("relative-to-file")));
    assertEquals(-1, Files.mismatch(outside.resolve("target-file"),
        dst.resolve("absolute-to-file")));
    assertEquals(Files.getLastModifiedTime(outside.resolve("target-file")),
        Files.getLastModifiedTime(dst.resolve("absolute-to-file"), LinkOption.NOFOLLOW_LINKS));
    assertSameTree(outside.resolve("target-dir"), dst.resolve("to-dir"));
  }
}
