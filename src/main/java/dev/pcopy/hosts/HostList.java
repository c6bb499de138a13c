package dev.pcopy.hosts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads the hosts of {@code --hosts h1,h2} and of a {@code --hostfile}. */
public final class HostList {
  private static final String WORKERS = "workers=";

  private HostList() {}

  /**
   * Returns the hosts of a comma-separated list, each with {@code workers} workers.
   *
   * @throws IllegalArgumentException for an empty name or a host listed twice
   */
  public static List<Host> parse(String list, int workers) {
    List<Host> hosts = new ArrayList<>();
    for (String name : list.split(",", -1)) {
      if (name.isBlank()) {
        throw new IllegalArgumentException("--hosts " + list + ": an empty host name");
      }
      hosts.add(new Host(name.strip(), workers));
    }
    return distinct(hosts);
  }

  /**
   * Returns the hosts of the names given one a line, as {@code scontrol show hostnames}
   * prints them.
   */
  public static List<Host> ofLines(List<String> lines, int workers) {
    List<Host> hosts = new ArrayList<>();
    for (String line : lines) {
      if (!line.isBlank()) {
        hosts.add(new Host(line.strip(), workers));
      }
    }
    return distinct(hosts);
  }

  /**
   * Reads a host file: one host a line, optionally followed by {@code workers=N}; blank lines
   * and lines starting with {@code #} are skipped.
   *
   * @throws IllegalArgumentException for a line that says anything else
   */
  public static List<Host> read(Path file, int workers) throws IOException {
    List<Host> hosts = new ArrayList<>();
    int number = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      number++;
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      String[] words = text.split("\\s+");
      if (words.length > 2 || words.length == 2 && !words[1].startsWith(WORKERS)) {
        throw new IllegalArgumentException(file + ":" + number + ": expected 'host [workers=N]',"
            + " not '" + text + "'");
      }
      int n = workers;
      if (words.length == 2) {
        try {
          n = Integer.parseInt(words[1].substring(WORKERS.length()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(file + ":" + number + ": " + words[1]
              + " is not a number of workers");
        }
      }
      try {
        hosts.add(new Host(words[0], n));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ":" + number + ": " + e.getMessage());
      }
    }
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException(file + ": no hosts");
    }
    return distinct(hosts);
  }

  private static List<Host> distinct(List<Host> hosts) {
    Set<String> seen = new HashSet<>();
    for (Host host : hosts) {
      if (!seen.add(host.name())) {
        throw new IllegalArgumentException("host " + host.name() + " is listed twice");
      }
    }
    return hosts;
  }
}
