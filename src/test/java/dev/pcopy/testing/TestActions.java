package dev.pcopy.testing;

import dev.pcopy.fs.Timestamp;
import dev.pcopy.plan.Action.WriteFile;
import dev.pcopy.plan.Meta;
import java.nio.charset.StandardCharsets;

/** Worker actions made up for tests of what moves actions around (batches, queues, frames). */
public final class TestActions {
  private static final byte[] DIR = "d".getBytes(StandardCharsets.US_ASCII);
  private static final Meta META = new Meta(0644, -1, -1, new Timestamp(0, 0),
      new Timestamp(0, 0));

  private TestActions() {}

  /** A file {@code d/f<seq>} of {@code size} bytes to write. */
  public static WriteFile file(long seq, long size) {
    byte[] name = ("f" + seq).getBytes(StandardCharsets.US_ASCII);
    return new WriteFile(DIR, name, name, seq, size, META, false);
  }

  /** A file named {@code name} in directory {@code d} of {@code size} bytes to write. */
  public static WriteFile file(long seq, String name, long size) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    return new WriteFile(DIR, n, n, seq, size, META, false);
  }
}
