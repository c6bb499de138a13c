package dev.pcopy.copy;

import dev.pcopy.plan.EntryAttributes;
import dev.pcopy.plan.FileOp;
import dev.pcopy.plan.OpKind;
import dev.pcopy.plan.Owner;
import dev.pcopy.plan.Reasons;
import dev.pcopy.protocol.Message.OpResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Brings one entry of the target up to date: skips it when the quick check says it already is,
 * otherwise writes it under a temporary name, applies mode and times, and renames it into place.
 *
 * <p>The coordinator's walk has usually compared the target already (and marked the entry), so
 * the target is examined here only when the walk left that to the worker.
 */
public final class EntryCopier {
  private final String runId;
  private final boolean force;
  private final FileCopier copier;
  private final ProcessIdentity identity;
  private final Owner processOwner;
  private final TargetCheck check;

  /**
   * @param runId names this run's temporary files
   * @param force copy even entries that look up to date
   * @param copier copies file contents
   * @param identity who creates the files: as root, files get the source's owner and group
   */
  public EntryCopier(String runId, boolean force, FileCopier copier, ProcessIdentity identity) {
    this.runId = runId;
    this.force = force;
    this.copier = copier;
    this.identity = identity;
    this.processOwner = identity.owner();
    this.check = new TargetCheck(identity.isRoot());
  }

  /** Returns the temporary name {@code op} is written under. */
  public Path tempFor(FileOp op) {
    return TempNames.of(op.target(), runId, op.seq());
  }

  /**
   * Copies one entry; failures are returned, not thrown, so that a batch goes on after one.
   *
   * @throws FileCopier.CancelledException if {@code cancelled} turned true mid-copy (the
   *     temporary file is already removed)
   */
  public OpResult copy(FileOp op, LongConsumer progress, BooleanSupplier cancelled)
      throws FileCopier.CancelledException {
    Path temp = tempFor(op);
    try {
      return op.kind() == OpKind.FILE
          ? copyFile(op, temp, progress, cancelled)
          : copyLink(op, temp);
    } catch (FileCopier.CancelledException e) {
      deleteQuietly(temp);
      throw e;
    } catch (FileCopier.ReadFailure e) {
      deleteQuietly(temp);
      return OpResult.failed(Reasons.of(e.getCause()));
    } catch (IOException | RuntimeException e) {
      // Everything but reading the source happens in the destination.
      deleteQuietly(temp);
      return Reasons.refusesWrites(e)
          ? OpResult.targetRefusesWrites(Reasons.of(e)) : OpResult.failedWriting(Reasons.of(e));
    }
  }

  private OpResult copyFile(FileOp op, Path temp, LongConsumer progress, BooleanSupplier cancelled)
      throws IOException {
    if (upToDate(op)) {
      return OpResult.skipped();
    }
    FileCopier.Copied copied = copier.copy(op.source(), temp, op.mode(), op.size(), op.mtime(),
        op.atime(), progress, cancelled);
    boolean chowned = needsChown(op);
    if (chowned) {
      MetadataWriter.setOwner(temp, op.owner(), false);
    }
    if (chowned || !copier.createsWithMode(op.mode())) {
      Files.setAttribute(temp, "unix:mode", op.mode());
    }
    if (!copied.timesSet()) {
      MetadataWriter.setTimes(temp, op.mtime(), op.atime());
    }
    Files.move(temp, op.target(), StandardCopyOption.ATOMIC_MOVE);
    return OpResult.copied(copied.bytes());
  }

  private OpResult copyLink(FileOp op, Path temp) throws IOException {
    if (upToDate(op)) {
      return OpResult.skipped();
    }
    Files.createSymbolicLink(temp, op.linkTarget());
    if (needsChown(op)) {
      MetadataWriter.setOwner(temp, op.owner(), true);
    }
    MetadataWriter.applyToLink(temp, op.mtime(), op.atime());
    Files.move(temp, op.target(), StandardCopyOption.ATOMIC_MOVE);
    return OpResult.copied(0);
  }

  /** Whether a new copy, which belongs to this process, must be given the source's owner. */
  private boolean needsChown(FileOp op) {
    return keepsOwners(op) && !op.owner().sameAs(processOwner);
  }

  /** Owners are kept as {@code cp -a} and rsync keep them: when running as root. */
  private boolean keepsOwners(FileOp op) {
    return identity.isRoot() && op.owner().isKnown();
  }

  /**
   * Whether the target already holds this entry's content, after fixing its mode and owner if
   * only those differ. Nothing is looked at when the coordinator already found the target stale.
   */
  private boolean upToDate(FileOp op) throws IOException {
    if (force || op.targetChecked()) {
      return false;
    }
    EntryAttributes existing = TargetCheck.read(op);
    TargetCheck.Verdict verdict = check.compare(op, existing);
    if (verdict == TargetCheck.Verdict.SAME_CONTENT) {
      boolean link = op.kind() == OpKind.SYMLINK;
      boolean chowned = check.ownerDiffers(op, existing);
      if (chowned) {
        MetadataWriter.setOwner(op.target(), op.owner(), link);
      }
      // chown clears set-id bits, so the mode is set again after it.
      if (!link && (chowned || existing.mode() != op.mode())) {
        Files.setAttribute(op.target(), "unix:mode", op.mode());
      }
    }
    return verdict != TargetCheck.Verdict.STALE;
  }

  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // The entry has already failed for a better reason; the coordinator sweeps leftovers.
    }
  }
}
