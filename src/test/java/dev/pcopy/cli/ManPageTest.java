package dev.pcopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The man page made from the command description, as troff text (the ITs render it). */
class ManPageTest {
  private final CommandSpec spec = CommandOptions.describe(new Object());
  private final String page = ManPage.render(spec, "1.2.3", "2026-11-24");
  private final List<String> lines = page.lines().toList();

  @Test
  void render_titlesThePageWithNameSectionDateAndVersion() {
    assertEquals(".TH PCOPY 1 2026-11-24 \"pcopy 1.2.3\" \"User Commands\"", lines.get(1));
    assertEquals("pcopy \\- copies everything under SRC into DST with a pool of worker processes,"
        + " showing progress", lines.get(lines.indexOf(".SH NAME") + 1));
  }

  @Test
  void render_describesEveryOptionOfTheHelp() {
    for (OptionSpec option : spec.options()) {
      assertTrue(page.contains("\\fB" + ManPage.escape(option.longestName()) + "\\fR"),
          option.longestName() + " is missing");
    }
    assertTrue(lines.contains("\\fB\\-w\\fR, \\fB\\-\\-workers\\fR=\\fIN\\fR"), page);
  }

  @Test
  void render_keepsTheHelpsGroupsAsSubsectionsInOrder() {
    List<String> subsections = lines.stream().filter(l -> l.startsWith(".SS ")).toList();
    assertEquals(List.of(".SS Copying", ".SS Selection (see docs/selection.md)", ".SS Mirroring",
        ".SS Hosts (see docs/multi\\-host.md)", ".SS Output"), subsections);
  }

  @Test
  void render_listsEveryExitCodeWithItsMeaning() {
    for (String code : spec.usageMessage().exitCodeList().keySet()) {
      assertTrue(lines.contains("\\fB" + code + "\\fR"), "exit code " + code + " is missing");
    }
    int sigint = lines.indexOf("\\fB130\\fR");
    assertEquals("interrupted by SIGINT or SIGTERM; temporary files were removed",
        lines.get(sigint + 1));
  }

  @Test
  void render_turnsTheHelpsExamplesIntoTaggedParagraphs() {
    int example = lines.indexOf("\\fBpcopy \\-\\-delete /data /mirror\\fR");
    assertEquals(".TP", lines.get(example - 1));
    assertEquals("make /mirror an exact mirror of /data", lines.get(example + 1));
  }

  @Test
  void render_namesTheLaunchersVariablesAndCache() {
    for (String variable : List.of("JAVA_HOME", "PCOPY_JAVA_OPTS", "PCOPY_WORKER_JAVA_OPTS",
        "PCOPY_CDS", "XDG_CACHE_HOME")) {
      assertTrue(lines.contains("\\fB" + variable + "\\fR"), variable + " is missing");
    }
    assertTrue(lines.get(lines.indexOf(".SH FILES") + 2).contains("/pcopy/"), page);
  }

  @Test
  void render_hasNoLineThatTroffWouldMistakeForARequest() {
    for (String line : lines) {
      if (line.startsWith(".") || line.startsWith("'")) {
        assertTrue(line.matches("\\.(\\\\\"|TH|SH|SS|TP|PP) ?.*"), "unexpected request: " + line);
      }
    }
  }

  @Test
  void render_sameInputs_sameText() {
    assertEquals(page, ManPage.render(CommandOptions.describe(new Object()), "1.2.3",
        "2026-11-24"));
  }

  @Test
  void escape_turnsDashesIntoMinusSignsAndBackslashesIntoEscapes() {
    assertEquals("\\-\\-exclude a\\eb", ManPage.escape("--exclude a\\b"));
  }

  @Test
  void escape_keepsQuotesStraight() {
    assertEquals("\\(aq*.tmp\\(aq \\(gadate\\(ga", ManPage.escape("'*.tmp' `date`"));
  }

  @Test
  void escape_protectsALeadingPeriod() {
    assertEquals("\\&.hidden is copied", ManPage.escape(".hidden is copied"));
    assertFalse(ManPage.escape("a.b").startsWith("\\&"));
  }

  @Test
  void escape_namesCharactersOutsideAsciiByCodePoint() {
    assertEquals("caf\\[u00E9] \\[u1F4C1]", ManPage.escape("caf\u00e9 \ud83d\udcc1"));
  }
}
