package dev.pcopy.fs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The mounts this process sees ({@code /proc/self/mountinfo}), to tell where a directory is
 * within its file system, whatever mount it was reached through.
 *
 * <p>A bind mount shows a directory of a file system at a second path, so neither paths nor
 * walking up {@code ..} (which leaves a mount at its root) can tell that {@code /mnt/b} is
 * {@code /src/sub}. The kernel's mount table can: each mount names its file system (device
 * number) and the directory of it that is its root. Place {@code (device, path within the file
 * system)} is the same for a directory through every mount of it.
 */
public final class MountTable {
  private static final byte[] SLASH = {'/'};

  private final List<Mount> mounts;

  private MountTable(List<Mount> mounts) {
    this.mounts = mounts;
  }

  /**
   * One line of the table.
   *
   * @param id the mount's id, as {@code /proc/self/fdinfo} names it
   * @param device the file system's {@code major:minor}, the same for every mount of it
   * @param root the directory of the file system the mount shows, from the file system's root
   * @param point where the mount is, as this process sees paths
   */
  record Mount(int id, String device, byte[] root, byte[] point) {}

  /**
   * Where a directory is in its file system.
   *
   * @param device the file system's {@code major:minor}
   * @param path the directory's path from the file system's root ({@code /} for the root)
   */
  public record Place(String device, byte[] path) {
    /** Whether {@code other} is this directory or lies below it. */
    public boolean holds(Place other) {
      return device.equals(other.device) && within(other.path, path);
    }
  }

  /**
   * What a directory's tree covers: the directory's own place, and the root of every mount
   * below it, each a whole tree a walk that crosses mounts enters.
   *
   * @param places the places, the directory's own first
   */
  public record Tree(List<Place> places) {
    /** Whether {@code place} is in the tree. */
    public boolean holds(Place place) {
      for (Place p : places) {
        if (p.holds(place)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Reads the table of the mounts this process sees. */
  public static MountTable read() throws IOException {
    return parse(Files.readAllBytes(java.nio.file.Paths.get("/proc/self/mountinfo")));
  }

  /** Parses the contents of a {@code mountinfo} file. */
  static MountTable parse(byte[] content) throws IOException {
    List<Mount> mounts = new ArrayList<>();
    String text = new String(content, StandardCharsets.ISO_8859_1);
    for (String line : text.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      // id parent major:minor root point options...; names are octal-escaped, so no blanks.
      String[] f = line.split(" ");
      if (f.length < 5) {
        throw new IOException("/proc/self/mountinfo: cannot read the line '" + line + "'");
      }
      try {
        mounts.add(new Mount(Integer.parseInt(f[0]), f[2], unescape(f[3]), unescape(f[4])));
      } catch (NumberFormatException e) {
        throw new IOException("/proc/self/mountinfo: cannot read the line '" + line + "'", e);
      }
    }
    return new MountTable(List.copyOf(mounts));
  }

  /** Where the directory {@code dir} is open is in its file system. */
  public Place placeOf(Handle dir) throws IOException {
    return placeOf(mountId(dir), Paths.realPath(dir));
  }

  /** The places {@code dir}'s tree covers, mounts below it included. */
  public Tree treeOf(Handle dir) throws IOException {
    return treeOf(mountId(dir), Paths.realPath(dir));
  }

  /** Where the directory at {@code realPath}, on mount {@code mountId}, is in its file system. */
  Place placeOf(int mountId, byte[] realPath) throws IOException {
    Mount mount = mount(mountId);
    if (mount == null) {
      throw new IOException(PathText.escape(realPath) + ": its mount (" + mountId
          + ") is not in /proc/self/mountinfo");
    }
    if (!within(realPath, mount.point())) {
      throw new IOException(PathText.escape(realPath) + ": not below its mount point "
          + PathText.escape(mount.point()));
    }
    byte[] rest = Arrays.copyOfRange(realPath, Arrays.equals(mount.point(), SLASH) ? 0
        : mount.point().length, realPath.length);
    byte[] path = Arrays.equals(mount.root(), SLASH) ? rest : concat(mount.root(), rest);
    return new Place(mount.device(), path.length == 0 ? SLASH : path);
  }

  /**
   * The mount with id {@code id}, or null. A loop, not a stream: every run asks this at start,
   * and the stream's {@code findFirst} generates a lambda class there that the
   * class-data-sharing archive does not keep.
   */
  private Mount mount(int id) {
    for (Mount m : mounts) {
      if (m.id() == id) {
        return m;
      }
    }
    return null;
  }

  /** The places the tree of the directory at {@code realPath}, on {@code mountId}, covers. */
  Tree treeOf(int mountId, byte[] realPath) throws IOException {
    List<Place> places = new ArrayList<>();
    places.add(placeOf(mountId, realPath));
    for (Mount m : mounts) {
      // Every mount below, shadowed ones too: counting one too many only refuses more.
      if (!Arrays.equals(m.point(), realPath) && within(m.point(), realPath)) {
        places.add(new Place(m.device(), m.root()));
      }
    }
    return new Tree(List.copyOf(places));
  }

  /** The id of the mount {@code handle} is open on, from {@code /proc/self/fdinfo}. */
  private static int mountId(Handle handle) throws IOException {
    String info = Files.readString(java.nio.file.Paths.get("/proc/self/fdinfo/" + handle.fd),
        StandardCharsets.US_ASCII);
    for (String line : info.split("\n")) {
      if (line.startsWith("mnt_id:")) {
        return Integer.parseInt(line.substring("mnt_id:".length()).trim());
      }
    }
    throw new IOException("/proc/self/fdinfo: no mnt_id (a kernel older than 3.15)");
  }

  /** Whether {@code path} is {@code dir} or below it, comparing whole components. */
  static boolean within(byte[] path, byte[] dir) {
    if (Arrays.equals(dir, SLASH)) {
      return path.length > 0 && path[0] == '/';
    }
    return path.length >= dir.length && Arrays.equals(path, 0, dir.length, dir, 0, dir.length)
        && (path.length == dir.length || path[dir.length] == '/');
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }

  /** Undoes the table's escapes: {@code \040} for a blank, {@code \012} for a newline, etc. */
  private static byte[] unescape(String field) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && i + 3 < field.length() && isOctal(field, i + 1)) {
        out.write(Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }

  private static boolean isOctal(String s, int from) {
    for (int i = from; i < from + 3; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '7') {
        return false;
      }
    }
    return true;
  }
}
