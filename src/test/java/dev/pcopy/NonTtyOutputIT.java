package dev.pcopy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.Shell;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.TestTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output when stdout and stderr are files or pipes, as in CI logs and {@code | tee}: whole lines
 * only (never a carriage return or an escape sequence), plain progress lines on stderr at the
 * chosen interval, and the summary as the last line of stdout.
 */
class NonTtyOutputIT {
  /** A plain progress line, e.g. {@code pcopy: 120/5000 entries, 1.2/4.5 GiB (27%), ...}. */
  private static final Pattern PROGRESS = Pattern.compile("^pcopy: \\d+/\\d+\\+? entries, .*");

  @TempDir
  Path tmp;

  @Test
  void progress_toFiles_isPlainLinesAtTheInterval_andSummaryEndsStdout() {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 4, 40, 0);

    long started = System.nanoTime();
    PcopyResult result = Pcopy.args("--workers", "2", "--progress-interval", "0.2", src.toString(),
        tmp.resolve("dst").toString()).workerDelay(20).run();
    double seconds = (System.nanoTime() - started) / 1e9;

    assertEquals(0, result.exitCode(), result.toString());
    assertWholeLinesOnly(result);
    List<String> progress = progressLines(result);
    assertTrue(progress.size() >= 3, "too few progress lines\n" + result);
    assertTrue(progress.size() <= seconds / 0.2 + 1,
        progress.size() + " progress lines in " + seconds + " s: more than one per 0.2 s\n"
            + result);
    List<String> out = result.stdoutLines();
    assertTrue(out.get(out.size() - 1).startsWith("pcopy: copied 160 files"), result.toString());
    assertFalse(result.stderr().contains("pcopy: copied"), "summary on stderr\n" + result);
  }

  /** {@code --bytes}: the progress lines and the summary give raw numbers of bytes. */
  @Test
  void bytes_progressAndSummaryInRawBytes() throws IOException {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 2, 40, 0);
    long total;
    try (var files = Files.walk(src)) {
      total = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }

    PcopyResult result = Pcopy.args("--bytes", "--progress-interval", "0.1", src.toString(),
        tmp.resolve("dst").toString()).workerDelay(10).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(result.stdoutLines().get(0).startsWith("pcopy: copied 80 files, 0 links, "
        + total + " B in "), result.toString());
    assertTrue(result.stdoutLines().get(0).matches(".* \\(\\d+ B/s\\);.*"),
        result.toString());
    List<String> progress = result.stderrLines().stream()
        .filter(l -> l.matches("pcopy: \\d+/\\d+\\+? entries, \\d+/" + total
            + "\\+? B \\(\\d+%\\), \\d+ B/s, .*"))
        .collect(Collectors.toList());
    assertFalse(progress.isEmpty(), "no progress line in raw bytes\n" + result);
  }

  @Test
  void progress_barAskedForWithoutATerminal_drawsOnStderrAndLeavesStdoutClean() {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 2, 40, 0);

    PcopyResult result = Pcopy.args("--progress=bar", src.toString(),
        tmp.resolve("dst").toString()).workerDelay(5).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertFalse(result.stdout().contains("\r") || result.stdout().contains("\u001b"),
        "bar drawn into stdout\n" + result);
    assertEquals(1, result.stdoutLines().size(), result.toString());
    assertTrue(result.stdoutLines().get(0).startsWith("pcopy: copied 80 files"), result.toString());
    assertTrue(result.stderr().contains("\r"), "no bar on stderr\n" + result);
  }

  /** A terminal in the C locale shows no UTF-8: the launcher tells the bar to keep to ASCII. */
  @Test
  void progress_barInTheCLocale_isDrawnInAscii() {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 2, 40, 0);

    PcopyResult result = Pcopy.args("--progress=bar", src.toString(),
        tmp.resolve("dst").toString()).workerDelay(5).env("LC_ALL", "C").run();

    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(result.stderr().contains("\r"), "no bar on stderr\n" + result);
    assertTrue(result.stderr().contains("100% ["), "no ASCII bar\n" + result);
    assertTrue(result.stderr().chars().allMatch(c -> c < 0x80), "not ASCII\n" + result);
  }

  @Test
  void progress_defaultInterval_isFiveSeconds() {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 2, 40, 0);

    long started = System.nanoTime();
    PcopyResult result = Pcopy.args("--workers", "2", src.toString(), tmp.resolve("dst").toString())
        .workerDelay(25).run();
    double seconds = (System.nanoTime() - started) / 1e9;

    assertEquals(0, result.exitCode(), result.toString());
    assertWholeLinesOnly(result);
    assertTrue(progressLines(result).size() <= Math.floor(seconds / 5),
        "more than one progress line per 5 s in a run of " + seconds + " s\n" + result);
    assertTrue(result.summaryLine().isPresent(), result.toString());
  }

  @Test
  void progress_throughPipes_likeTee_hasNoCarriageReturns() {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 4, 40, 0);

    PcopyResult result = Pcopy.shell("\"$PCOPY\" --workers 2 --progress-interval 0.2 src dst 2>&1 | cat")
        .workerDelay(20).in(tmp).run();

    // The exit code is cat's; the summary line shows that the copy finished.
    assertWholeLinesOnly(result);
    long progress = result.stdoutLines().stream().filter(l -> PROGRESS.matcher(l).matches())
        .count();
    assertTrue(progress >= 3, "too few progress lines\n" + result);
    assertTrue(result.stdout().contains("pcopy: copied 160 files"), result.toString());
  }

  @Test
  void warningsAndErrors_toFiles_areWholeLines() throws IOException {
    Path src = TestTrees.at(tmp.resolve("src"), 1).file("ok", 10, 0644).finish();
    Shell.run(src, "printf data > 'blocked\nwith newline'");
    Path dst = TestTrees.at(tmp.resolve("dst"), 2).finish();
    Shell.run(dst, "mkdir 'blocked\nwith newline' && touch 'blocked\nwith newline/keep'");

    // The warning: more workers than 4 a processor (each is a JVM); the error: a directory in
    // the way of a file whose name holds a newline.
    PcopyResult result = Pcopy.args("--progress-interval", "0.2", "--workers", "256",
        src.toString(), dst.toString()).run();

    assertEquals(1, result.exitCode(), result.toString());
    assertWholeLinesOnly(result);
    // One line each for the warning and the error: a newline in a name must not split a line.
    List<String> messages = result.stderrLines().stream()
        .filter(l -> !PROGRESS.matcher(l).matches()).collect(Collectors.toList());
    assertEquals(2, messages.size(), result.toString());
    assertTrue(messages.stream().allMatch(l -> l.startsWith("pcopy: ")), result.toString());
    assertTrue(Files.isRegularFile(dst.resolve("ok")));
  }

  @Test
  void manyMoreWorkersThanProcessors_warnsOnceThatEachIsAJvm_butNotUnderQuiet() {
    int processors = Runtime.getRuntime().availableProcessors();
    int workers = 4 * processors + 1;
    assumeTrue(workers <= 256, "this machine allows no count above 4 per processor");
    Path src = TestTrees.at(tmp.resolve("src"), 1).file("a", 10, 0644).finish();

    PcopyResult result = Pcopy.args("-w", String.valueOf(workers), src.toString(),
        tmp.resolve("dst").toString()).run();
    PcopyResult quiet = Pcopy.args("-q", "-w", String.valueOf(workers), src.toString(),
        tmp.resolve("dst-quiet").toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(List.of("pcopy: warning: --workers " + workers + " is more than 4 times the"
        + " number of processors (" + processors + "); each worker is a separate JVM process"),
        result.stderrLines(), result.toString());
    assertEquals(0, quiet.exitCode(), quiet.toString());
    assertEquals("", quiet.stderr(), quiet.toString());
  }

  private static List<String> progressLines(PcopyResult result) {
    return result.stderrLines().stream().filter(l -> PROGRESS.matcher(l).matches())
        .collect(Collectors.toList());
  }

  private static void assertWholeLinesOnly(PcopyResult result) {
    for (String text : List.of(result.stdout(), result.stderr())) {
      assertFalse(text.contains("\r"), "carriage return in output\n" + result);
      assertFalse(text.contains("\u001b"), "escape sequence in output\n" + result);
      assertTrue(text.isEmpty() || text.endsWith("\n"), "unfinished last line\n" + result);
    }
    ExitCodesIT.assertNoStackTrace(result);
  }
}
