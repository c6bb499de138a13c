package dev.pcopy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.RunningPcopy;
import dev.pcopy.testing.Shell;
import dev.pcopy.testing.TestTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data-sharing archives: the coordinator and the workers start from them; an install
 * gets its own in the user's cache, made in the background at its first run (which goes on
 * without them, and without a word), whole or not at all, once however many runs start at once;
 * and a cache that cannot be written only leaves pcopy slower.
 */
class ClassDataSharingIT {
  /** How long one training copy may take on a busy machine. */
  private static final Duration MAKING = Duration.ofSeconds(180);

  @TempDir
  Path tmp;

  @Test
  void coordinatorAndWorkers_loadTheirClassesFromTheArchives() throws IOException {
    // The build made the archives of its own install before the tests (pom.xml).
    Path src = TestTrees.at(tmp.resolve("src"), 31).file("a", 100, 0644).file("b/c", 10, 0644)
        .finish();
    Path logs = Files.createDirectory(tmp.resolve("logs"));

    PcopyResult result = Pcopy.args(src.toString(), tmp.resolve("dst").toString())
        .env("PCOPY_JAVA_OPTS", "-Xlog:class+load:file=" + logs.resolve("coordinator.log"))
        .env("PCOPY_WORKER_JAVA_OPTS", "-Xlog:class+load:file=" + logs.resolve("worker%p.log"))
        .run();

    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(loadedFromArchive(logs.resolve("coordinator.log"), "dev.pcopy.Main"),
        "the coordinator did not use its archive");
    // picocli's are pre-Java-6 class files, which only a static archive can hold.
    assertTrue(loadedFromArchive(logs.resolve("coordinator.log"), "picocli.CommandLine"),
        "picocli was not in the coordinator's archive");
    assertWorkersUsedTheirArchive(logs);
  }

  @Test
  void anInstallElsewhere_firstRunGoesOnWithoutArchives_laterRunsHaveThem() throws IOException {
    Path install = copyOfTheInstall("elsewhere");
    Path cache = tmp.resolve("cache");
    Path src = TestTrees.at(tmp.resolve("src"), 32).file("a", 100, 0644).finish();
    Path first = tmp.resolve("first.log");

    PcopyResult result = Pcopy.args(src.toString(), tmp.resolve("dst1").toString())
        .launchedBy(install.resolve("bin/pcopy"))
        .env("XDG_CACHE_HOME", cache.toString())
        .env("PCOPY_JAVA_OPTS", "-Xlog:class+load:file=" + first)
        .run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals("", result.stderr(), result.toString());
    assertTrue(Files.exists(tmp.resolve("dst1/a")));
    assertFalse(loadedFromArchive(first, "dev.pcopy.Main"), "archives of another install used");
    // A static archive that does not fit would leave the JVM without the JDK's own archive too.
    if (Files.exists(Path.of(System.getProperty("java.home"), "lib/server/classes.jsa"))) {
      assertTrue(loadedFromArchive(first, "java.lang.Object"), "the JDK's own archive was lost");
    }

    Path entry = awaitTheOnlyEntry(cache);
    assertTrue(Files.isRegularFile(entry.resolve("coordinator.jsa")), listing(entry));
    assertTrue(Files.isRegularFile(entry.resolve("worker.jsa")), listing(entry));

    Path logs = Files.createDirectory(tmp.resolve("logs"));
    result = Pcopy.args(src.toString(), tmp.resolve("dst2").toString())
        .launchedBy(install.resolve("bin/pcopy"))
        .env("XDG_CACHE_HOME", cache.toString())
        .env("PCOPY_JAVA_OPTS", "-Xlog:class+load:file=" + logs.resolve("coordinator.log"))
        .env("PCOPY_WORKER_JAVA_OPTS", "-Xlog:class+load:file=" + logs.resolve("worker%p.log"))
        .run();

    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(loadedFromArchive(logs.resolve("coordinator.log"), "dev.pcopy.Main"),
        "the second run did not use the archives made after the first");
    assertWorkersUsedTheirArchive(logs);
  }

  @Test
  void firstRunsAtOnce_makeOneEntry_andLeaveNothingHalfMade() throws IOException {
    Path install = copyOfTheInstall("concurrent");
    Path cache = tmp.resolve("cache");
    Path src = TestTrees.at(tmp.resolve("src"), 33).file("a", 100, 0644).finish();
    List<RunningPcopy> runs = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        runs.add(Pcopy.args(src.toString(), tmp.resolve("dst" + i).toString())
            .launchedBy(install.resolve("bin/pcopy"))
            .env("XDG_CACHE_HOME", cache.toString())
            .start());
      }
      for (RunningPcopy run : runs) {
        PcopyResult result = run.awaitExit(Duration.ofSeconds(60));
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("", result.stderr(), result.toString());
      }
    } finally {
      runs.forEach(RunningPcopy::close);
    }

    Path entry = awaitTheOnlyEntry(cache);
    assertTrue(Files.isRegularFile(entry.resolve("coordinator.jsa")), listing(entry));
    assertEquals(List.of(".cds-" + entry.getFileName().toString().substring(4) + ".lock",
        entry.getFileName().toString()), names(entry.getParent()), "left in the cache");
  }

  @Test
  void anInstallWhoseJarsChanged_getsNewArchives_andTheOldOnesGo() throws IOException {
    Path install = copyOfTheInstall("rebuilt");
    Path cache = tmp.resolve("cache");
    assertEquals(0, now(install, cache).exitCode());
    Path before = awaitTheOnlyEntry(cache);

    // An empty jar: the class path is the same, but the jars' contents are not.
    Files.write(install.resolve("lib/pcopy/extra.jar"), new byte[] {'P', 'K', 5, 6,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    PcopyResult result = now(install, cache);

    assertEquals(0, result.exitCode(), result.toString());
    Path after = awaitTheOnlyEntry(cache);
    assertNotEquals(before, after);
    assertTrue(Files.isRegularFile(after.resolve("coordinator.jsa")), listing(after));
  }

  @Test
  void aCacheThatCannotBeWritten_onlyLeavesPcopySlower() throws IOException {
    Path install = copyOfTheInstall("readonly");
    Path cache = Files.createDirectory(tmp.resolve("readonly-cache"));
    Path src = TestTrees.at(tmp.resolve("src"), 34).file("a", 100, 0644).finish();
    Pcopy.handOverToUnprivilegedUser(tmp, src);
    Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("r-xr-xr-x"));

    PcopyResult result = Pcopy.args(src.toString(), tmp.resolve("dst").toString())
        .launchedBy(install.resolve("bin/pcopy"))
        .unprivileged()
        .env("XDG_CACHE_HOME", cache.toString())
        .run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals("", result.stderr(), result.toString());
    assertTrue(Files.exists(tmp.resolve("dst/a")));
    awaitNoMaker(cache);
    assertEquals(List.of(), names(cache));
  }

  @Test
  void aCacheSomeoneElseCouldChange_isNeitherUsedNorWrittenInto() throws IOException {
    Path cache = Files.createDirectory(tmp.resolve("theirs"));
    Path log = tmp.resolve("coordinator.log");
    // Another user's cache directory, as in a root run with HOME or XDG_CACHE_HOME left at the
    // user's: whoever owns it could replace the archives the JVM would map.
    Shell.run(tmp, "chown " + Pcopy.unprivilegedUid() + " theirs");

    PcopyResult result = Pcopy.args("--version")
        .env("XDG_CACHE_HOME", cache.toString())
        .env("PCOPY_CDS", "now")
        .env("PCOPY_JAVA_OPTS", "-Xlog:class+load:file=" + log)
        .run();

    assertEquals(0, result.exitCode(), result.toString());
    assertFalse(loadedFromArchive(log, "dev.pcopy.Main"));
    awaitNoMaker(cache);
    assertEquals(List.of(), names(cache));
  }

  @Test
  void pcopyCdsOff_neitherUsesNorMakesArchives() throws IOException {
    Path cache = tmp.resolve("cache");
    Path log = tmp.resolve("coordinator.log");

    PcopyResult result = Pcopy.args("--version")
        .env("XDG_CACHE_HOME", cache.toString())
        .env("PCOPY_CDS", "off")
        .env("PCOPY_JAVA_OPTS", "-Xlog:class+load:file=" + log)
        .run();

    assertEquals(0, result.exitCode(), result.toString());
    assertFalse(loadedFromArchive(log, "dev.pcopy.Main"));
    awaitNoMaker(cache);
    assertFalse(Files.exists(cache), "PCOPY_CDS=off wrote into the cache");
  }

  /** Copies the built install to another directory, as unpacking the tarball there would. */
  private Path copyOfTheInstall(String name) {
    Path home = Pcopy.launcher().getParent().getParent();
    Shell.run(tmp, "cp -a '" + home + "' '" + name + "'");
    return tmp.resolve(name);
  }

  /** A run that waits for the archives of {@code install} to be made into {@code cache}. */
  private static PcopyResult now(Path install, Path cache) {
    return Pcopy.args("--version")
        .launchedBy(install.resolve("bin/pcopy"))
        .env("XDG_CACHE_HOME", cache.toString())
        .env("PCOPY_CDS", "now")
        .timeout(MAKING)
        .run();
  }

  /** Waits until no maker works on {@code cache}, then returns its one entry. */
  private static Path awaitTheOnlyEntry(Path cache) throws IOException {
    awaitNoMaker(cache);
    Path pcopy = cache.resolve("pcopy");
    List<String> entries = names(pcopy).stream().filter(n -> n.startsWith("cds-")).toList();
    assertEquals(1, entries.size(), "entries: " + names(pcopy));
    return pcopy.resolve(entries.get(0));
  }

  /** Waits until no make-cds-archives.sh writes into {@code cache}; fails after a while. */
  private static void awaitNoMaker(Path cache) {
    long deadline = System.nanoTime() + MAKING.toNanos();
    while (ProcessHandle.allProcesses().anyMatch(p -> p.info().arguments()
        .map(a -> String.join(" ", a))
        .filter(a -> a.contains("make-cds-archives.sh") && a.contains(cache.toString()))
        .isPresent())) {
      assertTrue(System.nanoTime() < deadline, "the archives were not made within " + MAKING);
      sleep(100);
    }
  }

  private static void assertWorkersUsedTheirArchive(Path logs) throws IOException {
    List<Path> workerLogs;
    try (Stream<Path> files = Files.list(logs)) {
      workerLogs = files.filter(f -> f.getFileName().toString().startsWith("worker")).toList();
    }
    assertFalse(workerLogs.isEmpty(), "no worker started");
    for (Path log : workerLogs) {
      assertTrue(loadedFromArchive(log, "dev.pcopy.worker.WorkerMain"),
          "a worker did not use its archive: " + log);
    }
  }

  private static boolean loadedFromArchive(Path log, String className) throws IOException {
    return Files.readAllLines(log).stream()
        .anyMatch(l -> l.contains(" " + className + " source: shared objects file"));
  }

  /** The names in {@code dir}, sorted; none if it does not exist. */
  private static List<String> names(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  private static String listing(Path dir) throws IOException {
    return dir + ": " + names(dir) + "\n" + (Files.exists(dir.resolve("log"))
        ? Files.readString(dir.resolve("log")) : "(no log)");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
