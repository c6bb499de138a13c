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

/** The terminal frame at every width from 40 to 200 columns, and its worker lines. */
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
    // From first to go to last: worker lines, rate, bar, entry counts, bytes, elapsed time.
    for (Snapshot s : cases()) {
      for (int width = 200; width >= FrameLayout.MIN_WIDTH; width--) {
        List<String> lines = frame(s, width, 40, new Glyphs(true, false), true);
        String bar = lines.get(0);
        boolean[] present = {
          lines.size() > 1,
          bar.contains("/s "),
          bar.contains("\u2502"),
          bar.contains(" entries"),
          bar.contains("B "),
          bar.contains("elapsed ")
        };
        for (int i = 0; i < present.length - 1; i++) {
          assertTrue(!present[i] || present[i + 1] || s.workers().isEmpty() && i == 0,
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

  /** The frame in IEC units, as every test here but the raw one reads it. */
  private static List<String> frame(Snapshot s, int width, int height, Glyphs glyphs,
      boolean workers) {
    return FrameLayout.lines(s, width, height, glyphs, Units.IEC, workers);
  }
}
