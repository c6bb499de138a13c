package dev.pcopy.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.fs.Errno;
import dev.pcopy.fs.SysException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Creating DST: a destination that refuses writes is a state of the machine (exit 1), anything
 * else that stops its creation is bad input (exit 2). A read-only file system cannot be mounted
 * in a test, so the refusals come from a stand-in for {@code Paths.makeDirectories}.
 */
class TargetDirectoryTest {

  @TempDir Path tmp;

  @Test
  void create_makesTheDirectoryAndItsMissingParents() throws Exception {
    Path backup = tmp.resolve("mnt/usb/backup");
    TargetDirectory.create(backup.toString().getBytes(StandardCharsets.UTF_8), "usb/backup");

    assertTrue(Files.isDirectory(backup));
  }

  /**
   * A tree's DST is made for its owner alone until the copy gives it SRC's mode: made 0777 less
   * the umask, a umask of 000 let anyone add entries to it while a root run filled it. Its
   * missing parents are made as {@code mkdir -p} makes them.
   */
  @Test
  void createForTree_makesTheTopForItsOwnerAlone_andItsParentsAsTheUmaskSays() throws Exception {
    Path top = tmp.resolve("mnt/backup");
    TargetDirectory.createForTree(top.toString().getBytes(StandardCharsets.UTF_8), "backup");

    assertEquals(0700, (Integer) Files.getAttribute(top, "unix:mode") & 07777);
    int umask = dev.pcopy.fs.Identity.current().umask();
    if (umask >= 0) {
      assertEquals(0777 & ~umask,
          (Integer) Files.getAttribute(tmp.resolve("mnt"), "unix:mode") & 07777);
    }
  }

  @Test
  void create_onAReadOnlyFileSystem_isARefusedTargetNamingThePathAndTheSystemsReason() {
    TargetRefusedException e = assertThrows(TargetRefusedException.class,
        () -> TargetDirectory.create(bytes("/ro/new"), "/ro/new", refusing(
            new SysException(Errno.EROFS, "mkdir"))));

    assertEquals("/ro/new: Read-only file system", e.getMessage());
  }

  @Test
  void create_onAFullFileSystem_isARefusedTarget() {
    TargetRefusedException e = assertThrows(TargetRefusedException.class,
        () -> TargetDirectory.create(bytes("/full/new"), "full/new", refusing(
            new SysException(Errno.ENOSPC, "mkdir"))));

    assertEquals("full/new: No space left on device", e.getMessage());
  }

  @Test
  void create_refusedForAnyOtherReason_isBadInput() {
    BadInputException e = assertThrows(BadInputException.class,
        () -> TargetDirectory.create(bytes("/root/new"), "/root/new", refusing(
            new SysException(Errno.EACCES, "mkdir"))));

    assertEquals("/root/new: cannot create: Permission denied", e.getMessage());
  }

  private static byte[] bytes(String path) {
    return path.getBytes(StandardCharsets.UTF_8);
  }

  private static TargetDirectory.Maker refusing(IOException e) {
    return directory -> {
      throw e;
    };
  }
}
