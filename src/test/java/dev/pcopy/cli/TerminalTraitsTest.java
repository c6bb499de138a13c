package dev.pcopy.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the environment says about the terminal: can it redraw, does it show UTF-8. */
class TerminalTraitsTest {
  @Test
  void of_dumbOrMissingTerm_cannotRedraw() {
    assertFalse(TerminalTraits.of(true, Map.of("TERM", "dumb"), "UTF-8").canRedraw());
    assertFalse(TerminalTraits.of(true, Map.of(), "UTF-8").canRedraw());
    assertTrue(TerminalTraits.of(true, Map.of("TERM", "xterm-256color"), "UTF-8").canRedraw());
  }

  @Test
  void of_charmapFromTheLauncher_decidesOverTheLocaleVariables() {
    // The launcher gives the JVM a UTF-8 LC_CTYPE of its own; the user's charmap is what counts.
    assertFalse(TerminalTraits.of(true, Map.of("LC_CTYPE", "C.UTF-8"), "ANSI_X3.4-1968").utf8());
    assertTrue(TerminalTraits.of(true, Map.of(), "UTF-8").utf8());
  }

  @Test
  void of_withoutCharmap_lcAllThenLcCtypeThenLangDecide() {
    assertFalse(TerminalTraits.of(true, Map.of("LC_ALL", "C", "LANG", "en_US.UTF-8"), null)
        .utf8());
    assertTrue(TerminalTraits.of(true, Map.of("LC_CTYPE", "de_DE.utf8", "LANG", "C"), "")
        .utf8());
    assertTrue(TerminalTraits.of(true, Map.of("LANG", "en_US.UTF-8"), null).utf8());
    assertFalse(TerminalTraits.of(true, Map.of(), null).utf8(), "no locale at all is C");
  }

  @Test
  void of_noColorSetToAnything_turnsColourOff_andEmptyDoesNot() {
    assertFalse(TerminalTraits.of(true, Map.of("NO_COLOR", "1"), "UTF-8").colour());
    assertTrue(TerminalTraits.of(true, Map.of("NO_COLOR", ""), "UTF-8").colour());
    assertTrue(TerminalTraits.of(true, Map.of(), "UTF-8").colour());
  }
}
