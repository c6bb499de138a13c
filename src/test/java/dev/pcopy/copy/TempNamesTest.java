package dev.pcopy.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

class TempNamesTest {

  @Test
  void of_isBesideTheTargetAndStartsWithThePrefix() {
    Path temp = TempNames.of(Path.of("/dst/dir/report.pdf"), "abc", 42);

    assertEquals(Path.of("/dst/dir"), temp.getParent());
    assertTrue(temp.getFileName().toString().startsWith(TempNames.PREFIX));
  }

  @Test
  void of_doesNotGrowWithTheTargetName() {
    Path temp = TempNames.of(Path.of("/dst/" + "n".repeat(255)), "abc", 42);

    assertFalse(temp.getFileName().toString().contains("nnn"));
    assertTrue(temp.getFileName().toString().length() < 40);
  }

  @Test
  void of_differsByRunAndBySequenceNumber() {
    Path target = Path.of("/dst/x");

    assertNotEquals(TempNames.of(target, "run1", 1), TempNames.of(target, "run1", 2));
    assertNotEquals(TempNames.of(target, "run1", 1), TempNames.of(target, "run2", 1));
  }

  @Test
  void ownerPid_readsTheCoordinatorPidOfARunId() {
    String name = TempNames.of(Path.of("/d/x"), TempNames.runId(12345, 99), 7)
        .getFileName().toString();

    assertEquals(12345, TempNames.ownerPid(name));
    assertEquals(-1, TempNames.ownerPid("report.tmp"));
    assertEquals(-1, TempNames.ownerPid(".pcopy-nounderscore-1.tmp"));
  }

  @Test
  void sweep_removesLeftoversOfDeadRunsOnly(@TempDir Path dir) throws IOException {
    Path dead = Files.createFile(TempNames.of(dir.resolve("a"), TempNames.runId(DEAD_PID, 1), 1));
    long livePid = ProcessHandle.current().parent().orElseThrow().pid();
    Path live = Files.createFile(TempNames.of(dir.resolve("b"), TempNames.runId(livePid, 2), 2));
    Path mine = Files.createFile(TempNames.of(dir.resolve("c"),
        TempNames.runId(ProcessHandle.current().pid(), 3), 3));
    Path other = Files.createFile(dir.resolve(".pcopy-notes.txt"));

    List<Path> removed = TempNames.sweep(dir);

    assertEquals(List.of(dead), removed);
    assertFalse(Files.exists(dead));
    assertTrue(Files.exists(live));
    assertTrue(Files.exists(mine));
    assertTrue(Files.exists(other));
  }

  /** Above the kernel's largest pid (pid_max is at most 2^22), so never alive. */
  private static final long DEAD_PID = 1L << 23;
}
