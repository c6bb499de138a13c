package dev.pcopy.copy;

import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Names;
import dev.pcopy.fs.SysException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The directory handles a process works through: one root (SRC or DST) and the directories below
 * it that were opened recently, each reached one name at a time from the nearest open one above
 * it, never following a link (but in the source with {@code -L}).
 *
 * <p>Entries come in directory order mostly, so a handful of handles serves a whole batch; a
 * handle is kept until {@link #trim} finds more than the cache holds, so that nothing an action
 * is still using is closed under it.
 */
public final class HandleCache implements AutoCloseable {
  /** Levels above a directory looked at for an open one, and levels of a path kept open. */
  private static final int NEAR = 16;

  private final DirHandle root;
  private final boolean followLinks;
  private final int capacity;
  private final LinkedHashMap<Key, DirHandle> open = new LinkedHashMap<>(64, 0.75f, true);

  /**
   * @param root the root; the cache does not close it
   * @param followLinks open subdirectories through symbolic links ({@code -L} on the source)
   * @param capacity handles kept open beyond the root
   */
  public HandleCache(DirHandle root, boolean followLinks, int capacity) {
    this.root = root;
    this.followLinks = followLinks;
    this.capacity = capacity;
  }

  /** Returns the root. */
  public DirHandle root() {
    return root;
  }

  /** Returns a handle on the directory {@code dir} below the root (the root for an empty path). */
  public DirHandle get(byte[] dir) throws SysException {
    if (dir.length == 0) {
      return root;
    }
    DirHandle cached = open.get(new Key(dir));
    if (cached != null) {
      return cached;
    }
    // From the nearest open directory above, looked for among the NEAR nearest only, else from
    // the root; and only the NEAR deepest levels are kept open. A path thousands of levels
    // deep is so walked down a name at a time, with neither a stack frame nor a handle per level.
    DirHandle current = root;
    int from = 0;
    int slash = dir.length;
    for (int i = 0; i < NEAR && slash > 0; i++) {
      slash = lastSlash(dir, slash);
      if (slash > 0) {
        DirHandle above = open.get(new Key(Arrays.copyOf(dir, slash)));
        if (above != null) {
          current = above;
          from = slash + 1;
          break;
        }
      }
    }
    int keepFrom = dir.length;
    for (int i = 0; i < NEAR && keepFrom >= 0; i++) {
      keepFrom = lastSlash(dir, keepFrom);
    }
    boolean owned = false;
    try {
      while (true) {
        int next = nextSlash(dir, from);
        byte[] name = Arrays.copyOfRange(dir, from, next);
        if (!Names.isName(name)) {
          // An empty name ("/x", "a//b", "a/"): a path below the root is names joined by '/'.
          throw new SysException(dev.pcopy.fs.Errno.EINVAL, "open");
        }
        DirHandle child = followLinks ? current.openDirectoryFollowing(name)
            : current.openDirectory(name);
        if (owned) {
          current.close();
        }
        current = child;
        owned = next < keepFrom;
        if (!owned) {
          open.put(new Key(Arrays.copyOf(dir, next)), child);
        }
        if (next == dir.length) {
          return child;
        }
        from = next + 1;
      }
    } catch (SysException | RuntimeException e) {
      if (owned) {
        current.close();
      }
      throw e;
    }
  }

  /** Forgets the handle of {@code dir}, after an operation found it no longer usable. */
  public void forget(byte[] dir) {
    DirHandle h = open.remove(new Key(dir));
    if (h != null) {
      h.close();
    }
  }

  /** Closes the least recently used handles beyond the capacity. */
  public void trim() {
    Iterator<Map.Entry<Key, DirHandle>> it = open.entrySet().iterator();
    while (open.size() > capacity && it.hasNext()) {
      it.next().getValue().close();
      it.remove();
    }
  }

  /** Closes every handle but the root. */
  @Override
  public void close() {
    for (DirHandle h : open.values()) {
      h.close();
    }
    open.clear();
  }

  private static int nextSlash(byte[] path, int from) {
    for (int i = from; i < path.length; i++) {
      if (path[i] == '/') {
        return i;
      }
    }
    return path.length;
  }

  private static int lastSlash(byte[] path, int end) {
    for (int i = end - 1; i >= 0; i--) {
      if (path[i] == '/') {
        return i;
      }
    }
    return -1;
  }

  /** A directory path as a map key. */
  private static final class Key {
    private final byte[] path;
    private final int hash;

    Key(byte[] path) {
      this.path = path;
      this.hash = Arrays.hashCode(path);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(path, k.path);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
