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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link HardLinks} with groups of symbolic links, FIFOs and devices, each member decided by the
 * real {@link Planner} (as root): a group is one write, made the anchor, and links to it, across
 * directories; a re-run links members the target has apart to one that is already right; a
 * group whose other links the walk never sees (a selection left them out) is written when the
 * walk ends. The anchor is the first member in path order, whatever order the members come in.
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

  /** Each decision with its entry number and, for a link, what it links to. */
  private static List<String> fullLines(List<Decision> decisions) {
    return decisions.stream().map(d -> {
      Action a = d.action();
      String line = a.getClass().getSimpleName() + " " + RecordingActionSink.path(a.dir(), a.name())
          + " after " + d.after();
      if (a instanceof HardLink link) {
        line += " seq " + link.seq() + " => "
            + RecordingActionSink.path(link.anchorDir(), link.anchorName());
      } else if (a instanceof Action.Anchorable w) {
        line += " seq " + w.seq() + (w.anchor() ? " anchor" : "");
      }
      return line;
    }).toList();
  }

  /** One member as the walk would report it: where it is, and its target (or null). */
  private record Reported(String dir, String name, TargetEntry target) {}

  /**
   * Reports {@code members} to a fresh {@link HardLinks} in {@code order} (each keeps its entry
   * number, as the walk gives it), ends the walk, and returns every decision let out.
   */
  private List<String> decidedInOrder(Stat source, List<Reported> members, List<Integer> order) {
    HardLinks fresh = new HardLinks();
    List<Decision> out = new ArrayList<>();
    for (int i : order) {
      Reported m = members.get(i);
      Decision decided = planner.entry(b(m.dir()), new SourceEntry(b(m.name()), source, null,
          true), m.target(), 0, 100 + i);
      out.addAll(fresh.member(decided, source, m.target(), 100 + i));
    }
    out.addAll(fresh.finish());
    return fullLines(out);
  }

  /** Every order of {@code 0 .. n-1}. */
  private static List<List<Integer>> permutations(int n) {
    List<List<Integer>> all = new ArrayList<>();
    permute(new ArrayList<>(), n, all);
    return all;
  }

  private static void permute(List<Integer> prefix, int n, List<List<Integer>> all) {
    if (prefix.size() == n) {
      all.add(List.copyOf(prefix));
      return;
    }
    for (int i = 0; i < n; i++) {
      if (!prefix.contains(i)) {
        prefix.add(i);
        permute(prefix, n, all);
        prefix.remove(prefix.size() - 1);
      }
    }
  }

  /**
   * A re-run over a group DST holds partly, apart and partly linked: in every order the members
   * can come in, the anchor is the first member by path (bytes compared unsigned, so {@code é}
   * comes last and {@code a.p} before {@code a/p}) whose target already holds the content, a
   * member linked to it already is left alone, and the rest are linked to it.
   */
  @Test
  void anyArrivalOrder_choosesTheSameAnchor_theFirstByPathAmongThoseAlreadyRight() {
    Stat fifo = Stats.of(Stat.Kind.FIFO).nlink(5).build();
    Stat right = Stats.of(Stat.Kind.FIFO).nlink(2).build();
    Stat other = Stats.of(Stat.Kind.FIFO).nlink(2).build();
    List<Reported> members = List.of(
        new Reported("b", "p", new TargetEntry(other, null)),
        new Reported("\u00e9", "p", new TargetEntry(
            Stats.of(Stat.Kind.FIFO).nlink(2).sameFileAs(right).build(), null)),
        new Reported("", "a.p", null),
        new Reported("a/x", "p", new TargetEntry(
            Stats.of(Stat.Kind.FIFO).nlink(2).sameFileAs(other).build(), null)),
        new Reported("a", "p", new TargetEntry(right, null)));
    List<String> expected = List.of(
        "Skip a/p after -1",
        "HardLink a.p after -1 seq 102 => a/p",
        "HardLink a/x/p after -1 seq 103 => a/p",
        "HardLink b/p after -1 seq 100 => a/p",
        "Skip \u00e9/p after -1");

    for (List<Integer> order : permutations(members.size())) {
      assertEquals(expected, decidedInOrder(fifo, members, order), "in the order " + order);
    }
  }

  /**
   * A first copy of a group, two of whose five links a selection left out: in every order, the
   * walk's end writes the first member by path and links the others to it, after its write.
   */
  @Test
  void anyArrivalOrder_withNothingInPlace_writesTheFirstByPath() {
    Stat fifo = Stats.of(Stat.Kind.FIFO).nlink(5).build();
    List<Reported> members = List.of(new Reported("b", "p", null),
        new Reported("a/x", "p", null), new Reported("a", "p", null));
    List<String> expected = List.of(
        "WriteSpecial a/p after -1 seq 102 anchor",
        "HardLink a/x/p after 102 seq 101 => a/p",
        "HardLink b/p after 102 seq 100 => a/p");

    for (List<Integer> order : permutations(members.size())) {
      assertEquals(expected, decidedInOrder(fifo, members, order), "in the order " + order);
    }
  }

  @Test
  void symbolicLinks_acrossDirectories_areOneAnchoredWrite_andLinksWaitingForIt() {
    Stat sym = Stats.symlink().nlink(3).build();

    assertEquals(List.of(), member("", "sym", sym, null));
    assertEquals(List.of(), member("", "sym2", sym, null));
    List<Decision> group = member("d", "sym3", sym, null);

    assertEquals(List.of("WriteLink d/sym3 after -1", "HardLink sym after 3",
        "HardLink sym2 after 3"), lines(group));
    WriteLink write = assertInstanceOf(WriteLink.class, group.get(0).action());
    assertTrue(write.anchor(), "its links wait for it");
    assertArrayEquals(TEXT, write.text());
    for (Decision d : group.subList(1, 3)) {
      HardLink link = (HardLink) d.action();
      assertEquals(Stat.Kind.SYMLINK, link.kind(), "counted as a link");
      assertArrayEquals(b("d"), link.anchorDir());
      assertArrayEquals(b("sym3"), link.anchorName());
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

    assertEquals(List.of("WriteSpecial d/p3 after -1", "HardLink p after 2"), lines(rest));
    assertTrue(((WriteSpecial) rest.get(0).action()).anchor());
    assertEquals(Stat.Kind.FIFO, ((HardLink) rest.get(1).action()).kind());
  }

  /**
   * A re-run over a copy made apart: once the group is complete, the first member by path,
   * already right, anchors it; the others are linked to it (nothing to wait for); one already
   * linked is left alone.
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

    assertEquals(List.of(), anchor);
    assertEquals(List.of(), apart);
    assertEquals(List.of("Skip d/sym3 after -1", "Skip sym after -1", "HardLink sym2 after -1"),
        lines(linked));
    HardLink link = (HardLink) linked.get(2).action();
    assertEquals(Stat.Kind.SYMLINK, link.kind());
    assertEquals(2, link.seq(), "its own temporary name");
    assertArrayEquals(b("sym3"), link.anchorName());
    assertEquals(0, ((Skip) linked.get(1).action()).size(), "counted once, on the anchor");
    assertEquals(List.of(), links.finish());
  }

  /**
   * A re-run over a copy made apart, whose source's time changed since: the first member's fix
   * (by path) anchors the group, and the links wait for it (a link made first would give it a
   * second name, and a fix leaves such an entry alone).
   */
  @Test
  void rerun_firstMemberNeedingAFix_isTheAnchor_andItsLinksWaitForTheFix() {
    Stat sym = Stats.symlink().nlink(2).mtime(new Timestamp(1_600_000_000L, 0)).build();

    List<Decision> first = member("", "sym", sym, new TargetEntry(Stats.symlink().build(), TEXT));
    List<Decision> group = member("d", "sym2", sym,
        new TargetEntry(Stats.symlink().build(), TEXT));

    assertEquals(List.of(), first);
    FixMetadata fix = assertInstanceOf(FixMetadata.class, group.get(0).action());
    assertTrue(fix.anchor(), "its links wait for it");
    assertArrayEquals(b("sym2"), fix.name());
    assertEquals(List.of("HardLink sym after " + fix.seq()), lines(group.subList(1, 2)));
  }
}
