package dev.pcopy;

import static dev.pcopy.testing.TreeAssert.assertNoTempFiles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import dev.pcopy.testing.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Links given as arguments and links that lead back into the destination: the copy must never
 * fail on the first or run away into the second.
 */
class LinksAndLoopsIT {
  @TempDir
  Path tmp;

  @Test
  void sourceGivenAsALinkToAFile_copiesTheFile() throws IOException {
    Shell.run(tmp, "echo hello > real && ln -s real link");

    PcopyResult result = Pcopy.args("link", "out").in(tmp).run();

    assertEquals(0, result.exitCode(), result.stderr());
    assertFalse(Files.isSymbolicLink(tmp.resolve("out")));
    assertEquals("hello\n", Files.readString(tmp.resolve("out")));
  }

  @Test
  void sourceGivenAsALinkToAFile_intoADirectory_keepsTheLinksName() throws IOException {
    Shell.run(tmp, "echo hello > real && ln -s real link && mkdir dir");

    PcopyResult result = Pcopy.args("-L", "link", "dir/").in(tmp).run();

    assertEquals(0, result.exitCode(), result.stderr());
    assertEquals("hello\n", Files.readString(tmp.resolve("dir/link")));
  }

  @Test
  void dereference_neverWalksIntoTheDestination() throws IOException {
    // src/up points at the parent, which holds the destination: following it must not copy the
    // copy into itself (it used to grow until "File name too long").
    Shell.run(tmp, "mkdir -p r/src && echo x > r/src/f && ln -s .. r/src/up");

    PcopyResult result = Pcopy.args("-L", "r/src", "r/dst").in(tmp).run();

    assertEquals(1, result.exitCode(), result.stderr());
    assertTrue(result.stderr().contains("is the destination itself"), result.stderr());
    assertEquals("x\n", Files.readString(tmp.resolve("r/dst/f")));
    assertFalse(Files.exists(tmp.resolve("r/dst/up/dst"), LinkOption.NOFOLLOW_LINKS));
    try (Stream<Path> all = Files.walk(tmp.resolve("r/dst"))) {
      assertTrue(all.count() < 20, "the copy stays small");
    }
    assertNoTempFiles(tmp.resolve("r/dst"));
  }

  @Test
  void linkTexts_areCopiedByteForByte_andARerunFindsThemUnchanged() throws IOException {
    // A path made from a string drops "//" and a trailing '/', which change what a link means.
    Shell.run(tmp, "mkdir src && cd src && ln -s 'a//b/' doubled && ln -s '/abs//p/' absolute"
        + " && ln -s './x/../y' dotted && ln -s \"$(printf 'bad\\377//')\" raw");

    PcopyResult first = Pcopy.args("src", "dst").in(tmp).run();
    PcopyResult again = Pcopy.args("src", "dst").in(tmp).run();

    assertEquals(0, first.exitCode(), first.stderr());
    for (String name : new String[] {"doubled", "absolute", "dotted", "raw"}) {
      assertArrayEquals(Shell.output(tmp, "readlink -n src/" + name),
          Shell.output(tmp, "readlink -n dst/" + name), name);
    }
    assertEquals(0, again.exitCode(), again.stderr());
    assertTrue(again.stdout().contains("4 unchanged"), again.stdout());
  }
}
