package dev.pcopy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.testing.Pcopy;
import dev.pcopy.testing.PcopyResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The environment the launcher gives the JVMs, seen by a stand-in {@code java} that prints it:
 * error reasons from the C library must come in English whatever the user's locale, because
 * pcopy tells a full disk or a closed pipe by their text, and LC_ALL must not undo that.
 */
class LauncherEnvironmentIT {
  @TempDir
  Path tmp;

  @Test
  void messagesAreEnglishEvenWhenLcAllNamesAnotherLanguage() throws IOException {
    PcopyResult result = launchWith("LC_ALL", "de_DE.UTF-8");

    assertEquals(0, result.exitCode(), result.toString());
    List<String> env = result.stdoutLines();
    assertTrue(env.contains("LC_ALL="), result.toString());
    assertTrue(env.contains("LC_MESSAGES=C"), result.toString());
    assertTrue(env.contains("LC_TIME=de_DE.UTF-8"), "other categories keep LC_ALL's value\n"
        + result);
  }

  @Test
  void messagesAreEnglishEvenWhenLcMessagesNamesAnotherLanguage() throws IOException {
    PcopyResult result = launchWith("LC_MESSAGES", "fr_FR.UTF-8");

    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(result.stdoutLines().contains("LC_MESSAGES=C"), result.toString());
  }

  private PcopyResult launchWith(String variable, String value) throws IOException {
    Path fakeJava = Files.createDirectories(tmp.resolve("jdk/bin")).resolve("java");
    Files.writeString(fakeJava, "#!/bin/sh\n"
        + "printf '%s\\n' \"LC_ALL=${LC_ALL-}\" \"LC_MESSAGES=${LC_MESSAGES-}\""
        + " \"LC_TIME=${LC_TIME-}\"\n");
    Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
    return Pcopy.args("src", "dst")
        .env("JAVA_HOME", tmp.resolve("jdk").toString())
        .env(variable, value)
        .run();
  }
}
