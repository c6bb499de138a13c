package dev.pcopy.fs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Places in file systems from a mount table: bind mounts, escapes, mounts below a tree. */
class MountTableTest {
  /** The root file system, /t/src/sub bound at /t/mnt, a tmpfs at /t/src/m and bound at /x. */
  private static final String TABLE = String.join("\n",
      "21 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
      "30 21 8:1 /t/src/sub /t/mnt rw,relatime shared:1 - ext4 /dev/sda1 rw",
      "31 21 0:40 / /t/src/m rw shared:2 - tmpfs tmpfs rw",
      "32 21 0:40 /d /x rw shared:2 - tmpfs tmpfs rw",
      "33 21 8:1 /a\\040b /with\\040blank rw - ext4 /dev/sda1 rw", "");

  private static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  void placeOf_throughABindMount_isTheBoundDirectory() throws IOException {
    MountTable table = MountTable.parse(b(TABLE));

    MountTable.Place place = table.placeOf(30, b("/t/mnt/dst"));

    assertEquals("8:1", place.device());
    assertEquals("/t/src/sub/dst", new String(place.path(), UTF_8));
    assertEquals("/t/src/sub", new String(table.placeOf(30, b("/t/mnt")).path(), UTF_8));
  }

  @Test
  void treeOf_holdsWhatBindMountsShowOfIt() throws IOException {
    MountTable table = MountTable.parse(b(TABLE));
    MountTable.Tree src = table.treeOf(21, b("/t/src"));

    assertTrue(src.holds(table.placeOf(30, b("/t/mnt"))));
    assertTrue(src.holds(table.placeOf(30, b("/t/mnt/x/y"))));
    assertTrue(src.holds(table.placeOf(32, b("/x/dst"))), "a second mount of a file system"
        + " mounted inside the tree");
    assertFalse(src.holds(table.placeOf(21, b("/t/srcx"))), "a sibling sharing a prefix");
    assertFalse(src.holds(table.placeOf(21, b("/t"))));
    assertFalse(table.treeOf(21, b("/t/other")).holds(table.placeOf(30, b("/t/mnt"))));
  }

  @Test
  void parse_undoesOctalEscapes() throws IOException {
    MountTable table = MountTable.parse(b(TABLE));

    assertEquals("/a b/c", new String(table.placeOf(33, b("/with blank/c")).path(), UTF_8));
  }

  @Test
  void placeOf_unknownMountOrPathOutsideIt_isAnError() throws IOException {
    MountTable table = MountTable.parse(b(TABLE));

    assertThrows(IOException.class, () -> table.placeOf(99, b("/t")));
    assertThrows(IOException.class, () -> table.placeOf(30, b("/t/mntx")));
  }

  @Test
  void placeOf_anOpenDirectory_isItsPathOnTheRootFileSystemHere(@TempDir Path tmp)
      throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("d"));
    try (DirHandle handle = DirHandle.open(b(dir.toString()))) {
      MountTable table = MountTable.read();

      assertTrue(table.treeOf(handle).holds(table.placeOf(handle)));
    }
  }
}
