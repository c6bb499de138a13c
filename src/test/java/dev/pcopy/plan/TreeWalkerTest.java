package dev.pcopy.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.RecordingWalkVisitor;
import dev.pcopy.testing.Shell;
import dev.pcopy.testing.TestFileSystems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeWalkerTest {
  private FileSystem fs;
  private Path src;
  private Path dst;

  @BeforeEach
  void setUp() throws IOException {
    fs = TestFileSystems.unix();
    src = Files.createDirectories(fs.getPath("/data/src"));
    dst = fs.getPath("/backup/dst");
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
  }

  @Test
  void walk_reportsDirectoriesBeforeTheirContents_depthFirst() throws IOException {
    file("a/x");
    file("b");
    file("c/y");
    file("c/d/z");

    RecordingWalkVisitor visitor = walk(false);

    assertEquals(List.of(
        "dir .",
        "dir a", "file b", "dir c", "listed .",
        "file a/x", "listed a",
        "dir c/d", "file c/y", "listed c",
        "file c/d/z", "listed c/d"), visitor.events());
  }

  @Test
  void walk_listsEachDirectoryInSortedOrder() throws IOException {
    for (String name : List.of("delta", "Alpha", "charlie", "bravo", "alpha")) {
      file(name);
    }

    RecordingWalkVisitor visitor = walk(false);

    assertEquals(List.of("dir .", "file Alpha", "file alpha", "file bravo", "file charlie",
        "file delta", "listed ."), visitor.events());
  }

  @Test
  void walk_emptyDirectoryIsReportedAndListed() throws IOException {
    Files.createDirectories(src.resolve("empty"));

    RecordingWalkVisitor visitor = walk(false);

    assertEquals(List.of("dir .", "dir empty", "listed .", "listed empty"), visitor.events());
  }

  @Test
  void walk_mapsEachSourcePathToItsTargetPath() throws IOException {
    file("a/b/x");

    RecordingWalkVisitor visitor = walk(false);

    assertEquals(List.of(dst, dst.resolve("a"), dst.resolve("a/b")),
        visitor.directories().stream().map(DirectoryRecord::target).toList());
    FileOp op = visitor.entries().get(0);
    assertEquals(src.resolve("a/b/x"), op.source());
    assertEquals(dst.resolve("a/b/x"), op.target());
  }

  @Test
  void walk_reportsSizeModeAndNanosecondTimesOfFiles() throws IOException {
    Path x = file("x", new byte[1234]);
    Files.setPosixFilePermissions(x, PosixFilePermissions.fromString("rwxr-x---"));
    Instant mtime = Instant.ofEpochSecond(1_600_000_000L, 123_456_789);
    Files.setLastModifiedTime(x, FileTime.from(mtime));

    FileOp op = walk(false).entries().get(0);

    assertEquals(OpKind.FILE, op.kind());
    assertEquals(1234, op.size());
    assertEquals(0750, op.mode());
    assertEquals(mtime, op.mtime());
    assertNull(op.linkTarget());
  }

  @Test
  void walk_reportsDirectoryModeAndTimes() throws IOException {
    Path d = Files.createDirectories(src.resolve("d"));
    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
    Instant mtime = Instant.ofEpochSecond(1_500_000_000L, 5);
    Files.setLastModifiedTime(d, FileTime.from(mtime));

    DirectoryRecord record = walk(false).directories().get(1);

    assertEquals(d, record.source());
    assertEquals(0700, record.mode());
    assertEquals(mtime, record.mtime());
  }

  @Test
  void walk_givesEveryEntryAUniqueSequenceNumber() throws IOException {
    file("a/1");
    file("a/2");
    file("b/1");
    file("3");
    Files.createSymbolicLink(src.resolve("link"), fs.getPath("3"));

    List<FileOp> entries = walk(false).entries();

    Set<Long> seqs = new HashSet<>();
    for (FileOp op : entries) {
      assertTrue(seqs.add(op.seq()), "duplicate sequence number " + op.seq());
    }
    assertEquals(5, seqs.size());
  }

  @Test
  void walk_reportsSymlinkAsLinkWithItsTextAndDoesNotFollowIt() throws IOException {
    file("real/x");
    Files.createSymbolicLink(src.resolve("to-dir"), fs.getPath("real"));
    Files.createSymbolicLink(src.resolve("dangling"), fs.getPath("../nowhere/at all"));

    RecordingWalkVisitor visitor = walk(false);

    assertEquals(List.of(
        "dir .", "link dangling -> ../nowhere/at all", "dir real", "link to-dir -> real",
        "listed .", "file real/x", "listed real"), visitor.events());
    FileOp link = visitor.entries().get(0);
    assertEquals(OpKind.SYMLINK, link.kind());
    assertEquals(0, link.size());
    assertEquals(dst.resolve("dangling"), link.target());
  }

  @Test
  void walk_followLinks_copiesWhatLinksPointTo() throws IOException {
    file("real/x", new byte[7]);
    Files.createSymbolicLink(src.resolve("to-dir"), fs.getPath("real"));
    Files.createSymbolicLink(src.resolve("to-file"), fs.getPath("real/x"));

    RecordingWalkVisitor visitor = walk(true);

    // A link to a file is handed over as the file it resolves to (workers never follow links),
    // under the link's own name in the target.
    assertEquals(List.of(
        "dir .", "dir real", "dir to-dir", "file real/x", "listed .",
        "file real/x", "listed real",
        "file to-dir/x", "listed to-dir"), visitor.events());
    FileOp viaLink = visitor.entries().get(0);
    assertEquals(OpKind.FILE, viaLink.kind());
    assertEquals(7, viaLink.size());
    assertEquals(src.resolve("real/x").toRealPath(), viaLink.source());
    assertEquals(dst.resolve("to-file"), viaLink.target());
  }

  @Test
  void walk_followLinks_detectsALoopAndGoesOn() throws IOException {
    file("a/x");
    file("z");
    Files.createSymbolicLink(src.resolve("a/loop"), fs.getPath(".."));

    RecordingWalkVisitor visitor = walk(true);

    assertEquals(List.of(
        "dir .", "dir a", "file z", "listed .",
        "failed a/loop: symbolic link loop: directory contains itself", "file a/x", "listed a"),
        visitor.events());
  }

  @Test
  void walk_followLinks_linkToAnAncestorOfTheSourceStopsWhereItMeetsTheSource()
      throws IOException {
    Files.createDirectories(src.resolve("a"));
    // /data/src/a/up -> /data: walking /data reaches /data/src, the root itself.
    Files.createSymbolicLink(src.resolve("a/up"), fs.getPath("../.."));

    RecordingWalkVisitor visitor = walk(true);

    assertEquals(List.of(
        "dir .", "dir a", "listed .",
        "dir a/up", "listed a",
        "failed a/up/src: symbolic link loop: directory contains itself", "listed a/up"),
        visitor.events());
  }

  @Test
  void walk_followLinks_reportsDanglingLinkAsFailed() throws IOException {
    Files.createSymbolicLink(src.resolve("dangling"), fs.getPath("nowhere"));
    file("z");

    RecordingWalkVisitor visitor = walk(true);

    assertEquals(List.of("dir .", "failed dangling: No such file or directory", "file z",
        "listed ."), visitor.events());
  }

  @Test
  void walk_entryThatVanishesBeforeItIsReadIsReportedAndTheWalkGoesOn() throws IOException {
    file("a");
    file("b");
    file("c");
    RecordingWalkVisitor visitor = new RecordingWalkVisitor(src).onEntry(op -> {
      if (op.source().endsWith("a")) {
        delete(src.resolve("b"));
      }
    });

    walk(false, visitor, () -> false);

    assertEquals(List.of("dir .", "file a", "failed b: No such file or directory", "file c",
        "listed ."), visitor.events());
  }

  @Test
  void walk_directoryThatCannotBeListedIsReportedAndTheWalkGoesOn() throws IOException {
    file("a/x");
    file("b/y");
    RecordingWalkVisitor visitor = new RecordingWalkVisitor(src).enteringDirectoriesWhere(d -> {
      if (d.source().endsWith("a")) {
        // Replace the directory by a file between its report and its listing.
        delete(d.source().resolve("x"));
        delete(d.source());
        file("a");
      }
      return true;
    });

    walk(false, visitor, () -> false);

    assertEquals(List.of("dir .", "dir a", "dir b", "listed .",
        "failed a: Not a directory",
        "file b/y", "listed b"), visitor.events());
  }

  @Test
  void walk_doesNotEnterADirectoryTheVisitorRefuses() throws IOException {
    file("keep/x");
    file("skip/y");
    RecordingWalkVisitor visitor = new RecordingWalkVisitor(src)
        .enteringDirectoriesWhere(d -> !d.source().endsWith("skip"));

    walk(false, visitor, () -> false);

    assertEquals(List.of("dir .", "dir keep", "dir skip", "listed .", "file keep/x",
        "listed keep"), visitor.events());
  }

  @Test
  void walk_refusedRootIsNotListed() throws IOException {
    file("x");
    RecordingWalkVisitor visitor = new RecordingWalkVisitor(src).enteringDirectoriesWhere(d -> false);

    walk(false, visitor, () -> false);

    assertEquals(List.of("dir ."), visitor.events());
  }

  @Test
  void walk_stopsOnceCancelled() throws IOException {
    file("a/1");
    file("a/2");
    file("b/3");
    file("c");
    AtomicBoolean cancelled = new AtomicBoolean();
    RecordingWalkVisitor visitor = new RecordingWalkVisitor(src).onEntry(op -> cancelled.set(true));

    walk(false, visitor, cancelled::get);

    assertEquals(1, visitor.entries().size(), visitor.events().toString());
    assertEquals("file c", visitor.events().get(visitor.events().size() - 2));
    assertFalse(visitor.events().contains("listed a"));
  }

  @Test
  void walk_cancelledBeforeStartReportsOnlyTheRoot() throws IOException {
    file("a/1");

    RecordingWalkVisitor visitor = new RecordingWalkVisitor(src);
    walk(false, visitor, () -> true);

    assertEquals(List.of("dir ."), visitor.events());
  }

  /** Jimfs has no special files, so this one walks a real directory. */
  @Test
  void walk_reportsRealFifoAndSocketByKindAndGoesOn(@TempDir Path real) throws IOException {
    Files.writeString(real.resolve("file"), "x");
    Shell.run(real, "mkfifo pipe");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(real.resolve("socket")));
      RecordingWalkVisitor visitor = new RecordingWalkVisitor(real);

      new TreeWalker(false, () -> false, visitor)
          .walk(real, real.resolveSibling("unused"), EntryAttributes.read(real, true));

      assertEquals(List.of("dir .", "file file", "special pipe: a FIFO",
          "special socket: a socket", "listed ."), visitor.events());
    }
  }

  private RecordingWalkVisitor walk(boolean followLinks) throws IOException {
    RecordingWalkVisitor visitor = new RecordingWalkVisitor(src);
    walk(followLinks, visitor, () -> false);
    return visitor;
  }

  private void walk(boolean followLinks, RecordingWalkVisitor visitor,
      java.util.function.BooleanSupplier cancelled) throws IOException {
    new TreeWalker(followLinks, cancelled, visitor)
        .walk(src, dst, EntryAttributes.read(src, true));
  }

  private Path file(String relative) {
    return file(relative, new byte[] {1, 2, 3});
  }

  private Path file(String relative, byte[] content) {
    try {
      Path path = src.resolve(relative);
      Files.createDirectories(path.getParent());
      return Files.write(path, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
