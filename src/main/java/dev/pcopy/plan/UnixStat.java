package dev.pcopy.plan;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads the {@code stat} fields that the JDK's public attribute types leave out or make costly:
 * the whole {@code st_mode} (all twelve mode bits and the file type) and the numeric owner and
 * group.
 *
 * <p>{@code PosixFileAttributes.permissions()} has only nine mode bits (no set-user-ID,
 * set-group-ID or sticky bit), and its owner and group are names that cost a user-database
 * lookup each. The {@code unix:mode}, {@code unix:uid} and {@code unix:gid} attributes have them,
 * but through a map that costs about twice a plain attribute read. The JDK's Linux attributes
 * object already holds the whole {@code struct stat}; when the launcher has opened
 * {@code sun.nio.fs} to us, the fields are read from there, with no second system call.
 * Otherwise (another file system, or the package not opened) the {@code unix:} attributes are
 * read.
 */
public final class UnixStat {
  private static final MethodHandle MODE = accessor("mode");
  private static final MethodHandle UID = accessor("uid");
  private static final MethodHandle GID = accessor("gid");
  private static final Class<?> UNIX_ATTRIBUTES = unixAttributesClass();

  private UnixStat() {}

  /**
   * Returns the whole {@code st_mode} of {@code path}, whose attributes are {@code attrs}: the
   * file-type bits and the {@code 07777} mode bits.
   */
  public static int stMode(Path path, BasicFileAttributes attrs, boolean followLinks)
      throws IOException {
    return field(MODE, "mode", path, attrs, followLinks);
  }

  /** Returns the numeric owner of {@code path}, whose attributes are {@code attrs}. */
  public static int uid(Path path, BasicFileAttributes attrs, boolean followLinks)
      throws IOException {
    return field(UID, "uid", path, attrs, followLinks);
  }

  /** Returns the numeric group of {@code path}, whose attributes are {@code attrs}. */
  public static int gid(Path path, BasicFileAttributes attrs, boolean followLinks)
      throws IOException {
    return field(GID, "gid", path, attrs, followLinks);
  }

  private static int field(MethodHandle handle, String name, Path path, BasicFileAttributes attrs,
      boolean followLinks) throws IOException {
    if (UNIX_ATTRIBUTES != null && UNIX_ATTRIBUTES.isInstance(attrs)) {
      try {
        return (int) handle.invokeExact((Object) attrs);
      } catch (Throwable e) {
        throw new IllegalStateException("reading st_" + name + " failed", e);
      }
    }
    Object value = followLinks
        ? Files.getAttribute(path, "unix:" + name)
        : Files.getAttribute(path, "unix:" + name, LinkOption.NOFOLLOW_LINKS);
    return (Integer) value;
  }

  private static Class<?> unixAttributesClass() {
    return MODE == null || UID == null || GID == null ? null
        : MODE.type().parameterType(0) == Object.class ? attributesClassOrNull() : null;
  }

  private static Class<?> attributesClassOrNull() {
    try {
      return Class.forName("sun.nio.fs.UnixFileAttributes");
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  /**
   * Returns {@code UnixFileAttributes.field()} typed {@code (Object)int}, so every call is an
   * exact invocation with no per-call adaptation.
   */
  private static MethodHandle accessor(String field) {
    try {
      Class<?> c = Class.forName("sun.nio.fs.UnixFileAttributes");
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(c, MethodHandles.lookup());
      return lookup.findVirtual(c, field, MethodType.methodType(int.class))
          .asType(MethodType.methodType(int.class, Object.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Not opened to us (--add-opens missing) or not a Unix JDK: use the attributes instead.
      return null;
    }
  }
}
