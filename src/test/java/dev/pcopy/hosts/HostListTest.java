package dev.pcopy.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host lists from --hosts, host files and scontrol, and launcher templates made into argv. */
class HostListTest {
  @TempDir
  Path dir;

  @Test
  void parse_commaList_givesEachHostTheDefaultWorkers() {
    assertEquals(List.of(new Host("n1", 4), new Host("n2", 4)), HostList.parse("n1, n2", 4));
  }

  @Test
  void parse_hostTwice_isRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HostList.parse("n1,n2,n1", 4));
    assertEquals("host n1 is listed twice", e.getMessage());
  }

  @Test
  void parse_emptyName_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> HostList.parse("n1,,n2", 4));
  }

  @Test
  void read_hostFile_takesWorkersPerLine_andSkipsCommentsAndBlankLines() throws IOException {
    Path file = Files.writeString(dir.resolve("hosts"),
        "# the rack\nn1 workers=8\n\n  n2\n");

    assertEquals(List.of(new Host("n1", 8), new Host("n2", 3)), HostList.read(file, 3));
  }

  @Test
  void read_lineWithSomethingElse_namesFileAndLine() throws IOException {
    Path file = Files.writeString(dir.resolve("hosts"), "n1\nn2 slots=4\n");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HostList.read(file, 3));
    assertEquals(file + ":2: expected 'host [workers=N]', not 'n2 slots=4'", e.getMessage());
  }

  @Test
  void read_zeroWorkers_isRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("hosts"), "n1 workers=0\n");

    assertThrows(IllegalArgumentException.class, () -> HostList.read(file, 3));
  }

  @Test
  void ofLines_scontrolOutput_givesOneHostALine() {
    assertEquals(List.of(new Host("node001", 2), new Host("node002", 2)),
        HostList.ofLines(List.of("node001", "node002", ""), 2));
  }

  @Test
  void argv_replacesHostInEveryToken_andAppendsTheCommand() {
    LauncherTemplate template = LauncherTemplate.parse("ssh -o User=x {host} -l {host}.admin");

    assertEquals(List.of("ssh", "-o", "User=x", "n1", "-l", "n1.admin", "/opt/pcopy/bin/pcopy",
        "agent"), template.argv("n1", List.of("/opt/pcopy/bin/pcopy", "agent")));
  }

  @Test
  void argv_slurmDefault_isOneUnbufferedTaskOnTheNode() {
    assertEquals(List.of("srun", "--nodes=1", "--ntasks=1", "--nodelist=n7", "--overlap",
        "--unbuffered", "pcopy", "agent"),
        LauncherTemplate.SRUN.argv("n7", List.of("pcopy", "agent")));
  }

  @Test
  void parse_templateWithoutHost_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> LauncherTemplate.parse("ssh n1"));
  }
}
