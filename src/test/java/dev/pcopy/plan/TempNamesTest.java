package dev.pcopy.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TempNamesTest {
  private static final RunId RUN = new RunId(12345, "1kz3m", 99);

  @Test
  void of_startsWithThePrefix() {
    assertTrue(text(TempNames.of("abc", 42)).startsWith(TempNames.PREFIX));
  }

  @Test
  void of_staysShortForTheLargestSequenceNumber() {
    assertEquals(55, TempNames.of(RUN.text(), Long.MAX_VALUE).length);
  }

  @Test
  void of_differsByRunAndBySequenceNumber() {
    assertNotEquals(text(TempNames.of("run1", 1)), text(TempNames.of("run1", 2)));
    assertNotEquals(text(TempNames.of("run1", 1)), text(TempNames.of("run2", 1)));
  }

  @Test
  void runOf_readsTheBytesOfEveryNameItMakes_andRefusesNonAsciiNames() {
    assertEquals(Optional.of(RUN), TempNames.runOf(TempNames.of(RUN.text(), 7)));
    byte[] odd = TempNames.of(RUN.text(), 7);
    odd[odd.length - 5] = (byte) 0xff;
    assertFalse(TempNames.runOf(odd).isPresent());
  }

  private static String text(byte[] name) {
    return new String(name, java.nio.charset.StandardCharsets.US_ASCII);
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

  // --- a big file's record, beside its temporary copy ---

  @Test
  void record_isTheTemporaryNameWithItsOwnSuffix_andLeadsBackToIt() {
    byte[] record = TempNames.record(RUN.text(), 7);

    assertEquals(TempNames.PREFIX + RUN.text() + "-7.part", text(record));
    assertArrayEquals(TempNames.of(RUN.text(), 7), TempNames.fileOfRecord(record));
  }

  @Test
  void isRecord_tellsARecordFromATemporaryFile_byTheWholeSuffix() {
    assertTrue(TempNames.isRecord(TempNames.record(RUN.text(), 7)));
    assertFalse(TempNames.isRecord(TempNames.of(RUN.text(), 7)));
    for (String name : List.of("part", ".part~", "x.PART", ".par", "")) {
      assertFalse(TempNames.isRecord(name.getBytes(StandardCharsets.US_ASCII)), name);
    }
    assertTrue(TempNames.isRecord(".part".getBytes(StandardCharsets.US_ASCII)),
        "any name ending so is one to look at; runOf judges it");
  }

  @Test
  void runOf_readsTheRunOfARecord_asOfItsTemporaryFile() {
    for (long seq : new long[] {0, 7, Long.MAX_VALUE}) {
      byte[] record = TempNames.record(RUN.text(), seq);
      assertEquals(Optional.of(RUN), TempNames.runOf(record), "seq " + seq);
      assertEquals(Optional.of(RUN), TempNames.runOf(text(record)), "seq " + seq);
    }
  }

  @Test
  void runOf_refusesRecordLikeNamesThatNoRunMakes() {
    String id = RUN.text();
    for (String name : List.of(".pcopy-" + id + "-1.part.tmp", ".pcopy-" + id + "-1.tmp.part",
        ".pcopy-" + id + "-.part", ".pcopy-" + id + "-01.part", ".pcopy-" + id + "-1.PART",
        ".pcopy-notes_1.part", ".pcopy-.part", "x.pcopy-" + id + "-1.part")) {
      assertEquals(Optional.empty(), TempNames.runOf(name), name);
    }
  }

  private static String name(String runId, long seq) {
    return text(TempNames.of(runId, seq));
  }

  private static String name(String runId, String seq) {
    return TempNames.PREFIX + runId + "-" + seq + ".tmp";
  }
}
