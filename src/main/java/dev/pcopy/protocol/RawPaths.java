package dev.pcopy.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Converts paths of the default file system to and from their exact bytes.
 *
 * <p>{@link Path#toString()} decodes a Unix file name with the JVM's file-name charset and replaces
 * bytes it cannot decode, so a name that is not valid UTF-8 (or any non-ASCII name in the C locale)
 * would not survive a trip through a {@code String}. A {@code file:} URI keeps every byte as a
 * percent escape, which is why the slow path goes through {@link Path#toUri()} and
 * {@link Path#of(URI)}. The fast path skips the URI (which costs a {@code stat}) whenever the string
 * form is known to be exact.
 */
public final class RawPaths {
  private static final Path ROOT = Path.of("/");
  private static final boolean UTF8_NAMES = fileNameCharset().equals(StandardCharsets.UTF_8);

  private RawPaths() {}

  /** Returns the exact bytes of {@code path}, which must belong to the default file system. */
  public static byte[] toBytes(Path path) {
    byte[] exact = UnixPathBytes.bytesOf(path);
    if (exact != null) {
      return exact;
    }
    String s = path.toString();
    if (isExactString(s)) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    // A relative path (a symlink's target, say) is anchored at "/" only to get its URI.
    Path absolute = path.isAbsolute() ? path : ROOT.resolve(path);
    byte[] bytes = percentDecode(absolute.toUri().getRawPath());
    int from = path.isAbsolute() ? 0 : 1;
    int to = bytes.length;
    // toUri() appends '/' when the path names an existing directory; the path itself has none.
    if (to - from > 1 && bytes[to - 1] == '/') {
      to--;
    }
    return Arrays.copyOfRange(bytes, from, to);
  }

  /** Returns the path of the default file system whose bytes are {@code bytes}. */
  public static Path fromBytes(byte[] bytes) {
    if (isNormalised(bytes)) {
      Path direct = UnixPathBytes.pathOf(bytes);
      if (direct != null) {
        return direct;
      }
    }
    String exact = exactString(bytes);
    if (exact != null) {
      return Path.of(exact);
    }
    if (bytes.length > 0 && bytes[0] == '/') {
      return Path.of(URI.create("file://" + percentEncode(bytes)));
    }
    byte[] anchored = new byte[bytes.length + 1];
    anchored[0] = '/';
    System.arraycopy(bytes, 0, anchored, 1, bytes.length);
    Path absolute = Path.of(URI.create("file://" + percentEncode(anchored)));
    // Not ROOT.relativize(absolute): relativize normalises, turning a link text "../x" into "x".
    return absolute.subpath(0, absolute.getNameCount());
  }

  /**
   * Returns the text of a symbolic link as a path with exactly {@code bytes}, not normalised:
   * "a//b/" stays "a//b/". Where the JDK does not let us keep the bytes, the text is normalised
   * as {@link #fromBytes} does.
   */
  public static Path fromLinkText(byte[] bytes) {
    Path exact = UnixPathBytes.pathOf(bytes);
    return exact != null ? exact : fromBytes(bytes);
  }

  /**
   * Whether the JDK would keep these bytes as they are: no empty name ("//"), no trailing slash
   * (but "/"), no NUL. Only then is a path made straight from bytes the same as one made from a
   * string.
   */
  private static boolean isNormalised(byte[] bytes) {
    if (bytes.length == 0) {
      return false;
    }
    for (int i = 0; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b == 0 || (b == '/' && i > 0 && bytes[i - 1] == '/')) {
        return false;
      }
    }
    return bytes.length == 1 || bytes[bytes.length - 1] != '/';
  }

  /**
   * Returns the absolute path named by a command-line argument's bytes, resolved against the
   * process's real working directory (read from {@code /proc/self/cwd}, because {@code user.dir}
   * is itself a decoded and possibly damaged string).
   */
  public static Path fromArgument(byte[] arg) throws IOException {
    if (arg.length > 0 && arg[0] == '/') {
      return fromBytes(arg);
    }
    byte[] cwd = workingDirectoryBytes();
    ByteArrayOutputStream abs = new ByteArrayOutputStream(cwd.length + 1 + arg.length);
    abs.write(cwd, 0, cwd.length);
    if (cwd.length > 1) {
      abs.write('/');
    }
    abs.write(arg, 0, arg.length);
    return fromBytes(abs.toByteArray());
  }

  private static byte[] workingDirectoryBytes() throws IOException {
    Path proc = Path.of("/proc/self/cwd");
    if (Files.isSymbolicLink(proc)) {
      return toBytes(Files.readSymbolicLink(proc));
    }
    return toBytes(Path.of("").toAbsolutePath());
  }

  /**
   * A string is exact when the JVM encodes file names as UTF-8 and decoding lost nothing (no
   * replacement character), or when it is plain ASCII, which every charset maps one to one.
   */
  private static boolean isExactString(String s) {
    if (UTF8_NAMES) {
      return s.indexOf('\uFFFD') < 0;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static String exactString(byte[] bytes) {
    if (UTF8_NAMES) {
      // The decoder turns every malformed sequence into U+FFFD, so a string without one decodes
      // the bytes exactly. A name holding a real U+FFFD takes the slow path, which is exact too.
      String s = new String(bytes, StandardCharsets.UTF_8);
      return s.indexOf('\uFFFD') < 0 && s.indexOf('\0') < 0 ? s : null;
    }
    for (byte b : bytes) {
      if (b < 0 || b == 0) {
        return null;
      }
    }
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  private static String percentEncode(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
      }
    }
    return sb.toString();
  }

  private static byte[] percentDecode(String raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length()) {
        out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        // Non-escaped characters of a raw URI path are ASCII.
        out.write(c);
      }
    }
    return out.toByteArray();
  }

  private static Charset fileNameCharset() {
    String name = System.getProperty("sun.jnu.encoding");
    try {
      return name == null ? Charset.defaultCharset() : Charset.forName(name);
    } catch (RuntimeException e) {
      return StandardCharsets.US_ASCII;
    }
  }
}
