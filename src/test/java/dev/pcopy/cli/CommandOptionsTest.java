package dev.pcopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** What a parsed command line reads as, through the programmatic description of the options. */
class CommandOptionsTest {

  private static CommandOptions parse(String... args) {
    CommandSpec spec = CommandOptions.describe(new Object());
    new CommandLine(spec, CommandOptions.FACTORY).setCaseInsensitiveEnumValuesAllowed(true)
        .parseArgs(args);
    return CommandOptions.of(spec);
  }

  @Test
  void nothingButThePaths_readsAsTheDocumentedDefaults() {
    CommandOptions options = parse("from", "to");
    assertEquals(new CommandOptions("from", "to",
        Math.max(2, Runtime.getRuntime().availableProcessors()), false, false, false,
        ProgressMode.AUTO, 5.0, false, false, 0, -1L, "No space left on device"), options);
  }

  @Test
  void everyOption_readsAsWhatWasGiven() {
    CommandOptions options = parse("-w", "3", "-fnL", "--progress=Plain",
        "--progress-interval", "0.5", "-q", "--debug", "--test-worker-delay", "7",
        "--test-worker-room", "4096", "--test-worker-refusal", "Disk quota exceeded", "a", "b");
    assertEquals(new CommandOptions("a", "b", 3, true, true, true, ProgressMode.PLAIN, 0.5, true,
        true, 7, 4096L, "Disk quota exceeded"), options);
  }

  @Test
  void longNamesOfTheFlags_readLikeTheirShortOnes() {
    CommandOptions options = parse("--workers=4", "--force", "--dry-run", "--dereference",
        "--quiet", "a", "b");
    assertEquals(4, options.workers());
    assertTrue(options.force() && options.dryRun() && options.dereference() && options.quiet());
  }

  @Test
  void debug_isKnownAsSoonAsItIsParsed_andFalseWithoutIt() {
    CommandSpec spec = CommandOptions.describe(new Object());
    CommandLine cli = new CommandLine(spec, CommandOptions.FACTORY);
    cli.parseArgs("a", "b");
    assertFalse(CommandOptions.debug(spec));
    cli.parseArgs("--debug", "a", "b");
    assertTrue(CommandOptions.debug(spec));
  }

  @Test
  void testOptions_areHiddenFromTheHelp() {
    String help = new CommandLine(CommandOptions.describe(new Object()), CommandOptions.FACTORY)
        .getUsageMessage();
    assertFalse(help.contains("--test-worker"), help);
    assertTrue(help.contains("--progress-interval=SECONDS"), help);
  }
}
