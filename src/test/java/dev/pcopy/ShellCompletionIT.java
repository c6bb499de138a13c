package dev.pcopy;

import static dev.pcopy.testing.InteractiveShell.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.InteractiveShell;
import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.Shell;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The completion scripts the package ships, loaded by real shells: bash registers pcopy's
 * completion, and a TAB completes an option or a file name, in bash and in zsh. In each shell
 * {@code pcopy} is a function that prints its arguments, so that Enter shows the completed line.
 */
class ShellCompletionIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** The arguments of the completed line, as the stand-in function prints them. */
  private static final Pattern ARGUMENTS = Pattern.compile("(<[^\r\n]*>)\r?\n");
  private static final String STAND_IN = "pcopy() { printf '<%s>' \"$@\"; echo; }\n";

  @TempDir
  Path tmp;

  @BeforeEach
  void makeADirectoryToComplete() throws IOException {
    Files.createDirectory(tmp.resolve("source-tree"));
  }

  @Test
  void bash_sourcingTheScript_registersTheCompletionForPcopy() {
    String registered = new String(Shell.output(tmp, "bash --noprofile --norc -c"
        + " '. \"$0\" && complete -p pcopy' '" + completion("pcopy.bash") + "'"),
        StandardCharsets.UTF_8);

    assertEquals("complete -o default -F _complete_pcopy pcopy\n", registered);
  }

  @Test
  void bash_tabAfterTheStartOfAnOption_completesTheOption() throws IOException {
    try (InteractiveShell bash = bash()) {
      // --exclude and --exclude-from both match: TAB completes what they have in common.
      assertEquals("<--exclude>", tabThenEnter(bash, "pcopy --exc", "lude"));
    }
  }

  @Test
  void bash_tabInThePlaceOfSource_completesAFileName() throws IOException {
    try (InteractiveShell bash = bash()) {
      assertEquals("<source-tree/>", tabThenEnter(bash, "pcopy sour", "ce-tree"));
    }
  }

  @Test
  void zsh_tabAfterTheStartOfAnOption_completesTheOption() throws IOException {
    try (InteractiveShell zsh = zsh()) {
      assertEquals("<--exclude>", tabThenEnter(zsh, "pcopy --exc", "lude"));
    }
  }

  @Test
  void zsh_tabAfterProgress_offersTheModes() throws IOException {
    try (InteractiveShell zsh = zsh()) {
      assertEquals("<--progress><plain>", tabThenEnter(zsh, "pcopy --progress pl", "ain"));
    }
  }

  @Test
  void zsh_tabInThePlaceOfSource_completesAFileName() throws IOException {
    try (InteractiveShell zsh = zsh()) {
      String arguments = tabThenEnter(zsh, "pcopy sour", "ce-tree");
      assertTrue(arguments.startsWith("<source-tree"), arguments);
    }
  }

  /**
   * Types {@code line} and TAB, waits until the shell shows {@code completion} (the end of the
   * completed word), then presses Enter and returns the arguments the line ran with. Waiting
   * between the keys is what a user does: typed ahead, Enter could reach the shell before the
   * completion has drawn, which proves nothing about the first TAB.
   */
  private static String tabThenEnter(InteractiveShell shell, String line, String completion) {
    shell.type(line + "\t");
    shell.awaitOutput(Pattern.compile(Pattern.quote(completion)), TIMEOUT);
    shell.type("\n");
    return shell.awaitOutput(ARGUMENTS, TIMEOUT);
  }

  /** A bash that has sourced the shipped script, as bash-completion or a .bashrc would. */
  private InteractiveShell bash() throws IOException {
    Path rc = Files.writeString(tmp.resolve("bashrc"), ". '" + completion("pcopy.bash") + "'\n"
        + STAND_IN + "PS1='" + PROMPT + "'\n");
    return InteractiveShell.start("bash --noprofile --rcfile '" + rc + "' -i", tmp, Map.of());
  }

  /**
   * A zsh whose fpath has the shipped directory, so that compinit finds {@code _pcopy} there, as
   * it does in site-functions.
   */
  private InteractiveShell zsh() throws IOException {
    assertTrue(Files.isExecutable(Path.of("/usr/bin/zsh")),
        "zsh is not installed (Debian: apt-get install zsh)");
    Path home = Files.createDirectories(tmp.resolve("zsh-home"));
    Files.writeString(home.resolve(".zshrc"), "fpath=('" + completion("_pcopy").getParent()
        + "' $fpath)\nautoload -Uz compinit && compinit -u -D\n" + STAND_IN + "PS1='" + PROMPT
        + "'\n");
    return InteractiveShell.start("zsh -i", tmp, Map.of("ZDOTDIR", home.toString()));
  }

  /** A completion script of the build's install (the same files as in the tarball). */
  private static Path completion(String name) {
    return Pcopy.launcher().getParent().resolveSibling("completion").resolve(name);
  }
}
