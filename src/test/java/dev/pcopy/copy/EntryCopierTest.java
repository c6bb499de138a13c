package dev.pcopy.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pcopy.plan.EntryAttributes;
import dev.pcopy.plan.FileOp;
import dev.pcopy.plan.OpKind;
import dev.pcopy.protocol.Message.OpResult;
import dev.pcopy.protocol.Message.Status;
import dev.pcopy.testing.TestFileSystems;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * EntryCopier on Jimfs. Jimfs cannot set {@code unix:mode}, so a regular file can be skipped
 * here but not written to the end, and its ATOMIC_MOVE does not replace an existing target
 * (Linux's rename does); writing and replacing files is covered with the real worker loop in
 * CoordinatorTest.
 */
class EntryCopierTest {
  private static final Instant MTIME = Instant.ofEpochSecond(1_600_000_000L, 42);
  /** Jimfs cannot change owners, so these tests copy as an ordinary user. */
  private static final ProcessIdentity NOT_ROOT = new ProcessIdentity(1000, 1000, -1);

  private FileSystem fs;
  private Path src;
  private Path dst;
  private final List<Long> progress = new ArrayList<>();
  private final EntryCopier copier = new EntryCopier("run", false, new FileCopier(4, -1), NOT_ROOT);

  @BeforeEach
  void setUp() throws IOException {
    fs = TestFileSystems.unix();
    src = Files.createDirectories(fs.getPath("/src"));
    dst = Files.createDirectories(fs.getPath("/dst"));
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
  }

  @Test
  void skipsUnchangedFilesOnRerun() throws IOException {
    FileOp op = fileOp(write(src.resolve("f"), "new content"));
    // Same size and time, different bytes: the quick check cannot tell, and must not read.
    write(dst.resolve("f"), "old content");

    OpResult result = copier.copy(op, progress::add, () -> false);

    assertEquals(OpResult.skipped(), result);
    assertEquals("old content", Files.readString(dst.resolve("f")));
    assertEquals(List.of(), progress);
  }

  @Test
  void copy_fileWithOtherSizeIsNotSkipped() throws IOException {
    FileOp op = fileOp(write(src.resolve("f"), "new content"));
    write(dst.resolve("f"), "old");

    OpResult result = copier.copy(op, progress::add, () -> false);

    // On Jimfs the write then fails (unix:mode cannot be set); what matters is the attempt.
    assertNotEquals(Status.SKIPPED, result.status());
    assertEquals(List.of(4L, 4L, 3L), progress, "progress comes in slices of 4 bytes");
    assertNoTemporaryFiles();
  }

  @Test
  void copy_force_doesNotSkipAnUnchangedFile() throws IOException {
    FileOp op = fileOp(write(src.resolve("f"), "same"));
    write(dst.resolve("f"), "same");
    EntryCopier forced = new EntryCopier("run", true, new FileCopier(1 << 20, -1), NOT_ROOT);

    OpResult result = forced.copy(op, progress::add, () -> false);

    assertNotEquals(Status.SKIPPED, result.status());
    assertEquals(List.of(4L), progress);
    assertNoTemporaryFiles();
  }

  @Test
  void copy_missingSourceFailsWithItsReasonAndLeavesNoTemporaryFile() throws IOException {
    FileOp op = new FileOp(1, OpKind.FILE, src.resolve("gone"), dst.resolve("gone"), 3, 0644,
        MTIME, MTIME, null);

    OpResult result = copier.copy(op, progress::add, () -> false);

    assertEquals(OpResult.failed("No such file or directory"), result);
    assertFalse(Files.exists(dst.resolve("gone")));
    assertNoTemporaryFiles();
  }

  @Test
  void copy_destinationWithNoRoomLeftRefusesWritesAndLeavesNoTemporaryFile() throws IOException {
    FileOp op = fileOp(write(src.resolve("big"), "0123456789"));
    FileCopier.Transfer fullDisk = (in, position, count, out) -> {
      throw new IOException("No space left on device");
    };
    EntryCopier full = new EntryCopier("run", false, new FileCopier(4, -1, fullDisk), NOT_ROOT);

    OpResult result = full.copy(op, progress::add, () -> false);

    assertEquals(OpResult.targetRefusesWrites("No space left on device"), result);
    assertFalse(Files.exists(dst.resolve("big")));
    assertNoTemporaryFiles();
  }

  @Test
  void copy_cancelledThrowsAndRemovesTheTemporaryFile() throws IOException {
    FileOp op = fileOp(write(src.resolve("big"), "0123456789"));

    assertThrows(FileCopier.CancelledException.class,
        () -> copier.copy(op, progress::add, () -> true));

    assertFalse(Files.exists(dst.resolve("big")));
    assertNoTemporaryFiles();
  }

  @Test
  void copy_linkIsCreatedWithTheSameTextAndTimes() throws IOException {
    FileOp op = linkOp("l", "../somewhere/else");

    OpResult result = copier.copy(op, progress::add, () -> false);

    assertEquals(OpResult.copied(0), result);
    assertEquals(fs.getPath("../somewhere/else"), Files.readSymbolicLink(dst.resolve("l")));
    assertEquals(FileTime.from(MTIME),
        Files.getLastModifiedTime(dst.resolve("l"), LinkOption.NOFOLLOW_LINKS));
    assertNoTemporaryFiles();
  }

  @Test
  void copy_linkWithTheSameTextIsSkipped() throws IOException {
    Files.createSymbolicLink(dst.resolve("l"), fs.getPath("t"));

    assertEquals(OpResult.skipped(), copier.copy(linkOp("l", "t"), progress::add, () -> false));
  }

  @Test
  void tempFor_isBesideTheTargetAndNamedByRunAndSequence() {
    FileOp op = linkOp("l", "t");

    assertEquals(TempNames.of(dst.resolve("l"), "run", op.seq()), copier.tempFor(op));
  }

  private FileOp fileOp(Path source) throws IOException {
    EntryAttributes a = EntryAttributes.read(source, false);
    return new FileOp(7, OpKind.FILE, source, dst.resolve(source.getFileName().toString()),
        a.size(), a.mode(), a.mtime(), a.atime(), null);
  }

  private FileOp linkOp(String name, String text) {
    return new FileOp(9, OpKind.SYMLINK, src.resolve(name), dst.resolve(name), 0, 0777, MTIME,
        MTIME, fs.getPath(text));
  }

  private Path write(Path path, String content) throws IOException {
    Files.writeString(path, content);
    Files.setLastModifiedTime(path, FileTime.from(MTIME));
    return path;
  }

  private void assertNoTemporaryFiles() throws IOException {
    try (Stream<Path> children = Files.list(dst)) {
      assertEquals(List.of(), children
          .filter(p -> p.getFileName().toString().startsWith(TempNames.PREFIX)).toList());
    }
  }
}
