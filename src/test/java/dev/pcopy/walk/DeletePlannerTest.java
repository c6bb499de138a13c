package dev.pcopy.walk;

import static dev.pcopy.testing.Raw.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Names;
import dev.pcopy.fs.PathText;
import dev.pcopy.fs.Stat;
import dev.pcopy.fs.SysException;
import dev.pcopy.plan.Action.Delete;
import dev.pcopy.plan.HostTag;
import dev.pcopy.plan.KeptDirectory;
import dev.pcopy.plan.Protection;
import dev.pcopy.plan.RunId;
import dev.pcopy.plan.TempNames;
import dev.pcopy.select.Selection;
import dev.pcopy.select.SelectionBuilder;
import dev.pcopy.select.SelectionException;
import dev.pcopy.testing.TestMount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DeletePlanner} on real temporary trees: an extraneous entry is looked into and goes
 * whole, counted, when nothing in it is protected; what rules, size limits, {@code -x} or
 * another live run protect stays with the directories that hold it, what else they hold goes
 * in the fewest deletions (a directory whole when all of it goes), each counted; links are
 * never followed, and nothing is written.
 */
@Timeout(30)
class DeletePlannerTest {
  @TempDir
  Path tmp;
  private DirHandle dst;

  @BeforeEach
  void open() throws IOException {
    dst = DirHandle.open(b(tmp.toString()));
  }

  @AfterEach
  void close() {
    dst.close();
  }

  private void file(String path, int size) throws IOException {
    Path p = tmp.resolve(path);
    Files.createDirectories(p.getParent());
    Files.write(p, new byte[size]);
  }

  private static Protection excluding(String... patterns) throws SelectionException {
    SelectionBuilder builder = Selection.builder();
    for (String p : patterns) {
      builder.exclude(b(p));
    }
    return DeleteProtection.from(builder.build(), false, false);
  }

  /** Plans the deletion of the entry {@code name} at DST's top. */
  private DeletePlanner.Plan plan(Protection protection, String name)
      throws SysException, DeletePlanner.PlanFailed {
    return new DeletePlanner(protection, false).plan(dst, dst.stat(), Names.ROOT, b(name),
        dst.stat(b(name)));
  }

  /** The deletions as {@code path(/) entries}, in the planned order. */
  private static List<String> deletes(DeletePlanner.Plan plan) {
    return plan.deletes().stream().map(d -> PathText.escape(Names.join(d.dir(), d.name()))
        + (d.kind() == Stat.Kind.DIRECTORY ? "/ " : " ") + d.entries()).toList();
  }

  private static List<String> kept(DeletePlanner.Plan plan) {
    return plan.kept().stream().map(k -> PathText.escape(Names.join(k.dir(), k.name())) + ": "
        + k.warning()).toList();
  }

  @Test
  void nothingToProtect_theEntryGoesWhole_counted() throws Exception {
    file("old/keep.log", 1);
    file("old/sub/x", 1);
    file("gone", 1);
    Protection none = DeleteProtection.from(Selection.everything(), false, false);
    Protection deleteExcluded = DeleteProtection.from(
        Selection.builder().exclude(b("*.log")).build(), true, false);

    assertEquals(List.of("old/ 4"), deletes(plan(none, "old")));
    assertEquals(List.of("old/ 4"), deletes(plan(deleteExcluded, "old")));
    assertEquals(List.of("gone 1"), deletes(plan(none, "gone")));
    Delete d = plan(none, "old").deletes().get(0);
    assertTrue(d.planned(dst.stat(b("old"))));
  }

  /**
   * Another live run's temporary file inside a directory SRC lacks stays, with the directories
   * above it, and the rest of them is planned entry by entry, so that the dry run, {@code -v}
   * and the count tell what the real run does; a dead run's goes with the rest. With no rule at
   * all: no selection makes a run's temporary file safe to delete.
   */
  @Test
  void aLiveRunsTemporaryFileInside_staysWithItsDirectories_aDeadRunsGoes() throws Exception {
    // pid 1 lives as long as the machine; 999,999 is beyond the default pid range.
    String live = PathText.escape(TempNames.of(new RunId(1, HostTag.current(), 5).text(), 3));
    String dead = PathText.escape(TempNames.of(new RunId(999_999, HostTag.current(), 5).text(),
        4));
    file("old/sub/" + live, 1);
    file("old/sub/junk", 1);
    file("old/deep/x", 1);
    file("old/" + dead, 1);
    file("gone/" + dead, 1);
    Protection none = DeleteProtection.from(Selection.everything(), false, false);

    DeletePlanner.Plan plan = plan(none, "old");

    assertEquals(List.of("old/" + dead + " 1", "old/deep/ 2", "old/sub/junk 1"),
        deletes(plan).stream().sorted().toList());
    String why = "directory not deleted: it holds temporary files of another pcopy run that is"
        + " still going";
    assertEquals(List.of("old/sub: " + why, "old: " + why), kept(plan));
    assertEquals(List.of("gone/ 2"), deletes(plan(none, "gone")));
  }

  /** A1: the excluded file stays, with its directory; the rest of the directory goes. */
  @Test
  void excludedInside_theDirectoryStays_itsOtherEntriesGo_aSubdirectoryWhole()
      throws Exception {
    file("old/keep.log", 1);
    file("old/junk", 1);
    file("old/sub/deep/z", 1);
    file("old/sub/y", 1);

    DeletePlanner.Plan plan = plan(excluding("*.log"), "old");

    assertEquals(List.of("old/junk 1", "old/sub/ 4"), deletes(plan));
    assertEquals(List.of("old: directory not deleted: it holds entries the selection excludes"),
        kept(plan));
    assertTrue(Files.exists(tmp.resolve("old/sub/deep/z")), "planning wrote nothing");
  }

  @Test
  void excludedDeepInside_keepsEveryDirectoryOnTheWay() throws Exception {
    file("old/a/b/keep.log", 1);
    file("old/a/b/c", 1);
    file("old/a/d", 1);
    file("old/e/f", 1);

    DeletePlanner.Plan plan = plan(excluding("*.log"), "old");

    assertEquals(List.of("old/a/b/c 1", "old/a/d 1", "old/e/ 2"), deletes(plan));
    assertEquals(List.of("old/a/b", "old/a", "old"), plan.kept().stream()
        .map(k -> PathText.escape(Names.join(k.dir(), k.name()))).toList());
  }

  @Test
  void nothingProtectedInside_theDirectoryGoesWhole_counted() throws Exception {
    file("old/a", 1);
    file("old/sub/b", 1);

    assertEquals(List.of("old/ 4"), deletes(plan(excluding("*.log"), "old")));
    assertEquals(List.of(), plan(excluding("*.log"), "old").kept());
  }

  @Test
  void theEntryItselfExcluded_nothingIsPlanned() throws Exception {
    file("old.log", 1);
    file("cache/x", 1);

    DeletePlanner.Plan file = plan(excluding("*.log"), "old.log");
    DeletePlanner.Plan dir = plan(excluding("cache/"), "cache");

    assertEquals(List.of(), file.deletes());
    assertEquals(List.of(), file.kept());
    assertEquals(List.of(), dir.deletes());
    assertEquals(List.of(), dir.kept());
  }

  /** An excluded directory is kept whole and not entered, as the walk does not enter it. */
  @Test
  void excludedDirectoryInside_isKeptWhole_notEntered() throws Exception {
    file("old/cache/x", 1);
    file("old/cache/y.log", 1);
    file("old/z", 1);

    DeletePlanner.Plan plan = plan(excluding("cache/"), "old");

    assertEquals(List.of("old/z 1"), deletes(plan));
    assertEquals(List.of("old"), plan.kept().stream()
        .map(k -> PathText.escape(Names.join(k.dir(), k.name()))).toList());
  }

  @Test
  void sizeLimits_protectTheFilesOutsideThem() throws Exception {
    file("old/small", 10);
    file("old/big", 5000);
    file("old/mid", 500);
    Protection limits = DeleteProtection.from(Selection.builder().minSize(100).maxSize(1000)
        .build(), false, false);

    DeletePlanner.Plan plan = plan(limits, "old");

    assertEquals(List.of("old/mid 1"), deletes(plan));
    assertEquals(List.of("old: directory not deleted: it holds entries the selection excludes"),
        kept(plan));
  }

  /** A link to a directory is deleted as the link: what it leads to is never looked at. */
  @Test
  void aLinkToADirectory_isPlannedAsTheLink_neverFollowed() throws Exception {
    file("elsewhere/keep.log", 1);
    file("old/x", 1);
    Files.createSymbolicLink(tmp.resolve("old/link"), tmp.resolve("elsewhere"));

    DeletePlanner.Plan plan = plan(excluding("*.log"), "old");

    assertEquals(List.of("old/ 3"), deletes(plan));
  }

  @Test
  void anUnreadableDirectoryInside_failsThePlan_atItsPath() throws Exception {
    file("old/locked/x", 1);
    Files.setPosixFilePermissions(tmp.resolve("old/locked"), java.util.Set.of());
    try {
      org.junit.jupiter.api.Assumptions.assumeFalse(dev.pcopy.fs.Identity.current().isRoot(),
          "root reads any directory");
      DeletePlanner.PlanFailed failed = assertThrows(DeletePlanner.PlanFailed.class,
          () -> plan(excluding("*.log"), "old"));

      assertEquals("old/locked", PathText.escape(Names.join(failed.dir(), failed.name())));
      assertTrue(failed.getMessage().startsWith(DeletePlanner.CANNOT_LOOK), failed.getMessage());
    } finally {
      Files.setPosixFilePermissions(tmp.resolve("old/locked"),
          java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }
  }

  /** {@code -x}: a mount point inside is kept whole and never entered; its parent stays. */
  @Test
  void oneFileSystem_aMountPointInside_isKeptWhole_andItsParentStays() throws Exception {
    file("old/junk", 1);
    try (TestMount mount = TestMount.tmpfs(tmp.resolve("old/mnt"))) {
      Files.writeString(mount.path().resolve("data"), "important");
      Protection x = DeleteProtection.from(Selection.everything(), false, true);

      DeletePlanner.Plan plan = plan(x, "old");
      DeletePlanner.Plan top;
      try (DirHandle old = dst.openDirectory(b("old"))) {
        top = new DeletePlanner(x, false).plan(old, old.stat(), b("old"), b("mnt"),
            old.stat(b("mnt")));
      }

      assertEquals(List.of("old/junk 1"), deletes(plan));
      assertEquals(List.of("old: directory not deleted: it holds a mount point of another"
          + " file system (-x)"), kept(plan));
      assertEquals(List.of(), top.deletes(), "an extraneous mount point itself is kept");
      assertEquals(List.of(), top.kept());
    }
  }

  /** Plans the replacement of the entry {@code name} at DST's top. */
  private DeletePlanner.Replacement replacement(Protection protection, String name)
      throws SysException, DeletePlanner.PlanFailed {
    return new DeletePlanner(protection, false).replacement(dst, dst.stat(), Names.ROOT, b(name),
        dst.stat(b(name)));
  }

  /** A directory in the way of its source's file goes whole, counted with all it holds. */
  @Test
  void replacement_nothingProtected_goesWhole_counted() throws Exception {
    file("x/a", 1);
    file("x/deep/b", 1);
    Protection none = DeleteProtection.from(Selection.everything(), false, false);

    DeletePlanner.Replacement r = replacement(none, "x");

    assertEquals(Protection.NONE, r.kept());
    assertEquals(Stat.Kind.DIRECTORY, r.delete().kind());
    assertEquals(4, r.delete().entries());
    assertTrue(Files.exists(tmp.resolve("x/deep/b")), "planning wrote");
  }

  /**
   * A directory that holds another live run's temporary file is not replaced, in part or
   * whole: making room needs all of it gone, and what may go of it stays too.
   */
  @Test
  void replacement_aLiveRunsTemporaryFileInside_keepsItAll() throws Exception {
    String live = PathText.escape(TempNames.of(new RunId(1, HostTag.current(), 5).text(), 3));
    file("x/sub/" + live, 1);
    file("x/junk", 1);
    Protection none = DeleteProtection.from(Selection.everything(), false, false);

    DeletePlanner.Replacement r = replacement(none, "x");

    assertEquals(null, r.delete());
    assertEquals(Protection.OTHER_RUN, r.kept());
    assertEquals(false, r.itself());
  }

  /** {@code -x}: a mount point in the way is itself kept, never entered. */
  @Test
  void replacement_oneFileSystem_aMountPoint_isItselfKept() throws Exception {
    try (TestMount mount = TestMount.tmpfs(tmp.resolve("mnt"))) {
      Files.writeString(mount.path().resolve("data"), "important");
      Protection x = DeleteProtection.from(Selection.everything(), false, true);

      DeletePlanner.Replacement r = replacement(x, "mnt");

      assertEquals(null, r.delete());
      assertEquals(Protection.OTHER_FILE_SYSTEM, r.kept());
      assertTrue(r.itself());
    }
  }

  /** A link in the way of a directory is the link, never what it leads to. */
  @Test
  void replacement_aLink_isTheLinkAlone() throws Exception {
    file("target/a", 1);
    Files.createSymbolicLink(tmp.resolve("x"), tmp.resolve("target"));
    Protection none = DeleteProtection.from(Selection.everything(), false, false);

    DeletePlanner.Replacement r = replacement(none, "x");

    assertEquals(Stat.Kind.SYMLINK, r.delete().kind());
    assertEquals(1, r.delete().entries());
  }

  @Test
  void protection_bothReasons_areNamed() {
    assertEquals("directory not deleted: it holds entries the selection excludes and a mount"
        + " point of another file system (-x)", new KeptDirectory(b(""), b("old"),
            Protection.EXCLUDED | Protection.OTHER_FILE_SYSTEM).warning());
  }
}
