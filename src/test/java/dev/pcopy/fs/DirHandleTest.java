package dev.pcopy.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native directory-handle layer, on real temporary directories. */
class DirHandleTest {
  @TempDir Path tmp;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private DirHandle root() throws SysException {
    return DirHandle.open(b(tmp.toString()));
  }

  @Test
  void list_returnsRawNameBytes_withoutDotEntries() throws IOException {
    byte[] odd = {'b', 'a', 'd', (byte) 0xff, '\n', 'x'};
    try (DirHandle d = root()) {
      d.create(odd, 0644).close();
      d.mkdir(b("sub"), 0755);
      List<String> names = new ArrayList<>();
      for (byte[] n : d.list()) {
        names.add(Arrays.toString(n));
      }
      names.sort(null);
      List<String> expected = new ArrayList<>(List.of(Arrays.toString(odd),
          Arrays.toString(b("sub"))));
      expected.sort(null);
      assertEquals(expected, names);
      // Listed a second time, the handle starts again from the top.
      assertEquals(2, d.list().size());
    }
  }

  @Test
  void list_ofALargeDirectory_readsEveryName() throws IOException {
    try (DirHandle d = root()) {
      for (int i = 0; i < 3000; i++) {
        d.create(b("file-with-a-rather-long-name-" + i), 0600).close();
      }
      assertEquals(3000, d.list().size());
    }
  }

  @Test
  void openDirectory_refusesASymbolicLinkToADirectory() throws IOException {
    Files.createDirectory(tmp.resolve("real"));
    Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("real"));
    try (DirHandle d = root()) {
      SysException e = assertThrows(SysException.class, () -> d.openDirectory(b("link")));
      assertTrue(e.errno() == Errno.ELOOP || e.errno() == Errno.ENOTDIR, e.getMessage());
      try (DirHandle followed = d.openDirectoryFollowing(b("link"))) {
        assertTrue(followed.stat().isDirectory());
      }
    }
  }

  @Test
  void operationsStayInTheOpenedDirectory_whenItsPathIsSwappedForALink() throws IOException {
    Path sub = Files.createDirectory(tmp.resolve("sub"));
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    try (DirHandle d = root(); DirHandle s = d.openDirectory(b("sub"))) {
      Files.move(sub, tmp.resolve("moved"));
      Files.createSymbolicLink(sub, outside);
      s.create(b("f"), 0644).close();
    }
    assertTrue(Files.exists(tmp.resolve("moved/f")));
    assertFalse(Files.exists(outside.resolve("f")));
  }

  @Test
  void statIfExists_isNullForAMissingName_andStatFailsWithENOENT() throws IOException {
    try (DirHandle d = root()) {
      assertNull(d.statIfExists(b("missing")));
      SysException e = assertThrows(SysException.class, () -> d.stat(b("missing")));
      assertEquals(Errno.ENOENT, e.errno());
      assertEquals("No such file or directory", e.getMessage());
    }
  }

  @Test
  void stat_tellsKindModeAndLinkCount() throws IOException {
    try (DirHandle d = root()) {
      d.create(b("f"), 0640).close();
      d.link(d, b("f"), b("g"));
      d.symlink(b("f"), b("l"));
      d.mknod(b("p"), Stat.Kind.FIFO, 0600, 0);
      Stat f = d.stat(b("f"));
      assertEquals(Stat.Kind.FILE, f.kind());
      assertEquals(2, f.nlink());
      assertTrue(f.sameFile(d.stat(b("g"))));
      assertEquals(Stat.Kind.SYMLINK, d.stat(b("l")).kind());
      assertEquals(Stat.Kind.FILE, d.statFollowing(b("l")).kind());
      assertEquals(Stat.Kind.FIFO, d.stat(b("p")).kind());
    }
  }

  @Test
  void create_isExclusive_andNeverFollowsALink() throws IOException {
    Files.createSymbolicLink(tmp.resolve("l"), tmp.resolve("target"));
    try (DirHandle d = root()) {
      d.create(b("f"), 0644).close();
      assertEquals(Errno.EEXIST,
          assertThrows(SysException.class, () -> d.create(b("f"), 0644)).errno());
      assertEquals(Errno.EEXIST,
          assertThrows(SysException.class, () -> d.create(b("l"), 0644)).errno());
    }
    assertFalse(Files.exists(tmp.resolve("target")));
  }

  @Test
  void openRead_doesNotBlockOnAFifo_andRefusesALinkUnlessFollowing() throws IOException {
    try (DirHandle d = root()) {
      d.mknod(b("p"), Stat.Kind.FIFO, 0600, 0);
      try (FileHandle f = d.openRead(b("p"), false)) {
        assertEquals(Stat.Kind.FIFO, f.stat().kind());
      }
      d.create(b("f"), 0644).close();
      d.symlink(b("f"), b("l"));
      assertEquals(Errno.ELOOP,
          assertThrows(SysException.class, () -> d.openRead(b("l"), false)).errno());
      try (FileHandle f = d.openRead(b("l"), true)) {
        assertTrue(f.stat().isFile());
      }
    }
  }

  @Test
  void symlink_keepsTheTextByteForByte() throws IOException {
    byte[] text = {'a', '/', '/', 'b', '/', (byte) 0xfe};
    try (DirHandle d = root()) {
      d.symlink(text, b("l"));
      assertArrayEquals(text, d.readlink(b("l")));
    }
  }

  @Test
  void renameNoReplace_leavesAnExistingTarget() throws IOException {
    try (DirHandle d = root()) {
      d.create(b("a"), 0644).close();
      d.create(b("b"), 0644).close();
      assertFalse(d.renameNoReplace(b("a"), d, b("b")));
      assertTrue(d.renameNoReplace(b("a"), d, b("c")));
      d.rename(b("c"), d, b("b"));
      assertNull(d.statIfExists(b("c")));
    }
  }

  @Test
  void times_outsideTheJdkRange_areKeptToTheNanosecond() throws IOException {
    Timestamp before1970 = new Timestamp(-100, 123_456_789);
    Timestamp after2262 = new Timestamp(10_000_000_000L, 987_654_321);
    try (DirHandle d = root()) {
      try (FileHandle f = d.create(b("f"), 0644)) {
        f.setTimesOpen(before1970, after2262);
      }
      Stat s = d.stat(b("f"));
      assertEquals(before1970, s.atime());
      assertEquals(after2262, s.mtime());
      d.symlink(b("f"), b("l"));
      d.setTimes(b("l"), after2262, before1970);
      assertEquals(before1970, d.stat(b("l")).mtime());
      assertEquals(after2262, d.stat(b("f")).mtime(), "the link's target is untouched");
    }
  }

  @Test
  void chmodAndTimes_throughAnEntryHandle_reachAFileOfMode000() throws IOException {
    try (DirHandle d = root()) {
      d.create(b("f"), 0).close();
      try (FileHandle entry = d.openEntry(b("f"))) {
        entry.chmod(04711);
        entry.setTimes(new Timestamp(5, 0), new Timestamp(7, 1));
      }
      Stat s = d.stat(b("f"));
      assertEquals(04711, s.mode());
      assertEquals(new Timestamp(7, 1), s.mtime());
    }
  }

  @Test
  void copyRange_andHoles() throws IOException {
    Path sparse = tmp.resolve("sparse");
    try (var ch = java.nio.channels.FileChannel.open(sparse,
        java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(b("data")), 1 << 20);
    }
    try (DirHandle d = root(); FileHandle in = d.openRead(b("sparse"), false);
        FileHandle out = d.create(b("copy"), 0644)) {
      Stat s = in.stat();
      assertTrue(s.isSparse(), s.toString());
      long data = in.nextData(0);
      assertTrue(data > 0 && data <= 1 << 20, "data at " + data);
      assertEquals(s.size(), in.nextHole(data));
      assertEquals(-1, in.nextData(s.size()));
      long n = in.copyRangeTo(out, data, data, s.size() - data);
      out.truncate(s.size());
      assertEquals(s.size() - data, n);
    }
    assertEquals("data", new String(Files.readAllBytes(tmp.resolve("copy")), (1 << 20), 4,
        StandardCharsets.UTF_8));
  }

  @Test
  void userXattrs_withBinaryValues_roundTrip_onFilesAndDirectories() throws IOException {
    byte[] value = {0, 1, 2, (byte) 0xff};
    try (DirHandle d = root()) {
      try (FileHandle f = d.create(b("f"), 0644)) {
        f.setXattr(b("user.bin"), value);
        List<Xattr> all = f.xattrs();
        assertEquals(1, all.size());
        assertEquals("user.bin", all.get(0).nameText());
        assertArrayEquals(value, all.get(0).value());
        assertTrue(f.removeXattr(b("user.bin")));
        assertFalse(f.removeXattr(b("user.bin")));
      }
      d.mkdir(b("sub"), 0755);
      d.setXattr(b("sub"), b("user.dir"), value);
      assertArrayEquals(value, d.xattrs(b("sub")).get(0).value());
      try (DirHandle sub = d.openDirectory(b("sub"))) {
        assertArrayEquals(value, sub.xattrs().get(0).value());
      }
    }
  }

  @Test
  void names_holdingNulOrTooLong_areRefusedBeforeTheKernel() throws IOException {
    try (DirHandle d = root()) {
      assertEquals(Errno.EINVAL,
          assertThrows(SysException.class, () -> d.stat(new byte[] {'a', 0, 'b'})).errno());
      assertEquals(Errno.ENAMETOOLONG,
          assertThrows(SysException.class, () -> d.stat(new byte[5000])).errno());
    }
  }

  @Test
  void errno_isDescribedInEnglish_andWriteRefusalsAreKnown() {
    assertEquals("No space left on device", Errno.describe(Errno.ENOSPC));
    assertEquals("Read-only file system", Errno.describe(Errno.EROFS));
    assertTrue(Errno.refusesWrites(Errno.EDQUOT));
    assertFalse(Errno.refusesWrites(Errno.EACCES));
  }

  @Test
  void identity_readsTheEffectiveUser() {
    Identity me = Identity.current();
    assertTrue(me.uid() >= 0);
    assertTrue(me.inGroup(me.gid()));
    assertTrue(me.umask() >= 0 && me.umask() <= 0777);
  }
}
