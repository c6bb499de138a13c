package dev.pcopy.cli;

/** How progress is shown. */
enum ProgressMode {
  /** A bar if stderr is a terminal, plain lines otherwise. */
  AUTO,
  /** Always the live bar. */
  BAR,
  /** Plain lines every few seconds, no carriage returns. */
  PLAIN,
  /** No progress at all (errors and the summary are still printed). */
  NONE
}
