package dev.pcopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The date the package's files carry, taken from the build's output timestamp. */
class DistFilesTest {
  @Test
  void date_ofAnIsoTimestamp_isItsDayInUtc() {
    assertEquals("2026-11-24", DistFiles.date("2026-11-24T00:00:00Z"));
    assertEquals("2026-11-25", DistFiles.date("2026-11-24T23:30:00-02:00"));
  }

  @Test
  void date_ofSecondsSinceTheEpoch_isTheirDayInUtc() {
    assertEquals("2026-11-24", DistFiles.date("1795478400"));
  }
}
