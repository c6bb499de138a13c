package dev.pcopy.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file system image attached to a loop device and mounted, for tests of what really reached
 * the disk: {@link #snapshot} copies the device as a crash would leave it, past the page cache.
 *
 * <p>Needs root, a free loop device and the right to mount; where those are missing the test is
 * skipped with the reason (JUnit assumptions), since a container may lack them. The tools come
 * from util-linux ({@code losetup}, {@code mount}), coreutils ({@code dd}, {@code truncate}) and
 * e2fsprogs ({@code mkfs.ext4}, {@code e2fsck}); a missing tool fails the test instead.
 * Closing unmounts and detaches.
 */
public final class LoopDevice implements AutoCloseable {
  private final String device;
  private final Path mountPoint;
  private boolean mounted;

  private LoopDevice(String device, Path mountPoint) {
    this.device = device;
    this.mountPoint = mountPoint;
  }

  /**
   * Makes a new ext4 file system of {@code bytes} in the file {@code image} and mounts it
   * read-write at {@code mountPoint} (created if missing).
   */
  public static LoopDevice newExt4(Path image, long bytes, Path mountPoint) {
    return newExt4(image, bytes, mountPoint, "");
  }

  /**
   * As {@link #newExt4(Path, long, Path)}, made with {@code mkfsOptions} too ({@code -I 128}:
   * inodes too small for times past 2038 or for nanoseconds).
   */
  public static LoopDevice newExt4(Path image, long bytes, Path mountPoint, String mkfsOptions) {
    Path dir = image.toAbsolutePath().getParent();
    Shell.run(dir, "truncate -s " + bytes + " '" + image + "' && mkfs.ext4 -q -F " + mkfsOptions
        + " '" + image + "'");
    return attach(image, false, mountPoint);
  }

  /** Mounts the ext4 image {@code image} read-only at {@code mountPoint} (created if missing). */
  public static LoopDevice mountReadOnly(Path image, Path mountPoint) {
    return attach(image, true, mountPoint);
  }

  /**
   * Checks {@code image} with {@code e2fsck -fy} as the boot after a crash would: replays the
   * journal and repairs what it must. Fails the test if errors are left uncorrected.
   *
   * @return what e2fsck said, for assertion messages
   */
  public static String fsck(Path image) {
    Shell.Outcome check = Shell.attempt(image.toAbsolutePath().getParent(),
        "e2fsck -fy '" + image + "' 2>&1");
    // 0: clean; 1: errors corrected (a replayed journal may count); 2: corrected, reboot.
    if (check.exitCode() > 2) {
      throw new AssertionError("e2fsck left errors in " + image + " (exit code "
          + check.exitCode() + "):\n" + check.stdoutText());
    }
    return check.stdoutText();
  }

  /** Returns where the file system is mounted. */
  public Path mountPoint() {
    return mountPoint;
  }

  /**
   * Copies the whole device into {@code file} with {@code O_DIRECT}, so that what is read is
   * what the file system has written to the device, not what it holds in memory: the disk as a
   * power cut at this moment would leave it.
   */
  public void snapshot(Path file) {
    Shell.run(file.toAbsolutePath().getParent(), "dd if=" + device + " of='" + file
        + "' bs=1M iflag=direct status=none");
  }

  /** Unmounts and detaches, whatever state the test left them in. */
  @Override
  public void close() {
    try {
      if (mounted) {
        Shell.run(Path.of("/"), "umount '" + mountPoint + "'");
        mounted = false;
      }
    } finally {
      Shell.run(Path.of("/"), "losetup -d " + device);
    }
  }

  private static LoopDevice attach(Path image, boolean readOnly, Path mountPoint) {
    assumeTrue(Shell.isRoot(), "loop devices and mounts need root");
    assumeTrue(Files.exists(Path.of("/dev/loop-control")), "no /dev/loop-control here");
    Path dir = image.toAbsolutePath().getParent();
    Shell.Outcome attached = Shell.attempt(dir,
        "losetup -f --show " + (readOnly ? "-r " : "") + "'" + image + "'");
    assumeTrue(attached.exitCode() == 0, "no loop device available: " + attached.stderr());
    LoopDevice loop = new LoopDevice(attached.stdoutText().strip(), mountPoint);
    try {
      Shell.run(dir, "mkdir -p '" + mountPoint + "'");
      Shell.Outcome mount = Shell.attempt(dir, "mount -t ext4 " + (readOnly ? "-o ro " : "")
          + loop.device + " '" + mountPoint + "'");
      assumeTrue(mount.exitCode() == 0, "cannot mount a loop device here: " + mount.stderr());
      loop.mounted = true;
      return loop;
    } catch (RuntimeException | Error e) {
      loop.close();
      throw e;
    }
  }
}
