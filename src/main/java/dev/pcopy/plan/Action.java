package dev.pcopy.plan;

import dev.pcopy.fs.Stat;
import dev.pcopy.fs.Timestamp;
import dev.pcopy.fs.Xattr;
import java.util.List;

/**
 * One decision of the {@link Planner} about one entry: what a run does to make the target equal
 * to the source there. The real run carries actions out, the dry run prints them, and
 * {@code -v} prints those carried out: the same actions, so the three cannot disagree.
 *
 * <p>Every action names its entry by {@code dir}, the path of its directory below the roots
 * (empty for the top), and {@code name}; the entry is at the same place below SRC and below DST.
 */
public sealed interface Action {
  /** The entry's directory below the roots, as raw bytes ({@link dev.pcopy.fs.Names#ROOT}). */
  byte[] dir();

  /** The entry's name. */
  byte[] name();

  /** An action a worker carries out: it writes or changes one entry of the target. */
  sealed interface WorkerAction extends Action {
    /** Unique within the run: names the entry's temporary file. */
    long seq();

    /** Bytes of source data the action copies (0 but for {@link WriteFile}). */
    default long bytes() {
      return 0;
    }
  }

  /**
   * An action that may put in place the entry a hard-link group's other members link to
   * ({@link HardLinks}): a write of a file, symbolic link or special file, or the fix of one
   * already there. The links wait until it is done: a link made first would give the entry a
   * second name, which a fix refuses to change.
   */
  sealed interface Anchorable extends WorkerAction {
    /** Whether hard links to this entry wait for it ({@link HardLink}). */
    boolean anchor();

    /** Returns this action as the one its hard links wait for. */
    Anchorable asAnchor();
  }

  /**
   * Create a directory that the target lacks. The walk does it itself, before anything inside
   * it, with a mode that lets the copy fill it; its real mode comes with {@link FinishDirectory}.
   */
  record MakeDirectory(byte[] dir, byte[] name) implements Action {}

  /**
   * Copy a regular file's bytes under a temporary name, give it {@code meta} and rename it over
   * {@code name}.
   *
   * <p>Extended attributes and ACLs go with every written entry, as far as the run's policy
   * keeps them; the worker reads them from the source as it copies.
   *
   * @param sourceName the source file's name in its directory: {@code name} but for a single
   *     file copied under another name
   * @param size the size the walk listed: a file found at another size when copied is refused
   * @param anchor hard links to this file wait for it ({@link HardLink})
   */
  record WriteFile(byte[] dir, byte[] name, byte[] sourceName, long seq, long size, Meta meta,
      boolean anchor) implements Anchorable {
    @Override
    public WriteFile asAnchor() {
      return new WriteFile(dir, name, sourceName, seq, size, meta, true);
    }

    @Override
    public long bytes() {
      return size;
    }
  }

  /**
   * Copy one chunk of a big file into its temporary copy, at the same offset: several workers
   * copy the chunks of one file at once. The temporary copy exists already (made, at the file's
   * size, when the file was cut), and must still be the very file made then.
   *
   * @param temp the temporary copy's name in the entry's directory
   * @param offset where the chunk starts
   * @param length its bytes
   * @param fileSize the source's size as listed: a file found at another size is refused
   * @param ino the temporary copy's inode
   * @param dev its device
   */
  record WriteChunk(byte[] dir, byte[] name, byte[] sourceName, long seq, byte[] temp,
      long offset, long length, long fileSize, long ino, long dev) implements WorkerAction {
    @Override
    public long bytes() {
      return length;
    }
  }

  /**
   * Finish a big file whose chunks are all copied: give its temporary copy the source's
   * extended attributes, owner, mode and times, and rename it over {@code name}.
   *
   * @param temp the temporary copy's name
   * @param size the source's size as listed
   * @param ino the temporary copy's inode, which must still be the one at {@code temp}
   * @param dev its device
   */
  record CommitFile(byte[] dir, byte[] name, byte[] sourceName, long seq, byte[] temp, long size,
      Meta meta, long ino, long dev) implements WorkerAction {}

  /**
   * Create a symbolic link with the text {@code text}, byte for byte, under {@code name}.
   *
   * @param anchor hard links to this link wait for it ({@link HardLink})
   */
  record WriteLink(byte[] dir, byte[] name, long seq, byte[] text, Meta meta, boolean anchor)
      implements Anchorable {
    @Override
    public WriteLink asAnchor() {
      return new WriteLink(dir, name, seq, text, meta, true);
    }
  }

  /**
   * Create a FIFO, socket or device of {@code kind} (a device: {@code rdev}).
   *
   * @param anchor hard links to this entry wait for it ({@link HardLink})
   */
  record WriteSpecial(byte[] dir, byte[] name, long seq, Stat.Kind kind, long rdev, Meta meta,
      boolean anchor) implements Anchorable {
    @Override
    public WriteSpecial asAnchor() {
      return new WriteSpecial(dir, name, seq, kind, rdev, meta, true);
    }
  }

  /**
   * Make {@code name} a hard link to the target entry {@code anchorDir/anchorName}, which is (or
   * will be, before this runs) at its final name: entries that share an inode in SRC (files,
   * symbolic links, special files) share one in DST. Its bytes are counted once, with the file
   * it links to.
   *
   * @param kind what the linked entry is, so that it is counted as a file, a link or a special
   *     file, as its group's write is
   */
  record HardLink(byte[] dir, byte[] name, long seq, Stat.Kind kind, byte[] anchorDir,
      byte[] anchorName) implements WorkerAction {}

  /**
   * Change the mode, owner or times of a target whose content is already right, in place: only
   * a target with no other hard link, so that nothing outside the copy changes with it. A file
   * whose owner or group changes gets its source's file capabilities again (when extended
   * attributes are kept): the kernel removes {@code security.capability} on chown.
   *
   * @param sourceName the source entry's name in its directory: {@code name} but for a single
   *     file copied under another name
   * @param mode the mode to set, or -1
   * @param uid the owner to set, or -1
   * @param gid the group to set, or -1
   * @param atime the access time to set with {@code mtime}, or null
   * @param mtime the modification time to set (a link or special file whose time alone
   *     changed, a file whose bytes {@code --checksum} found equal), or null
   * @param ino the target's inode, which must still be the one at that name
   * @param dev its device
   * @param size the source's size, which the progress counts as settled
   * @param anchor hard links to this entry wait for the fix ({@link HardLink})
   */
  record FixMetadata(byte[] dir, byte[] name, byte[] sourceName, long seq, Stat.Kind kind,
      int mode, int uid, int gid, Timestamp atime, Timestamp mtime, long ino, long dev,
      long size, boolean anchor) implements Anchorable {
    /** Whether the owner or group changes. */
    public boolean chown() {
      return uid != -1 || gid != -1;
    }

    @Override
    public FixMetadata asAnchor() {
      return new FixMetadata(dir, name, sourceName, seq, kind, mode, uid, gid, atime, mtime, ino,
          dev, size, true);
    }
  }

  /**
   * Nothing to do: the target is already a finished copy of the source entry.
   *
   * @param size the bytes the progress counts as settled (0 for a hard link already made)
   */
  record Skip(byte[] dir, byte[] name, long size) implements Action {}

  /**
   * Remove a temporary file that a run killed whole left behind ({@link Leftovers}).
   */
  record RemoveLeftover(byte[] dir, byte[] name) implements Action {}

  /**
   * The entry cannot be copied: {@code reason} says why, as the real run reports it. The path
   * shown is the source's when {@code blamesTarget} is false, else the target's.
   *
   * @param size the source's size, which the progress counts as settled
   * @param directory whether the entry is a directory (not counted among the files)
   */
  record Refuse(byte[] dir, byte[] name, boolean blamesTarget, String reason, long size,
      boolean directory) implements Action {}

  /**
   * Remove an entry of the target that the source lacks ({@code --delete}), a directory with
   * everything in it. Carried out after a copy in which nothing failed, and only while the
   * entry is still the one planned: same kind, same device and inode.
   *
   * <p>The walk looked into it: a directory that holds something protected (an entry the
   * selection excludes, a mount point under {@code -x}, another live run's temporary file; see
   * {@link Protection}) is not deleted, and what it holds that may go is deleted entry by entry,
   * each a {@code Delete} of its own, while the directory is a {@link KeptDirectory}.
   *
   * @param kind what the target entry is
   * @param dev the device it was found on
   * @param ino its inode
   * @param entries the entries deleting it removes, itself included, as planned
   */
  record Delete(byte[] dir, byte[] name, Stat.Kind kind, long dev, long ino, long entries)
      implements Action {
    /** Deletes {@code name} in {@code dir}, found as {@code found}, counted as planned. */
    public static Delete of(byte[] dir, byte[] name, Stat found, long entries) {
      return new Delete(dir, name, found.kind(), found.dev(), found.ino(), entries);
    }

    /** Whether {@code now} is still the entry that was planned. */
    public boolean planned(Stat now) {
      return now.kind() == kind && now.dev() == dev && now.ino() == ino;
    }
  }

  /**
   * Give a directory its source's mode, owner, times and extended attributes, once everything
   * inside it is done: a read-only mode set earlier would stop its own copy, and writing into it
   * changes its time.
   *
   * <p>It is decided when the walk meets the directory, and carried out at the end: the lines a
   * dry run and {@code -v} print ({@code chown}, {@code chmod}, {@code setfacl},
   * {@code setfattr}, {@code touch}) say what differed then ({@code fixes}), while the end sets
   * whatever differs by then (a directory opened up for the copy gets its mode back, and one
   * the run wrote into its time, without a line).
   *
   * @param name empty for the top directory itself
   * @param meta what to give it (its uid and gid are the owner to keep, or -1)
   * @param xattrs the source directory's extended attributes and ACLs to set
   * @param xattrsKnown whether {@code xattrs} are the source's: false for a source directory
   *     that could not be read, whose copy keeps the attributes it has
   * @param fixes what an existing target differed in from its source
   * @param depth how deep it is below the top (0), so that the deepest are finished first
   */
  record FinishDirectory(byte[] dir, byte[] name, Meta meta, List<Xattr> xattrs,
      boolean xattrsKnown, DirectoryFixes fixes, int depth) implements Action {}
}
