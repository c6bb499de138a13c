package dev.pcopy.testing;

import dev.pcopy.plan.DirectoryRecord;
import dev.pcopy.plan.FileOp;
import dev.pcopy.plan.SpecialKind;
import dev.pcopy.plan.WalkVisitor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A {@link WalkVisitor} that records each call as a line of text ({@code "dir a"},
 * {@code "file a/x"}, {@code "link l -> t"}, {@code "listed a"}, {@code "failed a/y: reason"},
 * {@code "special p: a FIFO"}),
 * with paths relative to the source root, and keeps the directory records and entries.
 */
public final class RecordingWalkVisitor implements WalkVisitor {
  private final Path root;
  private final List<String> events = new ArrayList<>();
  private final List<DirectoryRecord> directories = new ArrayList<>();
  private final List<FileOp> entries = new ArrayList<>();
  private Predicate<DirectoryRecord> enterDirectory = d -> true;
  private Consumer<FileOp> onEntry = op -> {};

  /** Records paths relative to {@code root}. */
  public RecordingWalkVisitor(Path root) {
    this.root = root;
  }

  /** Decides which directories are walked into (all by default); may act on the tree. */
  public RecordingWalkVisitor enteringDirectoriesWhere(Predicate<DirectoryRecord> enter) {
    this.enterDirectory = enter;
    return this;
  }

  /** Runs {@code action} after each entry is recorded; it may change the tree or cancel. */
  public RecordingWalkVisitor onEntry(Consumer<FileOp> action) {
    this.onEntry = action;
    return this;
  }

  @Override
  public boolean directory(DirectoryRecord directory) {
    events.add("dir " + name(directory.source()));
    directories.add(directory);
    return enterDirectory.test(directory);
  }

  @Override
  public void entry(FileOp op) {
    String line = switch (op.kind()) {
      case FILE -> "file " + name(op.source());
      case SYMLINK -> "link " + name(op.source()) + " -> " + op.linkTarget();
    };
    events.add(line);
    entries.add(op);
    onEntry.accept(op);
  }

  @Override
  public void directoryListed(Path source) {
    events.add("listed " + name(source));
  }

  @Override
  public void special(Path source, SpecialKind kind) {
    events.add("special " + name(source) + ": " + kind.description());
  }

  @Override
  public void failed(Path source, String reason) {
    events.add("failed " + name(source) + ": " + reason);
  }

  /** Returns the calls so far, in order. */
  public List<String> events() {
    return List.copyOf(events);
  }

  /** Returns the directories reported, in order. */
  public List<DirectoryRecord> directories() {
    return List.copyOf(directories);
  }

  /** Returns the entries reported, in order. */
  public List<FileOp> entries() {
    return List.copyOf(entries);
  }

  private String name(Path path) {
    String relative = root.relativize(path).toString();
    return relative.isEmpty() ? "." : relative;
  }
}
