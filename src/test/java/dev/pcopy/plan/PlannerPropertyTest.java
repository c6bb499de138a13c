package dev.pcopy.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pcopy.fs.Stat;
import dev.pcopy.fs.Timestamp;
import dev.pcopy.plan.Action.FixMetadata;
import dev.pcopy.plan.Action.Refuse;
import dev.pcopy.plan.Action.Skip;
import dev.pcopy.plan.Action.WriteFile;
import dev.pcopy.plan.Action.WriteLink;
import dev.pcopy.plan.Action.WriteSpecial;
import dev.pcopy.testing.Stats;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The planner's decisions, on generated source entries and target states, carried out on a model
 * of the target: a second decision is then always "unchanged" (a second {@code pcopy -n} after a
 * run prints nothing), a target with other hard links is never changed in place, and nothing is
 * decided that the dry run and {@code -v} could not both print, since both print the one action.
 */
class PlannerPropertyTest {
  private static final byte[] DIR = "d".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NAME = "e".getBytes(StandardCharsets.US_ASCII);
  private static final int ME = 1000;
  private static final int MY_GROUP = 1000;
  private static final int OTHER_GROUP_OF_MINE = 1001;

  /** One generated case: what is in SRC, what is in DST, and who runs the copy. */
  private record Case(Policy policy, SourceEntry source, TargetEntry target, int newEntryGid) {}

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void decisionsCarriedOut_leaveNothingToDo_andNeverTouchAnotherLinkInPlace(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 2_000; i++) {
      Case c = generate(random);
      Planner planner = new Planner(c.policy());
      Decision first = planner.entry(DIR, c.source(), c.target(), c.newEntryGid(), i);
      Action action = first.action();
      if (action instanceof Refuse) {
        continue;
      }
      if (c.target() != null && c.target().stat().nlink() > 1) {
        assertFalse(action instanceof FixMetadata, () -> "changed in place: " + c);
      }
      TargetEntry after = carryOut(action, c);
      Decision second = planner.entry(DIR, c.source(), after, c.newEntryGid(), i);
      String where = "seed " + seed + " case " + i;
      assertInstanceOf(Skip.class, second.action(),
          () -> where + ": " + c + " then " + action + " left " + second.action());
    }
  }

  private static Case generate(Random r) {
    boolean root = r.nextBoolean();
    Policy policy = new Policy(false, root, root ? 0 : ME,
        new int[] {MY_GROUP, OTHER_GROUP_OF_MINE}, true, true, true, r.nextInt(4) == 0);
    Stat.Kind kind = switch (r.nextInt(6)) {
      case 0, 1, 2 -> Stat.Kind.FILE;
      case 3 -> Stat.Kind.SYMLINK;
      case 4 -> Stat.Kind.FIFO;
      default -> root ? Stat.Kind.CHAR_DEVICE : Stat.Kind.FIFO;
    };
    int mode = kind == Stat.Kind.SYMLINK ? 0777
        : (r.nextInt(5) == 0 ? 04000 : 0) | (r.nextInt(5) == 0 ? 02000 : 0) | r.nextInt(01000);
    int uid = r.nextBoolean() ? ME : 2000 + r.nextInt(3);
    int gid = switch (r.nextInt(3)) {
      case 0 -> MY_GROUP;
      case 1 -> OTHER_GROUP_OF_MINE;
      default -> 3000;
    };
    Timestamp mtime = new Timestamp(1_700_000_000L + r.nextInt(1000), r.nextInt(1_000_000_000));
    Stat src = Stats.of(kind).mode(mode).owner(uid, gid).size(kind == Stat.Kind.FILE
        ? r.nextInt(10_000) : 0).mtime(mtime).rdev(kind == Stat.Kind.CHAR_DEVICE ? 259 : 0)
        .build();
    byte[] text = kind == Stat.Kind.SYMLINK ? ("t" + r.nextInt(3)).getBytes(
        StandardCharsets.US_ASCII) : null;
    SourceEntry source = new SourceEntry(NAME, src, text, true);
    int newEntryGid = r.nextBoolean() ? MY_GROUP : OTHER_GROUP_OF_MINE;
    return new Case(policy, source, target(r, src, text, root, policy), newEntryGid);
  }

  /** A target state: none, an equal copy, or a copy with one thing or another that differs. */
  private static TargetEntry target(Random r, Stat src, byte[] text, boolean root,
      Policy policy) {
    if (r.nextInt(5) == 0) {
      return null;
    }
    Stats.Builder t = Stats.of(src.kind()).mode(src.mode()).owner(src.uid(), src.gid())
        .size(src.size()).mtime(src.mtime()).rdev(src.rdev());
    byte[] targetText = text;
    Boolean sameBytes = Boolean.TRUE;
    switch (r.nextInt(8)) {
      case 0 -> { }
      case 1 -> {
        // The walk compares bytes only of files of one size.
        t.size(src.size() + 1);
        sameBytes = null;
      }
      case 2 -> t.mtime(new Timestamp(src.mtime().seconds() - 5, 0));
      case 3 -> t.mode(src.mode() ^ 0022);
      case 4 -> t.owner(src.uid() + 1, src.gid() + 1);
      case 5 -> t.nlink(2).mode(src.mode() ^ 0100);
      case 6 -> {
        sameBytes = Boolean.FALSE;
        targetText = text == null ? null : "other".getBytes(StandardCharsets.US_ASCII);
      }
      default -> t.owner(root ? 4242 : ME, MY_GROUP);
    }
    return new TargetEntry(t.build(), targetText,
        policy.checksum() && src.isFile() ? sameBytes : null);
  }

  /** The target as the action leaves it. */
  private static TargetEntry carryOut(Action action, Case c) {
    Stat src = c.source().stat();
    Policy policy = c.policy();
    if (action instanceof Skip) {
      return c.target();
    }
    if (action instanceof WriteFile || action instanceof WriteLink
        || action instanceof WriteSpecial) {
      Meta meta = action instanceof WriteFile w ? w.meta()
          : action instanceof WriteLink l ? l.meta() : ((WriteSpecial) action).meta();
      Stat made = Stats.of(src.kind()).mode(meta.mode())
          .owner(meta.uid() != -1 ? meta.uid() : policy.uid(),
              meta.gid() != -1 ? meta.gid() : c.newEntryGid())
          .size(src.size()).mtime(meta.mtime()).rdev(src.rdev()).build();
      return new TargetEntry(made, c.source().linkText(),
          policy.checksum() && src.isFile() ? Boolean.TRUE : null);
    }
    if (action instanceof FixMetadata f) {
      Stat t = c.target().stat();
      Stats.Builder fixed = Stats.of(t.kind()).sameFileAs(t).nlink(t.nlink())
          .mode(f.mode() != -1 ? f.mode() : t.mode())
          .owner(f.uid() != -1 ? f.uid() : t.uid(), f.gid() != -1 ? f.gid() : t.gid())
          .size(t.size()).mtime(f.mtime() != null ? f.mtime() : t.mtime()).rdev(t.rdev());
      return new TargetEntry(fixed.build(), c.target().linkText(), c.target().sameBytes());
    }
    fail("unexpected action " + action);
    return null;
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void anEqualCopy_isUnchanged_whoeverRunsIt(boolean root) {
    Policy policy = new Policy(false, root, root ? 0 : ME, new int[] {MY_GROUP}, true, true,
        true, false);
    Stat src = Stats.file(10).mode(0644).owner(ME, MY_GROUP).build();
    TargetEntry target = new TargetEntry(Stats.file(10).mode(0644).owner(ME, MY_GROUP).build(),
        null);

    Decision d = new Planner(policy).entry(DIR, new SourceEntry(NAME, src, null, true), target,
        MY_GROUP, 1);

    assertEquals(new Skip(DIR, NAME, 10), d.action());
  }
}
