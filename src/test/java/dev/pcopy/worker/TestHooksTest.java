package dev.pcopy.worker;

import static dev.pcopy.testing.Raw.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.copy.FileCopier;
import dev.pcopy.copy.FileCopier.WriteGate;
import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Errno;
import dev.pcopy.fs.FileHandle;
import dev.pcopy.fs.SysException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's test hooks, read from system properties (they replaced the old
 * {@code --test-worker-*} options): no hook by default, a pause before each action, and a
 * destination with limited room that takes what fits, with a short count, then refuses as
 * ENOSPC, EDQUOT or EROFS, and still takes empty files.
 */
class TestHooksTest {
  @TempDir
  Path tmp;

  @AfterEach
  void clearProperties() {
    System.clearProperty("pcopy.test.workerDelay");
    System.clearProperty("pcopy.test.room");
    System.clearProperty("pcopy.test.refusal");
    System.clearProperty("pcopy.test.sliceDelay");
  }

  @Test
  void fromProperties_withoutAny_pausesNever_andLetsEveryByteThrough() {
    TestHooks hooks = TestHooks.fromProperties();

    assertEquals(0, hooks.delayMillis());
    assertSame(WriteGate.OPEN, hooks.gate());
  }

  @Test
  void fromProperties_readsTheDelayRoomAndRefusal() {
    System.setProperty("pcopy.test.workerDelay", "7");
    System.setProperty("pcopy.test.room", "10");
    System.setProperty("pcopy.test.refusal", "edquot");

    TestHooks hooks = TestHooks.fromProperties();

    assertEquals(7, hooks.delayMillis());
    SysException e = assertThrows(SysException.class, () -> {
      hooks.gate().allow(100);
      hooks.gate().allow(100);
    });
    assertEquals(Errno.EDQUOT, e.errno());
  }

  /** A slow disk: the gate waits before it says, and still says what the room allows. */
  @Test
  void sliceDelay_slowsEverySlice_andKeepsTheRoom() throws SysException {
    System.setProperty("pcopy.test.sliceDelay", "30");
    System.setProperty("pcopy.test.room", "100");

    WriteGate gate = TestHooks.fromProperties().gate();
    long started = System.nanoTime();
    long allowed = gate.allow(60) + gate.allow(60);

    assertEquals(100, allowed);
    // A lower bound only: sleeping can take longer on a busy machine, never shorter.
    assertTrue(System.nanoTime() - started >= 2 * 30_000_000L);
    assertThrows(SysException.class, () -> gate.allow(1));
  }

  @Test
  void limited_givesAShortCountThenRefusesWithItsErrno() throws SysException {
    WriteGate gate = TestHooks.limited(1000, Errno.EROFS);

    assertEquals(600, gate.allow(600));
    assertEquals(400, gate.allow(600));
    SysException e = assertThrows(SysException.class, () -> gate.allow(1));
    assertEquals(Errno.EROFS, e.errno());
  }

  @Test
  void limited_throughACopier_copiesWhatFitsThenFailsAsAFullDisk_butStillTakesEmptyFiles()
      throws IOException {
    Files.write(tmp.resolve("src"), new byte[600]);
    Files.write(tmp.resolve("empty"), new byte[0]);
    FileCopier copier = new FileCopier(1 << 20, TestHooks.limited(1000, Errno.ENOSPC));

    try (DirHandle d = DirHandle.open(b(tmp.toString()))) {
      assertEquals(600, copy(copier, d, "src", "dst1", 600));
      SysException e = assertThrows(SysException.class,
          () -> copy(copier, d, "src", "dst2", 600));
      assertEquals(0, copy(copier, d, "empty", "dst3", 0));

      assertEquals("No space left on device", e.getMessage());
    }
    // 601 bytes were allowed for the first copy (one past its size), so 399 fitted.
    assertEquals(399, Files.size(tmp.resolve("dst2")), "the short count wrote what fitted");
  }

  private static long copy(FileCopier copier, DirHandle d, String from, String to, long size)
      throws IOException {
    try (FileHandle in = d.openRead(b(from), false); FileHandle out = d.create(b(to), 0600)) {
      return copier.copy(in, in.stat(), size, out, n -> { }, () -> false);
    }
  }
}
