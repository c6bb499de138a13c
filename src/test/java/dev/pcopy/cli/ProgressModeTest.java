package dev.pcopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Which display a mode gives on which console. */
class ProgressModeTest {
  private static final TerminalTraits XTERM = new TerminalTraits(true, true, true, true);
  private static final TerminalTraits DUMB = new TerminalTraits(true, false, true, true);
  private static final TerminalTraits PIPE = new TerminalTraits(false, true, true, true);

  @Test
  void auto_onATerminalThatCanRedraw_isTheBar() {
    assertEquals(ProgressMode.BAR, ProgressMode.AUTO.on(XTERM));
  }

  @Test
  void auto_onADumbTerminal_isPlainLines() {
    assertEquals(ProgressMode.PLAIN, ProgressMode.AUTO.on(DUMB));
  }

  @Test
  void auto_onAPipe_isPlainLines() {
    assertEquals(ProgressMode.PLAIN, ProgressMode.AUTO.on(PIPE));
  }

  @Test
  void explicitModes_stayWhateverTheConsole() {
    for (TerminalTraits traits : new TerminalTraits[] {XTERM, DUMB, PIPE}) {
      assertEquals(ProgressMode.BAR, ProgressMode.BAR.on(traits));
      assertEquals(ProgressMode.PLAIN, ProgressMode.PLAIN.on(traits));
      assertEquals(ProgressMode.NONE, ProgressMode.NONE.on(traits));
    }
  }
}
