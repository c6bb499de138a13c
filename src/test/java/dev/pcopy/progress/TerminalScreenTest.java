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

/** Frames of several lines drawn in place: the bytes sent to the terminal. */
class TerminalScreenTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private TerminalScreen screen(int columns, int rows) throws IOException {
    Terminal terminal = TerminalBuilder.builder()
        .streams(new ByteArrayInputStream(new byte[0]), out)
        .type("xterm")
        .size(new Size(columns, rows))
        .system(false)
        .build();
    return new TerminalScreen(terminal);
  }

  private String sent() {
    // The terminal turns each \n into \r\n on its way out.
    return out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
  }

  @Test
  void accept_erasesDownFromTheFrame_drawsItsLines_andParksAtItsStart() throws IOException {
    TerminalScreen screen = screen(80, 24);

    screen.accept("bar\n  #1 a\n  #2 b");

    assertEquals("\r\u001b[Jbar\n\r  #1 a\n\r  #2 b\u001b[2A\r", sent());
  }

  @Test
  void accept_ofAShorterFrame_leavesNothingOfTheLongerOne() throws IOException {
    TerminalScreen screen = screen(80, 24);
    screen.accept("bar\n  #1 a\n  #2 b");
    out.reset();

    screen.accept("bar");

    // Erasing to the end of the screen takes the old worker lines, however they were wrapped.
    assertEquals("\r\u001b[Jbar\r", sent());
  }

  @Test
  void printAbove_putsTheLineWhereTheFrameWas_andTheFrameBelowIt() throws IOException {
    TerminalScreen screen = screen(80, 24);
    screen.accept("bar\n  #1 a");
    out.reset();

    screen.printAbove("pcopy: warning: x");

    assertEquals("\r\u001b[Jpcopy: warning: x\n\r\u001b[Jbar\n\r  #1 a\u001b[1A\r", sent());
  }

  @Test
  void finish_leavesTheLastLinesWithTheCursorBelow_andDrawsNoMore() throws IOException {
    TerminalScreen screen = screen(80, 24);
    screen.accept("bar\n  #1 a");
    out.reset();

    screen.finish(List.of("final bar"));
    screen.accept("late frame");
    screen.printAbove("pcopy: late message");

    assertEquals("\r\u001b[Jfinal bar\n\r\u001b[Jpcopy: late message\n", sent());
  }

  @Test
  void maxRenderedLength_keepsTheLastColumnFree_andFollowsAResize() throws IOException {
    TerminalScreen screen = screen(100, 24);

    assertEquals(99, screen.getMaxRenderedLength());
    assertEquals(24, screen.rows());
  }
}
