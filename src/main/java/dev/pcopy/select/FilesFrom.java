package dev.pcopy.select;

import java.util.Arrays;
import java.util.List;

/**
 * Turns the contents of a {@code --files-from} file into paths below SRC: entries as
 * {@link ListSplitter} splits them, each {@link Listing#normalize}d. An entry with a {@code ..}
 * component is refused: it could name something outside SRC. An absolute entry means what it
 * says: below SRC it is taken relative to SRC ({@code find /data/src} writes such lists);
 * anywhere else it is refused rather than reread as a path below SRC, which would copy
 * something else than the list names.
 */
final class FilesFrom {
  private FilesFrom() {}

  /**
   * Adds the paths of one file to {@code paths}.
   *
   * @param option the option that named the file, for messages
   * @param display how messages name the file
   * @param sources where SRC is, as absolute paths ({@link Listing#normalize}d: no leading
   *     {@code /}, empty for {@code /}), the first as messages name it
   */
  static void parse(String option, String display, byte[] content, boolean nulSeparated,
      List<byte[]> sources, List<byte[]> paths) throws SelectionException {
    for (ListEntry entry : ListSplitter.split(content, nulSeparated)) {
      byte[] text = entry.text();
      if (Listing.climbs(text)) {
        throw refused(option, display, entry, nulSeparated,
            "'..' is not allowed; list paths below SRC");
      }
      byte[] path = Listing.normalize(text);
      if (text.length > 0 && text[0] == '/') {
        path = belowSource(path, sources);
        if (path == null) {
          throw refused(option, display, entry, nulSeparated, sources.isEmpty()
              ? "an absolute path; list paths relative to SRC"
              : "an absolute path not below SRC (/" + Shown.bytes(sources.get(0))
                  + "); list paths relative to SRC, or absolute paths below it");
        }
      }
      paths.add(path);
    }
  }

  /** {@code absolute} relative to the first of {@code sources} it lies in; null if none. */
  private static byte[] belowSource(byte[] absolute, List<byte[]> sources) {
    for (byte[] source : sources) {
      if (source.length == 0) {
        return absolute;
      }
      if (Arrays.equals(absolute, source)) {
        return new byte[0];
      }
      if (Listing.isBelow(absolute, source)) {
        return Arrays.copyOfRange(absolute, source.length + 1, absolute.length);
      }
    }
    return null;
  }

  private static SelectionException refused(String option, String display, ListEntry entry,
      boolean nulSeparated, String why) {
    return new SelectionException(option + ": " + display + ": "
        + ListSplitter.place(entry, nulSeparated) + ": '" + Shown.bytes(entry.text()) + "': "
        + why);
  }
}
