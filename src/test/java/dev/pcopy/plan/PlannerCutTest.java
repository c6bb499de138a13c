package dev.pcopy.plan;

import static dev.pcopy.testing.Raw.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.fs.Stat;
import dev.pcopy.fs.Timestamp;
import dev.pcopy.plan.Action.Skip;
import dev.pcopy.plan.Action.WriteFile;
import dev.pcopy.testing.Stats;
import java.util.BitSet;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * How the planner cuts a big file's write into chunks ({@link Planner#cut}): a small file, and
 * anything but a write, goes as decided; a big one gets a fresh record of its source; and a
 * partial copy a stopped run left is continued only when its record is of this very source
 * (name, size, time, device, inode) unchanged since, in chunks of today's size. Pure: no disk.
 */
class PlannerCutTest {
  private static final Planner PLANNER = new Planner(new Policy(false, false, 1000,
      new int[] {1000}, true, true, true, false));
  private static final long BIG = 300L << 20;
  private static final byte[] TEMP = b(".pcopy-dead-3.tmp");
  private static final byte[] RECORD = b(".pcopy-dead-3.part");

  private final Stat bigStat = Stats.file(BIG).build();

  private static SourceEntry source(String name, Stat stat) {
    return new SourceEntry(b(name), stat, null, true);
  }

  private static Decision decided(SourceEntry source) {
    return PLANNER.entry(b("d"), source, null, 1000, 42);
  }

  /** The partial copy a stopped run left of {@code source}, as its record says, chunks 0, 2 done. */
  private static Decision.Partial found(SourceEntry source) {
    Stat s = source.stat();
    return found(PartialRecord.begun(s.size(), s.mtime(), s.ctime(), s.dev(), s.ino(),
        Chunks.SIZE, source.name()));
  }

  private static Decision.Partial found(PartialRecord begun) {
    BitSet done = new BitSet();
    done.set(0);
    done.set(2);
    return new Decision.Partial(TEMP, RECORD, new PartialRecord(begun.size(), begun.mtime(),
        begun.ctime(), begun.dev(), begun.ino(), begun.chunkSize(), begun.name(), 0, done));
  }

  @Test
  void cut_smallFile_goesAsDecided_evenWithAPartialCopyFound() {
    SourceEntry small = source("f", Stats.file(Chunks.THRESHOLD - 1).build());
    Decision d = decided(small);

    assertSame(d, PLANNER.cut(d, small, found(small)));
    assertNull(d.cut());
  }

  @Test
  void cut_anythingButAWrite_goesAsDecided() {
    SourceEntry big = source("f", bigStat);
    Decision skip = Decision.of(new Skip(b("d"), b("f"), BIG));

    assertSame(skip, PLANNER.cut(skip, big, found(big)));
  }

  @Test
  void cut_aFileOfTheThresholdExactly_isCut() {
    SourceEntry atThreshold = source("f", Stats.file(Chunks.THRESHOLD).build());

    assertNotNull(PLANNER.cut(decided(atThreshold), atThreshold, null).cut());
  }

  @Test
  void cut_bigFileWithoutAPartialCopy_isAFreshCutOfItsSource_keepingTheDecision() {
    Timestamp mtime = new Timestamp(1_650_000_000L, 5);
    Stat stat = Stats.file(BIG).mtime(mtime).ino(777).build();
    SourceEntry big = source("big.iso", stat);
    Decision d = new Decision(decided(big).action(), List.of("a warning"), 17);

    Decision cut = PLANNER.cut(d, big, null);

    assertSame(d.action(), cut.action());
    assertEquals(List.of("a warning"), cut.warnings());
    assertEquals(17, cut.after());
    assertFalse(cut.cut().resumes());
    assertNull(cut.cut().temp());
    assertNull(cut.cut().recordName());
    PartialRecord r = cut.cut().record();
    assertEquals(List.of(BIG, Chunks.SIZE, stat.dev(), 777L), List.of(r.size(), r.chunkSize(),
        r.dev(), r.ino()));
    assertEquals(mtime, r.mtime());
    assertArrayEquals(b("big.iso"), r.name());
    assertTrue(r.done().isEmpty());
    assertEquals(BIG, r.remainingBytes());
  }

  @Test
  void cut_continuesAPartialCopyOfTheSameSourceUnchanged() {
    SourceEntry big = source("big.iso", bigStat);
    Decision.Partial partial = found(big);

    Decision.Cut cut = PLANNER.cut(decided(big), big, partial).cut();

    assertTrue(cut.resumes());
    assertSame(partial.temp(), cut.temp());
    assertSame(partial.recordName(), cut.recordName());
    assertSame(partial.record(), cut.record());
    assertEquals(BIG - 2 * Chunks.SIZE, cut.record().remainingBytes());
  }

  @Test
  void cut_startsOverWhenTheRecordIsOfAnythingElse() {
    SourceEntry big = source("big.iso", bigStat);
    Stat s = bigStat;
    Timestamp later = new Timestamp(s.mtime().seconds(), s.mtime().nanos() + 1);
    List<Function<PartialRecord, PartialRecord>> changes = List.of(
        r -> PartialRecord.begun(
            BIG + 1, s.mtime(), s.ctime(), s.dev(), s.ino(), Chunks.SIZE, r.name()),
        r -> PartialRecord.begun(
            BIG, later, s.ctime(), s.dev(), s.ino(), Chunks.SIZE, r.name()),
        // Written to and its modification time put back: only the change time tells.
        r -> PartialRecord.begun(
            BIG, s.mtime(), later, s.dev(), s.ino(), Chunks.SIZE, r.name()),
        r -> PartialRecord.begun(
            BIG, s.mtime(), s.ctime(), s.dev() + 1, s.ino(), Chunks.SIZE, r.name()),
        r -> PartialRecord.begun(
            BIG, s.mtime(), s.ctime(), s.dev(), s.ino() + 1, Chunks.SIZE, r.name()),
        r -> PartialRecord.begun(
            BIG, s.mtime(), s.ctime(), s.dev(), s.ino(), Chunks.SIZE, b("big.iso~")),
        r -> PartialRecord.begun(
            BIG, s.mtime(), s.ctime(), s.dev(), s.ino(), Chunks.SIZE / 2, r.name()));
    PartialRecord same = PartialRecord.begun(BIG, s.mtime(), s.ctime(), s.dev(), s.ino(),
        Chunks.SIZE, b("big.iso"));

    for (int i = 0; i < changes.size(); i++) {
      Decision.Cut cut = PLANNER.cut(decided(big), big, found(changes.get(i).apply(same))).cut();

      assertFalse(cut.resumes(), "change " + i);
      assertTrue(cut.record().done().isEmpty(), "change " + i);
      assertEquals(BIG, cut.record().remainingBytes(), "change " + i);
      assertEquals(Chunks.SIZE, cut.record().chunkSize(), "change " + i);
    }
  }
}
