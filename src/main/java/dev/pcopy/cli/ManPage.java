package dev.pcopy.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Renders pcopy's man page (troff with the man macros) from the command description picocli
 * parses by: the same description, option groups, exit codes and examples as {@code --help}, so
 * that the two cannot disagree. Only what concerns the launcher rather than the command line
 * (its environment variables and cache) is written here.
 *
 * <p>Plain troff rather than picocli-codegen's AsciiDoc, which needs asciidoctor (Ruby) to become
 * a man page. Every text is escaped ({@link #escape}), so that no word of a description can be
 * read as a request or an escape.
 */
final class ManPage {
  /** What the launcher reads from the environment: name, then what it does. */
  private static final String[][] ENVIRONMENT = {
    {"JAVA_HOME", "The Java runtime (17 or newer) that runs pcopy and its workers; without it,"
        + " the java found on PATH."},
    {"PCOPY_JAVA_OPTS", "Extra JVM options for the coordinator, split at spaces (for example"
        + " -Xmx256m)."},
    {"PCOPY_WORKER_JAVA_OPTS", "Extra JVM options for each worker, split at spaces. A worker's"
        + " standard output carries its messages to the coordinator, so JVM output must go to"
        + " standard error or a file (-Xlog:gc:stderr, not -Xlog:gc)."},
    {"PCOPY_CDS", "auto (the default): start the JVMs from class-data-sharing archives made for"
        + " this install and Java runtime, which a run that finds none makes in the background"
        + " (the run goes on without them); now: make them first, while the run waits; off:"
        + " neither use nor make them."},
    {"XDG_CACHE_HOME", "Where the archives are kept, in pcopy/ below it (default: ~/.cache)."},
  };
  /** What the launcher keeps on disk: path, then what it is. */
  private static final String[][] FILES = {
    {"${XDG_CACHE_HOME:-~/.cache}/pcopy/", "The class-data-sharing archives, one directory for"
        + " each install, Java runtime and build of pcopy, with the log of their making."
        + " Removing them is safe: they are made again."},
  };

  private ManPage() {}

  /**
   * Returns the man page of the command {@code spec} describes, for section 1, dated
   * {@code date} (YYYY-MM-DD) and naming {@code version}.
   */
  static String render(CommandSpec spec, String version, String date) {
    UsageMessageSpec usage = spec.usageMessage();
    List<String> out = new ArrayList<>();
    out.add(".\\\" Generated from pcopy's command description (dev.pcopy.cli.DistFiles).");
    out.add(".TH " + spec.name().toUpperCase(Locale.ROOT) + " 1 " + date + " \""
        + escape(spec.name() + " " + version) + "\" \"User Commands\"");
    out.add(".SH NAME");
    out.add(escape(spec.name()) + " \\- " + escape(summary(usage.description()[0])));
    out.add(".SH SYNOPSIS");
    StringBuilder synopsis = new StringBuilder(bold(spec.name()) + " [\\fIOPTION\\fR]...");
    for (PositionalParamSpec p : spec.positionalParameters()) {
      synopsis.append(' ').append(italic(p.paramLabel()));
    }
    out.add(synopsis.toString());
    out.add(".SH DESCRIPTION");
    paragraphs(out, usage.description());
    options(out, spec);
    out.add(".SH EXIT STATUS");
    for (Map.Entry<String, String> code : usage.exitCodeList().entrySet()) {
      tagged(out, bold(code.getKey().strip()), code.getValue());
    }
    out.add(".SH ENVIRONMENT");
    for (String[] variable : ENVIRONMENT) {
      tagged(out, bold(variable[0]), variable[1]);
    }
    out.add(".SH FILES");
    for (String[] file : FILES) {
      tagged(out, italic(file[0]), file[1]);
    }
    out.add(".SH EXAMPLES");
    examples(out, usage.footer());
    out.add(".SH SEE ALSO");
    out.add(bold("cp") + "(1), " + bold("rsync") + "(1)");
    return String.join("\n", out) + "\n";
  }

  /**
   * Escapes {@code text} for a troff text line: backslashes, the dashes of options (as minus
   * signs, so that they copy as ASCII hyphens), quotes that some devices would curl, anything
   * outside ASCII, and a control character at the start of the line.
   */
  static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length() + 16);
    text.codePoints().forEach(c -> {
      switch (c) {
        case '\\' -> b.append("\\e");
        case '-' -> b.append("\\-");
        case '\'' -> b.append("\\(aq");
        case '`' -> b.append("\\(ga");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            b.append(String.format("\\[u%04X]", c));
          } else {
            b.appendCodePoint(c);
          }
        }
      }
    });
    return b.length() > 0 && b.charAt(0) == '.' ? "\\&" + b : b.toString();
  }

  /** The first sentence of the description as the NAME line wants it: lower case, no period. */
  private static String summary(String sentence) {
    String s = sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    return Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  /** The description, its empty lines turned into paragraph breaks. */
  private static void paragraphs(List<String> out, String[] lines) {
    boolean first = true;
    for (String line : lines) {
      if (line.isEmpty()) {
        first = false;
      } else {
        if (!first) {
          out.add(".PP");
          first = true;
        }
        out.add(escape(line));
      }
    }
  }

  /** The positional parameters, then the options group by group, each in a subsection. */
  private static void options(List<String> out, CommandSpec spec) {
    out.add(".SH OPTIONS");
    for (PositionalParamSpec p : spec.positionalParameters()) {
      tagged(out, italic(p.paramLabel()), String.join(" ", p.description()));
    }
    for (ArgGroupSpec group : spec.argGroups()) {
      out.add(".SS " + escape(heading(group.heading())));
      for (OptionSpec option : group.options()) {
        tagged(out, names(option), String.join(" ", option.description()));
      }
    }
  }

  /** A tagged paragraph: {@code tag} (troff already), then {@code text} (escaped here). */
  private static void tagged(List<String> out, String tag, String text) {
    out.add(".TP");
    out.add(tag);
    if (!text.isEmpty()) {
      out.add(escape(text));
    }
  }

  private static String bold(String text) {
    return "\\fB" + escape(text) + "\\fR";
  }

  private static String italic(String text) {
    return "\\fI" + escape(text) + "\\fR";
  }

  /** An option's names as the tag shows them: {@code -w, --workers=N} in bold and italics. */
  private static String names(OptionSpec option) {
    List<String> names = new ArrayList<>();
    for (String name : option.names()) {
      names.add(bold(name));
    }
    String tag = String.join(", ", names);
    return option.arity().max() > 0 ? tag + "=" + italic(option.paramLabel()) : tag;
  }

  /** A group heading without picocli's line-end format and its closing colon. */
  private static String heading(String heading) {
    String h = heading.replace("%n", "").strip();
    return h.endsWith(":") ? h.substring(0, h.length() - 1) : h;
  }

  /**
   * The examples of the help's footer, each a command and, after a run of spaces, what it does.
   */
  private static void examples(List<String> out, String[] footer) {
    for (String line : footer) {
      String[] parts = line.strip().split("\\s{2,}", 2);
      if (!parts[0].isEmpty()) {
        tagged(out, bold(parts[0]), parts.length > 1 ? parts[1] : "");
      }
    }
  }
}
