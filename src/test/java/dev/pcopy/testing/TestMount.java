package dev.pcopy.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small file system mounted for one test: {@code ramfs}, which keeps no extended attributes
 * and no ACLs at all (as vfat, without needing its kernel module or a loop device), or
 * {@code tmpfs}, a second file system to put inside a tree; or a bind mount of a directory.
 *
 * <p>Needs root and the right to mount; where either is missing the test is skipped with the
 * reason (JUnit assumptions), since a container may forbid mounts. Closing unmounts.
 */
public final class TestMount implements AutoCloseable {
  private final Path mountPoint;
  private boolean mounted;

  private TestMount(Path mountPoint) {
    this.mountPoint = mountPoint;
  }

  /** Mounts a ramfs at {@code mountPoint} (created if missing): no xattrs, no ACLs. */
  public static TestMount ramfs(Path mountPoint) {
    return mount("ramfs", "", mountPoint);
  }

  /** Mounts a tmpfs of at most 4 MiB at {@code mountPoint} (created if missing). */
  public static TestMount tmpfs(Path mountPoint) {
    return mount("tmpfs", "-o size=4m ", mountPoint);
  }

  /**
   * Shows the directory {@code directory} at {@code mountPoint} (created if missing) too: a bind
   * mount, the same directory at a second path.
   */
  public static TestMount bind(Path directory, Path mountPoint) {
    return mount("bind", "--bind '" + directory + "' ", mountPoint);
  }

  private static TestMount mount(String type, String options, Path mountPoint) {
    assumeTrue(Shell.isRoot(), "mounting a " + type + " needs root");
    try {
      Files.createDirectories(mountPoint);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String what = type.equals("bind") ? options : "-t " + type + " " + options + "pcopy-test ";
    Shell.Outcome mount = Shell.attempt(mountPoint.getParent(),
        "mount " + what + "'" + mountPoint + "'");
    assumeTrue(mount.exitCode() == 0, "cannot mount a " + type + " here: " + mount.stderr());
    TestMount m = new TestMount(mountPoint);
    m.mounted = true;
    return m;
  }

  /** Returns where the file system is mounted. */
  public Path path() {
    return mountPoint;
  }

  /** Unmounts (lazily, so that a test that failed with a file open still cleans up). */
  @Override
  public void close() {
    if (mounted) {
      mounted = false;
      Shell.run(Path.of("/"), "umount -l '" + mountPoint + "'");
    }
  }
}
