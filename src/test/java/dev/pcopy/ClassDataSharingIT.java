package dev.pcopy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.Shell;
import dev.pcopy.testing.TestTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data-sharing archives the build makes: the coordinator and the workers start from
 * them, and an install they do not fit (moved elsewhere) runs without them and without a word.
 */
class ClassDataSharingIT {
  @TempDir
  Path tmp;

  @Test
  void coordinatorAndWorkers_loadTheirClassesFromTheArchives() throws IOException {
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

  @Test
  void anInstallMovedElsewhere_runsWithoutTheArchivesAndSaysNothingAboutThem() throws IOException {
    Path moved = movedInstall();
    Path src = TestTrees.at(tmp.resolve("src"), 32).file("a", 100, 0644).finish();

    PcopyResult result = Pcopy.args(src.toString(), tmp.resolve("dst").toString())
        .launchedBy(moved.resolve("bin/pcopy"))
        .run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals("", result.stderr(), result.toString());
    assertFalse(result.stdout().contains("cds"), result.stdout());
    assertTrue(Files.exists(tmp.resolve("dst/a")));
  }

  @Test
  void anInstallMovedElsewhere_keepsTheJdksOwnArchive() throws IOException {
    Path moved = movedInstall();
    Path log = tmp.resolve("coordinator.log");

    PcopyResult result = Pcopy.args("--version")
        .launchedBy(moved.resolve("bin/pcopy"))
        .env("PCOPY_JAVA_OPTS", "-Xlog:class+load:file=" + log)
        .run();

    assertEquals(0, result.exitCode(), result.toString());
    // The static archive made for the original install would not fit here, and a static archive
    // that does not fit leaves the JVM with none: the launcher must not pass it.
    assertFalse(loadedFromArchive(log, "dev.pcopy.Main"), "the moved install used an archive");
    if (Files.exists(Path.of(System.getProperty("java.home"), "lib/server/classes.jsa"))) {
      assertTrue(loadedFromArchive(log, "java.lang.Object"),
          "the moved install lost the JDK's own archive");
    }
  }

  /** Copies the built install to another directory and returns the copy's home. */
  private Path movedInstall() throws IOException {
    Path home = Pcopy.launcher().getParent().getParent();
    Shell.run(tmp, "cp -a '" + home + "' moved");
    return tmp.resolve("moved");
  }

  private static boolean loadedFromArchive(Path log, String className) throws IOException {
    return Files.readAllLines(log).stream()
        .anyMatch(l -> l.contains(" " + className + " source: shared objects file"));
  }
}
