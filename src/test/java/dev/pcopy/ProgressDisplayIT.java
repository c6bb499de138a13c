package dev.pcopy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.Shell;
import dev.pcopy.testing.TestTrees;
import dev.pcopy.testing.Tmux;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress display in a real terminal (tmux): the bar line, a line per host with
 * {@code --hosts} and a line per worker, redrawn in place through resizes, an end and a Ctrl-C,
 * with nothing stale left on the screen; and the counts the display, the plain lines and the
 * summary give agree. (Exit codes are
 * {@code InterruptIT}'s and {@code ExitCodesIT}'s: tmux tells of a command's end only once all
 * its processes have let go of the terminal, which under load can take long.)
 */
class ProgressDisplayIT {
  /** The bar line: the percentage first, the ETA (or why there is none) last. */
  private static final Pattern BAR_LINE = Pattern.compile(
      "^ {0,2}\\d{1,3}% .*(ETA [0-9:?]+|ETA after listing|no progress for [0-9:]+|interrupted)$");
  /** A host's line: its name, the entries and bytes its workers have done. */
  private static final Pattern HOST_LINE = Pattern.compile(
      "^  host (\\S+) +\\d+ entries +\\d+(\\.\\d)? [KMG]?i?B( .*)?$");
  /** A worker's line: its number, its file, how far in; or the count of those not shown. */
  private static final Pattern WORKER_LINE = Pattern.compile(
      "^  #(\\d+) .* +\\d{1,3}%( no progress for [0-9:]+)?$|^  \\.\\.\\. and \\d+ more workers$");
  private static final Pattern ENTRIES = Pattern.compile(" (\\d+)/(\\d+) entries");
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path tmp;

  private Tmux start(int columns, long delayMillis, String... args) {
    return start(columns, 30, Map.of("LANG", "C.UTF-8"), delayMillis, args);
  }

  private Tmux start(int columns, int rows, Map<String, String> locale, long delayMillis,
      String... args) {
    List<String> command = new ArrayList<>(List.of(Pcopy.launcher().toString()));
    command.addAll(List.of(args));
    Map<String, String> env = new HashMap<>(locale);
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("PCOPY_WORKER_JAVA_OPTS", "-Dpcopy.test.workerDelay=" + delayMillis);
    return Tmux.start(command, env, columns, rows);
  }

  /**
   * Whether the screen holds only a frame narrower than {@code columns}: one bar line, below it
   * lines of different hosts, then lines of different workers; nothing else, so nothing stale.
   */
  private static boolean onlyAFrame(List<String> screen, int columns) {
    List<String> lines = screen.stream().filter(l -> !l.isBlank()).toList();
    if (lines.isEmpty() || !BAR_LINE.matcher(lines.get(0)).matches()) {
      return false;
    }
    Set<String> hosts = new HashSet<>();
    int below = 1;
    for (; below < lines.size(); below++) {
      Matcher m = HOST_LINE.matcher(lines.get(below));
      if (!m.matches()) {
        break;
      }
      if (!hosts.add(m.group(1))) {
        return false;
      }
    }
    Set<String> workers = new HashSet<>();
    for (String line : lines.subList(below, lines.size())) {
      Matcher m = WORKER_LINE.matcher(line);
      if (!m.matches() || m.group(1) != null && !workers.add(m.group(1))) {
        return false;
      }
    }
    return lines.stream().allMatch(l -> l.length() < columns);
  }

  /** Waits until a line of the history and the screen starts with {@code start}. */
  private static void awaitLine(Tmux tmux, String start) {
    tmux.awaitScreen("a line starting " + start, WAIT,
        s -> tmux.history().stream().anyMatch(l -> l.startsWith(start)));
  }

  /** Returns the last {@code n} lines that are not blank. */
  private static List<String> last(int n, List<String> lines) {
    List<String> shown = lines.stream().filter(l -> !l.isBlank()).toList();
    assertTrue(shown.size() >= n, String.join("\n", lines));
    return shown.subList(shown.size() - n, shown.size());
  }

  private static boolean hasWorkerLines(List<String> screen) {
    return screen.stream().anyMatch(l -> l.startsWith("  #"));
  }

  @Test
  void resizesMidRun_leaveNoStaleLines_andTheEndLeavesTheLastBarLineAndTheSummary() {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 8, 50, 0);
    try (Tmux tmux = start(120, 60, "-w", "2", src.toString(), tmp.resolve("dst").toString())) {
      tmux.awaitScreen("a frame with worker lines", WAIT,
          s -> onlyAFrame(s, 120) && hasWorkerLines(s));

      // Narrower: tmux reflows what is on the screen; the frame drops its worker lines.
      tmux.resize(70, 30);
      tmux.awaitScreen("a clean frame at 70 columns", WAIT, s -> onlyAFrame(s, 70));
      tmux.resize(45, 30);
      tmux.awaitScreen("a clean frame at 45 columns", WAIT,
          s -> onlyAFrame(s, 45) && !hasWorkerLines(s));
      tmux.resize(110, 30);
      tmux.awaitScreen("worker lines back at 110 columns", WAIT,
          s -> onlyAFrame(s, 110) && hasWorkerLines(s));

      // The summary is the end of the run's output (the process may take longer to go).
      awaitLine(tmux, "pcopy: copied ");
      List<String> lines = last(2, tmux.history());
      String bar = lines.get(0);
      assertTrue(BAR_LINE.matcher(bar).matches() && bar.contains(" 400/400 entries"),
          String.join("\n", lines));
      assertTrue(lines.get(1).startsWith("pcopy: copied 400 files"), String.join("\n", lines));
      assertFalse(hasWorkerLines(tmux.screen()), String.join("\n", tmux.screen()));
    }
  }

  @Test
  void ctrlC_leavesALastFrameThatShowsWhatWasDone_asTheSummarySaysIt_andNothingStale() {
    // 80 by 15 and four workers, as the hostile tester had it: the worker lines are as wide as
    // a frame's lines may be, so the ^C the terminal echoes at the cursor could wrap. Files of a
    // few bytes keep the bar line short enough for worker lines at 80 columns.
    Path src = tmp.resolve("src");
    Shell.run(tmp, "for d in 1 2 3 4 5 6 7 8; do mkdir -p src/d$d; for f in $(seq 1 50); do"
        + " echo x > src/d$d/f$f; done; done");
    try (Tmux tmux = start(80, 15, Map.of("LANG", "C.UTF-8"), 60, "-w", "4", src.toString(),
        tmp.resolve("dst").toString())) {
      tmux.awaitScreen("some entries done, and worker lines", WAIT,
          s -> hasWorkerLines(s) && s.stream().map(ENTRIES::matcher)
              .anyMatch(m -> m.find() && Long.parseLong(m.group(1)) > 20));

      tmux.sendKey("C-c");

      awaitLine(tmux, "pcopy: interrupted after copying ");
      List<String> history = tmux.history();
      assertEquals(1, history.stream().filter(l -> BAR_LINE.matcher(l).matches()).count(),
          "a stale bar line:\n" + String.join("\n", history));
      // The summary is wider than 80 columns: it takes the last rows but one.
      int end = history.size() - 1;
      while (!history.get(end).startsWith("pcopy: interrupted after copying ")) {
        end--;
      }
      List<String> lines = history.subList(end - 1, end + 1);
      String all = String.join("\n", history);
      Matcher done = ENTRIES.matcher(lines.get(0));
      assertTrue(BAR_LINE.matcher(lines.get(0)).matches() && done.find(), all);
      assertTrue(lines.get(0).endsWith(" interrupted"), all);
      Matcher summary = Pattern.compile("^pcopy: interrupted after copying (\\d+) files")
          .matcher(lines.get(1));
      assertTrue(summary.find(), all);
      assertTrue(Long.parseLong(done.group(1)) > 20, all);
      assertEquals(summary.group(1), done.group(1), all);
      assertFalse(hasWorkerLines(tmux.screen()), String.join("\n", tmux.screen()));
    }
  }

  @Test
  void hosts_haveALineEachBetweenTheBarAndTheWorkers_andTheEndLeavesOnlyTheBarLine() {
    // Both hosts are this machine: the launcher starts each agent here, with its host's name.
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 8, 50, 0);
    try (Tmux tmux = start(100, 60, "--hosts", "n1,n2", "--workers", "2", "--launcher",
        "env PCOPY_IT_HOST={host}", src.toString(), tmp.resolve("dst").toString())) {
      tmux.awaitScreen("a frame with host and worker lines", WAIT, s -> onlyAFrame(s, 100)
          && s.stream().anyMatch(l -> l.startsWith("  host n1 "))
          && s.stream().anyMatch(l -> l.startsWith("  host n2 ")) && hasWorkerLines(s));

      awaitLine(tmux, "pcopy: host n2: ");
      List<String> lines = last(4, tmux.history());
      String all = String.join("\n", lines);
      assertTrue(BAR_LINE.matcher(lines.get(0)).matches()
          && lines.get(0).contains(" 400/400 entries"), all);
      assertTrue(lines.get(1).startsWith("pcopy: copied 400 files"), all);
      assertTrue(tmux.screen().stream().noneMatch(l -> l.startsWith("  host ")), all);
    }
  }

  @Test
  void cLocale_workerLinesShowNamesBeyondAsciiAsEscapes_soEachLineFits() {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 1, 60, 0);
    Shell.run(src, "mv dir-00 \"$(printf '\\346\\227\\245\\346\\234\\254')\"");
    try (Tmux tmux = start(80, 30, Map.of("LC_ALL", "C", "LANG", "C"), 150, "-w", "2",
        src.toString(), tmp.resolve("dst").toString())) {
      String escaped = "\\xe6\\x97\\xa5\\xe6\\x9c\\xac/file-";
      tmux.awaitScreen("a worker line with the name escaped", WAIT, s -> onlyAFrame(s, 80)
          && s.stream().anyMatch(l -> l.startsWith("  #") && l.contains(" " + escaped)));

      awaitLine(tmux, "pcopy: copied ");
    }
  }

  @Test
  void colour_onATerminal_isTurnedOffByNoColorOrTheNoColorOption() {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 2, 20, 0);
    String green = "\u001b[32m";
    for (String mode : List.of("default", "NO_COLOR", "--no-color")) {
      List<String> args = new ArrayList<>(List.of(Pcopy.launcher().toString()));
      if (mode.equals("--no-color")) {
        args.add(mode);
      }
      args.addAll(List.of(src.toString(), tmp.resolve("dst-" + mode).toString()));
      Map<String, String> env = new HashMap<>(Map.of("JAVA_HOME",
          System.getProperty("java.home"), "LANG", "C.UTF-8"));
      if (mode.equals("NO_COLOR")) {
        env.put("NO_COLOR", "1");
      }
      try (Tmux tmux = Tmux.start(args, env, 120, 30)) {
        awaitLine(tmux, "pcopy: copied ");
        String screen = String.join("\n", tmux.historyWithAttributes());
        assertTrue(screen.contains("40/40 entries"), screen);
        assertEquals(mode.equals("default"), screen.contains(green), mode + ":\n" + screen);
      }
    }
  }

  @Test
  void plainLines_countEntriesAsTheSummaryCountsFilesAndLinks() {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 2, 40, 0);
    Shell.run(src.resolve("dir-00"), "for i in $(seq 1 30); do ln -s file-001 link-$i; done");

    PcopyResult result = Pcopy.args("--progress=plain", "--progress-interval", "0.05", "-w",
        "2", src.toString(), tmp.resolve("dst").toString()).workerDelay(5).run();

    assertEquals(0, result.exitCode(), result.toString());
    List<String> progress = result.stderrLines().stream()
        .filter(l -> ENTRIES.matcher(l).find()).toList();
    assertFalse(progress.isEmpty(), result.toString());
    Matcher last = ENTRIES.matcher(progress.get(progress.size() - 1));
    assertTrue(last.find());
    assertEquals("110", last.group(2), result.toString());
    assertTrue(result.summaryLine().orElseThrow().startsWith("pcopy: copied 80 files, 30 links"),
        result.toString());
  }
}
