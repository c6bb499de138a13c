package dev.pcopy.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.TestFileSystems;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Creating DST: a destination that refuses writes is a state of the machine (exit 1), anything
 * else that stops its creation is bad input (exit 2). A read-only file system cannot be mounted
 * in a test, so the refusals come from a stand-in for {@code Files.createDirectories}.
 */
class TargetDirectoryTest {

  @Test
  void create_makesTheDirectoryAndItsMissingParents() throws Exception {
    try (FileSystem fs = TestFileSystems.unix()) {
      TargetDirectory.create(fs.getPath("/mnt/usb/backup"), "usb/backup");

      assertTrue(Files.isDirectory(fs.getPath("/mnt/usb/backup")));
    }
  }

  @Test
  void create_onAReadOnlyFileSystem_isARefusedTargetNamingThePathAndTheSystemsReason() {
    TargetRefusedException e = assertThrows(TargetRefusedException.class,
        () -> TargetDirectory.create(Path.of("/ro/new"), "/ro/new", refusing(
            new FileSystemException("/ro/new", null, "Read-only file system"))));

    assertEquals("/ro/new: Read-only file system", e.getMessage());
  }

  @Test
  void create_onAFullFileSystem_isARefusedTarget() {
    TargetRefusedException e = assertThrows(TargetRefusedException.class,
        () -> TargetDirectory.create(Path.of("/full/new"), "full/new", refusing(
            new FileSystemException("/full/new", null, "No space left on device"))));

    assertEquals("full/new: No space left on device", e.getMessage());
  }

  @Test
  void create_refusedForAnyOtherReason_isBadInput() {
    BadInputException e = assertThrows(BadInputException.class,
        () -> TargetDirectory.create(Path.of("/root/new"), "/root/new", refusing(
            new AccessDeniedException("/root/new"))));

    assertEquals("/root/new: cannot create: Permission denied", e.getMessage());
  }

  private static TargetDirectory.Maker refusing(IOException e) {
    return directory -> {
      throw e;
    };
  }
}
