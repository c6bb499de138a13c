package dev.pcopy.worker;

import dev.pcopy.copy.EntryWriter;
import dev.pcopy.copy.FileCopier.WriteGate;
import dev.pcopy.fs.Errno;
import dev.pcopy.fs.FileHandle;
import dev.pcopy.fs.SysException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What integration tests may ask of a worker through system properties (set with
 * {@code PCOPY_WORKER_JAVA_OPTS}), and nothing else may: no option, frame or request carries
 * them.
 *
 * <ul>
 *   <li>{@code pcopy.test.workerDelay}: milliseconds to pause before each action, to widen the
 *       timing windows a test aims at (a signal mid-run, a race);
 *   <li>{@code pcopy.test.room}: bytes this worker may write in all before its destination
 *       refuses more, and {@code pcopy.test.refusal}: how it refuses ({@code ENOSPC},
 *       {@code EDQUOT} or {@code EROFS}): a full or read-only disk without mounting one;
 *   <li>{@code pcopy.test.corruptCopies}: how many files' copies get their first byte changed
 *       after they are written: a disk that writes wrong, for {@code --verify};
 *   <li>{@code pcopy.test.sliceDelay}: milliseconds to pause before each slice of a file is
 *       written: a slow disk, so that a test can catch a worker in the middle of a file;
 *   <li>{@code pcopy.test.madeDelay}: milliseconds to pause once a link, special file or hard
 *       link is made under its temporary name, and once a file's copy is finished before its
 *       rename: room for a test's attacker to put something else there.
 * </ul>
 *
 * @param delayMillis pause before each action
 * @param gate lets bytes through to the target
 * @param afterCopy looks at each file's copy before it is checked
 */
record TestHooks(int delayMillis, WriteGate gate, EntryWriter.AfterCopy afterCopy) {
  /** Reads the hooks from this JVM's system properties. */
  static TestHooks fromProperties() {
    int delay = Integer.getInteger("pcopy.test.workerDelay", 0);
    long room = Long.getLong("pcopy.test.room", -1);
    String refusal = System.getProperty("pcopy.test.refusal", "ENOSPC");
    int corrupt = Integer.getInteger("pcopy.test.corruptCopies", 0);
    int sliceDelay = Integer.getInteger("pcopy.test.sliceDelay", 0);
    int madeDelay = Integer.getInteger("pcopy.test.madeDelay", 0);
    WriteGate gate = room < 0 ? WriteGate.OPEN : limited(room, errno(refusal));
    EntryWriter.AfterCopy after = corrupt > 0 ? corrupting(corrupt) : EntryWriter.AfterCopy.NONE;
    return new TestHooks(delay, sliceDelay > 0 ? slowed(gate, sliceDelay) : gate,
        madeDelay > 0 ? pausingWhenMade(after, madeDelay) : after);
  }

  /** {@code after}, with a pause of {@code millis} at each {@link EntryWriter.AfterCopy#made}. */
  static EntryWriter.AfterCopy pausingWhenMade(EntryWriter.AfterCopy after, int millis) {
    return new EntryWriter.AfterCopy() {
      @Override
      public void copied(FileHandle copy) throws SysException {
        after.copied(copy);
      }

      @Override
      public void made() {
        try {
          Thread.sleep(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
  }

  /** A destination that takes {@code millis} before each slice, then lets {@code gate} say. */
  static WriteGate slowed(WriteGate gate, int millis) {
    return want -> {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return gate.allow(want);
    };
  }

  /** Changes the first byte of the first {@code count} copies that have one. */
  static EntryWriter.AfterCopy corrupting(int count) {
    java.util.concurrent.atomic.AtomicInteger left =
        new java.util.concurrent.atomic.AtomicInteger(count);
    java.nio.ByteBuffer one = java.nio.ByteBuffer.allocateDirect(1);
    return copy -> {
      if (copy.stat().size() > 0 && left.getAndDecrement() > 0) {
        one.put(0, (byte) 0x5a);
        copy.write(one, 0, 1, 0);
      }
    };
  }

  /** A destination that takes {@code room} bytes, with a short count at the end, then refuses. */
  static WriteGate limited(long room, int errno) {
    AtomicLong left = new AtomicLong(room);
    return want -> {
      long now = left.get();
      if (now <= 0) {
        throw new SysException(errno, "write");
      }
      long allowed = Math.min(now, want);
      left.addAndGet(-allowed);
      return allowed;
    };
  }

  private static int errno(String name) {
    return switch (name.toUpperCase(Locale.ROOT)) {
      case "EROFS" -> Errno.EROFS;
      case "EDQUOT" -> Errno.EDQUOT;
      default -> Errno.ENOSPC;
    };
  }
}
