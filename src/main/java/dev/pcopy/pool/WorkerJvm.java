package dev.pcopy.pool;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options workers start with. A worker lives for one run, moves bytes through the kernel
 * and holds little: the quickest start and a small footprint matter more than peak compiled code.
 */
public final class WorkerJvm {
  private WorkerJvm() {}

  /**
   * Returns the options for worker JVMs, followed by those in the environment variable
   * {@code PCOPY_WORKER_JAVA_OPTS} (split at spaces), so that a later one can override a default.
   */
  public static List<String> options() {
    List<String> options = new ArrayList<>(DEFAULTS);
    // The launcher names the worker's class-data-sharing archive when the build made one.
    String archive = System.getProperty("pcopy.workerArchive");
    if (archive != null && !archive.isBlank()) {
      options.add("-XX:SharedArchiveFile=" + archive);
    }
    String extra = System.getenv("PCOPY_WORKER_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      options.addAll(List.of(extra.strip().split("\\s+")));
    }
    return options;
  }

  private static final List<String> DEFAULTS = List.of(
      // pcopy's own JNI library makes the system calls; JDK 22 and later warn without this.
      "--enable-native-access=ALL-UNNAMED",
      // The JVM's own warnings go to stdout by default, which is the frame channel.
      "-Xlog:disable", "-Xlog:all=warning:stderr",
      // An archive made for another JDK build or install path is ignored; say nothing about it.
      "-Xlog:cds*=off:stderr",
      "-XX:+UseSerialGC",
      "-XX:TieredStopAtLevel=1",
      "-XX:-UsePerfData",
      "-Xshare:auto",
      "-Xms16m",
      "-Xmx64m",
      "-Xss512k");
}
