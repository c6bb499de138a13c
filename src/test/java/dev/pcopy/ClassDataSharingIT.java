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
    Path home = Pcopy.launcher().getParent().getParent();
    Path moved = tmp.resolve("moved");
    Shell.run(tmp, "cp -a '" + home + "' moved");
    Path src = TestTrees.at(tmp.resolve("src"), 32).file("a", 100, 0644).finish();

    PcopyResult result = Pcopy.args(src.toString(), tmp.resolve("dst").toString())
        .launchedBy(moved.resolve("bin/pcopy"))
        .run();

    assertEquals(0, result.exitCode(), result.toString());
    assertEquals("", result.stderr(), result.toString());
    assertFalse(result.stdout().contains("cds"), result.stdout());
    assertTrue(Files.exists(tmp.resolve("dst/a")));
  }

  private static boolean loadedFromArchive(Path log, String className) throws IOException {
    return Files.readAllLines(log).stream()
        .anyMatch(l -> l.contains(" " + className + " source: shared objects file"));
  }
}
