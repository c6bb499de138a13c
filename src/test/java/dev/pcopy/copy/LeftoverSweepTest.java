package dev.pcopy.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoverSweepTest {
  /** Above the kernel's largest pid (pid_max is at most 2^22), so never alive. */
  private static final long DEAD_PID = 1L << 23;
  private static final String HOST = "1kz3m";
  private static final String OTHER_HOST = "9q0ab";

  @TempDir
  Path tmp;
  private Path source;
  private Path target;
  private final LeftoverSweep sweep = new LeftoverSweep(HOST, ProcessHandle.current().pid());

  @BeforeEach
  void setUp() throws IOException {
    source = Files.createDirectory(tmp.resolve("src"));
    target = Files.createDirectory(tmp.resolve("dst"));
  }

  @Test
  void sweep_removesTheFilesAndLinksOfADeadRunOnThisHost() throws IOException {
    Path file = Files.writeString(temp(DEAD_PID, HOST, 1), "partial");
    Path link = Files.createSymbolicLink(temp(DEAD_PID, HOST, 2), Path.of("somewhere"));

    LeftoverSweep.Swept swept = sweep.sweep(target, source);

    assertEquals(List.of(file, link), swept.removed().stream().sorted().toList());
    assertFalse(swept.othersRemain());
    assertEquals(List.of(), list(target));
  }

  @Test
  void sweep_leavesAUserFileThatOnlyLooksLikeATemporaryName() throws IOException {
    List<Path> own = Stream.of(".pcopy-cache_v2.tmp", ".pcopy-old_backup.tmp",
        ".pcopy-2ion4_dead-3.tmp", ".pcopy-notes.txt").map(target::resolve).sorted().toList();
    for (Path file : own) {
      Files.writeString(file, "the user's own");
    }

    assertEquals(new LeftoverSweep.Swept(List.of(), false), sweep.sweep(target, source));

    assertEquals(own, list(target));
  }

  @Test
  void sweep_leavesANameWhoseCheckValueIsWrong() throws IOException {
    String name = temp(DEAD_PID, HOST, 1).getFileName().toString();
    int check = name.indexOf('-', TempNames.PREFIX.length()) - 1;
    char wrong = name.charAt(check) == '0' ? '1' : '0';
    Path typed = Files.createFile(
        target.resolve(name.substring(0, check) + wrong + name.substring(check + 1)));

    assertEquals(new LeftoverSweep.Swept(List.of(), false), sweep.sweep(target, source));

    assertEquals(List.of(typed), list(target));
  }

  @Test
  void sweep_leavesALeftoverOfAnotherHost() throws IOException {
    // Its pid is dead here, which says nothing about the host that wrote it.
    Path elsewhere = Files.createFile(temp(DEAD_PID, OTHER_HOST, 1));

    assertEquals(new LeftoverSweep.Swept(List.of(), true), sweep.sweep(target, source));

    assertEquals(List.of(elsewhere), list(target));
  }

  @Test
  void sweep_leavesTheFilesOfALiveRunAndOfThisProcess() throws IOException {
    long livePid = ProcessHandle.current().parent().orElseThrow().pid();
    Path live = Files.createFile(temp(livePid, HOST, 1));
    Path mine = Files.createFile(temp(ProcessHandle.current().pid(), HOST, 2));

    assertEquals(new LeftoverSweep.Swept(List.of(), true), sweep.sweep(target, source));

    assertEquals(List.of(live, mine).stream().sorted().toList(), list(target));
  }

  @Test
  void sweep_leavesANameTheSourceDirectoryHas() throws IOException {
    Path copied = Files.writeString(temp(DEAD_PID, HOST, 1), "copy of a source file");
    Files.writeString(source.resolve(copied.getFileName()), "copy of a source file");
    Path linked = Files.createFile(temp(DEAD_PID, HOST, 2));
    Files.createSymbolicLink(source.resolve(linked.getFileName()), Path.of("dangling"));

    assertEquals(new LeftoverSweep.Swept(List.of(), false), sweep.sweep(target, source));

    assertEquals(List.of(copied, linked).stream().sorted().toList(), list(target));
  }

  @Test
  void sweep_leavesADirectoryWithATemporaryName() throws IOException {
    Path directory = Files.createDirectory(temp(DEAD_PID, HOST, 1));

    assertEquals(new LeftoverSweep.Swept(List.of(), false), sweep.sweep(target, source));

    assertTrue(Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void sweep_saysNoOtherRunsFilesRemain_whenOnlyThisProcessesOwnAreThere() throws IOException {
    Path mine = Files.createFile(temp(ProcessHandle.current().pid(), HOST, 1));

    assertEquals(new LeftoverSweep.Swept(List.of(), false), sweep.sweep(target, source));

    assertEquals(List.of(mine), list(target));
  }

  @Test
  void aTimeWithoutAFraction_mayAlwaysHoldLeftovers_sinceASecondsFileSystemCannotTell() {
    Instant whole = Instant.parse("2021-03-04T05:06:07Z");

    assertTrue(LeftoverSweep.mayHoldLeftovers(whole, whole));
    assertFalse(LeftoverSweep.mayHoldLeftovers(whole.plusNanos(1), whole.plusNanos(1)));
  }

  @Test
  void aDirectoryWithItsSourcesTime_mayHoldLeftoversOnceAFileIsCreatedInIt() throws IOException {
    Instant sourceTime = Instant.parse("2021-03-04T05:06:07.123456789Z");
    Files.setLastModifiedTime(target, FileTime.from(sourceTime));
    Instant finished = Files.getLastModifiedTime(target, LinkOption.NOFOLLOW_LINKS).toInstant();

    Files.writeString(temp(DEAD_PID, HOST, 1), "partial");
    Instant afterCreate = Files.getLastModifiedTime(target, LinkOption.NOFOLLOW_LINKS)
        .toInstant();

    assertFalse(LeftoverSweep.mayHoldLeftovers(finished, sourceTime));
    assertTrue(LeftoverSweep.mayHoldLeftovers(afterCreate, sourceTime));
  }

  private Path temp(long pid, String host, long seq) {
    return TempNames.of(target.resolve("x"), new RunId(pid, host, seq * 1000).text(), seq);
  }

  private static List<Path> list(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.sorted().toList();
    }
  }
}
