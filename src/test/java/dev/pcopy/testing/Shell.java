package dev.pcopy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code /bin/sh} scripts for what a Java string cannot do: make names with bytes that are
 * not valid in the JVM's charset ({@code printf 'bad\377name'}), FIFOs ({@code mkfifo}), and
 * listings by external tools to check pcopy's result independently of Java.
 */
public final class Shell {
  /** User and group id of nobody/nogroup on Debian, Ubuntu and Fedora alike. */
  static final int UNPRIVILEGED_ID = 65534;

  private Shell() {}

  /** Runs {@code script} in {@code dir}; fails the test unless it exits 0. */
  public static void run(Path dir, String script) {
    output(dir, script);
  }

  /** Runs {@code script} in {@code dir} and returns its stdout bytes; fails unless it exits 0. */
  public static byte[] output(Path dir, String script) {
    try {
      Process p = new ProcessBuilder("/bin/sh", "-c", script)
          .directory(dir.toFile())
          .redirectError(ProcessBuilder.Redirect.PIPE)
          .start();
      p.getOutputStream().close();
      // Read stderr on the side so a chatty script cannot block on a full pipe.
      StringBuilder err = new StringBuilder();
      Thread errReader = new Thread(() -> {
        try {
          err.append(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
          err.append(e);
        }
      });
      errReader.start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("shell script timed out: " + script);
      }
      errReader.join();
      if (p.exitValue() != 0) {
        throw new AssertionError("shell script failed with exit code " + p.exitValue() + ": "
            + script + "\n" + err);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * Returns the command prefix that runs a program without privileges: as root, {@code setpriv}
   * to user and group 65534 (nobody) with no supplementary groups; as anyone else, nothing, since
   * that user has no privileges to drop.
   */
  public static List<String> asUnprivilegedUser() {
    return isRoot()
        ? List.of("setpriv", "--reuid=" + UNPRIVILEGED_ID, "--regid=" + UNPRIVILEGED_ID,
            "--clear-groups")
        : List.of();
  }

  /** Returns whether the tests run as root, who may make device nodes and reads any file. */
  public static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
