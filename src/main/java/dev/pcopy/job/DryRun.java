package dev.pcopy.job;

import dev.pcopy.copy.TargetCheck;
import dev.pcopy.plan.DirectoryRecord;
import dev.pcopy.plan.FileOp;
import dev.pcopy.plan.OpKind;
import dev.pcopy.plan.SpecialKind;
import dev.pcopy.plan.TreeWalker;
import dev.pcopy.plan.WalkVisitor;
import dev.pcopy.progress.PathText;
import dev.pcopy.progress.Summary;
import dev.pcopy.progress.SummaryFormatter;
import dev.pcopy.protocol.RawPaths;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code --dry-run}: walks the source and lists, one line each, what a real run would do
 * ({@code mkdir}, {@code copy}, {@code link}), using the same quick check as the workers. Reads
 * the target, never writes it.
 *
 * <p>The leftover temporary files a real run removes first are not listed: that sweep never
 * touches a name the source has ({@link dev.pcopy.copy.LeftoverSweep}), so it cannot change
 * what a real run copies or finds unchanged.
 */
final class DryRun implements WalkVisitor {
  private final CopyRequest request;
  private final Endpoints ends;
  private final PathDisplay display;
  private final PrintStream out;
  private final PrintStream err;
  private static final TargetCheck CONTENT = new TargetCheck(false);
  private final Tally tally = new Tally();
  private final long started = System.nanoTime();

  DryRun(CopyRequest request, Endpoints ends, PathDisplay display, PrintStream out,
      PrintStream err) {
    this.request = request;
    this.ends = ends;
    this.display = display;
    this.out = out;
    this.err = err;
  }

  JobResult run() {
    if (ends.sourceIsDirectory()) {
      new TreeWalker(request.dereference(), () -> false, this, ends.targetKey())
          .walk(ends.source(), ends.target(), ends.attributes());
    } else {
      entry(ends.singleFile());
    }
    if (!request.quiet()) {
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      for (String line : SummaryFormatter.format(tally.summary(elapsed, Summary.Ending.DRY_RUN))) {
        out.println(line);
      }
    }
    out.flush();
    return new JobResult(false, false, tally.failed());
  }

  @Override
  public boolean directory(DirectoryRecord directory) {
    if (!Files.isDirectory(directory.target(), LinkOption.NOFOLLOW_LINKS)) {
      out.println("mkdir " + name(directory.source()));
    }
    return true;
  }

  @Override
  public void entry(FileOp op) {
    if (!request.force() && upToDate(op)) {
      tally.unchanged++;
      return;
    }
    if (op.kind() == OpKind.FILE) {
      tally.filesCopied++;
      tally.bytes += op.size();
      out.println("copy " + name(op));
    } else {
      tally.linksCopied++;
      out.println("link " + name(op) + " -> "
          + PathText.escape(RawPaths.toBytes(op.linkTarget())));
    }
  }

  private boolean upToDate(FileOp op) {
    try {
      // Mode and owner are fixed in place, so a dry run lists only what would be written.
      return CONTENT.compare(op, TargetCheck.read(op)) != TargetCheck.Verdict.STALE;
    } catch (IOException e) {
      // Unreadable: a real run would try to write it.
      return false;
    }
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
