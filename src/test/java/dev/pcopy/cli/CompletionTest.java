package dev.pcopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The completion scripts made from the command description (the ITs run them in bash and zsh).
 */
class CompletionTest {
  private final CommandSpec spec = CommandOptions.describe(new Object());
  private final CommandSpec completable = Completion.completable(spec);

  @Test
  void completable_typesSourceAndTargetAsFiles() {
    for (PositionalParamSpec positional : completable.positionalParameters()) {
      assertEquals(File.class, positional.type(), positional.paramLabel());
    }
    assertEquals(List.of("SRC", "DST"), completable.positionalParameters().stream()
        .map(PositionalParamSpec::paramLabel).toList());
  }

  @Test
  void completable_typesTheFromFilesAsFilesAndLeavesPatternsAlone() {
    for (String name : List.of("--exclude-from", "--include-from", "--files-from")) {
      assertEquals(File.class, completable.findOption(name).type(), name);
    }
    assertEquals(String.class, completable.findOption("--exclude").type());
  }

  @Test
  void completable_offersTheProgressModesInLowerCase() {
    List<String> modes = new ArrayList<>();
    completable.findOption("--progress").completionCandidates().forEach(modes::add);
    assertEquals(List.of("auto", "bar", "plain", "none"), modes);
  }

  @Test
  void completable_keepsEveryOptionName() {
    assertEquals(spec.options().stream().map(OptionSpec::longestName).toList(),
        completable.options().stream().map(OptionSpec::longestName).toList());
  }

  @Test
  void bash_registersItsFunctionForPcopy() {
    String script = Completion.bash(spec);
    assertTrue(script.contains("\ncomplete -F _complete_pcopy -o default pcopy"), script);
    assertTrue(script.contains("compgen -f"), "no file name completion");
  }

  @Test
  void zsh_isACompdefFileThatCompletesTheFirstTimeToo() {
    String script = Completion.zsh(spec);
    assertTrue(script.startsWith("#compdef pcopy\n"), script);
    assertTrue(script.endsWith("\n_bash_complete -F _complete_pcopy -o default\n"), script);
    assertTrue(script.contains(Completion.bash(spec)), "the bash script is not inside");
  }
}
