package dev.pcopy.agent;

import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.Errno;
import dev.pcopy.fs.FileHandle;
import dev.pcopy.fs.PathText;
import dev.pcopy.fs.Stat;
import dev.pcopy.fs.SysException;
import dev.pcopy.link.LinkFrame.Setup;
import dev.pcopy.link.RootIdentity;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Checks that this host sees the coordinator's SRC and DST: SRC by its identity (the
 * coordinator's may be read-only, so nothing is written there), DST by reading back the
 * witness file the coordinator wrote into it. Writes nothing.
 */
final class AgentChecks {
  /** Tries at reading the witness: an NFS client may cache that the name did not exist. */
  private static final int WITNESS_TRIES = 3;
  private static final long WITNESS_RETRY_MILLIS = 1000;

  /**
   * The verdict and, for a host that passed, the roots as this host numbers them.
   *
   * @param failure why the host cannot work here, or empty
   */
  record Result(String failure, long sourceDev, long sourceIno, long targetDev,
      long targetIno) {
    static Result failed(String why) {
      return new Result(why, 0, 0, 0, 0);
    }
  }

  private AgentChecks() {}

  /** Runs the checks {@code setup} asks for. */
  static Result run(Setup setup) throws InterruptedException {
    String src = PathText.escape(setup.source());
    String dst = PathText.escape(setup.target());
    Stat source;
    try (DirHandle root = DirHandle.open(setup.source())) {
      source = root.stat();
    } catch (SysException e) {
      return Result.failed("cannot open SRC " + src + ": " + e.getMessage());
    }
    RootIdentity seen = RootIdentity.of(source);
    if (!seen.equals(setup.sourceIdentity())) {
      return Result.failed("SRC " + src + " is another directory here (" + seen.describe()
          + "; on the coordinator: " + setup.sourceIdentity().describe() + ")");
    }
    Stat target;
    try (DirHandle root = DirHandle.open(setup.target())) {
      target = root.stat();
      String witness = witness(root, setup.witnessName(), setup.witnessContent());
      if (!witness.isEmpty()) {
        return Result.failed("DST " + dst + " is another file system here: its witness file "
            + PathText.escape(setup.witnessName()) + " " + witness);
      }
    } catch (SysException e) {
      return Result.failed("cannot open DST " + dst + ": " + e.getMessage());
    }
    return new Result("", source.dev(), source.ino(), target.dev(), target.ino());
  }

  /** Reads the witness; returns what is wrong with it, or empty. */
  private static String witness(DirHandle root, byte[] name, byte[] expected)
      throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try (FileHandle file = root.openRead(name, false)) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(expected.length + 1);
        int n = file.read(buffer, 0, expected.length + 1, 0);
        byte[] content = new byte[Math.max(0, n)];
        buffer.get(0, content);
        return Arrays.equals(content, expected) ? "" : "holds other bytes";
      } catch (SysException e) {
        if (!SysException.is(e, Errno.ENOENT) || attempt == WITNESS_TRIES) {
          return "cannot be read: " + e.getMessage();
        }
      }
      Thread.sleep(WITNESS_RETRY_MILLIS);
    }
  }
}
