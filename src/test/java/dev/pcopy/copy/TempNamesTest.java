package dev.pcopy.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TempNamesTest {
  private static final RunId RUN = new RunId(12345, "1kz3m", 99);

  @Test
  void of_isBesideTheTargetAndStartsWithThePrefix() {
    Path temp = TempNames.of(Path.of("/dst/dir/report.pdf"), "abc", 42);

    assertEquals(Path.of("/dst/dir"), temp.getParent());
    assertTrue(temp.getFileName().toString().startsWith(TempNames.PREFIX));
  }

  @Test
  void of_doesNotGrowWithTheTargetNameAndStaysShortForTheLargestSequenceNumber() {
    Path temp = TempNames.of(Path.of("/dst/" + "n".repeat(255)), RUN.text(), Long.MAX_VALUE);

    assertFalse(temp.getFileName().toString().contains("nnn"));
    assertEquals(55, temp.getFileName().toString().length());
  }

  @Test
  void of_differsByRunAndBySequenceNumber() {
    Path target = Path.of("/dst/x");

    assertNotEquals(TempNames.of(target, "run1", 1), TempNames.of(target, "run1", 2));
    assertNotEquals(TempNames.of(target, "run1", 1), TempNames.of(target, "run2", 1));
  }

  @Test
  void runOf_readsTheRunOfEveryNameItMakes() {
    for (long seq : new long[] {0, 7, 1_000_000, Long.MAX_VALUE}) {
      assertEquals(Optional.of(RUN), TempNames.runOf(name(RUN.text(), seq)), "seq " + seq);
    }
  }

  @Test
  void runOf_refusesUserFilesThatOnlyLookLikeTemporaryNames() {
    for (String name : List.of(".pcopy-cache_v2.tmp", ".pcopy-old_backup.tmp",
        ".pcopy-notes_1.tmp", ".pcopy-notes.txt", ".pcopy-.tmp", ".pcopy-2ion4_dead-3.tmp",
        ".pcopy-2ion4_1bnsq3k-3.tmp")) {
      assertEquals(Optional.empty(), TempNames.runOf(name), name);
    }
  }

  @Test
  void runOf_refusesANameWithAnythingAroundTheRunIdAndSequenceNumber() {
    String id = RUN.text();
    for (String name : List.of("pcopy-" + id + "-1.tmp", ".PCOPY-" + id + "-1.tmp",
        ".pcopy-" + id + "-1.TMP", ".pcopy-" + id + "-1.tmp~", "x.pcopy-" + id + "-1.tmp",
        ".pcopy-" + id + "_1.tmp", ".pcopy-" + id + "-.tmp", ".pcopy-" + id + ".tmp",
        ".pcopy--" + id + "-1.tmp", ".pcopy-" + id + "-1-2.tmp")) {
      assertEquals(Optional.empty(), TempNames.runOf(name), name);
    }
  }

  @Test
  void runOf_refusesSequenceNumbersThatLongToStringDoesNotWrite() {
    for (String seq : List.of("007", "00", "+7", "-7", "7a", "\u0663", "9223372036854775808",
        "12345678901234567890")) {
      assertEquals(Optional.empty(), TempNames.runOf(name(RUN.text(), seq)), seq);
    }
  }

  @Test
  void runOf_refusesARunIdThatRunIdDoesNotParse() {
    String id = RUN.text();

    assertEquals(Optional.empty(), TempNames.runOf(name(id.toUpperCase(), "1")));
    assertEquals(Optional.empty(), TempNames.runOf(name(id.substring(1), "1")));
  }

  private static String name(String runId, long seq) {
    return TempNames.of(Path.of("/d/x"), runId, seq).getFileName().toString();
  }

  private static String name(String runId, String seq) {
    return TempNames.PREFIX + runId + "-" + seq + ".tmp";
  }
}
