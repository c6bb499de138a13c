import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fastest a no-op re-run can go in a JVM with the JDK's file API: the Java twin of
 * rerun-floor.c. It lists every source directory, reads the attributes of every source entry and
 * of its target (one lstat each), and compares type, size and modification time; nothing else (no
 * command line, no sorting, no output). Threads split the entries two levels below SRC. Exits 1
 * if anything differs, so it also checks that DST is a complete copy.
 *
 * <pre>
 *   javac -d /tmp/rerun-floor src/bench/RerunFloor.java
 *   java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp /tmp/rerun-floor RerunFloor [--threads N] SRC DST
 * </pre>
 */
public final class RerunFloor {
  private static final AtomicLong DIFFER = new AtomicLong();

  public static void main(String[] args) throws Exception {
    int threads = 1;
    int i = 0;
    if (args.length > 1 && args[0].equals("--threads")) {
      threads = Integer.parseInt(args[1]);
      i = 2;
    }
    if (args.length - i != 2 || threads < 1) {
      System.err.println("usage: RerunFloor [--threads N] SRC DST");
      System.exit(2);
    }
    Path source = Paths.get(args[i]);
    Path target = Paths.get(args[i + 1]);
    List<Path> tops = new ArrayList<>();
    collect(source, target, source, 2, tops);
    AtomicInteger next = new AtomicInteger();
    List<Thread> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread thread = new Thread(() -> {
        for (int n = next.getAndIncrement(); n < tops.size(); n = next.getAndIncrement()) {
          Path s = tops.get(n);
          Path d = target.resolve(source.relativize(s));
          try {
            BasicFileAttributes sa = lstat(s);
            BasicFileAttributes da = lstat(d);
            if (!same(sa, da)) {
              DIFFER.incrementAndGet();
            } else if (sa.isDirectory()) {
              walk(s, d);
            }
          } catch (IOException e) {
            DIFFER.incrementAndGet();
          }
        }
      });
      thread.start();
      running.add(thread);
    }
    for (Thread thread : running) {
      thread.join();
    }
    if (DIFFER.get() > 0) {
      System.err.println("RerunFloor: " + DIFFER.get() + " entries differ from their copies");
      System.exit(1);
    }
  }

  private static void collect(Path source, Path target, Path dir, int levels, List<Path> tops)
      throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path s : entries) {
        Path d = target.resolve(source.relativize(s));
        BasicFileAttributes sa = lstat(s);
        if (levels > 1 && sa.isDirectory() && same(sa, lstat(d))) {
          collect(source, target, s, levels - 1, tops);
        } else {
          tops.add(s);
        }
      }
    }
  }

  private static void walk(Path source, Path target) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(source)) {
      for (Path s : entries) {
        Path d = target.resolve(s.getFileName());
        BasicFileAttributes sa = lstat(s);
        BasicFileAttributes da;
        try {
          da = lstat(d);
        } catch (IOException e) {
          DIFFER.incrementAndGet();
          continue;
        }
        if (!same(sa, da)) {
          DIFFER.incrementAndGet();
        } else if (sa.isDirectory()) {
          walk(s, d);
        }
      }
    }
  }

  private static BasicFileAttributes lstat(Path path) throws IOException {
    return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
  }

  private static boolean same(BasicFileAttributes a, BasicFileAttributes b) {
    if (a.isDirectory() != b.isDirectory() || a.isRegularFile() != b.isRegularFile()
        || a.isSymbolicLink() != b.isSymbolicLink()) {
      return false;
    }
    return !a.isRegularFile()
        || (a.size() == b.size() && a.lastModifiedTime().equals(b.lastModifiedTime()));
  }
}
