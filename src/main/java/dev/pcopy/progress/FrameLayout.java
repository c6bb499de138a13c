package dev.pcopy.progress;

import java.util.ArrayList;
import java.util.List;
import org.jline.utils.WCWidth;

/**
 * Lays a {@link Snapshot} out as the lines of one terminal frame: the bar line, then with
 * {@code --hosts} a line per host, then a line per busy worker. Pure: the width and height are
 * given, and no line is ever wider than the width less one column (a terminal that wraps at the
 * last column would otherwise scroll).
 *
 * <p>The bar line is {@code 43% │█████▍    │ 1.2/4.5 GiB 279/711 entries 224 MiB/s elapsed 0:07
 * ETA 0:12}. When it does not fit, whole parts go in a fixed order: the rate, the bar, the host
 * and worker lines, the entry counts, the bytes, the elapsed time; the percentage and the ETA
 * always stay, and no number is ever cut. The host lines take their rows before the worker
 * lines do. The bar's width is set by the terminal's width and by widths that only the totals
 * change (the counts and bytes are padded to the totals' widths, the rate and times to their
 * widest usual forms), so it does not jump from frame to frame as numbers grow.
 */
public final class FrameLayout {
  /** The narrowest terminal laid out with care; below it lines are still never too wide. */
  public static final int MIN_WIDTH = 40;

  private static final int MIN_BAR = 5;
  private static final int MAX_BAR = 40;
  /** Reserved for the times: {@code elapsed 12:34} and {@code ETA 12:34}. */
  private static final int ELAPSED_WIDTH = "elapsed 00:00".length();
  private static final int ETA_WIDTH = "ETA 00:00".length();
  /** A worker line needs room for a useful part of a path beside its numbers. */
  private static final int MIN_PATH = 12;
  /** The widest a host's name is on a worker line. */
  private static final int WORKER_HOST = 16;
  /** Rows kept free below the frame, for the cursor. */
  private static final int FREE_ROWS = 1;

  private FrameLayout() {}

  /** The parts of the bar line that can be left out, in the order they go. */
  private enum Level {
    ALL, NO_RATE, NO_BAR, NO_COUNTS, NO_BYTES, ONLY_ETA
  }

  /**
   * Returns the frame for {@code s} on a terminal of {@code width} columns and {@code height}
   * rows, drawn with {@code glyphs}, sizes in {@code units}; {@code details} says whether the
   * host and worker lines are wanted.
   */
  public static List<String> lines(Snapshot s, int width, int height, Glyphs glyphs,
      Units units, boolean details) {
    int room = Math.max(1, width - 1);
    int rows = height - 1 - FREE_ROWS;
    List<String> lines = new ArrayList<>();
    for (Level level : Level.values()) {
      String line = barLine(s, level, room, glyphs, units);
      if (line != null) {
        lines.add(line);
        // The host and worker lines have rows of their own, so they stay while the bar line
        // still has its counts: which file each worker is on tells more than the rate or the
        // bar does, most of all when nothing moves and the ETA gives way to a longer text.
        if (details && level.ordinal() < Level.NO_COUNTS.ordinal()) {
          lines.addAll(HostLines.of(s.hosts(), room, rows, glyphs, units));
          lines.addAll(workerLines(s, room, rows - (lines.size() - 1), glyphs, units));
        }
        return lines;
      }
    }
    // Narrower than the percentage and the ETA: the ETA alone, cut only at the terminal's edge.
    lines.add(cut(s.eta().text(), room));
    return lines;
  }

  /** Returns the bar line with the parts {@code level} keeps, or null if it is wider than room. */
  private static String barLine(Snapshot s, Level level, int room, Glyphs glyphs,
      Units units) {
    String percent = pad(s.percent() + "%", 4);
    String bytes = pad(units.pair(s.bytesDone(), s.bytesTotal(), !s.totalsFinal()),
        units.pair(s.bytesTotal(), s.bytesTotal(), !s.totalsFinal()).length());
    String counts = counts(s);
    String rate = pad(units.shortRate(s.rate()), units.shortRateWidth());
    String elapsed = "elapsed " + ByteSizes.clock(s.elapsed().toNanos() / 1e9);
    String eta = s.eta().text();
    boolean stalled = s.eta().state() == Eta.State.STALLED;

    List<String> after = new ArrayList<>();
    int reserved = percent.length() + 1 + Math.max(eta.length(), ETA_WIDTH);
    if (level.ordinal() < Level.NO_BYTES.ordinal()) {
      after.add(bytes);
      reserved += bytes.length() + 1;
    }
    if (level.ordinal() < Level.NO_COUNTS.ordinal()) {
      after.add(counts);
      reserved += counts.length() + 1;
    }
    if (level.ordinal() < Level.NO_RATE.ordinal()) {
      after.add(rate);
      reserved += rate.length() + 1;
    }
    if (level.ordinal() < Level.ONLY_ETA.ordinal()) {
      after.add(elapsed);
      reserved += Math.max(elapsed.length(), ELAPSED_WIDTH) + 1;
    }
    String bar = "";
    if (level.ordinal() < Level.NO_BAR.ordinal()) {
      int cells = Math.min(MAX_BAR, room - reserved - 3);
      if (cells < MIN_BAR) {
        return null;
      }
      bar = glyphs.bar(s.fraction(), cells) + " ";
    } else if (reserved > room) {
      return null;
    }
    StringBuilder line = new StringBuilder(percent).append(' ').append(bar);
    for (String part : after) {
      line.append(part).append(' ');
    }
    return line.append(stalled ? glyphs.warning(eta) : eta).toString();
  }

  /** Returns {@code 279/711 entries}, the done count padded to the total's width. */
  private static String counts(Snapshot s) {
    String more = s.totalsFinal() ? "" : "+";
    String total = s.entriesTotal() + more;
    String text = pad(String.valueOf(s.entriesDone()), String.valueOf(s.entriesTotal()).length())
        + "/" + total + " entries";
    return s.failed() > 0 ? text + ", " + s.failed() + " failed" : text;
  }

  /**
   * Returns a line per worker, at most {@code rows}: when they do not all fit, the last line says
   * how many more there are; with fewer than two rows, none.
   */
  private static List<String> workerLines(Snapshot s, int room, int rows, Glyphs glyphs,
      Units units) {
    List<String> lines = new ArrayList<>();
    List<WorkerLine> workers = s.workers();
    if (rows < 2 || workers.isEmpty()) {
      return lines;
    }
    int shown = workers.size() <= rows ? workers.size() : rows - 1;
    for (WorkerLine w : workers.subList(0, shown)) {
      String line = workerLine(w, room, glyphs, units);
      if (line == null) {
        return List.of();
      }
      lines.add(line);
    }
    if (shown < workers.size()) {
      lines.add(cut("  ... and " + (workers.size() - shown) + " more workers", room));
    }
    return lines;
  }

  /**
   * Returns e.g. {@code   #2 photos/2019/IMG_0042.CR2  12.0/24.5 MiB  48%}, the path cut at its
   * start when it is too long (its end names the file), or null when even a short path would not
   * fit beside the numbers.
   */
  private static String workerLine(WorkerLine w, int room, Glyphs glyphs, Units units) {
    String head = "  #" + w.index() + " "
        + (w.host() == null ? "" : headFitting(glyphs.name(w.host()), WORKER_HOST, glyphs) + ": ");
    String tail = " " + units.pair(w.at(), w.size(), false) + " "
        + pad((w.size() > 0 ? (int) Math.floor(100.0 * Math.min(w.at(), w.size()) / w.size())
            : 100) + "%", 4);
    if (w.idle().compareTo(EtaModel.STALL) >= 0) {
      tail += " " + glyphs.warning("no progress for "
          + ByteSizes.clock(w.idle().toNanos() / 1e9));
    }
    int pathRoom = room - width(head) - visibleWidth(tail) - 1;
    if (pathRoom < MIN_PATH) {
      return null;
    }
    String name = glyphs.name(w.path());
    String path = width(name) <= pathRoom ? name
        : glyphs.ellipsis() + tailOf(name, pathRoom - glyphs.ellipsis().length());
    return head + path + " ".repeat(pathRoom - width(path) + 1) + tail;
  }

  /**
   * Returns {@code name} if it fits {@code columns}, else its start and an ellipsis: a host's
   * name on a worker line (its host line has it all) and on a host line.
   */
  static String headFitting(String name, int columns, Glyphs glyphs) {
    return width(name) <= columns ? name
        : headOf(name, columns - glyphs.ellipsis().length()) + glyphs.ellipsis();
  }

  /** Returns the end of {@code text} that is at most {@code columns} wide. */
  private static String tailOf(String text, int columns) {
    int used = 0;
    int start = text.length();
    while (start > 0) {
      int cp = text.codePointBefore(start);
      int w = Math.max(0, WCWidth.wcwidth(cp));
      if (used + w > columns) {
        break;
      }
      used += w;
      start -= Character.charCount(cp);
    }
    return text.substring(start);
  }

  /** Returns the start of {@code text} that is at most {@code columns} wide. */
  private static String headOf(String text, int columns) {
    int used = 0;
    int end = 0;
    while (end < text.length()) {
      int cp = text.codePointAt(end);
      int w = Math.max(0, WCWidth.wcwidth(cp));
      if (used + w > columns) {
        break;
      }
      used += w;
      end += Character.charCount(cp);
    }
    return text.substring(0, end);
  }

  /** Returns the columns {@code text} takes on a terminal. */
  static int width(String text) {
    return text.codePoints().map(cp -> Math.max(0, WCWidth.wcwidth(cp))).sum();
  }

  /** Returns the columns {@code text} takes, leaving out its colour sequences. */
  static int visibleWidth(String text) {
    return width(text.replaceAll("\u001b\\[[0-9;]*m", ""));
  }

  static String cut(String text, int columns) {
    return text.length() <= columns ? text : text.substring(0, columns);
  }

  static String pad(String text, int columns) {
    return text.length() >= columns ? text : " ".repeat(columns - text.length()) + text;
  }
}
