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
    Outcome outcome = attempt(dir, script);
    if (outcome.exitCode() != 0) {
      throw new AssertionError("shell script failed with exit code " + outcome.exitCode() + ": "
          + script + "\n" + outcome.stderr());
    }
    return outcome.stdout();
  }

  /**
   * How a script ended, for scripts whose failure is an answer (is this available here?)
   * rather than a broken test.
   *
   * @param exitCode the script's exit code
   * @param stdout its output
   * @param stderr its error output, decoded as UTF-8
   */
  public record Outcome(int exitCode, byte[] stdout, String stderr) {
    /** Returns stdout decoded as UTF-8, without the last line's terminator. */
    public String stdoutText() {
      String text = new String(stdout, StandardCharsets.UTF_8);
      return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
  }

  /** Runs {@code script} in {@code dir} and returns how it ended, whatever its exit code. */
  public static Outcome attempt(Path dir, String script) {
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
      return new Outcome(p.exitValue(), out, err.toString());
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
