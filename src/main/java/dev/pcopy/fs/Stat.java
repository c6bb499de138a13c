package dev.pcopy.fs;

/**
 * What {@code statx} says about one entry.
 *
 * @param kind what sort of entry it is
 * @param mode the {@code 07777} part of {@code st_mode}
 * @param uid numeric owner
 * @param gid numeric group
 * @param nlink hard links to it
 * @param ino inode number
 * @param dev device of the file system it is on
 * @param rdev the device a character or block device stands for
 * @param size size in bytes
 * @param blocks 512-byte blocks allocated to it
 * @param atime access time
 * @param mtime modification time
 * @param ctime status change time
 */
public record Stat(Kind kind, int mode, int uid, int gid, long nlink, long ino, long dev,
    long rdev, long size, long blocks, Timestamp atime, Timestamp mtime, Timestamp ctime) {

  /** The kinds of entries a file system holds. */
  public enum Kind {
    FILE("a regular file"),
    DIRECTORY("a directory"),
    SYMLINK("a symbolic link"),
    FIFO("a FIFO"),
    SOCKET("a socket"),
    CHAR_DEVICE("a character device"),
    BLOCK_DEVICE("a block device");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    /** Names the kind for messages: "a FIFO", "a block device". */
    public String description() {
      return description;
    }

    /** Whether it is a FIFO, a socket or a device. */
    public boolean isSpecial() {
      return this != FILE && this != DIRECTORY && this != SYMLINK;
    }

    /** The file-type bits of {@code st_mode} for this kind. */
    public int typeBits() {
      return switch (this) {
        case FILE -> 0100000;
        case DIRECTORY -> 0040000;
        case SYMLINK -> 0120000;
        case FIFO -> 0010000;
        case SOCKET -> 0140000;
        case CHAR_DEVICE -> 0020000;
        case BLOCK_DEVICE -> 0060000;
      };
    }

    static Kind of(int stMode) {
      return switch (stMode & 0170000) {
        case 0100000 -> FILE;
        case 0040000 -> DIRECTORY;
        case 0120000 -> SYMLINK;
        case 0010000 -> FIFO;
        case 0140000 -> SOCKET;
        case 0020000 -> CHAR_DEVICE;
        case 0060000 -> BLOCK_DEVICE;
        default -> throw new IllegalArgumentException("unknown file type in mode 0"
            + Integer.toOctalString(stMode));
      };
    }
  }

  /** Number of fields the native side fills. */
  static final int FIELDS = 15;

  /** Reads the fields in the order {@code pcopy_native.c} writes them. */
  static Stat fromFields(long[] f) {
    int stMode = (int) f[0];
    return new Stat(Kind.of(stMode), stMode & 07777, (int) f[1], (int) f[2], f[3], f[4], f[5],
        f[6], f[7], f[8], new Timestamp(f[9], (int) f[10]), new Timestamp(f[11], (int) f[12]),
        new Timestamp(f[13], (int) f[14]));
  }

  /** Whether it is a regular file. */
  public boolean isFile() {
    return kind == Kind.FILE;
  }

  /** Whether it is a directory. */
  public boolean isDirectory() {
    return kind == Kind.DIRECTORY;
  }

  /** Whether it is a symbolic link. */
  public boolean isSymlink() {
    return kind == Kind.SYMLINK;
  }

  /** Whether this and {@code other} are the same file: same device, same inode. */
  public boolean sameFile(Stat other) {
    return dev == other.dev && ino == other.ino;
  }

  /**
   * Whether the file has fewer blocks than its size needs: it has holes. A file system that
   * compresses can show the same, which copying with holes keeps harmlessly.
   */
  public boolean isSparse() {
    return kind == Kind.FILE && blocks * 512 < size;
  }
}
