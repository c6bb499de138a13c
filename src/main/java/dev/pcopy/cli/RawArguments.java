package dev.pcopy.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Recovers the exact bytes of the command-line arguments.
 *
 * <p>The JVM decodes {@code argv} with the locale's charset before {@code main} sees it, so in the
 * C locale, or for a name that is not valid UTF-8, a path argument arrives damaged. Linux keeps
 * the original bytes in {@code /proc/self/cmdline}; the program's own arguments are its last
 * entries. Arguments whose string form is not exact are replaced, before parsing, by a token
 * that {@link #path} maps back to the bytes.
 */
final class RawArguments {
  private static final String TOKEN = "\u0000raw-argument-";
  /** Stands for the value of a long option written {@code --name=value}. */
  private static final String VALUE_TOKEN = "\u0000raw-value-";

  private final List<byte[]> raw;

  private RawArguments(List<byte[]> raw) {
    this.raw = raw;
  }

  /** Reads the raw bytes of {@code args}; falls back to their UTF-8 form where /proc is missing. */
  static RawArguments of(String[] args) {
    List<byte[]> all = cmdline();
    List<byte[]> mine = new ArrayList<>();
    if (all.size() >= args.length) {
      mine.addAll(all.subList(all.size() - args.length, all.size()));
    } else {
      for (String a : args) {
        mine.add(a.getBytes(StandardCharsets.UTF_8));
      }
    }
    return new RawArguments(mine);
  }

  /**
   * Returns the arguments to parse, with every damaged non-option replaced by a token. After
   * {@code --} every argument is a non-option, even one that starts with '-'.
   */
  String[] forParsing(String[] args) {
    String[] out = args.clone();
    boolean optionsEnded = false;
    for (int i = 0; i < out.length; i++) {
      byte[] exact = out[i].getBytes(StandardCharsets.UTF_8);
      boolean option = !optionsEnded && out[i].startsWith("-");
      if (!optionsEnded && out[i].equals("--")) {
        optionsEnded = true;
      } else if (!option && !Arrays.equals(exact, raw.get(i))) {
        out[i] = TOKEN + i;
      } else if (option && out[i].startsWith("--") && out[i].indexOf('=') > 0
          && !Arrays.equals(exact, raw.get(i))) {
        // A pattern such as --exclude=<name that is not UTF-8>: the value keeps its bytes.
        out[i] = out[i].substring(0, out[i].indexOf('=') + 1) + VALUE_TOKEN + i;
      }
    }
    return out;
  }

  /** Returns every argument's exact bytes. */
  List<byte[]> all() {
    return List.copyOf(raw);
  }

  /** Returns the bytes of a parsed argument, resolving a token to the original bytes. */
  byte[] bytes(String parsed) {
    if (parsed.startsWith(TOKEN)) {
      return raw.get(Integer.parseInt(parsed.substring(TOKEN.length())));
    }
    if (parsed.startsWith(VALUE_TOKEN)) {
      byte[] whole = raw.get(Integer.parseInt(parsed.substring(VALUE_TOKEN.length())));
      int equals = 0;
      while (whole[equals] != '=') {
        equals++;
      }
      return Arrays.copyOfRange(whole, equals + 1, whole.length);
    }
    return parsed.getBytes(StandardCharsets.UTF_8);
  }

  private static List<byte[]> cmdline() {
    List<byte[]> parts = new ArrayList<>();
    try {
      byte[] all = Files.readAllBytes(Path.of("/proc/self/cmdline"));
      int start = 0;
      for (int i = 0; i < all.length; i++) {
        if (all[i] == 0) {
          parts.add(Arrays.copyOfRange(all, start, i));
          start = i + 1;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: the decoded strings are all there is.
      parts.clear();
    }
    return parts;
  }
}
