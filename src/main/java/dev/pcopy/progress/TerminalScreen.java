package dev.pcopy.progress;

import java.io.PrintWriter;
import java.util.List;
import me.tongfei.progressbar.ProgressBarConsumer;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;

/**
 * Draws frames of several lines on a terminal, in place, and the lines printed above them:
 * progressbar's consumer, called from its timer thread with each rendered frame (lines joined by
 * {@code \n}).
 *
 * <p>Between frames the cursor waits at the end of the frame's last line. A frame is drawn by
 * going up to the first line of the one before, writing each line over the old one and erasing
 * the rest of it, and then erasing the screen below. So a worker line that is gone does not stay.
 * A narrower window wraps the lines already drawn onto more rows; a terminal that reflows them
 * (tmux, VTE, kitty, iTerm2) keeps the cursor at the end of the last one, so the way up is
 * counted in rows at the new width, and nothing of the old frame stays. (A terminal that cuts
 * lines instead, as xterm does, then loses as many rows above the frame as the count is too
 * high.) The screen is never erased from the start of a line: at the top left corner tmux takes
 * that for a clear screen and moves everything into its history. The lines are always narrower
 * than the window ({@link #getMaxRenderedLength}), so drawing one never wraps, nor does the
 * echo of a Ctrl-C after the last.
 */
final class TerminalScreen implements ProgressBarConsumer {
  private static final String ERASE_LINE = "\u001b[K";
  private static final String ERASE_DOWN = "\u001b[J";
  /** The size used when the terminal cannot tell its own (a dumb terminal). */
  private static final Size FALLBACK = new Size(80, 24);

  private final Terminal terminal;
  private final PrintWriter writer;
  private volatile Size size;
  private String last = "";
  /** The lines on the screen now, nothing if the cursor is on a line of its own. */
  private List<String> drawn = List.of();
  private boolean closed;

  TerminalScreen(Terminal terminal) {
    this.terminal = terminal;
    this.writer = terminal.writer();
    this.size = readSize();
  }

  private Size readSize() {
    Size s = terminal.getSize();
    return s == null || s.getColumns() <= 0 || s.getRows() <= 0 ? FALLBACK : s;
  }

  /** The window changed size: reads the new size, for the next frame. */
  void resized() {
    size = readSize();
  }

  /** Returns the window's height in rows. */
  int rows() {
    return size.getRows();
  }

  /** Returns the window's width in columns. */
  int columns() {
    return size.getColumns();
  }

  /**
   * Two columns short of the window. The cursor waits at the end of the last line, where the
   * terminal echoes the {@code ^C} of a Ctrl-C: after a line one column short its second
   * character would wrap onto a row of its own, and every frame after it would go up one row
   * too few and leave the first line of the one before on the screen.
   */
  @Override
  public int getMaxRenderedLength() {
    return size.getColumns() - 2;
  }

  @Override
  public synchronized void accept(String rendered) {
    if (closed) {
      // progressbar renders once more as it closes; the sink has drawn the last frame already.
      return;
    }
    last = rendered;
    draw(List.of(rendered.split("\n", -1)), false);
  }

  /**
   * Returns the way from the end of the frame on the screen to the start of its first line:
   * a carriage return and the rows up, each line counted in the rows it takes at the width now.
   */
  private String toTop() {
    int columns = size.getColumns();
    int rows = 0;
    for (String line : drawn) {
      rows += Math.max(1, (FrameLayout.visibleWidth(line) + columns - 1) / columns);
    }
    return rows > 1 ? "\r\u001b[" + (rows - 1) + "A" : "\r";
  }

  /** Draws {@code lines} over the frame on the screen; ends the line after them if {@code end}. */
  private void draw(List<String> lines, boolean end) {
    StringBuilder out = new StringBuilder(toTop())
        .append(String.join(ERASE_LINE + "\n\r", lines)).append(ERASE_DOWN);
    if (end) {
      out.append('\n');
    }
    drawn = end ? List.of() : lines;
    writer.print(out);
    writer.flush();
  }

  /** Prints {@code text} where the frame was, and the frame again below it. */
  synchronized void printAbove(String text) {
    draw(List.of(text), true);
    if (!closed && !last.isEmpty()) {
      draw(List.of(last.split("\n", -1)), false);
    }
  }

  @Override
  public synchronized void clear() {
    writer.print(toTop() + ERASE_DOWN);
    writer.flush();
    drawn = List.of();
  }

  /** Leaves {@code lines}, the last frame, on the screen with the cursor below; draws no more. */
  synchronized void finish(List<String> lines) {
    if (!closed) {
      closed = true;
      draw(lines, true);
    }
  }

  /** progressbar's own end: nothing more is drawn. */
  @Override
  public synchronized void close() {
    closed = true;
  }
}
