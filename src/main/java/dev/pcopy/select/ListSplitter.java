package dev.pcopy.select;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits the contents of a {@code -from} file into entries.
 *
 * <p>Newline-separated files are for people: a CR before the newline is dropped (a file saved
 * on Windows), and lines whose first byte is {@code #} or {@code ;} are comments, as in rsync.
 * NUL-separated files ({@code --from0}) are for programs such as {@code find -print0}: every
 * entry is taken byte for byte, so a name may start with {@code #} or hold a newline. Empty
 * entries are skipped in both.
 */
final class ListSplitter {
  private ListSplitter() {}

  static List<ListEntry> split(byte[] content, boolean nulSeparated) {
    byte separator = nulSeparated ? 0 : (byte) '\n';
    List<ListEntry> entries = new ArrayList<>();
    int number = 0;
    int from = 0;
    for (int i = 0; i <= content.length; i++) {
      if (i < content.length && content[i] != separator) {
        continue;
      }
      number++;
      int to = i;
      if (!nulSeparated && to > from && content[to - 1] == '\r') {
        to--;
      }
      boolean comment = !nulSeparated && to > from
          && (content[from] == '#' || content[from] == ';');
      if (to > from && !comment) {
        entries.add(new ListEntry(number, Arrays.copyOfRange(content, from, to)));
      }
      from = i + 1;
    }
    return entries;
  }

  /** How a message names an entry's place: {@code line 3}, or {@code entry 3} with NULs. */
  static String place(ListEntry entry, boolean nulSeparated) {
    return (nulSeparated ? "entry " : "line ") + entry.number();
  }
}
