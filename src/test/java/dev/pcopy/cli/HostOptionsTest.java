package dev.pcopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host options refuse what contradicts itself before anything starts, with one line and
 * exit code 2, and are listed in the help.
 */
class HostOptionsTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @TempDir
  Path tmp;

  @Test
  void launcherWithoutHosts_isBadUsage() {
    assertUsageError(run("--launcher", "ssh {host}", "a", "b"),
        "pcopy: --launcher, --remote-pcopy and --require-all-hosts need --hosts or --hostfile");
  }

  @Test
  void hostsAndHostfile_isBadUsage() {
    assertUsageError(run("--hosts", "n1", "--hostfile", "f", "a", "b"),
        "pcopy: --hosts and --hostfile cannot be given together");
  }

  @Test
  void hostTimeoutNotBelowStallTimeout_isBadUsage() {
    assertUsageError(run("--hosts", "n1", "--host-timeout", "60", "--stall-timeout", "60",
        "a", "b"), "pcopy: --host-timeout must be at least 2 seconds and less than"
        + " --stall-timeout (60.0), not 60.0");
  }

  @Test
  void templateWithoutHost_isBadUsage() {
    assertUsageError(run("--hosts", "n1", "--launcher", "ssh n1", "a", "b"),
        "pcopy: launcher template ssh n1 does not contain {host}");
  }

  @Test
  void hostfileWithABadLine_namesTheLine() throws Exception {
    Path file = Files.writeString(tmp.resolve("hosts"), "n1\nn2 cpus=4\n");

    assertUsageError(run("--hostfile", file.toString(), "a", "b"),
        "pcopy: " + file + ":2: expected 'host [workers=N]', not 'n2 cpus=4'");
  }

  @Test
  void help_listsTheHostOptions() {
    assertEquals(ExitCodes.OK, run("--help"));
    String help = out.toString(StandardCharsets.UTF_8);
    for (String option : List.of("--hosts", "--hostfile", "--launcher", "--remote-pcopy",
        "--require-all-hosts", "--host-timeout")) {
      assertTrue(help.contains(option), option + " missing from\n" + help);
    }
  }

  private int run(String... args) {
    Console console = new Console(out, err, new TerminalTraits(false, true, true, true));
    return PcopyCommand.run(RawArguments.of(new String[0]), console, args);
  }

  private void assertUsageError(int code, String expectedStart) {
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertEquals(ExitCodes.USAGE, code, stderr);
    List<String> lines = stderr.lines().toList();
    assertEquals(1, lines.size(), stderr);
    assertTrue(lines.get(0).startsWith(expectedStart), lines.get(0));
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }
}
