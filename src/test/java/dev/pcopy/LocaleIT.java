package dev.pcopy;

import static dev.pcopy.testing.TreeAssert.assertNoTempFiles;
import static dev.pcopy.testing.TreeAssert.assertSameTree;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.Shell;
import dev.pcopy.testing.TestTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs pcopy in the C locale on names that are UTF-8 (composed and decomposed), not UTF-8 at all
 * (byte 0xff), or hold newlines, with SRC and DST arguments that are themselves such names. The
 * copy must reproduce every name byte for byte.
 *
 * <p>The names are made and the launcher is called through {@code /bin/sh} with {@code printf},
 * because a Java string cannot carry such bytes into a file name or an argument, and the result
 * is checked twice: by {@link dev.pcopy.testing.TreeAssert}, which walks byte-exact paths, and by
 * comparing {@code find} listings, which involve no Java at all.
 */
class LocaleIT {
  /** The source directory's name: "src-é-" then the byte 0xff. */
  private static final String SRC = "$(printf 'src-\\303\\251-\\377')";
  /** The destination: a new directory "dst-日-" 0xfe, and in it "sub" 0xff, given absolute. */
  private static final String DST = "\"$PWD\"/\"$(printf 'dst-\\346\\227\\245-\\376/sub\\377')\"";

  /** Makes the source tree inside the directory named by {@link #SRC}. */
  private static final String MAKE_TREE = String.join("\n",
      "set -e",
      "mkdir " + SRC,
      "cd " + SRC,
      "printf composed > \"$(printf '\\303\\251')\"",
      "printf decomposed > \"$(printf 'e\\314\\201')\"",
      "mkdir \"$(printf '\\346\\227\\245\\346\\234\\254')\"",
      "printf japanese > \"$(printf '\\346\\227\\245\\346\\234\\254/"
          + "\\346\\226\\207\\346\\233\\270')\"",
      "printf invalid > \"$(printf 'bad\\377name')\"",
      "printf newline > \"$(printf 'new\\nline')\"",
      "printf mixed > \"$(printf '\\303\\251\\377\\nx\\346\\227\\245')\"",
      "mkdir \"$(printf 'dir\\376\\375')\"",
      "printf inner > \"$(printf 'dir\\376\\375/inner\\377')\"",
      "mkdir \"$(printf 'dir\\376\\375/empty\\303')\"",
      "ln -s \"$(printf 'bad\\377name')\" \"$(printf 'link\\377')\"",
      "ln -s \"$(printf '\\346\\227\\245\\346\\234\\254/\\346\\226\\207')\""
          + " \"$(printf 'dangling-\\346\\227\\245')\"",
      "mkfifo \"$(printf 'fifo\\377\\nsecond line')\"",
      "chmod 4755 \"$(printf 'bad\\377name')\"");

  /**
   * Lists every entry as "kind mode size mtime name" (links: "l name -> target"), NUL-terminated
   * and sorted by bytes. Link times are left out: Linux sets them in microseconds.
   */
  private static final String FIND = "{ find . ! -type l -printf '%y %m %s %T@ %P\\0';"
      + " find . -type l -printf 'l %P -> %l\\0'; } | LC_ALL=C sort -z";

  @TempDir
  Path tmp;

  @BeforeEach
  void makeTree() {
    Shell.run(tmp, MAKE_TREE);
    // Nanosecond times on every directory, set through byte-exact paths.
    TestTrees.at(onlyChild(tmp, "src-"), 5).finish();
  }

  @Test
  void cLocale_nonUtf8AndUtf8Names_areCopiedByteForByte() throws IOException {
    PcopyResult result = Pcopy.shell("exec \"$PCOPY\" " + SRC + " " + DST)
        .in(tmp).env("LC_ALL", "C").env("LANG", "C").run();

    assertCopiedExactly(result);
  }

  /**
   * Where no UTF-8 locale is installed, the launcher cannot switch the JVM to one, and the JVM
   * decodes names as ASCII; pcopy must still copy exact bytes. A fake {@code locale} command that
   * knows only C and POSIX plays such a machine.
   */
  @Test
  void cLocale_withoutAnyUtf8Locale_namesAreStillCopiedByteForByte() throws IOException {
    Path bin = Files.createDirectory(tmp.resolve("fake-bin"));
    Files.writeString(bin.resolve("locale"), String.join("\n",
        "#!/bin/sh",
        "case \"$1\" in",
        "  charmap) echo ANSI_X3.4-1968 ;;",
        "  -a) echo C; echo POSIX ;;",
        "esac",
        ""));
    Files.setAttribute(bin.resolve("locale"), "unix:mode", 0755);

    PcopyResult result = Pcopy.shell("exec \"$PCOPY\" " + SRC + " " + DST)
        .in(tmp).env("LC_ALL", "C").env("LANG", "C")
        .env("PATH", bin + ":" + System.getenv("PATH"))
        .env("PCOPY_JAVA_OPTS", "-XshowSettings:properties")
        .run();

    String jnu = result.stderrLines().stream().filter(l -> l.contains("sun.jnu.encoding"))
        .findFirst().orElseThrow(() -> new AssertionError("no JVM settings shown\n" + result));
    assertFalse(jnu.contains("UTF-8"), "the JVM still decodes names as UTF-8: " + jnu);
    assertCopiedExactly(result);
  }

  /** After {@code --} a name that starts with '-' is an argument like any other. */
  @Test
  void cLocale_argumentsStartingWithDashAfterDoubleDash_areExact() throws IOException {
    Shell.run(tmp, "mkdir ./\"$(printf '\\055src\\377')\""
        + " && printf data > \"$(printf '\\055src\\377/file\\376')\"");

    PcopyResult result = Pcopy.shell("exec \"$PCOPY\" -- \"$(printf '\\055src\\377')\""
            + " \"$(printf '\\055dst\\375')\"")
        .in(tmp).env("LC_ALL", "C").env("LANG", "C").run();

    assertEquals(0, result.exitCode(), result.toString());
    assertSameTree(onlyChild(tmp, "-src"), onlyChild(tmp, "-dst"));
  }

  private void assertCopiedExactly(PcopyResult result) throws IOException {
    assertEquals(0, result.exitCode(), result.toString());
    Path src = onlyChild(tmp, "src-");
    Path dst = onlyChild(onlyChild(tmp, "dst-"), "sub");
    assertSameTree(src, dst);
    assertNoTempFiles(dst);
    String findSrc = "cd " + SRC + " && ";
    String findDst = "cd " + DST + " && ";
    assertArrayEquals(Shell.output(tmp, findSrc + FIND), Shell.output(tmp, findDst + FIND),
        "find lists different names, kinds, modes, sizes, times or link targets");
    // The FIFO's name holds a newline and a byte that is not UTF-8: its line in a dry run's
    // listing must still be one line, escaped so that it reads back as the same bytes.
    PcopyResult listing = Pcopy.shell("exec \"$PCOPY\" -n " + SRC + " fresh")
        .in(tmp).env("LC_ALL", "C").env("LANG", "C").run();
    assertTrue(listing.stdoutLines().contains("mkfifo fifo\\xff\\nsecond line"),
        listing.toString());
  }

  private static Path onlyChild(Path dir, String prefix) {
    try (Stream<Path> children = Files.list(dir)) {
      List<Path> matches = children
          .filter(p -> p.getFileName().toString().startsWith(prefix))
          .collect(Collectors.toList());
      assertEquals(1, matches.size(), "entries starting with " + prefix + " in " + dir);
      return matches.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
