package dev.pcopy.walk;

import static dev.pcopy.testing.Raw.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pcopy.select.Selection;
import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Identity;
import dev.pcopy.fs.Names;
import dev.pcopy.fs.Stat;
import dev.pcopy.fs.SysException;
import dev.pcopy.fs.Timestamp;
import dev.pcopy.plan.Action;
import dev.pcopy.plan.Action.HardLink;
import dev.pcopy.plan.Action.Refuse;
import dev.pcopy.plan.Action.WorkerAction;
import dev.pcopy.plan.Action.WriteLink;
import dev.pcopy.plan.Action.WriteSpecial;
import dev.pcopy.plan.Decision;
import dev.pcopy.plan.HardLinks;
import dev.pcopy.plan.HostTag;
import dev.pcopy.plan.Leftovers;
import dev.pcopy.plan.Planner;
import dev.pcopy.plan.Policy;
import dev.pcopy.plan.RunId;
import dev.pcopy.plan.TempNames;
import dev.pcopy.testing.Raw;
import dev.pcopy.testing.RecordingActionSink;
import dev.pcopy.testing.Shell;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TreeWalk} on real temporary trees, its findings written down by a
 * {@link RecordingActionSink}: the order (sorted, depth first on one thread, each directory made
 * before its contents), every kind of entry, existing target directories merged, leftovers of
 * dead runs removed while other runs' files keep a directory's times unset, directories swapped
 * under the walk reported and not followed, {@code -L}, the destination inside the source, and
 * the same findings on two threads as on one.
 *
 * <p>Replaces the old Jimfs {@code TreeWalkerTest} and {@code WalkFeedTest}: the walk now reads
 * through directory handles, which only a real file system has.
 */
@Timeout(30)
class TreeWalkTest {
  private static final Identity ME = Identity.current();
  /** The pid the leftovers judge takes for a live run on this host. */
  private static final long LIVE_PID = 4242;

  @TempDir
  Path tmp;
  private Path src;
  private Path dst;
  private final List<DirHandle> opened = new ArrayList<>();
  private final Totals totals = new Totals();
  /** What --max-delete lets the walk delete; a test may set a limit. */
  private DeleteBudget budget = new DeleteBudget(-1);

  @BeforeEach
  void trees() throws IOException {
    src = Files.createDirectory(tmp.resolve("src"));
    dst = Files.createDirectory(tmp.resolve("dst"));
  }

  @AfterEach
  void close() {
    opened.forEach(DirHandle::close);
  }

  private DirHandle open(Path p) throws SysException {
    DirHandle h = DirHandle.open(b(p.toString()));
    opened.add(h);
    return h;
  }

  private static Planner planner() {
    int[] groups = new int[ME.groups().length + 1];
    groups[0] = ME.gid();
    System.arraycopy(ME.groups(), 0, groups, 1, ME.groups().length);
    return new Planner(new Policy(false, ME.isRoot(), ME.uid(), groups, true, true, true, false));
  }

  private static Leftovers leftovers() {
    return new Leftovers(HostTag.current(), ProcessHandle.current().pid(),
        pid -> pid == LIVE_PID);
  }

  /** Walks src into a destination the run made (nothing was there before). */
  private RecordingActionSink walkFresh(RecordingActionSink sink, boolean followLinks,
      int threads) throws IOException {
    return walk(sink, new WalkOptions(followLinks, threads, false, Selection.everything(), false, false, false), src, dst, false);
  }

  /**
   * Walks {@code from} into {@code into}; {@code existed}: the destination was there before
   * the run, so it is merged into.
   */
  private RecordingActionSink walk(RecordingActionSink sink, WalkOptions options, Path from,
      Path into, boolean existed) throws IOException {
    return walk(sink, options, from, into, existed, null);
  }

  /** As {@link #walk(RecordingActionSink, WalkOptions, Path, Path, boolean)}, keeping links. */
  private RecordingActionSink walk(RecordingActionSink sink, WalkOptions options, Path from,
      Path into, boolean existed, HardLinks hardLinks) throws IOException {
    DirHandle s = open(from);
    DirHandle d = into == null ? null : open(into);
    Stat targetRoot = d == null ? null : d.stat();
    new TreeWalk(planner(), sink, options, leftovers(), ME, new AtomicLong(), totals,
        targetRoot, hardLinks, budget).walk(s, s.stat(), d, existed ? targetRoot : null);
    return sink;
  }

  private void write(String path, String content) throws IOException {
    Path p = src.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  // --- order ---

  @Test
  void walk_oneThread_isSortedByBytes_depthFirst_eachDirectoryMadeBeforeItsContents()
      throws IOException {
    write("a", "1");
    write("B", "2");
    write("b/c", "3");
    write("b/d/e", "4");
    write("z", "5");
    Files.createDirectory(src.resolve("empty"));

    RecordingActionSink sink = walkFresh(RecordingActionSink.writing(), false, 1);

    assertEquals(List.of(
        "WriteFile B", "WriteFile a", "mkdir b", "mkdir empty", "WriteFile z", "finish .",
        "WriteFile b/c", "mkdir b/d", "finish b",
        "WriteFile b/d/e", "finish b/d",
        "finish empty"), sink.lines());
    assertTrue(Files.isDirectory(dst.resolve("b/d")), "the sink made the directories");
    assertTrue(totals.finished());
    assertEquals(5, totals.entries());
    assertEquals(5, totals.bytes());
  }

  @Test
  void walk_dryRun_walksIntoDirectoriesItWouldMake_andMakesNothing() throws IOException {
    write("a", "1");
    write("b/c", "3");
    write("b/d/e", "4");

    RecordingActionSink sink = walk(RecordingActionSink.dryRun(), new WalkOptions(false, 1,
        true, Selection.everything(), false, false, false), src, null, false);

    assertEquals(List.of("WriteFile a", "mkdir b", "finish .", "WriteFile b/c", "mkdir b/d",
        "finish b", "WriteFile b/d/e", "finish b/d"), sink.lines());
    assertEquals(List.of(), List.of(dst.toFile().list()));
  }

  @Test
  void walk_givesEveryEntryItsOwnSequenceNumber() throws IOException {
    for (int i = 0; i < 5; i++) {
      write("d" + i + "/f", "x");
      write("f" + i, "x");
    }

    RecordingActionSink sink = walkFresh(RecordingActionSink.writing(), false, 2);

    Set<Long> seqs = new HashSet<>();
    for (Decision d : sink.decisions()) {
      assertTrue(seqs.add(((WorkerAction) d.action()).seq()), "repeated seq: " + d);
    }
    assertEquals(10, seqs.size());
  }

  // --- kinds ---

  @Test
  void walk_findsEveryKindOfEntry_andDoesNotFollowLinks() throws IOException {
    write("a", "12345");
    Files.createSymbolicLink(src.resolve("l"), Path.of("a"));
    Files.createSymbolicLink(src.resolve("ldir"), tmp);
    DirHandle s = open(src);
    s.mknod(b("p"), Stat.Kind.FIFO, 0600, 0);
    s.mknod(b("s"), Stat.Kind.SOCKET, 0755, 0);
    if (ME.isRoot()) {
      s.mknod(b("null"), Stat.Kind.CHAR_DEVICE, 0666, (1 << 8) | 3);
    }

    RecordingActionSink sink = walkFresh(RecordingActionSink.writing(), false, 1);

    List<String> expected = new ArrayList<>(List.of("WriteFile a", "WriteLink l",
        "WriteLink ldir"));
    if (ME.isRoot()) {
      // Only root can make the device in the source; the planner's refusal of one for
      // anyone else is PlannerTest's.
      expected.add("WriteSpecial null");
    }
    expected.addAll(List.of("WriteSpecial p", "WriteSpecial s", "finish ."));
    assertEquals(expected, sink.lines());
    Action link = action(sink, "l");
    assertArrayEquals(b("a"), ((WriteLink) link).text());
    assertEquals(Stat.Kind.FIFO, ((WriteSpecial) action(sink, "p")).kind());
    assertEquals(Stat.Kind.SOCKET, ((WriteSpecial) action(sink, "s")).kind());
    assertEquals(5, totals.bytes());
  }

  // --- hard links ---

  /** SRC: {@code sym} and {@code sym2} are one symbolic link, {@code p} and {@code p2} one FIFO. */
  private void linkedLinksAndFifos() {
    Shell.run(src, "ln -s target sym && ln -P sym sym2 && mkfifo p && ln p p2");
  }

  @Test
  void walk_hardLinkedSymbolicLinksAndFifos_becomeOneWriteEach_andLinksToIt() throws IOException {
    linkedLinksAndFifos();

    RecordingActionSink sink = walk(RecordingActionSink.writing(), new WalkOptions(false, 1,
        false, Selection.everything(), false, false, false), src, dst, false, new HardLinks());

    assertEquals(List.of("WriteSpecial p", "HardLink p2", "WriteLink sym", "HardLink sym2",
        "finish ."), sink.lines());
    Decision p2 = decision(sink, "p2");
    assertArrayEquals(b("p"), ((HardLink) p2.action()).anchorName());
    assertEquals(((WorkerAction) action(sink, "p")).seq(), p2.after(), "waits for its FIFO");
    Decision sym2 = decision(sink, "sym2");
    assertArrayEquals(b("sym"), ((HardLink) sym2.action()).anchorName());
    assertEquals(((WorkerAction) action(sink, "sym")).seq(), sym2.after(), "waits for its link");
  }

  /** A target whose members are separate entries, each right: linked to the first. */
  @Test
  void walk_rerun_membersMadeApartInTheTarget_areLinkedToTheFirst() throws IOException {
    linkedLinksAndFifos();
    for (String name : List.of("sym", "sym2", "p", "p2")) {
      Shell.run(tmp, "cp -a src/" + name + " dst/" + name);
    }

    RecordingActionSink sink = walk(RecordingActionSink.writing(), new WalkOptions(false, 1,
        false, Selection.everything(), false, false, false), src, dst, true, new HardLinks());

    assertEquals(List.of("Skip p", "HardLink p2", "Skip sym", "HardLink sym2"),
        sink.decisions().stream().map(d -> d.action().getClass().getSimpleName() + " "
            + RecordingActionSink.path(d.action().dir(), d.action().name())).toList());
    assertEquals(-1, decision(sink, "sym2").after(), "its link is there already");
  }

  // --- merging into existing directories ---

  @Test
  void walk_existingTargetDirectories_areEnteredAndMerged_extraTargetEntriesLeftAlone()
      throws IOException {
    write("b/same", "same");
    write("b/new", "new");
    Files.createDirectories(dst.resolve("b"));
    Files.writeString(dst.resolve("b/same"), "same");
    Files.writeString(dst.resolve("b/extra"), "only in the target");
    try (DirHandle sb = open(src).openDirectory(b("b"));
        DirHandle db = open(dst).openDirectory(b("b"))) {
      Stat s = sb.stat(b("same"));
      db.setTimes(b("same"), s.atime(), s.mtime());
    }

    RecordingActionSink sink = walk(RecordingActionSink.writing(), new WalkOptions(false, 1,
        false, Selection.everything(), false, false, false), src, dst, true);

    assertEquals(List.of("enter .", "finish .", "enter b", "WriteFile b/new", "Skip b/same",
        "finish b"), sink.lines());
    assertTrue(Files.exists(dst.resolve("b/extra")));
  }

  /**
   * A target directory another process made after the walk listed the target and before its
   * mkdir (a second copy into the same place): the walk goes into it as into one that was
   * there, leaves what it holds, and finishes it as an existing directory.
   */
  @Test
  void walk_targetDirectoryMadeMeanwhileByAnotherProcess_isEnteredAndMerged()
      throws IOException {
    write("b/new", "new");
    RecordingActionSink sink = RecordingActionSink.writing().beforeMakeDirectory(path -> {
      try {
        Files.createDirectory(dst.resolve(path));
        Files.writeString(dst.resolve(path).resolve("other"), "another process's");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });

    walkFresh(sink, false, 1);

    assertEquals(List.of("found made b", "finish .", "enter b", "WriteFile b/new", "finish b"),
        sink.lines());
    RecordingActionSink.Finish b = sink.finishes().get(1);
    assertArrayEquals(b("b"), b.action().name());
    assertTrue(b.timesWanted());
    assertTrue(Files.exists(dst.resolve("b/other")));
  }

  /**
   * A target directory the run writes nothing into is offered to the sink as untouched, to be
   * settled at once; one that gets a file, a new subdirectory or a fix waits for the end, and so
   * does one the run makes.
   */
  @Test
  void walk_onlyExistingDirectoriesWhoseEntriesAreAllSkipped_areUntouched() throws IOException {
    write("same/f", "same");
    write("changed/f", "new");
    write("made/f", "new");
    Files.createDirectories(dst.resolve("same"));
    Files.createDirectories(dst.resolve("changed"));
    Files.writeString(dst.resolve("same/f"), "same");
    try (DirHandle ss = open(src).openDirectory(b("same"));
        DirHandle ds = open(dst).openDirectory(b("same"))) {
      Stat s = ss.stat(b("f"));
      ds.setTimes(b("f"), s.atime(), s.mtime());
    }
    // As a finished copy has it: its source's time, set after it was last written (see
    // Leftovers.mayHoldLeftovers), else the walk looks for leftovers in it.
    Timestamp old = new Timestamp(1_000_000_000L, 123);
    open(src).setTimes(b("same"), old, old);
    open(dst).setTimes(b("same"), old, old);
    assumeTrue(open(dst).stat(b("same")).mtime().nanos() != 0,
        "this file system keeps whole seconds");

    RecordingActionSink sink = walk(RecordingActionSink.writing(), new WalkOptions(false, 1,
        false, Selection.everything(), false, false, false), src, dst, true);

    Map<String, Boolean> untouched = new TreeMap<>();
    for (RecordingActionSink.Finish f : sink.finishes()) {
      untouched.put(Raw.s(Names.join(f.action().dir(), f.action().name())), f.untouched());
    }
    assertEquals(Map.of("", false, "changed", false, "made", false, "same", true), untouched);
  }

  /**
   * {@code --delete} with rules and size limits: a directory the source lacks that holds an
   * excluded file is kept, what else it holds goes; a name the source has but the selection
   * excludes stays, whatever the target's entry of that name is.
   */
  @Test
  void walk_delete_plansWhatGoes_keepingWhatTheSelectionExcludes() throws Exception {
    write("a", "a");
    write("big", "x".repeat(200));
    Files.writeString(dst.resolve("big"), "an older, smaller copy");
    Files.createDirectories(dst.resolve("old/sub"));
    Files.writeString(dst.resolve("old/keep.log"), "kept");
    Files.writeString(dst.resolve("old/junk"), "goes");
    Files.writeString(dst.resolve("old/sub/x"), "goes");
    Files.writeString(dst.resolve("gone"), "goes");
    Selection selection = Selection.builder().exclude(b("*.log")).maxSize(100).build();

    RecordingActionSink sink = walk(RecordingActionSink.dryRun(), new WalkOptions(false, 1,
        true, selection, false, true, false), src, dst, true);

    assertEquals(List.of("gone 1", "old/junk 1", "old/sub/ 2"), sink.deletes().stream()
        .map(d -> Raw.s(dev.pcopy.fs.Names.join(d.dir(), d.name()))
            + (d.kind() == Stat.Kind.DIRECTORY ? "/ " : " ") + d.entries())
        .sorted().toList());
    assertEquals(List.of("old"), sink.kept().stream().map(k -> Raw.s(k.name())).toList());
  }

  /**
   * Without a rule that protects anything, an extraneous directory is still looked into (another
   * run's temporary file may be inside) and, holding none, planned whole, counted.
   */
  @Test
  void walk_delete_withNothingToProtect_plansTheDirectoryWhole() throws Exception {
    Files.createDirectories(dst.resolve("old/sub"));
    Files.writeString(dst.resolve("old/keep.log"), "goes too");

    RecordingActionSink sink = walk(RecordingActionSink.dryRun(), new WalkOptions(false, 1,
        true, Selection.builder().exclude(b("*.log")).build(), false, true, true), src, dst,
        true);

    assertEquals(1, sink.deletes().size());
    assertEquals(3, sink.deletes().get(0).entries());
    assertEquals(List.of(), sink.kept());
  }

  @Test
  void walk_directoryWhereTheTargetHasAFile_isRefusedAndNotEntered() throws IOException {
    write("d/f", "x");
    Files.writeString(dst.resolve("d"), "a file");

    RecordingActionSink sink = walk(RecordingActionSink.writing(), new WalkOptions(false, 1,
        false, Selection.everything(), false, false, false), src, dst, true);

    assertEquals(List.of("enter .", "Refuse d", "finish ."), sink.lines());
    assertEquals(Planner.NOT_A_DIRECTORY, ((Refuse) action(sink, "d")).reason());
  }

  // --- leftovers ---

  @Test
  void walk_removesLeftoversOfADeadRun_andOtherRunsFilesKeepTheDirectorysTimesUnset()
      throws IOException {
    write("a", "1");
    byte[] dead = TempNames.of(run(999_999), 1);
    byte[] live = TempNames.of(run(LIVE_PID), 2);
    byte[] own = TempNames.of(run(ProcessHandle.current().pid()), 3);
    Files.write(dst.resolve(Raw.s(dead)), b("partial"));
    Files.write(dst.resolve(Raw.s(live)), b("partial"));
    Files.write(dst.resolve(Raw.s(own)), b("partial"));
    Files.writeString(dst.resolve(".pcopy-cache_v2.tmp"), "a user's file");
    sourceModifiedLongAgo();

    RecordingActionSink sink = walk(RecordingActionSink.writing(), new WalkOptions(false, 1,
        false, Selection.everything(), false, false, false), src, dst, true);

    assertEquals(List.of("enter .", "WriteFile a", "remove " + Raw.s(dead),
        "finish . (no times)"), sink.lines());
    assertFalse(Files.exists(dst.resolve(Raw.s(dead))));
    assertTrue(Files.exists(dst.resolve(Raw.s(live))));
    assertTrue(Files.exists(dst.resolve(Raw.s(own))));
    assertTrue(Files.exists(dst.resolve(".pcopy-cache_v2.tmp")));
  }

  @Test
  void walk_deadLeftoversAlone_areRemoved_andTheTimesStillWanted() throws IOException {
    byte[] dead = TempNames.of(run(999_999), 1);
    Files.write(dst.resolve(Raw.s(dead)), b("partial"));
    sourceModifiedLongAgo();

    RecordingActionSink sink = walk(RecordingActionSink.writing(), new WalkOptions(false, 1,
        false, Selection.everything(), false, false, false), src, dst, true);

    assertEquals(List.of("enter .", "remove " + Raw.s(dead), "finish ."), sink.lines());
    assertTrue(sink.finishes().get(0).timesWanted());
  }

  @Test
  void walk_targetDirectoryWithItsSourcesExactTime_isNotSwept() throws IOException {
    byte[] dead = deadLeftoverInADirectoryWithItsSourcesTime();

    RecordingActionSink sink = walk(RecordingActionSink.writing(), new WalkOptions(false, 1,
        false, Selection.everything(), false, false, false), src, dst, true);

    assertEquals(List.of("enter .", "finish ."), sink.lines());
    assertTrue(Files.exists(dst.resolve(Raw.s(dead))), "a finished copy is not listed again");
  }

  @Test
  void walk_targetDirectoryWithItsSourcesExactTime_isSwept_whenListedForDelete()
      throws IOException {
    // Its time put back by hand over a killed run's leftovers: --delete lists it anyway.
    byte[] dead = deadLeftoverInADirectoryWithItsSourcesTime();

    RecordingActionSink sink = walk(RecordingActionSink.writing(), new WalkOptions(false, 1,
        false, Selection.everything(), false, true, false), src, dst, true);

    assertTrue(sink.lines().contains("remove " + Raw.s(dead)), sink.lines().toString());
    assertFalse(Files.exists(dst.resolve(Raw.s(dead))));
  }

  /** SRC: {@code x} a link to {@code y}, {@code y/g}; DST: {@code x/f} and the file {@code y}. */
  private void kindsChanged() throws IOException {
    Shell.run(tmp, "mkdir -p src/y dst/x && echo c > src/y/g && ln -s y src/x"
        + " && echo a > dst/x/f && echo b > dst/y");
  }

  private static WalkOptions deleting() {
    return new WalkOptions(false, 1, false, Selection.everything(), false, true, false);
  }

  /**
   * --delete: a target entry of another kind goes, counted with what it holds, before its
   * source entry is decided as new; a directory made in place of a file is walked into.
   */
  @Test
  void walk_delete_replacesAnEntryOfAnotherKind_thenCopiesItsSource() throws IOException {
    kindsChanged();

    RecordingActionSink sink = walk(RecordingActionSink.writing(), deleting(), src, dst, true);

    assertEquals(List.of("enter .", "replace x 2", "WriteLink x", "replace y 1", "mkdir y",
        "finish .", "WriteFile y/g", "finish y"), sink.lines());
    assertTrue(Files.isDirectory(dst.resolve("y")));
    assertFalse(Files.exists(dst.resolve("x"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
  }

  /** Without --delete nothing is deleted: both entries are refused, as by cp -a. */
  @Test
  void walk_withoutDelete_anEntryOfAnotherKind_isRefused() throws IOException {
    kindsChanged();

    RecordingActionSink sink = walk(RecordingActionSink.writing(), new WalkOptions(false, 1,
        false, Selection.everything(), false, false, false), src, dst, true);

    assertEquals(Planner.IS_A_DIRECTORY, ((Refuse) action(sink, "x")).reason());
    assertEquals(Planner.NOT_A_DIRECTORY, ((Refuse) action(sink, "y")).reason());
    assertTrue(Files.exists(dst.resolve("x/f")));
  }

  /** A directory that holds another live run's temporary file stays whole, and says why. */
  @Test
  void walk_delete_aLiveRunsFileInside_refusesTheEntry_deletesNothingOfIt() throws IOException {
    kindsChanged();
    // pid 1 lives as long as the machine.
    Files.write(dst.resolve("x").resolve(Raw.s(TempNames.of(
        new RunId(1, HostTag.current(), 5).text(), 3))), b("partial"));

    RecordingActionSink sink = walk(RecordingActionSink.writing(), deleting(), src, dst, true);

    assertEquals(Planner.IS_A_DIRECTORY + "; not replaced: it holds temporary files of another"
        + " pcopy run that is still going", ((Refuse) action(sink, "x")).reason());
    assertTrue(Files.exists(dst.resolve("x/f")), "deleted part of a kept directory");
    assertTrue(sink.lines().contains("replace y 1"), sink.lines().toString());
  }

  /**
   * A hostile DST: each entry of another kind is swapped for a link to a directory outside DST
   * between the plan and the deletion. The link is not the entry planned: nothing is deleted,
   * nothing is made through it, and the source entries are left, each a failure.
   */
  @Test
  void walk_delete_anEntrySwappedForALinkBeforeItsDeletion_isLeft_nothingOutsideTouched()
      throws IOException {
    kindsChanged();
    Path outside = tmp.resolve("outside");
    Files.createDirectories(outside.resolve("x"));
    Files.writeString(outside.resolve("x/precious"), "outside DST");
    RecordingActionSink sink = RecordingActionSink.writing().beforeReplace(path -> Shell.run(
        dst, "rm -rf '" + path + "' && ln -s '" + outside + "' '" + path + "'"));

    walk(sink, deleting(), src, dst, true);

    assertTrue(sink.lines().contains("replace failed x: CHANGED"), sink.lines().toString());
    assertTrue(sink.lines().contains("replace failed y: CHANGED"), sink.lines().toString());
    assertFalse(sink.lines().stream().anyMatch(l -> l.startsWith("WriteLink")
        || l.startsWith("mkdir")), sink.lines().toString());
    assertTrue(Files.exists(outside.resolve("x/precious")));
    try (var listed = Files.list(outside)) {
      assertEquals(List.of(outside.resolve("x")), listed.toList(), "written outside DST");
    }
  }

  /**
   * --max-delete: each replacement is taken from the budget in the walk's order; the one that
   * would pass it is refused, and nothing of it goes.
   */
  @Test
  void walk_delete_maxDelete_refusesTheReplacementThatWouldPassIt() throws IOException {
    kindsChanged();
    budget = new DeleteBudget(2);

    RecordingActionSink sink = walk(RecordingActionSink.writing(), deleting(), src, dst, true);

    assertTrue(sink.lines().contains("replace x 2"), sink.lines().toString());
    assertEquals(Planner.NOT_A_DIRECTORY + "; not replaced: deleting it (1 entry) would pass"
        + " --max-delete 2", ((Refuse) action(sink, "y")).reason());
    assertTrue(Files.isRegularFile(dst.resolve("y")));
    assertEquals(2, budget.taken());
  }

  /**
   * Leaves a dead run's temporary file in DST and gives DST its source's time, as a finished
   * copy has it; returns the file's name.
   */
  private byte[] deadLeftoverInADirectoryWithItsSourcesTime() throws IOException {
    byte[] dead = TempNames.of(run(999_999), 1);
    Files.write(dst.resolve(Raw.s(dead)), b("partial"));
    // A time of its own: one the coarse clock gave it could be the tick of the setTimes below,
    // which would make the target's change time its time, as a write leaves it.
    sourceModifiedLongAgo();
    DirHandle top = open(tmp);
    Stat source = top.stat(b("src"));
    assumeTrue(source.mtime().nanos() != 0, "this file system keeps whole seconds");
    top.setTimes(b("dst"), source.atime(), source.mtime());
    return dead;
  }

  /**
   * Gives the source directory a time of its own. The kernel stamps files from a coarse clock
   * (a few milliseconds a tick), so a target directory written right after the source was made
   * can have the source's time exactly, with nanoseconds, which the sweep takes for a finished
   * copy.
   */
  private void sourceModifiedLongAgo() throws IOException {
    Timestamp old = new Timestamp(1_000_000_000L, 123);
    open(tmp).setTimes(b("src"), old, old);
  }

  private static String run(long pid) {
    return new RunId(pid, HostTag.current(), 12345).text();
  }

  // --- changes under the walk ---

  @Test
  void walk_sourceDirectorySwappedForALinkMidWalk_isReportedAndNotFollowed()
      throws IOException {
    write("b/x", "x");
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    Files.writeString(outside.resolve("secret"), "not to be copied");
    RecordingActionSink sink = RecordingActionSink.writing().onMakeDirectory(path -> {
      if (path.equals("b")) {
        swap(src.resolve("b"), () -> Files.createSymbolicLink(src.resolve("b"), outside));
      }
    });

    walkFresh(sink, false, 1);

    assertEquals(List.of("mkdir b", "finish .",
        "failed b: is no longer a directory: something else took its place"), sink.lines());
    assertEquals(List.of(), List.of(dst.resolve("b").toFile().list()));
  }

  @Test
  void walk_sourceDirectorySwappedForAnotherDirectory_isReportedAndNotRead()
      throws IOException {
    write("b/x", "x");
    RecordingActionSink sink = RecordingActionSink.writing().onMakeDirectory(path -> {
      if (path.equals("b")) {
        swap(src.resolve("b"), () -> Files.createDirectory(src.resolve("b")));
      }
    });

    walkFresh(sink, false, 1);

    assertEquals("failed b: changed while being copied: another directory took its place",
        sink.lines().get(sink.lines().size() - 1));
  }

  @Test
  void walk_cancelled_stopsAtTheNextEntry() throws IOException {
    write("a", "1");
    write("b/c", "2");
    write("z", "3");
    RecordingActionSink sink = RecordingActionSink.writing();
    sink.onMakeDirectory(path -> sink.cancel());

    walkFresh(sink, false, 1);

    assertEquals(List.of("WriteFile a", "mkdir b"), sink.lines());
    assertFalse(totals.finished(), "a walk cut short found less than there is");
  }

  // --- -L ---

  @Test
  void walk_followLinks_copiesWhatLinksLeadTo_andReportsLoopsAndDanglingLinks()
      throws IOException {
    write("real/f", "x");
    Files.createSymbolicLink(src.resolve("link"), Path.of("real"));
    Files.createSymbolicLink(src.resolve("loop"), Path.of("."));
    Files.createSymbolicLink(src.resolve("real/up"), Path.of(".."));
    Files.createSymbolicLink(src.resolve("dangling"), Path.of("nowhere"));

    RecordingActionSink sink = walkFresh(RecordingActionSink.writing(), true, 1);

    assertEquals(List.of(
        "failed dangling: No such file or directory",
        "mkdir link",
        "failed loop: symbolic link loop: directory contains itself",
        "mkdir real",
        "finish .",
        "WriteFile link/f",
        "failed link/up: symbolic link loop: directory contains itself",
        "finish link",
        "WriteFile real/f",
        "failed real/up: symbolic link loop: directory contains itself",
        "finish real"), sink.lines());
  }

  @Test
  void walk_withoutFollowingLinks_copiesTheLinksThemselves() throws IOException {
    write("real/f", "x");
    Files.createSymbolicLink(src.resolve("loop"), Path.of("."));

    RecordingActionSink sink = walkFresh(RecordingActionSink.writing(), false, 1);

    assertEquals(List.of("WriteLink loop", "mkdir real", "finish .", "WriteFile real/f",
        "finish real"), sink.lines());
  }

  @Test
  void walk_destinationInsideTheSource_isNeverWalkedInto() throws IOException {
    write("a", "1");
    Path inside = Files.createDirectory(src.resolve("backup"));
    Files.writeString(inside.resolve("old"), "x");

    RecordingActionSink sink = walk(RecordingActionSink.writing(), new WalkOptions(false, 1,
        false, Selection.everything(), false, false, false), src, inside, true);

    assertEquals(List.of("enter .", "WriteFile a",
        "failed backup: is the destination itself; not copied into itself", "finish ."),
        sink.lines());
  }

  // --- threads ---

  @Test
  void walk_twoThreads_findTheSameDecisionsAsOne() throws IOException {
    for (int d = 0; d < 6; d++) {
      for (int s = 0; s < 3; s++) {
        for (int f = 0; f < 4; f++) {
          write("d" + d + "/s" + s + "/f" + f, "x".repeat(f));
        }
      }
      write("d" + d + "/top", "t");
    }
    Path other = Files.createDirectory(tmp.resolve("dst2"));

    List<String> one = sorted(walk(RecordingActionSink.writing(),
        new WalkOptions(false, 1, false, Selection.everything(), false, false, false), src, dst, false).lines());
    List<String> two = sorted(walk(RecordingActionSink.writing(),
        new WalkOptions(false, 2, false, Selection.everything(), false, false, false), src, other, false).lines());

    assertEquals(one, two);
    assertEquals(6 * 3 * 4 + 6, one.stream().filter(l -> l.startsWith("WriteFile")).count());
  }

  private static List<String> sorted(List<String> lines) {
    List<String> copy = new ArrayList<>(lines);
    copy.sort(null);
    return copy;
  }

  private static Action action(RecordingActionSink sink, String path) {
    return decision(sink, path).action();
  }

  private static Decision decision(RecordingActionSink sink, String path) {
    for (Decision d : sink.decisions()) {
      if (RecordingActionSink.path(d.action().dir(), d.action().name()).equals(path)) {
        return d;
      }
    }
    throw new AssertionError("no decision for " + path + " in " + sink.lines());
  }

  /** Something that puts a new entry at a path. */
  private interface Maker {
    void make() throws IOException;
  }

  /** Moves {@code path} aside and makes something else in its place. */
  private static void swap(Path path, Maker replacement) {
    try {
      Files.move(path, path.resolveSibling(path.getFileName() + ".moved"));
      replacement.make();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
