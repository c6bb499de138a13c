package dev.pcopy.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.ArgSpec;
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
    StringBuilder synopsis = new StringBuilder("\\fB" + escape(spec.name())
        + "\\fR [\\fIOPTION\\fR]...");
    for (PositionalParamSpec p : spec.positionalParameters()) {
      synopsis.append(" \\fI").append(escape(p.paramLabel())).append("\\fR");
    }
    out.add(synopsis.toString());
    out.add(".SH DESCRIPTION");
    paragraphs(out, usage.description());
    out.add(".SH OPTIONS");
    for (PositionalParamSpec p : spec.positionalParameters()) {
      item(out, "\\fI" + escape(p.paramLabel()) + "\\fR", p);
    }
    for (ArgGroupSpec group : spec.argGroups()) {
      out.add(".SS " + escape(heading(group.heading())));
      for (OptionSpec option : group.options()) {
        item(out, names(option), option);
      }
    }
    out.add(".SH EXIT STATUS");
    for (Map.Entry<String, String> code : usage.exitCodeList().entrySet()) {
      out.add(".TP");
      out.add("\\fB" + escape(code.getKey().strip()) + "\\fR");
      out.add(escape(code.getValue()));
    }
    out.add(".SH ENVIRONMENT");
    for (String[] variable : ENVIRONMENT) {
      out.add(".TP");
      out.add("\\fB" + escape(variable[0]) + "\\fR");
      out.add(escape(variable[1]));
    }
    out.add(".SH EXAMPLES");
    examples(out, usage.footer());
    out.add(".SH SEE ALSO");
    out.add("\\fBcp\\fR(1), \\fBrsync\\fR(1)");
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

  /** A tagged paragraph for one argument: its names, then its description. */
  private static void item(List<String> out, String tag, ArgSpec arg) {
    out.add(".TP");
    out.add(tag);
    out.add(escape(String.join(" ", arg.description())));
  }

  /** An option's names as the tag shows them: {@code -w, --workers=N} in bold and italics. */
  private static String names(OptionSpec option) {
    List<String> names = new ArrayList<>();
    for (String name : option.names()) {
      names.add("\\fB" + escape(name) + "\\fR");
    }
    String tag = String.join(", ", names);
    return option.arity().max() > 0 ? tag + "=\\fI" + escape(option.paramLabel()) + "\\fR" : tag;
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
      if (parts[0].isEmpty()) {
        continue;
      }
      out.add(".TP");
      out.add("\\fB" + escape(parts[0]) + "\\fR");
      if (parts.length > 1) {
        out.add(escape(parts[1]));
      }
    }
  }
}
