package dev.pcopy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.Shell;
import dev.pcopy.testing.TestTrees;
import dev.pcopy.testing.TreeAssert;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package as a user gets it, {@code target/pcopy-VERSION.tar.gz}: unpacked into a temporary
 * directory, it runs in place; installed into a prefix by its {@code install.sh}, it runs from
 * there, from another directory, with the Java on PATH, and puts its man page and completion
 * where man and bash-completion look. Nothing here uses the build tree.
 */
class TarballInstallIT {
  @TempDir
  Path tmp;

  private Path unpacked;
  private Path src;
  private Path work;

  @BeforeEach
  void unpackTheTarball() throws IOException {
    Path into = Files.createDirectory(tmp.resolve("unpacked"));
    Shell.run(into, "tar -xzf '" + tarball() + "'");
    try (var top = Files.list(into)) {
      unpacked = top.findFirst().orElseThrow();
    }
    src = TestTrees.at(tmp.resolve("src"), 41).file("a", 3000, 0644).file("b/c", 10, 0600)
        .link("b/link", "../a").finish();
    work = Files.createDirectory(tmp.resolve("work"));
  }

  @Test
  void tarball_holdsTheInstallUnderOneDirectoryNamedForItsVersion() {
    List<String> entries = lines(Shell.output(tmp, "tar -tzf '" + tarball() + "'"));
    String top = unpacked.getFileName().toString() + "/";

    assertTrue(top.matches("pcopy-\\d+\\.\\d+\\.\\d+.*/"), top);
    assertTrue(entries.stream().allMatch(e -> e.startsWith(top)), entries.toString());
    for (String file : List.of("bin/pcopy", "install.sh", "lib/pcopy/libpcopy.so",
        "lib/pcopy/make-cds-archives.sh", "man/man1/pcopy.1", "completion/pcopy.bash",
        "completion/_pcopy")) {
      assertTrue(entries.contains(top + file), file + " is missing from " + entries);
    }
    // Archives fit only where and with what they were made, and differ from build to build.
    assertFalse(entries.stream().anyMatch(e -> e.endsWith(".jsa")), entries.toString());
  }

  @Test
  void tarball_givesEveryEntryTheSameTimeOwnerRootAndAFixedMode() {
    List<String> entries = lines(Shell.output(tmp,
        "tar --numeric-owner --full-time -tvzf '" + tarball() + "'"));

    String time = entries.get(0).split("\\s+")[3] + " " + entries.get(0).split("\\s+")[4];
    for (String entry : entries) {
      String[] f = entry.split("\\s+");
      assertEquals("0/0", f[1], entry);
      assertEquals(time, f[3] + " " + f[4], entry);
      assertTrue(List.of("drwxr-xr-x", "-rwxr-xr-x", "-rw-r--r--").contains(f[0]), entry);
    }
  }

  @Test
  void unpacked_runsInPlace_fromAnotherDirectory() {
    PcopyResult result = Pcopy.args("../src", "copy")
        .launchedBy(unpacked.resolve("bin/pcopy"))
        .in(work)
        .env("PCOPY_CDS", "off")
        .run();

    assertEquals(0, result.exitCode(), result.toString());
    TreeAssert.assertSameTree(src, work.resolve("copy"));
  }

  @Test
  void installed_runsFromThePrefix_fromAnotherDirectory_withTheJavaOnPath() throws IOException {
    Path prefix = install();
    Path cache = tmp.resolve("cache");
    Path log = tmp.resolve("coordinator.log");

    // The first run makes the archives of this install and waits for them, the second uses them.
    PcopyResult first = onPathJava(Pcopy.args("../src", "copy").launchedBy(prefix.resolve(
        "bin/pcopy")).in(work).env("XDG_CACHE_HOME", cache.toString()).env("PCOPY_CDS", "now"))
        .run();
    PcopyResult second = onPathJava(Pcopy.args("--version").launchedBy(prefix.resolve(
        "bin/pcopy")).in(work).env("XDG_CACHE_HOME", cache.toString())
        .env("PCOPY_JAVA_OPTS", "-Xlog:class+load:file=" + log)).run();

    assertEquals(0, first.exitCode(), first.toString());
    TreeAssert.assertSameTree(src, work.resolve("copy"));
    assertEquals(0, second.exitCode(), second.toString());
    assertTrue(second.stdout().startsWith("pcopy "), second.toString());
    assertTrue(Files.readAllLines(log).stream()
        .anyMatch(l -> l.contains(" dev.pcopy.Main source: shared objects file")),
        "the installed pcopy did not start from its archive");
  }

  @Test
  void installed_manPageAndCompletion_areWhereManAndBashCompletionLook() throws IOException {
    Path prefix = install();

    // man-db looks in PREFIX/share/man for a PREFIX/bin on PATH; bash-completion loads
    // completions from XDG_DATA_HOME (~/.local/share) and XDG_DATA_DIRS (/usr/local/share).
    assertEquals(prefix.resolve("share/man/man1/pcopy.1") + "\n", text(Shell.output(tmp,
        "unset MANPATH; PATH='" + prefix.resolve("bin") + "':$PATH man -w pcopy")));
    assertEquals("complete -o default -F _complete_pcopy pcopy\n", text(Shell.output(tmp,
        "XDG_DATA_HOME='" + prefix.resolve("share") + "' bash --noprofile --norc -c"
        + " '. /usr/share/bash-completion/bash_completion && __load_completion pcopy"
        + " && complete -p pcopy'")));
    assertTrue(Files.isRegularFile(prefix.resolve("share/zsh/site-functions/_pcopy")));
  }

  @Test
  void installingAgain_replacesTheEarlierInstallsJars() throws IOException {
    Path prefix = install();
    Path stale = Files.writeString(prefix.resolve("lib/pcopy/pcopy-0.9.0.jar"), "old");

    install();
    PcopyResult result = Pcopy.args("--version").launchedBy(prefix.resolve("bin/pcopy"))
        .env("PCOPY_CDS", "off").run();

    assertFalse(Files.exists(stale), "a jar of the earlier install is left on the class path");
    assertEquals(0, result.exitCode(), result.toString());
  }

  /** Installs the unpacked package into tmp/prefix with its install.sh; returns the prefix. */
  private Path install() {
    Path prefix = tmp.resolve("prefix");
    String out = text(Shell.output(work, "'" + unpacked.resolve("install.sh") + "' '" + prefix
        + "'"));
    assertTrue(out.startsWith("pcopy: installed into " + prefix), out);
    return prefix;
  }

  /** Makes the run find Java on PATH, as an install with no JAVA_HOME does. */
  private static Pcopy onPathJava(Pcopy run) {
    return run.env("JAVA_HOME", "")
        .env("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
  }

  private static Path tarball() {
    Path tarball = Path.of(System.getProperty("pcopy.tarball", "(pcopy.tarball is not set)"));
    assertTrue(Files.isRegularFile(tarball), tarball + " is missing; run mvn package");
    return tarball;
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static List<String> lines(byte[] bytes) {
    return text(bytes).lines().toList();
  }
}
