/**
 * The command line: the only package that knows picocli and the terminal.
 *
 * <p>{@link dev.pcopy.cli.PcopyCommand} parses and validates the arguments (their exact bytes,
 * {@link dev.pcopy.cli.RawArguments}) into a {@link dev.pcopy.job.CopyRequest}, hands it to
 * {@link dev.pcopy.job.CopyJob}, and maps the outcome to the exit codes listed in
 * {@link dev.pcopy.cli.ExitCodes}, the one place they are decided.
 */
package dev.pcopy.cli;
