package dev.pcopy.job;

import dev.pcopy.copy.TempNames;
import dev.pcopy.plan.CopyTask;
import dev.pcopy.plan.FileOp;
import dev.pcopy.plan.OpKind;
import dev.pcopy.plan.SpecialKind;
import dev.pcopy.pool.Coordinator;
import dev.pcopy.pool.RunObserver;
import dev.pcopy.progress.ProgressModel;
import dev.pcopy.progress.ProgressSink;
import dev.pcopy.progress.Summary;
import dev.pcopy.progress.SummaryFormatter;
import dev.pcopy.protocol.Message.OpResult;
import dev.pcopy.protocol.Message.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Collects what the coordinator learns into the progress model, the counts of the summary and
 * the list of failures, and prints each failure as it happens.
 */
final class RunReport implements RunObserver {
  private final ProgressModel model;
  private final ProgressSink sink;
  private final PathDisplay display;
  private final String runId;
  private final boolean debug;
  private final boolean quiet;
  private final Tally tally = new Tally();

  RunReport(ProgressModel model, ProgressSink sink, PathDisplay display, String runId,
      boolean debug, boolean quiet) {
    this.quiet = quiet;
    this.model = model;
    this.sink = sink;
    this.display = display;
    this.runId = runId;
    this.debug = debug;
  }

  @Override
  public void bytesCopied(long delta) {
    tally.bytes += delta;
    model.written(delta);
  }

  @Override
  public void entryDone(FileOp op, OpResult result) {
    if (result.status() == Status.COPIED) {
      if (op.kind() == OpKind.FILE) {
        tally.filesCopied++;
      } else {
        tally.linksCopied++;
      }
      model.entryDone(0, false);
    } else if (result.status() == Status.SKIPPED) {
      tally.unchanged++;
      model.entryDone(op.size(), false);
    } else {
      model.entryDone(op.size(), true);
      fail(result.status().blamesTarget() ? op.target() : op.source(), result.reason());
    }
  }

  @Override
  public void walkFailed(Path path, String reason) {
    fail(path, reason);
  }

  /** Records a failure of {@code path} (a source entry or its copy) and prints it. */
  void fail(Path path, String reason) {
    String line = display.of(path) + ": " + reason;
    tally.fail(line);
    sink.message("pcopy: error: " + line);
  }

  /**
   * Prints the one line that says why the run stopped, after the failure that showed it: e.g.
   * {@code pcopy: error: /mnt/usb: read-only file system; stopped after copying 12 files}.
   */
  @Override
  public void destinationRefusesWrites(String reason) {
    String why = reason.isEmpty() ? reason
        : Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
    sink.message("pcopy: error: " + display.target() + ": " + why + "; stopped after copying "
        + SummaryFormatter.counted(tally.filesCopied, "file"));
  }

  @Override
  public void specialSkipped(Path source, SpecialKind kind) {
    tally.specials++;
    if (quiet) {
      return;
    }
    sink.message("pcopy: warning: " + display.of(source)
        + ": skipped: " + kind.description());
  }

  @Override
  public void workerLost(int index, String why, boolean entryGivenUp) {
    if (quiet) {
      return;
    }
    sink.message("pcopy: warning: worker " + index + " " + why + (entryGivenUp
        ? "; the entry it was copying has killed " + Coordinator.MAX_ATTEMPTS
            + " workers and is given up"
        : "; its files are handed to another worker"));
  }

  @Override
  public void workerChatter(int index, String text) {
    if (debug) {
      for (String line : text.strip().split("\n")) {
        sink.message("pcopy: debug: worker " + index + ": " + line);
      }
    }
  }

  @Override
  public void abandoned(CopyTask task) {
    for (FileOp op : task.ops()) {
      Path temp = TempNames.of(op.target(), runId, op.seq());
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        if (debug) {
          sink.message("pcopy: debug: cannot remove " + temp + ": " + e);
        }
      }
    }
  }

  @Override
  public void tick() {
    sink.update(model.snapshot());
  }

  /** Returns the run's summary so far. */
  Summary summary(Summary.Ending ending) {
    return tally.summary(model.elapsed(), ending);
  }

  long failedCount() {
    return tally.failed();
  }
}
