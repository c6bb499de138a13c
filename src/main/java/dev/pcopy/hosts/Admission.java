package dev.pcopy.hosts;

import dev.pcopy.fs.DirHandle;
import dev.pcopy.fs.PathText;
import dev.pcopy.fs.SysException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks before anything is copied: every host at once is connected to and asked to read
 * back one witness file in DST and to find SRC as the coordinator does. A host that fails is
 * dropped, or, under {@code --require-all-hosts}, the run stops.
 */
final class Admission {
  /**
   * Who passed and who did not.
   *
   * @param links the links of the hosts that passed, in the order of the host list
   * @param dropped why each host that failed cannot be used, by name
   */
  record Result(List<AgentLink> links, Map<String, String> dropped) {}

  private Admission() {}

  /**
   * Checks every host of {@code request} through {@code connector}, with a witness written
   * into {@code target}.
   *
   * @throws HostsRefusedException if no host passed, or one failed and all are required
   */
  static Result admit(HostsRequest request, Connector connector, DirHandle target,
      byte[] targetPath) throws InterruptedException {
    Map<Host, Object> outcome = new LinkedHashMap<>();
    try (Witness witness = writeWitness(target, targetPath)) {
      List<Thread> threads = new ArrayList<>();
      for (Host host : request.hosts()) {
        Thread t = new Thread(() -> {
          Object result;
          try {
            result = connector.connect(host, witness);
          } catch (HostFailure e) {
            result = e.getMessage();
          } catch (InterruptedException e) {
            result = "interrupted";
          }
          synchronized (outcome) {
            outcome.put(host, result);
          }
        }, "pcopy-admit-" + host.name());
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) {
        t.join();
      }
    }
    List<AgentLink> links = new ArrayList<>();
    Map<String, String> dropped = new LinkedHashMap<>();
    for (Host host : request.hosts()) {
      Object result = outcome.get(host);
      if (result instanceof AgentLink link) {
        links.add(link);
      } else {
        dropped.put(host.name(), String.valueOf(result));
      }
    }
    if (links.isEmpty() || request.requireAll() && !dropped.isEmpty()) {
      links.forEach(AgentLink::kill);
      throw new HostsRefusedException(refusal(dropped, links.isEmpty()));
    }
    return new Result(links, dropped);
  }

  private static Witness writeWitness(DirHandle target, byte[] targetPath) {
    try {
      return Witness.write(target);
    } catch (SysException e) {
      throw new HostsRefusedException("cannot write the witness file into "
          + PathText.escape(targetPath) + " that the hosts must read: " + e.getMessage());
    }
  }

  private static String refusal(Map<String, String> dropped, boolean none) {
    StringBuilder s = new StringBuilder(none ? "no host can work on SRC and DST: "
        : "--require-all-hosts: nothing was copied, since ");
    String sep = "";
    for (Map.Entry<String, String> e : dropped.entrySet()) {
      s.append(sep).append("host ").append(e.getKey()).append(": ").append(e.getValue());
      sep = "; ";
    }
    return s.toString();
  }
}
