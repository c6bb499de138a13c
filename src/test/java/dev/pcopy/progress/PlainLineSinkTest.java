package dev.pcopy.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.ManualClock;
import dev.pcopy.testing.Snapshots;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlainLineSinkTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final ManualClock clock = new ManualClock();

  @Test
  void update_printsAtMostOneLinePerInterval() {
    PlainLineSink sink = new PlainLineSink(err, clock, Duration.ofSeconds(5), Units.IEC);

    sink.update(snapshot(1));
    clock.advance(Duration.ofMillis(4999));
    sink.update(snapshot(2));
    assertEquals(List.of(), lines());

    clock.advance(Duration.ofMillis(1));
    sink.update(snapshot(3));
    sink.update(snapshot(4));
    clock.advance(Duration.ofSeconds(4));
    sink.update(snapshot(5));
    assertEquals(1, lines().size());
    assertTrue(lines().get(0).startsWith("pcopy: 3/10 entries"), lines().get(0));

    clock.advance(Duration.ofSeconds(1));
    sink.update(snapshot(6));
    assertEquals(2, lines().size());
    assertTrue(lines().get(1).startsWith("pcopy: 6/10 entries"), lines().get(1));
  }

  @Test
  void update_afterALongPauseStartsANewIntervalFromNow() {
    PlainLineSink sink = new PlainLineSink(err, clock, Duration.ofSeconds(5), Units.IEC);

    clock.advance(Duration.ofSeconds(60));
    sink.update(snapshot(1));
    clock.advance(Duration.ofSeconds(1));
    sink.update(snapshot(2));

    assertEquals(1, lines().size(), "missed intervals must not be printed in a burst");
  }

  @Test
  void update_withZeroIntervalPrintsNothing() {
    PlainLineSink sink = new PlainLineSink(err, clock, Duration.ZERO, Units.IEC);

    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(10));
      sink.update(snapshot(i));
    }

    assertEquals("", text());
  }

  @Test
  void message_printsTheLineAtOnce() {
    PlainLineSink sink = new PlainLineSink(err, clock, Duration.ofSeconds(5), Units.IEC);

    sink.message("pcopy: error: src/x: Permission denied");

    assertEquals(List.of("pcopy: error: src/x: Permission denied"), lines());
  }

  @Test
  void neverWritesCarriageReturnsOrEscapeSequences() {
    PlainLineSink sink = new PlainLineSink(err, clock, Duration.ofSeconds(1), Units.IEC);
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofSeconds(1));
      sink.update(snapshot(i));
      sink.message("pcopy: warning: " + i);
    }
    sink.close();

    assertEquals(20, lines().size());
    assertFalse(text().contains("\r"));
    assertFalse(text().contains("\u001b"));
  }

  private static Snapshot snapshot(int done) {
    return Snapshots.of(done, 10, done * 100L, 1000, true, 0, Duration.ofSeconds(1), done * 100L,
        Eta.UNKNOWN);
  }

  private String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private List<String> lines() {
    String text = text();
    return text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }
}
