package dev.pcopy.copy;

import dev.pcopy.copy.FileCopier.CancelledException;
import dev.pcopy.copy.FileCopier.ReadFailure;
import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Errno;
import dev.pcopy.fs.FileHandle;
import dev.pcopy.fs.Identity;
import dev.pcopy.fs.Reasons;
import dev.pcopy.fs.Stat;
import dev.pcopy.fs.SysException;
import dev.pcopy.fs.Xattr;
import dev.pcopy.plan.Action.CommitFile;
import dev.pcopy.plan.Action.FixMetadata;
import dev.pcopy.plan.Action.HardLink;
import dev.pcopy.plan.Action.WorkerAction;
import dev.pcopy.plan.Action.WriteChunk;
import dev.pcopy.plan.Action.WriteFile;
import dev.pcopy.plan.Action.WriteLink;
import dev.pcopy.plan.Action.WriteSpecial;
import dev.pcopy.plan.Meta;
import dev.pcopy.plan.Outcome;
import dev.pcopy.plan.TempNames;
import dev.pcopy.plan.XattrRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Carries out a worker's actions on the target, each through the handle of its directory:
 * writes an entry under a temporary name, gives it its metadata, and renames it over its final
 * name, so a file at its final name is always complete; or changes a finished copy's mode,
 * owner and times in place after checking that it is still the entry the walk saw.
 */
public final class EntryWriter {
  private static final byte[] ACL_DEFAULT = Xattr.ACL_DEFAULT.getBytes(StandardCharsets.US_ASCII);
  /** A file's capabilities, by name only: what {@link XattrRules} decides by. */
  private static final Xattr CAPABILITY =
      new Xattr(Xattr.CAPABILITY.getBytes(StandardCharsets.US_ASCII), new byte[0]);

  private final HandleCache source;
  private final HandleCache target;
  private final String runId;
  private final FileCopier copier;
  private final Settings settings;
  private final AfterCopy afterCopy;
  /** Whether a target directory has a default ACL, which new entries in it inherit. */
  private final Map<DirHandle, Boolean> defaultAcls = new WeakHashMap<>();
  /** This process's user: what it has just made is its own, and nobody else's. */
  private final int uid = Identity.current().uid();

  /**
   * How the writer works, for every action of a run.
   *
   * @param followLinks open source entries through symbolic links
   * @param fsync flush each file's data before its rename
   * @param xattrs copy extended attributes
   * @param acls copy ACLs
   * @param verify read each file back before its rename and compare checksums
   * @param root running as root (which namespaces are kept)
   * @param umask this process's umask, or -1 if unknown (every file then gets a chmod)
   */
  public record Settings(boolean followLinks, boolean fsync, boolean xattrs, boolean acls,
      boolean verify, boolean root, int umask) {}

  /**
   * Looks at a file's new copy before it is checked and renamed. The real one does nothing; a
   * test's may damage the copy, to see that {@code --verify} catches it.
   */
  @FunctionalInterface
  public interface AfterCopy {
    /** Nothing happens to the copy. */
    AfterCopy NONE = copy -> { };

    /** Called with the new copy, open for writing, once its bytes are written. */
    void copied(FileHandle copy) throws SysException;

    /**
     * Called once a link or special file is made under its temporary name, before it is given
     * its owner, attributes and times, once a hard link is made, and once a file's copy is
     * finished, before its rename; a test's may pause, so that another process can act on the
     * name meanwhile.
     */
    default void made() {}
  }

  /** How many times a file whose copy reads back wrong is copied in all. */
  private static final int VERIFY_ATTEMPTS = 2;

  /**
   * @param source the source root's handles
   * @param target the target root's handles
   * @param runId names this run's temporary files
   * @param copier copies file contents
   * @param settings how to write
   * @param afterCopy looks at each file's copy before it is checked and renamed
   */
  public EntryWriter(HandleCache source, HandleCache target, String runId, FileCopier copier,
      Settings settings, AfterCopy afterCopy) {
    this.source = source;
    this.target = target;
    this.runId = runId;
    this.copier = copier;
    this.settings = settings;
    this.afterCopy = afterCopy;
  }

  /**
   * Carries out one action; a failure is returned, not thrown, so that a batch goes on after it.
   *
   * @throws CancelledException if {@code cancelled} turned true mid-copy (the temporary file is
   *     already removed)
   */
  public Outcome run(WorkerAction action, LongConsumer progress, BooleanSupplier cancelled)
      throws CancelledException {
    // A big file's temporary copy is the coordinator's to remove: other chunks are still on it.
    boolean chunked = action instanceof WriteChunk || action instanceof CommitFile;
    byte[] temp = chunked ? null : TempNames.of(runId, action.seq());
    DirHandle dir = null;
    try {
      dir = target.get(action.dir());
      if (action instanceof WriteChunk c) {
        return writeChunk(c, dir, progress, cancelled);
      } else if (action instanceof CommitFile c) {
        return commit(c, dir);
      } else if (action instanceof WriteFile f) {
        return writeFile(f, dir, temp, progress, cancelled);
      } else if (action instanceof WriteLink l) {
        return writeLink(l, dir, temp);
      } else if (action instanceof WriteSpecial s) {
        return writeSpecial(s, dir, temp);
      } else if (action instanceof HardLink h) {
        return hardLink(h, dir, temp);
      }
      return fix((FixMetadata) action, dir);
    } catch (CancelledException e) {
      // A stopped run says nothing per entry; what stays is swept by the next run.
      remove(dir, temp);
      throw e;
    } catch (ReadFailure e) {
      return Outcome.failed(Reasons.of(e.getCause())).leaving(remove(dir, temp));
    } catch (IOException | RuntimeException e) {
      String leftover = remove(dir, temp);
      if (dir == null || SysException.is(e, Errno.ENOENT)) {
        // A directory of the path was removed or replaced since it was opened.
        target.forget(action.dir());
      }
      return (Reasons.refusesWrites(e) ? Outcome.targetRefusesWrites(Reasons.of(e))
          : Outcome.failedWriting(Reasons.of(e))).leaving(leftover);
    } finally {
      source.trim();
      target.trim();
    }
  }

  private Outcome writeFile(WriteFile a, DirHandle dir, byte[] temp, LongConsumer progress,
      BooleanSupplier cancelled) throws IOException {
    try (FileHandle in = openSource(a)) {
      Stat stat = readSource(in::stat);
      if (!stat.isFile()) {
        return Outcome.failed(notARegularFile(stat.kind()));
      }
      List<Xattr> xattrs = wantsXattrs() ? kept(readSource(in::xattrs)) : List.of();
      boolean inherited = inheritsAcl(dir);
      long bytes;
      String notKept;
      int mode = a.meta().mode();
      try (FileHandle out = dir.create(temp, whileWritten(mode))) {
        bytes = copier.copy(in, stat, a.size(), out, progress, cancelled);
        afterCopy.copied(out);
        if (settings.verify()) {
          bytes = verified(in, stat, a, dir, temp, out, bytes, progress, cancelled);
        }
        notKept = finishFile(out, a.meta(), xattrs, inherited, createsWithMode(mode));
        afterCopy.made();
        publish(dir, temp, a.name(), out);
      }
      return notKept.isEmpty() ? Outcome.done(bytes) : Outcome.doneWithout(bytes, notKept);
    }
  }

  /**
   * Gives a file's new copy, still open, its owner, extended attributes, mode and times (in that
   * order: chown clears set-id bits and capabilities, an ACL sets group bits, and only a writer
   * of the inode may set {@code user.*} attributes, which the final mode may not let the owner
   * be), and flushes it with {@code --fsync}. Returns what could not be kept.
   *
   * @param hasMode whether the copy was created with its mode already
   */
  private String finishFile(FileHandle out, Meta meta, List<Xattr> xattrs, boolean inherited,
      boolean hasMode) throws SysException {
    String notKept = owner(out, meta);
    notKept = NotKept.join(notKept, XattrCopier.apply(xattrs, new XattrCopier.Target() {
      @Override
      public void set(byte[] name, byte[] value) throws SysException {
        out.setXattr(name, value);
      }

      @Override
      public void remove(byte[] name) throws SysException {
        out.removeXattr(name);
      }
    }, inherited));
    if (meta.setsOwner() || inherited || !hasMode) {
      out.chmodOpen(meta.mode());
    }
    out.setTimesOpen(meta.atime(), meta.mtime());
    if (KeptTimes.mayBeClamped(meta.atime(), meta.mtime())) {
      notKept = NotKept.join(notKept, KeptTimes.lost(meta.atime(), meta.mtime(), out.stat()));
    }
    if (settings.fsync()) {
      out.fsync();
    }
    return notKept;
  }

  /**
   * Reads the copy back and compares its CRC32C with the source's; copies once more on a
   * mismatch, and fails the entry if the second copy reads back wrong too.
   */
  private long verified(FileHandle in, Stat stat, WriteFile a, DirHandle dir, byte[] temp,
      FileHandle out, long bytes, LongConsumer progress, BooleanSupplier cancelled)
      throws IOException {
    for (int attempt = 1; ; attempt++) {
      long expected = Checksums.crc32c(in, a.size(), true);
      long actual;
      try (FileHandle copy = dir.openRead(temp, false)) {
        actual = Checksums.crc32c(copy, a.size(), false);
      }
      if (expected == actual) {
        return bytes;
      }
      if (attempt == VERIFY_ATTEMPTS) {
        throw new VerifyFailure("the copy reads back wrong twice (CRC32C "
            + Long.toHexString(actual) + ", source " + Long.toHexString(expected) + ")");
      }
      out.truncate(0);
      bytes = copier.copy(in, stat, a.size(), out, progress, cancelled);
      afterCopy.copied(out);
    }
  }

  /** The copy of a file reads back other bytes than its source holds: the target's fault. */
  static final class VerifyFailure extends IOException {
    private static final long serialVersionUID = 1L;

    VerifyFailure(String message) {
      super(message);
    }
  }

  /** Copies one chunk of a big file into its temporary copy, at the same offset. */
  private Outcome writeChunk(WriteChunk a, DirHandle dir, LongConsumer progress,
      BooleanSupplier cancelled) throws IOException {
    try (FileHandle in = openSource(a.dir(), a.sourceName());
        FileHandle out = openTemporary(dir, a.temp(), a.ino(), a.dev())) {
      Stat stat = readSource(in::stat);
      if (!stat.isFile()) {
        return Outcome.failed(notARegularFile(stat.kind()));
      }
      long bytes = copier.copyChunk(in, stat, a.offset(), a.length(), a.fileSize(), out,
          progress, cancelled);
      if (settings.fsync()) {
        // The chunk is noted as done once reported: it must be on the disk by then.
        out.fsync();
      }
      return Outcome.done(bytes);
    }
  }

  /**
   * Finishes a big file whose chunks are all in place: its metadata as for any file, then the
   * rename.
   */
  private Outcome commit(CommitFile a, DirHandle dir) throws IOException {
    try (FileHandle in = openSource(a.dir(), a.sourceName());
        FileHandle out = openTemporary(dir, a.temp(), a.ino(), a.dev())) {
      Stat stat = readSource(in::stat);
      if (!stat.isFile() || stat.size() != a.size()) {
        return Outcome.failed("changed while being copied (listed " + a.size() + " bytes, now "
            + stat.size() + ")");
      }
      // Written to between two chunks: each chunk saw the file unchanged while it copied, but
      // the copy mixes what was there before and after.
      if (!stat.mtime().same(a.meta().mtime())) {
        return Outcome.failed("changed while being copied (written to meanwhile)");
      }
      List<Xattr> xattrs = wantsXattrs() ? kept(readSource(in::xattrs)) : List.of();
      if (settings.verify()) {
        long expected = Checksums.crc32c(in, a.size(), true);
        try (FileHandle copy = dir.openRead(a.temp(), false)) {
          long actual = Checksums.crc32c(copy, a.size(), false);
          if (expected != actual) {
            throw new VerifyFailure("the copy reads back wrong (CRC32C "
                + Long.toHexString(actual) + ", source " + Long.toHexString(expected) + ")");
          }
        }
      }
      // Made 0600 by the coordinator, the copy always needs its mode.
      String notKept = finishFile(out, a.meta(), xattrs, inheritsAcl(dir), false);
      publish(dir, a.temp(), a.name(), out);
      return notKept.isEmpty() ? Outcome.done(0) : Outcome.doneWithout(0, notKept);
    }
  }

  /**
   * Opens a big file's temporary copy, made when the file was cut, and checks it is still that
   * very file: a regular file with one link, of that inode.
   */
  private static FileHandle openTemporary(DirHandle dir, byte[] temp, long ino, long dev)
      throws IOException {
    FileHandle out;
    try {
      out = dir.openWrite(temp);
    } catch (SysException e) {
      throw e.errno() == Errno.ELOOP ? new ReplacedCopy() : e;
    }
    Stat stat = out.stat();
    if (!stat.isFile() || stat.ino() != ino || stat.dev() != dev || stat.nlink() != 1) {
      out.close();
      throw new ReplacedCopy();
    }
    return out;
  }

  /**
   * A big file's temporary copy is no longer the file made for it (a link or another file is at
   * its name, or it has another name too): said so, rather than as the errno that showed it.
   */
  static final class ReplacedCopy extends IOException {
    private static final long serialVersionUID = 1L;

    ReplacedCopy() {
      super("its temporary copy was replaced while it was being written");
    }
  }

  private Outcome writeLink(WriteLink a, DirHandle dir, byte[] temp) throws IOException {
    dir.symlink(a.text(), temp);
    afterCopy.made();
    String notKept;
    try (FileHandle entry = madeEntry(dir, temp, Stat.Kind.SYMLINK)) {
      notKept = a.meta().setsOwner() ? ownerOfEntry(entry, a.meta()) : "";
      notKept = NotKept.join(notKept, entryXattrs(a.dir(), a.name(), entry, false));
      notKept = NotKept.join(notKept, setTimes(entry, a.meta()));
      publish(dir, temp, a.name(), entry);
    }
    return notKept.isEmpty() ? Outcome.done(0) : Outcome.doneWithout(0, notKept);
  }

  private Outcome writeSpecial(WriteSpecial a, DirHandle dir, byte[] temp) throws IOException {
    dir.mknod(temp, a.kind(), a.meta().mode(), a.rdev());
    afterCopy.made();
    String notKept;
    try (FileHandle entry = madeEntry(dir, temp, a.kind())) {
      notKept = a.meta().setsOwner() ? ownerOfEntry(entry, a.meta()) : "";
      notKept = NotKept.join(notKept, entryXattrs(a.dir(), a.name(), entry, inheritsAcl(dir)));
      entry.chmod(a.meta().mode());
      notKept = NotKept.join(notKept, setTimes(entry, a.meta()));
      publish(dir, temp, a.name(), entry);
    }
    return notKept.isEmpty() ? Outcome.done(0) : Outcome.doneWithout(0, notKept);
  }

  /**
   * Puts the entry made, open as {@code made}, at its final name, and checks that the name leads
   * to it then: another process with write access to the directory may have moved something
   * else to the temporary name meanwhile, which the rename would publish as the copy, complete
   * at its final name, with exit 0. It is then named as a failure. The entry is held open until
   * the check, so that its inode number cannot go to another file in between.
   */
  private static void publish(DirHandle dir, byte[] temp, byte[] name, FileHandle made)
      throws IOException {
    dir.rename(temp, dir, name);
    Stat now = dir.statIfExists(name);
    if (now == null || !now.sameFile(made.stat())) {
      throw new ReplacedCopy();
    }
  }

  /**
   * Opens the link or special file just made at {@code temp}, checked to be it: of {@code kind},
   * this process's, with no other name. Its owner, attributes, mode and times then go through
   * the handle: set by name, they would go to whatever another process with write access to
   * the directory put at the temporary name meanwhile, such as a hard link to a file outside
   * DST, which a root run would then give away.
   */
  private FileHandle madeEntry(DirHandle dir, byte[] temp, Stat.Kind kind) throws IOException {
    FileHandle entry = entryAt(dir, temp);
    Stat made = entry.stat();
    if (made.kind() != kind || made.nlink() != 1 || made.uid() != uid) {
      entry.close();
      throw new ReplacedCopy();
    }
    return entry;
  }

  private Outcome hardLink(HardLink a, DirHandle dir, byte[] temp) throws IOException {
    DirHandle anchorDir = target.get(a.anchorDir());
    dir.link(anchorDir, a.anchorName(), temp);
    afterCopy.made();
    try (FileHandle entry = linkedEntry(dir, temp, anchorDir, a.anchorName())) {
      Stat existing = dir.statIfExists(a.name());
      if (existing != null && existing.sameFile(entry.stat())) {
        // Already a link to it: rename(2) between two names of one file does nothing.
        dir.unlink(temp);
      } else {
        publish(dir, temp, a.name(), entry);
      }
    }
    return Outcome.done(0);
  }

  /** Opens the entry just made at {@code temp}; gone already, it was replaced. */
  private static FileHandle entryAt(DirHandle dir, byte[] temp) throws IOException {
    try {
      return dir.openEntry(temp);
    } catch (SysException e) {
      throw e.errno() == Errno.ENOENT ? new ReplacedCopy() : e;
    }
  }

  /**
   * Opens the name just linked, checked to be its anchor's file still: another process with
   * write access to the directory may have moved a file of its own to the temporary name, which
   * the rename would publish as a member of the group.
   */
  private static FileHandle linkedEntry(DirHandle dir, byte[] temp, DirHandle anchorDir,
      byte[] anchorName) throws IOException {
    FileHandle entry = entryAt(dir, temp);
    Stat anchor = anchorDir.statIfExists(anchorName);
    if (anchor == null || !anchor.sameFile(entry.stat())) {
      entry.close();
      throw new ReplacedCopy();
    }
    return entry;
  }

  /**
   * Changes a finished copy's owner, mode and times, through a handle on the entry itself, after
   * checking that it is still the entry the walk saw and has no other name that would change
   * with it. The times come last: nothing after them may move them.
   */
  private Outcome fix(FixMetadata a, DirHandle dir) throws IOException {
    // Read before anything changes: a source that cannot be read leaves the copy as it was.
    byte[] capability = a.chown() && a.kind() == Stat.Kind.FILE ? sourceCapability(a) : null;
    String notKept = "";
    try (FileHandle entry = dir.openEntry(a.name())) {
      Stat now = entry.stat();
      if (now.ino() != a.ino() || now.dev() != a.dev() || now.kind() != a.kind()
          || now.nlink() > 1) {
        return Outcome.failedWriting("changed since it was listed; left as it is");
      }
      if (a.chown()) {
        entry.chown(a.uid(), a.gid());
      }
      if (capability != null) {
        // The chown removed it (a new copy gets it after its owner, in finishFile).
        try {
          entry.setXattr(CAPABILITY.name(), capability);
        } catch (SysException e) {
          notKept = XattrCopier.lost(CAPABILITY.name(), e);
        }
      }
      if (a.mode() != -1) {
        entry.chmod(a.mode());
      }
      if (a.mtime() != null) {
        entry.setTimes(a.atime(), a.mtime());
        if (KeptTimes.mayBeClamped(a.atime(), a.mtime())) {
          notKept = NotKept.join(notKept, KeptTimes.lost(a.atime(), a.mtime(), entry.stat()));
        }
      }
    }
    return notKept.isEmpty() ? Outcome.done(0) : Outcome.doneWithout(0, notKept);
  }

  /**
   * Returns the source file's capabilities, if it has any and the run keeps them; else null.
   */
  private byte[] sourceCapability(FixMetadata a) throws ReadFailure {
    if (!XattrRules.keeps(CAPABILITY, settings.xattrs(), settings.acls(), settings.root())) {
      return null;
    }
    try (FileHandle in = openSource(a.dir(), a.sourceName())) {
      return readSource(() -> in.xattr(CAPABILITY.name()));
    }
  }

  private FileHandle openSource(WriteFile a) throws ReadFailure {
    return openSource(a.dir(), a.sourceName());
  }

  private FileHandle openSource(byte[] dirPath, byte[] name) throws ReadFailure {
    try {
      return source.get(dirPath).openRead(name, settings.followLinks());
    } catch (SysException e) {
      if (e.errno() == Errno.ENOENT) {
        source.forget(dirPath);
      }
      if (e.errno() == Errno.ELOOP && !settings.followLinks()) {
        // O_NOFOLLOW's answer to a link at the name (the directory handle leaves no other link
        // to follow): the file was swapped for a link since it was listed, said as such.
        throw new ReadFailure(new IOException(notARegularFile(Stat.Kind.SYMLINK)));
      }
      throw new ReadFailure(e);
    }
  }

  /** Why a file listed as a regular file is not copied: it is a {@code kind} now. */
  private static String notARegularFile(Stat.Kind kind) {
    return "is " + kind.description() + " now, not a regular file";
  }

  /** A source read whose failure blames the source. */
  private interface SourceRead<T> {
    T read() throws SysException;
  }

  private static <T> T readSource(SourceRead<T> read) throws ReadFailure {
    try {
      return read.read();
    } catch (SysException e) {
      throw new ReadFailure(e);
    }
  }

  private boolean wantsXattrs() {
    return settings.xattrs() || settings.acls();
  }

  private List<Xattr> kept(List<Xattr> all) {
    return XattrRules.kept(all, settings.xattrs(), settings.acls(), settings.root());
  }

  /** Copies a link's or special file's attributes onto its new copy {@code entry}. */
  private String entryXattrs(byte[] dirPath, byte[] name, FileHandle entry, boolean inherited)
      throws ReadFailure {
    if (!wantsXattrs()) {
      return "";
    }
    List<Xattr> xattrs;
    try {
      xattrs = kept(source.get(dirPath).xattrs(name));
    } catch (SysException e) {
      throw new ReadFailure(e);
    }
    return XattrCopier.apply(xattrs, new XattrCopier.Target() {
      @Override
      public void set(byte[] attribute, byte[] value) throws SysException {
        entry.setXattr(attribute, value);
      }

      @Override
      public void remove(byte[] attribute) throws SysException {
        if (!entry.removeXattr(attribute)) {
          throw new SysException(Errno.ENODATA, "removexattr");
        }
      }
    }, inherited);
  }

  private boolean inheritsAcl(DirHandle dir) {
    if (!settings.acls()) {
      return false;
    }
    return defaultAcls.computeIfAbsent(dir, d -> {
      try {
        return d.xattr(ACL_DEFAULT) != null;
      } catch (SysException e) {
        return false;
      }
    });
  }

  /** Gives an open new file its owner; a group the user may not give is reported, not fatal. */
  private static String owner(FileHandle out, Meta meta) {
    if (!meta.setsOwner()) {
      return "";
    }
    try {
      out.chown(meta.uid(), meta.gid());
      return "";
    } catch (SysException e) {
      return "owner " + meta.uid() + ":" + meta.gid() + ": " + e.getMessage();
    }
  }

  private static String ownerOfEntry(FileHandle entry, Meta meta) {
    try {
      entry.chown(meta.uid(), meta.gid());
      return "";
    } catch (SysException e) {
      return "owner " + meta.uid() + ":" + meta.gid() + ": " + e.getMessage();
    }
  }

  /**
   * The mode a file's copy is created with: its own permission bits, with read and write for
   * the owner (the process itself) until {@link #finishFile} gives it its mode. The kernel lets
   * only a writer of the inode set {@code user.*} attributes, whatever the open file allows, and
   * {@code --verify} reads the copy back by name; group and others get no more than the final
   * mode gives them.
   */
  private static int whileWritten(int mode) {
    return mode & 0777 | 0600;
  }

  /**
   * Whether a file created with {@code mode} (as {@link #whileWritten}) already has it: the
   * umask takes bits away, the owner may have had read or write added, and the set-user-ID,
   * set-group-ID and sticky bits are not given at creation.
   */
  private boolean createsWithMode(int mode) {
    return settings.umask() >= 0 && whileWritten(mode) == mode
        && (mode & settings.umask()) == 0;
  }

  /**
   * Sets the times of {@code entry}, a symbolic link or special file just made, without following
   * it; returns what of them it did not keep.
   */
  private static String setTimes(FileHandle entry, Meta meta) throws SysException {
    entry.setTimes(meta.atime(), meta.mtime());
    return KeptTimes.mayBeClamped(meta.atime(), meta.mtime())
        ? KeptTimes.lost(meta.atime(), meta.mtime(), entry.stat()) : "";
  }

  /**
   * Removes a failed action's temporary file; returns why it could not be, so that the file left
   * behind is told of, or empty if it is gone (or was never made).
   */
  private static String remove(DirHandle dir, byte[] temp) {
    if (dir == null || temp == null) {
      return "";
    }
    try {
      dir.unlinkIfExists(temp);
      return "";
    } catch (SysException e) {
      return Reasons.of(e);
    }
  }
}
