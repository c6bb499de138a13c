package dev.pcopy.job;

import static dev.pcopy.testing.Raw.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.copy.DirectoryWriter;
import dev.pcopy.copy.HandleCache;
import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Names;
import dev.pcopy.fs.SysException;
import dev.pcopy.plan.Action.Delete;
import dev.pcopy.plan.KeptDirectory;
import dev.pcopy.plan.Protection;
import dev.pcopy.testing.Raw;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Deleter} on a real target: the plan is told in the order of its paths whatever order
 * it came in, the same in a dry run as in a real one; {@code --max-delete} counts the entries
 * the plan removes and stops before anything goes; a planned entry replaced meanwhile is left
 * alone and reported; the kept directories are told as warnings.
 */
class DeleterTest {
  @TempDir
  Path tmp;
  private DirHandle root;
  private HandleCache targets;
  private final DirectoryWriter writer = new DirectoryWriter(false, false, false, false);
  private final List<String> told = new ArrayList<>();

  @BeforeEach
  void open() throws IOException {
    Files.createDirectories(tmp.resolve("old/sub"));
    Files.writeString(tmp.resolve("old/keep.log"), "k");
    Files.writeString(tmp.resolve("old/junk"), "j");
    Files.writeString(tmp.resolve("old/sub/x"), "x");
    Files.createDirectories(tmp.resolve("extra/deep"));
    Files.writeString(tmp.resolve("extra/deep/e"), "e");
    Files.writeString(tmp.resolve("top"), "t");
    root = DirHandle.open(b(tmp.toString()));
    targets = new HandleCache(root, false, 8);
  }

  @AfterEach
  void close() {
    targets.close();
    root.close();
  }

  private Delete planned(String dir, String name, long entries) throws SysException {
    return Delete.of(b(dir), b(name), targets.get(b(dir)).stat(b(name)), entries);
  }

  /** The plan the walk makes with {@code --exclude '*.log'}, in a scrambled order. */
  private Deleter.Plan plan() throws SysException {
    return new Deleter.Plan(List.of(planned("", "top", 1), planned("old", "sub", 2),
        planned("", "extra", 3), planned("old", "junk", 1)),
        List.of(new KeptDirectory(b(""), b("old"), Protection.EXCLUDED)),
        (path, stat, parent) -> Raw.s(path).endsWith(".log") ? Protection.EXCLUDED
            : Protection.NONE);
  }

  private final Deleter.Told recorder = new Deleter.Told() {
    @Override
    public void deleted(Delete d) {
      told.add("delete " + Raw.s(Names.join(d.dir(), d.name())));
    }

    @Override
    public void failed(byte[] dir, byte[] name, String why) {
      told.add("failed " + Raw.s(Names.join(dir, name)) + ": " + why);
    }

    @Override
    public void kept(KeptDirectory k) {
      told.add("kept " + Raw.s(Names.join(k.dir(), k.name())));
    }
  };

  @Test
  void dryRunAndRealRun_tellThePlanInTheOrderOfItsPaths_andCountTheSame() throws IOException {
    Deleter.Result dry = Deleter.list(plan(), -1, recorder);
    List<String> dryTold = List.copyOf(told);
    told.clear();

    Deleter.Result real = Deleter.run(plan(), writer, targets, -1, recorder);

    List<String> expected = List.of("delete extra", "delete old/junk", "delete old/sub",
        "delete top", "kept old");
    assertEquals(expected, dryTold);
    assertEquals(expected, told);
    assertEquals(new Deleter.Result(7, false, 7, 4), dry);
    assertEquals(7, real.deleted());
    assertTrue(Files.exists(tmp.resolve("old/keep.log")));
    assertFalse(Files.exists(tmp.resolve("old/junk")));
    assertFalse(Files.exists(tmp.resolve("extra")));
  }

  @Test
  void maxDelete_countsTheEntriesThePlanRemoves_andStopsBeforeAnything() throws IOException {
    Deleter.Result limited = Deleter.run(plan(), writer, targets, 6, recorder);
    Deleter.Result enough = Deleter.list(plan(), 7, recorder);

    assertEquals(new Deleter.Result(0, true, 7, 4), limited);
    assertFalse(enough.limited());
    assertTrue(Files.exists(tmp.resolve("old/junk")));
    assertTrue(Files.exists(tmp.resolve("extra/deep/e")));
    assertEquals("--max-delete 6: 4 deletions would remove 7 entries (a directory"
        + " counts with everything in it); deleted nothing",
        CopyJob.maxDeleteMessage(6, 0, limited));
    assertEquals("--max-delete 0: 1 deletion would remove 1 entry; deleted"
        + " nothing", CopyJob.maxDeleteMessage(0, 0, new Deleter.Result(0, true, 1, 1)));
  }

  @Test
  void anEntryReplacedAfterThePlan_isNotDeleted_andReported() throws IOException {
    Deleter.Plan plan = plan();
    Files.writeString(tmp.resolve("new"), "a new file under the old name");
    Files.move(tmp.resolve("new"), tmp.resolve("top"), StandardCopyOption.REPLACE_EXISTING);

    Deleter.run(plan, writer, targets, -1, recorder);

    assertTrue(told.contains("failed top: " + Deleter.CHANGED), told.toString());
    assertEquals("a new file under the old name", Files.readString(tmp.resolve("top")));
  }
}
