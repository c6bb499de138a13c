package dev.pcopy.walk;

import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Errno;
import dev.pcopy.fs.Identity;
import dev.pcopy.fs.Names;
import dev.pcopy.fs.PathText;
import dev.pcopy.fs.Reasons;
import dev.pcopy.fs.Stat;
import dev.pcopy.fs.SysException;
import dev.pcopy.fs.Xattr;
import dev.pcopy.plan.AclModes;
import dev.pcopy.plan.Action;
import dev.pcopy.plan.Action.FinishDirectory;
import dev.pcopy.plan.Action.MakeDirectory;
import dev.pcopy.plan.Action.RemoveLeftover;
import dev.pcopy.plan.Decision;
import dev.pcopy.plan.DirectoryStatus;
import dev.pcopy.plan.HardLinks;
import dev.pcopy.plan.Leftovers;
import dev.pcopy.plan.Planner;
import dev.pcopy.plan.Protection;
import dev.pcopy.plan.SourceEntry;
import dev.pcopy.plan.TargetEntry;
import dev.pcopy.select.EntryKind;
import dev.pcopy.select.Selection;
import dev.pcopy.select.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Walks SRC and DST side by side, one directory at a time, and hands every entry's decision
 * ({@link Planner}) to an {@link ActionSink}. Reads only; what is written, the sink writes.
 *
 * <p>Every directory is opened by its name in its parent's handle, never following a link (but
 * with {@code -L} in the source), so nothing outside SRC is read and nothing outside DST is
 * looked at, whatever another process renames meanwhile: a directory swapped for a link fails
 * with a message instead of leading elsewhere. Each source listing is sorted by name, so runs,
 * dry-run listings and tests are deterministic; with one thread the walk is depth first.
 */
public final class TreeWalk {
  /**
   * The stack a walk thread should have: planning a deletion descends a directory a frame a
   * level, and a tree thousands of levels deep (legal, below PATH_MAX only per name) needs more
   * than the JVM's default of 1 MiB. Reserved, not used, until a deep tree asks for it.
   */
  public static final long STACK_BYTES = 64L << 20;

  /**
   * Words for what stopped a walk: a stack or the heap exhausted (a tree deep or wide beyond
   * what the JVM was given), or a bug's exception, by its message.
   */
  public static String describe(Throwable e) {
    if (e instanceof StackOverflowError) {
      return "the tree is too deep to walk";
    }
    if (e instanceof OutOfMemoryError) {
      return "out of memory (" + e.getMessage() + ")";
    }
    return e instanceof Error ? e.toString() : Reasons.of(e);
  }

  private static final byte[] ACL_ACCESS =
      Xattr.ACL_ACCESS.getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final Planner planner;
  private final ActionSink sink;
  private final WalkOptions options;
  private final Leftovers leftovers;
  private final Identity identity;
  private final AtomicLong seq;
  private final Totals totals;
  private final Stat targetRoot;
  private final HardLinks hardLinks;
  /** Plans {@code --delete}. */
  private final DeletePlanner deletes;
  /** Deletes a target entry of another kind than its source's ({@code --delete}). */
  private final KindChange kindChange;
  /** The device SRC is on, for {@code -x}. */
  private long rootDev;

  /**
   * @param planner decides each entry
   * @param sink receives the decisions
   * @param options how to read
   * @param leftovers judges temporary files found in target directories
   * @param identity who runs the walk: what it may read, and the group its new entries get
   * @param seq numbers the entries
   * @param totals counts what is found
   * @param targetRoot the destination directory, never walked into when the source leads to it
   *     (through {@code -L} or a bind mount); null if it does not exist
   * @param hardLinks keeps hard links, or null to copy them apart
   * @param budget what {@code --max-delete} lets the walk delete to replace entries of another
   *     kind
   */
  public TreeWalk(Planner planner, ActionSink sink, WalkOptions options, Leftovers leftovers,
      Identity identity, AtomicLong seq, Totals totals, Stat targetRoot, HardLinks hardLinks,
      DeleteBudget budget) {
    this.planner = planner;
    this.sink = sink;
    this.options = options;
    this.leftovers = leftovers;
    this.identity = identity;
    this.seq = seq;
    this.totals = totals;
    this.targetRoot = targetRoot;
    this.hardLinks = hardLinks;
    Protection protection = DeleteProtection.from(options);
    this.deletes = new DeletePlanner(protection, budget.max() >= 0);
    this.kindChange = new KindChange(protection, budget, sink, options.oneFileSystem(),
        targetRoot);
  }

  /**
   * Walks the source directory {@code src} into the target directory {@code dst}.
   *
   * @param source what the source directory is
   * @param dst the target directory, or null in a dry run when the run would make it
   * @param targetFound the target directory as it was before the run, or null if the run makes
   *     it
   */
  public void walk(DirHandle src, Stat source, DirHandle dst, Stat targetFound) {
    rootDev = source.dev();
    Stat top = source;
    if (!planner.policy().acls()) {
      try {
        top = AclModes.withoutAcl(source, src.xattr(ACL_ACCESS));
      } catch (SysException e) {
        // Unreadable: its mode is kept as it is, as it always was.
      }
    }
    WorkQueue queue = new WorkQueue(options.threads(), this::process);
    queue.run(Unit.root(src, top, dst, targetFound));
    if (hardLinks != null) {
      for (Decision d : hardLinks.finish()) {
        emit(d);
      }
      sink.directoryDone();
    }
    // A walk cut short by a stop found less than there is: its totals stay open ("+").
    if (!sink.cancelled()) {
      totals.finish();
    }
  }

  private List<Unit> process(Unit u) {
    try {
      if (sink.cancelled() || !open(u)) {
        return List.of();
      }
      return read(u);
    } finally {
      sink.directoryDone();
      if (u.parent != null) {
        u.parent.release();
      }
      u.release();
    }
  }

  /** Opens a subdirectory's handles from its parent's; the top's are given. */
  private boolean open(Unit u) {
    if (u.parent == null) {
      return true;
    }
    try {
      u.src = options.followLinks() ? u.parent.src.openDirectoryFollowing(u.name)
          : u.parent.src.openDirectory(u.name);
      if (!u.src.stat().sameFile(u.source)) {
        sink.failed(u.parent.path, u.name, false,
            "changed while being copied: another directory took its place", null);
        return false;
      }
    } catch (SysException e) {
      sink.failed(u.parent.path, u.name, false, notADirectoryAnyMore(e), e);
      return false;
    }
    if (u.virtual) {
      return true;
    }
    try {
      u.dst = u.parent.dst.openDirectory(u.name);
    } catch (SysException e) {
      sink.failed(u.parent.path, u.name, true, notADirectoryAnyMore(e), e);
      return false;
    }
    return true;
  }

  /** A directory that became a link or a file since it was listed (or made) says so. */
  private static String notADirectoryAnyMore(SysException e) {
    return e.errno() == Errno.ELOOP || e.errno() == Errno.ENOTDIR
        ? "is no longer a directory: something else took its place"
        : Reasons.of(e);
  }

  private List<Unit> read(Unit u) {
    int newEntryGid = identity.gid();
    if (u.dst != null) {
      try {
        Stat now = u.dst.stat();
        if ((now.mode() & 02000) != 0) {
          newEntryGid = now.gid();
        }
      } catch (SysException e) {
        sink.failed(u.path, Names.ROOT, true, Reasons.of(e), e);
        return List.of();
      }
      if (u.targetFound != null) {
        sink.enterDirectory(u.parent == null ? Names.ROOT : u.parent.path, u.name, u.dst,
            u.targetFound);
      }
    }
    if (u.contentsSkipped) {
      finish(u, true);
      return List.of();
    }
    List<byte[]> names;
    try {
      names = u.src.list();
    } catch (SysException e) {
      sink.failed(u.path, Names.ROOT, false, Reasons.of(e), e);
      finishUnlisted(u);
      return List.of();
    }
    names.sort(Names::compare);
    // An existing target directory is listed only for what needs its names: the temporary files
    // a killed run may have left, and --delete's extraneous entries. A finished copy's directory
    // can hold no leftovers, so a re-run over it without --delete looks up each source name
    // instead, which a complete copy has anyway: no listing, no name sets (a sixth of the walk's
    // calls on a no-op re-run).
    boolean leftoversMayBe = listable(u)
        && Leftovers.mayHoldLeftovers(u.targetFound, u.source.mtime());
    List<byte[]> targetListing = leftoversMayBe || options.delete() ? targetListing(u) : null;
    if (targetListing == FAILED) {
      return List.of();
    }
    NameSet targetNames = targetListing == null ? null : new NameSet(targetListing);
    NameSet sourceNames = targetListing != null || !options.selection().selectsEverything()
        ? new NameSet(names) : null;
    // Leftovers removed or adopted, or entries deleted, change the directory.
    u.writtenInto |= leftoversMayBe || options.delete();
    // A directory listed anyway (--delete) is swept too: its time may have been put back over a
    // killed run's leftovers by hand (touch -r, rsync -t), which no time can tell.
    Partials partials = targetListing != null ? Partials.find(u.dst, targetListing, leftovers,
        sourceNames::contains, identity.uid()) : Partials.none();
    List<Unit> children = new ArrayList<>();
    List<byte[]> selected = options.delete() ? new ArrayList<>(names.size()) : null;
    for (byte[] name : names) {
      if (sink.cancelled()) {
        return List.of();
      }
      SourceEntry entry = sourceEntry(u, name);
      if (entry == null) {
        continue;
      }
      unreachableListed(u, entry);
      if (!selected(u, entry)) {
        continue;
      }
      if (selected != null) {
        selected.add(name);
      }
      TargetEntry target;
      try {
        target = targetEntry(u, targetNames, entry);
      } catch (SysException e) {
        sink.failed(u.path, name, true, Reasons.of(e), e);
        continue;
      }
      if (entry.stat().isDirectory()) {
        Unit child = directory(u, entry, target);
        if (child != null) {
          children.add(child);
        }
      } else {
        entry(u, entry, target, newEntryGid, partials);
      }
    }
    missingListed(u, sourceNames);
    boolean othersRemain = targetListing != null
        && sweep(u, targetListing, sourceNames, partials);
    if (options.delete() && targetListing != null) {
      extraneous(u, u.targetFound, targetListing, sourceNames, new NameSet(selected));
    }
    finish(u, !othersRemain);
    return children;
  }

  /** Whether the selection takes {@code entry}; an excluded directory is not walked at all. */
  private boolean selected(Unit u, SourceEntry entry) {
    Selection selection = options.selection();
    if (selection.selectsEverything()) {
      return true;
    }
    Stat s = entry.stat();
    return selection.decide(Names.join(u.path, entry.name()), kind(s), s.size())
        != Verdict.EXCLUDE;
  }

  /**
   * Reports the paths {@code --files-from} names in this directory (or leads through it) that
   * the source lacks: a listed path that does not exist is an error, not a silent no-op.
   */
  private void missingListed(Unit u, NameSet sourceNames) {
    if (options.selection().selectsEverything()) {
      return;
    }
    for (byte[] name : options.selection().listedChildren(u.path)) {
      if (!sourceNames.contains(name)) {
        sink.failed(u.path, name, false, LISTED_BUT_MISSING, null);
      }
    }
  }

  /**
   * Reports the paths {@code --files-from} lists below an entry that is not a directory: a
   * symbolic link on the way is never followed (without {@code -L}), and a file has nothing
   * below it, so each such path is an error naming it, not a silent no-op.
   */
  private void unreachableListed(Unit u, SourceEntry entry) {
    Stat s = entry.stat();
    if (s.isDirectory() || options.selection().selectsEverything()) {
      return;
    }
    byte[] path = Names.join(u.path, entry.name());
    List<byte[]> below = options.selection().listedBelow(path);
    if (below.isEmpty()) {
      return;
    }
    String reason = (s.isSymlink()
        ? "below a symbolic link (" + PathText.escape(path) + "), which is not followed"
        : "Not a directory: " + PathText.escape(path) + " is " + s.kind().description())
        + " (listed by --files-from)";
    int skip = u.path.length == 0 ? 0 : u.path.length + 1;
    for (byte[] listed : below) {
      sink.failed(u.path, Arrays.copyOfRange(listed, skip, listed.length), false, reason, null);
    }
  }

  /** Why a path that {@code --files-from} names is not copied when the source lacks it. */
  static final String LISTED_BUT_MISSING = "No such file or directory (listed by --files-from)";

  /** What the selection takes an entry for. */
  static EntryKind kind(Stat s) {
    return s.isDirectory() ? EntryKind.DIRECTORY : s.isFile() ? EntryKind.REGULAR_FILE
        : EntryKind.OTHER;
  }

  /**
   * Plans {@code --delete} in an existing target directory, found as {@code found}: its entries
   * that the copy does not put there go, those the source lacks and those the selection leaves
   * out when {@code --delete-excluded} says so; a name the source has but the selection
   * excludes, and what {@link DeleteProtection} keeps, stay ({@link DeletePlanner}). With
   * {@code -x} nothing is deleted in a directory on another file system than DST. Temporary
   * files are left to the leftover rules.
   */
  private void extraneous(Unit u, Stat found, List<byte[]> targetListing, NameSet sourceNames,
      NameSet selected) {
    if (options.oneFileSystem() && targetRoot != null && found.dev() != targetRoot.dev()) {
      return;
    }
    for (byte[] name : targetListing) {
      if (selected.contains(name) || Leftovers.looksTemporary(name)
          || (!options.deleteExcluded() && sourceNames.contains(name))) {
        continue;
      }
      try {
        Stat stat = u.dst.statIfExists(name);
        if (stat == null) {
          continue;
        }
        DeletePlanner.Plan plan = deletes.plan(u.dst, found, u.path, name, stat);
        // The entry itself goes unless something inside keeps it.
        u.entriesChange |= !plan.deletes().isEmpty() && plan.kept().isEmpty();
        plan.deletes().forEach(sink::deleteLater);
        plan.kept().forEach(sink::keepLater);
      } catch (SysException e) {
        sink.failed(u.path, name, true, Reasons.of(e), e);
      } catch (DeletePlanner.PlanFailed e) {
        sink.failed(e.dir(), e.name(), true, e.getMessage(), (Exception) e.getCause());
      }
    }
  }

  /**
   * With {@code --delete}, deletes a target entry whose kind clashes with its source's
   * ({@link Planner#kindsClash}), so that the source entry is decided as new; the directory then
   * changes. Any other target is left to the planner.
   */
  private KindChange.Result replace(Unit u, SourceEntry entry, TargetEntry target) {
    if (!options.delete() || target == null
        || !Planner.kindsClash(entry.stat(), target.stat())) {
      return KindChange.Result.MATCHES;
    }
    KindChange.Result r = kindChange.clear(u, entry.name(), target.stat());
    if (r.state() == KindChange.State.GONE) {
      u.writtenInto = true;
      u.entriesChange = true;
    }
    return r;
  }

  /**
   * Decides a file, link or special file, through the hard-link groups where it has links. A big
   * file is cut into chunks, continuing the partial copy a stopped run left of it, unless it has
   * other links: its write may yet become a link, which would leave that copy behind.
   */
  private void entry(Unit u, SourceEntry entry, TargetEntry target, int newEntryGid,
      Partials partials) {
    KindChange.Result replaced = replace(u, entry, target);
    if (replaced.state() == KindChange.State.FAILED) {
      return;
    }
    totals.found();
    long number = seq.getAndIncrement();
    Stat s = entry.stat();
    boolean linked = hardLinks != null && s.nlink() > 1;
    TargetEntry there = replaced.state() == KindChange.State.GONE ? null : target;
    Decision decided = replaced.state() == KindChange.State.KEPT
        ? Decision.of(Planner.notReplaced(u.path, entry, replaced.why()))
        : planner.entry(u.path, entry, there, newEntryGid, number);
    Decision d = planner.cut(decided, entry, linked ? null : partials.take(entry.name()));
    partials.decided(d);
    // A hard link's decision may come only at the end of the walk (HardLinks.finish).
    u.writtenInto |= linked || !(d.action() instanceof Action.Skip);
    u.entriesChange |= linked || (d.action() instanceof Action.WorkerAction
        && !(d.action() instanceof Action.FixMetadata));
    if (linked) {
      for (Decision x : hardLinks.member(d, s, there, number)) {
        emit(x);
      }
    } else {
      emit(d);
    }
  }

  /** Hands a decision on, counting the bytes it writes or settles. */
  private void emit(Decision d) {
    totals.decided(d.cut() != null ? d.cut().record().remainingBytes() : settled(d.action()));
    sink.decided(d);
  }

  private static long settled(Action a) {
    if (a instanceof Action.WorkerAction w) {
      return w instanceof Action.FixMetadata f ? f.size() : w.bytes();
    }
    if (a instanceof Action.Skip s) {
      return s.size();
    }
    return a instanceof Action.Refuse r ? r.size() : 0;
  }

  private SourceEntry sourceEntry(Unit u, byte[] name) {
    try {
      Stat stat = options.followLinks() ? u.src.statFollowing(name) : u.src.stat(name);
      byte[] text = stat.isSymlink() ? u.src.readlink(name) : null;
      boolean readable = !stat.isFile() || mayRead(u.src, name, stat);
      if (!planner.policy().acls() && !stat.isSymlink() && !options.followLinks()) {
        // --no-acls: the copy's group bits are what the owning group may do, not the mask.
        stat = AclModes.withoutAcl(stat, u.src.xattr(name, ACL_ACCESS));
      }
      return new SourceEntry(name, stat, text, readable);
    } catch (SysException e) {
      sink.failed(u.path, name, false, Reasons.of(e), e);
      return null;
    }
  }

  /**
   * Whether this process may read a source file: root may; anyone else as the permission bits
   * say, and where they say no, as the kernel says (an ACL may grant more than the bits show).
   */
  private boolean mayRead(DirHandle dir, byte[] name, Stat stat) {
    if (identity.isRoot()) {
      return true;
    }
    int bits = stat.uid() == identity.uid() ? stat.mode() >> 6
        : identity.inGroup(stat.gid()) ? stat.mode() >> 3 : stat.mode();
    return (bits & 4) != 0 || dir.mayRead(name);
  }

  /** Stands for a target directory that could not be listed: its entries are not walked. */
  private static final List<byte[]> FAILED = new ArrayList<>(0);

  /**
   * The names in an existing target directory, to look only at those the source has too; null
   * when the directory is new (nothing in it) or may not be listed (each name is looked up).
   */
  private List<byte[]> targetListing(Unit u) {
    if (!listable(u)) {
      return null;
    }
    try {
      return u.dst.list();
    } catch (SysException e) {
      sink.failed(u.path, Names.ROOT, true, Reasons.of(e), e);
      return FAILED;
    }
  }

  /** Whether the target directory existed before the run and may be listed. */
  private static boolean listable(Unit u) {
    return u.dst != null && u.targetFound != null && u.dst.readable();
  }

  private TargetEntry targetEntry(Unit u, NameSet targetNames, SourceEntry entry)
      throws SysException {
    if (u.dst == null || u.targetFound == null
        || (targetNames != null && !targetNames.contains(entry.name()))) {
      return null;
    }
    Stat stat = u.dst.statIfExists(entry.name());
    if (stat == null) {
      return null;
    }
    byte[] text = stat.isSymlink() && entry.stat().isSymlink() ? u.dst.readlink(entry.name())
        : null;
    Boolean sameBytes = null;
    Stat s = entry.stat();
    if (planner.policy().checksum() && !planner.policy().force() && s.isFile() && stat.isFile()
        && s.size() == stat.size() && entry.readable()) {
      sameBytes = ContentCompare.same(u.src, u.dst, entry.name(), s.size(),
          options.followLinks());
    }
    return new TargetEntry(stat, text, sameBytes);
  }

  private Unit directory(Unit u, SourceEntry entry, TargetEntry target) {
    Stat s = entry.stat();
    byte[] path = Names.join(u.path, entry.name());
    if (targetRoot != null && s.sameFile(targetRoot)) {
      sink.failed(u.path, entry.name(), false,
          "is the destination itself; not copied into itself", null);
      return null;
    }
    if (options.followLinks() && u.isAncestorOrSelf(s)) {
      sink.failed(u.path, entry.name(), false,
          "symbolic link loop: directory contains itself", null);
      return null;
    }
    // -x: a mount point below SRC is made, with its own metadata, but not walked into.
    boolean skipContents = options.oneFileSystem() && s.dev() != rootDev;
    KindChange.Result replaced = replace(u, entry, target);
    if (replaced.state() == KindChange.State.FAILED) {
      return null;
    }
    TargetEntry there = replaced.state() == KindChange.State.GONE ? null : target;
    Action action = replaced.state() == KindChange.State.KEPT
        ? Planner.notReplaced(u.path, entry, replaced.why())
        : planner.directory(u.path, entry, there);
    u.writtenInto |= action != null;
    if (action instanceof MakeDirectory make) {
      u.entriesChange = true;
      DirectoryMade made = sink.makeDirectory(make, u.dst);
      if (!made.entered()) {
        return null;
      }
      if (made.found() != null) {
        // Made by another process since the listing (mkdir -p does the same): merged into as a
        // directory that was there, its metadata set at the end like any existing one's.
        return u.child(entry.name(), path, s, made.found(), u.virtual, skipContents);
      }
      return u.child(entry.name(), path, s, null, options.dryRun(), skipContents);
    }
    if (action != null) {
      sink.decided(Decision.of(action));
      return null;
    }
    return u.child(entry.name(), path, s, target.stat(), u.virtual, skipContents);
  }

  /**
   * Removes the temporary files of killed runs from an existing target directory, but for the
   * partial copies this run continues; returns whether other runs' temporary files stay in it.
   */
  private boolean sweep(Unit u, List<byte[]> listing, NameSet sourceNames, Partials partials) {
    boolean othersRemain = false;
    for (byte[] name : listing) {
      if (!Leftovers.looksTemporary(name) || partials.adopted(name)) {
        continue;
      }
      try {
        Stat stat = u.dst.statIfExists(name);
        if (stat == null) {
          continue;
        }
        switch (leftovers.judge(name, stat.kind(), sourceNames.contains(name))) {
          case LEFTOVER -> {
            u.entriesChange = true;
            sink.removeLeftover(new RemoveLeftover(u.path, name), u.dst);
          }
          case OTHER_RUN -> othersRemain = true;
          case NOT_A_LEFTOVER -> { }
        }
      } catch (SysException e) {
        othersRemain = true;
      }
    }
    return othersRemain;
  }

  /**
   * Gives the copy of a source directory that could not be listed what its status says, as
   * {@code cp -a} does: its mode, owner and times, and its attributes where they can be read
   * (else the copy keeps its own; the directory is reported failed already). Its times only
   * where the run made it: an existing one was not swept of leftovers, and its old time lets the
   * next run look in it again.
   */
  private void finishUnlisted(Unit u) {
    byte[] dir = u.parent == null ? Names.ROOT : u.parent.path;
    boolean attributes = planner.policy().xattrs() || planner.policy().acls();
    boolean timesWanted = u.targetFound == null;
    DirectoryStatus target = null;
    if (u.targetFound != null) {
      List<Xattr> present = List.of();
      if (attributes && u.dst != null) {
        try {
          present = u.dst.xattrs();
        } catch (SysException e) {
          // The end reads them again and reports what fails then.
        }
      }
      target = new DirectoryStatus(u.targetFound, present);
    }
    FinishDirectory finish;
    try {
      List<Xattr> xattrs = attributes ? u.src.xattrs() : List.of();
      finish = planner.finish(dir, u.name, new DirectoryStatus(u.source, xattrs), target,
          timesWanted, u.entriesChange, u.depth);
    } catch (SysException e) {
      finish = planner.finishUnread(dir, u.name, u.source, target, timesWanted, u.entriesChange,
          u.depth);
    }
    sink.finishLater(finish, timesWanted, null);
  }

  private void finish(Unit u, boolean timesWanted) {
    boolean attributes = planner.policy().xattrs() || planner.policy().acls();
    List<Xattr> xattrs = List.of();
    boolean sourceUnread = false;
    if (attributes) {
      try {
        xattrs = u.src.xattrs();
      } catch (SysException e) {
        sink.failed(u.path, Names.ROOT, false, "cannot read extended attributes: "
            + Reasons.of(e), e);
        sourceUnread = true;
      }
    }
    DirectoryStatus target = null;
    boolean unread = false;
    if (u.targetFound != null) {
      List<Xattr> present = List.of();
      if (attributes) {
        try {
          present = u.dst.xattrs();
        } catch (SysException e) {
          // The end reads them again and reports what fails then.
          unread = true;
        }
      }
      target = new DirectoryStatus(u.targetFound, present);
    }
    byte[] dir = u.parent == null ? Names.ROOT : u.parent.path;
    // Source attributes that could not be read are not "none": the copy keeps its own then.
    FinishDirectory finish = sourceUnread
        ? planner.finishUnread(dir, u.name, u.source, target, timesWanted, u.entriesChange,
            u.depth)
        : planner.finish(dir, u.name, new DirectoryStatus(u.source, xattrs), target,
            timesWanted, u.entriesChange, u.depth);
    sink.finishLater(finish, timesWanted,
        u.targetFound != null && !u.writtenInto && !unread ? u.dst : null);
  }
}
