package dev.pcopy.progress;

import java.util.ArrayList;
import java.util.List;

/**
 * What a terminal shows of the bytes a {@link TerminalScreen} sends: the few controls it uses
 * (carriage return, line feed, cursor up, erase to the end of the line or of the screen,
 * colours ignored), with a write in the last column wrapping before the next character as
 * terminals do, and the screen scrolling up at its bottom. Enough to see a stale line.
 */
final class ScreenModel {
  private final int columns;
  private final int rows;
  private final List<StringBuilder> lines = new ArrayList<>();
  private int row;
  private int column;

  ScreenModel(int columns, int rows) {
    this.columns = columns;
    this.rows = rows;
    for (int i = 0; i < rows; i++) {
      lines.add(new StringBuilder());
    }
  }

  /** Plays {@code sent} and returns the lines that are not blank, top to bottom. */
  List<String> play(String sent) {
    int i = 0;
    while (i < sent.length()) {
      char c = sent.charAt(i);
      if (c == '\u001b') {
        int end = i + 2;
        while (!Character.isLetter(sent.charAt(end))) {
          end++;
        }
        control(sent.substring(i + 2, end), sent.charAt(end));
        i = end + 1;
        continue;
      }
      if (c == '\r') {
        column = 0;
      } else if (c == '\n') {
        down();
      } else {
        put(c);
      }
      i++;
    }
    return lines.stream().map(l -> l.toString().stripTrailing()).filter(l -> !l.isEmpty())
        .toList();
  }

  private void control(String argument, char command) {
    switch (command) {
      case 'A' -> {
        row = Math.max(0, row - (argument.isEmpty() ? 1 : Integer.parseInt(argument)));
        column = Math.min(column, columns - 1);
      }
      case 'K' -> lines.get(row).setLength(Math.min(column, lines.get(row).length()));
      case 'J' -> {
        lines.get(row).setLength(Math.min(column, lines.get(row).length()));
        for (int r = row + 1; r < rows; r++) {
          lines.get(r).setLength(0);
        }
      }
      case 'm' -> { }
      default -> throw new IllegalArgumentException("control " + command);
    }
  }

  private void put(char c) {
    if (column == columns) {
      column = 0;
      down();
    }
    StringBuilder line = lines.get(row);
    while (line.length() < column) {
      line.append(' ');
    }
    if (column < line.length()) {
      line.setCharAt(column, c);
    } else {
      line.append(c);
    }
    column++;
  }

  private void down() {
    if (row == rows - 1) {
      lines.remove(0);
      lines.add(new StringBuilder());
    } else {
      row++;
    }
  }
}
