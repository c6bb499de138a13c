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
 * <p>Between frames the cursor waits at the start of the frame's first line, and each frame
 * begins by erasing from there to the end of the screen. So nothing of an older frame can stay:
 * not a worker line that is gone, and not the pieces of lines that a narrower window wrapped onto
 * new rows (a terminal that reflows its lines on a resize, as tmux does, keeps the cursor at the
 * start of its line; one that does not cuts the lines instead). The lines are always narrower
 * than the window ({@link #getMaxRenderedLength}), so drawing one never wraps.
 */
final class TerminalScreen implements ProgressBarConsumer {
  private static final String ERASE_DOWN = "\r\u001b[J";
  /** The size used when the terminal cannot tell its own (a dumb terminal). */
  private static final Size FALLBACK = new Size(80, 24);

  private final Terminal terminal;
  private final PrintWriter writer;
  private volatile Size size;
  private String last = "";
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

  @Override
  public int getMaxRenderedLength() {
    return size.getColumns() - 1;
  }

  @Override
  public synchronized void accept(String rendered) {
    if (closed) {
      // progressbar renders once more as it closes; the sink has drawn the last frame already.
      return;
    }
    last = rendered;
    draw(rendered, true);
  }

  /** Draws {@code frame} over the old one; parks the cursor at its start if {@code park}. */
  private void draw(String frame, boolean park) {
    StringBuilder out = new StringBuilder(ERASE_DOWN).append(frame.replace("\n", "\n\r"));
    if (park) {
      long below = frame.chars().filter(c -> c == '\n').count();
      if (below > 0) {
        out.append("\u001b[").append(below).append('A');
      }
      out.append('\r');
    } else {
      out.append('\n');
    }
    writer.print(out);
    writer.flush();
  }

  /** Prints {@code text} where the frame was, and the frame again below it. */
  synchronized void printAbove(String text) {
    writer.print(ERASE_DOWN + text + "\n");
    writer.flush();
    if (!closed && !last.isEmpty()) {
      draw(last, true);
    }
  }

  @Override
  public synchronized void clear() {
    writer.print(ERASE_DOWN);
    writer.flush();
  }

  /** Leaves {@code lines}, the last frame, on the screen with the cursor below; draws no more. */
  synchronized void finish(List<String> lines) {
    if (!closed) {
      closed = true;
      draw(String.join("\n", lines), false);
    }
  }

  /** progressbar's own end: nothing more is drawn. */
  @Override
  public synchronized void close() {
    closed = true;
  }
}
