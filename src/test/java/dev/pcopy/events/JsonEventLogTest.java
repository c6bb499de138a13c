package dev.pcopy.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pcopy.fs.Stat;
import dev.pcopy.fs.Timestamp;
import dev.pcopy.plan.Action;
import dev.pcopy.plan.DirectoryFixes;
import dev.pcopy.plan.Meta;
import dev.pcopy.progress.Eta;
import dev.pcopy.progress.Snapshot;
import dev.pcopy.progress.Summary;
import dev.pcopy.testing.ManualClock;
import dev.pcopy.testing.Snapshots;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonEventLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Meta META = new Meta(0640, 1000, 100, new Timestamp(1, 0),
      new Timestamp(2, 0));

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final ManualClock clock = new ManualClock();

  private JsonEventLog log(boolean entries) {
    return new JsonEventLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), entries, clock,
        Duration.ofSeconds(5));
  }

  private List<JsonNode> lines() throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isEmpty()) {
        nodes.add(JSON.readTree(line));
      }
    }
    return nodes;
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void entry_tellsEachKindOfAction_withItsPathBelowTheRoots() throws Exception {
    JsonEventLog log = log(true);
    log.entry(new Action.MakeDirectory(b("a"), b("sub")));
    log.entry(new Action.WriteFile(b("a"), b("f"), b("f"), 1, 42, META, false));
    log.entry(new Action.WriteLink(b(""), b("l"), 2, b("../x"), META, false));
    log.entry(new Action.HardLink(b("a"), b("h"), 3, Stat.Kind.FILE, b("b"), b("f")));
    log.entry(new Action.WriteSpecial(b(""), b("p"), 4, Stat.Kind.FIFO, 0, META, false));
    log.entry(new Action.WriteSpecial(b(""), b("d"), 5, Stat.Kind.CHAR_DEVICE, 259, META,
        false));
    log.entry(new Action.FixMetadata(b(""), b("m"), b("m"), 6, Stat.Kind.FILE, 0600, 7, 8, null,
        null, 1, 1, 0, false));
    log.entry(new Action.Skip(b(""), b("s"), 9));
    log.entry(new Action.Delete(b("old"), b("gone"), Stat.Kind.DIRECTORY, 1, 2, 3));
    log.entry(new Action.RemoveLeftover(b(""), b(".pcopy-x.tmp")));

    List<JsonNode> lines = lines();
    assertEquals(List.of("mkdir", "copy", "link", "hardlink", "mkfifo", "mknod", "fix", "skip",
        "delete", "remove"), lines.stream().map(n -> n.get("action").asText()).toList());
    assertTrue(lines.stream().allMatch(n -> n.get("type").asText().equals("entry")));
    assertEquals("a/sub", lines.get(0).get("path").asText());
    assertEquals(42, lines.get(1).get("bytes").asLong());
    assertEquals("../x", lines.get(2).get("link_text").asText());
    assertEquals("b/f", lines.get(3).get("to").asText());
    assertEquals(259, lines.get(5).get("rdev").asLong());
    assertEquals("0600", lines.get(6).get("mode").asText());
    assertEquals(7, lines.get(6).get("uid").asInt());
    assertEquals("old/gone", lines.get(8).get("path").asText());
    assertEquals("directory", lines.get(8).get("kind").asText());
  }

  @Test
  void entry_ofAnExistingDirectoryFixed_saysWhatIsFixed_andNothingForOneThatHadAll()
      throws Exception {
    JsonEventLog log = log(true);
    log.entry(new Action.FinishDirectory(b("a"), b("d"), META, List.of(),
        true, new DirectoryFixes(false, true, true, true, true), 1));
    log.entry(new Action.FinishDirectory(b("a"), b("e"), META, List.of(), true, DirectoryFixes.NONE,
        1));

    List<JsonNode> lines = lines();
    assertEquals(1, lines.size());
    assertEquals("fix", lines.get(0).get("action").asText());
    assertEquals("a/d", lines.get(0).get("path").asText());
    assertEquals("0640", lines.get(0).get("mode").asText());
    assertFalse(lines.get(0).has("uid"));
    assertTrue(lines.get(0).get("acls").asBoolean());
    assertTrue(lines.get(0).get("xattrs").asBoolean());
    assertTrue(lines.get(0).get("times").asBoolean());
  }

  @Test
  void entry_withoutVerbose_saysNothing_butFailuresAndWarningsAlwaysShow() throws Exception {
    JsonEventLog log = log(false);
    log.entry(new Action.WriteFile(b(""), b("f"), b("f"), 1, 42, META, false));
    log.failed(true, b("d/f"), "No space left on device");
    log.warned(null, "worker 1 died");

    List<JsonNode> lines = lines();
    assertEquals(2, lines.size());
    assertEquals("error", lines.get(0).get("type").asText());
    assertEquals("destination", lines.get(0).get("side").asText());
    assertEquals("d/f", lines.get(0).get("path").asText());
    assertEquals("warning", lines.get(1).get("type").asText());
    assertFalse(lines.get(1).has("path"));
  }

  @Test
  void progress_isToldAtMostOncePerInterval() throws Exception {
    JsonEventLog log = log(false);
    log.started(new EventLog.Start("1.0", List.of(b("a"), b("b")), b("a"), b("b"), 2, false));
    Snapshot s = Snapshots.of(1, 4, 10, 40, true, 0, Duration.ofSeconds(1), 10, Eta.known(3));
    log.progress(s);
    clock.advance(Duration.ofSeconds(5));
    log.progress(s);
    log.progress(s);
    clock.advance(Duration.ofSeconds(4));
    log.progress(s);
    clock.advance(Duration.ofSeconds(1));
    log.progress(s);

    List<JsonNode> lines = lines();
    assertEquals(List.of("start", "progress", "progress"),
        lines.stream().map(n -> n.get("type").asText()).toList());
    assertEquals(40, lines.get(1).get("bytes_total").asLong());
    assertEquals(3.0, lines.get(1).get("eta_seconds").asDouble(), 1e-9);
    assertEquals("known", lines.get(1).get("eta_state").asText());
    assertEquals(JsonEventLog.SCHEMA, lines.get(0).get("version").asInt());
  }

  @Test
  void progress_withoutAnEstimate_saysWhyAndHasNoEta() throws Exception {
    JsonEventLog log = log(false);
    log.progress(Snapshots.of(1, 4, 10, 40, true, 0, Duration.ofSeconds(9), 10,
        Eta.stalled(Duration.ofSeconds(7))));

    JsonNode progress = lines().get(0);
    assertTrue(progress.get("eta_seconds").isNull(), progress.toString());
    assertEquals("stalled", progress.get("eta_state").asText());
    assertEquals(7.0, progress.get("idle_seconds").asDouble(), 1e-9);
  }

  @Test
  void started_keepsArgumentsThatAreNotUtf8_byteForByte() throws Exception {
    byte[] odd = {'s', 'r', (byte) 0xff};
    JsonEventLog log = log(false);
    log.started(new EventLog.Start("1.0", List.of(b("-v"), odd, b("dst")), odd, b("dst"), 2,
        true));

    JsonNode start = lines().get(0);
    assertEquals("sr\\xff", start.get("source").asText());
    assertEquals("c3L/", start.get("source_base64").asText());
    assertEquals("c3L/", start.get("arguments_base64").get(1).asText());
    assertEquals("-v", start.get("arguments").get(0).asText());
    assertFalse(start.has("destination_base64"));
  }

  @Test
  void hosts_tellsEachHostsCounts_andWhyOneWasNotUsed() throws Exception {
    JsonEventLog log = log(false);
    log.hosts(List.of(new EventLog.Host("n1", 40, 1, 4096, 2, true, null),
        new EventLog.Host("n2", 0, 0, 0, 0, false, "DST is another file system here")));

    List<JsonNode> lines = lines();
    assertEquals("host", lines.get(0).get("type").asText());
    assertEquals("n1", lines.get(0).get("host").asText());
    assertEquals(40, lines.get(0).get("entries").asLong());
    assertEquals(2, lines.get(0).get("losses").asInt());
    assertTrue(lines.get(0).get("retired").asBoolean());
    assertTrue(lines.get(0).get("not_used").isNull());
    assertEquals("DST is another file system here", lines.get(1).get("not_used").asText());
  }

  @Test
  void finished_carriesTheCountsAndTheExitCode_orOnlyTheCodeWhenNothingRan() throws Exception {
    JsonEventLog log = log(false);
    log.finished(new Summary(3, 1, 0, 2, 0, 0, 6, 4, 5, 1, 0, 3000, Duration.ofSeconds(2),
        List.of("x: bad"), Summary.Ending.INTERRUPTED), 130);
    log.finished(null, 2);

    List<JsonNode> lines = lines();
    assertEquals(130, lines.get(0).get("exit_code").asInt());
    assertEquals("interrupted", lines.get(0).get("ending").asText());
    assertEquals(3, lines.get(0).get("files_copied").asLong());
    assertEquals(6, lines.get(0).get("xattrs_fixed").asLong());
    assertEquals(1500.0, lines.get(0).get("rate_bytes_per_second").asDouble(), 1e-9);
    assertEquals(2, lines.get(1).get("exit_code").asInt());
    assertFalse(lines.get(1).has("files_copied"));
  }
}
