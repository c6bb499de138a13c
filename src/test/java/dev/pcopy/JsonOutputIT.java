package dev.pcopy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.RunningPcopy;
import dev.pcopy.testing.TestTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --json} on real runs, every line read back by a real JSON parser: stdout holds events
 * only (start first, summary last, with the exit code), the human output goes to stderr, and a
 * name that is not UTF-8 comes back byte for byte.
 */
class JsonOutputIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  /** Parses every stdout line; fails on anything that is not one JSON object. */
  private static List<JsonNode> events(PcopyResult result) {
    List<JsonNode> events = new ArrayList<>();
    for (String line : result.stdoutLines()) {
      try {
        JsonNode node = JSON.readTree(line);
        assertTrue(node.isObject() && node.hasNonNull("type"), "not an event: " + line);
        events.add(node);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + line + "\n" + result, e);
      }
    }
    assertFalse(events.isEmpty(), result.toString());
    assertEquals("start", events.get(0).get("type").asText(), result.toString());
    assertEquals("summary", events.get(events.size() - 1).get("type").asText(),
        result.toString());
    assertEquals(result.exitCode(), events.get(events.size() - 1).get("exit_code").asInt());
    return events;
  }

  private static List<JsonNode> ofType(List<JsonNode> events, String type) {
    return events.stream().filter(e -> e.get("type").asText().equals(type)).toList();
  }

  private static byte[] pathBytes(JsonNode event) {
    return event.has("path_base64") ? Base64.getDecoder().decode(event.get("path_base64")
        .asText()) : event.get("path").asText().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void verboseCopy_tellsEveryEntry_withOddNamesExact_andASummaryThatAddsUp() {
    PcopyResult result = Pcopy.shell("mkdir -p src/sub && echo one > src/sub/a"
        + " && printf 22 > \"src/$(printf 'bad\\377name')\" && printf 'x' > \"src/$(printf"
        + " 'new\\nline')\" && ln -s sub/a src/link"
        + " && \"$PCOPY\" --json -v src dst").in(tmp).run();

    assertEquals(0, result.exitCode(), result.toString());
    List<JsonNode> events = events(result);
    List<JsonNode> entries = ofType(events, "entry");
    Set<String> seen = new TreeSet<>();
    for (JsonNode e : entries) {
      seen.add(e.get("action").asText() + " " + new String(pathBytes(e),
          StandardCharsets.ISO_8859_1));
    }
    assertEquals(Set.of("mkdir sub", "copy sub/a", "copy bad\u00ffname", "copy new\nline",
        "link link"), seen);
    JsonNode bad = entries.stream().filter(e -> e.has("path_base64")).findFirst().orElseThrow();
    assertArrayEquals(new byte[] {'b', 'a', 'd', (byte) 0xff, 'n', 'a', 'm', 'e'},
        pathBytes(bad));
    JsonNode start = events.get(0);
    assertEquals(1, start.get("version").asInt());
    assertTrue(start.get("arguments").isArray());
    JsonNode summary = events.get(events.size() - 1);
    assertEquals("complete", summary.get("ending").asText());
    assertEquals(3, summary.get("files_copied").asLong());
    assertEquals(1, summary.get("links_copied").asLong());
    assertEquals(7, summary.get("bytes_written").asLong());
    assertTrue(result.stderr().contains("pcopy: copied 3 files"), result.toString());
  }

  @Test
  void withoutVerbose_aRerunTellsNoEntries_onlyStartAndSummary() throws IOException {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 2, 3, 100);
    Pcopy.args(src.toString(), tmp.resolve("dst").toString()).run();

    PcopyResult result = Pcopy.args("--json", src.toString(), tmp.resolve("dst").toString())
        .run();

    List<JsonNode> events = events(result);
    assertEquals(List.of("start", "summary"), events.stream().map(e -> e.get("type").asText())
        .toList(), result.toString());
    assertEquals(0, events.get(1).get("files_copied").asLong());
    assertTrue(events.get(1).get("unchanged").asLong() >= TestTrees.countFiles(src));
  }

  @Test
  void aFailure_isAnErrorEventWithItsSide_andTheSummarySaysExit1() throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Files.writeString(src.resolve("ok"), "fine");
    Files.writeString(src.resolve("clash"), "a file here");
    Files.createDirectories(tmp.resolve("dst/clash/inside"));

    PcopyResult result = Pcopy.args("--json", src.toString(), tmp.resolve("dst").toString())
        .run();

    assertEquals(1, result.exitCode(), result.toString());
    List<JsonNode> events = events(result);
    List<JsonNode> errors = ofType(events, "error");
    assertEquals(1, errors.size(), result.toString());
    assertEquals("clash", errors.get(0).get("path").asText());
    assertEquals("destination", errors.get(0).get("side").asText());
    assertEquals(1, events.get(events.size() - 1).get("failed").asLong());
  }

  @Test
  void dryRun_tellsEveryEntryItWouldCarryOut_andWritesNothing() throws IOException {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 2, 4, 10);
    Path dst = tmp.resolve("dst");

    PcopyResult result = Pcopy.args("--json", "-n", src.toString(), dst.toString()).run();

    assertEquals(0, result.exitCode(), result.toString());
    List<JsonNode> events = events(result);
    assertTrue(events.get(0).get("dry_run").asBoolean());
    long copies = ofType(events, "entry").stream()
        .filter(e -> e.get("action").asText().equals("copy")).count();
    assertEquals(TestTrees.countFiles(src), copies);
    assertEquals("dry_run", events.get(events.size() - 1).get("ending").asText());
    assertFalse(Files.exists(dst));
  }

  @Test
  void anInterruptedRun_endsWithASummaryThatSaysSo_andExit130() throws IOException {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 4, 50, 4096);
    Path dst = tmp.resolve("dst");
    PcopyResult result;
    try (RunningPcopy run = Pcopy.args("--json", "--progress-interval", "0.2", "-w", "2",
        src.toString(), dst.toString()).workerDelay(40).start()) {
      run.awaitUntil("some files copied", Duration.ofSeconds(30),
          () -> TestTrees.countFiles(dst) > 5);
      run.assertHandlesInterrupts();
      run.signal("TERM");
      result = run.awaitExit(Duration.ofSeconds(30));
    }

    assertEquals(130, result.exitCode(), result.toString());
    List<JsonNode> events = events(result);
    assertEquals("interrupted", events.get(events.size() - 1).get("ending").asText());
    List<JsonNode> progress = ofType(events, "progress");
    assertFalse(progress.isEmpty(), result.toString());
    JsonNode last = progress.get(progress.size() - 1);
    assertTrue(last.get("bytes_done").asLong() <= last.get("bytes_total").asLong());
  }

  /**
   * A signal at any moment of a run, also as the copy ends, still leaves the stream ending with
   * the summary, whose exit code is the process's; only a signal before the start event ends it
   * at once with nothing printed: 143 in the JVM's first moments, 130 once pcopy handles it.
   */
  @Test
  void aSignalAtAnyMoment_leavesAStreamThatEndsWithTheSummary() throws IOException {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 2, 30, 1000);
    for (int step = 0; step < 8; step++) {
      Path dst = tmp.resolve("dst" + step);
      PcopyResult result;
      try (RunningPcopy run = Pcopy.args("--json", src.toString(), dst.toString()).start()) {
        sleepMillis(150L * step);
        run.signalIfRunning("TERM");
        result = run.awaitExit(Duration.ofSeconds(60));
      }
      if (result.exitCode() == 143 || result.stdout().isEmpty()) {
        // Before the start event: as the JVM ends (143), or by pcopy's early handler (130).
        assertTrue(result.exitCode() == 143 || result.exitCode() == 130, result.toString());
        assertEquals("", result.stdout(), result.toString());
        continue;
      }
      List<JsonNode> events = events(result);
      assertTrue(result.exitCode() == 130 || result.exitCode() == 0, result.toString());
      assertEquals(result.exitCode() == 130 ? "interrupted" : "complete",
          events.get(events.size() - 1).get("ending").asText(), result.toString());
    }
  }

  private static void sleepMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** --delete after a failure deletes nothing, and says so in the stream as on stderr. */
  @Test
  void deleteAfterAFailure_isAWarningEvent() throws IOException {
    Path src = tmp.resolve("src");
    Path dst = tmp.resolve("dst");
    Files.createDirectories(src);
    Files.writeString(src.resolve("x.log"), "file in SRC");
    Files.createDirectories(dst.resolve("x.log"));
    // A directory where SRC has a file, which --delete does not replace: it holds an entry the
    // selection excludes.
    Files.writeString(dst.resolve("x.log/inside"), "excluded");
    Files.writeString(dst.resolve("extra"), "not in SRC");

    PcopyResult result = Pcopy.args("--json", "--delete", "--exclude", "inside", src.toString(),
        dst.toString()).run();

    assertEquals(1, result.exitCode(), result.toString());
    assertTrue(ofType(events(result), "warning").stream().anyMatch(w -> w.get("message")
        .asText().contains("--delete: deleted nothing, since 1 entry failed")),
        result.toString());
    assertTrue(Files.exists(dst.resolve("extra")), result.toString());
  }

  @Test
  void badInput_isAnErrorAndASummaryWithExit2() {
    PcopyResult result = Pcopy.args("--json", tmp.resolve("missing").toString(),
        tmp.resolve("dst").toString()).run();

    assertEquals(2, result.exitCode(), result.toString());
    List<JsonNode> events = events(result);
    assertEquals("source", ofType(events, "error").get(0).get("side").asText());
  }

  /** A DST refused before anything is written is named as the destination's fault. */
  @Test
  void badDestination_isAnErrorOnTheDestinationSide() throws IOException {
    Files.createDirectories(tmp.resolve("src"));
    Files.writeString(tmp.resolve("file"), "not a directory");

    PcopyResult result = Pcopy.args("--json", tmp.resolve("src").toString(),
        tmp.resolve("file").toString()).run();

    assertEquals(2, result.exitCode(), result.toString());
    JsonNode error = ofType(events(result), "error").get(0);
    assertEquals("destination", error.get("side").asText(), result.toString());
    assertTrue(error.get("reason").asText().contains("destination exists and is not a directory"),
        result.toString());
  }
}
