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
  /**
   * Suffix of a partly copied big file's record: which of its chunks are done, and of which
   * source, so that a later run can resume it ({@link PartialRecord}).
   */
  private static final String RECORD_SUFFIX = ".part";
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

  /** Returns the name of the record that goes with the temporary file {@code of(runId, seq)}. */
  public static byte[] record(String runId, long seq) {
    return (PREFIX + runId + "-" + seq + RECORD_SUFFIX).getBytes(StandardCharsets.US_ASCII);
  }

  /** Whether {@code name} is a record's name rather than a temporary file's. */
  public static boolean isRecord(byte[] name) {
    return endsWith(name, RECORD_SUFFIX);
  }

  /** Returns the temporary file's name that the record {@code record} goes with. */
  public static byte[] fileOfRecord(byte[] record) {
    String text = new String(record, StandardCharsets.US_ASCII);
    return (text.substring(0, text.length() - RECORD_SUFFIX.length()) + SUFFIX)
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static boolean endsWith(byte[] name, String suffix) {
    if (name.length < suffix.length()) {
      return false;
    }
    for (int i = 0; i < suffix.length(); i++) {
      if (name[name.length - suffix.length() + i] != (byte) suffix.charAt(i)) {
        return false;
      }
    }
    return true;
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
   * {@link #of} or {@link #record} makes from a {@link RunId}: a name that only looks like one is
   * a user's file.
   */
  public static Optional<RunId> runOf(String name) {
    String suffix = name.endsWith(RECORD_SUFFIX) ? RECORD_SUFFIX : SUFFIX;
    int runAt = PREFIX.length();
    int seqAt = runAt + RunId.LENGTH + 1;
    int seqEnd = name.length() - suffix.length();
    if (seqEnd <= seqAt || !name.startsWith(PREFIX) || !name.endsWith(suffix)
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
