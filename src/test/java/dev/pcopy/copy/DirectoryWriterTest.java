package dev.pcopy.copy;

import static dev.pcopy.testing.Raw.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Identity;
import dev.pcopy.fs.Stat;
import dev.pcopy.fs.SysException;
import dev.pcopy.fs.Timestamp;
import dev.pcopy.fs.Xattr;
import dev.pcopy.plan.Action.Delete;
import dev.pcopy.plan.Action.FinishDirectory;
import dev.pcopy.plan.Action.WorkerAction;
import dev.pcopy.plan.DirectoryFixes;
import dev.pcopy.plan.HostTag;
import dev.pcopy.plan.Meta;
import dev.pcopy.plan.Protection;
import dev.pcopy.plan.RunId;
import dev.pcopy.plan.TempNames;
import dev.pcopy.select.Selection;
import dev.pcopy.testing.Raw;
import dev.pcopy.testing.TestActions;
import dev.pcopy.walk.DeleteProtection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DirectoryWriter} on real directories: directories are made for their owner alone, an
 * existing one is opened up for the copy, temporary files are removed by run and entry number,
 * and {@code finish} gives a directory its owner, extended attributes, times and mode, last the
 * mode, and writes nothing when the directory has them already.
 */
class DirectoryWriterTest {
  private static final Timestamp MTIME = new Timestamp(1_234_567_890L, 987_654_321);
  private static final Timestamp ATIME = new Timestamp(-5, 1);
  private static final boolean ROOT = Identity.current().isRoot();

  @TempDir
  Path tmp;
  private DirHandle root;
  private HandleCache targets;
  private final DirectoryWriter writer = new DirectoryWriter(false, false, true, true);

  @BeforeEach
  void open() throws IOException {
    root = DirHandle.open(b(tmp.toString()));
    targets = new HandleCache(root, false, 8);
  }

  @AfterEach
  void close() {
    targets.close();
    root.close();
  }

  @Test
  void make_makesTheDirectoryForItsOwnerAlone() throws IOException {
    writer.make(root, b("d"));

    Stat s = root.stat(b("d"));
    assertTrue(s.isDirectory());
    assertEquals(0700, s.mode());
  }

  /**
   * Another process made the directory between the walk's listing and its mkdir (two copies
   * into one place): the EEXIST is no failure, and the directory found is handed back to be
   * merged into, as it is, its mode fixed at the end like any existing directory's.
   */
  @Test
  void make_aDirectoryMadeMeanwhile_isTakenAsFound() throws IOException {
    root.mkdir(b("d"), 0755);
    Files.writeString(tmp.resolve("d/other"), "another process's");

    Stat found = writer.make(root, b("d"));

    assertTrue(found.sameFile(root.stat(b("d"))));
    assertTrue(found.isDirectory());
    assertEquals(0755, root.stat(b("d")).mode());
    assertTrue(Files.exists(tmp.resolve("d/other")));
  }

  @Test
  void make_madeByThisCall_returnsNull() throws IOException {
    assertEquals(null, writer.make(root, b("d")));
  }

  /**
   * A link to a directory that took the name meanwhile is no directory: never followed, and the
   * failure says what is in the way rather than a bare "File exists". A file alike.
   */
  @Test
  void make_aSymbolicLinkOrFileMadeMeanwhile_failsNamingWhatIsThere() throws IOException {
    Files.createDirectory(tmp.resolve("elsewhere"));
    Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("elsewhere"));
    Files.writeString(tmp.resolve("file"), "x");

    IOException link = assertThrows(DirectoryWriter.NotADirectory.class,
        () -> writer.make(root, b("link")));
    IOException file = assertThrows(DirectoryWriter.NotADirectory.class,
        () -> writer.make(root, b("file")));

    assertEquals("exists and is not a directory (a symbolic link made meanwhile)",
        link.getMessage());
    assertEquals("exists and is not a directory (a regular file made meanwhile)",
        file.getMessage());
    assertTrue(Files.isSymbolicLink(tmp.resolve("link")));
  }

  @Test
  void openUp_givesTheOwnerReadWriteAndSearch_keepingTheOtherBits() throws IOException {
    root.mkdir(b("d"), 0555);
    try (DirHandle d = root.openDirectory(b("d"))) {
      writer.openUp(d, d.stat());
    }

    assertEquals(0755, root.stat(b("d")).mode());
  }

  @Test
  void openUp_leavesADirectoryTheOwnerCanWriteAlone_andRootNeedsNone() throws IOException {
    root.mkdir(b("open"), 0750);
    root.mkdir(b("locked"), 0500);
    try (DirHandle open = root.openDirectory(b("open"));
        DirHandle locked = root.openDirectory(b("locked"))) {
      Timestamp before = open.stat().ctime();

      writer.openUp(open, open.stat());
      new DirectoryWriter(true, false, true, true).openUp(locked, locked.stat());

      assertEquals(before, open.stat().ctime(), "a chmod was made for nothing");
    }
    assertEquals(0500, root.stat(b("locked")).mode());
  }

  @Test
  void remove_removesATemporaryFile_andSaysWhenItWasGoneAlready() throws IOException {
    Files.writeString(tmp.resolve("t"), "partial");

    assertTrue(writer.remove(root, b("t")));
    assertFalse(writer.remove(root, b("t")));
    assertFalse(Files.exists(tmp.resolve("t")));
  }

  @Test
  void removeTemporaries_removesThisRunsFilesOfTheActions_andNoOtherRunsFiles()
      throws IOException {
    Files.createDirectory(tmp.resolve("d"));
    Path mine = tmp.resolve("d").resolve(Raw.s(TempNames.of("run7", 3)));
    Path other = tmp.resolve("d").resolve(Raw.s(TempNames.of("run8", 3)));
    Files.writeString(mine, "partial");
    Files.writeString(other, "someone else's");

    Map<WorkerAction, String> left = writer.removeTemporaries(targets, "run7",
        List.of(TestActions.file(3, 10), TestActions.file(4, 10)));

    assertFalse(Files.exists(mine));
    assertTrue(Files.exists(other));
    assertEquals(Map.of(), left, "entry 4 had no temporary file: nothing to say of it");
  }

  @Test
  void removeTemporaries_inADirectoryThatIsGone_doesNotFail() {
    Map<WorkerAction, String> left = writer.removeTemporaries(targets, "run7",
        List.of(TestActions.file(3, 10)));

    assertFalse(Files.exists(tmp.resolve("d")));
    assertEquals(Map.of(), left);
  }

  @Test
  void removeTemporaries_saysWhichOneThatIsThereCannotBeRemoved_andWhy() throws IOException {
    WorkerAction stuck = TestActions.file(3, 10);
    // A directory at the temporary name: unlink refuses it, as an append-only directory would.
    Files.createDirectories(tmp.resolve("d").resolve(Raw.s(TempNames.of("run7", 3))));

    Map<WorkerAction, String> left = writer.removeTemporaries(targets, "run7", List.of(stuck));

    assertEquals(List.of(stuck), List.copyOf(left.keySet()));
    assertTrue(left.get(stuck).toLowerCase(Locale.ROOT).contains("directory"),
        left.toString());
  }

  // --- --delete: a planned deletion, carried out only on what was planned ---

  private Delete planned(String name, long entries) throws SysException {
    return Delete.of(Raw.b(""), b(name), root.stat(b(name)), entries);
  }

  /** Keeps nothing. */
  private static final Protection NOTHING = (path, stat, parent) -> Protection.NONE;

  /** Keeps any entry whose name ends with ".log", as {@code --exclude '*.log'} does. */
  private static final Protection LOGS = (path, stat, parent) ->
      Raw.s(path).endsWith(".log") ? Protection.EXCLUDED : Protection.NONE;

  @Test
  void delete_aDirectoryWithEverythingInIt_countingWhatGoes() throws IOException {
    Files.createDirectories(tmp.resolve("old/sub"));
    Files.writeString(tmp.resolve("old/sub/a"), "a");
    Files.writeString(tmp.resolve("old/b"), "b");
    Delete d = planned("old", 4);

    DirectoryWriter.Removal r = writer.delete(root, d, NOTHING);

    assertEquals(DirectoryWriter.Deleted.WHOLE, r.deleted());
    assertEquals(4, r.removed());
    assertFalse(Files.exists(tmp.resolve("old")));
    assertEquals(DirectoryWriter.Deleted.ABSENT, writer.delete(root, d, NOTHING).deleted());
  }

  /** Another entry has taken the planned one's name: it is not what was planned, it stays. */
  @Test
  void delete_anEntryReplacedSinceThePlan_isLeftAlone() throws IOException {
    Files.writeString(tmp.resolve("f"), "planned");
    Files.createDirectories(tmp.resolve("d"));
    Files.createDirectories(tmp.resolve("elsewhere"));
    Files.writeString(tmp.resolve("elsewhere/precious"), "x");
    Delete file = planned("f", 1);
    Delete dir = planned("d", 1);
    // Renamed over it, as a new file takes a name: the planned inode is not free to reuse.
    Files.writeString(tmp.resolve("new"), "someone's new file");
    Files.move(tmp.resolve("new"), tmp.resolve("f"), StandardCopyOption.REPLACE_EXISTING);
    Files.delete(tmp.resolve("d"));
    Files.createSymbolicLink(tmp.resolve("d"), tmp.resolve("elsewhere"));

    assertEquals(DirectoryWriter.Deleted.CHANGED, writer.delete(root, file, NOTHING).deleted());
    assertEquals(DirectoryWriter.Deleted.CHANGED, writer.delete(root, dir, NOTHING).deleted());
    assertEquals("someone's new file", Files.readString(tmp.resolve("f")));
    assertTrue(Files.isSymbolicLink(tmp.resolve("d")));
    assertTrue(Files.exists(tmp.resolve("elsewhere/precious")));
  }

  /**
   * A protected entry that appeared in a directory after the plan found none stays, and so do
   * the directories that hold it; what else is in them goes.
   */
  @Test
  void delete_withProtection_keepsWhatAppearedProtected_andItsDirectories() throws IOException {
    Files.createDirectories(tmp.resolve("old/sub"));
    Files.writeString(tmp.resolve("old/sub/junk"), "j");
    Files.writeString(tmp.resolve("old/other"), "o");
    Delete d = planned("old", 4);
    Files.writeString(tmp.resolve("old/sub/new.log"), "appeared");

    DirectoryWriter.Removal r = writer.delete(root, d, LOGS);

    assertEquals(DirectoryWriter.Deleted.PARTLY, r.deleted());
    assertEquals(2, r.removed());
    assertEquals(List.of("old/sub", "old"), r.kept().stream()
        .map(k -> Raw.s(dev.pcopy.fs.Names.join(k.dir(), k.name()))).toList());
    assertEquals("appeared", Files.readString(tmp.resolve("old/sub/new.log")));
    assertFalse(Files.exists(tmp.resolve("old/sub/junk")));
    assertFalse(Files.exists(tmp.resolve("old/other")));
  }

  /**
   * A live run's temporary file that appeared after the plan (which planned the directory
   * whole) stays, with the directories above it: the protection is asked again as it deletes.
   */
  @Test
  void delete_keepsALiveRunsTemporaryFile_andItsDirectories_butNotADeadRunsOne()
      throws IOException {
    // pid 1 lives as long as the machine; 999,999 is beyond the default pid range.
    String live = Raw.s(TempNames.of(new RunId(1, HostTag.current(), 12345).text(), 3));
    String dead = Raw.s(TempNames.of(new RunId(999_999, HostTag.current(), 12345).text(), 4));
    Files.createDirectories(tmp.resolve("gone/sub"));
    Files.writeString(tmp.resolve("gone/sub").resolve(live), "a live run's partial copy");
    Files.writeString(tmp.resolve("gone").resolve(dead), "a dead run's");
    Files.writeString(tmp.resolve("gone/junk"), "j");
    Delete d = planned("gone", 4);

    DirectoryWriter.Removal r = writer.delete(root, d,
        DeleteProtection.from(Selection.everything(), false, false));

    assertEquals(DirectoryWriter.Deleted.PARTLY, r.deleted());
    assertTrue(Files.exists(tmp.resolve("gone/sub").resolve(live)));
    assertFalse(Files.exists(tmp.resolve("gone").resolve(dead)));
    assertFalse(Files.exists(tmp.resolve("gone/junk")));
    assertEquals("directory not deleted: it holds temporary files of another pcopy run that is"
        + " still going", r.kept().get(0).warning());
  }

  @Test
  void delete_aFileThatBecameProtected_isLeftAlone() throws IOException {
    Files.writeString(tmp.resolve("a.log"), "x");
    Delete d = planned("a.log", 1);

    assertEquals(DirectoryWriter.Deleted.CHANGED, writer.delete(root, d, LOGS).deleted());
    assertTrue(Files.exists(tmp.resolve("a.log")));
  }

  // --- a big file's partial copy and record ---

  @Test
  void makePartial_makesTheCopyAtFullSizeAsAHole_andTheRecord_bothForTheOwnerAlone()
      throws IOException {
    DirectoryWriter.PartialFiles made = writer.makePartial(root, b("copy"), 300L << 20,
        b("record"), ino -> b("header"));

    Stat copy = root.stat(b("copy"));
    assertEquals(300L << 20, copy.size());
    assertTrue(copy.blocks() * 512 < 1 << 20, "the copy's hole was filled");
    assertEquals(0600, copy.mode());
    assertEquals(0600, root.stat(b("record")).mode());
    assertEquals("header", Files.readString(tmp.resolve("record")));
    assertTrue(made.copy().sameFile(copy));
    assertTrue(made.record().sameFile(root.stat(b("record"))));
  }

  @Test
  void makePartial_overAnExistingName_failsAndOpensNothingThere() throws IOException {
    Path outside = Files.writeString(tmp.resolve("outside"), "precious");
    Files.createSymbolicLink(tmp.resolve("copy"), outside);

    assertThrows(SysException.class, () -> writer.makePartial(root, b("copy"), 10,
        b("record"), ino -> b("header")));
    assertEquals("precious", Files.readString(outside));
  }

  @Test
  void note_appendsAnEntry_toTheRecordMadeOnly() throws IOException {
    DirectoryWriter.PartialFiles made = writer.makePartial(root, b("copy"), 10, b("record"),
        ino -> b("head"));

    writer.note(root, b("record"), made.record().ino(), b("1234"));
    writer.note(root, b("record"), made.record().ino(), b("5678"));

    assertEquals("head12345678", Files.readString(tmp.resolve("record")));
  }

  @Test
  void note_refusesARecordReplacedByALinkAnotherFileOrGivenASecondName() throws IOException {
    DirectoryWriter.PartialFiles made = writer.makePartial(root, b("copy"), 10, b("record"),
        ino -> b("head"));
    long ino = made.record().ino();
    Path record = tmp.resolve("record");
    Path outside = Files.writeString(tmp.resolve("outside"), "precious");

    Files.createLink(tmp.resolve("second"), record);
    assertThrows(SysException.class, () -> writer.note(root, b("record"), ino, b("1")));
    Files.delete(tmp.resolve("second"));
    Files.move(record, tmp.resolve("moved"));
    Files.createSymbolicLink(record, outside);
    assertThrows(SysException.class, () -> writer.note(root, b("record"), ino, b("2")));
    Files.delete(record);
    // The record's inode is still in use (at "moved"), so this file cannot get its number.
    Files.writeString(record, "another");
    assertThrows(SysException.class, () -> writer.note(root, b("record"), ino, b("3")));

    assertEquals("precious", Files.readString(outside));
    assertEquals("head", Files.readString(tmp.resolve("moved")));
    assertEquals("another", Files.readString(record));
  }

  @Test
  void finish_setsTimesAndModeLast_evenAReadOnlyOne_thenWritesNothingTheSecondTime()
      throws IOException {
    root.mkdir(b("d"), 0700);
    Files.writeString(tmp.resolve("d/f"), "inside");
    FinishDirectory f = finish("d", new Meta(0555, -1, -1, ATIME, MTIME), List.of());

    assertTrue(writer.finish(targets, f, true).written());

    Stat s = root.stat(b("d"));
    assertEquals(0555, s.mode());
    assertEquals(MTIME, s.mtime());
    assertEquals(ATIME, s.atime());
    assertFalse(writer.finish(targets, f, true).written(),
        "a finished directory was written again");
    assertEquals(s.ctime(), root.stat(b("d")).ctime());
  }

  @Test
  void finish_theTopDirectoryItself_byItsEmptyName() throws IOException {
    FinishDirectory top = new FinishDirectory(new byte[0], new byte[0],
        new Meta(0751, -1, -1, ATIME, MTIME), List.of(), true, DirectoryFixes.NONE, 0);

    assertTrue(writer.finish(targets, top, true).written());

    assertEquals(0751, root.stat().mode());
    assertEquals(MTIME, root.stat().mtime());
  }

  @Test
  void finish_withoutTimes_setsTheModeButLeavesTheTimes() throws IOException {
    root.mkdir(b("d"), 0700);
    Timestamp before = root.stat(b("d")).mtime();

    assertTrue(writer.finish(targets, finish("d", new Meta(0755, -1, -1, ATIME, MTIME),
        List.of()), false).written());

    assertEquals(0755, root.stat(b("d")).mode());
    assertEquals(before, root.stat(b("d")).mtime());
  }

  @Test
  void finish_asRoot_givesTheOwner() throws IOException {
    assumeTrue(ROOT, "only root can give directories away");
    root.mkdir(b("d"), 0700);

    new DirectoryWriter(true, false, true, true).finish(targets,
        finish("d", new Meta(0750, 1234, 5678, ATIME, MTIME), List.of()), true);

    Stat s = root.stat(b("d"));
    assertEquals(List.of(1234, 5678, 0750), List.of(s.uid(), s.gid(), s.mode()));
  }

  @Test
  void finish_setsExtendedAttributes_andTheyCountForBeingFinished() throws IOException {
    root.mkdir(b("d"), 0755);
    Xattr x = new Xattr(b("user.pcopy.dir"), b("v"));
    try {
      root.setXattr(b("d"), b("user.pcopy.probe"), b("1"));
    } catch (SysException e) {
      assumeTrue(false, "no user extended attributes here: " + e.getMessage());
    }
    FinishDirectory f = finish("d", new Meta(0755, -1, -1, ATIME, MTIME), List.of(x));
    writer.finish(targets, f, true);

    assertTrue(root.xattrs(b("d")).stream().anyMatch(x::sameAs));
    assertFalse(writer.finish(targets, f, true).written());
    assertFalse(new DirectoryWriter(false, false, false, false).finish(targets,
        finish("d", new Meta(0755, -1, -1, ATIME, MTIME), List.of(new Xattr(b("user.other"),
            b("w")))), true).written(), "attributes are not compared when none are kept");
  }

  /**
   * A directory whose source could not be read gets its mode and times, and keeps the
   * attributes it has: none of the source's are known to take their place.
   */
  @Test
  void finish_withTheSourcesAttributesUnknown_keepsTheDirectorysOwn() throws IOException {
    root.mkdir(b("d"), 0700);
    Xattr own = new Xattr(b("user.pcopy.own"), b("1"));
    try {
      root.setXattr(b("d"), own.name(), own.value());
    } catch (SysException e) {
      assumeTrue(false, "no user extended attributes here: " + e.getMessage());
    }
    FinishDirectory unread = new FinishDirectory(new byte[0], b("d"),
        new Meta(0750, -1, -1, ATIME, MTIME), List.of(), false,
        DirectoryFixes.NONE, 1);

    assertTrue(writer.finish(targets, unread, true).written());

    Stat s = root.stat(b("d"));
    assertEquals(0750, s.mode());
    assertEquals(MTIME, s.mtime());
    assertTrue(root.xattrs(b("d")).stream().anyMatch(own::sameAs));
    // Finished: a second finish finds nothing to write, not the source's attributes missing.
    assertFalse(writer.finish(targets, unread, true).written());
  }

  /**
   * An attribute the destination refuses is named in what is returned, and the directory still
   * gets its times and mode; once it has those, a file system that takes no such attribute is
   * not reported again.
   */
  @Test
  void finish_anAttributeRefused_isReported_andTimesAndModeAreSetAllTheSame()
      throws IOException {
    root.mkdir(b("d"), 0700);
    // No file system has this namespace: setxattr says EOPNOTSUPP, as on vfat for any name.
    Xattr refused = new Xattr(b("pcopy-nonexistent-namespace.x"), b("v"));
    FinishDirectory f = finish("d", new Meta(0751, -1, -1, ATIME, MTIME), List.of(refused));

    DirectoryWriter.Finished first = writer.finish(targets, f, true);

    assertTrue(first.written());
    assertEquals("extended attribute pcopy-nonexistent-namespace.x: Operation not supported",
        first.notKept());
    Stat s = root.stat(b("d"));
    assertEquals(0751, s.mode());
    assertEquals(MTIME, s.mtime());
    assertEquals("", writer.finish(targets, f, true).notKept(), "reported again");
  }

  private static FinishDirectory finish(String name, Meta meta, List<Xattr> xattrs) {
    return new FinishDirectory(new byte[0], b(name), meta, xattrs, true, DirectoryFixes.NONE, 1);
  }
}
