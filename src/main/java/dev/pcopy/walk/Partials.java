package dev.pcopy.walk;

import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.FileHandle;
import dev.pcopy.fs.Stat;
import dev.pcopy.fs.SysException;
import dev.pcopy.plan.Decision;
import dev.pcopy.plan.Leftovers;
import dev.pcopy.plan.PartialRecord;
import dev.pcopy.plan.TempNames;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The partly copied big files that stopped runs left in one target directory, found by their
 * records ({@link PartialRecord}), and which of them this run continues: those the sweep of
 * leftovers must then leave alone.
 *
 * <p>Only a record and a temporary copy that this user owns, each a regular file with one link,
 * of a run that is over, and of the record's size, count: a partial copy someone else put there
 * is a leftover like any other.
 */
public final class Partials {
  /** Bytes a record may have: its header and one number per chunk of a 100 TiB file. */
  private static final int MAX_RECORD = 8 << 20;

  private final Map<ByteBuffer, Decision.Partial> byEntry = new HashMap<>();
  private final Set<ByteBuffer> adopted = new HashSet<>();

  private Partials() {}

  /** A directory without partial copies. */
  public static Partials none() {
    return new Partials();
  }

  /**
   * Finds the partial copies among {@code listing}, the names in the target directory
   * {@code dir}.
   *
   * @param leftovers tells a stopped run's names from a live one's
   * @param inSource whether the source directory has an entry of a name (it is no leftover then)
   * @param uid who this process is
   */
  public static Partials find(DirHandle dir, List<byte[]> listing, Leftovers leftovers,
      Predicate<byte[]> inSource, int uid) {
    Partials found = new Partials();
    for (byte[] name : listing) {
      if (!TempNames.isRecord(name) || leftovers.judge(name, Stat.Kind.FILE,
          inSource.test(name)) != Leftovers.Verdict.LEFTOVER) {
        continue;
      }
      try {
        read(dir, name, uid).ifPresent(p -> found.keep(p));
      } catch (SysException e) {
        // Unreadable or gone: the sweep removes it, or leaves it, as any leftover.
      }
    }
    return found;
  }

  /**
   * Reads the record, checking the status of the very handle it is read through: the name, looked
   * at first so that nothing but a file of ours is ever opened, could be swapped before it is
   * opened for a record someone else wrote, claiming chunks that were never copied.
   */
  private static Optional<Decision.Partial> read(DirHandle dir, byte[] recordName, int uid)
      throws SysException {
    if (!owned(dir.statIfExists(recordName), uid)) {
      return Optional.empty();
    }
    Optional<PartialRecord> record;
    try (FileHandle file = dir.openRead(recordName, false)) {
      Stat stat = file.stat();
      if (!owned(stat, uid) || stat.size() > MAX_RECORD) {
        return Optional.empty();
      }
      // Its size as checked, not the most a record may have, which each read would allocate.
      record = PartialRecord.parse(file.readAll((int) stat.size()));
    }
    if (record.isEmpty()) {
      return Optional.empty();
    }
    byte[] temp = TempNames.fileOfRecord(recordName);
    Stat copy = dir.statIfExists(temp);
    // The record's own copy: another file of this user's, of the size, put at its name since (a
    // finished copy of the same file, say) holds other bytes than the chunks the record claims.
    if (!owned(copy, uid) || copy.size() != record.get().size()
        || copy.ino() != record.get().copyIno()) {
      return Optional.empty();
    }
    return Optional.of(new Decision.Partial(temp, recordName, record.get()));
  }

  private static boolean owned(Stat stat, int uid) {
    return stat != null && stat.isFile() && stat.nlink() == 1 && stat.uid() == uid;
  }

  /** Of two partial copies of one entry, keeps the one further along. */
  private void keep(Decision.Partial p) {
    byEntry.merge(ByteBuffer.wrap(p.record().name()), p,
        (a, b) -> a.record().done().cardinality() >= b.record().done().cardinality() ? a : b);
  }

  /**
   * Returns the partial copy left for the entry {@code name}, or null. Call once per entry: the
   * copy is then taken, and {@link #adopted} says so if the decision continues it.
   */
  public Decision.Partial take(byte[] name) {
    return byEntry.isEmpty() ? null : byEntry.remove(ByteBuffer.wrap(name));
  }

  /** Notes that {@code decision}, if it continues a partial copy, keeps that copy's files. */
  public void decided(Decision decision) {
    if (decision.cut() != null && decision.cut().resumes()) {
      adopted.add(ByteBuffer.wrap(decision.cut().temp()));
      adopted.add(ByteBuffer.wrap(decision.cut().recordName()));
    }
  }

  /** Whether {@code name} is a file of a partial copy this run continues. */
  public boolean adopted(byte[] name) {
    return !adopted.isEmpty() && adopted.contains(ByteBuffer.wrap(name));
  }
}
