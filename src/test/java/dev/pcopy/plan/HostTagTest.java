package dev.pcopy.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HostTagTest {
  private static final String INIT_NAMESPACE = "pid:[4026531836]";

  @Test
  void of_isFiveLowercaseBase36DigitsAndTheSameForTheSameHost() {
    String tag = HostTag.of("build-7.example.org", INIT_NAMESPACE);

    assertTrue(tag.matches("[0-9a-z]{5}"), tag);
    assertEquals(tag, HostTag.of("build-7.example.org", INIT_NAMESPACE));
  }

  @Test
  void of_differsForAnotherHostNameOrPidNamespace() {
    String tag = HostTag.of("build-7.example.org", INIT_NAMESPACE);

    assertNotEquals(tag, HostTag.of("build-8.example.org", INIT_NAMESPACE));
    assertNotEquals(tag, HostTag.of("build-7.example.org", "pid:[4026532201]"));
  }

  @Test
  void current_isTheTagOfThisHostNameAndPidNamespace() throws IOException {
    String expected = HostTag.of(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip(),
        Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString());

    assertEquals(expected, HostTag.current());
  }
}
