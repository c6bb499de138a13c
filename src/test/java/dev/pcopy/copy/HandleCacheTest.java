package dev.pcopy.copy;

import static dev.pcopy.testing.Raw.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Errno;
import dev.pcopy.fs.SysException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HandleCache} on real directories: a path below the root is opened one name at a time,
 * never through a symbolic link (but with {@code -L}); handles are reused until {@code trim}
 * closes the least recently used beyond the capacity; a forgotten handle is opened afresh.
 */
class HandleCacheTest {
  @TempDir
  Path tmp;
  private DirHandle root;

  @BeforeEach
  void open() throws IOException {
    Files.createDirectories(tmp.resolve("a/b/c"));
    Files.createDirectories(tmp.resolve("x"));
    root = DirHandle.open(b(tmp.toString()));
  }

  @AfterEach
  void close() {
    root.close();
  }

  @Test
  void get_emptyPathIsTheRoot_andAPathBelowItIsOpenedAndReused() throws IOException {
    try (HandleCache cache = new HandleCache(root, false, 8)) {
      DirHandle c = cache.get(b("a/b/c"));

      assertSame(root, cache.get(new byte[0]));
      assertSame(root, cache.root());
      assertTrue(c.stat().sameFile(root.openDirectory(b("a")).openDirectory(b("b"))
          .openDirectory(b("c")).stat()));
      assertSame(c, cache.get(b("a/b/c")));
      assertTrue(cache.get(b("a/b")).stat().sameFile(
          root.openDirectory(b("a")).openDirectory(b("b")).stat()), "the parents are kept too");
    }
  }

  @Test
  void get_neverGoesThroughASymbolicLink_anywhereInThePath() throws IOException {
    Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("a"));
    Files.createSymbolicLink(tmp.resolve("a/b/up"), tmp.resolve("x"));
    try (HandleCache cache = new HandleCache(root, false, 8)) {
      for (String path : new String[] {"link", "link/b", "a/b/up"}) {
        SysException e = assertThrows(SysException.class, () -> cache.get(b(path)), path);
        assertTrue(e.errno() == Errno.ELOOP || e.errno() == Errno.ENOTDIR, path + ": " + e);
      }
    }
  }

  @Test
  void get_followingLinks_goesThroughThem_asMinusLWants() throws IOException {
    Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("a"));
    try (HandleCache cache = new HandleCache(root, true, 8)) {
      assertTrue(cache.get(b("link/b")).stat().sameFile(
          root.openDirectory(b("a")).openDirectory(b("b")).stat()));
    }
  }

  @Test
  void get_refusesNamesThatAreNotOneComponent() throws IOException {
    try (HandleCache cache = new HandleCache(root, false, 8)) {
      for (String path : new String[] {"a/../x", "a/./b", "a//b", "a/.."}) {
        SysException e = assertThrows(SysException.class, () -> cache.get(b(path)), path);
        assertEquals(Errno.EINVAL, e.errno(), path);
      }
      // A path below the root never starts with '/': one that does is refused, not resolved.
      assertEquals(Errno.EINVAL,
          assertThrows(SysException.class, () -> cache.get(b("/x"))).errno());
    }
  }

  @Test
  void get_aPathWhoseDirectoryIsSwappedForALinkAfterItWasOpened_staysOnTheDirectory()
      throws IOException {
    try (HandleCache cache = new HandleCache(root, false, 8)) {
      DirHandle b = cache.get(b("a/b"));
      Files.move(tmp.resolve("a"), tmp.resolve("moved"));
      Files.createSymbolicLink(tmp.resolve("a"), tmp.resolve("x"));

      assertSame(b, cache.get(b("a/b")));
      assertTrue(cache.get(b("a/b")).stat().sameFile(
          root.openDirectory(b("moved")).openDirectory(b("b")).stat()));
    }
  }

  @Test
  void trim_closesTheLeastRecentlyUsedBeyondTheCapacity_andKeepsTheRest() throws IOException {
    for (int i = 0; i < 5; i++) {
      Files.createDirectory(tmp.resolve("d" + i));
    }
    try (HandleCache cache = new HandleCache(root, false, 2)) {
      DirHandle[] h = new DirHandle[5];
      for (int i = 0; i < 5; i++) {
        h[i] = cache.get(b("d" + i));
      }
      cache.get(b("d0"));

      cache.trim();

      // d0 was used last, d4 before it: those two stay; d1..d3 were closed.
      assertSame(h[0], cache.get(b("d0")));
      assertSame(h[4], cache.get(b("d4")));
      // Checked before anything else is opened, which could take a closed descriptor's number.
      for (int i = 1; i <= 3; i++) {
        int n = i;
        assertThrows(SysException.class, () -> h[n].stat(), "d" + i + " still open");
      }
      for (int i = 1; i <= 3; i++) {
        assertNotSame(h[i], cache.get(b("d" + i)), "a closed handle was handed out again");
      }
    }
  }

  @Test
  void get_beyondTheCapacityKeepsEveryHandleUntilTrim_soNoneInUseIsClosed() throws IOException {
    try (HandleCache cache = new HandleCache(root, false, 0)) {
      DirHandle c = cache.get(b("a/b/c"));

      assertTrue(c.stat().isDirectory(), "closed before trim");
      cache.trim();
      assertThrows(SysException.class, c::stat);
    }
  }

  @Test
  void forget_closesTheHandle_andTheNextGetOpensThePathAgain() throws IOException {
    try (HandleCache cache = new HandleCache(root, false, 8)) {
      DirHandle old = cache.get(b("x"));
      Files.move(tmp.resolve("x"), tmp.resolve("x.old"));
      Files.createDirectory(tmp.resolve("x"));

      cache.forget(b("x"));

      assertThrows(SysException.class, old::stat);
      assertTrue(cache.get(b("x")).stat().sameFile(root.stat(b("x"))));
    }
  }

  @Test
  void close_closesEveryHandleButTheRoot() throws IOException {
    HandleCache cache = new HandleCache(root, false, 8);
    DirHandle a = cache.get(b("a"));

    cache.close();

    assertThrows(SysException.class, a::stat);
    assertTrue(root.stat().isDirectory());
  }

  /**
   * A directory 20,000 levels down (a path of 40,000 bytes, ten times PATH_MAX) is reached with
   * no stack frame and no handle held per level: before, the cache opened each level in a
   * recursive call and kept every handle, and a worker died of a StackOverflowError at about
   * 1,500 levels, silently, until the stall timeout.
   */
  @Test
  void get_aPathThousandsOfLevelsDeep_isOpenedWithoutAHandlePerLevel() throws Exception {
    int depth = 20_000;
    DirHandle dir = root.openDirectory(b("x"));
    for (int i = 0; i < depth; i++) {
      dir.mkdir(b("d"), 0700);
      DirHandle next = dir.openDirectory(b("d"));
      dir.close();
      dir = next;
    }
    dir.mkdir(b("leaf"), 0700);
    long deepest = dir.stat().ino();
    dir.close();
    StringBuilder path = new StringBuilder("x");
    for (int i = 0; i < depth; i++) {
      path.append("/d");
    }
    try {
      long before = openDescriptors();
      try (HandleCache cache = new HandleCache(root, false, 8)) {
        DirHandle got = cache.get(b(path.toString()));
        DirHandle leaf = cache.get(b(path + "/leaf"));

        assertEquals(deepest, got.stat().ino());
        assertTrue(leaf.stat().isDirectory());
        assertTrue(openDescriptors() - before < 100,
            (openDescriptors() - before) + " descriptors held for one deep path");
      }
    } finally {
      // The JDK's own removal stops at PATH_MAX; rm walks down by handles.
      assertEquals(0, new ProcessBuilder("rm", "-rf", tmp.resolve("x").toString())
          .inheritIO().start().waitFor());
    }
  }

  private static long openDescriptors() throws IOException {
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }
}
