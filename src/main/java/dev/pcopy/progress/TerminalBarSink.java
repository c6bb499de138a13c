package dev.pcopy.progress;

import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jline.terminal.Terminal;

/**
 * The live progress bar on a terminal: me.tongfei progressbar, drawn through the one JLine
 * {@link Terminal} the command created (progressbar would otherwise open a second, static one).
 *
 * <p>The bar counts bytes, so it moves inside large files; the write rate, the file counts, and a
 * note while the walk is still finding files, go in its extra message ({@link BarMessage}), in
 * place of progressbar's own rate. progressbar fixes its unit when the bar is built, so the bar
 * is built at the first update that knows roughly how much there is: KiB for a copy under
 * 10 MiB (which MiB would show as "0/0"), MiB above.
 */
public final class TerminalBarSink implements ProgressSink {
  private static final long KIB = 1L << 10;
  private static final long MIB = 1L << 20;
  /** A total below this is shown in KiB. */
  private static final long SMALL = 10 * MIB;

  private final TerminalLine line;
  private final ProgressBarStyle style;
  private ProgressBar bar;

  /**
   * Draws the bar on {@code terminal}: with Unicode block characters if {@code utf8}, otherwise
   * with ASCII ({@code [====>   ]}), which any terminal shows.
   */
  public TerminalBarSink(Terminal terminal, boolean utf8) {
    this.line = new TerminalLine(terminal);
    this.style = utf8 ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII;
  }

  private ProgressBar build(long total) {
    boolean small = total < SMALL;
    return new ProgressBarBuilder()
        .setTaskName("pcopy")
        .setInitialMax(total)
        .setStyle(style)
        .setUnit(small ? " KiB" : " MiB", small ? KIB : MIB)
        .setUpdateIntervalMillis(200)
        .setConsumer(line)
        .build();
  }

  @Override
  public void update(Snapshot s) {
    if (bar == null) {
      // While the walk is young its total says little; a second is long enough to tell.
      if (!s.totalsFinal() && s.bytesTotal() < SMALL && s.elapsed().toMillis() < 1000) {
        return;
      }
      bar = build(Math.max(s.bytesTotal(), s.bytesDone()));
    }
    // progressbar's timer may draw between these calls: the message goes first, so a bar that
    // has moved never shows the message from before the move ("8/300 MiB" with no rate yet).
    bar.setExtraMessage(BarMessage.of(s));
    // progressbar counts in whole units of its own; keep max >= current so it never shows >100%.
    long max = Math.max(s.bytesTotal(), s.bytesDone());
    bar.maxHint(max);
    bar.stepTo(Math.min(s.bytesDone(), max));
    line.show();
  }

  @Override
  public void message(String text) {
    line.printAbove(text);
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
    line.closeTerminal();
  }

  /** Draws the bar on one terminal line, redrawn in place with a carriage return. */
  private static final class TerminalLine implements ProgressBarConsumer {
    private final Terminal terminal;
    private final PrintWriter writer;
    private String last = "";
    private boolean closed;
    /** Whether the bar has been stepped to where the copy is, so that its frames are true. */
    private boolean shown;
    private int width;
    private long widthReadAt;

    TerminalLine(Terminal terminal) {
      this.terminal = terminal;
      this.writer = terminal.writer();
    }

    @Override
    public synchronized int getMaxRenderedLength() {
      long now = System.nanoTime();
      // Asking the terminal its size may run stty; once a second is enough to follow a resize.
      if (width == 0 || now - widthReadAt > 1_000_000_000L) {
        int w = terminal.getWidth();
        width = w > 10 ? w - 1 : 79;
        widthReadAt = now;
      }
      return width;
    }

    @Override
    public synchronized void accept(String rendered) {
      // progressbar's timer may render once more while close() runs; after close nothing shows.
      // It also draws a first frame as the bar is built, on its own thread, before update() has
      // stepped it: "0% (0:00:00 / ?)" with no files, which must not flash up either.
      if (closed || !shown) {
        return;
      }
      last = rendered;
      writer.print("\r" + rendered + "\u001b[K");
      writer.flush();
    }

    synchronized void show() {
      shown = true;
    }

    synchronized void printAbove(String text) {
      writer.print("\r\u001b[K" + text + "\n" + (closed ? "" : last));
      writer.flush();
    }

    @Override
    public synchronized void clear() {
      writer.print("\r\u001b[K");
      writer.flush();
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        writer.println();
        writer.flush();
      }
    }

    synchronized void closeTerminal() {
      close();
      try {
        terminal.close();
      } catch (java.io.IOException e) {
        // Closing only restores terminal settings we never changed; nothing is lost.
      }
    }
  }
}
