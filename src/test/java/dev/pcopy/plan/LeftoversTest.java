package dev.pcopy.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Stat;
import dev.pcopy.fs.Timestamp;
import dev.pcopy.testing.Stats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoversTest {
  private static final long OWN_PID = 4242;
  private static final long DEAD_PID = 1001;
  private static final long LIVE_PID = 1002;
  private static final String HOST = "1kz3m";
  private static final String OTHER_HOST = "9q0ab";

  private final Leftovers judge = new Leftovers(HOST, OWN_PID, pid -> pid == LIVE_PID);

  @TempDir Path tmp;

  @Test
  void judge_findsTheFilesAndLinksOfADeadRunOnThisHost() {
    assertEquals(Leftovers.Verdict.LEFTOVER,
        judge.judge(temp(DEAD_PID, HOST, 1), Stat.Kind.FILE, false));
    assertEquals(Leftovers.Verdict.LEFTOVER,
        judge.judge(temp(DEAD_PID, HOST, 2), Stat.Kind.SYMLINK, false));
  }

  @Test
  void judge_leavesAUserFileThatOnlyLooksLikeATemporaryName() {
    Stream.of(".pcopy-cache_v2.tmp", ".pcopy-old_backup.tmp", ".pcopy-2ion4_dead-3.tmp",
        ".pcopy-notes.txt").forEach(name -> assertEquals(Leftovers.Verdict.NOT_A_LEFTOVER,
            judge.judge(name.getBytes(StandardCharsets.US_ASCII), Stat.Kind.FILE, false), name));
  }

  @Test
  void judge_leavesANameWhoseCheckValueIsWrong() {
    String name = new String(temp(DEAD_PID, HOST, 1), StandardCharsets.US_ASCII);
    int check = name.indexOf('-', TempNames.PREFIX.length()) - 1;
    char wrong = name.charAt(check) == '0' ? '1' : '0';
    byte[] typed = (name.substring(0, check) + wrong + name.substring(check + 1))
        .getBytes(StandardCharsets.US_ASCII);

    assertEquals(Leftovers.Verdict.NOT_A_LEFTOVER, judge.judge(typed, Stat.Kind.FILE, false));
  }

  @Test
  void judge_keepsALeftoverOfAnotherHost_asAnotherRunsFile() {
    // Its pid is dead here, which says nothing about the host that wrote it.
    assertEquals(Leftovers.Verdict.OTHER_RUN,
        judge.judge(temp(DEAD_PID, OTHER_HOST, 1), Stat.Kind.FILE, false));
  }

  @Test
  void judge_keepsTheFilesOfALiveRun_andIgnoresThisProcessesOwn() {
    assertEquals(Leftovers.Verdict.OTHER_RUN,
        judge.judge(temp(LIVE_PID, HOST, 1), Stat.Kind.FILE, false));
    assertEquals(Leftovers.Verdict.NOT_A_LEFTOVER,
        judge.judge(temp(OWN_PID, HOST, 2), Stat.Kind.FILE, false));
  }

  @Test
  void judge_leavesANameTheSourceDirectoryHas() {
    assertEquals(Leftovers.Verdict.NOT_A_LEFTOVER,
        judge.judge(temp(DEAD_PID, HOST, 1), Stat.Kind.FILE, true));
  }

  @Test
  void judge_leavesADirectoryWithATemporaryName() {
    assertEquals(Leftovers.Verdict.NOT_A_LEFTOVER,
        judge.judge(temp(DEAD_PID, HOST, 1), Stat.Kind.DIRECTORY, false));
  }

  @Test
  void judge_findsTheSpecialFilesOfADeadRun_whichPcopyMakesUnderTemporaryNamesToo() {
    for (Stat.Kind kind : List.of(Stat.Kind.FIFO, Stat.Kind.SOCKET, Stat.Kind.CHAR_DEVICE,
        Stat.Kind.BLOCK_DEVICE)) {
      assertEquals(Leftovers.Verdict.LEFTOVER, judge.judge(temp(DEAD_PID, HOST, 1), kind, false),
          kind.toString());
    }
  }

  @Test
  void aTimeWithoutAFraction_mayAlwaysHoldLeftovers_sinceASecondsFileSystemCannotTell() {
    Timestamp whole = new Timestamp(1_614_834_367L, 0);
    Timestamp fraction = new Timestamp(1_614_834_367L, 1);
    Timestamp later = new Timestamp(1_700_000_000L, 5);

    assertTrue(Leftovers.mayHoldLeftovers(dir(whole, later), whole));
    assertFalse(Leftovers.mayHoldLeftovers(dir(fraction, later), fraction));
  }

  /**
   * A directory written in the clock tick its source changed has its source's time to the
   * nanosecond, but then its status changed at that same time: a run that gives a directory its
   * source's time changes its status later.
   */
  @Test
  void aTimeThatIsAlsoTheStatusChangeTime_cameFromAWrite_andMayHoldLeftovers() {
    Timestamp tick = new Timestamp(1_614_834_367L, 120_000_000);

    assertTrue(Leftovers.mayHoldLeftovers(dir(tick, tick), tick));
  }

  @Test
  void aDirectoryWithItsSourcesTime_mayHoldLeftoversOnceAFileIsCreatedInIt() throws IOException {
    Path target = Files.createDirectory(tmp.resolve("dst"));
    Instant sourceTime = Instant.parse("2021-03-04T05:06:07.123456789Z");
    Files.setLastModifiedTime(target, FileTime.from(sourceTime));
    Stat finished = stat(target);

    Files.writeString(target.resolve("partial"), "partial");

    Timestamp source = new Timestamp(sourceTime.getEpochSecond(), sourceTime.getNano());
    assertFalse(Leftovers.mayHoldLeftovers(finished, source));
    assertTrue(Leftovers.mayHoldLeftovers(stat(target), source));
  }

  private static Stat dir(Timestamp mtime, Timestamp ctime) {
    return Stats.directory().mtime(mtime).ctime(ctime).build();
  }

  private static Stat stat(Path p) throws IOException {
    try (DirHandle dir = DirHandle.open(p.getParent().toString()
        .getBytes(StandardCharsets.UTF_8))) {
      return dir.stat(p.getFileName().toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void looksTemporary_isThePrefixTest() {
    assertTrue(Leftovers.looksTemporary(temp(DEAD_PID, HOST, 1)));
    assertFalse(Leftovers.looksTemporary("pcopy-x".getBytes(StandardCharsets.US_ASCII)));
  }


  private static byte[] temp(long pid, String host, long seq) {
    return TempNames.of(new RunId(pid, host, seq * 1000).text(), seq);
  }
}
