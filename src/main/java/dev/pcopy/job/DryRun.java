package dev.pcopy.job;

import dev.pcopy.copy.DirectoryMaker;
import dev.pcopy.copy.LeftoverSweep;
import dev.pcopy.copy.TargetCheck;
import dev.pcopy.plan.DirectoryRecord;
import dev.pcopy.plan.EntryAttributes;
import dev.pcopy.plan.FileOp;
import dev.pcopy.plan.OpKind;
import dev.pcopy.plan.Owner;
import dev.pcopy.plan.Reasons;
import dev.pcopy.plan.SpecialKind;
import dev.pcopy.plan.TreeWalker;
import dev.pcopy.plan.WalkVisitor;
import dev.pcopy.progress.PathText;
import dev.pcopy.progress.Summary;
import dev.pcopy.progress.SummaryFormatter;
import dev.pcopy.protocol.RawPaths;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code --dry-run}: walks the source and lists, one line each, what a real run would do
 * ({@code mkdir}, {@code copy}, {@code link}, {@code chmod} or {@code chown} where only the
 * mode or owner of a target is wrong, and {@code remove} for the temporary files of killed runs
 * that a real run sweeps away), using the same checks as the walk and the workers. Reads the
 * target, never writes it.
 *
 * <p>What a real run would fail at is reported as that run reports it, one
 * {@code pcopy: error: PATH: REASON} line each, and counted as failed: something other than a
 * directory where a directory goes ({@link DirectoryMaker#obstacle}), a directory where a file
 * or link goes ({@link TargetCheck#obstacle}), and a source file this user may not read.
 *
 * <p>Entries are named by their path below SRC, which is also their path below DST. A single
 * file has no such path, so its line names both ends: {@code copy SRC -> DST/file}.
 */
final class DryRun implements WalkVisitor {
  private final CopyRequest request;
  private final Endpoints ends;
  private final PathDisplay display;
  private final PrintStream out;
  private final PrintStream err;
  private final TargetCheck check;
  private final LeftoverSweep leftovers = LeftoverSweep.forThisProcess();
  private final Tally tally = new Tally();
  private long leftoversFound;
  private final long started = System.nanoTime();

  /** @param keepOwners whether a real run would give copies their source's owner (as root) */
  DryRun(CopyRequest request, Endpoints ends, PathDisplay display, PrintStream out,
      PrintStream err, boolean keepOwners) {
    this.request = request;
    this.ends = ends;
    this.display = display;
    this.out = out;
    this.err = err;
    this.check = new TargetCheck(keepOwners);
  }

  JobResult run() {
    if (ends.sourceIsDirectory()) {
      new TreeWalker(request.dereference(), () -> false, this, ends.targetKey())
          .walk(ends.source(), ends.target(), ends.attributes());
    } else {
      singleFile(ends.singleFile());
    }
    if (!request.quiet()) {
      if (leftoversFound > 0) {
        out.println(SummaryFormatter.leftovers(leftoversFound, true));
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      for (String line : SummaryFormatter.format(tally.summary(elapsed, Summary.Ending.DRY_RUN))) {
        out.println(line);
      }
    }
    out.flush();
    return new JobResult(false, false, tally.failed());
  }

  /**
   * Lists a single-file copy: the directory a real run creates for it, or the leftovers it
   * sweeps from the existing one, then the file itself.
   */
  private void singleFile(FileOp op) {
    Path targetDirectory = op.target().getParent();
    Path sourceDirectory = op.source().getParent();
    if (targetDirectory != null && sourceDirectory != null) {
      String shown = display.parentOf(op.target());
      if (Files.isDirectory(targetDirectory)) {
        listLeftovers(targetDirectory, sourceDirectory, shown);
      } else if (Files.notExists(targetDirectory)) {
        out.println("mkdir " + shown);
      }
    }
    entry(op);
  }

  @Override
  public boolean directory(DirectoryRecord directory) {
    Path target = directory.target();
    Optional<String> obstacle = DirectoryMaker.obstacle(target);
    if (obstacle.isPresent()) {
      // The walk does not enter a directory it could not make, so neither does this.
      failed(target, WalkFeed.CANNOT_CREATE_DIRECTORY + ": " + obstacle.get());
      return false;
    }
    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      out.println("mkdir " + name(directory.source()));
      return true;
    }
    // A real run gives every directory its source's mode (and owner, as root) at the end.
    try {
      EntryAttributes existing = EntryAttributes.read(target, false);
      if (LeftoverSweep.mayHoldLeftovers(existing.mtime(), directory.mtime())) {
        listLeftovers(target, directory.source(), target.equals(ends.target()) ? "."
            : PathText.escape(RawPaths.toBytes(ends.target().relativize(target))));
      }
      if (check.ownerDiffers(directory.owner(), existing.owner())) {
        chown(directory.owner(), name(directory.source()));
      }
      if (existing.mode() != directory.mode()) {
        chmod(directory.mode(), name(directory.source()));
      }
    } catch (IOException e) {
      // It vanished since it was seen: nothing to compare, and nothing a listing can add.
    }
    return true;
  }

  /**
   * Lists the temporary files of killed runs in {@code target}, the copy of {@code source}, that
   * a real run removes, named below {@code shown}, the printable name of {@code target}.
   */
  private void listLeftovers(Path target, Path source, String shown) {
    String prefix = shown.equals(".") ? "" : shown.endsWith("/") ? shown : shown + "/";
    try {
      for (Path leftover : leftovers.find(target, source)) {
        leftoversFound++;
        out.println("remove " + prefix + PathText.escape(RawPaths.toBytes(leftover.getFileName())));
      }
    } catch (IOException e) {
      // A real run opens such a directory up before sweeping it; there is nothing to list here.
    }
  }

  @Override
  public void entry(FileOp op) {
    EntryAttributes existing = null;
    TargetCheck.Verdict verdict = TargetCheck.Verdict.STALE;
    try {
      existing = TargetCheck.read(op);
      if (!request.force()) {
        verdict = check.compare(op, existing);
      }
    } catch (IOException e) {
      // Unreadable: a real run would try to write it, so it stays STALE.
    }
    switch (verdict) {
      case CURRENT -> tally.unchanged++;
      case SAME_CONTENT -> listFixes(op, existing);
      case STALE -> listWrite(op, existing);
    }
  }

  /** Lists what a real run does to a target whose content is right but mode or owner not. */
  private void listFixes(FileOp op, EntryAttributes existing) {
    // chown before chmod, as the worker does: chown clears the set-user-ID and set-group-ID bits.
    if (check.ownerDiffers(op, existing)) {
      chown(op.owner(), target(op));
    }
    if (op.kind() == OpKind.FILE && existing.mode() != op.mode()) {
      chmod(op.mode(), target(op));
    }
  }

  /**
   * Lists the writing of {@code op} over {@code existing}, or reports the failure a real run
   * meets: a worker opens the source first, and renames over the target last.
   */
  private void listWrite(FileOp op, EntryAttributes existing) {
    if (op.kind() == OpKind.FILE && !Files.isReadable(op.source())) {
      failed(op.source(), Reasons.of(new AccessDeniedException(op.source().toString())));
      return;
    }
    Optional<String> obstacle = TargetCheck.obstacle(existing);
    if (obstacle.isPresent()) {
      failed(op.target(), obstacle.get());
      return;
    }
    if (op.kind() == OpKind.FILE) {
      tally.filesCopied++;
      tally.bytes += op.size();
      String source = name(op);
      out.println("copy " + (isSingleFile(op) ? source + " -> " + target(op) : source));
    } else {
      tally.linksCopied++;
      out.println("link " + name(op) + " -> "
          + PathText.escape(RawPaths.toBytes(op.linkTarget())));
    }
  }

  private void chown(Owner owner, String name) {
    tally.ownersFixed++;
    out.println("chown " + owner.uid() + ":" + owner.gid() + " " + name);
  }

  private void chmod(int mode, String name) {
    tally.modesFixed++;
    out.println("chmod " + String.format(Locale.ROOT, "%03o", mode) + " " + name);
  }

  private boolean isSingleFile(FileOp op) {
    return op.source().equals(ends.source()) && !ends.sourceIsDirectory();
  }

  /**
   * Names the target of an entry: its path below DST, or for a single file the path it would be
   * written to, as the user named DST.
   */
  private String target(FileOp op) {
    return isSingleFile(op) ? display.of(op.target()) : name(op);
  }

  /**
   * Names an entry by its place in the tree: with -L a link to a file arrives as the file it
   * resolves to, which may lie anywhere.
   */
  private String name(FileOp op) {
    if (op.source().equals(ends.source())) {
      return name(op.source());
    }
    return PathText.escape(RawPaths.toBytes(ends.target().relativize(op.target())));
  }

  private String name(Path source) {
    if (!source.equals(ends.source())) {
      return display.relative(source);
    }
    return ends.sourceIsDirectory() ? "." : request.sourceText();
  }

  @Override
  public void directoryListed(Path source) {
    // Nothing is batched in a dry run.
  }

  @Override
  public void special(Path source, SpecialKind kind) {
    tally.specials++;
    if (request.quiet()) {
      return;
    }
    err.println("pcopy: warning: " + display.of(source)
        + ": skipped: " + kind.description());
  }

  @Override
  public void failed(Path source, String reason) {
    String line = display.of(source) + ": " + reason;
    tally.fail(line);
    err.println("pcopy: error: " + line);
  }
}
