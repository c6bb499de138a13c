package dev.pcopy.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.pcopy.copy.TargetCheck.Verdict;
import dev.pcopy.plan.EntryAttributes;
import dev.pcopy.plan.EntryAttributes.EntryType;
import dev.pcopy.plan.FileOp;
import dev.pcopy.plan.OpKind;
import dev.pcopy.plan.Owner;
import dev.pcopy.testing.TestFileSystems;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TargetCheckTest {
  private static final Instant MTIME = Instant.ofEpochSecond(1_600_000_000L, 123_456_789);
  private static final Owner ALICE = new Owner(1000, 1000);
  private static final Owner BOB = new Owner(1001, 1001);

  private FileSystem fs;
  private final TargetCheck asUser = new TargetCheck(false);
  private final TargetCheck asRoot = new TargetCheck(true);

  @BeforeEach
  void setUp() throws IOException {
    fs = TestFileSystems.unix();
    Files.createDirectories(fs.getPath("/dst"));
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
  }

  @Test
  void read_missingTargetIsNull() throws IOException {
    assertNull(TargetCheck.read(file(10, 0644, ALICE)));
  }

  @Test
  void compare_missingTargetIsStale() throws IOException {
    assertEquals(Verdict.STALE, asUser.compare(file(10, 0644, ALICE), null));
  }

  @Test
  void compare_sameSizeTimeAndModeIsCurrent() throws IOException {
    assertEquals(Verdict.CURRENT, asUser.compare(file(10, 0644, ALICE), target(10, 0644, ALICE)));
  }

  @Test
  void compare_otherSizeOrTimeIsStale() throws IOException {
    FileOp op = file(10, 0644, ALICE);
    assertEquals(Verdict.STALE, asUser.compare(op, target(11, 0644, ALICE)));
    EntryAttributes later = new EntryAttributes(EntryType.FILE, 10, 0644,
        MTIME.plusSeconds(1), MTIME, null, ALICE, null);
    assertEquals(Verdict.STALE, asUser.compare(op, later));
  }

  @Test
  void compare_directoryWhereAFileBelongsIsStale() throws IOException {
    EntryAttributes dir = new EntryAttributes(EntryType.DIRECTORY, 10, 0644, MTIME, MTIME, null,
        ALICE, null);
    assertEquals(Verdict.STALE, asUser.compare(file(10, 0644, ALICE), dir));
  }

  @Test
  void compare_otherModeIsSameContentOnly() throws IOException {
    assertEquals(Verdict.SAME_CONTENT,
        asUser.compare(file(10, 0755, ALICE), target(10, 0644, ALICE)));
  }

  @Test
  void compare_otherOwnerMattersOnlyWhenOwnersAreKept() throws IOException {
    FileOp op = file(10, 0644, ALICE);
    assertEquals(Verdict.CURRENT, asUser.compare(op, target(10, 0644, BOB)));
    assertEquals(Verdict.SAME_CONTENT, asRoot.compare(op, target(10, 0644, BOB)));
    assertEquals(Verdict.CURRENT, asRoot.compare(file(10, 0644, Owner.UNKNOWN),
        target(10, 0644, BOB)));
  }

  @Test
  void compare_linkWithTheSameTextIsCurrentAndWithOtherTextStale() throws IOException {
    Path target = Files.createSymbolicLink(fs.getPath("/dst/l"), fs.getPath("../a"));
    EntryAttributes existing = EntryAttributes.read(target, false);

    assertEquals(Verdict.CURRENT, asUser.compare(link("../a"), existing));
    assertEquals(Verdict.STALE, asUser.compare(link("../b"), existing));
  }

  private FileOp file(long size, int mode, Owner owner) {
    return new FileOp(1, OpKind.FILE, fs.getPath("/src/f"), fs.getPath("/dst/f"), size, mode,
        MTIME, MTIME, null, false, owner);
  }

  private FileOp link(String text) {
    return new FileOp(2, OpKind.SYMLINK, fs.getPath("/src/l"), fs.getPath("/dst/l"), 0, 0777,
        MTIME, MTIME, fs.getPath(text), false, ALICE);
  }

  private static EntryAttributes target(long size, int mode, Owner owner) {
    return new EntryAttributes(EntryType.FILE, size, mode, MTIME, MTIME, null, owner, null);
  }
}
