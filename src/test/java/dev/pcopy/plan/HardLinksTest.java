package dev.pcopy.plan;

import static dev.pcopy.testing.Raw.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.fs.Stat;
import dev.pcopy.fs.Timestamp;
import dev.pcopy.plan.Action.FixMetadata;
import dev.pcopy.plan.Action.HardLink;
import dev.pcopy.plan.Action.Skip;
import dev.pcopy.plan.Action.WriteLink;
import dev.pcopy.plan.Action.WriteSpecial;
import dev.pcopy.testing.RecordingActionSink;
import dev.pcopy.testing.Stats;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link HardLinks} with groups of symbolic links, FIFOs and devices, each member decided by the
 * real {@link Planner} (as root): a group is one write, made the anchor, and links to it, across
 * directories; a re-run links members the target has apart to one that is already right; a
 * group whose other links the walk never sees (a selection left them out) is written when the
 * walk ends.
 */
class HardLinksTest {
  private static final byte[] TEXT = b("target");

  private final Planner planner = new Planner(new Policy(false, true, 0, new int[] {0}, true,
      true, true, false));
  private final HardLinks links = new HardLinks();
  private long seq = 1;

  /** The decisions that {@code dir/name}, found as {@code stat}, lets out now. */
  private List<Decision> member(String dir, String name, Stat stat, TargetEntry target) {
    byte[] text = stat.isSymlink() ? TEXT : null;
    long number = seq++;
    Decision decided = planner.entry(b(dir), new SourceEntry(b(name), stat, text, true), target,
        0, number);
    return links.member(decided, stat, target, number);
  }

  private static List<String> lines(List<Decision> decisions) {
    return decisions.stream().map(d -> d.action().getClass().getSimpleName() + " "
        + RecordingActionSink.path(d.action().dir(), d.action().name()) + " after " + d.after())
        .toList();
  }

  @Test
  void symbolicLinks_acrossDirectories_areOneAnchoredWrite_andLinksWaitingForIt() {
    Stat sym = Stats.symlink().nlink(3).build();

    assertEquals(List.of(), member("", "sym", sym, null));
    assertEquals(List.of(), member("", "sym2", sym, null));
    List<Decision> group = member("d", "sym3", sym, null);

    assertEquals(List.of("WriteLink sym after -1", "HardLink sym2 after 1",
        "HardLink d/sym3 after 1"), lines(group));
    WriteLink write = assertInstanceOf(WriteLink.class, group.get(0).action());
    assertTrue(write.anchor(), "its links wait for it");
    assertArrayEquals(TEXT, write.text());
    for (Decision d : group.subList(1, 3)) {
      HardLink link = (HardLink) d.action();
      assertEquals(Stat.Kind.SYMLINK, link.kind(), "counted as a link");
      assertArrayEquals(b(""), link.anchorDir());
      assertArrayEquals(b("sym"), link.anchorName());
    }
  }

  @Test
  void devices_keepTheirNumber_onTheAnchor() {
    Stat device = Stats.of(Stat.Kind.CHAR_DEVICE).rdev(259).nlink(2).build();

    member("", "c", device, null);
    List<Decision> group = member("", "c2", device, null);

    assertEquals(List.of("WriteSpecial c after -1", "HardLink c2 after 1"), lines(group));
    WriteSpecial write = (WriteSpecial) group.get(0).action();
    assertTrue(write.anchor());
    assertEquals(259, write.rdev());
    assertEquals(Stat.Kind.CHAR_DEVICE, ((HardLink) group.get(1).action()).kind());
  }

  /** Two of a FIFO's three links are walked (a selection left one out): written at the end. */
  @Test
  void fifo_withALinkTheWalkNeverSees_isWrittenWhenTheWalkEnds() {
    Stat fifo = Stats.of(Stat.Kind.FIFO).nlink(3).build();

    assertEquals(List.of(), member("", "p", fifo, null));
    assertEquals(List.of(), member("d", "p3", fifo, null));
    List<Decision> rest = links.finish();

    assertEquals(List.of("WriteSpecial p after -1", "HardLink d/p3 after 1"), lines(rest));
    assertTrue(((WriteSpecial) rest.get(0).action()).anchor());
    assertEquals(Stat.Kind.FIFO, ((HardLink) rest.get(1).action()).kind());
  }

  /**
   * A re-run over a copy made apart: the first member, already right, anchors the group; the
   * others are linked to it at once (nothing to wait for); one already linked is left alone.
   */
  @Test
  void rerun_membersTheTargetHasApart_areLinkedToTheFirst_oneLinkedAlreadyIsLeft() {
    Stat sym = Stats.symlink().nlink(3).build();
    Stat first = Stats.symlink().nlink(2).build();

    List<Decision> anchor = member("", "sym", sym, new TargetEntry(first, TEXT));
    List<Decision> apart = member("", "sym2", sym,
        new TargetEntry(Stats.symlink().build(), TEXT));
    List<Decision> linked = member("d", "sym3", sym,
        new TargetEntry(Stats.symlink().nlink(2).sameFileAs(first).build(), TEXT));

    assertEquals(List.of("Skip sym after -1"), lines(anchor));
    assertEquals(List.of("HardLink sym2 after -1"), lines(apart));
    assertEquals(Stat.Kind.SYMLINK, ((HardLink) apart.get(0).action()).kind());
    assertEquals(2, ((HardLink) apart.get(0).action()).seq(), "its own temporary name");
    assertInstanceOf(Skip.class, linked.get(0).action());
    assertEquals(List.of(), links.finish());
  }

  /**
   * A re-run over a copy made apart, whose source's time changed since: the first member's fix
   * anchors the group, and the links wait for it (a link made first would give it a second
   * name, and a fix leaves such an entry alone).
   */
  @Test
  void rerun_firstMemberNeedingAFix_isTheAnchor_andItsLinksWaitForTheFix() {
    Stat sym = Stats.symlink().nlink(2).mtime(new Timestamp(1_600_000_000L, 0)).build();

    List<Decision> anchor = member("", "sym", sym, new TargetEntry(Stats.symlink().build(), TEXT));
    List<Decision> apart = member("d", "sym2", sym,
        new TargetEntry(Stats.symlink().build(), TEXT));

    FixMetadata fix = assertInstanceOf(FixMetadata.class, anchor.get(0).action());
    assertTrue(fix.anchor(), "its links wait for it");
    assertEquals(List.of("HardLink d/sym2 after " + fix.seq()), lines(apart));
  }
}
