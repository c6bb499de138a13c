package dev.pcopy.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.pcopy.plan.Guards.TargetKind;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Guards is pure path logic; each case runs on Unix-style and Windows-style paths. */
class GuardsTest {

  static Stream<Arguments> fileSystems() {
    return Stream.of(
        Arguments.of("unix", "/a"),
        Arguments.of("windows", "C:\\a"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fileSystems")
  void refusal_sameSourceAndTarget(String style, String base) throws IOException {
    try (FileSystem fs = fs(style)) {
      assertEquals(Optional.of("source and destination are the same"), Guards.refusal(
          fs.getPath(base, "src"), fs.getPath(base, "src"), true, TargetKind.DIRECTORY));
      assertEquals(Optional.of("source and destination are the same"), Guards.refusal(
          fs.getPath(base, "file"), fs.getPath(base, "file"), false, TargetKind.OTHER));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fileSystems")
  void refusal_targetInsideSource(String style, String base) throws IOException {
    try (FileSystem fs = fs(style)) {
      assertEquals(Optional.of("destination is inside the source"), Guards.refusal(
          fs.getPath(base, "src"), fs.getPath(base, "src", "backup"), true, TargetKind.MISSING));
      assertEquals(Optional.of("destination is inside the source"), Guards.refusal(
          fs.getPath(base, "src"), fs.getPath(base, "src", "x", "y", "z"), true,
          TargetKind.DIRECTORY));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fileSystems")
  void refusal_siblingWithACommonNamePrefixIsNotInside(String style, String base)
      throws IOException {
    try (FileSystem fs = fs(style)) {
      assertEquals(Optional.empty(), Guards.refusal(
          fs.getPath(base, "src"), fs.getPath(base, "src2"), true, TargetKind.MISSING));
      assertEquals(Optional.empty(), Guards.refusal(
          fs.getPath(base, "src"), fs.getPath(base, "src.bak", "src"), true, TargetKind.MISSING));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fileSystems")
  void refusal_targetAboveOrBesideTheSourceIsAllowed(String style, String base)
      throws IOException {
    try (FileSystem fs = fs(style)) {
      assertEquals(Optional.empty(), Guards.refusal(
          fs.getPath(base, "src", "inner"), fs.getPath(base), true, TargetKind.DIRECTORY));
      assertEquals(Optional.empty(), Guards.refusal(
          fs.getPath(base, "src"), fs.getPath(base, "dst"), true, TargetKind.DIRECTORY));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fileSystems")
  void refusal_directorySourceOntoAnExistingNonDirectory(String style, String base)
      throws IOException {
    try (FileSystem fs = fs(style)) {
      assertEquals(Optional.of("destination exists and is not a directory"), Guards.refusal(
          fs.getPath(base, "src"), fs.getPath(base, "file"), true, TargetKind.OTHER));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fileSystems")
  void refusal_fileSourceMayReplaceAFileOrGoNextToItself(String style, String base)
      throws IOException {
    try (FileSystem fs = fs(style)) {
      assertEquals(Optional.empty(), Guards.refusal(
          fs.getPath(base, "f"), fs.getPath(base, "g"), false, TargetKind.OTHER));
      assertEquals(Optional.empty(), Guards.refusal(
          fs.getPath(base, "f"), fs.getPath(base, "f.copy"), false, TargetKind.MISSING));
    }
  }

  private static FileSystem fs(String style) {
    return Jimfs.newFileSystem(
        style.equals("unix") ? Configuration.unix() : Configuration.windows());
  }
}
