package dev.pcopy.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.Snapshots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The terminal frame at every width from 40 to 200 columns, and its host and worker lines. */
class FrameLayoutTest {
  private static final long MIB = 1L << 20;
  private static final long GIB = 1L << 30;
  private static final Pattern BAR = Pattern.compile("[\u2502\\[][^\u2502\\]]*[\u2502\\]]");
  private static final Pattern COLOUR = Pattern.compile("\u001b\\[[0-9;]*m");

  private static List<WorkerLine> workers(int n) {
    List<WorkerLine> lines = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      lines.add(new WorkerLine(i, i == 2 ? "node-07" : null,
          "projects/alpha/data/run-" + i + "/very/deep/directory/with/a/long/name/file-" + i
              + ".bin", i * 3 * MIB, 512 * MIB, Duration.ofSeconds(i == 3 ? 9 : 0)));
    }
    return lines;
  }

  /** Snapshots that stress the layout: big counts, growing totals, a stall, failures. */
  private static List<Snapshot> cases() {
    return List.of(
        Snapshots.withWorkers(Snapshots.of(279, 711, 1200 * MIB, 4500 * MIB, true, 0,
            Duration.ofSeconds(7), 1200 * MIB, Eta.known(12)), workers(4)),
        Snapshots.withWorkers(Snapshots.of(1_234_567, 9_876_543, 1000 * GIB, 1023 * GIB, true,
            12_345, Duration.ofSeconds(4000), 999 * GIB, Eta.known(36_000)), workers(3)),
        Snapshots.of(16_300, 30_003, 900 * MIB, 1031 * MIB, false, 0, Duration.ofSeconds(3),
            900 * MIB, Eta.LISTING),
        Snapshots.withWorkers(Snapshots.of(3, 30_003, 7, 1031 * MIB, true, 0,
            Duration.ofSeconds(100), 7, Eta.stalled(Duration.ofSeconds(3599))), workers(2)));
  }

  private static String plain(String line) {
    return COLOUR.matcher(line).replaceAll("");
  }

  private static Set<String> tokens(String barLine) {
    return new HashSet<>(Arrays.asList(BAR.matcher(plain(barLine)).replaceAll(" ").trim()
        .split("\\s+")));
  }

  /** With {@code --bytes} the numbers are longer, and the same rules hold. */
  @Test
  void rawBytes_everyWidthFrom40To200_noLineIsTooWide_andNoNumberIsCut() {
    for (Snapshot s : cases()) {
      Set<String> whole = tokens(FrameLayout.lines(s, 1000, 40, new Glyphs(true, false),
          Units.BYTES, false).get(0));
      assertTrue(whole.contains(s.bytesDone() + "/" + s.bytesTotal()
          + (s.totalsFinal() ? "" : "+")), whole.toString());
      for (int width = FrameLayout.MIN_WIDTH; width <= 200; width++) {
        List<String> lines = FrameLayout.lines(s, width, 40, new Glyphs(true, false),
            Units.BYTES, true);
        for (String line : lines) {
          assertTrue(FrameLayout.width(plain(line)) < width, width + ": " + line);
        }
        String bar = plain(lines.get(0));
        assertTrue(bar.endsWith(s.eta().text()), width + ": " + bar);
        for (String token : tokens(bar)) {
          assertTrue(whole.contains(token), width + " columns cut " + token + ": " + bar);
        }
      }
    }
  }

  @Test
  void everyWidthFrom40To200_noLineIsTooWide_andPercentAndEtaAlwaysStay() {
    for (Snapshot s : cases()) {
      for (Glyphs glyphs : List.of(new Glyphs(true, true), new Glyphs(false, false))) {
        for (int width = FrameLayout.MIN_WIDTH; width <= 200; width++) {
          List<String> lines = frame(s, width, 40, glyphs, true);
          for (String line : lines) {
            assertTrue(FrameLayout.width(plain(line)) < width,
                width + " columns: " + FrameLayout.width(plain(line)) + ": " + line);
          }
          String bar = plain(lines.get(0));
          assertTrue(bar.startsWith(String.format("%3d%%", s.percent())), bar);
          assertTrue(bar.endsWith(s.eta().text()), width + ": " + bar);
        }
      }
    }
  }

  @Test
  void everyWidthFrom40To200_noNumberIsCut() {
    for (Snapshot s : cases()) {
      Set<String> whole = tokens(frame(s, 1000, 40, new Glyphs(true, false), false)
          .get(0));
      for (int width = FrameLayout.MIN_WIDTH; width <= 200; width++) {
        String line = frame(s, width, 40, new Glyphs(true, false), true).get(0);
        Set<String> shown = tokens(line);
        shown.removeAll(whole);
        assertEquals(Set.of(), shown, width + " columns cut a part: " + line);
      }
    }
  }

  @Test
  void narrowing_dropsPartsInTheirFixedOrder() {
    // From first to go to last: rate, bar, worker lines, entry counts, bytes, elapsed time.
    for (Snapshot s : cases()) {
      for (int width = 200; width >= FrameLayout.MIN_WIDTH; width--) {
        List<String> lines = frame(s, width, 40, new Glyphs(true, false), true);
        String bar = lines.get(0);
        boolean[] present = {
          bar.contains("/s "),
          bar.contains("\u2502"),
          lines.size() > 1,
          bar.contains(" entries"),
          bar.contains("B "),
          bar.contains("elapsed ")
        };
        for (int i = 0; i < present.length - 1; i++) {
          assertTrue(!present[i] || present[i + 1] || s.workers().isEmpty() && i == 1,
              width + " columns kept part " + i + " but not part " + (i + 1) + ": " + lines);
        }
      }
    }
  }

  @Test
  void at80Columns_aTypicalFrameKeepsEverything() {
    List<String> lines = frame(cases().get(0), 80, 24, new Glyphs(true, false),
        true);

    assertEquals(5, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).contains("1.2/4.4 GiB 279/711 entries"), lines.get(0));
    assertTrue(lines.get(0).contains("MiB/s elapsed 0:07 ETA 0:12"), lines.get(0));
  }

  @Test
  void onAn80ColumnTerminal_aStalledFrameKeepsItsWorkerLines_whichSayWhoIsStuck() {
    Snapshot s = Snapshots.withWorkers(Snapshots.of(17_406, 22_022, 626 * MIB, 627 * MIB, true,
        0, Duration.ofSeconds(11), 626 * MIB, Eta.stalled(Duration.ofSeconds(4))), workers(2));

    List<String> lines = frame(s, 78, 24, new Glyphs(true, false), true);

    assertEquals(3, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).endsWith("no progress for 0:04"), lines.get(0));
  }

  @Test
  void aLongHostName_isCutOnWorkerLines_soTheyStay() {
    String host = "node-with-a-very-long-hostname-0001.cluster.example.org";
    Snapshot s = Snapshots.withWorkers(cases().get(0), List.of(new WorkerLine(1, host,
        "photos/2019/IMG_0042.CR2", 12 * MIB, 24 * MIB, Duration.ZERO)));

    List<String> lines = frame(s, 78, 24, new Glyphs(true, false), true);

    assertEquals(2, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(1).contains("node-with-a-ver\u2026: photos/2019/IMG_0042.CR2"),
        lines.get(1));
  }

  @Test
  void onAn80ColumnTerminal_aFrameOfMibSizedTotalsKeepsItsWorkerLines() {
    // What TerminalScreen lays out on 80 columns: two short of the window (see its width()).
    Snapshot s = Snapshots.withWorkers(Snapshots.of(201, 205, 446 * MIB, 700 * MIB, true, 0,
        Duration.ofSeconds(7), 446 * MIB, Eta.known(12)), workers(2));

    List<String> lines = frame(s, 78, 24, new Glyphs(true, false), true);

    assertEquals(3, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).contains("201/205 entries"), lines.get(0));
  }

  @Test
  void barWidth_doesNotChangeAsTheNumbersGrow() {
    Set<Integer> widths = new HashSet<>();
    for (int i = 0; i <= 100; i++) {
      Snapshot s = Snapshots.of(i * 300, 30_003, i * 10 * MIB, 1000 * MIB, true, 0,
          Duration.ofSeconds(i * 30), i * 10 * MIB, Eta.known(3000 - i * 30));
      Matcher bar = BAR.matcher(frame(s, 120, 24, new Glyphs(true, false), true)
          .get(0));
      assertTrue(bar.find());
      widths.add(bar.group().length());
    }

    assertEquals(1, widths.size(), widths.toString());
  }

  @Test
  void workerLine_namesTheFileByItsEnd_andHowFarIn_andAStall() {
    Snapshot s = cases().get(0);

    List<String> lines = frame(s, 90, 24, new Glyphs(true, false), true);

    assertEquals(5, lines.size());
    assertTrue(lines.get(1).startsWith("  #1 \u2026"), lines.get(1));
    assertTrue(lines.get(1).contains("/file-1.bin "), lines.get(1));
    assertTrue(lines.get(1).endsWith(" 3.0/512.0 MiB   0%"), lines.get(1));
    assertTrue(lines.get(2).startsWith("  #2 node-07: \u2026"), lines.get(2));
    assertTrue(lines.get(3).endsWith("MiB   1% no progress for 0:09"), lines.get(3));
  }

  @Test
  void shortTerminal_showsTheBarAlone_andManyWorkersAreSummedUp() {
    Snapshot s = Snapshots.withWorkers(cases().get(0), workers(30));

    assertEquals(1, frame(s, 120, 3, new Glyphs(true, false), true).size());
    List<String> lines = frame(s, 120, 12, new Glyphs(true, false), true);
    // The bar, nine workers and the rest summed up; the last row stays free for the cursor.
    assertEquals(11, lines.size());
    assertEquals("  ... and 21 more workers", lines.get(10));
  }

  @Test
  void noWorkerLines_whenNotWanted() {
    assertEquals(1, frame(cases().get(0), 120, 24, new Glyphs(true, false), false)
        .size());
  }

  @Test
  void stall_isShownInTheWarningColour() {
    String bar = frame(cases().get(3), 120, 24, new Glyphs(true, true), false)
        .get(0);

    assertTrue(bar.endsWith("\u001b[33mno progress for 59:59\u001b[0m"), bar);
    assertFalse(plain(bar).contains("ETA"), bar);
  }

  private static List<HostLine> hosts() {
    return List.of(new HostLine("n1", 1_520, 0, 2300 * MIB, null),
        new HostLine("node-017.cluster.example.org", 310, 3, 612 * MIB, "lost, reconnecting"),
        new HostLine("n3", 0, 0, 0, "not used"));
  }

  /** Returns the host lines of a frame: those that start {@code   host } or sum hosts up. */
  private static List<String> hostLines(List<String> lines) {
    return lines.stream().map(FrameLayoutTest::plain)
        .filter(l -> l.startsWith("  host ") || l.endsWith(" more hosts")).toList();
  }

  @Test
  void hostLines_everyWidthFrom40To200_noLineIsTooWide_noNumberIsCut_andTheyGoBeforeTheCounts() {
    for (Units units : Units.values()) {
      for (Glyphs glyphs : List.of(new Glyphs(true, true), new Glyphs(false, false))) {
        for (Snapshot c : cases()) {
          Snapshot s = Snapshots.withHosts(c, hosts());
          for (int width = FrameLayout.MIN_WIDTH; width <= 200; width++) {
            List<String> lines = FrameLayout.lines(s, width, 40, glyphs, units, true);
            for (String line : lines) {
              assertTrue(FrameLayout.width(plain(line)) < width, width + ": " + line);
            }
            List<String> shown = hostLines(lines);
            boolean workers = lines.stream().anyMatch(l -> l.startsWith("  #"));
            assertTrue(shown.isEmpty() || shown.size() == 3, width + ": " + lines);
            assertTrue(!workers || !shown.isEmpty(), width + " kept workers, not hosts: " + lines);
            assertTrue(shown.isEmpty() || lines.get(0).contains(" entries"), width + ": " + lines);
            for (int i = 0; i < shown.size(); i++) {
              HostLine h = hosts().get(i);
              assertTrue(shown.get(i).replaceAll(" +", " ").contains(" " + h.entries()
                  + " entries " + units.size(h.bytes())), width + " cut a number: " + shown.get(i));
              assertEquals(shown.get(i), plain(lines.get(i + 1)),
                  width + ": host lines follow the bar line: " + lines);
            }
          }
        }
      }
    }
  }

  @Test
  void hostLines_at100Columns_areColumnsBetweenTheBarAndTheWorkers() {
    Snapshot s = Snapshots.withHosts(cases().get(0), hosts());

    List<String> lines = frame(s, 100, 24, new Glyphs(true, true), true);

    assertEquals(1 + 3 + 4, lines.size(), String.join("\n", lines));
    assertEquals("  host n1                           1520 entries   2.2 GiB", lines.get(1));
    assertEquals("  host node-017.cluster.example.org  310 entries 612.0 MiB 3 failed "
        + "\u001b[33mlost, reconnecting\u001b[0m", lines.get(2));
    assertEquals("  host n3                              0 entries       0 B "
        + "\u001b[33mnot used\u001b[0m", lines.get(3));
    assertTrue(lines.get(4).startsWith("  #1 "), lines.get(4));
  }

  @Test
  void hostLines_narrow_cutTheLongNameAtItsEnd_thenLeaveOutTheFailuresAndTheState() {
    Snapshot s = Snapshots.withHosts(cases().get(0), hosts());

    List<String> cut = hostLines(frame(s, 70, 24, new Glyphs(true, false), true));
    List<String> brief = hostLines(frame(s, 60, 24, new Glyphs(true, false), true));

    assertTrue(cut.get(1).startsWith("  host node-017.c\u2026  310 entries"), cut.toString());
    assertTrue(cut.get(1).endsWith(" 3 failed lost, reconnecting"), cut.toString());
    assertEquals(List.of("  host n1                           1520 entries   2.2 GiB",
        "  host node-017.cluster.example.org  310 entries 612.0 MiB",
        "  host n3                              0 entries       0 B"), brief);
  }

  @Test
  void hostLines_onAShortTerminal_takeTheRowsBeforeTheWorkerLines() {
    Snapshot s = Snapshots.withHosts(Snapshots.withWorkers(cases().get(0), workers(30)),
        hosts());

    List<String> sixRows = frame(s, 120, 6, new Glyphs(true, false), true);
    List<String> fourRows = frame(s, 120, 4, new Glyphs(true, false), true);

    // Below the bar the last row stays free for the cursor. Four rows: the three hosts, and no
    // room for workers (they need two); two rows: one host and the others summed up.
    assertEquals(4, sixRows.size(), sixRows.toString());
    assertEquals(3, hostLines(sixRows).size(), sixRows.toString());
    assertEquals(3, fourRows.size(), fourRows.toString());
    assertTrue(fourRows.get(1).startsWith("  host n1 "), fourRows.toString());
    assertEquals("  ... and 2 more hosts", fourRows.get(2));
    List<String> tall = frame(s, 120, 12, new Glyphs(true, false), true);
    assertEquals(3, hostLines(tall).size());
    assertEquals("  ... and 24 more workers", tall.get(tall.size() - 1));
  }

  @Test
  void namesBeyondAscii_inAnAsciiFrame_areEscapedAsTheirUtf8Bytes() {
    Snapshot s = Snapshots.withHosts(Snapshots.withWorkers(cases().get(0),
        List.of(new WorkerLine(1, "h\u00e9", "\u65e5\u672c/\u00e9t\u00e9", 1, 2, Duration.ZERO))),
        List.of(new HostLine("h\u00e9", 1, 0, 2, null)));

    List<String> ascii = frame(s, 100, 24, new Glyphs(false, false), true);
    List<String> unicode = frame(s, 100, 24, new Glyphs(true, false), true);

    assertTrue(ascii.get(1).startsWith("  host h\\xc3\\xa9 "), ascii.get(1));
    assertTrue(ascii.get(2).startsWith("  #1 h\\xc3\\xa9: \\xe6\\x97\\xa5\\xe6\\x9c\\xac/"
        + "\\xc3\\xa9t\\xc3\\xa9 "), ascii.get(2));
    assertTrue(ascii.stream().allMatch(l -> l.chars().allMatch(c -> c < 0x7f)), ascii.toString());
    assertTrue(unicode.get(2).startsWith("  #1 h\u00e9: \u65e5\u672c/\u00e9t\u00e9 "),
        unicode.get(2));
    // Every line of both reaches the same column: the widths were counted as shown.
    assertEquals(FrameLayout.width(ascii.get(2)), FrameLayout.width(unicode.get(2)));
  }

  /** The frame in IEC units, as every test here but the raw one reads it. */
  private static List<String> frame(Snapshot s, int width, int height, Glyphs glyphs,
      boolean workers) {
    return FrameLayout.lines(s, width, height, glyphs, Units.IEC, workers);
  }
}
