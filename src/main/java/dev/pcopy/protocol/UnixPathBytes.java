package dev.pcopy.protocol;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;

/**
 * Reads and makes paths of the default file system from their exact bytes, through the JDK's own
 * {@code UnixPath}, when the launcher has opened {@code sun.nio.fs} to us.
 *
 * <p>A {@code UnixPath} made from a string is normalised: "a//b/" becomes "a/b". That is right
 * for a path to open, and wrong for the text of a symbolic link, which must be copied byte for
 * byte (a trailing slash makes a link resolve only to a directory). The JDK keeps the bytes of a
 * link it reads as they are, and writes a link's text from a path's bytes as they are, so making
 * the path from bytes keeps the text whole. It also spares the decoding and encoding of a string
 * for every path that crosses the pipe.
 */
final class UnixPathBytes {
  private static final FileSystem DEFAULT = FileSystems.getDefault();
  private static final Class<?> UNIX_PATH = unixPathClass();
  private static final MethodHandle BYTES = handle(true);
  private static final MethodHandle FROM_BYTES = handle(false);

  private UnixPathBytes() {}

  /** Returns the bytes of {@code path} exactly as the JDK holds them, or null if it cannot. */
  static byte[] bytesOf(Path path) {
    if (BYTES == null || !UNIX_PATH.isInstance(path)) {
      return null;
    }
    try {
      return ((byte[]) BYTES.invokeExact((Object) path)).clone();
    } catch (Throwable e) {
      throw new IllegalStateException("reading the bytes of a path failed", e);
    }
  }

  /**
   * Returns the path whose bytes are exactly {@code bytes}, not normalised, or null if it cannot.
   * The bytes must hold no NUL, which no Unix path can.
   */
  static Path pathOf(byte[] bytes) {
    if (FROM_BYTES == null) {
      return null;
    }
    for (byte b : bytes) {
      if (b == 0) {
        throw new IllegalArgumentException("a path cannot hold a NUL byte");
      }
    }
    try {
      return (Path) FROM_BYTES.invokeExact(bytes.clone());
    } catch (Throwable e) {
      throw new IllegalStateException("making a path from bytes failed", e);
    }
  }

  private static Class<?> unixPathClass() {
    try {
      Class<?> c = Class.forName("sun.nio.fs.UnixPath");
      return c.isInstance(DEFAULT.getPath("/")) ? c : null;
    } catch (ClassNotFoundException | RuntimeException e) {
      return null;
    }
  }

  /** Both handles are typed on Object and byte[] so each call is an exact invocation. */
  private static MethodHandle handle(boolean reader) {
    if (UNIX_PATH == null) {
      return null;
    }
    try {
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(UNIX_PATH, MethodHandles.lookup());
      if (reader) {
        return lookup.findVirtual(UNIX_PATH, "asByteArray", MethodType.methodType(byte[].class))
            .asType(MethodType.methodType(byte[].class, Object.class));
      }
      Class<?> fsClass = Class.forName("sun.nio.fs.UnixFileSystem");
      return lookup.findConstructor(UNIX_PATH, MethodType.methodType(void.class, fsClass, byte[].class))
          .bindTo(DEFAULT)
          .asType(MethodType.methodType(Path.class, byte[].class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Not opened to us (--add-opens missing) or another JDK layout: strings are used instead.
      return null;
    }
  }
}
