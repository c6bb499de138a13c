package dev.pcopy.cli;

/** How progress is shown. */
enum ProgressMode {
  /** A bar if stdout and stderr are a terminal that can redraw a line, plain lines otherwise. */
  AUTO,
  /** Always the live bar. */
  BAR,
  /** Plain lines every few seconds, no carriage returns. */
  PLAIN,
  /** No progress at all (errors and the summary are still printed). */
  NONE;

  /**
   * Returns the mode to show on a console with {@code traits}: {@link #AUTO} becomes
   * {@link #BAR} on a terminal that can redraw a line, {@link #PLAIN} anywhere else (a pipe, a
   * file, a dumb terminal); any other mode was asked for and stays.
   */
  ProgressMode on(TerminalTraits traits) {
    if (this != AUTO) {
      return this;
    }
    return traits.interactive() && traits.canRedraw() ? BAR : PLAIN;
  }
}
