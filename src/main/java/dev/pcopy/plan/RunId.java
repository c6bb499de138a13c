package dev.pcopy.plan;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which run wrote a temporary file: the coordinator's process id, the {@link HostTag} of the
 * host it ran on, a random number that tells apart runs of a reused pid, and a check value over
 * those three. Written as {@code <pid>_<host>_<random>_<check>} in lowercase base 36 with fixed
 * widths 5, 5, 8 and 3, e.g. {@code 00q8x_1kz3m_0a9ffk2t_58q}.
 *
 * <p>A later run deletes files by this text alone ({@link LeftoverSweep}), so it is parsed
 * strictly: a name a person chose ({@code .pcopy-cache_v2.tmp}) fails the widths or the
 * alphabet, and a made-up one that passes both still fails the check value in all but one case
 * in 46,656.
 *
 * @param pid the coordinator's process id; five base-36 digits hold more than Linux's largest
 *     pid (2^22)
 * @param host the host tag, five base-36 digits
 * @param random tells apart runs whose coordinators had the same pid, below 36^8
 */
public record RunId(long pid, String host, long random) {
  private static final int PID_WIDTH = 5;
  private static final int RANDOM_WIDTH = 8;
  private static final int CHECK_WIDTH = 3;
  private static final char SEPARATOR = '_';
  /** Characters in a run id's text. */
  public static final int LENGTH = PID_WIDTH + HostTag.WIDTH + RANDOM_WIDTH + CHECK_WIDTH + 3;

  /** Checks that every part fits its width, so that {@link #text} can always be parsed back. */
  public RunId {
    if (pid < 0 || pid >= Base36.bound(PID_WIDTH)) {
      throw new IllegalArgumentException("pid out of range: " + pid);
    }
    if (host.length() != HostTag.WIDTH || Base36.decode(host, 0, HostTag.WIDTH) < 0) {
      throw new IllegalArgumentException("not a host tag: " + host);
    }
    if (random < 0 || random >= Base36.bound(RANDOM_WIDTH)) {
      throw new IllegalArgumentException("random part out of range: " + random);
    }
  }

  /** Returns a new run id for a run coordinated by this process on this host. */
  public static RunId forThisProcess() {
    return new RunId(ProcessHandle.current().pid(), HostTag.current(),
        ThreadLocalRandom.current().nextLong(Base36.bound(RANDOM_WIDTH)));
  }

  /** Returns the run id as it appears in temporary names. */
  public String text() {
    String parts = parts(pid, host, random);
    return parts + SEPARATOR + check(parts);
  }

  /** Reads a run id's text, or returns empty unless it is exactly what {@link #text} writes. */
  public static Optional<RunId> parse(String text) {
    int hostAt = PID_WIDTH + 1;
    int randomAt = hostAt + HostTag.WIDTH + 1;
    int checkAt = randomAt + RANDOM_WIDTH + 1;
    if (text.length() != LENGTH || text.charAt(hostAt - 1) != SEPARATOR
        || text.charAt(randomAt - 1) != SEPARATOR || text.charAt(checkAt - 1) != SEPARATOR) {
      return Optional.empty();
    }
    long pid = Base36.decode(text, 0, PID_WIDTH);
    long host = Base36.decode(text, hostAt, HostTag.WIDTH);
    long random = Base36.decode(text, randomAt, RANDOM_WIDTH);
    if (pid < 0 || host < 0 || random < 0
        || !text.substring(checkAt).equals(check(text.substring(0, checkAt - 1)))) {
      return Optional.empty();
    }
    return Optional.of(new RunId(pid, text.substring(hostAt, randomAt - 1), random));
  }

  private static String parts(long pid, String host, long random) {
    return Base36.encode(pid, PID_WIDTH) + SEPARATOR + host + SEPARATOR
        + Base36.encode(random, RANDOM_WIDTH);
  }

  /** Derives the check value from the other three parts as written, so any change to them shows. */
  private static String check(String parts) {
    return Base36.checksum(parts, CHECK_WIDTH);
  }
}
