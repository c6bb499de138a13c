package dev.pcopy.job;

import java.util.List;

/**
 * The JVM options workers start with. A worker lives for one run, moves bytes through the kernel
 * and holds little: the quickest start and a small footprint matter more than peak compiled code.
 */
final class WorkerJvm {
  private WorkerJvm() {}

  static List<String> options() {
    return List.of(
        // Lets ModeBits read st_mode from the JDK's own attributes: one lstat per entry.
        "--add-opens", "java.base/sun.nio.fs=ALL-UNNAMED",
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-XX:-UsePerfData",
        "-Xshare:auto",
        "-Xms16m",
        "-Xmx64m",
        "-Xss512k");
  }
}
