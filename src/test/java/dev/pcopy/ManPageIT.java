package dev.pcopy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.Shell;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The man page the package ships, rendered by man-db and groff as a user reads it: without a
 * warning, within 80 columns, and found by {@code man pcopy} for a bin/ on PATH.
 */
class ManPageIT {
  @TempDir
  Path tmp;

  private final Path home = Pcopy.launcher().getParent().getParent();
  private final Path page = home.resolve("man/man1/pcopy.1");

  @Test
  void rendering_givesNoWarning() {
    assertEquals("", run("MANWIDTH=80 man --warnings -l '" + page + "' 2>&1 >/dev/null"));
  }

  @Test
  void rendering_showsTheOptionsExitCodesAndExamples_within80Columns() {
    String text = run("MANWIDTH=80 MAN_KEEP_FORMATTING= man -l '" + page + "' 2>&1");

    for (String expected : new String[] {"NAME", "pcopy - copies everything under SRC",
        "-w, --workers=N", "--exclude=PATTERN", "Mirroring", "EXIT STATUS", "130",
        "PCOPY_WORKER_JAVA_OPTS", "pcopy --delete /data /mirror"}) {
      assertTrue(text.contains(expected), "no '" + expected + "' in\n" + text);
    }
    text.lines().forEach(line -> assertTrue(line.length() <= 80, "over 80 columns: " + line));
  }

  @Test
  void man_findsThePageForTheInstallsBinOnPath() {
    // man-db looks beside each directory of PATH, in ../man and ../share/man.
    String found = run("unset MANPATH; PATH='" + home.resolve("bin") + "':$PATH man -w pcopy");

    assertEquals(page + "\n", found);
  }

  private String run(String script) {
    return new String(Shell.output(tmp, script), StandardCharsets.UTF_8);
  }
}
