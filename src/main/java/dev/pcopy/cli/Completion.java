package dev.pcopy.cli;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Makes pcopy's shell completion from its command description: picocli's bash script, and for
 * zsh the same script run through zsh's emulation of bash completion ({@code bashcompinit}).
 */
final class Completion {
  /** The label of options whose value is a file name. */
  private static final String FILE_LABEL = "FILE";

  private Completion() {}

  /** Returns the bash completion script for the command {@code spec} describes. */
  static String bash(CommandSpec spec) {
    CommandLine commandLine = new CommandLine(completable(spec), CommandOptions.FACTORY);
    return AutoComplete.bash(spec.name(), commandLine);
  }

  /**
   * Returns the zsh completion function for the command {@code spec} describes, as a file for a
   * directory of zsh's {@code fpath} named {@code _NAME}: compinit reads its first line and runs
   * the file at the first completion of the command. The bash script in it then registers
   * itself through bashcompinit for every later completion, and the last line completes this
   * first one. The script's calls of bash's {@code compopt} become a no-op, which is what
   * they amount to in zsh.
   */
  static String zsh(CommandSpec spec) {
    return "#compdef " + spec.name() + "\n"
        + "# zsh completion for " + spec.name() + ": its bash completion, run through zsh's\n"
        + "# bashcompinit. Install as _" + spec.name() + " in a directory of $fpath.\n"
        // The script asks bash's compopt to change the completion in progress, which zsh cannot;
        // its own alias for it comes too late, as this whole file is read as one function.
        + "compopt() { return 0; }\n"
        + bash(spec)
        + "\n_bash_complete -F _complete_" + spec.name() + " -o default\n";
  }

  /**
   * The description as picocli's script generator should see it. The generator completes file
   * names only for arguments typed {@code File} or {@code Path}, while pcopy takes its paths as
   * strings (it reads their exact bytes itself): here SRC, DST and the options whose value is a
   * FILE become {@code File}. And an enum's values are offered in lower case, as the help names
   * them (the parser takes any case).
   */
  static CommandSpec completable(CommandSpec spec) {
    CommandSpec copy = CommandSpec.create().name(spec.name());
    for (OptionSpec option : spec.options()) {
      // A copy keeps its type information, which wins over a new type: a file option is made
      // anew, with what the script is made of.
      OptionSpec.Builder b = FILE_LABEL.equals(option.paramLabel())
          ? OptionSpec.builder(option.names()).paramLabel(FILE_LABEL).arity(option.arity())
              .type(File.class)
          : OptionSpec.builder(option);
      if (option.type().isEnum()) {
        b.completionCandidates(lowerCase(option.type().getEnumConstants()));
      }
      copy.addOption(b.build());
    }
    for (PositionalParamSpec positional : spec.positionalParameters()) {
      copy.addPositional(PositionalParamSpec.builder().index(positional.index())
          .arity(positional.arity()).paramLabel(positional.paramLabel()).type(File.class).build());
    }
    return copy;
  }

  private static List<String> lowerCase(Object[] constants) {
    List<String> names = new ArrayList<>();
    for (Object constant : constants) {
      names.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT));
    }
    return names;
  }
}
