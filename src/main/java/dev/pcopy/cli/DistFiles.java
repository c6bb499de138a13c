package dev.pcopy.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Writes the files of the package that are made from pcopy's command description: the man page
 * {@code man/man1/pcopy.1}, and the completion scripts {@code completion/pcopy.bash} and
 * {@code completion/_pcopy} (zsh). The build runs it (exec-maven-plugin, before the assembly);
 * pcopy itself never loads it. Public only because the plugin calls {@code main} by reflection.
 */
public final class DistFiles {
  private DistFiles() {}

  /**
   * Writes the files below {@code args[0]}, naming version {@code args[1]} and dated by
   * {@code args[2]}, the build's output timestamp (ISO 8601 or seconds since the epoch), so that
   * the same commit always gives the same bytes.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: DistFiles OUTPUT_DIRECTORY VERSION TIMESTAMP");
    }
    Path out = Path.of(args[0]);
    CommandSpec spec = CommandOptions.describe(new Object());
    write(out.resolve("man/man1/pcopy.1"), ManPage.render(spec, args[1], date(args[2])));
    write(out.resolve("completion/pcopy.bash"), Completion.bash(spec));
    write(out.resolve("completion/_pcopy"), Completion.zsh(spec));
  }

  /** The day of {@code timestamp} in UTC, as YYYY-MM-DD. */
  static String date(String timestamp) {
    Instant instant = timestamp.chars().allMatch(Character::isDigit)
        ? Instant.ofEpochSecond(Long.parseLong(timestamp))
        : OffsetDateTime.parse(timestamp).toInstant();
    return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
