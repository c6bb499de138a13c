package dev.pcopy.cli;

import java.util.Optional;

/**
 * Warns about a {@code --workers} count far above the number of processors. Such a count is
 * allowed (workers wait on disks as much as on processors), but each worker is a JVM process of
 * its own, with its own heap, so a typo like {@code -w 256} on a small machine deserves a word.
 *
 * @param workers the asked-for worker count
 * @param processors the processors the JVM may use
 */
record WorkerCountCheck(int workers, int processors) {
  /** Workers per processor beyond which the count is called out. */
  static final int WORKERS_PER_PROCESSOR = 4;

  /** Returns the check of {@code workers} against this machine's processors. */
  static WorkerCountCheck onThisMachine(int workers) {
    return new WorkerCountCheck(workers, Runtime.getRuntime().availableProcessors());
  }

  /** Returns the warning line, or nothing when the count is in proportion. */
  Optional<String> warning() {
    if (workers <= (long) WORKERS_PER_PROCESSOR * processors) {
      return Optional.empty();
    }
    return Optional.of("pcopy: warning: --workers " + workers + " is more than "
        + WORKERS_PER_PROCESSOR + " times the number of processors (" + processors
        + "); each worker is a separate JVM process");
  }
}
