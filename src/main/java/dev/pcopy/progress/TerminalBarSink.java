package dev.pcopy.progress;

import java.io.IOException;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.jline.terminal.Terminal;
import org.jline.utils.Signals;

/**
 * The live display on a terminal: the bar line, a line per host with {@code --hosts} and a line
 * per busy worker below it ({@link FrameLayout}), redrawn in place ({@link TerminalScreen}) on
 * the one JLine {@link Terminal} the command created.
 *
 * <p>me.tongfei progressbar runs the display: its timer renders a frame every 200 ms (also while
 * nothing moves, so that a stall and the elapsed time show) and hands it to the screen, its
 * consumer. The renderer is pcopy's layout of the latest {@link Snapshot} rather than
 * progressbar's own, which estimates from the bytes alone, fixes its unit when it is built, and
 * is cut at the terminal's edge. A resize (SIGWINCH, which JLine's {@link Signals} reports) has
 * the frame drawn again at once, at the new size.
 */
public final class TerminalBarSink implements ProgressSink {
  private static final String WINCH = "WINCH";

  private final Terminal terminal;
  private final Glyphs glyphs;
  private final Units units;
  private final TerminalScreen screen;
  private final Object previousWinch;
  private volatile Snapshot latest;
  private volatile ProgressBar bar;

  /** Draws on {@code terminal} with {@code glyphs}, sizes in {@code units}. */
  public TerminalBarSink(Terminal terminal, Glyphs glyphs, Units units) {
    this.terminal = terminal;
    this.glyphs = glyphs;
    this.units = units;
    this.screen = new TerminalScreen(terminal);
    this.previousWinch = Signals.register(WINCH, this::resized);
  }

  private void resized() {
    screen.resized();
    ProgressBar b = bar;
    if (b != null) {
      b.refresh();
    }
  }

  @Override
  public void update(Snapshot s) {
    latest = s;
    if (bar == null) {
      // Built at the first snapshot, so that its first frame already shows the run.
      bar = new ProgressBarBuilder()
          .setTaskName("pcopy")
          .continuousUpdate()
          .setUpdateIntervalMillis(200)
          .setRenderer((state, maxLength) -> String.join("\n",
              FrameLayout.lines(latest, maxLength + 1, screen.rows(), glyphs, units,
                  true)))
          .setConsumer(screen)
          .build();
    }
  }

  @Override
  public void message(String text) {
    screen.printAbove(text);
  }

  /**
   * Leaves the last frame's bar line, which tells what was done, even after a Ctrl-C (then with
   * {@code interrupted} for its ETA).
   */
  @Override
  public void close() {
    if (previousWinch != null) {
      Signals.unregister(WINCH, previousWinch);
    }
    Snapshot last = latest;
    if (last != null) {
      screen.finish(FrameLayout.lines(last, screen.columns(), 1, glyphs, units, false));
    }
    if (bar != null) {
      bar.close();
    }
    try {
      terminal.close();
    } catch (IOException e) {
      // Closing only restores terminal settings that were never changed; nothing is lost.
    }
  }
}
