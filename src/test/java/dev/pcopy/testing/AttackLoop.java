package dev.pcopy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A hostile user's shell loop running beside a pcopy run: a script run over and over, as user and
 * group 65534 (nobody) when the tests run as root, until the loop is closed.
 *
 * <p>Each line the script prints on stdout counts as one attack carried out (a swap made, say),
 * so a test can check that the race it sets up really happened instead of passing because the
 * attacker never got a turn. Its stdout and stderr go to files that this process opens, so the
 * unprivileged user needs no place of its own to write them.
 */
public final class AttackLoop implements AutoCloseable {
  private final Process process;
  private final Path outputs;
  private final Path out;
  private final Path err;

  private AttackLoop(Process process, Path outputs, Path out, Path err) {
    this.process = process;
    this.outputs = outputs;
    this.out = out;
    this.err = err;
  }

  /**
   * Starts {@code while :; do body; done} in {@code dir} as the unprivileged user (see {@link
   * Shell#asUnprivilegedUser}); {@code body} prints one line per attack it carried out.
   */
  public static AttackLoop start(Path dir, String body) {
    List<String> command = new ArrayList<>(Shell.asUnprivilegedUser());
    command.addAll(List.of("/bin/sh", "-c", "while :; do\n" + body + "\ndone"));
    try {
      Path outputs = Files.createTempDirectory("pcopy-attack-output");
      Path out = outputs.resolve("stdout");
      Path err = outputs.resolve("stderr");
      Process process = new ProcessBuilder(command)
          .directory(dir.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .start();
      return new AttackLoop(process, outputs, out, err);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the attack loop " + command, e);
    }
  }

  /**
   * Starts the classic swap (rsync's symlink-race tests) in {@code dir}: while {@code name} is
   * a real directory, rename it away and put a link to {@code target} in its place (one attack),
   * leave the link for {@code holdSeconds}, then put the directory back for a moment, so that a
   * check made once and trusted later is caught as well as a path followed blindly.
   */
  public static AttackLoop swappingForLink(Path dir, String name, Path target,
      String holdSeconds) {
    String held = name + ".held";
    return start(dir, "if [ -d " + name + " ] && [ ! -L " + name + " ] && mv -T " + name + " "
        + held + " && ln -s '" + target + "' " + name + "; then echo swapped; fi\n"
        + "sleep " + holdSeconds + "\n"
        + "if [ -L " + name + " ] && [ -d " + held + " ] && rm " + name + "; then mv -T " + held
        + " " + name + "; fi\n"
        + "sleep 0.01");
  }

  /** Returns how many attacks the loop has reported so far. */
  public long attacks() {
    try {
      byte[] bytes = Files.readAllBytes(out);
      long lines = 0;
      for (byte b : bytes) {
        if (b == '\n') {
          lines++;
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Describes the loop's state and its error output, for assertion messages. */
  public String describe() {
    String errors;
    try {
      errors = new String(Files.readAllBytes(err), StandardCharsets.UTF_8);
    } catch (IOException e) {
      errors = "(cannot read " + err + ": " + e + ")";
    }
    if (errors.length() > 2000) {
      errors = "..." + errors.substring(errors.length() - 2000);
    }
    return "attack loop " + (process.isAlive() ? "running" : "ended with " + process.exitValue())
        + ", " + attacks() + " attacks\n--- its stderr ---\n" + errors + "---";
  }

  /** Stops the loop and whatever command it was running, and waits until they are gone. */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(10, TimeUnit.SECONDS);
      for (ProcessHandle child : children) {
        child.onExit().get(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // A command the loop ran that outlives it cannot touch what the test checks next: the
      // loop itself, which decides what happens, is gone.
    }
    try {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      Files.deleteIfExists(outputs);
    } catch (IOException e) {
      // Only captured output; the JVM's temp directory is cleaned eventually.
    }
  }
}
