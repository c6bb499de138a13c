package dev.pcopy.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.copy.HostTag;
import dev.pcopy.copy.RunId;
import dev.pcopy.copy.TempNames;
import dev.pcopy.testing.TestFileSystems;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@code --dry-run} lists and counts, on Jimfs: a target whose content is right but whose
 * mode or owner is not gets its own {@code chmod} or {@code chown} line, a single file names
 * where it would be written, leftovers of killed runs are listed, and a target a real run would
 * fail at is reported as that run reports it.
 */
class DryRunTest {
  private static final FileTime MTIME =
      FileTime.from(Instant.parse("2021-03-04T05:06:07.123456789Z"));

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private FileSystem fs;
  private Path src;
  private Path dst;

  @BeforeEach
  void setUp() throws IOException {
    fs = TestFileSystems.unix();
    src = directory("/src", "rwxr-xr-x");
    dst = directory("/dst", "rwxr-xr-x");
  }

  @AfterEach
  void tearDown() throws IOException {
    fs.close();
  }

  @Test
  void fileWithTheRightContentButAnotherMode_isListedAsChmodAndNotCountedUnchanged()
      throws IOException {
    file(src.resolve("a"), "rw-r--r--");
    file(dst.resolve("a"), "rw-------");
    file(src.resolve("b"), "rwxr-x---");
    file(dst.resolve("b"), "rwxr-x---");

    assertEquals(List.of("chmod 644 a",
        "pcopy: would copy 0 files, 0 links, 0 B; would fix 1 mode; 1 unchanged, 0 failed"),
        dryRun(src, dst, "src", "dst", false));
  }

  @Test
  void asRoot_fileWithAnotherOwner_isListedAsChownBeforeItsChmod() throws IOException {
    file(src.resolve("a"), "rwxr-xr-x");
    file(dst.resolve("a"), "rw-r--r--");
    Files.setOwner(dst.resolve("a"), user("nobody"));

    assertEquals(List.of("chown " + owner(src.resolve("a")) + " a", "chmod 755 a",
        "pcopy: would copy 0 files, 0 links, 0 B; would fix 1 mode, 1 owner; 0 unchanged,"
            + " 0 failed"),
        dryRun(src, dst, "src", "dst", true));
  }

  @Test
  void notAsRoot_anotherOwnerIsNoChange() throws IOException {
    file(src.resolve("a"), "rw-r--r--");
    file(dst.resolve("a"), "rw-r--r--");
    Files.setOwner(dst.resolve("a"), user("nobody"));

    assertEquals(List.of("pcopy: would copy 0 files, 0 links, 0 B; 1 unchanged, 0 failed"),
        dryRun(src, dst, "src", "dst", false));
  }

  @Test
  void existingDirectoryWithAnotherMode_isListedAsChmod() throws IOException {
    directory("/src/sub", "rwx------");
    directory("/dst/sub", "rwxr-xr-x");

    assertEquals(List.of("chmod 700 sub",
        "pcopy: would copy 0 files, 0 links, 0 B; would fix 1 mode; 0 unchanged, 0 failed"),
        dryRun(src, dst, "src", "dst", false));
  }

  @Test
  void staleFile_isListedAsCopyOnly() throws IOException {
    file(src.resolve("a"), "rw-r--r--");
    Files.writeString(dst.resolve("a"), "other size");

    assertEquals(List.of("copy a",
        "pcopy: would copy 1 file, 0 links, 3 B; 0 unchanged, 0 failed"),
        dryRun(src, dst, "src", "dst", false));
  }

  @Test
  void singleFile_namesTheSourceAndThePathItWouldBeWritten() throws IOException {
    Path file = file(src.resolve("f"), "rw-r--r--");

    assertEquals(List.of("copy src/f -> dst/f",
        "pcopy: would copy 1 file, 0 links, 3 B; 0 unchanged, 0 failed"),
        dryRun(file, dst, "src/f", "dst", false));
  }

  @Test
  void singleFileWhoseCopyHasAnotherMode_namesTheCopyInItsChmod() throws IOException {
    Path file = file(src.resolve("f"), "rw-r--r--");
    file(dst.resolve("f"), "rw-rw-rw-");

    assertEquals(List.of("chmod 644 dst/f",
        "pcopy: would copy 0 files, 0 links, 0 B; would fix 1 mode; 0 unchanged, 0 failed"),
        dryRun(file, dst.resolve("f"), "src/f", "dst/f", false));
  }

  @Test
  void directoryWhoseTargetIsAFileOrALinkToADirectory_failsAsTheWalkFailsItAndIsNotEntered()
      throws IOException {
    directory("/src/d2", "rwxr-xr-x");
    file(src.resolve("d2/g"), "rw-r--r--");
    directory("/src/sub", "rwxr-xr-x");
    file(src.resolve("sub/f"), "rw-r--r--");
    file(dst.resolve("d2"), "rw-r--r--");
    Files.createSymbolicLink(dst.resolve("sub"), directory("/outside", "rwxr-xr-x"));

    DryRunOutput run = dryRunWithErrors(src, dst, "src", "dst", false, false);

    assertEquals(List.of(
        "pcopy: error: dst/d2: cannot create directory: exists and is not a directory",
        "pcopy: error: dst/sub: cannot create directory: exists and is not a directory"),
        run.err());
    assertEquals("pcopy: would copy 0 files, 0 links, 0 B; 0 unchanged, 2 failed",
        run.out().get(0));
    assertEquals(2, run.result().failed());
  }

  @Test
  void fileWhoseTargetIsADirectory_failsAsTheRenameWould_evenWithForce() throws IOException {
    file(src.resolve("fileVsDir"), "rw-r--r--");
    directory("/dst/fileVsDir", "rwxr-xr-x");

    for (boolean force : List.of(false, true)) {
      out.reset();
      err.reset();
      DryRunOutput run = dryRunWithErrors(src, dst, "src", "dst", false, force);

      assertEquals(List.of("pcopy: error: dst/fileVsDir: Is a directory"), run.err());
      assertEquals(List.of("pcopy: would copy 0 files, 0 links, 0 B; 0 unchanged, 1 failed",
          "pcopy: failed: dst/fileVsDir: Is a directory"), run.out());
      assertEquals(1, run.result().failed());
    }
  }

  @Test
  void leftoversOfAKilledRunOnThisHost_areListedAsRemoveBelowDstAndCounted() throws IOException {
    directory("/src/sub", "rwxr-xr-x");
    directory("/dst/sub", "rwxr-xr-x");
    Path top = Files.writeString(deadRunTemp(dst, 1), "partial");
    Path inSub = Files.writeString(deadRunTemp(dst.resolve("sub"), 2), "partial");
    Files.writeString(dst.resolve(".pcopy-cache_v2.tmp"), "a user's file");

    assertEquals(List.of("remove " + top.getFileName(), "remove sub/" + inSub.getFileName(),
        "pcopy: would remove 2 leftover temporary files of a killed run",
        "pcopy: would copy 0 files, 0 links, 0 B; 0 unchanged, 0 failed"),
        dryRun(src, dst, "src", "dst", false));
    assertTrue(Files.exists(top) && Files.exists(inSub), "a dry run removed a leftover");
  }

  @Test
  void singleFileIntoADirectory_listsTheLeftoversThereNamedAsDstIsTyped() throws IOException {
    Path file = file(src.resolve("f"), "rw-r--r--");
    Path leftover = Files.writeString(deadRunTemp(dst, 7), "partial");

    assertEquals(List.of("remove dst/" + leftover.getFileName(), "copy src/f -> dst/f",
        "pcopy: would remove 1 leftover temporary file of a killed run",
        "pcopy: would copy 1 file, 0 links, 3 B; 0 unchanged, 0 failed"),
        dryRun(file, dst, "src/f", "dst/", false));
  }

  @Test
  void singleFileIntoAMissingDirectory_listsItsMkdirAsATreeCopyDoes() throws IOException {
    Path file = file(src.resolve("f"), "rw-r--r--");

    assertEquals(List.of("mkdir dst/new", "copy src/f -> dst/new/f",
        "pcopy: would copy 1 file, 0 links, 3 B; 0 unchanged, 0 failed"),
        dryRun(file, dst.resolve("new"), "src/f", "dst/new/", false));
  }

  /** What a dry run printed on stdout and stderr, line by line, and how it ended. */
  private record DryRunOutput(List<String> out, List<String> err, JobResult result) {}

  private List<String> dryRun(Path source, Path target, String sourceText, String targetText,
      boolean root) {
    DryRunOutput run = dryRunWithErrors(source, target, sourceText, targetText, root, false);
    assertEquals(List.of(), run.err());
    return run.out();
  }

  private DryRunOutput dryRunWithErrors(Path source, Path target, String sourceText,
      String targetText, boolean root, boolean force) {
    CopyRequest request = new CopyRequest(source, target, sourceText, targetText, false,
        targetText.endsWith("/"), 2, force, true, false, false, Duration.ofSeconds(5), false, 0,
        -1, "No space left on device");
    JobResult result;
    try {
      Endpoints ends = Endpoints.check(request);
      Path shownTarget = ends.sourceIsDirectory() ? ends.target() : request.target();
      PathDisplay display = new PathDisplay(ends.source(), sourceText, shownTarget, targetText);
      result = new DryRun(request, ends, display,
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8), root).run();
    } catch (BadInputException e) {
      throw new AssertionError(e.getMessage(), e);
    }
    return new DryRunOutput(out.toString(StandardCharsets.UTF_8).lines().toList(),
        err.toString(StandardCharsets.UTF_8).lines().toList(), result);
  }

  /** A temporary name of a run on this host whose coordinator is gone (no pid is this large). */
  private static Path deadRunTemp(Path directory, long seq) {
    return TempNames.of(directory.resolve("x"), new RunId(1L << 23, HostTag.current(), seq).text(),
        seq);
  }

  private Path directory(String path, String permissions) throws IOException {
    Path dir = Files.createDirectories(fs.getPath(path));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(permissions));
    return dir;
  }

  /** A file of three bytes with the same modification time as every other. */
  private static Path file(Path path, String permissions) throws IOException {
    Files.writeString(path, "abc");
    Files.setLastModifiedTime(path, MTIME);
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    return path;
  }

  private UserPrincipal user(String name) throws IOException {
    return fs.getUserPrincipalLookupService().lookupPrincipalByName(name);
  }

  private static String owner(Path path) throws IOException {
    return Files.getAttribute(path, "unix:uid") + ":" + Files.getAttribute(path, "unix:gid");
  }
}
