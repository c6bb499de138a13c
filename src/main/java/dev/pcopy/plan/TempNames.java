package dev.pcopy.plan;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Names the temporary file an entry is written to before it is renamed into place:
 * {@code .pcopy-<run id>-<seq>.tmp}, with the {@link RunId} and the entry's sequence number in
 * decimal, e.g. {@code .pcopy-00q8x_1kz3m_0a9ffk2t_58q-42.tmp}.
 *
 * <p>The name is derived from the run and the entry's sequence number only, never from the
 * entry's own name, so that it stays short (at most 55 bytes; a long final name plus a suffix
 * could pass the 255-byte limit) and so that the coordinator can find and remove the temporary
 * files of a worker that was killed without asking it.
 */
public final class TempNames {
  /** Every temporary name starts with this. */
  public static final String PREFIX = ".pcopy-";
  /** Suffix of every temporary name. */
  private static final String SUFFIX = ".tmp";
  /** Decimal digits of the largest sequence number, {@link Long#MAX_VALUE}. */
  private static final int MAX_SEQ_DIGITS = 19;

  private TempNames() {}

  /**
   * Returns the name that entry {@code seq} of run {@code runId} is written under, in the
   * directory its final name is in.
   */
  public static byte[] of(String runId, long seq) {
    return (PREFIX + runId + "-" + seq + SUFFIX).getBytes(StandardCharsets.US_ASCII);
  }

  /** Like {@link #runOf(String)}, for a name as the directory listing gives it. */
  public static Optional<RunId> runOf(byte[] name) {
    if (name.length < PREFIX.length() || name[0] != '.') {
      return Optional.empty();
    }
    for (byte b : name) {
      if (b <= 0) {
        return Optional.empty();
      }
    }
    return runOf(new String(name, StandardCharsets.US_ASCII));
  }

  /**
   * Returns the run that wrote a file of this name, or empty unless the name is exactly one that
   * {@link #of} makes from a {@link RunId}: a name that only looks like one is a user's file.
   */
  public static Optional<RunId> runOf(String name) {
    int runAt = PREFIX.length();
    int seqAt = runAt + RunId.LENGTH + 1;
    int seqEnd = name.length() - SUFFIX.length();
    if (seqEnd <= seqAt || !name.startsWith(PREFIX) || !name.endsWith(SUFFIX)
        || name.charAt(seqAt - 1) != '-' || !isSequence(name.substring(seqAt, seqEnd))) {
      return Optional.empty();
    }
    return RunId.parse(name.substring(runAt, seqAt - 1));
  }

  /** Whether {@code text} is a sequence number as {@link Long#toString} writes it. */
  private static boolean isSequence(String text) {
    if (text.length() > MAX_SEQ_DIGITS || text.length() > 1 && text.charAt(0) == '0') {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    try {
      Long.parseLong(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
