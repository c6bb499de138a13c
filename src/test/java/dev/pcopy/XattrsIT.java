package dev.pcopy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pcopy.testing.ExactTree;
import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.Shell;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extended attributes, as {@code cp -a} keeps them: {@code user.*} with any bytes as values
 * (NUL bytes, an empty value) on files and on directories, {@code trusted.*} as root;
 * {@code --no-xattrs} leaves them out.
 */
class XattrsIT {
  /** A value with NUL bytes inside and at both ends, and bytes that are not UTF-8. */
  private static final byte[] BINARY = {0, 1, 2, 0, (byte) 0xff, (byte) 0xfe, 'x', 0};

  @TempDir
  Path tmp;

  private Path src;
  private Path dst;

  @BeforeEach
  void tree() throws IOException {
    src = tmp.resolve("src");
    dst = tmp.resolve("dst");
    Shell.run(tmp, "mkdir -p src/dir/sub && printf 'content' > src/file"
        + " && printf 'inner' > src/dir/sub/inner && printf 'none' > src/plain");
    set(src.resolve("file"), "user.binary", BINARY);
    set(src.resolve("file"), "user.empty", new byte[0]);
    set(src.resolve("file"), "user.text", "a value".getBytes(StandardCharsets.UTF_8));
    set(src.resolve("dir"), "user.on-a-directory", BINARY);
    set(src.resolve("dir/sub"), "user.deeper", new byte[] {0});
    Shell.run(src, "setfattr -n user.from-the-tool -v 0x00ff00 dir/sub/inner");
  }

  @Test
  void copy_keepsUserAttributes_withBinaryValues_onFilesAndDirectories() throws IOException {
    PcopyResult result = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(attributes(src.resolve("file")), attributes(dst.resolve("file")));
    assertArrayEquals(BINARY, get(dst.resolve("file"), "user.binary"));
    assertArrayEquals(new byte[0], get(dst.resolve("file"), "user.empty"));
    assertArrayEquals(BINARY, get(dst.resolve("dir"), "user.on-a-directory"));
    assertArrayEquals(new byte[] {0}, get(dst.resolve("dir/sub"), "user.deeper"));
    assertEquals(List.of(), attributes(dst.resolve("plain")).keySet().stream().toList());
    assertEquals(ExactTree.xattrs(src), ExactTree.xattrs(dst));
  }

  /** As root, {@code trusted.*} too (only root may read or set them). */
  @Test
  void copy_asRoot_keepsTrustedAttributes() {
    assumeTrue(Shell.isRoot(), "only root may read and set trusted.* attributes");
    Shell.run(src, "setfattr -n trusted.pcopy -v 0x000102 file"
        + " && setfattr -n trusted.pcopy-dir -v 0x00 dir");

    PcopyResult result = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals("trusted.pcopy=0x000102", attribute(dst.resolve("file"), "trusted.pcopy"));
    assertEquals("trusted.pcopy-dir=0x00", attribute(dst.resolve("dir"), "trusted.pcopy-dir"));
    assertEquals(ExactTree.xattrs(src), ExactTree.xattrs(dst));
  }

  @Test
  void copy_matchesCpA() {
    Path cp = tmp.resolve("cp");
    Shell.run(tmp, "cp -a src cp");

    PcopyResult result = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(ExactTree.xattrs(cp), ExactTree.xattrs(dst));
  }

  @Test
  void noXattrs_copiesNoAttribute() throws IOException {
    PcopyResult result = Pcopy.args("--no-xattrs", src.toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(attributes(dst.resolve("file")).isEmpty());
    assertTrue(attributes(dst.resolve("dir")).isEmpty());
    assertTrue(attributes(dst.resolve("dir/sub/inner")).isEmpty());
    assertEquals("", ExactTree.xattrs(dst), "attributes in a copy made with --no-xattrs");
    // The content is there all the same.
    assertEquals("content", Files.readString(dst.resolve("file")));
  }

  /**
   * A re-run gives a directory an attribute its source gained since (a directory's metadata is
   * compared in full), and does not copy the files again.
   */
  @Test
  void rerun_givesADirectoryTheAttributesItsSourceGained() throws IOException {
    assertEquals(0, Pcopy.args(src.toString(), dst.toString()).run().exitCode());
    set(src.resolve("dir"), "user.later", new byte[] {7, 0, 7});

    PcopyResult rerun = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, rerun.exitCode(), rerun.toString());
    assertArrayEquals(new byte[] {7, 0, 7}, get(dst.resolve("dir"), "user.later"));
    assertEquals(0, rerun.summaryCount("file"), rerun.toString());
  }

  /** A re-run takes away an attribute a target directory has and its source lacks. */
  @Test
  void rerun_removesAnAttributeTheTargetDirectoryHasAndItsSourceLacks() throws IOException {
    assertEquals(0, Pcopy.args(src.toString(), dst.toString()).run().exitCode());
    set(dst.resolve("dir"), "user.stray", new byte[] {1});

    PcopyResult rerun = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, rerun.exitCode(), rerun.toString());
    assertEquals(attributes(src.resolve("dir")), attributes(dst.resolve("dir")));
  }

  /**
   * A re-run that gives a file its source's new group keeps its file capabilities: the kernel
   * removes {@code security.capability} on chown, and pcopy sets the source's again. Written
   * with setfattr ({@code cap_net_raw=ep}, as setcap writes it), so libcap's tools are not
   * needed.
   */
  @Test
  void rerun_asRoot_thatFixesAGroup_keepsTheFilesCapabilities() {
    assumeTrue(Shell.isRoot(), "only root may give files away and set capabilities");
    String capability = "security.capability=0x0100000200200000000000000000000000000000";
    Shell.run(src, "chgrp 10 file && setfattr -n security.capability"
        + " -v 0sAQAAAgAgAAAAAAAAAAAAAAAAAAA= file");
    assertEquals(0, Pcopy.args(src.toString(), dst.toString()).run().exitCode());
    assertEquals(capability, attribute(dst.resolve("file"), "security.capability").strip());
    // chgrp removes the source's capabilities too: set them again, as an admin would.
    Shell.run(src, "chgrp 20 file && setfattr -n security.capability"
        + " -v 0sAQAAAgAgAAAAAAAAAAAAAAAAAAA= file");

    PcopyResult rerun = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, rerun.exitCode(), rerun.toString());
    assertEquals(1, rerun.summaryCount("owner"), rerun.toString());
    assertEquals(capability, attribute(dst.resolve("file"), "security.capability").strip(),
        rerun.toString());
    assertEquals(ExactTree.xattrs(src), ExactTree.xattrs(dst));
  }

  /**
   * A file whose source lost its capabilities with its new group loses them in the copy too:
   * the copy never keeps a privilege its source no longer has.
   */
  @Test
  void rerun_asRoot_thatFixesAGroup_ofASourceWithoutCapabilities_leavesTheCopyWithout() {
    assumeTrue(Shell.isRoot(), "only root may give files away and set capabilities");
    Shell.run(src, "setfattr -n security.capability -v 0sAQAAAgAgAAAAAAAAAAAAAAAAAAA= file");
    assertEquals(0, Pcopy.args(src.toString(), dst.toString()).run().exitCode());
    Shell.run(src, "chgrp 20 file");

    PcopyResult rerun = Pcopy.args(src.toString(), dst.toString()).run();

    assertEquals(0, rerun.exitCode(), rerun.toString());
    assertEquals("", attribute(dst.resolve("file"), "security.capability"), rerun.toString());
    assertEquals(ExactTree.xattrs(src), ExactTree.xattrs(dst));
  }

  /**
   * Without privileges, a read-only file keeps its {@code user.*} attributes, as with
   * {@code cp -a}: the kernel lets only a writer of the inode set them, so the copy is not made
   * read-only before they are set. {@code -f} copies it again over its read-only copy, with an
   * attribute the source gained since, and a re-run gives a read-only directory the attribute
   * its source gained (opened up for the copy meanwhile). A root's file that only others may
   * read (0004) is copied too, though its copy, the user's, gives its owner nothing:
   * {@code --verify} reads the copy back before it gets that mode.
   */
  @Test
  void copy_unprivileged_keepsTheUserAttributesOfReadOnlyFiles() throws IOException {
    assumeTrue(Shell.isRoot(), "the file only others may read is root's");
    Shell.run(src, "chmod 444 file && chmod 555 dir/sub/inner && chmod 555 dir/sub");
    Pcopy.handOverToUnprivilegedUser(tmp, src);
    Shell.run(src, "printf 'public' > others-only && chmod 004 others-only");

    PcopyResult first = Pcopy.args("--verify", src.toString(), dst.toString())
        .unprivileged().run();

    assertEquals(0, first.exitCode(), first.toString());
    assertEquals(ExactTree.xattrs(src), ExactTree.xattrs(dst));
    assertEquals(0444, (Integer) Files.getAttribute(dst.resolve("file"), "unix:mode") & 07777);
    assertEquals(0555,
        (Integer) Files.getAttribute(dst.resolve("dir/sub/inner"), "unix:mode") & 07777);
    assertEquals(04,
        (Integer) Files.getAttribute(dst.resolve("others-only"), "unix:mode") & 07777);
    Shell.run(src, "chmod 644 file && setfattr -n user.later -v 0x07 file && chmod 444 file"
        + " && setfattr -n user.later -v 0x08 dir/sub");

    PcopyResult forced = Pcopy.args("-f", src.toString(), dst.toString()).unprivileged().run();

    assertEquals(0, forced.exitCode(), forced.toString());
    assertEquals("user.later=0x07", attribute(dst.resolve("file"), "user.later").strip());
    assertEquals("user.later=0x08", attribute(dst.resolve("dir/sub"), "user.later").strip());
    assertEquals(ExactTree.xattrs(src), ExactTree.xattrs(dst));
    assertEquals(0444, (Integer) Files.getAttribute(dst.resolve("file"), "unix:mode") & 07777);
    assertEquals(0555, (Integer) Files.getAttribute(dst.resolve("dir/sub"), "unix:mode") & 07777);
  }

  @Test
  void copy_unprivileged_readOnlyEntriesWithAnAcl_keepTheirUserAttributesAndTheAcl()
      throws IOException {
    // The access ACL sets the owner's bits to r--/r-x: set before the user.* attributes, it
    // took away the write permission they need. Each attribute is set after the ACL, so that
    // the source lists it after the ACL too (ext4 lists them in the order they were set).
    assumeTrue(Shell.isRoot(), "the tree is handed over to another user by root");
    Shell.run(src, "setfacl -m u:1000:r file && setfattr -n user.after-acl -v 1 file"
        + " && chmod 444 file && setfacl -m u:1000:rx dir/sub"
        + " && setfattr -n user.after-acl -v 2 dir/sub && chmod 555 dir/sub");
    Pcopy.handOverToUnprivilegedUser(tmp, src);

    PcopyResult result = Pcopy.args(src.toString(), dst.toString()).unprivileged().run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(ExactTree.xattrs(src), ExactTree.xattrs(dst));
    assertEquals(ExactTree.acl(src.resolve("file")).replace(src.toString(), ""),
        ExactTree.acl(dst.resolve("file")).replace(dst.toString(), ""));
    assertEquals(0555, (Integer) Files.getAttribute(dst.resolve("dir/sub"), "unix:mode") & 07777);
  }

  private static void set(Path path, String name, byte[] value) throws IOException {
    Files.getFileAttributeView(path, UserDefinedFileAttributeView.class)
        .write(name.substring("user.".length()), ByteBuffer.wrap(value));
  }

  private static byte[] get(Path path, String name) throws IOException {
    UserDefinedFileAttributeView view = Files.getFileAttributeView(path,
        UserDefinedFileAttributeView.class);
    String bare = name.substring("user.".length());
    ByteBuffer buffer = ByteBuffer.allocate(view.size(bare));
    view.read(bare, buffer);
    return buffer.array();
  }

  /** Every {@code user.*} attribute of {@code path}, by name, with its value in hex. */
  private static TreeMap<String, String> attributes(Path path) throws IOException {
    UserDefinedFileAttributeView view = Files.getFileAttributeView(path,
        UserDefinedFileAttributeView.class);
    TreeMap<String, String> all = new TreeMap<>();
    for (String name : view.list()) {
      all.put(name, HexFormat.of().formatHex(get(path, "user." + name)));
    }
    return all;
  }

  /** One attribute as {@code getfattr} shows it in hex, {@code name=0x...}. */
  private static String attribute(Path path, String name) {
    return Shell.attempt(path.getParent(), "getfattr -h -e hex -n " + name + " '" + path
        + "' | grep '^" + name + "='").stdoutText();
  }
}
