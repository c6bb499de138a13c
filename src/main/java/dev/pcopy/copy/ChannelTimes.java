package dev.pcopy.copy;

import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.channels.FileChannel;
import java.time.Instant;

/**
 * Sets a file's times through a channel that is already open on it ({@code futimens}).
 *
 * <p>The JDK's public API sets times by path only, and does so by opening the file once more and
 * closing it again: two extra system calls per copied file, a tenth of a small file's cost. The
 * JDK has {@code futimens} inside; when the launcher has opened {@code java.io},
 * {@code sun.nio.ch} and {@code sun.nio.fs} to us, it is called on the channel's own descriptor.
 * Otherwise {@link #set} says so and the caller sets the times by path.
 */
final class ChannelTimes {
  private static final MethodHandle CHANNEL_FD = getter("sun.nio.ch.FileChannelImpl", "fd",
      FileDescriptor.class);
  private static final MethodHandle DESCRIPTOR_INT = getter("java.io.FileDescriptor", "fd",
      int.class);
  private static final MethodHandle FUTIMENS = dispatcher("futimens");
  /** Microseconds: the only way through the JDK to a time past the nanosecond range (2262). */
  private static final MethodHandle FUTIMES = dispatcher("futimes");
  private static final boolean AVAILABLE =
      CHANNEL_FD != null && DESCRIPTOR_INT != null && FUTIMENS != null;

  private ChannelTimes() {}

  /**
   * Sets access and modification time of the file open in {@code channel}.
   *
   * @return false if this JDK does not let us, and nothing was done
   */
  static boolean set(FileChannel channel, Instant mtime, Instant atime) throws IOException {
    if (!AVAILABLE || !CHANNEL_FD.type().parameterType(0).isInstance(channel)
        || mtime.getEpochSecond() < 0 || atime.getEpochSecond() < 0) {
      return false;
    }
    boolean inNanos = !mtime.isAfter(QuickCheck.LAST_NANO_TIME);
    if (!inNanos && FUTIMES == null) {
      return false;
    }
    try {
      FileDescriptor descriptor = (FileDescriptor) CHANNEL_FD.invoke(channel);
      int fd = (int) DESCRIPTOR_INT.invoke(descriptor);
      if (inNanos) {
        // The access time is not compared by the quick check: past 2262 it is kept as 2262.
        FUTIMENS.invoke(fd, nanos(min(atime, QuickCheck.LAST_NANO_TIME)), nanos(mtime));
      } else {
        FUTIMES.invoke(fd, micros(atime), micros(mtime));
      }
      return true;
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Throwable e) {
      // UnixException, the JDK's internal errno carrier, is not an IOException.
      throw new IOException(e.getMessage() == null ? "cannot set times" : e.getMessage(), e);
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isAfter(b) ? b : a;
  }

  /**
   * Nanoseconds since 1970. Times before 1970 never come here: the JDK splits nanoseconds with
   * / and %, which gives a negative tv_nsec for a time before 1970 with a fraction, so such
   * times go by path instead.
   */
  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  private static long micros(Instant t) {
    return Math.multiplyExact(t.getEpochSecond(), 1_000_000L) + t.getNano() / 1_000;
  }

  private static MethodHandle getter(String className, String field, Class<?> type) {
    try {
      Class<?> c = Class.forName(className);
      return MethodHandles.privateLookupIn(c, MethodHandles.lookup()).findGetter(c, field, type);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** The JDK's {@code static void name(int fd, long atime, long mtime)}, or null. */
  private static MethodHandle dispatcher(String name) {
    try {
      Class<?> c = Class.forName("sun.nio.fs.UnixNativeDispatcher");
      return MethodHandles.privateLookupIn(c, MethodHandles.lookup()).findStatic(c, name,
          MethodType.methodType(void.class, int.class, long.class, long.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
