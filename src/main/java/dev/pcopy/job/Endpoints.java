package dev.pcopy.job;

import dev.pcopy.plan.EntryAttributes;
import dev.pcopy.plan.FileOp;
import dev.pcopy.plan.OpKind;
import dev.pcopy.plan.EntryAttributes.EntryType;
import dev.pcopy.plan.Guards;
import dev.pcopy.plan.Guards.TargetKind;
import dev.pcopy.plan.Reasons;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * The checked source and target of a run.
 *
 * @param source the source as given (a symbolic link given as the source is followed)
 * @param attributes the source's attributes
 * @param target where the source's contents go: the destination directory, or for a file
 *     source the file's final path
 * @param targetExists whether {@code target} (or, for a file, the destination) exists already
 */
record Endpoints(Path source, EntryAttributes attributes, Path target, boolean targetExists) {

  boolean sourceIsDirectory() {
    return attributes.type() == EntryType.DIRECTORY;
  }

  /** Returns the one entry a single-file source is copied as. */
  FileOp singleFile() {
    return new FileOp(0, OpKind.FILE, source, target, attributes.size(), attributes.mode(),
        attributes.mtime(), attributes.atime(), null, attributes.owner());
  }

  /** Returns the identity of the target directory if it exists, so the walk can avoid it. */
  Object targetKey() {
    try {
      return Files.readAttributes(target, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  /** Reads and checks the request's paths; writes nothing. */
  static Endpoints check(CopyRequest request) throws BadInputException {
    String src = request.sourceText();
    String dst = request.targetText();
    EntryAttributes attrs;
    try {
      attrs = EntryAttributes.read(request.source(), true);
    } catch (IOException e) {
      throw new BadInputException(src + ": " + Reasons.of(e));
    }
    if (attrs.type() == EntryType.SPECIAL) {
      // Named by its kind, as the walk names the ones it skips in a tree.
      throw new BadInputException(src + ": is " + attrs.special().description()
          + "; pcopy copies directories and regular files");
    }
    checkReadable(request.source(), attrs, src);
    boolean directory = attrs.type() == EntryType.DIRECTORY;
    if (request.sourceIsDirectory() && !directory) {
      // "file/" names a directory, as for cp and the kernel, which say ENOTDIR.
      throw new BadInputException(src + ": Not a directory");
    }
    TargetKind kind = targetKind(request.target(), dst);
    Path target = request.target();
    if (request.targetIsDirectory() && kind == TargetKind.OTHER) {
      throw new BadInputException(dst + ": Not a directory");
    }
    if (!directory && (kind == TargetKind.DIRECTORY || request.targetIsDirectory())) {
      target = target.resolve(request.source().getFileName());
    }
    if (directory && kind == TargetKind.DIRECTORY && Files.isSymbolicLink(target)) {
      // Merge into the directory the link names, as cp does: the walker never follows a link.
      target = realTarget(target, dst);
    }
    if (!directory) {
      refuseNonFileTarget(target, dst);
    }
    Path realSource;
    try {
      realSource = request.source().toRealPath();
      Path realTarget = canonical(target);
      var refusal = Guards.refusal(realSource, realTarget, directory, kind);
      if (refusal.isEmpty() && directory) {
        refusal = sameDirectoryInTargetPath(realSource, realTarget);
      }
      if (refusal.isPresent()) {
        throw new BadInputException(dst + ": " + refusal.get());
      }
    } catch (IOException e) {
      throw new BadInputException(dst + ": " + Reasons.of(e));
    }
    // Workers never follow links, so a file given through a link is read where it really is.
    Path source = directory ? request.source() : realSource;
    return new Endpoints(source, attrs, target, kind != TargetKind.MISSING);
  }

  /**
   * A single file replaces only a regular file or a link: never a directory, and never a device,
   * FIFO or socket (renaming over {@code /dev/null} would replace the device node).
   */
  private static void refuseNonFileTarget(Path target, String text) throws BadInputException {
    EntryAttributes existing;
    try {
      existing = EntryAttributes.read(target, false);
    } catch (NoSuchFileException e) {
      return;
    } catch (IOException e) {
      throw new BadInputException(text + ": " + Reasons.of(e));
    }
    if (existing.type() == EntryType.DIRECTORY) {
      throw new BadInputException(text + ": a directory is in the way of the file");
    }
    if (existing.type() == EntryType.SPECIAL) {
      throw new BadInputException(text + ": is " + existing.special().description()
          + "; pcopy only writes regular files");
    }
  }

  /**
   * Finds the source directory itself among the target and its existing parents, by device and
   * inode: a bind mount shows one directory under two paths, which comparing paths cannot see.
   */
  private static Optional<String> sameDirectoryInTargetPath(Path realSource, Path realTarget)
      throws IOException {
    Object source = Files.readAttributes(realSource, BasicFileAttributes.class).fileKey();
    if (source == null) {
      return Optional.empty();
    }
    for (Path p = realTarget; p != null; p = p.getParent()) {
      BasicFileAttributes attrs;
      try {
        attrs = Files.readAttributes(p, BasicFileAttributes.class);
      } catch (NoSuchFileException e) {
        continue;
      }
      if (source.equals(attrs.fileKey())) {
        return Optional.of(p.equals(realTarget)
            ? "source and destination are the same" : "destination is inside the source");
      }
    }
    return Optional.empty();
  }

  private static void checkReadable(Path source, EntryAttributes attrs, String text)
      throws BadInputException {
    try {
      if (attrs.type() == EntryType.DIRECTORY) {
        try (DirectoryStream<Path> ignored = Files.newDirectoryStream(source)) {
          // Opening the listing is the check.
        }
      } else if (!Files.isReadable(source)) {
        throw new BadInputException(text + ": Permission denied");
      }
    } catch (IOException e) {
      throw new BadInputException(text + ": " + Reasons.of(e));
    }
  }

  private static Path realTarget(Path target, String text) throws BadInputException {
    try {
      return target.toRealPath();
    } catch (IOException e) {
      throw new BadInputException(text + ": " + Reasons.of(e));
    }
  }

  private static TargetKind targetKind(Path target, String text) throws BadInputException {
    try {
      EntryAttributes attrs = EntryAttributes.read(target, true);
      return attrs.type() == EntryType.DIRECTORY ? TargetKind.DIRECTORY : TargetKind.OTHER;
    } catch (NoSuchFileException e) {
      return TargetKind.MISSING;
    } catch (IOException e) {
      throw new BadInputException(text + ": " + Reasons.of(e));
    }
  }

  /**
   * Returns {@code path} with links and {@code ..} resolved as far as it exists, and the missing
   * rest appended and normalised: where it will be once created.
   */
  static Path canonical(Path path) throws IOException {
    Path existing = path;
    Path rest = path.getFileSystem().getPath("");
    while (existing != null && !Files.exists(existing)) {
      rest = existing.getFileName().resolve(rest);
      existing = existing.getParent();
    }
    if (existing == null) {
      return path.normalize();
    }
    return existing.toRealPath().resolve(rest).normalize();
  }
}
