package dev.pcopy.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** RawPaths on the default file system; the paths are only built, never looked up on disk. */
class RawPathsTest {

  static Stream<byte[]> names() {
    return Stream.of(
        bytes("/tmp/plain.txt"),
        bytes("relative/name"),
        bytes("/tmp/caf\u00e9/\u65e5\u672c\u8a9e.txt"),
        bytes("/tmp/with space/and\nnewline"),
        bytes("/"),
        bytes("x"),
        concat(bytes("/tmp/bad-"), new byte[] {(byte) 0xff}, bytes(".bin")),
        concat(bytes("/tmp/lone-"), new byte[] {(byte) 0x80}),
        concat(new byte[] {(byte) 0xfe, (byte) 0xff}, bytes("/rel")),
        concat(bytes("../up/"), new byte[] {(byte) 0xc3}, bytes(" %41 #?")),
        concat(bytes("/tmp/latin1-caf"), new byte[] {(byte) 0xe9}),
        bytes("/tmp/a-real-\uFFFD-replacement-character"),
        // A UTF-8-encoded surrogate and an overlong '/' are malformed for Java's decoder.
        concat(bytes("/tmp/surrogate-"), new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}),
        concat(bytes("/tmp/overlong-"), new byte[] {(byte) 0xc0, (byte) 0xaf}));
  }

  @ParameterizedTest
  @MethodSource("names")
  void fromBytes_thenToBytes_givesTheSameBytes(byte[] name) {
    Path path = RawPaths.fromBytes(name);

    assertArrayEquals(name, RawPaths.toBytes(path),
        () -> "round trip of " + java.util.Arrays.toString(name));
    assertEquals(name[0] == '/', path.isAbsolute());
  }

  @Test
  void fromBytes_validUtf8GivesThePathOfThatString() {
    assertEquals(Path.of("/tmp/caf\u00e9"), RawPaths.fromBytes(bytes("/tmp/caf\u00e9")));
  }

  @Test
  void fromBytes_differentInvalidBytesGiveDifferentPaths() {
    Path ff = RawPaths.fromBytes(concat(bytes("/tmp/"), new byte[] {(byte) 0xff}));
    Path fe = RawPaths.fromBytes(concat(bytes("/tmp/"), new byte[] {(byte) 0xfe}));
    Path lone = RawPaths.fromBytes(concat(bytes("/tmp/"), new byte[] {(byte) 0x80}));

    assertNotEquals(ff, fe);
    assertNotEquals(ff, lone);
  }

  @Test
  void fromBytes_relativeInvalidNameKeepsItsParentAndFileName() {
    Path path = RawPaths.fromBytes(concat(bytes("dir/"), new byte[] {(byte) 0xff}));

    assertFalse(path.isAbsolute());
    assertEquals(2, path.getNameCount());
    assertEquals(Path.of("dir"), path.getParent());
  }

  @Test
  void fromBytes_relativeInvalidNameKeepsDotAndDotDotComponents() {
    // A symbolic link's text such as "../\xff" must reach the worker unchanged, not normalised
    // to "\xff" (which would make the copied link point somewhere else).
    byte[] link = concat(bytes("../a/./"), new byte[] {(byte) 0xff}, bytes("/.."));

    Path path = RawPaths.fromBytes(link);

    assertEquals(5, path.getNameCount());
    assertEquals(Path.of(".."), path.getName(0));
    assertArrayEquals(link, RawPaths.toBytes(path));
  }

  @Test
  void toBytes_ofAResolvedChildKeepsTheChildBytes() {
    Path dir = RawPaths.fromBytes(concat(bytes("/tmp/"), new byte[] {(byte) 0xff}));
    Path child = dir.resolve("x");

    assertArrayEquals(concat(bytes("/tmp/"), new byte[] {(byte) 0xff}, bytes("/x")),
        RawPaths.toBytes(child));
    assertTrue(child.startsWith(dir));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @Test
  void fromLinkText_keepsEmptyNamesAndATrailingSlash() {
    for (String text : new String[] {"a//b/", "/abs//p/", "./x/../y", "dir/"}) {
      Path path = RawPaths.fromLinkText(bytes(text));

      assertArrayEquals(bytes(text), RawPaths.toBytes(path), text);
    }
  }

  @Test
  void fromBytes_normalisesAsAPathFromAStringDoes() {
    assertEquals(Path.of("/tmp/a/b"), RawPaths.fromBytes(bytes("/tmp//a/b/")));
    assertArrayEquals(bytes("/tmp/a/b"), RawPaths.toBytes(RawPaths.fromBytes(bytes("/tmp//a/b/"))));
  }
}
