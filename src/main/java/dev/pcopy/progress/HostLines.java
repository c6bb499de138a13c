package dev.pcopy.progress;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a frame that tell what each host ({@code --hosts}) has done, between the bar line
 * and the worker lines, in columns so that the hosts compare at a glance:
 *
 * <pre>
 *   host n1     1520 entries   2.3 GiB
 *   host node-7  310 entries 612.0 MiB 3 failed lost, reconnecting
 * </pre>
 *
 * <p>A long name is cut at its end, which is the domain the hosts share; when even a short name
 * does not fit, the failures and the state go from every line, and then the lines themselves.
 * No number is ever cut.
 */
final class HostLines {
  private static final String HEAD = "  host ";
  /** Enough of a host's name to tell it from the others. */
  private static final int MIN_NAME = 6;

  private HostLines() {}

  /** Returns the lines for {@code hosts}, at most {@code rows}, none wider than {@code room}. */
  static List<String> of(List<HostLine> hosts, int room, int rows, Glyphs glyphs, Units units) {
    if (hosts.isEmpty() || rows < 1) {
      return List.of();
    }
    // Like the worker lines: when they do not all fit, the last row says how many more there are.
    int shown = hosts.size() <= rows ? hosts.size() : rows - 1;
    if (shown < 1) {
      return List.of();
    }
    for (boolean full : new boolean[] {true, false}) {
      List<String> lines = laid(hosts.subList(0, shown), room, glyphs, units, full);
      if (lines != null) {
        if (shown < hosts.size()) {
          lines.add(FrameLayout.cut("  ... and " + (hosts.size() - shown) + " more hosts", room));
        }
        return lines;
      }
    }
    return List.of();
  }

  /**
   * Returns a line per host, with the failures and the state if {@code full}, or null when they
   * do not fit in {@code room} with at least a short name.
   */
  private static List<String> laid(List<HostLine> hosts, int room, Glyphs glyphs, Units units,
      boolean full) {
    int entriesWidth = 0;
    int bytesWidth = 0;
    int nameWidth = 0;
    for (HostLine h : hosts) {
      entriesWidth = Math.max(entriesWidth, String.valueOf(h.entries()).length());
      bytesWidth = Math.max(bytesWidth, units.size(h.bytes()).length());
      nameWidth = Math.max(nameWidth, FrameLayout.width(glyphs.name(h.host())));
    }
    List<String> tails = new ArrayList<>();
    int tailWidth = 0;
    for (HostLine h : hosts) {
      String tail = " " + FrameLayout.pad(String.valueOf(h.entries()), entriesWidth)
          + " entries " + FrameLayout.pad(units.size(h.bytes()), bytesWidth);
      if (full && h.failed() > 0) {
        tail += " " + h.failed() + " failed";
      }
      if (full && h.state() != null) {
        tail += " " + glyphs.warning(h.state());
      }
      tails.add(tail);
      tailWidth = Math.max(tailWidth, FrameLayout.visibleWidth(tail));
    }
    int nameRoom = room - HEAD.length() - tailWidth;
    if (nameRoom < Math.min(nameWidth, MIN_NAME)) {
      return null;
    }
    int column = Math.min(nameWidth, nameRoom);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < hosts.size(); i++) {
      String name = FrameLayout.headFitting(glyphs.name(hosts.get(i).host()), column, glyphs);
      lines.add(HEAD + name + " ".repeat(column - FrameLayout.width(name)) + tails.get(i));
    }
    return lines;
  }
}
