package dev.pcopy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Asserts that a copied tree matches its source: the same names (compared as exact bytes), kinds,
 * file contents, mode bits ({@code 07777}), modification times to the nanosecond for files,
 * directories and special files, the device a device node stands for, and symbolic link target
 * texts.
 *
 * <p>Paths are never turned into strings: {@link Files#walkFileTree} yields paths that carry the
 * exact bytes of each name, {@link Path#relativize} and {@link Path#resolve} keep them, and
 * {@link Path#equals} compares them, so names that are not valid in the JVM's charset compare
 * correctly. Names in failure messages are shown as percent-escaped URI paths.
 */
public final class TreeAssert {
  private static final int MAX_REPORTED = 40;

  private TreeAssert() {}

  /** What kind of entry a path names, without following symbolic links. */
  public enum Kind { DIRECTORY, FILE, SYMLINK, FIFO, SOCKET, CHAR_DEVICE, BLOCK_DEVICE, OTHER }

  /** The properties of one entry that a faithful copy keeps. */
  record Entry(Kind kind, int mode, long size, FileTime mtime, Path linkTarget, long rdev) {}

  /** Asserts that {@code actual} holds exactly what {@code expected} holds. */
  public static void assertSameTree(Path expected, Path actual) {
    compare(expected, actual, false, true);
  }

  /**
   * Asserts that {@code actual} holds exactly the names, kinds, sizes, file contents and link
   * targets of {@code expected}, whatever their modes and times: what a crash must not lose once
   * a copy said it was done, where metadata written last may be (see {@code FsyncCrashIT}).
   */
  public static void assertSameContent(Path expected, Path actual) {
    compare(expected, actual, false, false);
  }

  /**
   * Asserts that every entry of {@code expected} is in {@code actual} and matches; {@code actual}
   * may hold more (a copy merged into an existing directory).
   */
  public static void assertContainsTree(Path expected, Path actual) {
    compare(expected, actual, true, true);
  }

  /** Asserts that {@code actual} is an exact copy of the single file (or link) {@code expected}. */
  public static void assertSameFile(Path expected, Path actual) {
    List<String> problems;
    try {
      problems = differences(actual.getFileName().toString(), entry(expected), entry(actual),
          expected, actual, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(String.join("\n", problems));
    }
  }

  /**
   * Asserts that no pcopy temporary file ({@code .pcopy-<run>-<seq>.tmp}) and no record of a big
   * file's partial copy ({@code .pcopy-<run>-<seq>.part}) is in {@code root}.
   */
  public static void assertNoTempFiles(Path root) {
    List<String> temps = temporaryFiles(root);
    if (!temps.isEmpty()) {
      throw new AssertionError("temporary files left in " + root + ": " + temps);
    }
  }

  /**
   * Asserts that no pcopy temporary file is anywhere under {@code top} outside the subtree
   * {@code inside} (a copy's DST): a run may leave its own temporary files only where it was
   * told to write. Symbolic links are not followed, so a link in DST that leads out is not
   * taken for DST.
   */
  public static void assertNoTempFilesOutside(Path top, Path inside) {
    List<String> temps = new ArrayList<>();
    try {
      Files.walkFileTree(top, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          return dir.equals(inside) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (isTemporaryName(file) && !file.startsWith(inside)) {
            temps.add(printable(top, top.relativize(file)));
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + top, e);
    }
    if (!temps.isEmpty()) {
      throw new AssertionError("temporary files outside " + inside + " in " + top + ": " + temps);
    }
  }

  /** Returns the pcopy temporary files under {@code root}, as printable relative names. */
  public static List<String> temporaryFiles(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(TreeAssert::isTemporaryName)
          .map(p -> printable(root, root.relativize(p))).collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether {@code path} has the name of a pcopy temporary file or partial copy's record. */
  private static boolean isTemporaryName(Path path) {
    // The prefix and suffixes are ASCII, so the decoded name shows them in any charset.
    String name = path.getFileName().toString();
    return name.startsWith(".pcopy-") && (name.endsWith(".tmp") || name.endsWith(".part"));
  }

  /** Returns every entry under {@code root} (the root itself as the empty path) by its path. */
  static Map<Path, Entry> list(Path root) {
    Map<Path, Entry> entries = new TreeMap<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
            throws IOException {
          entries.put(root.relativize(dir), entry(dir));
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
            throws IOException {
          entries.put(root.relativize(file), entry(file));
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
    return entries;
  }

  /** Reads one entry's kind, mode, size, time and link target, not following links. */
  static Entry entry(Path path) throws IOException {
    BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class,
        LinkOption.NOFOLLOW_LINKS);
    Kind kind = a.isSymbolicLink() ? Kind.SYMLINK : a.isDirectory() ? Kind.DIRECTORY
        : a.isRegularFile() ? Kind.FILE : special(path);
    Path link = kind == Kind.SYMLINK ? Files.readSymbolicLink(path) : null;
    long rdev = kind == Kind.CHAR_DEVICE || kind == Kind.BLOCK_DEVICE
        ? (Long) Files.getAttribute(path, "unix:rdev", LinkOption.NOFOLLOW_LINKS) : 0;
    return new Entry(kind, kind == Kind.SYMLINK ? 0 : mode(path), a.size(), a.lastModifiedTime(),
        link, rdev);
  }

  /** Tells FIFOs, sockets and devices apart by the file-type bits of their mode. */
  private static Kind special(Path path) throws IOException {
    try {
      int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      return switch (mode & 0170000) {
        case 0010000 -> Kind.FIFO;
        case 0140000 -> Kind.SOCKET;
        case 0020000 -> Kind.CHAR_DEVICE;
        case 0060000 -> Kind.BLOCK_DEVICE;
        default -> Kind.OTHER;
      };
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return Kind.OTHER;
    }
  }

  /** Returns the {@code 07777} mode bits, with set-id and sticky bits where the view has them. */
  static int mode(Path path) throws IOException {
    try {
      return ((Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 07777;
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      // A file system without the unix view (Jimfs): permission bits only.
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path,
          LinkOption.NOFOLLOW_LINKS);
      int mode = 0;
      for (PosixFilePermission p : perms) {
        mode |= 0400 >> p.ordinal();
      }
      return mode;
    }
  }

  private static void compare(Path expected, Path actual, boolean allowExtra,
      boolean metadata) {
    if (!Files.isDirectory(actual, LinkOption.NOFOLLOW_LINKS)) {
      throw new AssertionError("no directory at " + actual);
    }
    Map<Path, Entry> want = list(expected);
    Map<Path, Entry> have = list(actual);
    List<String> problems = new ArrayList<>();
    for (Map.Entry<Path, Entry> e : want.entrySet()) {
      Path rel = e.getKey();
      Entry w = e.getValue();
      Entry h = have.get(rel);
      if (h == null) {
        problems.add(printable(expected, rel) + ": missing from the copy");
        continue;
      }
      problems.addAll(differences(printable(expected, rel), w, h, expected.resolve(rel),
          actual.resolve(rel), metadata));
    }
    if (!allowExtra) {
      for (Path rel : have.keySet()) {
        if (!want.containsKey(rel)) {
          problems.add(printable(actual, rel) + ": in the copy but not in the source");
        }
      }
    }
    if (!problems.isEmpty()) {
      List<String> shown = problems.subList(0, Math.min(problems.size(), MAX_REPORTED));
      throw new AssertionError(problems.size() + " differences between " + expected + " and "
          + actual + ":\n  " + String.join("\n  ", shown)
          + (problems.size() > shown.size() ? "\n  ..." : ""));
    }
  }

  private static List<String> differences(String name, Entry w, Entry h, Path wPath, Path hPath,
      boolean metadata) {
    if (w.kind() != h.kind()) {
      return List.of(name + ": kind " + h.kind() + ", expected " + w.kind());
    }
    List<String> problems = new ArrayList<>();
    if (w.kind() == Kind.SYMLINK && !w.linkTarget().equals(h.linkTarget())) {
      problems.add(name + ": link target " + printable(h.linkTarget()) + ", expected "
          + printable(w.linkTarget()));
    }
    if (w.kind() == Kind.FILE) {
      if (w.size() != h.size()) {
        problems.add(name + ": size " + h.size() + ", expected " + w.size());
      } else if (contentMismatch(wPath, hPath) >= 0) {
        problems.add(name + ": content differs at byte " + contentMismatch(wPath, hPath));
      }
    }
    if ((w.kind() == Kind.CHAR_DEVICE || w.kind() == Kind.BLOCK_DEVICE) && w.rdev() != h.rdev()) {
      problems.add(name + ": device " + h.rdev() + ", expected " + w.rdev());
    }
    if (metadata && w.kind() != Kind.SYMLINK) {
      if (w.mode() != h.mode()) {
        problems.add(String.format("%s: mode %04o, expected %04o", name, h.mode(), w.mode()));
      }
      if (!w.mtime().equals(h.mtime())) {
        problems.add(name + ": mtime " + h.mtime().toInstant() + ", expected "
            + w.mtime().toInstant());
      }
    }
    return problems;
  }

  private static long contentMismatch(Path a, Path b) {
    try {
      return Files.mismatch(a, b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Shows a link target, relative or absolute, percent-escaped. */
  private static String printable(Path linkTarget) {
    if (linkTarget.isAbsolute()) {
      return linkTarget.toUri().getRawPath();
    }
    Path root = linkTarget.getFileSystem().getRootDirectories().iterator().next();
    return root.resolve(linkTarget).toUri().getRawPath().substring(1);
  }

  /** Shows a relative path with every byte that is not plain ASCII percent-escaped. */
  static String printable(Path root, Path relative) {
    if (relative.toString().isEmpty()) {
      return "(top directory)";
    }
    String base = root.toAbsolutePath().toUri().getRawPath();
    String full = root.toAbsolutePath().resolve(relative).toUri().getRawPath();
    if (!base.endsWith("/")) {
      base = base + "/";
    }
    return full.startsWith(base) ? full.substring(base.length()) : full;
  }
}
