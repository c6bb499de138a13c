package dev.pcopy.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.Snapshots;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;

/** The display drawn on a JLine terminal whose output is captured. */
class TerminalBarSinkTest {
  private static final long MIB = 1L << 20;
  private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

  private Terminal terminal() throws IOException {
    return TerminalBuilder.builder()
        .streams(new ByteArrayInputStream(new byte[0]), screen)
        .type("xterm")
        .size(new Size(120, 30))
        .system(false)
        .build();
  }

  private String shown() {
    return screen.toString(StandardCharsets.UTF_8);
  }

  private static Snapshot busy() {
    return Snapshots.withWorkers(Snapshots.of(3, 9, 50 * MIB, 200 * MIB, true, 0,
        Duration.ofSeconds(2), 50 * MIB, Eta.known(7)),
        List.of(new WorkerLine(1, null, "big/one.iso", 10 * MIB, 40 * MIB, Duration.ZERO)));
  }

  @Test
  void close_leavesTheLastFramesBarLine_withoutWorkerLines_andTheCursorBelow() throws IOException {
    TerminalBarSink sink = new TerminalBarSink(terminal(), new Glyphs(true, false), Units.IEC);

    sink.update(busy());
    sink.close();

    String last = shown().substring(shown().lastIndexOf(" 25% "));
    assertTrue(last.matches("(?s) 25% .* 50\\.0/200\\.0 MiB 3/9 entries .*"
        + "elapsed 0:02 ETA 0:07\u001b\\[J\r?\n"), last);
    assertFalse(last.contains("one.iso"), last);
  }

  @Test
  void close_afterAnInterruption_showsWhatWasDone_notAnEmptyFrame() throws IOException {
    // The last snapshot, taken after the stop, is what stays on the screen.
    TerminalBarSink sink = new TerminalBarSink(terminal(), new Glyphs(true, false), Units.IEC);
    sink.update(busy());
    sink.update(Snapshots.of(5, 9, 120 * MIB, 200 * MIB, true, 0, Duration.ofSeconds(3),
        120 * MIB, Eta.known(2)));

    sink.close();

    // The last line drawn, ended: what was done when it stopped.
    assertTrue(shown().matches("(?s).*\r(\u001b\\[[0-9]+A)? 60% [^\r\n]* 120\\.0/200\\.0 MiB"
        + " 5/9 entries[^\r\n]*\u001b\\[J\r?\n"), shown());
  }

  @Test
  void message_isPrintedOnItsOwnLineAboveTheDisplay() throws IOException {
    TerminalBarSink sink = new TerminalBarSink(terminal(), new Glyphs(true, false), Units.IEC);
    sink.update(Snapshots.of(1, 2, 10, 20, true, 1, Duration.ofSeconds(1), 10, Eta.UNKNOWN));

    sink.message("pcopy: error: src/x: Permission denied");
    sink.close();

    // The display below it is erased, and the terminal ends lines with CR LF.
    assertTrue(shown().contains("pcopy: error: src/x: Permission denied\u001b[J\r\n"),
        shown());
    assertTrue(shown().contains("1/2 entries, 1 failed"), shown());
  }

  @Test
  void withoutUtf8_drawsTheBarInAscii() throws IOException {
    TerminalBarSink sink = new TerminalBarSink(terminal(), new Glyphs(false, false), Units.IEC);

    sink.update(busy());
    sink.close();

    assertTrue(shown().contains("[==========>  "), shown());
    assertTrue(shown().chars().allMatch(c -> c < 0x80), "not ASCII: " + shown());
  }

  @Test
  void withUtf8_drawsTheBarWithBlockCharacters() throws IOException {
    TerminalBarSink sink = new TerminalBarSink(terminal(), new Glyphs(true, true), Units.IEC);

    sink.update(busy());
    sink.close();

    assertTrue(shown().contains("\u2588"), shown());
  }

  @Test
  void colour_isOnlyThereWhenAskedFor() throws IOException {
    TerminalBarSink coloured = new TerminalBarSink(terminal(), new Glyphs(true, true), Units.IEC);
    coloured.update(busy());
    coloured.close();
    assertTrue(shown().contains("\u001b[32m"), shown());
    screen.reset();

    TerminalBarSink plain = new TerminalBarSink(terminal(), new Glyphs(true, false), Units.IEC);
    plain.update(busy());
    plain.close();

    assertFalse(shown().contains("m\u2588"), shown());
    assertFalse(shown().matches("(?s).*\u001b\\[[0-9;]*m.*"), shown());
  }

  @Test
  void nothingShown_beforeTheFirstSnapshot() throws IOException {
    TerminalBarSink sink = new TerminalBarSink(terminal(), new Glyphs(true, true), Units.IEC);

    sink.close();

    assertEquals("", shown().replaceAll("\u001b\\[[?0-9;]*[a-zA-Z]", ""));
  }
}
