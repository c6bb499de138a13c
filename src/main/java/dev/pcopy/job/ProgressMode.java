package dev.pcopy.job;

/** How progress is shown. */
public enum ProgressMode {
  /** A bar if stderr is a terminal, plain lines otherwise. */
  AUTO,
  /** Always the live bar. */
  BAR,
  /** Plain lines every few seconds, no carriage returns. */
  PLAIN,
  /** No progress at all (errors and the summary are still printed). */
  NONE
}
