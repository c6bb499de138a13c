package dev.pcopy.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;

/**
 * Frames of several lines drawn in place: the bytes sent to the terminal, and what a terminal
 * shows of them ({@link ScreenModel}).
 */
class TerminalScreenTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private Terminal terminal(int columns, int rows) throws IOException {
    return TerminalBuilder.builder()
        .streams(new ByteArrayInputStream(new byte[0]), out)
        .type("xterm")
        .size(new Size(columns, rows))
        .system(false)
        .build();
  }

  private TerminalScreen screen(int columns, int rows) throws IOException {
    return new TerminalScreen(terminal(columns, rows));
  }

  private String sent() {
    // The terminal turns each \n into \r\n on its way out.
    return out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
  }

  @Test
  void accept_drawsEachLineOverTheOld_erasesBelow_andWaitsAtTheEnd() throws IOException {
    TerminalScreen screen = screen(80, 24);

    screen.accept("bar\n  #1 a\n  #2 b");

    assertEquals("\rbar\u001b[K\n\r  #1 a\u001b[K\n\r  #2 b\u001b[J", sent());
  }

  @Test
  void accept_goesUpToTheOldFrame_andAShorterFrameLeavesNothingOfIt() throws IOException {
    TerminalScreen screen = screen(80, 24);
    screen.accept("bar\n  #1 a\n  #2 b");
    out.reset();

    screen.accept("bar");

    // Up two rows to the old bar; erasing to the end of the screen takes the worker lines.
    assertEquals("\r\u001b[2Abar\u001b[J", sent());
  }

  @Test
  void accept_afterTheWindowNarrowed_goesUpTheRowsTheWrappedLinesTakeNow() throws IOException {
    Terminal terminal = terminal(100, 24);
    TerminalScreen screen = new TerminalScreen(terminal);
    screen.accept("x".repeat(90) + "\n" + "y".repeat(50));
    out.reset();

    terminal.setSize(new Size(40, 24));
    screen.resized();
    screen.accept("bar");

    // 90 columns wrap onto 3 rows of 40, 50 onto 2: up 4 from the last row.
    assertEquals("\r\u001b[4Abar\u001b[J", sent());
  }

  @Test
  void printAbove_putsTheLineWhereTheFrameWas_andTheFrameBelowIt() throws IOException {
    TerminalScreen screen = screen(80, 24);
    screen.accept("bar\n  #1 a");
    out.reset();

    screen.printAbove("pcopy: warning: x");

    assertEquals("\r\u001b[1Apcopy: warning: x\u001b[J\n\rbar\u001b[K\n\r  #1 a\u001b[J", sent());
  }

  @Test
  void finish_leavesTheLastLinesWithTheCursorBelow_andDrawsNoMore() throws IOException {
    TerminalScreen screen = screen(80, 24);
    screen.accept("bar\n  #1 a");
    out.reset();

    screen.finish(List.of("final bar"));
    screen.accept("late frame");
    screen.printAbove("pcopy: late message");

    assertEquals("\r\u001b[1Afinal bar\u001b[J\n\rpcopy: late message\u001b[J\n", sent());
  }

  @Test
  void ctrlC_echoedAfterAFrameOfFullWidthLines_leavesNothingOfThatFrame() throws IOException {
    TerminalScreen screen = screen(80, 15);
    String full = "x".repeat(screen.getMaxRenderedLength());
    screen.accept(" 43% bar line\n" + full + "\n" + full);

    // The terminal echoes the key where the cursor waits, as if pcopy had written it.
    out.writeBytes("^C".getBytes(StandardCharsets.US_ASCII));
    screen.finish(List.of(" 60% last bar line"));

    assertEquals(List.of(" 60% last bar line"), new ScreenModel(80, 15).play(sent()));
  }

  @Test
  void aFrameDrawnBeforeTheResizeWasKnown_isDrawnOverWhole_atTheNewWidth() throws IOException {
    // The window narrowed to 40 columns just before a frame laid out for 100 was drawn.
    Terminal terminal = terminal(100, 24);
    TerminalScreen screen = new TerminalScreen(terminal);
    screen.accept("b".repeat(90) + "\n" + "w".repeat(90));

    terminal.setSize(new Size(40, 24));
    screen.resized();
    screen.accept("bar at 40");

    assertEquals(List.of("bar at 40"), new ScreenModel(40, 24).play(sent()));
  }

  @Test
  void maxRenderedLength_keepsTwoColumnsFree_forTheEchoOfACtrlC() throws IOException {
    TerminalScreen screen = screen(100, 24);

    assertEquals(98, screen.getMaxRenderedLength());
    assertEquals(24, screen.rows());
  }
}
