package dev.pcopy.plan;

import static dev.pcopy.testing.Raw.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.fs.Stat;
import dev.pcopy.fs.Timestamp;
import dev.pcopy.fs.Xattr;
import dev.pcopy.plan.Action.FinishDirectory;
import dev.pcopy.plan.Action.FixMetadata;
import dev.pcopy.plan.Action.MakeDirectory;
import dev.pcopy.plan.Action.Refuse;
import dev.pcopy.plan.Action.Skip;
import dev.pcopy.plan.Action.WriteFile;
import dev.pcopy.plan.Action.WriteLink;
import dev.pcopy.plan.Action.WriteSpecial;
import dev.pcopy.testing.Stats;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every rule by which the planner decides an entry: write, skip, fix in place, or refuse; what
 * owner, group and mode a copy keeps; when a directory is finished. Pure: the statuses are built
 * by hand, no disk is read.
 *
 * <p>Replaces the old {@code TargetCheckTest}, {@code DryRunTest} and the decision parts of
 * {@code EntryCopierTest}, whose rules now all live in {@link Planner}.
 */
class PlannerTest {
  private static final int ALICE = 1000;
  private static final int BOB = 1001;
  private static final int STAFF = 50;
  private static final byte[] DIR = b("sub");
  private static final long SEQ = 42;

  /** Alice, not root, in her own group and in staff. */
  private final Planner asAlice = new Planner(policy(false, false));
  private final Planner asRoot = new Planner(policy(false, true));
  private final Planner forced = new Planner(policy(true, false));

  private static Policy policy(boolean force, boolean root) {
    return new Policy(force, root, root ? 0 : ALICE, root ? new int[] {0}
        : new int[] {ALICE, STAFF}, true, true, true, false);
  }

  private static SourceEntry source(String name, Stat stat) {
    return new SourceEntry(b(name), stat, null, true);
  }

  private static SourceEntry link(String name, String text) {
    return new SourceEntry(b(name), Stats.symlink().build(), b(text), true);
  }

  private static TargetEntry target(Stat stat) {
    return new TargetEntry(stat, null);
  }

  private static DirectoryStatus status(Stat stat) {
    return new DirectoryStatus(stat, List.of());
  }

  private static Decision decide(Planner planner, SourceEntry source, TargetEntry target) {
    return planner.entry(DIR, source, target, ALICE, SEQ);
  }

  // --- write or skip: the quick check ---

  @Test
  void entry_missingTarget_writesTheFileWithItsSizeModeAndTimes() {
    Stat src = Stats.file(10).mode(0640).build();

    Decision d = decide(asAlice, source("f", src), null);

    WriteFile w = assertInstanceOf(WriteFile.class, d.action());
    assertArrayEquals(DIR, w.dir());
    assertArrayEquals(b("f"), w.name());
    assertArrayEquals(b("f"), w.sourceName());
    assertEquals(SEQ, w.seq());
    assertEquals(10, w.size());
    assertEquals(10, w.bytes());
    assertEquals(new Meta(0640, -1, -1, src.atime(), src.mtime()), w.meta());
    assertEquals(List.of(), d.warnings());
  }

  @Test
  void entry_targetWithTheSameSizeAndTime_isSkippedWithItsSizeSettled() {
    Stat src = Stats.file(10).build();

    Decision d = decide(asAlice, source("f", src), target(Stats.file(10).build()));

    Skip skip = assertInstanceOf(Skip.class, d.action());
    assertArrayEquals(DIR, skip.dir());
    assertArrayEquals(b("f"), skip.name());
    assertEquals(10, skip.size());
  }

  @Test
  void entry_targetWithAnotherSizeOrTime_isWritten() {
    Stat src = Stats.file(10).build();
    Timestamp later = new Timestamp(Stats.T.seconds() + 1, Stats.T.nanos());

    assertInstanceOf(WriteFile.class,
        decide(asAlice, source("f", src), target(Stats.file(11).build())).action());
    assertInstanceOf(WriteFile.class,
        decide(asAlice, source("f", src), target(Stats.file(10).mtime(later).build())).action());
  }

  @Test
  void entry_targetKeepingWholeSecondsOnly_isSkipped() {
    Stat src = Stats.file(10).build();
    Stat truncated = Stats.file(10).mtime(new Timestamp(Stats.T.seconds(), 0)).build();

    assertInstanceOf(Skip.class, decide(asAlice, source("f", src), target(truncated)).action());
  }

  @Test
  void entry_force_writesEvenWhenTheQuickCheckSaysEqual() {
    Stat src = Stats.file(10).build();

    assertInstanceOf(WriteFile.class,
        decide(forced, source("f", src), target(Stats.file(10).build())).action());
    assertInstanceOf(WriteLink.class,
        forced.entry(DIR, link("l", "a"), new TargetEntry(Stats.symlink().build(), b("a")),
            ALICE, SEQ).action());
  }

  @Test
  void entry_targetOfAnotherKind_isWritten() {
    Stat src = Stats.file(3).build();

    assertInstanceOf(WriteFile.class,
        decide(asAlice, source("f", src), new TargetEntry(Stats.symlink().build(), null))
            .action());
  }

  // --- symbolic links ---

  @Test
  void entry_linkWithTheSameText_isSkipped_andWithOtherTextRewritten() {
    Decision same = asAlice.entry(DIR, link("l", "../a"),
        new TargetEntry(Stats.symlink().build(), b("../a")), ALICE, SEQ);
    Decision other = asAlice.entry(DIR, link("l", "../b"),
        new TargetEntry(Stats.symlink().build(), b("../a")), ALICE, SEQ);

    assertInstanceOf(Skip.class, same.action());
    WriteLink w = assertInstanceOf(WriteLink.class, other.action());
    assertArrayEquals(b("../b"), w.text());
  }

  @Test
  void entry_linkWithTheSameTextButAnotherMode_isSkipped_linksHaveNoModeOfTheirOwn() {
    Decision d = asAlice.entry(DIR, link("l", "a"),
        new TargetEntry(Stats.symlink().mode(0755).build(), b("a")), ALICE, SEQ);

    assertInstanceOf(Skip.class, d.action());
  }

  @Test
  void entry_linkWithAnotherOwnerAsRoot_getsItsOwnerFixedButNoMode() {
    SourceEntry src = new SourceEntry(b("l"), Stats.symlink().owner(BOB, BOB).build(), b("a"),
        true);

    Decision d = asRoot.entry(DIR, src, new TargetEntry(Stats.symlink().owner(0, 0).build(),
        b("a")), 0, SEQ);

    FixMetadata f = assertInstanceOf(FixMetadata.class, d.action());
    assertEquals(BOB, f.uid());
    assertEquals(BOB, f.gid());
    assertEquals(-1, f.mode());
    assertEquals(Stat.Kind.SYMLINK, f.kind());
  }

  @Test
  void entry_linkFifoOrDeviceWhoseTimeAloneChanged_getsItsTimesFixedInPlace() {
    Timestamp then = new Timestamp(978_307_200L, 0);
    List<Stat.Kind> kinds = List.of(Stat.Kind.SYMLINK, Stat.Kind.FIFO, Stat.Kind.SOCKET,
        Stat.Kind.CHAR_DEVICE);
    for (Stat.Kind kind : kinds) {
      Stat src = Stats.of(kind).size(0).rdev(0x0103).mtime(then).atime(then).build();
      Stat dst = Stats.of(kind).size(0).rdev(0x0103).build();
      SourceEntry entry = new SourceEntry(b("e"), src, kind == Stat.Kind.SYMLINK ? b("a") : null,
          true);

      FixMetadata f = assertInstanceOf(FixMetadata.class, asRoot.entry(DIR, entry,
          new TargetEntry(dst, kind == Stat.Kind.SYMLINK ? b("a") : null), 0, SEQ).action(),
          kind.toString());
      assertEquals(then, f.mtime(), kind.toString());
      assertEquals(then, f.atime(), kind.toString());
      assertEquals(-1, f.mode(), kind.toString());
      assertFalse(f.chown(), kind.toString());
      assertEquals(kind, f.kind());
    }
  }

  @Test
  void entry_fifoWithAnotherModeAndTime_getsBothFixed_andOnlyTheModeWhenTheTimeIsTheSame() {
    Timestamp then = new Timestamp(978_307_200L, 0);
    Stat src = Stats.of(Stat.Kind.FIFO).size(0).mode(0600).mtime(then).build();
    Stat dst = Stats.of(Stat.Kind.FIFO).size(0).mode(0644).build();

    FixMetadata both = assertInstanceOf(FixMetadata.class,
        decide(asAlice, source("p", src), target(dst)).action());
    FixMetadata mode = assertInstanceOf(FixMetadata.class, decide(asAlice, source("p", src),
        target(Stats.of(Stat.Kind.FIFO).size(0).mode(0644).mtime(then).build())).action());

    assertEquals(0600, both.mode());
    assertEquals(then, both.mtime());
    assertEquals(0600, mode.mode());
    assertNull(mode.mtime());
  }

  @Test
  void entry_linkOnAFileSystemKeepingWholeSecondsOnly_isSkipped() {
    Timestamp whole = new Timestamp(Stats.T.seconds(), 0);
    SourceEntry src = link("l", "a");

    assertInstanceOf(Skip.class, asAlice.entry(DIR, src,
        new TargetEntry(Stats.symlink().mtime(whole).build(), b("a")), ALICE, SEQ).action());
  }

  @Test
  void entry_fixOfASingleFileCopiedUnderAnotherName_namesItsSource() {
    Stat src = Stats.file(5).mode(0600).build();

    FixMetadata f = assertInstanceOf(FixMetadata.class, asAlice.entry(DIR, source("orig", src),
        b("copy"), target(Stats.file(5).mode(0644).build()), ALICE, SEQ).action());

    assertArrayEquals(b("copy"), f.name());
    assertArrayEquals(b("orig"), f.sourceName());
  }

  // --- metadata fixed in place ---

  @Test
  void entry_sameContentOtherMode_isFixedInPlaceOnTheTargetsInode() {
    Stat src = Stats.file(10).mode(0755).build();
    Stat dst = Stats.file(10).mode(0644).build();

    Decision d = decide(asAlice, source("f", src), target(dst));

    FixMetadata f = assertInstanceOf(FixMetadata.class, d.action());
    assertEquals(0755, f.mode());
    assertEquals(-1, f.uid());
    assertEquals(-1, f.gid());
    assertFalse(f.chown());
    assertEquals(dst.ino(), f.ino());
    assertEquals(dst.dev(), f.dev());
    assertEquals(Stat.Kind.FILE, f.kind());
    assertEquals(0, f.bytes());
  }

  @Test
  void entry_asRoot_anotherOwner_isChownedInPlace_modeLeftAlone() {
    Stat src = Stats.file(10).owner(ALICE, ALICE).build();
    Stat dst = Stats.file(10).owner(BOB, BOB).build();

    FixMetadata f = assertInstanceOf(FixMetadata.class,
        asRoot.entry(DIR, source("f", src), target(dst), 0, SEQ).action());

    assertEquals(ALICE, f.uid());
    assertEquals(ALICE, f.gid());
    assertTrue(f.chown());
    assertEquals(-1, f.mode());
  }

  @Test
  void entry_asRoot_setIdFileChowned_getsItsModeSetAgain_sinceChownClearsTheBits() {
    Stat src = Stats.file(10).mode(04755).owner(ALICE, ALICE).build();
    Stat dst = Stats.file(10).mode(04755).owner(BOB, BOB).build();

    FixMetadata f = assertInstanceOf(FixMetadata.class,
        asRoot.entry(DIR, source("f", src), target(dst), 0, SEQ).action());

    assertEquals(04755, f.mode());
    assertTrue(f.chown());
  }

  @Test
  void entry_notRoot_anotherOwnerIsNoChange() {
    Stat src = Stats.file(10).owner(BOB, ALICE).build();
    Stat dst = Stats.file(10).owner(ALICE, ALICE).build();

    assertInstanceOf(Skip.class, decide(asAlice, source("f", src), target(dst)).action());
  }

  @Test
  void entry_notRoot_anotherGroupIsFixedOnlyWhenTheUserIsAMember() {
    Stat inStaff = Stats.file(10).owner(ALICE, STAFF).build();
    Stat inOther = Stats.file(10).owner(ALICE, 77).build();
    Stat dst = Stats.file(10).owner(ALICE, ALICE).build();

    FixMetadata f = assertInstanceOf(FixMetadata.class,
        decide(asAlice, source("f", inStaff), target(dst)).action());
    assertEquals(-1, f.uid());
    assertEquals(STAFF, f.gid());
    assertInstanceOf(Skip.class, decide(asAlice, source("f", inOther), target(dst)).action());
  }

  @Test
  void entry_targetWithAnotherHardLinkWhoseMetadataMustChange_isRewrittenNeverFixed() {
    Stat src = Stats.file(10).mode(0600).build();
    Stat shared = Stats.file(10).mode(0644).nlink(2).build();

    Decision d = decide(asAlice, source("f", src), target(shared));

    WriteFile w = assertInstanceOf(WriteFile.class, d.action());
    assertEquals(0600, w.meta().mode());
  }

  @Test
  void entry_targetWithAnotherHardLinkAndNothingToChange_isSkipped() {
    Stat src = Stats.file(10).build();

    assertInstanceOf(Skip.class,
        decide(asAlice, source("f", src), target(Stats.file(10).nlink(3).build())).action());
  }

  // --- owner, group and set-id bits of a new copy ---

  @Test
  void entry_asRoot_keepsTheOwnerAndGroup_unlessTheyAreWhatANewEntryGetsAnyway() {
    Stat bobs = Stats.file(1).owner(BOB, STAFF).build();
    Stat roots = Stats.file(1).owner(0, 0).build();

    WriteFile w = (WriteFile) asRoot.entry(DIR, source("f", bobs), null, 0, SEQ).action();
    WriteFile own = (WriteFile) asRoot.entry(DIR, source("f", roots), null, 0, SEQ).action();

    assertEquals(BOB, w.meta().uid());
    assertEquals(STAFF, w.meta().gid());
    assertTrue(w.meta().setsOwner());
    assertEquals(-1, own.meta().uid());
    assertEquals(-1, own.meta().gid());
    assertFalse(own.meta().setsOwner());
  }

  @Test
  void entry_notRoot_keepsTheGroupOnlyIfTheUserIsAMember() {
    Stat staff = Stats.file(1).owner(BOB, STAFF).build();
    Stat foreign = Stats.file(1).owner(BOB, 77).build();

    WriteFile kept = (WriteFile) decide(asAlice, source("f", staff), null).action();
    WriteFile lost = (WriteFile) decide(asAlice, source("f", foreign), null).action();

    assertEquals(-1, kept.meta().uid(), "a non-root copy always belongs to its user");
    assertEquals(STAFF, kept.meta().gid());
    assertEquals(-1, lost.meta().gid());
  }

  @Test
  void entry_groupOfANewEntryInASetGroupIdDirectory_isNotSetAgain() {
    Stat staff = Stats.file(1).owner(ALICE, STAFF).build();

    // The walk passes the directory's group as the one new entries get there.
    WriteFile w = (WriteFile) asAlice.entry(DIR, source("f", staff), null, STAFF, SEQ).action();

    assertEquals(-1, w.meta().gid());
  }

  @Test
  void entry_notRoot_setUserIdOfAnotherUser_isDroppedWithAWarning() {
    Stat src = Stats.file(1).mode(04755).owner(BOB, ALICE).build();

    Decision d = decide(asAlice, source("f", src), null);

    assertEquals(0755, ((WriteFile) d.action()).meta().mode());
    assertEquals(List.of("set-user-ID bit not kept: the copy cannot belong to user " + BOB),
        d.warnings());
  }

  @Test
  void entry_notRoot_setGroupIdOfAForeignGroup_isDroppedWithAWarning() {
    Stat src = Stats.file(1).mode(02755).owner(ALICE, 77).build();

    Decision d = decide(asAlice, source("f", src), null);

    assertEquals(0755, ((WriteFile) d.action()).meta().mode());
    assertEquals(List.of("set-group-ID bit not kept: the copy cannot belong to group 77"),
        d.warnings());
  }

  @Test
  void entry_setIdBitsTheCopyCanHave_areKeptWithoutWarning() {
    Stat own = Stats.file(1).mode(06755).owner(ALICE, STAFF).build();
    Stat bobs = Stats.file(1).mode(06755).owner(BOB, 77).build();

    Decision mine = decide(asAlice, source("f", own), null);
    Decision root = asRoot.entry(DIR, source("f", bobs), null, 0, SEQ);

    assertEquals(06755, ((WriteFile) mine.action()).meta().mode());
    assertEquals(List.of(), mine.warnings());
    assertEquals(06755, ((WriteFile) root.action()).meta().mode());
    assertEquals(List.of(), root.warnings());
  }

  @Test
  void entry_setIdBitDroppedOnAnUpToDateCopy_isFixedWithTheWarning_butASkipWarnsOfNothing() {
    Stat src = Stats.file(1).mode(04755).owner(BOB, ALICE).build();
    Stat withBit = Stats.file(1).mode(04755).owner(ALICE, ALICE).build();
    Stat without = Stats.file(1).mode(0755).owner(ALICE, ALICE).build();

    Decision fix = decide(asAlice, source("f", src), target(withBit));
    Decision skip = decide(asAlice, source("f", src), target(without));

    assertEquals(0755, assertInstanceOf(FixMetadata.class, fix.action()).mode());
    assertEquals(1, fix.warnings().size());
    assertInstanceOf(Skip.class, skip.action());
    assertEquals(List.of(), skip.warnings(), "a copy already without the bit is not news");
  }

  // --- refusals ---

  @Test
  void entry_directoryWhereAFileGoes_isRefusedBlamingTheTarget_evenWithForce() {
    Stat src = Stats.file(7).build();

    for (Planner p : List.of(asAlice, forced)) {
      Refuse r = assertInstanceOf(Refuse.class,
          decide(p, source("f", src), target(Stats.directory().build())).action());
      assertEquals(Planner.IS_A_DIRECTORY, r.reason());
      assertEquals("Is a directory", r.reason());
      assertTrue(r.blamesTarget());
      assertEquals(7, r.size());
      assertFalse(r.directory());
    }
  }

  /**
   * A directory and anything else clash, whichever side each is on; a file, link and special
   * file replace one another in place, as rename(2) lets them.
   */
  @Test
  void kindsClash_onlyADirectoryAgainstAnythingElse() {
    Stat dir = Stats.directory().build();
    List<Stat> others = List.of(Stats.file(1).build(), Stats.symlink().build(),
        Stats.of(Stat.Kind.FIFO).build());

    for (Stat other : others) {
      assertTrue(Planner.kindsClash(dir, other), other.kind().toString());
      assertTrue(Planner.kindsClash(other, dir), other.kind().toString());
      for (Stat another : others) {
        assertFalse(Planner.kindsClash(other, another));
      }
    }
    assertFalse(Planner.kindsClash(dir, Stats.directory().build()));
  }

  /** What --delete does not replace is refused as without it, saying why it stays. */
  @Test
  void notReplaced_refusesAsWithoutDelete_andSaysWhy() {
    Refuse file = assertInstanceOf(Refuse.class,
        Planner.notReplaced(DIR, source("f", Stats.file(7).build()), "it holds this"));
    Refuse dir = assertInstanceOf(Refuse.class,
        Planner.notReplaced(DIR, source("d", Stats.directory().build()), "it holds that"));

    assertEquals("Is a directory; not replaced: it holds this", file.reason());
    assertEquals(7, file.size());
    assertFalse(file.directory());
    assertEquals("cannot create directory: exists and is not a directory; not replaced: it"
        + " holds that", dir.reason());
    assertTrue(dir.directory());
    assertTrue(file.blamesTarget() && dir.blamesTarget());
  }

  @Test
  void entry_targetThatIsTheSourceItself_isRefused() {
    Stat src = Stats.file(7).build();
    Stat same = Stats.file(7).sameFileAs(src).build();

    Refuse r = assertInstanceOf(Refuse.class,
        decide(forced, source("f", src), target(same)).action());

    assertEquals("is the same file as its source", r.reason());
    assertTrue(r.blamesTarget());
  }

  @Test
  void entry_unreadableSource_isRefusedBlamingTheSource() {
    SourceEntry locked = new SourceEntry(b("f"), Stats.file(9).mode(0).build(), null, false);

    Refuse r = assertInstanceOf(Refuse.class, decide(asAlice, locked, null).action());

    assertEquals("Permission denied", r.reason());
    assertFalse(r.blamesTarget());
    assertEquals(9, r.size(), "its bytes count as settled for the progress");
  }

  @Test
  void entry_deviceAsNonRoot_isRefused_asRootMade() {
    Stat chr = Stats.of(Stat.Kind.CHAR_DEVICE).rdev(0x0801).size(0).build();
    Stat blk = Stats.of(Stat.Kind.BLOCK_DEVICE).rdev(0x0802).size(0).build();

    Refuse c = assertInstanceOf(Refuse.class, decide(asAlice, source("c", chr), null).action());
    Refuse k = assertInstanceOf(Refuse.class, decide(asAlice, source("b", blk), null).action());
    WriteSpecial made = assertInstanceOf(WriteSpecial.class,
        asRoot.entry(DIR, source("c", chr), null, 0, SEQ).action());

    assertEquals("cannot keep a character device: only root can create one", c.reason());
    assertEquals("cannot keep a block device: only root can create one", k.reason());
    assertFalse(c.blamesTarget());
    assertEquals(Stat.Kind.CHAR_DEVICE, made.kind());
    assertEquals(0x0801, made.rdev());
  }

  @Test
  void entry_deviceAsRoot_withTheSameNumbers_isSkipped_otherNumbersRemade() {
    Stat src = Stats.of(Stat.Kind.CHAR_DEVICE).rdev(0x0801).size(0).build();

    assertInstanceOf(Skip.class, asRoot.entry(DIR, source("c", src),
        target(Stats.of(Stat.Kind.CHAR_DEVICE).rdev(0x0801).size(0).build()), 0, SEQ).action());
    assertInstanceOf(WriteSpecial.class, asRoot.entry(DIR, source("c", src),
        target(Stats.of(Stat.Kind.CHAR_DEVICE).rdev(0x0802).size(0).build()), 0, SEQ).action());
  }

  @Test
  void entry_fifoAndSocket_areMadeAsSpecialFiles_andAnExistingOneSkipped() {
    Stat fifo = Stats.of(Stat.Kind.FIFO).mode(0600).size(0).build();
    Stat sock = Stats.of(Stat.Kind.SOCKET).mode(0755).size(0).build();

    WriteSpecial f = assertInstanceOf(WriteSpecial.class,
        decide(asAlice, source("p", fifo), null).action());
    WriteSpecial s = assertInstanceOf(WriteSpecial.class,
        decide(asAlice, source("s", sock), null).action());

    assertEquals(Stat.Kind.FIFO, f.kind());
    assertEquals(0600, f.meta().mode());
    assertEquals(Stat.Kind.SOCKET, s.kind());
    assertInstanceOf(Skip.class, decide(asAlice, source("p", fifo),
        target(Stats.of(Stat.Kind.FIFO).mode(0600).size(0).build())).action());
  }

  @Test
  void entry_singleFileCopiedUnderAnotherName_keepsItsSourceName() {
    Stat src = Stats.file(5).build();

    WriteFile w = (WriteFile) asAlice.entry(DIR, source("orig", src), b("copy"), null, ALICE,
        SEQ).action();

    assertArrayEquals(b("copy"), w.name());
    assertArrayEquals(b("orig"), w.sourceName());
  }

  @Test
  void entry_aDirectoryIsNotAnEntry() {
    assertThrows(IllegalArgumentException.class,
        () -> decide(asAlice, source("d", Stats.directory().build()), null));
  }

  // --- directories ---

  @Test
  void directory_missingTargetIsMade_existingOneMergedInto() {
    SourceEntry d = source("d", Stats.directory().build());

    MakeDirectory make = assertInstanceOf(MakeDirectory.class, asAlice.directory(DIR, d, null));
    assertArrayEquals(b("d"), make.name());
    assertNull(asAlice.directory(DIR, d, target(Stats.directory().mode(0700).build())));
  }

  @Test
  void directory_whereAFileOrALinkIs_isRefusedAsNotADirectory() {
    SourceEntry d = source("d", Stats.directory().build());

    for (Stat other : List.of(Stats.file(1).build(), Stats.symlink().build())) {
      Refuse r = assertInstanceOf(Refuse.class, asAlice.directory(DIR, d, target(other)));
      assertEquals("cannot create directory: exists and is not a directory", r.reason());
      assertTrue(r.blamesTarget());
      assertTrue(r.directory());
    }
  }

  @Test
  void directory_thatIsTheSourceItself_isRefused() {
    Stat src = Stats.directory().build();

    Refuse r = assertInstanceOf(Refuse.class, asAlice.directory(DIR, source("d", src),
        target(Stats.directory().sameFileAs(src).build())));

    assertEquals(Planner.SAME_FILE, r.reason());
  }

  @Test
  void finish_givesTheSourcesModeTimesAndOwnerAsRoot() {
    Stat src = Stats.directory().mode(0750).owner(BOB, STAFF).build();

    FinishDirectory f = asRoot.finish(DIR, b("d"), status(src), null, true, false, 2);

    assertEquals(new Meta(0750, BOB, STAFF, src.atime(), src.mtime()), f.meta());
    assertEquals(2, f.depth());
    assertEquals(DirectoryFixes.NONE, f.fixes(),
        "a directory this run makes has nothing to differ from");
  }

  @Test
  void finish_notRoot_keepsOnlyAGroupTheUserIsIn() {
    Stat staff = Stats.directory().owner(BOB, STAFF).build();
    Stat foreign = Stats.directory().owner(BOB, 77).build();

    Meta toStaff = asAlice.finish(DIR, b("d"), status(staff), null, true, false, 1).meta();
    Meta toForeign = asAlice.finish(DIR, b("d"), status(foreign), null, true, false, 1).meta();

    assertEquals(-1, toStaff.uid());
    assertEquals(STAFF, toStaff.gid());
    assertEquals(-1, toForeign.gid());
  }

  @Test
  void finish_saysWhatAnExistingTargetDiffersIn() {
    Stat src = Stats.directory().mode(0755).owner(BOB, BOB).build();
    Stat found = Stats.directory().mode(0700).owner(ALICE, ALICE).build();

    FinishDirectory f = asRoot.finish(DIR, b("d"), status(src), status(found), true, false, 1);
    FinishDirectory same = asRoot.finish(DIR, b("d"), status(src),
        status(Stats.directory().mode(0755).owner(BOB, BOB).build()), true, false, 1);

    assertEquals(new DirectoryFixes(true, true, false, false, false), f.fixes());
    assertEquals(DirectoryFixes.NONE, same.fixes());
  }

  @Test
  void finish_saysWhenAnExistingTargetsTimeDiffers_onlyWhenTimesAreSet() {
    Stat src = Stats.directory().build();
    Stat older = Stats.directory().mtime(new Timestamp(978_307_200L, 0)).build();
    Stat movedAccess = Stats.directory().atime(new Timestamp(5, 0)).build();

    assertTrue(asAlice.finish(DIR, b("d"), status(src), status(older), true, false, 1)
        .fixes().times());
    assertFalse(asAlice.finish(DIR, b("d"), status(src), status(older), false, false, 1)
        .fixes().times(), "another run's temporary files stay: its times are not set");
    assertFalse(asAlice.finish(DIR, b("d"), status(src), status(older), true, true, 1)
        .fixes().times(), "the run changes its entries: its time is put back as their copy");
    assertEquals(DirectoryFixes.NONE,
        asAlice.finish(DIR, b("d"), status(src), status(movedAccess), true, false, 1).fixes(),
        "listing a directory moves its access time");
  }

  @Test
  void finish_aTargetThatKeptTheTimeInWholeSecondsOnly_needsNoFix() {
    // ext4 with 128-byte inodes, say: a re-run found its directories' times a fraction of a
    // second off at every run, and said `touch` for each, for ever.
    Stat src = Stats.directory().mtime(new Timestamp(1_700_000_000L, 123_456_789)).build();
    Stat seconds = Stats.directory().mtime(new Timestamp(1_700_000_000L, 0)).build();
    Stat secondLater = Stats.directory().mtime(new Timestamp(1_700_000_001L, 0)).build();

    FinishDirectory kept = asAlice.finish(DIR, b("d"), status(src), status(seconds), true,
        false, 1);

    assertEquals(DirectoryFixes.NONE, kept.fixes());
    assertTrue(Planner.isFinished(kept, seconds, true));
    FinishDirectory off = asAlice.finish(DIR, b("d"), status(src), status(secondLater), true,
        false, 1);
    assertTrue(off.fixes().times());
    assertFalse(Planner.isFinished(off, secondLater, true));
  }

  @Test
  void finish_saysWhenAnExistingTargetsAttributesDiffer_aclsApartFromTheOthers() {
    Xattr user = new Xattr(b("user.x"), b("1"));
    Xattr other = new Xattr(b("user.x"), b("2"));
    Xattr extra = new Xattr(b("user.y"), b("1"));
    Xattr acl = new Xattr(b(Xattr.ACL_DEFAULT), b("acl"));
    Stat dir = Stats.directory().build();
    DirectoryStatus src = new DirectoryStatus(dir, List.of(user));

    assertEquals(new DirectoryFixes(false, false, false, true, false),
        asAlice.finish(DIR, b("d"), src, status(dir), true, false, 1).fixes(), "missing");
    assertEquals(new DirectoryFixes(false, false, false, true, false), asAlice.finish(DIR,
        b("d"), src, new DirectoryStatus(dir, List.of(other)), true, false, 1).fixes(),
        "another value");
    assertEquals(new DirectoryFixes(false, false, false, true, false), asAlice.finish(DIR,
        b("d"), src, new DirectoryStatus(dir, List.of(user, extra)), true, false, 1).fixes(),
        "extra");
    assertEquals(new DirectoryFixes(false, false, true, false, false), asAlice.finish(DIR,
        b("d"), src, new DirectoryStatus(dir, List.of(user, acl)), true, false, 1).fixes(),
        "an ACL");
    assertEquals(DirectoryFixes.NONE, asAlice.finish(DIR, b("d"), src,
        new DirectoryStatus(dir, List.of(user)), true, false, 1).fixes());
  }

  @Test
  void finish_ignoresTargetAttributesOfKindsNotCopied() {
    Stat dir = Stats.directory().build();
    DirectoryStatus trusted = new DirectoryStatus(dir,
        List.of(new Xattr(b("trusted.t"), b("1"))));
    Planner noAttributes = new Planner(new Policy(false, true, 0, new int[] {0}, false, false,
        true, false));

    assertEquals(DirectoryFixes.NONE,
        asAlice.finish(DIR, b("d"), status(dir), trusted, true, false, 1).fixes(),
        "a non-root copy neither reads nor removes trusted.*");
    assertEquals(DirectoryFixes.NONE, noAttributes.finish(DIR, b("d"),
        new DirectoryStatus(dir, List.of(new Xattr(b("user.x"), b("1")))), status(dir), true,
        false, 1)
        .fixes());
  }

  @Test
  void finish_keepsOnlyTheExtendedAttributesThePolicyKeeps() {
    Xattr user = new Xattr(b("user.a"), b("1"));
    Xattr trusted = new Xattr(b("trusted.b"), b("2"));

    List<Xattr> kept = asAlice.finish(DIR, b("d"),
        new DirectoryStatus(Stats.directory().build(), List.of(user, trusted)), null, true,
        false, 1).xattrs();

    assertEquals(List.of(user), kept);
  }

  @Test
  void isFinished_whenModeTimeAndOwnerAreTheSources() {
    Stat src = Stats.directory().mode(0755).owner(BOB, BOB).build();
    FinishDirectory f = asRoot.finish(DIR, b("d"), status(src), null, true, false, 1);
    Timestamp other = new Timestamp(5, 0);

    assertTrue(Planner.isFinished(f, Stats.directory().mode(0755).owner(BOB, BOB).build(), true));
    assertFalse(Planner.isFinished(f, Stats.directory().mode(0700).owner(BOB, BOB).build(),
        true));
    assertFalse(Planner.isFinished(f, Stats.directory().mode(0755).owner(ALICE, BOB).build(),
        true));
    assertFalse(Planner.isFinished(f, Stats.directory().mode(0755).owner(BOB, ALICE).build(),
        true));
    assertFalse(Planner.isFinished(f, Stats.directory().mode(0755).owner(BOB, BOB)
        .mtime(other).build(), true));
    assertTrue(Planner.isFinished(f, Stats.directory().mode(0755).owner(BOB, BOB)
        .mtime(other).build(), false), "times not wanted: another time is no change");
    assertTrue(Planner.isFinished(f, Stats.directory().mode(0755).owner(BOB, BOB)
        .atime(other).build(), true), "listing a directory moves its access time");
  }

  @Test
  void isFinished_notRoot_ignoresTheOwnerItCannotGive() {
    FinishDirectory f = asAlice.finish(DIR, b("d"),
        status(Stats.directory().owner(BOB, 77).build()), null, true, false, 1);

    assertTrue(Planner.isFinished(f, Stats.directory().owner(ALICE, ALICE).build(), true));
    assertFalse(Planner.isFinished(f, Stats.file(1).mode(0755).build(), true),
        "a file is never a finished directory");
  }

  // --- extended attributes kept ---

  @Test
  void kept_userAttributesForAnyone_othersForRootOnly_aclsAsTheirOwnOption() {
    Xattr user = new Xattr(b("user.mime"), b("text/plain"));
    Xattr security = new Xattr(b("security.selinux"), b("x"));
    Xattr trusted = new Xattr(b("trusted.t"), b("y"));
    Xattr acl = new Xattr(b(Xattr.ACL_ACCESS), b("acl"));
    List<Xattr> all = List.of(user, security, trusted, acl);

    assertEquals(List.of(user, acl), asAlice.kept(all));
    assertEquals(all, asRoot.kept(all));
    assertEquals(List.of(user),
        new Planner(new Policy(false, false, ALICE, new int[] {ALICE}, true, false, true, false))
            .kept(all));
    assertEquals(List.of(acl),
        new Planner(new Policy(false, true, 0, new int[] {0}, false, true, true, false)).kept(all));
    assertEquals(List.of(), asAlice.kept(List.of()));
  }
}
