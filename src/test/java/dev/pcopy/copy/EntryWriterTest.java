package dev.pcopy.copy;

import static dev.pcopy.testing.Raw.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pcopy.copy.FileCopier.CancelledException;
import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Errno;
import dev.pcopy.fs.Identity;
import dev.pcopy.fs.Stat;
import dev.pcopy.fs.SysException;
import dev.pcopy.fs.Timestamp;
import dev.pcopy.fs.Xattr;
import dev.pcopy.plan.Action.FixMetadata;
import dev.pcopy.plan.Action.HardLink;
import dev.pcopy.plan.Action.WorkerAction;
import dev.pcopy.plan.Action.WriteFile;
import dev.pcopy.plan.Action.WriteLink;
import dev.pcopy.plan.Action.WriteSpecial;
import dev.pcopy.plan.Meta;
import dev.pcopy.plan.Outcome;
import dev.pcopy.plan.RunId;
import dev.pcopy.plan.TempNames;
import dev.pcopy.testing.Raw;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EntryWriter} on real temporary directories: every kind of action writes its entry under
 * a temporary name and renames it into place, with its mode (set-id bits included), times to
 * the nanosecond (before 1970 included) and, as root, its owner; a fix in place checks that the
 * entry is still the one listed; a source that changed kind is refused without blocking; a
 * directory swapped for a link after it was opened leads nowhere outside; and every failure
 * names the right side and leaves no temporary file.
 */
@Timeout(20)
class EntryWriterTest {
  private static final Timestamp MTIME = new Timestamp(1_600_000_000L, 123_456_789);
  private static final Timestamp ATIME = new Timestamp(1_500_000_000L, 987_654_321);
  private static final Timestamp BEFORE_1970 = new Timestamp(-100, 5);
  private static final BooleanSupplier NEVER = () -> false;
  private static final LongConsumer IGNORE = n -> { };
  private static final Identity ME = Identity.current();
  private static final byte[] CAPABILITY = b(Xattr.CAPABILITY);
  /** {@code cap_net_raw=ep} as setcap writes it (version 2, the effective flag set). */
  private static final byte[] NET_RAW = Base64.getDecoder().decode(
      "AQAAAgAgAAAAAAAAAAAAAAAAAAA=");

  @TempDir
  Path tmp;
  private Path src;
  private Path dst;
  private DirHandle srcRoot;
  private DirHandle dstRoot;
  private HandleCache sources;
  private HandleCache targets;
  private final String runId = RunId.forThisProcess().text();
  private long seq;

  @BeforeEach
  void open() throws IOException {
    src = Files.createDirectory(tmp.resolve("src"));
    dst = Files.createDirectory(tmp.resolve("dst"));
    srcRoot = DirHandle.open(b(src.toString()));
    dstRoot = DirHandle.open(b(dst.toString()));
    sources = new HandleCache(srcRoot, false, 8);
    targets = new HandleCache(dstRoot, false, 8);
  }

  @AfterEach
  void close() {
    sources.close();
    targets.close();
    srcRoot.close();
    dstRoot.close();
  }

  private EntryWriter writer() {
    return writer(new FileCopier(1 << 20));
  }

  private EntryWriter writer(FileCopier copier) {
    return new EntryWriter(sources, targets, runId, copier,
        new EntryWriter.Settings(false, false, true, true, false, ME.isRoot(), ME.umask()),
        EntryWriter.AfterCopy.NONE);
  }

  private static Meta meta(int mode) {
    return new Meta(mode, -1, -1, ATIME, MTIME);
  }

  private WriteFile file(String dir, String name, long size, Meta meta) {
    return new WriteFile(b(dir), b(name), b(name), seq++, size, meta, false);
  }

  private WriteFile source(String name, byte[] bytes, Meta meta) throws IOException {
    Files.write(src.resolve(name), bytes);
    return file("", name, bytes.length, meta);
  }

  private Outcome run(WorkerAction action) throws CancelledException {
    return writer().run(action, IGNORE, NEVER);
  }

  // --- every kind of entry, under a temporary name ---

  @Test
  void run_writeFile_copiesUnderItsTemporaryName_thenRenamesItIntoPlace() throws IOException {
    WriteFile a = source("f", new byte[300_000], meta(0644));
    List<List<String>> seenWhileCopying = new ArrayList<>();

    Outcome o = writer(new FileCopier(64 << 10)).run(a,
        n -> seenWhileCopying.add(names(dst)), NEVER);

    assertEquals(Outcome.done(300_000), o);
    assertTrue(seenWhileCopying.size() > 1);
    assertEquals(List.of(Raw.s(TempNames.of(runId, a.seq()))), seenWhileCopying.get(0),
        "while the bytes are copied, only the temporary name exists");
    assertEquals(List.of("f"), names(dst));
    assertArrayEquals(new byte[300_000], Files.readAllBytes(dst.resolve("f")));
  }

  @Test
  void run_writeFile_replacesAnOldCopyAtItsName() throws IOException {
    WriteFile a = source("f", b("new"), meta(0644));
    Files.writeString(dst.resolve("f"), "old and longer");

    assertEquals(Outcome.Status.DONE, run(a).status());
    assertEquals("new", Files.readString(dst.resolve("f")));
    assertEquals(List.of("f"), names(dst));
  }

  @Test
  void run_writeFile_givesEveryModeExactly_whateverTheUmask() throws IOException {
    Files.writeString(src.resolve("f"), "x");
    int[] modes = {0644, 0600, 0755, 0400, 0777, 0000, 04755, 02755, 01777, 06711};

    for (int mode : modes) {
      WriteFile a = new WriteFile(b(""), b("f" + mode), b("f"), seq++, 1, meta(mode), false);
      assertEquals(Outcome.Status.DONE, run(a).status(), Integer.toOctalString(mode));
      assertEquals(Integer.toOctalString(mode),
          Integer.toOctalString(dstRoot.stat(b("f" + mode)).mode()));
    }
  }

  @Test
  void run_writeFile_setsBothTimesToTheNanosecond_beforeAndAfter1970() throws IOException {
    WriteFile recent = source("r", b("x"), meta(0644));
    WriteFile old = source("o", b("x"), new Meta(0644, -1, -1, BEFORE_1970, BEFORE_1970));

    run(recent);
    run(old);

    Stat r = dstRoot.stat(b("r"));
    Stat o = dstRoot.stat(b("o"));
    assertEquals(MTIME, r.mtime());
    assertEquals(ATIME, r.atime());
    assertEquals(BEFORE_1970, o.mtime());
    assertEquals(BEFORE_1970, o.atime());
  }

  @Test
  void run_writeFile_asRoot_givesTheOwnerAndGroup_andKeepsSetIdBitsAfterTheChown()
      throws IOException {
    assumeTrue(ME.isRoot(), "only root can give files away");
    WriteFile a = source("f", b("x"), new Meta(06755, 1234, 5678, ATIME, MTIME));

    assertEquals(Outcome.done(1), run(a));

    Stat s = dstRoot.stat(b("f"));
    assertEquals(1234, s.uid());
    assertEquals(5678, s.gid());
    assertEquals(06755, s.mode());
  }

  @Test
  void run_writeFile_copiesUserExtendedAttributes() throws IOException {
    WriteFile a = source("f", b("x"), meta(0644));
    try {
      srcRoot.setXattr(b("f"), b("user.pcopy.test"), b("value \u00e9"));
    } catch (SysException e) {
      assumeTrue(false, "no user extended attributes here: " + e.getMessage());
    }

    assertEquals(Outcome.done(1), run(a));

    List<Xattr> copied = dstRoot.xattrs(b("f"));
    assertTrue(copied.stream().anyMatch(x -> x.nameText().equals("user.pcopy.test")
        && Raw.s(x.value()).equals("value \u00e9")), copied.toString());
  }

  @Test
  void run_writeLink_makesTheLinkWithItsTextByteForByte_andItsTimes() throws IOException {
    byte[] text = {'.', '.', '/', (byte) 0xff, 'x'};
    srcRoot.symlink(text, b("l"));
    WriteLink l = new WriteLink(b(""), b("l"), seq++, text, meta(0777), false);

    assertEquals(Outcome.done(0), run(l));

    assertArrayEquals(text, dstRoot.readlink(b("l")));
    Stat s = dstRoot.stat(b("l"));
    assertTrue(s.isSymlink());
    assertEquals(MTIME, s.mtime());
    assertEquals(List.of("l"), names(dst));
  }

  @Test
  void run_writeLink_replacesAnOldLink() throws IOException {
    Files.createSymbolicLink(dst.resolve("l"), Path.of("old"));
    Files.createSymbolicLink(src.resolve("l"), Path.of("new"));

    run(new WriteLink(b(""), b("l"), seq++, b("new"), meta(0777), false));

    assertEquals(Path.of("new"), Files.readSymbolicLink(dst.resolve("l")));
  }

  @Test
  void run_writeLink_asRoot_givesTheLinkItselfItsOwner() throws IOException {
    assumeTrue(ME.isRoot(), "only root can give links away");
    Files.createSymbolicLink(src.resolve("l"), Path.of("/nowhere"));

    run(new WriteLink(b(""), b("l"), seq++, b("/nowhere"),
        new Meta(0777, 4321, 8765, ATIME, MTIME), false));

    Stat s = dstRoot.stat(b("l"));
    assertEquals(4321, s.uid());
    assertEquals(8765, s.gid());
  }

  @Test
  void run_writeSpecial_makesFifosAndSocketsWithTheirModeAndTimes() throws IOException {
    srcRoot.mknod(b("p"), Stat.Kind.FIFO, 0620, 0);
    srcRoot.mknod(b("s"), Stat.Kind.SOCKET, 0755, 0);
    WriteSpecial fifo = new WriteSpecial(b(""), b("p"), seq++, Stat.Kind.FIFO, 0, meta(0620),
        false);
    WriteSpecial sock = new WriteSpecial(b(""), b("s"), seq++, Stat.Kind.SOCKET, 0, meta(0755),
        false);

    assertEquals(Outcome.done(0), run(fifo));
    assertEquals(Outcome.done(0), run(sock));

    Stat p = dstRoot.stat(b("p"));
    assertEquals(Stat.Kind.FIFO, p.kind());
    assertEquals(0620, p.mode());
    assertEquals(MTIME, p.mtime());
    assertEquals(Stat.Kind.SOCKET, dstRoot.stat(b("s")).kind());
    assertEquals(List.of("p", "s"), names(dst));
  }

  @Test
  void run_writeSpecial_asRoot_makesADeviceWithItsNumbers() throws IOException {
    assumeTrue(ME.isRoot(), "only root can make devices");
    long devNull = (1 << 8) | 3;
    srcRoot.mknod(b("null"), Stat.Kind.CHAR_DEVICE, 0666, devNull);

    assertEquals(Outcome.done(0), run(new WriteSpecial(b(""), b("null"), seq++,
        Stat.Kind.CHAR_DEVICE, devNull, meta(0666), false)));

    Stat s = dstRoot.stat(b("null"));
    assertEquals(Stat.Kind.CHAR_DEVICE, s.kind());
    assertEquals(devNull, s.rdev());
  }

  @Test
  void run_hardLink_makesAnotherNameOfTheAnchor_andAgainChangesNothing() throws IOException {
    Files.createDirectory(dst.resolve("sub"));
    Files.writeString(dst.resolve("first"), "shared");
    HardLink h = new HardLink(b("sub"), b("second"), seq++, Stat.Kind.FILE, b(""), b("first"));

    assertEquals(Outcome.done(0), run(h));
    assertEquals(Outcome.done(0), run(new HardLink(b("sub"), b("second"), seq++, Stat.Kind.FILE,
        b(""), b("first"))));

    Stat first = dstRoot.stat(b("first"));
    assertTrue(first.sameFile(dstRoot.openDirectory(b("sub")).stat(b("second"))));
    assertEquals(2, first.nlink());
    assertEquals(List.of("second"), names(dst.resolve("sub")));
  }

  /**
   * A hard link to a symbolic link that points out of DST is another name of the link itself:
   * linkat(2) is called without AT_SYMLINK_FOLLOW, so nothing outside DST gets a name in it.
   */
  @Test
  void run_hardLinkToASymbolicLink_linksTheLinkItself_neverWhatItPointsTo() throws IOException {
    Path outside = Files.writeString(tmp.resolve("outside"), "not DST's");
    Files.createSymbolicLink(dst.resolve("sym"), outside);

    assertEquals(Outcome.done(0), run(new HardLink(b(""), b("sym2"), seq++,
        Stat.Kind.SYMLINK, b(""), b("sym"))));

    Stat sym = dstRoot.stat(b("sym"));
    assertTrue(sym.sameFile(dstRoot.stat(b("sym2"))), "the link's own inode");
    assertEquals(Stat.Kind.SYMLINK, dstRoot.stat(b("sym2")).kind());
    assertEquals(2, sym.nlink());
    assertEquals(1, Files.getAttribute(outside, "unix:nlink"), "what the link points to");
  }

  @Test
  void run_writeLink_whoseSourceVanished_failsBlamingTheSource() throws IOException {
    // A link's extended attributes are read from the source entry as it is written.
    Outcome o = run(new WriteLink(b(""), b("l"), seq++, b("t"), meta(0777), false));

    assertEquals(Outcome.failed("No such file or directory"), o);
    assertEquals(List.of(), names(dst));
  }

  // --- fixes in place ---

  @Test
  void run_fixMetadata_changesTheModeOfTheEntryListed() throws IOException {
    Files.writeString(dst.resolve("f"), "content");
    Stat before = dstRoot.stat(b("f"));

    Outcome o = run(new FixMetadata(b(""), b("f"), b("f"), seq++, Stat.Kind.FILE, 0600, -1, -1,
        null, null, before.ino(), before.dev(), 0, false));

    assertEquals(Outcome.done(0), o);
    assertEquals(0600, dstRoot.stat(b("f")).mode());
    assertEquals("content", Files.readString(dst.resolve("f")));
  }

  @Test
  void run_fixMetadata_asRoot_chownsThenSetsTheSetIdModeAgain() throws IOException {
    assumeTrue(ME.isRoot(), "only root can give files away");
    Files.writeString(src.resolve("f"), "content");
    Files.writeString(dst.resolve("f"), "content");
    Stat before = dstRoot.stat(b("f"));

    run(new FixMetadata(b(""), b("f"), b("f"), seq++, Stat.Kind.FILE, 04755, 1234, 5678, null,
        null, before.ino(), before.dev(), 0, false));

    Stat after = dstRoot.stat(b("f"));
    assertEquals(List.of(1234, 5678, 04755), List.of(after.uid(), after.gid(), after.mode()));
  }

  @Test
  void run_fixMetadata_asRoot_chownGivesTheFileItsSourcesCapabilitiesAgain()
      throws IOException {
    assumeTrue(ME.isRoot(), "only root can give files away and set capabilities");
    Files.writeString(src.resolve("orig"), "content");
    Files.writeString(dst.resolve("f"), "content");
    srcRoot.setXattr(b("orig"), CAPABILITY, NET_RAW);
    dstRoot.setXattr(b("f"), CAPABILITY, NET_RAW);
    Stat before = dstRoot.stat(b("f"));

    Outcome o = run(new FixMetadata(b(""), b("f"), b("orig"), seq++, Stat.Kind.FILE, -1, -1,
        20, MTIME, MTIME, before.ino(), before.dev(), 0, false));

    assertEquals(Outcome.done(0), o);
    Stat after = dstRoot.stat(b("f"));
    assertEquals(20, after.gid());
    assertArrayEquals(NET_RAW, dstRoot.xattr(b("f"), CAPABILITY));
    assertEquals(MTIME, after.mtime());
  }

  @Test
  void run_fixMetadata_asRoot_chownOfAFileWhoseSourceHasNoCapabilities_leavesItWithout()
      throws IOException {
    assumeTrue(ME.isRoot(), "only root can give files away and set capabilities");
    Files.writeString(src.resolve("f"), "content");
    Files.writeString(dst.resolve("f"), "content");
    dstRoot.setXattr(b("f"), CAPABILITY, NET_RAW);
    Stat before = dstRoot.stat(b("f"));

    run(new FixMetadata(b(""), b("f"), b("f"), seq++, Stat.Kind.FILE, -1, -1, 20, null, null,
        before.ino(), before.dev(), 0, false));

    assertNull(dstRoot.xattr(b("f"), CAPABILITY));
  }

  @Test
  void run_fixMetadata_setsTheTimesOfALinkItself_andOfAFifoAfterItsMode() throws IOException {
    dstRoot.symlink(b("nowhere"), b("l"));
    dstRoot.mknod(b("p"), Stat.Kind.FIFO, 0644, 0);
    Stat link = dstRoot.stat(b("l"));
    Stat fifo = dstRoot.stat(b("p"));

    Outcome l = run(new FixMetadata(b(""), b("l"), b("l"), seq++, Stat.Kind.SYMLINK, -1, -1, -1,
        ATIME, MTIME, link.ino(), link.dev(), 0, false));
    Outcome p = run(new FixMetadata(b(""), b("p"), b("p"), seq++, Stat.Kind.FIFO, 0600, -1, -1,
        ATIME, MTIME, fifo.ino(), fifo.dev(), 0, false));

    assertEquals(Outcome.done(0), l);
    assertEquals(Outcome.done(0), p);
    assertEquals(MTIME, dstRoot.stat(b("l")).mtime());
    assertEquals(MTIME, dstRoot.stat(b("p")).mtime());
    assertEquals(0600, dstRoot.stat(b("p")).mode());
  }

  @Test
  void run_fixMetadata_refusesAnEntryWhoseInodeChangedSinceItWasListed() throws IOException {
    Files.writeString(dst.resolve("f"), "content");
    Stat listed = dstRoot.stat(b("f"));
    Files.delete(dst.resolve("f"));
    Files.writeString(dst.resolve("other"), "keeps the old inode busy");
    Files.writeString(dst.resolve("f"), "someone else's");
    int modeNow = dstRoot.stat(b("f")).mode();
    assumeTrue(!dstRoot.stat(b("f")).sameFile(listed), "the file system reused the inode");

    Outcome o = run(new FixMetadata(b(""), b("f"), b("f"), seq++, Stat.Kind.FILE, 0600, -1, -1,
        null, null, listed.ino(), listed.dev(), 0, false));

    assertEquals(Outcome.failedWriting("changed since it was listed; left as it is"), o);
    assertEquals(modeNow, dstRoot.stat(b("f")).mode());
  }

  @Test
  void run_fixMetadata_refusesAnEntryWithAnotherHardLink_soNothingOutsideChanges()
      throws IOException {
    Files.writeString(dst.resolve("f"), "content");
    Files.createLink(tmp.resolve("elsewhere"), dst.resolve("f"));
    Stat listed = dstRoot.stat(b("f"));
    int modeNow = listed.mode();

    Outcome o = run(new FixMetadata(b(""), b("f"), b("f"), seq++, Stat.Kind.FILE, 0600, -1, -1,
        null, null, listed.ino(), listed.dev(), 0, false));

    assertEquals(Outcome.Status.FAILED_WRITING, o.status());
    assertEquals(modeNow, dstRoot.stat(b("f")).mode());
  }

  // --- sources that changed, targets that moved ---

  @Test
  void run_writeFile_sourceSwappedForAFifo_failsWithoutBlocking() throws IOException {
    WriteFile a = file("", "f", 10, meta(0644));
    srcRoot.mknod(b("f"), Stat.Kind.FIFO, 0644, 0);

    Outcome o = run(a);

    assertEquals(Outcome.failed("is a FIFO now, not a regular file"), o);
    assertEquals(List.of(), names(dst), "no temporary file is left");
  }

  @Test
  void run_writeFile_sourceSwappedForADirectory_saysSo() throws IOException {
    WriteFile a = file("", "f", 10, meta(0644));
    Files.createDirectory(src.resolve("f"));

    assertEquals(Outcome.failed("is a directory now, not a regular file"), run(a));
    assertEquals(List.of(), names(dst));
  }

  @Test
  void run_writeFile_sourceSwappedForALink_isNotFollowed() throws IOException {
    Files.writeString(tmp.resolve("secret"), "outside the source");
    Files.createSymbolicLink(src.resolve("f"), tmp.resolve("secret"));

    Outcome o = run(file("", "f", 18, meta(0644)));

    assertEquals(Outcome.failed("is a symbolic link now, not a regular file"), o,
        "said as the FIFO and directory cases are, not as ELOOP");
    assertEquals(List.of(), names(dst));
  }

  /**
   * A failed write whose temporary file cannot be removed says why in its outcome, for the run
   * to warn of the file left behind. Here the hook puts a directory at the temporary name and
   * fails the copy: unlink then fails (EISDIR) whoever runs the test, root included.
   */
  @Test
  void run_writeFile_failedAndItsTemporaryFileCannotBeRemoved_saysWhy() throws IOException {
    WriteFile a = source("f", new byte[10], meta(0644));
    byte[] temp = TempNames.of(runId, a.seq());
    EntryWriter writer = new EntryWriter(sources, targets, runId, new FileCopier(1 << 20),
        new EntryWriter.Settings(false, false, true, true, false, ME.isRoot(), ME.umask()),
        copy -> {
          dstRoot.unlink(temp);
          dstRoot.mkdir(temp, 0700);
          throw new SysException(Errno.EIO, "write");
        });

    Outcome o = writer.run(a, IGNORE, NEVER);

    assertEquals(Outcome.failedWriting("Input/output error").leaving("Is a directory"), o);
    assertEquals(List.of(Raw.s(temp)), names(dst));
  }

  @Test
  void run_targetDirectorySwappedForALinkAfterItWasOpened_writesNothingOutside()
      throws IOException {
    Files.createDirectory(src.resolve("sub"));
    Files.writeString(src.resolve("sub/a"), "a");
    Files.writeString(src.resolve("sub/b"), "b");
    Files.createDirectory(dst.resolve("sub"));
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    assertEquals(Outcome.Status.DONE, run(file("sub", "a", 1, meta(0644))).status());
    // The handle on dst/sub is open now; the path is swapped for a link to elsewhere.
    Files.move(dst.resolve("sub"), dst.resolve("sub.moved"));
    Files.createSymbolicLink(dst.resolve("sub"), outside);

    assertEquals(Outcome.Status.DONE, run(file("sub", "b", 1, meta(0644))).status());

    assertEquals(List.of(), names(outside), "written through the link");
    assertEquals(List.of("a", "b"), names(dst.resolve("sub.moved")));
  }

  @Test
  void run_targetDirectoryThatIsALinkBeforeItIsOpened_isRefusedAsTheTargets() throws IOException {
    Files.createDirectory(src.resolve("sub"));
    Files.writeString(src.resolve("sub/a"), "a");
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    Files.createSymbolicLink(dst.resolve("sub"), outside);

    Outcome o = run(file("sub", "a", 1, meta(0644)));

    assertEquals(Outcome.Status.FAILED_WRITING, o.status(), o.toString());
    assertEquals(List.of(), names(outside));
  }

  // --- failures: whose, and what is left ---

  @Test
  void run_missingSource_failsBlamingTheSource_andLeavesNoTemporaryFile() throws IOException {
    Outcome o = run(file("", "gone", 1, meta(0644)));

    assertEquals(Outcome.failed("No such file or directory"), o);
    assertFalse(o.status().blamesTarget());
    assertEquals(List.of(), names(dst));
  }

  @Test
  void run_missingTargetDirectory_failsBlamingTheTarget() throws IOException {
    Files.createDirectory(src.resolve("sub"));
    Files.writeString(src.resolve("sub/a"), "a");

    Outcome o = run(file("sub", "a", 1, meta(0644)));

    assertEquals(Outcome.failedWriting("No such file or directory"), o);
    assertTrue(o.status().blamesTarget());
  }

  @Test
  void run_sourceThatGrew_failsBlamingTheSource_andLeavesNoTemporaryFile() throws IOException {
    WriteFile a = source("f", new byte[100], meta(0644));
    Files.write(src.resolve("f"), new byte[200]);

    Outcome o = run(a);

    assertEquals(Outcome.Status.FAILED, o.status());
    assertTrue(o.reason().contains("changed while being copied"), o.reason());
    assertEquals(List.of(), names(dst));
  }

  @Test
  void run_fullDestination_refusesWrites_andLeavesNoTemporaryFile() throws IOException {
    WriteFile a = source("f", new byte[100], meta(0644));
    FileCopier full = new FileCopier(1 << 20, want -> {
      throw new SysException(Errno.ENOSPC, "write");
    });

    Outcome o = writer(full).run(a, IGNORE, NEVER);

    assertEquals(Outcome.targetRefusesWrites("No space left on device"), o);
    assertEquals(List.of(), names(dst));
  }

  @Test
  void run_cancelledMidCopy_throwsAndRemovesTheTemporaryFile() throws IOException {
    WriteFile a = source("f", new byte[300_000], meta(0644));
    AtomicLong progress = new AtomicLong();

    assertThrows(CancelledException.class,
        () -> writer(new FileCopier(64 << 10)).run(a, progress::addAndGet,
            () -> progress.get() > 0));

    assertTrue(progress.get() > 0 && progress.get() < 300_000, "" + progress.get());
    assertEquals(List.of(), names(dst));
  }

  @Test
  void run_aFailedActionDoesNotStopTheNext() throws IOException {
    WriteFile ok = source("ok", b("fine"), meta(0644));

    assertEquals(Outcome.Status.FAILED, run(file("", "gone", 1, meta(0644))).status());
    assertEquals(Outcome.done(4), run(ok));
  }

  private static List<String> names(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
