package dev.pcopy.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunIdTest {
  /** Linux's largest possible pid (PID_MAX_LIMIT, 2^22). */
  private static final long LARGEST_PID = 1L << 22;
  private static final long LARGEST_RANDOM = Base36.bound(8) - 1;

  @Test
  void text_hasFixedWidthsOfLowercaseBase36() {
    assertTrue(new RunId(1, "00000", 0).text().matches("00001_00000_00000000_[0-9a-z]{3}"));
    assertTrue(new RunId(LARGEST_PID, "zzzzz", LARGEST_RANDOM).text()
        .matches("2hwcg_zzzzz_zzzzzzzz_[0-9a-z]{3}"));
  }

  @Test
  void parse_readsBackEveryRunIdText() {
    for (RunId id : List.of(new RunId(1, "00000", 0), new RunId(12345, "1kz3m", 99),
        new RunId(LARGEST_PID, "zzzzz", LARGEST_RANDOM))) {
      assertEquals(Optional.of(id), RunId.parse(id.text()), id.text());
    }
  }

  @Test
  void parse_refusesWrongWidths() {
    String text = new RunId(12345, "1kz3m", 99).text();
    String[] parts = text.split("_");
    for (int field = 0; field < parts.length; field++) {
      String[] shorter = parts.clone();
      shorter[field] = parts[field].substring(1);
      String[] longer = parts.clone();
      longer[field] = "0" + parts[field];
      assertEquals(Optional.empty(), RunId.parse(String.join("_", shorter)), "field " + field);
      assertEquals(Optional.empty(), RunId.parse(String.join("_", longer)), "field " + field);
    }
  }

  @Test
  void parse_refusesUpperCaseAndCharactersOutsideBase36() {
    String text = new RunId(12345, "1kz3m", 99).text();

    assertEquals(Optional.empty(), RunId.parse(text.toUpperCase()));
    assertEquals(Optional.empty(), RunId.parse("-" + text.substring(1)));
    assertEquals(Optional.empty(), RunId.parse(text.replace('_', '-')));
  }

  @Test
  void parse_refusesAnyChangeThatTheCheckValueDoesNotMatch() {
    String text = new RunId(12345, "1kz3m", 99).text();
    String checkless = text.substring(0, text.length() - 3);
    // Every other check value, and every one-digit change of the other parts.
    for (long check = 0; check < Base36.bound(3); check++) {
      String candidate = checkless + Base36.encode(check, 3);
      if (!candidate.equals(text)) {
        assertEquals(Optional.empty(), RunId.parse(candidate), candidate);
      }
    }
    for (int i = 0; i < checkless.length(); i++) {
      if (checkless.charAt(i) != '_') {
        char other = checkless.charAt(i) == '0' ? '1' : '0';
        String changed = text.substring(0, i) + other + text.substring(i + 1);
        assertEquals(Optional.empty(), RunId.parse(changed), changed);
      }
    }
  }

  @Test
  void constructor_refusesPartsThatDoNotFitTheirWidths() {
    assertThrows(IllegalArgumentException.class, () -> new RunId(-1, "1kz3m", 0));
    assertThrows(IllegalArgumentException.class, () -> new RunId(Base36.bound(5), "1kz3m", 0));
    assertThrows(IllegalArgumentException.class, () -> new RunId(1, "1KZ3M", 0));
    assertThrows(IllegalArgumentException.class, () -> new RunId(1, "1kz3", 0));
    assertThrows(IllegalArgumentException.class, () -> new RunId(1, "1kz3mm", 0));
    assertThrows(IllegalArgumentException.class, () -> new RunId(1, "1kz3m", -1));
    assertThrows(IllegalArgumentException.class,
        () -> new RunId(1, "1kz3m", LARGEST_RANDOM + 1));
  }

  @Test
  void forThisProcess_carriesThisPidAndHostTagAndARandomPart() {
    RunId first = RunId.forThisProcess();

    assertEquals(ProcessHandle.current().pid(), first.pid());
    assertEquals(HostTag.current(), first.host());
    assertNotEquals(first, RunId.forThisProcess(), "two runs of one process got one id");
  }
}
