package dev.pcopy.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Names, in five base-36 digits, the place where a process id means one process: this host's
 * name and the pid namespace this process runs in. A temporary file carries its run's tag, and
 * a later run may conclude "its coordinator is dead" from "no process has that pid" only when the
 * tags match: on another host sharing the destination (NFS) or in another container, that pid
 * says nothing.
 *
 * <p>The host name, not the boot id, because leftovers of a run killed by a power cut must still
 * be removed by the first run after the reboot; the pid namespace of the host itself has the same
 * number on every boot. A host whose name or namespace cannot be read gets a random tag for this
 * process alone, so it removes nothing it cannot vouch for.
 */
public final class HostTag {
  /** Digits in a host tag. */
  public static final int WIDTH = 5;
  private static final Path HOST_NAME = Path.of("/proc/sys/kernel/hostname");
  private static final Path PID_NAMESPACE = Path.of("/proc/self/ns/pid");

  private HostTag() {}

  /** The tag of this process; read once, since neither name nor namespace changes under it. */
  private static final class Current {
    static final String TAG = read();
  }

  /** Returns this process's host tag. */
  public static String current() {
    return Current.TAG;
  }

  /** Returns the tag of a host name and pid namespace ({@code pid:[4026531836]}). */
  static String of(String hostName, String pidNamespace) {
    return Base36.checksum(hostName + "\n" + pidNamespace, WIDTH);
  }

  private static String read() {
    try {
      return of(Files.readString(HOST_NAME).strip(),
          Files.readSymbolicLink(PID_NAMESPACE).toString());
    } catch (IOException | RuntimeException e) {
      return Base36.encode(ThreadLocalRandom.current().nextLong(Base36.bound(WIDTH)), WIDTH);
    }
  }
}
