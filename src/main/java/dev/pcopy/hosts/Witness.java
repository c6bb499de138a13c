package dev.pcopy.hosts;

import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.FileHandle;
import dev.pcopy.fs.SysException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A file of random name and content that the coordinator writes into DST, through its handle,
 * for the agents to read back: a host that reads the same bytes under the same name sees the
 * same file system at DST's path, however it is mounted there.
 *
 * <p>Its name starts with pcopy's temporary prefix, so that neither {@code --delete} nor the
 * sweep of leftovers ever takes it for an entry of the copy; it is removed once read.
 */
final class Witness implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DirHandle target;
  private final byte[] name;
  private final byte[] content;

  private Witness(DirHandle target, byte[] name, byte[] content) {
    this.target = target;
    this.name = name;
    this.content = content;
  }

  /** Writes a new witness into {@code target}. */
  static Witness write(DirHandle target) throws SysException {
    byte[] name = (".pcopy-witness-" + random(8)).getBytes(StandardCharsets.US_ASCII);
    byte[] content = (random(16) + "\n").getBytes(StandardCharsets.US_ASCII);
    try (FileHandle file = target.create(name, 0644)) {
      ByteBuffer buffer = ByteBuffer.allocateDirect(content.length);
      buffer.put(content);
      int written = file.write(buffer, 0, content.length, 0);
      if (written != content.length) {
        target.unlink(name);
        throw new SysException(dev.pcopy.fs.Errno.EIO, "write");
      }
    }
    return new Witness(target, name, content);
  }

  byte[] name() {
    return name.clone();
  }

  byte[] content() {
    return content.clone();
  }

  /** Removes the file. */
  @Override
  public void close() {
    try {
      target.unlink(name);
    } catch (SysException e) {
      // DST refuses writes now; the run reports that itself. The name is never copied over.
    }
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
