package dev.pcopy.agent;

import static dev.pcopy.testing.Raw.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Stat;
import dev.pcopy.link.LinkFrame.Setup;
import dev.pcopy.link.RootIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host passes when it finds SRC with the coordinator's identity and reads the witness back
 * from DST; it fails, saying which end is not the same, otherwise.
 */
class AgentChecksTest {
  private static final byte[] WITNESS = b(".pcopy-witness-0123");
  private static final byte[] CONTENT = b("feedface\n");

  @TempDir
  Path dir;
  private Path src;
  private Path dst;

  @BeforeEach
  void trees() throws IOException {
    src = Files.createDirectories(dir.resolve("src"));
    dst = Files.createDirectories(dir.resolve("dst"));
    Files.write(dst.resolve(new String(WITNESS, StandardCharsets.US_ASCII)), CONTENT);
  }

  @Test
  void run_sameSourceAndWitness_passes_withThisHostsNumbers() throws Exception {
    AgentChecks.Result result = AgentChecks.run(setup(src, identity(src), CONTENT));

    assertEquals("", result.failure());
    assertEquals(stat(src).ino(), result.sourceIno());
    assertEquals(stat(dst).dev(), result.targetDev());
  }

  @Test
  void run_witnessMissing_saysDstIsAnotherFileSystem() throws Exception {
    Path other = Files.createDirectories(dir.resolve("other"));
    Setup setup = new Setup(b(src.toString()), b(other.toString()), WITNESS, CONTENT,
        identity(src), 100, 1000);

    String failure = AgentChecks.run(setup).failure();

    assertTrue(failure.startsWith("DST " + other + " is another file system here: its witness"
        + " file .pcopy-witness-0123 cannot be read: No such file or directory"), failure);
  }

  @Test
  void run_witnessWithOtherBytes_fails() throws Exception {
    String failure = AgentChecks.run(setup(src, identity(src), b("other\n"))).failure();

    assertTrue(failure.endsWith("holds other bytes"), failure);
  }

  @Test
  void run_anotherSource_saysWhichIdentities() throws Exception {
    Path copy = Files.createDirectories(dir.resolve("copy"));

    String failure = AgentChecks.run(setup(src, identity(copy), CONTENT)).failure();

    assertTrue(failure.startsWith("SRC " + src + " is another directory here (inode "
        + stat(src).ino()), failure);
    assertTrue(failure.contains("on the coordinator: inode " + stat(copy).ino()), failure);
  }

  private Setup setup(Path source, RootIdentity identity, byte[] content) {
    return new Setup(b(source.toString()), b(dst.toString()), WITNESS, content, identity, 100,
        1000);
  }

  private static RootIdentity identity(Path p) throws IOException {
    return RootIdentity.of(stat(p));
  }

  private static Stat stat(Path p) throws IOException {
    try (DirHandle h = DirHandle.open(b(p.toString()))) {
      return h.stat();
    }
  }
}
