package dev.pcopy.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An interactive bash or zsh on a pseudo-terminal, typed into as a user would: completion only
 * runs in a shell that reads a terminal, and only a real TAB shows what it completes to. The
 * terminal comes from {@code script(1)} (util-linux), which runs the shell on one and passes
 * this side's bytes through.
 */
public final class InteractiveShell implements AutoCloseable {
  /** The prompt the shell must set in its start-up file, so that this side knows it is ready. */
  public static final String PROMPT = "READY> ";

  private final Process process;
  private final StringBuffer output = new StringBuffer();
  private final Thread reader;

  private InteractiveShell(Process process) {
    this.process = process;
    this.reader = new Thread(this::readOutput, "interactive-shell-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code command} (a shell command line whose start-up file sets {@link #PROMPT}) on a
   * terminal in {@code dir}, with {@code env} added to the environment, and waits for its prompt.
   */
  public static InteractiveShell start(String command, Path dir, Map<String, String> env) {
    try {
      ProcessBuilder builder = new ProcessBuilder(List.of("script", "-q", "-f", "-e", "-c",
          command, "/dev/null")).directory(dir.toFile()).redirectErrorStream(true);
      builder.environment().putAll(env);
      InteractiveShell shell = new InteractiveShell(builder.start());
      shell.awaitOutput(Pattern.compile(Pattern.quote(PROMPT)), Duration.ofSeconds(30));
      return shell;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start script(1) (Debian: apt-get install bsdutils)",
          e);
    }
  }

  /** Types {@code keys} (a TAB is {@code "\t"}, Enter is {@code "\n"}). */
  public void type(String keys) {
    try {
      OutputStream in = process.getOutputStream();
      in.write(keys.getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("the shell no longer reads its terminal\n" + output, e);
    }
  }

  /**
   * Waits until the output holds a match of {@code pattern} and returns its first group (or the
   * whole match); fails the test with the output so far after {@code timeout}.
   */
  public String awaitOutput(Pattern pattern, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Matcher m = pattern.matcher(output);
      if (m.find()) {
        return m.groupCount() > 0 ? m.group(1) : m.group();
      }
      if (System.nanoTime() > deadline || !process.isAlive() && !reader.isAlive()) {
        throw new AssertionError("no " + pattern + " in the shell's output:\n" + output);
      }
      RunningPcopy.sleep(20);
    }
  }

  /** Ends the shell (and script) if they still run. */
  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void readOutput() {
    byte[] buffer = new byte[4096];
    try (InputStream out = process.getInputStream()) {
      for (int n; (n = out.read(buffer)) >= 0; ) {
        output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      output.append("\n(reading the shell's output failed: ").append(e).append(')');
    }
  }
}
