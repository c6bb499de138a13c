package dev.pcopy.plan;

import dev.pcopy.fs.Stat;
import dev.pcopy.plan.Action.Anchorable;
import dev.pcopy.plan.Action.FixMetadata;
import dev.pcopy.plan.Action.HardLink;
import dev.pcopy.plan.Action.Refuse;
import dev.pcopy.plan.Action.Skip;
import dev.pcopy.plan.Action.WorkerAction;
import java.util.ArrayList;
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
 * does; a group is forgotten once all its links have been seen. The anchor is the first member
 * whose target already holds the content (a re-run, or a group partly present), so that a group
 * is mended by linking, not by copying; until one is found, members whose target needs writing
 * wait, and only when the group is complete (or the walk ends, for a group with links outside
 * SRC) is the first of them written and the rest linked to it. A member already linked to the
 * anchor is left alone. Links wait for their anchor's write, or its fix (mode, owner, times)
 * when it needs one.
 *
 * <p>Thread-safe: walk threads report members concurrently.
 */
public final class HardLinks {
  private final Map<Key, Group> groups = new HashMap<>();

  private record Key(long dev, long ino) {}

  /** One group of links to the same source inode, while members are still to come. */
  private static final class Group {
    final long links;
    /** What the inode is: its links are counted as a file, a link or a special file. */
    final Stat.Kind kind;
    long seen;
    /** The anchor's place in the target, once known. */
    byte[] anchorDir;
    byte[] anchorName;
    /** The anchor's target as found, when it already held the content; else null. */
    Stat anchorTarget;
    /** The write or fix that puts the anchor in place, or -1 when it is in place already. */
    long anchorSeq = -1;
    /** Members waiting for an anchor: their planned writes. */
    final List<Decision> waiting = new ArrayList<>();

    Group(long links, Stat.Kind kind) {
      this.links = links;
      this.kind = kind;
    }

    boolean hasAnchor() {
      return anchorName != null;
    }
  }

  /**
   * Takes the planner's decision for an entry that has other links, and returns what to do now:
   * nothing yet (it waits for an anchor), its own decision turned into a link or a skip, or the
   * decisions of a whole group that this member completes.
   *
   * @param source what the source entry is (its device, inode, kind and link count)
   * @param target what its target holds, or null
   * @param seq the member's entry number, for its temporary name
   */
  public synchronized List<Decision> member(Decision decision, Stat source, TargetEntry target,
      long seq) {
    Action action = decision.action();
    if (action instanceof Refuse) {
      return List.of(decision);
    }
    Key key = new Key(source.dev(), source.ino());
    Group group = groups.computeIfAbsent(key, k -> new Group(source.nlink(), source.kind()));
    group.seen++;
    List<Decision> now = new ArrayList<>();
    if (group.hasAnchor()) {
      now.add(linked(group, decision, target, seq));
    } else if (holdsContent(action) && target != null) {
      group.anchorDir = action.dir();
      group.anchorName = action.name();
      group.anchorTarget = target.stat();
      if (action instanceof FixMetadata fix) {
        // A link made before the fix would give the anchor a second name, and a fix leaves an
        // entry with other names alone (one could be outside DST): the links wait for it.
        group.anchorSeq = fix.seq();
        now.add(new Decision(fix.asAnchor(), decision.warnings(), decision.after(),
            decision.cut()));
      } else {
        now.add(decision);
      }
      for (Decision waiting : group.waiting) {
        now.add(linked(group, waiting, null, ((WorkerAction) waiting.action()).seq()));
      }
      group.waiting.clear();
    } else {
      group.waiting.add(decision);
    }
    if (group.seen >= group.links) {
      groups.remove(key);
      now.addAll(anchorWaiting(group));
    }
    return now;
  }

  /**
   * Returns the decisions of the groups whose other links were never seen (they are outside
   * SRC): the first waiting member of each is written, the rest linked to it. Call after the
   * walk.
   */
  public synchronized List<Decision> finish() {
    List<Decision> now = new ArrayList<>();
    for (Group group : groups.values()) {
      now.addAll(anchorWaiting(group));
    }
    groups.clear();
    return now;
  }

  /** Writes the first waiting member as the anchor and links the others to it. */
  private static List<Decision> anchorWaiting(Group group) {
    List<Decision> now = new ArrayList<>();
    if (group.waiting.isEmpty()) {
      return now;
    }
    Decision first = group.waiting.get(0);
    Anchorable write = (Anchorable) first.action();
    group.anchorDir = write.dir();
    group.anchorName = write.name();
    group.anchorSeq = write.seq();
    now.add(new Decision(write.asAnchor(), first.warnings(), -1, first.cut()));
    for (Decision waiting : group.waiting.subList(1, group.waiting.size())) {
      now.add(linked(group, waiting, null, ((WorkerAction) waiting.action()).seq()));
    }
    group.waiting.clear();
    return now;
  }

  /**
   * A member whose group has an anchor: left alone if its target is already that very file,
   * else made a link to it, after the anchor's write if that is still to come.
   */
  private static Decision linked(Group group, Decision decision, TargetEntry target,
      long seq) {
    Action a = decision.action();
    if (target != null && group.anchorTarget != null
        && target.stat().sameFile(group.anchorTarget)) {
      return Decision.of(new Skip(a.dir(), a.name(), 0));
    }
    return new Decision(new HardLink(a.dir(), a.name(), seq, group.kind, group.anchorDir,
        group.anchorName), List.of(), group.anchorSeq);
  }

  /** Whether the target of a member already holds the content: it needs nothing or a fix. */
  private static boolean holdsContent(Action action) {
    return action instanceof Skip || action instanceof FixMetadata;
  }
}
