package dev.pcopy.progress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;

/** The bar drawn on a JLine terminal whose output is captured. */
class TerminalBarSinkTest {
  private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

  private Terminal terminal() throws IOException {
    return TerminalBuilder.builder()
        .streams(new ByteArrayInputStream(new byte[0]), screen)
        .type("xterm")
        .size(new org.jline.terminal.Size(120, 30))
        .system(false)
        .build();
  }

  private String shown() {
    return screen.toString(StandardCharsets.UTF_8);
  }

  @Test
  void smallCopy_isCountedInKibibytes() throws IOException {
    TerminalBarSink sink = new TerminalBarSink(terminal(), true);

    sink.update(new Snapshot(10, 10, 40_960, 40_960, true, 0, Duration.ofMillis(300), 40_960));
    sink.close();

    assertTrue(shown().contains("40/40 KiB"), shown());
    assertTrue(shown().contains("10/10 files"), shown());
  }

  @Test
  void largeCopy_isCountedInMebibytes() throws IOException {
    TerminalBarSink sink = new TerminalBarSink(terminal(), true);

    sink.update(new Snapshot(3, 9, 50L << 20, 200L << 20, false, 0, Duration.ofSeconds(2),
        50L << 20));
    sink.close();

    assertTrue(shown().contains("50/200 MiB"), shown());
    assertTrue(shown().contains("3/9+ files (still listing)"), shown());
  }

  @Test
  void firstSecond_showsTheRateSinceTheStartInsteadOfAQuestionMark() throws IOException {
    TerminalBarSink sink = new TerminalBarSink(terminal(), true);

    sink.update(new Snapshot(2, 10, 40_960, 409_600, true, 0, Duration.ofMillis(500), 40_960));
    sink.close();

    assertTrue(shown().contains(") 80.0 KiB/s 2/10 files"), shown());
    assertFalse(shown().contains("?"), shown());
  }

  @Test
  void firstSecondWithNothingWrittenYet_showsNoRate() throws IOException {
    TerminalBarSink sink = new TerminalBarSink(terminal(), true);

    sink.update(new Snapshot(0, 10, 0, 409_600, true, 0, Duration.ofMillis(500), 0));
    sink.close();

    assertTrue(shown().contains(") 0/10 files"), shown());
    assertFalse(shown().contains("/s"), shown());
  }

  @Test
  void youngWalkWithLittleFound_drawsNothingYet() throws IOException {
    TerminalBarSink sink = new TerminalBarSink(terminal(), true);

    sink.update(new Snapshot(0, 5, 0, 1000, false, 0, Duration.ofMillis(100), 0));

    assertFalse(shown().contains("pcopy"), shown());
  }

  @Test
  void message_isPrintedOnItsOwnLine() throws IOException {
    TerminalBarSink sink = new TerminalBarSink(terminal(), true);
    sink.update(new Snapshot(1, 2, 10, 20, true, 1, Duration.ofSeconds(1), 10));

    sink.message("pcopy: error: src/x: Permission denied");
    sink.close();

    // The line is cleared first, and the terminal ends lines with CR LF.
    assertTrue(shown().contains("\u001b[Kpcopy: error: src/x: Permission denied\r\n"), shown());
    assertTrue(shown().contains("1 failed"), shown());
  }

  @Test
  void withoutUtf8_drawsTheBarInAscii() throws IOException {
    TerminalBarSink sink = new TerminalBarSink(terminal(), false);

    sink.update(new Snapshot(3, 9, 50L << 20, 200L << 20, true, 0, Duration.ofSeconds(2),
        50L << 20));
    sink.close();

    assertTrue(shown().contains("["), shown());
    assertTrue(shown().chars().allMatch(c -> c < 0x80), "not ASCII: " + shown());
  }

  @Test
  void withUtf8_drawsTheBarWithBlockCharacters() throws IOException {
    TerminalBarSink sink = new TerminalBarSink(terminal(), true);

    sink.update(new Snapshot(3, 9, 50L << 20, 200L << 20, true, 0, Duration.ofSeconds(2),
        50L << 20));
    sink.close();

    assertTrue(shown().contains("\u2588"), shown());
  }
}
