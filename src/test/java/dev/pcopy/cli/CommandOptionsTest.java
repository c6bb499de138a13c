package dev.pcopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What a parsed command line reads as, through the programmatic description of the options:
 * the defaults, every option, the long names, and that the worker test hooks are no options
 * any more (they are system properties of the worker, {@code dev.pcopy.worker.TestHooks}).
 */
class CommandOptionsTest {
  private static final int DEFAULT_WORKERS =
      Math.max(2, Runtime.getRuntime().availableProcessors());

  private static CommandOptions parse(String... args) {
    CommandSpec spec = CommandOptions.describe(new Object());
    new CommandLine(spec, CommandOptions.FACTORY).setCaseInsensitiveEnumValuesAllowed(true)
        .parseArgs(args);
    return CommandOptions.of(spec);
  }

  @Test
  void of_nothingButThePaths_readsAsTheDocumentedDefaults() {
    CommandOptions options = parse("from", "to");

    assertEquals("from", options.source());
    assertEquals("to", options.target());
    assertEquals(DEFAULT_WORKERS, options.workers());
    assertEquals(new CommandOptions.Copy(false, false, false, false, true, true, true, false,
        false, true, CommandOptions.DEFAULT_STALL_SECONDS), options.copy());
    assertEquals(new CommandOptions.Show(false, ProgressMode.AUTO, 5.0, false, false, false,
        false, false),
        options.show());
    assertEquals(new CommandOptions.Mirror(false, false, -1), options.mirror());
    assertTrue(options.select().rules().isEmpty());
    assertEquals(60.0, CommandOptions.DEFAULT_STALL_SECONDS);
  }

  @Test
  void of_everyOption_readsAsWhatWasGiven() {
    CommandOptions options = parse("-w", "3", "-fnvL", "--fsync", "--stall-timeout", "2.5",
        "--no-xattrs", "--no-acls", "--no-hard-links", "--no-partial", "--progress=Plain",
        "--progress-interval", "0.5", "-q", "--debug", "--json", "--no-color", "--bytes", "a",
        "b");

    assertEquals(3, options.workers());
    assertEquals(new CommandOptions.Copy(true, true, true, true, false, false, false, false,
        false, false, 2.5), options.copy());
    assertEquals(new CommandOptions.Show(true, ProgressMode.PLAIN, 0.5, true, true, true, true,
        true),
        options.show());
  }

  @Test
  void of_selectionRules_keepTheirCommandLineOrder_andAttachedValues() {
    CommandOptions options = parse("--exclude", "*.log", "--include=keep.log", "-x",
        "--exclude-from", "rules.txt", "--files-from=-", "-0", "--min-size", "1K",
        "--max-size=2G", "--delete", "--delete-excluded", "--max-delete", "7", "a", "b");

    List<String> rules = options.select().rules().stream().map(r -> r[0] + " " + r[1])
        .toList();
    assertEquals(List.of("--exclude *.log", "--include keep.log", "--exclude-from rules.txt",
        "--files-from -"), rules);
    assertEquals(new CommandOptions.Select(options.select().rules(), true, "1K", "2G", true),
        options.select());
    assertEquals(new CommandOptions.Mirror(true, true, 7), options.mirror());
  }

  @Test
  void of_checksumAndVerify_readAsGiven() {
    CommandOptions options = parse("-c", "--verify", "a", "b");

    assertTrue(options.copy().checksum() && options.copy().verify());
  }

  @Test
  void of_longNamesOfTheFlags_readLikeTheirShortOnes() {
    CommandOptions options = parse("--workers=4", "--force", "--dry-run", "--dereference",
        "--verbose", "--quiet", "a", "b");

    assertEquals(4, options.workers());
    assertTrue(options.copy().force() && options.copy().dryRun()
        && options.copy().dereference() && options.show().verbose() && options.show().quiet());
  }

  @Test
  void of_archive_isAcceptedAndChangesNothing_pcopyAlwaysCopiesAsCpADoes() {
    assertEquals(parse("a", "b"), parse("-a", "a", "b"));
    assertEquals(parse("--no-acls", "a", "b"), parse("--archive", "--no-acls", "a", "b"));
  }

  @Test
  void of_eachNoOption_turnsOffOnlyItsOwnKeep() {
    CommandOptions.Copy noXattrs = parse("--no-xattrs", "a", "b").copy();
    CommandOptions.Copy noAcls = parse("--no-acls", "a", "b").copy();
    CommandOptions.Copy noLinks = parse("--no-hard-links", "a", "b").copy();

    assertEquals(java.util.List.of(false, true, true),
        java.util.List.of(noXattrs.xattrs(), noXattrs.acls(), noXattrs.hardLinks()));
    assertEquals(java.util.List.of(true, false, true),
        java.util.List.of(noAcls.xattrs(), noAcls.acls(), noAcls.hardLinks()));
    assertEquals(java.util.List.of(true, true, false),
        java.util.List.of(noLinks.xattrs(), noLinks.acls(), noLinks.hardLinks()));
  }

  @Test
  void parse_theOldTestWorkerOptions_areUnknownNow() {
    for (String gone : new String[] {"--test-worker-delay", "--test-worker-room",
        "--test-worker-refusal"}) {
      assertThrows(CommandLine.UnmatchedArgumentException.class,
          () -> parse(gone, "7", "a", "b"), gone);
    }
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
  void usage_namesTheNewOptions_andNoTestHook() {
    String help = new CommandLine(CommandOptions.describe(new Object()), CommandOptions.FACTORY)
        .getUsageMessage();

    for (String option : new String[] {"--verbose", "--archive", "--fsync",
        "--stall-timeout=SECONDS", "--no-xattrs", "--no-acls", "--no-hard-links",
        "--progress-interval=SECONDS"}) {
      assertTrue(help.contains(option), option + " missing from:\n" + help);
    }
    assertFalse(help.contains("--test-worker"), help);
  }
}
