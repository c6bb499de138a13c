package dev.pcopy.cli;

import dev.pcopy.progress.Glyphs;
import dev.pcopy.progress.PlainLineSink;
import dev.pcopy.progress.ProgressSink;
import dev.pcopy.progress.TerminalBarSink;
import dev.pcopy.progress.Units;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The process's standard streams and, when wanted, its one JLine terminal.
 *
 * <p>Output is always UTF-8: names that are not UTF-8 are escaped before they get here, so the
 * only non-ASCII text is valid UTF-8, which a terminal in the C locale shows no worse than the
 * {@code ?} the JVM would otherwise print. The bar, drawn many times a second, is the exception:
 * it keeps to ASCII there ({@link TerminalTraits}).
 */
final class Console {
  private final PrintStream out;
  private final PrintStream err;
  private final TerminalTraits traits;
  private final WriteErrorMemo outErrors;

  /** A console writing UTF-8 to {@code out} and {@code err}, which have {@code traits}. */
  Console(OutputStream out, OutputStream err, TerminalTraits traits) {
    this.outErrors = new WriteErrorMemo(out);
    this.out = new PrintStream(outErrors, true, StandardCharsets.UTF_8);
    this.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    this.traits = traits;
  }

  /**
   * Returns the real console. The launcher passes the user's character map in the system
   * property {@code pcopy.charmap}.
   */
  static Console system() {
    return new Console(new FileOutputStream(FileDescriptor.out),
        new FileOutputStream(FileDescriptor.err), TerminalTraits.of(
            isTerminal(1) && isTerminal(2), System.getenv(), System.getProperty("pcopy.charmap")));
  }

  /**
   * Returns why standard output could not be written, or null if it could, or if its reader
   * simply stopped reading (a closed pipe, as under {@code | head}), which is no news to anyone.
   */
  String outWriteFailure() {
    if (!out.checkError() || outErrors.readerWentAway()) {
      return null;
    }
    return outErrors.firstError() != null ? outErrors.firstError() : "write error";
  }

  /** Whether anything written to standard output was lost. */
  boolean outLost() {
    return out.checkError();
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  /**
   * Opens the progress display: the bar when asked for, or in auto mode when both stdout and
   * stderr are a terminal that can redraw (so {@code pcopy ... | tee log} gets plain lines);
   * plain lines otherwise. The bar is drawn in ASCII unless the locale is UTF-8, and in colour
   * unless {@code noColor} or the environment's {@code NO_COLOR} say otherwise. Sizes and rates
   * read in {@code units}.
   */
  ProgressSink progressSink(ProgressMode mode, Duration interval, boolean noColor,
      Units units) {
    Clock clock = Clock.systemUTC();
    switch (mode.on(traits)) {
      case NONE:
        return new PlainLineSink(err, clock, Duration.ZERO, units);
      case PLAIN:
        return new PlainLineSink(err, clock, interval, units);
      default:
        return bar(clock, interval,
            new Glyphs(traits.utf8(), traits.colour() && !noColor), units);
    }
  }

  private ProgressSink bar(Clock clock, Duration interval, Glyphs glyphs, Units units) {
    try {
      // The bar belongs on stderr. JLine's system terminal falls back to stdout when stderr is
      // not a terminal, which would mix an explicitly asked-for bar into stdout's summary or
      // dry-run listing; a dumb terminal on stderr itself keeps them apart.
      Terminal terminal = isTerminal(2)
          ? TerminalBuilder.builder()
              .system(true)
              .systemOutput(TerminalBuilder.SystemOutput.SysErr)
              .nativeSignals(false)
              .dumb(true)
              .build()
          : TerminalBuilder.builder()
              .system(false)
              .type(Terminal.TYPE_DUMB)
              .streams(InputStream.nullInputStream(), err)
              .build();
      // Asked for where stderr is no terminal (a log), the bar has no colour to show.
      return new TerminalBarSink(terminal, isTerminal(2) ? glyphs
          : new Glyphs(glyphs.unicode(), false), units);
    } catch (IOException | RuntimeException e) {
      return new PlainLineSink(err, clock, interval, units);
    }
  }

  /** Tells whether file descriptor {@code fd} is a terminal, as far as /proc can say. */
  private static boolean isTerminal(int fd) {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty")
          || target.equals("/dev/console");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
