package dev.pcopy.plan;

/**
 * What kind of special file an entry is, told by the file-type bits of its {@code st_mode}; such
 * entries are skipped, and the warning names the kind.
 */
public enum SpecialKind {
  /** A named pipe ({@code S_IFIFO}). */
  FIFO("a FIFO"),
  /** A Unix domain socket ({@code S_IFSOCK}). */
  SOCKET("a socket"),
  /** A character device ({@code S_IFCHR}). */
  CHARACTER_DEVICE("a character device"),
  /** A block device ({@code S_IFBLK}). */
  BLOCK_DEVICE("a block device"),
  /** None of these, or a file system that does not give the type bits. */
  OTHER("a special file");

  private static final int S_IFMT = 0170000;
  private static final int S_IFIFO = 0010000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFBLK = 0060000;
  private static final int S_IFSOCK = 0140000;

  private final String description;

  SpecialKind(String description) {
    this.description = description;
  }

  /** Returns the kind the file-type bits of {@code stMode} name. */
  public static SpecialKind of(int stMode) {
    return switch (stMode & S_IFMT) {
      case S_IFIFO -> FIFO;
      case S_IFSOCK -> SOCKET;
      case S_IFCHR -> CHARACTER_DEVICE;
      case S_IFBLK -> BLOCK_DEVICE;
      default -> OTHER;
    };
  }

  /** Returns the kind as a message names it, e.g. {@code a FIFO}. */
  public String description() {
    return description;
  }
}
