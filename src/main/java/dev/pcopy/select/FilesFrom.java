package dev.pcopy.select;

import java.util.List;

/**
 * Turns the contents of a {@code --files-from} file into paths below SRC: entries as
 * {@link ListSplitter} splits them, each {@link Listing#normalize}d. An entry with a {@code ..}
 * component is refused: it could name something outside SRC.
 */
final class FilesFrom {
  private FilesFrom() {}

  /**
   * Adds the paths of one file to {@code paths}.
   *
   * @param option the option that named the file, for messages
   * @param display how messages name the file
   */
  static void parse(String option, String display, byte[] content, boolean nulSeparated,
      List<byte[]> paths) throws SelectionException {
    for (ListEntry entry : ListSplitter.split(content, nulSeparated)) {
      if (Listing.climbs(entry.text())) {
        throw new SelectionException(option + ": " + display + ": "
            + ListSplitter.place(entry, nulSeparated) + ": '" + Shown.bytes(entry.text())
            + "': '..' is not allowed; list paths below SRC");
      }
      paths.add(Listing.normalize(entry.text()));
    }
  }
}
