package dev.pcopy.plan;

import dev.pcopy.fs.Stat;
import dev.pcopy.plan.Action.Anchorable;
import dev.pcopy.plan.Action.FixMetadata;
import dev.pcopy.plan.Action.HardLink;
import dev.pcopy.plan.Action.Refuse;
import dev.pcopy.plan.Action.Skip;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps hard links: entries that share an inode in SRC share one in DST, whatever they are:
 * files, and symbolic links and special files too, as {@code cp -a} and {@code rsync -H} keep
 * them (backup stores made with {@code cp -al} or {@code rsync --link-dest} hold hard-linked
 * symbolic links by the thousand). One member of each group (its anchor) holds the content;
 * every other member becomes a hard link to it.
 *
 * <p>Only entries with more than one link are remembered, by device and inode, as {@code cp}
 * does; a group is forgotten once all its links have been seen. Its members are held until
 * then (or until the walk ends, for a group with links outside SRC or left out by a
 * selection), and only then is the anchor chosen: the walk threads report members in an order
 * that changes from run to run, and a dry run must name the anchor the real run writes. The
 * anchor is the first member, in the byte order of the relative path, whose target already
 * holds the content (a re-run, or a group partly present), so that a group is mended by
 * linking, not by copying; when none does, the first member by that order is written. A member
 * already linked to the anchor is left alone. Links wait for their anchor's write, or its fix
 * (mode, owner, times) when it needs one.
 *
 * <p>Thread-safe: walk threads report members concurrently.
 */
public final class HardLinks {
  private final Map<Key, Group> groups = new HashMap<>();

  private record Key(long dev, long ino) {}

  /**
   * A member as the planner decided it, with its entry number and the inode its target was
   * found to be (not its whole status: a group with links outside SRC is held until the walk
   * ends, which can be every entry of a snapshot of a backup store).
   */
  private record Member(Decision decision, long seq, boolean hasTarget, long targetDev,
      long targetIno) {
    static Member of(Decision decision, TargetEntry target, long seq) {
      return target == null ? new Member(decision, seq, false, 0, 0)
          : new Member(decision, seq, true, target.stat().dev(), target.stat().ino());
    }

    /** Whether the target already holds the content: it needs nothing or a fix. */
    boolean holdsContent() {
      Action a = decision.action();
      return hasTarget && (a instanceof Skip || a instanceof FixMetadata);
    }

    /** Whether this member's target and {@code other}'s are one file. */
    boolean sameTarget(Member other) {
      return hasTarget && other.hasTarget && targetDev == other.targetDev
          && targetIno == other.targetIno;
    }

    /** The relative path, the order in which the anchor is chosen. */
    byte[] path() {
      byte[] dir = decision.action().dir();
      byte[] name = decision.action().name();
      if (dir.length == 0) {
        return name;
      }
      byte[] path = Arrays.copyOf(dir, dir.length + 1 + name.length);
      path[dir.length] = '/';
      System.arraycopy(name, 0, path, dir.length + 1, name.length);
      return path;
    }
  }

  /** A member with its path, built once for sorting. */
  private record Sorted(byte[] path, Member member) {}

  /** Orders members by their relative path, byte by byte, as unsigned bytes. */
  private static final Comparator<Sorted> BY_PATH =
      Comparator.comparing(Sorted::path, Arrays::compareUnsigned);

  /** One group of links to the same source inode, while members are still to come. */
  private static final class Group {
    final long links;
    /** What the inode is: its links are counted as a file, a link or a special file. */
    final Stat.Kind kind;
    /** The members seen so far, in the order they came. */
    final List<Member> members = new ArrayList<>();

    Group(long links, Stat.Kind kind) {
      this.links = links;
      this.kind = kind;
    }
  }

  /**
   * Where a group's anchor is, what its links wait for (-1: nothing), and the member it is, or
   * null when its target is written anew (no other member can be linked to it already).
   */
  private record Anchor(byte[] dir, byte[] name, long seq, Stat.Kind kind, Member kept) {}

  /**
   * Takes the planner's decision for an entry that has other links, and returns what to do now:
   * nothing yet (its group is not complete), or the decisions of the whole group that this
   * member completes.
   *
   * @param source what the source entry is (its device, inode, kind and link count)
   * @param target what its target holds, or null
   * @param seq the member's entry number, for its temporary name
   */
  public synchronized List<Decision> member(Decision decision, Stat source, TargetEntry target,
      long seq) {
    if (decision.action() instanceof Refuse) {
      return List.of(decision);
    }
    Key key = new Key(source.dev(), source.ino());
    Group group = groups.computeIfAbsent(key, k -> new Group(source.nlink(), source.kind()));
    group.members.add(Member.of(decision, target, seq));
    if (group.members.size() < group.links) {
      return List.of();
    }
    groups.remove(key);
    return decide(group);
  }

  /**
   * Returns the decisions of the groups whose other links were never seen (they are outside
   * SRC, or a selection left them out), chosen as for a complete group. Call after the walk.
   */
  public synchronized List<Decision> finish() {
    List<Decision> now = new ArrayList<>();
    for (Group group : groups.values()) {
      now.addAll(decide(group));
    }
    groups.clear();
    return now;
  }

  /**
   * Chooses the anchor of a group whose members have all come, and returns its decision first,
   * then each other member's, in path order.
   */
  private static List<Decision> decide(Group group) {
    List<Member> members = group.members.stream().map(m -> new Sorted(m.path(), m))
        .sorted(BY_PATH).map(Sorted::member).toList();
    Member first = members.stream().filter(Member::holdsContent).findFirst()
        .orElse(members.get(0));
    List<Decision> now = new ArrayList<>(members.size());
    Decision d = first.decision();
    Anchor anchor;
    if (d.action() instanceof Skip skip) {
      anchor = new Anchor(skip.dir(), skip.name(), -1, group.kind, first);
      now.add(d);
    } else if (first.holdsContent()) {
      // A link made before the fix would give the anchor a second name, and a fix leaves an
      // entry with other names alone (one could be outside DST): the links wait for it.
      FixMetadata fix = (FixMetadata) d.action();
      anchor = new Anchor(fix.dir(), fix.name(), fix.seq(), group.kind, first);
      now.add(new Decision(fix.asAnchor(), d.warnings(), d.after(), d.cut()));
    } else {
      Anchorable write = (Anchorable) d.action();
      anchor = new Anchor(write.dir(), write.name(), write.seq(), group.kind, null);
      now.add(new Decision(write.asAnchor(), d.warnings(), -1, d.cut()));
    }
    for (Member m : members) {
      if (m != first) {
        now.add(linked(anchor, m));
      }
    }
    return now;
  }

  /**
   * A member other than the anchor: left alone if its target is already the anchor's very
   * file, else made a link to it, after the anchor's write or fix if it needs one.
   */
  private static Decision linked(Anchor anchor, Member m) {
    Action a = m.decision().action();
    if (anchor.kept() != null && m.sameTarget(anchor.kept())) {
      return Decision.of(new Skip(a.dir(), a.name(), 0));
    }
    return new Decision(new HardLink(a.dir(), a.name(), m.seq(), anchor.kind(), anchor.dir(),
        anchor.name()), List.of(), anchor.seq());
  }
}
