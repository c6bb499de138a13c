package dev.pcopy.events;

import dev.pcopy.fs.Names;
import dev.pcopy.fs.Stat;
import dev.pcopy.plan.Action;
import dev.pcopy.plan.Action.Delete;
import dev.pcopy.plan.Action.FinishDirectory;
import dev.pcopy.plan.Action.FixMetadata;
import dev.pcopy.plan.Action.HardLink;
import dev.pcopy.plan.Action.MakeDirectory;
import dev.pcopy.plan.Action.RemoveLeftover;
import dev.pcopy.plan.Action.Skip;
import dev.pcopy.plan.Action.WriteFile;
import dev.pcopy.plan.Action.WriteLink;
import dev.pcopy.plan.Action.WriteSpecial;
import dev.pcopy.plan.DirectoryFixes;
import dev.pcopy.progress.Eta;
import dev.pcopy.progress.Snapshot;
import dev.pcopy.progress.Summary;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code --json}: one JSON object a line on standard output, schema version {@link #SCHEMA}
 * ({@code docs/json.md}). A {@code start} event, {@code entry} events (each action with
 * {@code -v} or in a dry run; without them none), {@code error} and {@code warning} events as
 * they happen, a {@code progress} event every progress interval, and a {@code summary} at the
 * end with the exit code.
 */
public final class JsonEventLog implements EventLog {
  /** The version of the event format: a change that breaks a reader raises it. */
  public static final int SCHEMA = 1;

  private final PrintStream out;
  private final boolean entries;
  private final Clock clock;
  private final Duration interval;
  private Instant lastProgress;

  /**
   * @param out where the lines go
   * @param entries whether every action is told ({@code -v}, a dry run), not only failures
   * @param clock tells when a progress event is due
   * @param interval time between progress events
   */
  public JsonEventLog(PrintStream out, boolean entries, Clock clock, Duration interval) {
    this.out = out;
    this.entries = entries;
    this.clock = clock;
    this.interval = interval;
  }

  @Override
  public synchronized void started(Start start) {
    lastProgress = clock.instant();
    print(JsonLine.of("start").put("version", SCHEMA).put("pcopy", start.version())
        .bytesList("arguments", start.arguments()).bytes("source", start.source())
        .bytes("destination", start.destination()).put("workers", start.workers())
        .put("dry_run", start.dryRun()).put("time", clock.instant().toString()));
  }

  @Override
  public boolean tellsEntries() {
    return entries;
  }

  @Override
  public synchronized void entry(Action action) {
    if (!entries) {
      return;
    }
    JsonLine line = describe(action);
    if (line != null) {
      print(line);
    }
  }

  /** The event of an action, or null for one that changes nothing worth telling. */
  private static JsonLine describe(Action a) {
    byte[] path = Names.join(a.dir(), a.name());
    if (a instanceof MakeDirectory) {
      return entry("mkdir", path);
    } else if (a instanceof WriteFile f) {
      return entry("copy", path).put("bytes", f.size());
    } else if (a instanceof WriteLink l) {
      return entry("link", path).bytes("link_text", l.text());
    } else if (a instanceof HardLink h) {
      return entry("hardlink", path).bytes("to", Names.join(h.anchorDir(), h.anchorName()));
    } else if (a instanceof WriteSpecial s) {
      JsonLine line = entry(special(s.kind()), path);
      return s.kind() == Stat.Kind.CHAR_DEVICE || s.kind() == Stat.Kind.BLOCK_DEVICE
          ? line.put("rdev", s.rdev()) : line;
    } else if (a instanceof FixMetadata f) {
      JsonLine line = entry("fix", path);
      if (f.mode() != -1 && f.kind() != Stat.Kind.SYMLINK) {
        line.put("mode", mode(f.mode()));
      }
      if (f.chown()) {
        line.put("uid", f.uid()).put("gid", f.gid());
      }
      return f.mtime() == null ? line : line.put("times", true);
    } else if (a instanceof FinishDirectory f) {
      DirectoryFixes fixes = f.fixes();
      if (!fixes.any()) {
        return null;
      }
      JsonLine line = entry("fix", Names.join(f.dir(), f.name()));
      if (fixes.mode()) {
        line.put("mode", mode(f.meta().mode()));
      }
      if (fixes.owner()) {
        line.put("uid", f.meta().uid()).put("gid", f.meta().gid());
      }
      if (fixes.acls()) {
        line.put("acls", true);
      }
      if (fixes.xattrs()) {
        line.put("xattrs", true);
      }
      return fixes.times() ? line.put("times", true) : line;
    } else if (a instanceof Skip s) {
      return entry("skip", path).put("bytes", s.size());
    } else if (a instanceof Delete d) {
      return entry("delete", path).put("kind", kind(d.kind()));
    } else if (a instanceof RemoveLeftover) {
      return entry("remove", path);
    }
    return null;
  }

  private static JsonLine entry(String action, byte[] path) {
    return JsonLine.of("entry").put("action", action).bytes("path", path);
  }

  private static String special(Stat.Kind kind) {
    return switch (kind) {
      case FIFO -> "mkfifo";
      case SOCKET -> "mksock";
      default -> "mknod";
    };
  }

  private static String mode(int mode) {
    return String.format(Locale.ROOT, "%04o", mode);
  }

  private static String kind(Stat.Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public synchronized void failed(boolean target, byte[] path, String reason) {
    print(JsonLine.of("error").bytes("path", path).put("side", target ? "destination" : "source")
        .put("reason", reason));
  }

  @Override
  public synchronized void warned(byte[] path, String message) {
    JsonLine line = JsonLine.of("warning");
    if (path != null) {
      line.bytes("path", path);
    }
    print(line.put("message", message));
  }

  @Override
  public synchronized void progress(Snapshot s) {
    Instant now = clock.instant();
    if (lastProgress != null && Duration.between(lastProgress, now).compareTo(interval) < 0) {
      return;
    }
    lastProgress = now;
    print(JsonLine.of("progress").put("elapsed_seconds", seconds(s.elapsed()))
        .put("entries_done", s.entriesDone()).put("entries_total", s.entriesTotal())
        .put("bytes_done", s.bytesDone()).put("bytes_total", s.bytesTotal())
        .put("totals_final", s.totalsFinal()).put("bytes_written", s.bytesWritten())
        .put("rate_bytes_per_second", s.rate())
        .put("eta_seconds", s.eta().state() == Eta.State.KNOWN ? s.eta().seconds() : Double.NaN)
        .put("eta_state", s.eta().state().name().toLowerCase(Locale.ROOT))
        .put("idle_seconds", seconds(s.eta().idle()))
        .put("failed", s.failed()));
  }

  @Override
  public synchronized void hosts(List<Host> hosts) {
    for (Host h : hosts) {
      print(JsonLine.of("host").put("host", h.host()).put("entries", h.entries())
          .put("failed", h.failed()).put("bytes_written", h.bytes()).put("losses", h.losses())
          .put("retired", h.retired()).put("not_used", h.notUsed()));
    }
  }

  @Override
  public synchronized void finished(Summary s, int exitCode) {
    JsonLine line = JsonLine.of("summary").put("exit_code", exitCode);
    if (s != null) {
      double seconds = seconds(s.elapsed());
      line.put("ending", s.ending().name().toLowerCase(Locale.ROOT))
          .put("files_copied", s.filesCopied()).put("links_copied", s.linksCopied())
          .put("specials_copied", s.specialsCopied()).put("modes_fixed", s.modesFixed())
          .put("owners_fixed", s.ownersFixed()).put("times_fixed", s.timesFixed())
          .put("xattrs_fixed", s.xattrsFixed())
          .put("deleted", s.deleted()).put("unchanged", s.unchanged()).put("failed", s.failed())
          .put("not_kept", s.notKept()).put("bytes_written", s.bytesWritten())
          .put("seconds", seconds)
          .put("rate_bytes_per_second", seconds > 0 ? s.bytesWritten() / seconds : 0.0);
    }
    print(line);
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private void print(JsonLine line) {
    out.println(line.text());
    out.flush();
  }
}
