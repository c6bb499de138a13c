package dev.pcopy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A command run in a tmux window, a real terminal emulator whose screen can be read back as
 * text and whose size can be changed, as a user's window is: tmux sends SIGWINCH and reflows
 * the lines already on the screen. Each instance has its own tmux server, so tests do not meet.
 * The window stays after the command ends, so that its last screen can be read.
 */
public final class Tmux implements AutoCloseable {
  private static final String SESSION = "it";

  private final String socket = "pcopy-it-" + UUID.randomUUID();

  private Tmux() {}

  /**
   * Starts {@code command} (its words, no shell) in a window of {@code columns} by {@code rows}
   * with {@code env} added to its environment.
   */
  public static Tmux start(List<String> command, Map<String, String> env, int columns,
      int rows) {
    Tmux tmux = new Tmux();
    tmux.tmux("-f", "/dev/null", "new-session", "-d", "-s", SESSION, "-x",
        String.valueOf(columns), "-y", String.valueOf(rows), "sleep 600");
    // Set before the command starts, so that even a quick end leaves its screen to read.
    tmux.tmux("set-option", "-g", "remain-on-exit", "on");
    List<String> respawn = new ArrayList<>(List.of("respawn-pane", "-k", "-t", SESSION));
    for (Map.Entry<String, String> e : env.entrySet()) {
      respawn.addAll(List.of("-e", e.getKey() + "=" + e.getValue()));
    }
    respawn.add(quoted(command));
    tmux.tmux(respawn.toArray(String[]::new));
    return tmux;
  }

  /** Returns {@code words} as one shell command line, each word in single quotes. */
  private static String quoted(List<String> words) {
    StringBuilder line = new StringBuilder();
    for (String w : words) {
      line.append(line.length() == 0 ? "" : " ").append('\'').append(w.replace("'", "'\\''"))
          .append('\'');
    }
    return line.toString();
  }

  /**
   * Returns the lines of the screen as the user sees it, without trailing blank lines or tmux's
   * own note that the command has ended.
   */
  public List<String> screen() {
    return lines("capture-pane", "-p", "-t", SESSION);
  }

  /**
   * Returns the lines of the history and the screen, all a user can scroll back to: tmux
   * scrolls the screen a line to make room for its note that the command has ended, and a
   * resize that makes lines wrap pushes the top ones into the history.
   */
  public List<String> history() {
    return lines("capture-pane", "-p", "-S", "-", "-t", SESSION);
  }

  /** Returns {@link #history} with the escape sequences of colours and attributes kept. */
  public List<String> historyWithAttributes() {
    return lines("capture-pane", "-p", "-e", "-S", "-", "-t", SESSION);
  }

  private List<String> lines(String... capture) {
    List<String> lines = new ArrayList<>(List.of(tmux(capture).split("\n", -1)));
    lines.replaceAll(l -> l.replaceAll("Pane is dead \\(.*", ""));
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /** Resizes the window, as a user dragging its corner does. */
  public void resize(int columns, int rows) {
    tmux("resize-window", "-t", SESSION, "-x", String.valueOf(columns), "-y",
        String.valueOf(rows));
  }

  /** Types {@code key} in tmux's names: {@code C-c} is Ctrl-C. */
  public void sendKey(String key) {
    tmux("send-keys", "-t", SESSION, key);
  }

  /**
   * Waits until the screen satisfies {@code condition} and returns it; fails with the last screen
   * after {@code timeout}.
   */
  public List<String> awaitScreen(String what, Duration timeout,
      Predicate<List<String>> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<String> screen = screen();
      if (condition.test(screen)) {
        return screen;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + what + " on the screen:\n" + String.join("\n", screen));
      }
      RunningPcopy.sleep(50);
    }
  }

  /** Ends the window and its tmux server, and the command if it still runs. */
  @Override
  public void close() {
    try {
      tmux("kill-server");
    } catch (RuntimeException e) {
      // The server may have ended on its own; there is nothing left to end then.
    }
  }

  private String tmux(String... args) {
    List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(command + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run tmux (Debian: apt-get install tmux)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while tmux ran", e);
    }
  }
}
