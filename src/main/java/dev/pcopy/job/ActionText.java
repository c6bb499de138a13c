package dev.pcopy.job;

import dev.pcopy.fs.PathText;
import dev.pcopy.fs.Stat;
import dev.pcopy.plan.Action;
import dev.pcopy.plan.Action.FinishDirectory;
import dev.pcopy.plan.Action.FixMetadata;
import dev.pcopy.plan.Action.HardLink;
import dev.pcopy.plan.Action.MakeDirectory;
import dev.pcopy.plan.Action.RemoveLeftover;
import dev.pcopy.plan.Action.WriteFile;
import dev.pcopy.plan.Action.WriteLink;
import dev.pcopy.plan.Action.WriteSpecial;
import dev.pcopy.plan.DirectoryFixes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lines that say what an action does, as a dry run lists them and {@code -v} prints them
 * when they are carried out: one format, so the two are the same lines.
 *
 * <p>{@code mkdir sub}, {@code copy sub/a}, {@code link sub/l -> ../a},
 * {@code hardlink sub/b => sub/a}, {@code mkfifo sub/p}, {@code mksock sub/s},
 * {@code mknod sub/d c 8 1}, {@code chown 1000:1000 sub/b}, {@code chmod 644 sub/b},
 * {@code touch sub/b} (its times, when {@code --checksum} found its bytes equal; those of a
 * link or special file whose time alone differs, or of an existing directory),
 * {@code setfacl sub} and {@code setfattr sub} (an existing directory's ACLs or other extended
 * attributes), {@code remove sub/.pcopy-...tmp}. A skip or a refusal has no line (a refusal is
 * an error).
 */
final class ActionText {
  private ActionText() {}

  /** Returns the lines for {@code action}, named by {@code display}; none for some actions. */
  static List<String> of(Action action, Display display) {
    byte[] dir = action.dir();
    byte[] name = action.name();
    if (action instanceof MakeDirectory) {
      return List.of("mkdir " + display.line(dir, name));
    } else if (action instanceof WriteFile) {
      return List.of("copy " + display.lineWithTarget(dir, name));
    } else if (action instanceof WriteLink l) {
      return List.of("link " + display.line(dir, name) + " -> " + PathText.escape(l.text()));
    } else if (action instanceof HardLink h) {
      return List.of("hardlink " + display.line(dir, name) + " => "
          + display.line(h.anchorDir(), h.anchorName()));
    } else if (action instanceof WriteSpecial s) {
      return List.of(special(s, display.line(dir, name)));
    } else if (action instanceof FixMetadata f) {
      List<String> lines = new ArrayList<>(2);
      if (f.chown()) {
        lines.add(chown(f.uid(), f.gid(), display.copyLine(dir, name)));
      }
      if (f.mode() != -1 && (f.kind() != Stat.Kind.SYMLINK)) {
        lines.add(chmod(f.mode(), display.copyLine(dir, name)));
      }
      if (f.mtime() != null) {
        lines.add("touch " + display.line(dir, name));
      }
      return lines;
    } else if (action instanceof Action.Delete d) {
      return List.of("delete " + display.line(dir, name)
          + (d.kind() == Stat.Kind.DIRECTORY ? "/" : ""));
    } else if (action instanceof RemoveLeftover) {
      return List.of("remove " + display.beside(dir, name));
    } else if (action instanceof FinishDirectory f) {
      List<String> lines = new ArrayList<>(2);
      String shown = display.line(dir, f.name());
      DirectoryFixes fixes = f.fixes();
      if (fixes.owner()) {
        lines.add(chown(f.meta().uid(), f.meta().gid(), shown));
      }
      if (fixes.mode()) {
        lines.add(chmod(f.meta().mode(), shown));
      }
      if (fixes.acls()) {
        lines.add("setfacl " + shown);
      }
      if (fixes.xattrs()) {
        lines.add("setfattr " + shown);
      }
      if (fixes.times()) {
        lines.add("touch " + shown);
      }
      return lines;
    }
    return List.of();
  }

  private static String special(WriteSpecial s, String shown) {
    return switch (s.kind()) {
      case FIFO -> "mkfifo " + shown;
      case SOCKET -> "mksock " + shown;
      default -> "mknod " + shown + (s.kind() == Stat.Kind.CHAR_DEVICE ? " c " : " b ")
          + major(s.rdev()) + " " + minor(s.rdev());
    };
  }

  /** The major number of a Linux device number (glibc's gnu_dev_major). */
  static long major(long dev) {
    return ((dev >>> 32) & 0xfffff000L) | ((dev >>> 8) & 0xfffL);
  }

  /** The minor number of a Linux device number (glibc's gnu_dev_minor). */
  static long minor(long dev) {
    return ((dev >>> 12) & 0xffffff00L) | (dev & 0xffL);
  }

  private static String chown(int uid, int gid, String shown) {
    return "chown " + (uid == -1 ? "" : String.valueOf(uid)) + (gid == -1 ? "" : ":" + gid)
        + " " + shown;
  }

  private static String chmod(int mode, String shown) {
    return "chmod " + String.format(Locale.ROOT, "%03o", mode) + " " + shown;
  }
}
