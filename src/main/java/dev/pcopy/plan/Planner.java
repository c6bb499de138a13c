package dev.pcopy.plan;

import dev.pcopy.fs.Stat;
import dev.pcopy.fs.Xattr;
import dev.pcopy.plan.Action.FinishDirectory;
import dev.pcopy.plan.Action.FixMetadata;
import dev.pcopy.plan.Action.MakeDirectory;
import dev.pcopy.plan.Action.Refuse;
import dev.pcopy.plan.Action.Skip;
import dev.pcopy.plan.Action.WriteFile;
import dev.pcopy.plan.Action.WriteLink;
import dev.pcopy.plan.Action.WriteSpecial;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decides, for one source entry and what its target holds, what a run does: the one place where
 * copy, skip, fix, refuse and keep are decided. Pure: it reads no disk, so the real run, the dry
 * run and {@code -v} get the same answers, and every rule is tested without one.
 */
public final class Planner {
  /** Why a file or link cannot replace a directory (rename(2) says EISDIR). */
  public static final String IS_A_DIRECTORY = "Is a directory";
  /** Why a directory cannot be made where something else has its name. */
  public static final String NOT_A_DIRECTORY =
      "cannot create directory: exists and is not a directory";
  /** Why a source file this user may not read is not copied. */
  public static final String PERMISSION_DENIED = "Permission denied";
  /** Why an entry is not copied onto itself. */
  public static final String SAME_FILE = "is the same file as its source";

  private final Policy policy;

  /** Decides by the rules of {@code policy}. */
  public Planner(Policy policy) {
    this.policy = policy;
  }

  /** Returns the rules decisions follow. */
  public Policy policy() {
    return policy;
  }

  /**
   * Decides for a file, symbolic link or special file.
   *
   * @param dir the entry's directory below the roots
   * @param source the source entry
   * @param target what its target name holds, or null
   * @param newEntryGid the group a new entry in the target directory gets (the process's, or
   *     the directory's own when it is set-group-ID)
   * @param seq the entry's number in the run, for its temporary name
   */
  public Decision entry(byte[] dir, SourceEntry source, TargetEntry target, int newEntryGid,
      long seq) {
    return entry(dir, source, source.name(), target, newEntryGid, seq);
  }

  /**
   * Decides for a single file copied under the name {@code name} in its target directory (its
   * own name in the source directory may differ).
   */
  public Decision entry(byte[] dir, SourceEntry source, byte[] name, TargetEntry target,
      int newEntryGid, long seq) {
    Stat src = source.stat();
    if (!source.readable()) {
      return Decision.of(new Refuse(dir, name, false, PERMISSION_DENIED, settled(src), false));
    }
    if (target != null && target.stat().isDirectory()) {
      return Decision.of(new Refuse(dir, name, true, IS_A_DIRECTORY, settled(src), false));
    }
    if (target != null && target.stat().sameFile(src)) {
      return Decision.of(new Refuse(dir, name, true, SAME_FILE, settled(src), false));
    }
    if ((src.kind() == Stat.Kind.CHAR_DEVICE || src.kind() == Stat.Kind.BLOCK_DEVICE)
        && !policy.root()) {
      return Decision.of(new Refuse(dir, name, false,
          "cannot keep " + src.kind().description() + ": only root can create one",
          settled(src), false));
    }
    List<String> warnings = new ArrayList<>();
    int mode = keptMode(src, warnings);
    if (!policy.force() && target != null && sameContent(source, target)) {
      Action fix = fixOrRewrite(dir, source, name, target.stat(), mode, newEntryGid, seq);
      return new Decision(fix, fix instanceof Skip ? List.of() : warnings);
    }
    return new Decision(write(dir, source, name, mode, newEntryGid, seq), warnings);
  }

  /**
   * Decides for a directory: make it, merge into the one there ({@code null}: nothing to do
   * now), or refuse because something else has its name.
   */
  public Action directory(byte[] dir, SourceEntry source, TargetEntry target) {
    if (target == null) {
      return new MakeDirectory(dir, source.name());
    }
    if (!target.stat().isDirectory()) {
      return new Refuse(dir, source.name(), true, NOT_A_DIRECTORY, 0, true);
    }
    if (target.stat().sameFile(source.stat())) {
      return new Refuse(dir, source.name(), true, SAME_FILE, 0, true);
    }
    return null;
  }

  /**
   * Whether a target entry is of a kind its source's cannot take the place of: a directory where
   * a file, link or special file goes (rename(2) cannot replace it), or any of those where a
   * directory goes. With {@code --delete} the walk deletes it first, as it deletes what SRC
   * lacks, and decides the source entry as new; without, {@link #entry} and {@link #directory}
   * refuse it, as {@code cp -a} does.
   */
  public static boolean kindsClash(Stat source, Stat target) {
    return source.isDirectory() != target.isDirectory();
  }

  /**
   * Refuses a source entry whose target is of another kind ({@link #kindsClash}) that
   * {@code --delete} does not delete, saying {@code why}: the refusal without {@code --delete},
   * and why it stands.
   */
  public static Action notReplaced(byte[] dir, SourceEntry source, String why) {
    Stat src = source.stat();
    return src.isDirectory()
        ? new Refuse(dir, source.name(), true, NOT_A_DIRECTORY + "; not replaced: " + why, 0,
            true)
        : new Refuse(dir, source.name(), true, IS_A_DIRECTORY + "; not replaced: " + why,
            settled(src), false);
  }

  /**
   * Cuts a big file's write into chunks ({@link Chunks}), continuing {@code found}, a partly
   * copied file a stopped run left under that name, when it copies the same source unchanged
   * since (size, time, device and inode) in chunks of the same size. Anything else starts over,
   * and the partial copy is removed as any leftover. Any other decision is returned as it is.
   *
   * @param found the partial copy found for the entry's name, or null
   */
  public Decision cut(Decision decided, SourceEntry source, Decision.Partial found) {
    Stat s = source.stat();
    if (!(decided.action() instanceof WriteFile w) || !Chunks.split(w.size())) {
      return decided;
    }
    if (found != null && found.record().chunkSize() == Chunks.SIZE
        && found.record().matches(w.name(), s.size(), s.mtime(), s.ctime(), s.dev(), s.ino())) {
      return decided.cutAs(new Decision.Cut(found.record(), found.temp(), found.recordName()));
    }
    return decided.cutAs(new Decision.Cut(PartialRecord.begun(w.size(), s.mtime(), s.ctime(),
        s.dev(), s.ino(), Chunks.SIZE, w.name()), null, null));
  }

  /**
   * Decides what a directory gets once its contents are done, and what of it differs in an
   * existing target: each such fix is a line of the dry run and of {@code -v}.
   *
   * @param source the source directory
   * @param target the target directory as the walk found it, or null if the run makes it
   * @param timesWanted whether its times are set (not while another run's temporary files stay
   *     in it, see {@link Leftovers})
   * @param entriesChange whether the run adds, replaces or removes an entry of it: its time is
   *     then put back as part of copying, whatever it was, and that is no fix of its own
   */
  public FinishDirectory finish(byte[] dir, byte[] name, DirectoryStatus source,
      DirectoryStatus target, boolean timesWanted, boolean entriesChange, int depth) {
    return finish(dir, name, source.stat(), kept(source.xattrs()), true, target,
        timesWanted && !entriesChange, depth);
  }

  /**
   * Decides what a directory gets whose source could not be opened or listed, from its status
   * as its parent's listing found it: its mode, owner and times as for any directory (as
   * {@code cp -a} gives them), its copy's extended attributes left as they are, since the
   * source's could not be read. The arguments are {@link #finish}'s.
   */
  public FinishDirectory finishUnread(byte[] dir, byte[] name, Stat source,
      DirectoryStatus target, boolean timesWanted, boolean entriesChange, int depth) {
    return finish(dir, name, source, List.of(), false, target, timesWanted && !entriesChange,
        depth);
  }

  private FinishDirectory finish(byte[] dir, byte[] name, Stat s, List<Xattr> wanted,
      boolean xattrsKnown, DirectoryStatus target, boolean timesFixed, int depth) {
    Meta meta = new Meta(s.mode(), policy.root() ? s.uid() : -1,
        policy.mayGiveGroup(s.gid()) ? s.gid() : -1, s.atime(), s.mtime());
    return new FinishDirectory(dir, name, meta, wanted, xattrsKnown,
        target == null ? DirectoryFixes.NONE
            : fixes(meta, wanted, xattrsKnown, target, timesFixed), depth);
  }

  /**
   * What an existing target directory differs in; its attributes only when the source's are
   * {@code xattrsKnown}, its time only when {@code timesFixed}. Its time is compared as the end
   * compares it ({@link #isFinished}) and as a file's is ({@link QuickCheck#sameTime}): a
   * destination that keeps whole seconds only has kept it.
   */
  private DirectoryFixes fixes(Meta meta, List<Xattr> wanted, boolean xattrsKnown,
      DirectoryStatus target, boolean timesFixed) {
    Stat t = target.stat();
    List<Xattr> present = target.xattrs();
    return new DirectoryFixes(ownerDiffers(meta, t), t.mode() != meta.mode(),
        xattrsKnown && XattrRules.differ(present, wanted, true, policy.xattrs(), policy.acls(),
            policy.root()),
        xattrsKnown && XattrRules.differ(present, wanted, false, policy.xattrs(), policy.acls(),
            policy.root()),
        timesFixed && !QuickCheck.sameTime(meta.mtime(), t.mtime()));
  }

  /**
   * Whether a target directory, as it is now, already has everything {@code finish} would
   * give it: a re-run of a finished copy writes nothing. The access time is not compared
   * (listing a directory moves it); nor are extended attributes, which change its status time
   * only.
   *
   * @param timesWanted whether the times are to be set (see {@link Leftovers})
   */
  public static boolean isFinished(FinishDirectory finish, Stat target, boolean timesWanted) {
    Meta m = finish.meta();
    return target.isDirectory() && target.mode() == m.mode()
        && (!timesWanted || QuickCheck.sameTime(m.mtime(), target.mtime()))
        && (m.uid() == -1 || m.uid() == target.uid())
        && (m.gid() == -1 || m.gid() == target.gid());
  }

  /** The extended attributes the policy keeps ({@link XattrRules}). */
  public List<Xattr> kept(List<Xattr> xattrs) {
    return XattrRules.kept(xattrs, policy.xattrs(), policy.acls(), policy.root());
  }

  private static long settled(Stat src) {
    return src.isFile() ? src.size() : 0;
  }

  /**
   * The mode the copy gets: the source's, less a set-user-ID or set-group-ID bit on a file whose
   * owner or group the copy cannot have (as {@code cp} drops them): a program that runs as
   * someone else must not come out running as the user who copied it.
   */
  private int keptMode(Stat src, List<String> warnings) {
    int mode = src.mode();
    if (!src.isFile()) {
      return mode;
    }
    if ((mode & 04000) != 0 && !policy.mayGiveOwner(src.uid())) {
      mode &= ~04000;
      warnings.add("set-user-ID bit not kept: the copy cannot belong to user " + src.uid());
    }
    if ((mode & 02000) != 0 && !policy.mayGiveGroup(src.gid())) {
      mode &= ~02000;
      warnings.add("set-group-ID bit not kept: the copy cannot belong to group " + src.gid());
    }
    return mode;
  }

  /**
   * Whether the target holds the source entry's content: the quick check (with
   * {@code --checksum}, the bytes compared), or the same text.
   */
  private boolean sameContent(SourceEntry source, TargetEntry target) {
    Stat s = source.stat();
    Stat t = target.stat();
    if (s.kind() != t.kind()) {
      return false;
    }
    return switch (s.kind()) {
      case FILE -> policy.checksum() ? Boolean.TRUE.equals(target.sameBytes())
          : QuickCheck.unchanged(s.size(), s.mtime(), t.size(), t.mtime());
      case SYMLINK -> Arrays.equals(source.linkText(), target.linkText());
      case CHAR_DEVICE, BLOCK_DEVICE -> s.rdev() == t.rdev();
      default -> true;
    };
  }

  /**
   * For a target with the right content: nothing, or its mode, owner and times fixed in place,
   * or (when another hard link shares its inode, perhaps from outside the copy) a new copy in
   * its place, so that a change of metadata never reaches another name.
   */
  private Action fixOrRewrite(byte[] dir, SourceEntry source, byte[] name, Stat target,
      int mode, int newEntryGid, long seq) {
    Stat src = source.stat();
    int uid = policy.root() && target.uid() != src.uid() ? src.uid() : -1;
    int gid = policy.mayGiveGroup(src.gid()) && target.gid() != src.gid() ? src.gid() : -1;
    boolean chown = uid != -1 || gid != -1;
    boolean modeDiffers = !src.isSymlink() && target.mode() != mode;
    // A file the quick check passed has the source's time, but equal bytes found by --checksum
    // may not; a link or special file has the right text or device number whatever its time,
    // which only this shows changed (touch -h).
    boolean timesDiffer = !QuickCheck.sameTime(src.mtime(), target.mtime());
    if (!chown && !modeDiffers && !timesDiffer) {
      return new Skip(dir, name, settled(src));
    }
    if (target.nlink() > 1) {
      return write(dir, source, name, mode, newEntryGid, seq);
    }
    // chown clears the set-user-ID and set-group-ID bits, so such a mode is set again after it.
    boolean setMode = !src.isSymlink() && (modeDiffers || (chown && (mode & 06000) != 0));
    return new FixMetadata(dir, name, source.name(), seq, src.kind(), setMode ? mode : -1, uid,
        gid, timesDiffer ? src.atime() : null, timesDiffer ? src.mtime() : null, target.ino(),
        target.dev(), settled(src), false);
  }

  private Action write(byte[] dir, SourceEntry source, byte[] name, int mode, int newEntryGid,
      long seq) {
    Stat src = source.stat();
    Meta meta = new Meta(mode, policy.root() && src.uid() != policy.uid() ? src.uid() : -1,
        policy.mayGiveGroup(src.gid()) && src.gid() != newEntryGid ? src.gid() : -1,
        src.atime(), src.mtime());
    return switch (src.kind()) {
      case FILE -> new WriteFile(dir, name, source.name(), seq, src.size(), meta, false);
      case SYMLINK -> new WriteLink(dir, name, seq, source.linkText(), meta, false);
      case DIRECTORY -> throw new IllegalArgumentException("a directory is not an entry");
      default -> new WriteSpecial(dir, name, seq, src.kind(), src.rdev(), meta, false);
    };
  }

  private boolean ownerDiffers(Meta meta, Stat target) {
    return (meta.uid() != -1 && meta.uid() != target.uid())
        || (meta.gid() != -1 && meta.gid() != target.gid());
  }
}
