package dev.pcopy.copy;

import dev.pcopy.plan.EntryAttributes;
import dev.pcopy.plan.EntryAttributes.EntryType;
import dev.pcopy.plan.FileOp;
import dev.pcopy.plan.OpKind;
import dev.pcopy.plan.Owner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Optional;

/**
 * Compares an entry's target with its source: the one place that decides whether a target is
 * already a finished copy, for the coordinator's walk, the workers and {@code --dry-run} alike.
 */
public final class TargetCheck {
  /** How a target compares with its source entry. */
  public enum Verdict {
    /** Nothing there, or something else: the entry must be written. */
    STALE,
    /** The same content (quick check, or the same link text), but mode or owner differ. */
    SAME_CONTENT,
    /** A finished copy: nothing to do. */
    CURRENT
  }

  /** The reason rename(2) gives (EISDIR) when a file or link would replace a directory. */
  static final String IS_A_DIRECTORY = "Is a directory";

  private final boolean keepOwners;

  /** @param keepOwners whether owners are part of a finished copy (when running as root) */
  public TargetCheck(boolean keepOwners) {
    this.keepOwners = keepOwners;
  }

  /** Reads the target of {@code op}; {@code null} if there is none. */
  public static EntryAttributes read(FileOp op) throws IOException {
    try {
      return EntryAttributes.read(op.target(), false);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /**
   * Returns why writing an entry over {@code target} (as {@link #read} returned it) must fail,
   * or empty. A worker learns it only from its final rename, after copying: renaming a file or
   * link over a directory fails, empty or not; {@code --dry-run} says so in advance.
   */
  public static Optional<String> obstacle(EntryAttributes target) {
    return target != null && target.type() == EntryType.DIRECTORY
        ? Optional.of(IS_A_DIRECTORY) : Optional.empty();
  }

  /**
   * Compares {@code target} (as {@link #read} returned it) with {@code op}'s source; reads the
   * link text of a link target.
   */
  public Verdict compare(FileOp op, EntryAttributes target) throws IOException {
    if (target == null || !sameContent(op, target)) {
      return Verdict.STALE;
    }
    boolean sameMode = op.kind() == OpKind.SYMLINK || target.mode() == op.mode();
    return sameMode && !ownerDiffers(op, target) ? Verdict.CURRENT : Verdict.SAME_CONTENT;
  }

  /** Whether the owner of a target holding the right content must still be changed. */
  public boolean ownerDiffers(FileOp op, EntryAttributes target) {
    return ownerDiffers(op.owner(), target.owner());
  }

  /** Whether a target owned by {@code target} must be given the source's {@code source}. */
  public boolean ownerDiffers(Owner source, Owner target) {
    return keepOwners && source.isKnown() && !source.sameAs(target);
  }

  private static boolean sameContent(FileOp op, EntryAttributes target) throws IOException {
    if (op.kind() == OpKind.FILE) {
      return target.type() == EntryType.FILE
          && QuickCheck.unchanged(op.size(), op.mtime(), target.size(), target.mtime());
    }
    return target.type() == EntryType.SYMLINK
        && Files.readSymbolicLink(op.target()).equals(op.linkTarget());
  }
}
