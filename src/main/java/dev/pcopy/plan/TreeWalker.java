package dev.pcopy.plan;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Lists a source directory depth first and reports every entry to a {@link WalkVisitor}, mapping
 * each source path to its target path. Reads only; never writes.
 *
 * <p>It holds one directory listing and a stack of directories still to visit, never the whole
 * tree, so trees of millions of files walk in bounded memory. Each listing is sorted by name so
 * that runs, dry-run listings and tests are deterministic, and closed before its subdirectories
 * are opened, so deep trees do not run out of file descriptors.
 */
public final class TreeWalker {
  private final boolean followLinks;
  private final BooleanSupplier cancelled;
  private final WalkVisitor visitor;
  private final Object destinationKey;
  private long nextSeq;

  /**
   * @param followLinks follow symbolic links (copy what they point to) instead of copying them
   * @param cancelled polled between entries; the walk stops early once it returns true
   * @param visitor receives the findings
   */
  public TreeWalker(boolean followLinks, BooleanSupplier cancelled, WalkVisitor visitor) {
    this(followLinks, cancelled, visitor, null);
  }

  /**
   * @param followLinks follow symbolic links (copy what they point to) instead of copying them
   * @param cancelled polled between entries; the walk stops early once it returns true
   * @param visitor receives the findings
   * @param destinationKey the file key of the destination directory, never entered: it can be
   *     reached from the source through a followed link or a bind mount, and walking it would
   *     copy the copy into itself without end; null if unknown
   */
  public TreeWalker(boolean followLinks, BooleanSupplier cancelled, WalkVisitor visitor,
      Object destinationKey) {
    this.followLinks = followLinks;
    this.cancelled = cancelled;
    this.visitor = visitor;
    this.destinationKey = destinationKey;
  }

  /** One directory still to list, with the chain of directories above it for loop detection. */
  private record Frame(Path source, Path target, Object fileKey, Frame parent) {
    boolean isInsideItself(Object key) {
      for (Frame f = this; f != null; f = f.parent) {
        if (key != null && key.equals(f.fileKey)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Walks the directory {@code sourceRoot}, whose attributes the caller has already read, into
   * {@code targetRoot}. The root itself is reported as a directory first.
   */
  public void walk(Path sourceRoot, Path targetRoot, EntryAttributes rootAttributes) {
    DirectoryRecord root = new DirectoryRecord(sourceRoot, targetRoot, rootAttributes.mode(),
        rootAttributes.mtime(), rootAttributes.atime(), rootAttributes.owner());
    if (!visitor.directory(root)) {
      return;
    }
    Deque<Frame> stack = new ArrayDeque<>();
    stack.push(new Frame(sourceRoot, targetRoot, rootAttributes.fileKey(), null));
    while (!stack.isEmpty() && !cancelled.getAsBoolean()) {
      Frame frame = stack.pop();
      List<Frame> subdirectories = listDirectory(frame);
      for (int i = subdirectories.size() - 1; i >= 0; i--) {
        stack.push(subdirectories.get(i));
      }
    }
  }


  private List<Frame> listDirectory(Frame frame) {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(frame.source())) {
      for (Path child : stream) {
        children.add(child);
      }
    } catch (IOException | RuntimeException e) {
      visitor.failed(frame.source(), Reasons.of(e));
      return List.of();
    }
    children.sort(null);
    List<Frame> subdirectories = new ArrayList<>();
    for (Path child : children) {
      if (cancelled.getAsBoolean()) {
        break;
      }
      visitChild(frame, child, frame.target().resolve(child.getFileName()), subdirectories);
    }
    visitor.directoryListed(frame.source());
    return subdirectories;
  }

  private void visitChild(Frame frame, Path child, Path target, List<Frame> subdirectories) {
    EntryAttributes attrs;
    try {
      attrs = EntryAttributes.read(child, followLinks);
    } catch (IOException | RuntimeException e) {
      visitor.failed(child, Reasons.of(e));
      return;
    }
    switch (attrs.type()) {
      case DIRECTORY:
        if (followLinks && frame.isInsideItself(attrs.fileKey())) {
          visitor.failed(child, "symbolic link loop: directory contains itself");
        } else if (destinationKey != null && destinationKey.equals(attrs.fileKey())) {
          visitor.failed(child, "is the destination itself; not copied into itself");
        } else if (visitor.directory(new DirectoryRecord(
            child, target, attrs.mode(), attrs.mtime(), attrs.atime(), attrs.owner()))) {
          subdirectories.add(new Frame(child, target, attrs.fileKey(), frame));
        }
        break;
      case FILE:
        visitFile(child, target, attrs);
        break;
      case SYMLINK:
        visitLink(child, target, attrs);
        break;
      default:
        visitor.special(child, attrs.special());
    }
  }

  private void visitFile(Path child, Path target, EntryAttributes attrs) {
    Path source = child;
    if (followLinks && Files.isSymbolicLink(child)) {
      // Workers open sources without following links, so with -L a link to a file is handed
      // to them as the file it resolves to.
      try {
        source = child.toRealPath();
      } catch (IOException | RuntimeException e) {
        visitor.failed(child, Reasons.of(e));
        return;
      }
    }
    visitor.entry(new FileOp(nextSeq++, OpKind.FILE, source, target, attrs.size(), attrs.mode(),
        attrs.mtime(), attrs.atime(), null, attrs.owner()));
  }

  private void visitLink(Path child, Path target, EntryAttributes attrs) {
    try {
      Path linkTarget = Files.readSymbolicLink(child);
      visitor.entry(new FileOp(nextSeq++, OpKind.SYMLINK, child, target, 0, attrs.mode(),
          attrs.mtime(), attrs.atime(), linkTarget, attrs.owner()));
    } catch (IOException | RuntimeException e) {
      visitor.failed(child, Reasons.of(e));
    }
  }
}
