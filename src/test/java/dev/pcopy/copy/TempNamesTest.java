package dev.pcopy.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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
}
