package dev.pcopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.Shell;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command's refusals and help. Only paths that stop before the copy are tested here: a
 * successful parse would start real worker processes, which belongs to the integration tests.
 * Cases about paths also pass {@code --dry-run}, which is checked by the same code but can never
 * start workers, so a guard that regressed fails the test instead of copying.
 */
class PcopyCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @TempDir
  Path dir;

  @Test
  void unknownOption_exits2WithOneLine() {
    assertUsageError(run("--bogus", "a", "b"), "pcopy: unknown option '--bogus' (see pcopy --help)");
  }

  @Test
  void argumentStartingWithDashInPlaceOfSource_isAnUnknownOptionNotAMissingDestination() {
    assertUsageError(run("-dash", "out"), "pcopy: unknown option '-dash' (to copy a path"
        + " starting with '-', put -- before it or write ./-dash)");
  }

  @Test
  void unknownOption_isShownEscaped_soItCannotDriveTheTerminal() {
    assertUsageError(run("-k\u001b[31m\u202e", "out"), "pcopy: unknown option"
        + " '-k\\x1b[31m\\xe2\\x80\\xae' (to copy a path starting with '-', put -- before it or"
        + " write ./-k\\x1b[31m\\xe2\\x80\\xae)");
  }

  @Test
  void unknownOptionAfterBothPaths_isNamedWithTheSameHint() {
    assertUsageError(run("a", "b", "-dash"), "pcopy: unknown option '-dash' (to copy a path"
        + " starting with '-', put -- before it or write ./-dash)");
  }

  @Test
  void unknownLetterInAClusterOfShortOptions_namesTheLetterAndTheArgument() {
    assertUsageError(run("-nqz", "a"), "pcopy: unknown option '-z' in '-nqz' (to copy a path"
        + " starting with '-', put -- before it or write ./-nqz)");
  }

  @Test
  void argumentStartingWithDashAfterDoubleDash_isTakenAsAPath() {
    // Relative to the working directory, which has no "-dash": the path is looked up, not parsed.
    assertUsageError(run("-n", "--", "-dash", "out"), "pcopy: -dash: No such file or directory");
  }

  @Test
  void optionValueStartingWithDash_keepsPicocliMessage() {
    assertUsageError(run("-w", "-dash", "a", "b"),
        "pcopy: Invalid value for option '--workers': '-dash' is not an int (see pcopy --help)");
  }

  @Test
  void argumentAfterSourceAndDestination_exits2SayingThereAreTooMany() {
    assertUsageError(run("s", "d", "e"),
        "pcopy: too many arguments: 'e' (pcopy takes SRC and DST; see pcopy --help)");
  }

  @Test
  void extraArguments_areShownEscaped() {
    assertUsageError(run("s", "d", "new\nline\u202e"), "pcopy: too many arguments:"
        + " 'new\\nline\\xe2\\x80\\xae' (pcopy takes SRC and DST; see pcopy --help)");
  }

  @Test
  void severalExtraArguments_areAllNamed() {
    assertUsageError(run("s", "d", "e", "f"),
        "pcopy: too many arguments: 'e', 'f' (pcopy takes SRC and DST; see pcopy --help)");
  }

  @Test
  void extraArgumentAndUnknownOption_namesTheUnknownOption() {
    assertUsageError(run("s", "d", "e", "-z"), "pcopy: unknown option '-z'");
  }

  @Test
  void missingDestination_exits2WithOneLine() {
    assertUsageError(run("only-source"), "pcopy: Missing required parameter: 'DST'");
  }

  @Test
  void noArguments_exits2() {
    assertUsageError(run(), "pcopy: Missing required parameters: 'SRC', 'DST'");
  }

  @Test
  void zeroWorkers_exits2() {
    assertUsageError(run("-n", "--workers", "0", missing("a"), missing("b")),
        "pcopy: --workers must be between 1 and 256, not 0");
  }

  @Test
  void tooManyWorkers_exits2() {
    assertUsageError(run("-n", "--workers", "100000", missing("a"), missing("b")),
        "pcopy: --workers must be between 1 and 256, not 100000");
  }

  @Test
  void manyWorkersWithAMissingSource_exits2WithTheOneErrorLineOnly() {
    String src = missing("no-such-dir");

    assertUsageError(run("-w", "256", src, missing("dst")),
        "pcopy: " + src + ": No such file or directory");
  }

  @Test
  void manyWorkersInADryRun_warnOfNothing_sinceNoWorkerStarts() throws IOException {
    Path src = Files.createDirectory(dir.resolve("src"));
    Files.writeString(src.resolve("f"), "x");

    int code = run("-n", "-w", "256", src.toString(), missing("dst"));

    assertEquals(ExitCodes.OK, code, stderr());
    assertEquals("", stderr());
  }

  @Test
  void negativeMaxDelete_exits2_insteadOfMeaningNoLimit() {
    assertUsageError(run("-n", "--delete", "--max-delete", "-1", missing("a"), missing("b")),
        "pcopy: --max-delete must be 0 or more, not -1");
  }

  @Test
  void maxDeleteWithoutDelete_exits2_insteadOfDoingNothing() {
    assertUsageError(run("-n", "--max-delete", "3", missing("a"), missing("b")),
        "pcopy: --max-delete limits --delete, which is not given");
  }

  @Test
  void deleteExcludedAlone_deletesAsWithDelete() throws IOException {
    Path src = Files.createDirectory(dir.resolve("src"));
    Path dst = Files.createDirectory(dir.resolve("dst"));
    Files.writeString(dst.resolve("extra"), "x");

    int code = run("-n", "--delete-excluded", src.toString(), dst.toString());

    assertEquals(ExitCodes.OK, code, stderr());
    assertTrue(stdout().contains("delete extra"), stdout());
  }

  @Test
  void nonNumericWorkers_exits2() {
    assertUsageError(run("-n", "-w", "many", missing("a"), missing("b")),
        "pcopy: Invalid value for option '--workers'");
  }

  @Test
  void zeroProgressInterval_exits2() {
    assertUsageError(run("-n", "--progress-interval", "0", missing("a"), missing("b")),
        "pcopy: --progress-interval must be between 0.001 and 86400 seconds");
  }

  @Test
  void progressIntervalBelowAMillisecond_exits2InsteadOfPrintingNothing() {
    assertUsageError(run("-n", "--progress-interval", "0.0001", missing("a"), missing("b")),
        "pcopy: --progress-interval must be between 0.001 and 86400 seconds");
  }

  @Test
  void sourceFileWrittenWithATrailingSlash_exits2AsNotADirectory() throws IOException {
    String file = Files.writeString(dir.resolve("file"), "x").toString();

    assertUsageError(run("-n", file + "/", missing("dst")),
        "pcopy: " + file + "/: Not a directory");
  }

  @Test
  void stdoutThatCannotBeWritten_exits1AndSaysWhy() throws IOException {
    int code = dryRunOfOneFileWithStdoutFailing("No space left on device");

    assertEquals(ExitCodes.FAILED, code);
    assertEquals("pcopy: error: cannot write to standard output: No space left on device\n",
        stderr());
  }

  @Test
  void stdoutWhoseReaderWentAway_exits1Silently() throws IOException {
    int code = dryRunOfOneFileWithStdoutFailing("Broken pipe");

    assertEquals(ExitCodes.FAILED, code);
    assertEquals("", stderr());
  }

  @Test
  void helpThatCannotBeWritten_exits1AndSaysWhy() {
    int code = runWithStdout(failingWith("No space left on device"), "--help");

    assertEquals(ExitCodes.FAILED, code);
    assertEquals("pcopy: error: cannot write to standard output: No space left on device\n",
        stderr());
  }

  /** Runs a dry run of a one-file tree whose every write to stdout fails with {@code error}. */
  private int dryRunOfOneFileWithStdoutFailing(String error) throws IOException {
    Path src = Files.createDirectory(dir.resolve("src"));
    Files.writeString(src.resolve("f"), "x");
    return runWithStdout(failingWith(error), "-n", src.toString(), missing("dst"));
  }

  /** A stream every write to which fails with {@code error}. */
  private static OutputStream failingWith(String error) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException(error);
      }
    };
  }

  @Test
  void unknownProgressMode_exits2() {
    assertUsageError(run("-n", "--progress", "fancy", missing("a"), missing("b")),
        "pcopy: Invalid value for option '--progress'");
  }

  @Test
  void nonexistentSource_exits2NamingIt() {
    String src = missing("no-such-dir");

    assertUsageError(run("-n", src, missing("dst")),
        "pcopy: " + src + ": No such file or directory");
  }

  @Test
  void sourceEqualToDestination_exits2() throws IOException {
    String src = Files.createDirectory(dir.resolve("src")).toString();

    assertUsageError(run("-n", src, src), "pcopy: " + src + ": source and destination are the same");
  }

  @Test
  void destinationInsideSource_exits2() throws IOException {
    Path src = Files.createDirectory(dir.resolve("src"));
    String dst = src.resolve("backup").toString();

    assertUsageError(run("-n", src.toString(), dst),
        "pcopy: " + dst + ": destination is inside the source");
  }

  @Test
  void destinationReachedThroughASymlinkIntoSource_exits2() throws IOException {
    Path src = Files.createDirectory(dir.resolve("src"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), src);
    String dst = link.resolve("backup").toString();

    assertUsageError(run("-n", src.toString(), dst),
        "pcopy: " + dst + ": destination is inside the source");
  }

  @Test
  void siblingWithACommonPrefix_isNotInsideTheSource() throws IOException {
    Path src = Files.createDirectory(dir.resolve("src"));
    Files.writeString(src.resolve("f"), "x");

    int code = run("-n", src.toString(), dir.resolve("src2").toString());

    assertEquals(ExitCodes.OK, code, stderr());
    assertTrue(stdout().contains("copy f"), stdout());
    assertFalse(Files.exists(dir.resolve("src2")), "a dry run must not create the destination");
  }

  @Test
  void destinationIsAFileWhileSourceIsADirectory_exits2() throws IOException {
    String src = Files.createDirectory(dir.resolve("src")).toString();
    String dst = Files.writeString(dir.resolve("file"), "x").toString();

    assertUsageError(run("-n", src, dst),
        "pcopy: " + dst + ": destination exists and is not a directory");
  }

  @Test
  void fifoAsSource_exits2NamingItsKind() throws IOException {
    Shell.run(dir, "mkfifo fifo");
    String fifo = dir.resolve("fifo").toString();

    assertUsageError(run("-n", fifo, missing("x")),
        "pcopy: " + fifo + ": is a FIFO; pcopy copies directories and regular files");
  }

  @Test
  void fileSourceOntoAFifo_exits2NamingWhatIsInTheWay() throws IOException {
    String file = Files.writeString(dir.resolve("file"), "x").toString();
    Shell.run(dir, "mkfifo fifo");
    String fifo = dir.resolve("fifo").toString();

    assertUsageError(run("-n", file, fifo),
        "pcopy: " + fifo + ": is a FIFO; pcopy only writes regular files");
  }

  @Test
  void emptyPathArgument_exits2InsteadOfMeaningTheWorkingDirectory() throws IOException {
    String src = Files.createDirectory(dir.resolve("src")).toString();

    assertUsageError(run("-n", "", dir.resolve("dst").toString()), "pcopy: ");
    assertTrue(stderr().contains("empty"), stderr());
    assertUsageError(run("-n", src, ""), "pcopy: ");
  }

  @Test
  void help_exits0AndListsExitCodesAndTheDefaultWorkerCount() {
    int code = run("--help");

    assertEquals(ExitCodes.OK, code);
    String help = stdout();
    assertTrue(help.contains("Exit codes:"), help);
    for (String line : List.of("0\\s+everything was copied", "1\\s+some entries failed",
        "2\\s+bad usage", "130\\s+interrupted")) {
      assertTrue(Pattern.compile("(?m)^\\s+" + line).matcher(help).find(),
          "missing '" + line + "' in\n" + help);
    }
    int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
    assertTrue(Pattern.compile("(?m)^\\s+Default: " + workers + "$").matcher(help).find(),
        help);
    assertFalse(help.contains("--test-worker-delay"), "hidden option shown:\n" + help);
    assertFalse(help.contains("--test-worker-room"), "hidden option shown:\n" + help);
    assertEquals("", stderr());
  }

  @Test
  void version_exits0AndNamesTheProgram() {
    int code = run("--version");

    assertEquals(ExitCodes.OK, code);
    assertTrue(stdout().startsWith("pcopy "), stdout());
  }

  private int run(String... args) {
    return runWithStdout(out, args);
  }

  private int runWithStdout(OutputStream stdout, String... args) {
    out.reset();
    err.reset();
    Console console = new Console(stdout, err, new TerminalTraits(false, true, true, true));
    // No raw bytes to recover: the arguments are passed as exact strings, so none is a token.
    return PcopyCommand.run(RawArguments.of(new String[0]), console, args);
  }

  private void assertUsageError(int code, String expectedStart) {
    String stderr = stderr();
    assertEquals(ExitCodes.USAGE, code, stderr);
    List<String> lines = stderr.lines().toList();
    assertEquals(1, lines.size(), "expected one stderr line, got:\n" + stderr);
    assertTrue(lines.get(0).startsWith(expectedStart),
        "expected '" + expectedStart + "...', got: " + lines.get(0));
    assertFalse(stderr.contains("Exception"), stderr);
    assertEquals("", stdout(), "nothing may go to stdout on a usage error");
  }

  private String missing(String name) {
    return dir.resolve(name).toString();
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
