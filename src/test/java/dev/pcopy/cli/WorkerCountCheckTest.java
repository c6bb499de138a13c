package dev.pcopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkerCountCheckTest {

  @Test
  void warning_countUpToFourTimesTheProcessors_isFine() {
    assertEquals(Optional.empty(), new WorkerCountCheck(8, 2).warning());
    assertEquals(Optional.empty(), new WorkerCountCheck(1, 1).warning());
    assertEquals(Optional.empty(), new WorkerCountCheck(256, 64).warning());
  }

  @Test
  void warning_countAboveFourTimesTheProcessors_saysEachWorkerIsAJvm() {
    assertEquals(Optional.of("pcopy: warning: --workers 256 is more than 4 times the number of"
            + " processors (2); each worker is a separate JVM process"),
        new WorkerCountCheck(256, 2).warning());
    assertEquals(Optional.of("pcopy: warning: --workers 9 is more than 4 times the number of"
            + " processors (2); each worker is a separate JVM process"),
        new WorkerCountCheck(9, 2).warning());
  }
}
