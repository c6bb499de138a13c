package dev.pcopy;

import static dev.pcopy.testing.TreeAssert.assertNoTempFiles;
import static dev.pcopy.testing.TreeAssert.assertSameTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pcopy.testing.NetnsHosts;
import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.RunningPcopy;
import dev.pcopy.testing.TestTrees;
import dev.pcopy.testing.TreeAssert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copies with workers on three hosts: network namespaces made here, each with its own sshd,
 * sharing this machine's file system as cluster nodes share SRC and DST. A host that crashes
 * mid-run, one whose network goes silent, and one that sees another DST: each run still ends
 * with exit 0 and a complete copy, made by the other hosts.
 */
@Timeout(300)
class MultiHostIT {
  private static final Duration RUN_LIMIT = Duration.ofSeconds(180);

  @TempDir
  Path tmp;
  private NetnsHosts hosts;

  @BeforeEach
  void makeHosts() throws IOException {
    NetnsHosts.unavailable().ifPresent(why -> Assumptions.abort(why));
    hosts = NetnsHosts.create(Files.createDirectories(tmp.resolve("hosts")), 3);
  }

  @AfterEach
  void removeHosts() {
    if (hosts != null) {
      hosts.close();
    }
  }

  @Test
  void copy_onThreeHosts_isCompleteAndEveryHostWorked() {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 6, 30, 1 << 20);
    Path dst = tmp.resolve("dst");
    hosts.workerOptions("-Dpcopy.test.workerDelay=20");

    PcopyResult result = pcopy(src, dst).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertSameTree(src, dst);
    assertNoTempFiles(dst);
    for (int i = 1; i <= 3; i++) {
      String prefix = "pcopy: host " + hosts.name(i) + ": ";
      String line = result.stdoutLines().stream().filter(l -> l.startsWith(prefix)).findFirst()
          .orElseThrow(() -> new AssertionError("no line for host\n" + result));
      assertTrue(!line.startsWith(prefix + "0 entries"), line);
    }
  }

  @Test
  void hostCrash_midRun_otherHostsFinishTheCopy() {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 6, 40, 1 << 20);
    Path dst = tmp.resolve("dst");
    hosts.workerOptions("-Dpcopy.test.workerDelay=60");

    try (RunningPcopy run = pcopy(src, dst).start()) {
      run.awaitUntil("workers on host 2", Duration.ofSeconds(60),
          () -> hosts.javaProcesses(2) >= 2);
      hosts.crash(2);
      assertTrue(run.isAlive(), "the run ended before the host crashed");
      PcopyResult result = run.awaitExit(RUN_LIMIT);

      assertEquals(0, result.exitCode(), result.toString());
      assertSameTree(src, dst);
      assertNoTempFiles(dst);
      assertTrue(result.stderr().contains("host " + hosts.name(2) + " lost ("), result
          .toString());
      // Its sshd died with it, so connecting again fails: not used again.
      assertTrue(result.stdout().contains("pcopy: host " + hosts.name(2) + ": "), result
          .toString());
      assertTrue(lineOf(result, 2).endsWith("lost 2 times, not used again"), result
          .toString());
    }
  }

  @Test
  void hostSilent_midRun_isGivenUpAndFencesItself() {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 6, 40, 1 << 20);
    Path dst = tmp.resolve("dst");
    hosts.workerOptions("-Dpcopy.test.workerDelay=60");

    try (RunningPcopy run = pcopy(src, dst, "--host-timeout", "6").start()) {
      run.awaitUntil("workers on host 2", Duration.ofSeconds(60),
          () -> hosts.javaProcesses(2) >= 2);
      hosts.cut(2);
      PcopyResult result = run.awaitExit(RUN_LIMIT);

      assertEquals(0, result.exitCode(), result.toString());
      assertSameTree(src, dst);
      assertNoTempFiles(dst);
      assertTrue(result.stderr().contains("host " + hosts.name(2) + " lost (it sent nothing"
          + " for "), result.toString());
      // The agent stopped its workers and itself without a word from the coordinator.
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (hosts.javaProcesses(2) > 0 && System.nanoTime() < deadline) {
        sleep(100);
      }
      assertEquals(0, hosts.javaProcesses(2), "host 2's agent or workers still run");
    }
  }

  @Test
  void interrupt_midRun_exits130_andEveryHostStopsAndCleansUp() {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 6, 40, 8 << 20);
    Path dst = tmp.resolve("dst");
    hosts.workerOptions("-Dpcopy.test.workerDelay=60");

    try (RunningPcopy run = pcopy(src, dst).inOwnSession().start()) {
      run.awaitUntil("workers on every host", Duration.ofSeconds(60),
          () -> hosts.javaProcesses(1) >= 2 && hosts.javaProcesses(2) >= 2
              && hosts.javaProcesses(3) >= 2);
      run.assertHandlesInterrupts();
      // As Ctrl-C on a terminal: the ssh clients get it too, and their sessions end.
      run.signalGroup("INT");
      PcopyResult result = run.awaitExit(RUN_LIMIT);

      assertEquals(130, result.exitCode(), result.toString());
      // The agents fence themselves: their workers stop and remove their temporary files.
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline && (hosts.javaProcesses(1) + hosts.javaProcesses(2)
          + hosts.javaProcesses(3) > 0 || !TreeAssert.temporaryFiles(dst).isEmpty())) {
        sleep(100);
      }
      assertEquals(0, hosts.javaProcesses(1) + hosts.javaProcesses(2)
          + hosts.javaProcesses(3), "agents or workers still run");
      assertNoTempFiles(dst);
    }
  }

  @Test
  void hostSeeingAnotherDst_isDropped_andTheOthersCopy() {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 3, 20, 0);
    Path dst = tmp.resolve("dst");
    hosts.tmpfsOver(3, dst);

    PcopyResult result = pcopy(src, dst).run();

    assertEquals(0, result.exitCode(), result.toString());
    assertSameTree(src, dst);
    assertTrue(result.stderr().contains("pcopy: warning: host " + hosts.name(3)
        + " is not used: DST " + dst + " is another file system here"), result.toString());
    assertTrue(lineOf(result, 3).contains("not used: DST"), result.toString());
  }

  @Test
  void json_tellsWhatEachHostDid_beforeTheSummary() throws IOException {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 3, 20, 0);
    Path dst = tmp.resolve("dst");
    hosts.tmpfsOver(3, dst);

    PcopyResult result = pcopy(src, dst, "--json").run();

    assertEquals(0, result.exitCode(), result.toString());
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> hostEvents = new ArrayList<>();
    for (String line : result.stdoutLines()) {
      JsonNode event = json.readTree(line);
      if (event.get("type").asText().equals("host")) {
        hostEvents.add(event);
      }
    }
    assertEquals(3, hostEvents.size(), result.toString());
    long entries = 0;
    for (int i = 0; i < 2; i++) {
      assertEquals(hosts.name(i + 1), hostEvents.get(i).get("host").asText());
      assertTrue(hostEvents.get(i).get("not_used").isNull(), result.toString());
      entries += hostEvents.get(i).get("entries").asLong();
    }
    assertEquals(60, entries, result.toString());
    assertTrue(hostEvents.get(2).get("not_used").asText().startsWith("DST "), result.toString());
    assertTrue(result.stderr().contains("pcopy: host " + hosts.name(1) + ": "), result.toString());
  }

  @Test
  void hostSeeingAnotherDst_withRequireAllHosts_copiesNothing() throws IOException {
    Path src = TestTrees.smallFiles(tmp.resolve("src"), 3, 20, 0);
    Path dst = tmp.resolve("dst");
    hosts.tmpfsOver(3, dst);

    PcopyResult result = pcopy(src, dst, "--require-all-hosts").run();

    assertEquals(1, result.exitCode(), result.toString());
    assertTrue(result.stderr().contains("--require-all-hosts: nothing was copied, since host "
        + hosts.name(3) + ": DST"), result.toString());
    try (Stream<Path> entries = Files.list(dst)) {
      assertEquals(List.of(), entries.toList());
    }
  }

  private Pcopy pcopy(Path src, Path dst, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("--hosts", hosts.names(),
        "--workers", "2", "--launcher", hosts.launcherTemplate(), "--progress", "plain"));
    args.addAll(List.of(more));
    args.add(src.toString());
    args.add(dst.toString());
    return Pcopy.args(args.toArray(new String[0])).timeout(RUN_LIMIT);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private String lineOf(PcopyResult result, int host) {
    String prefix = "pcopy: host " + hosts.name(host) + ": ";
    return result.stdoutLines().stream().filter(l -> l.startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no summary line for host " + host + "\n"
            + result));
  }
}
