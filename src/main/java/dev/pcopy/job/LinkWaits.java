package dev.pcopy.job;

import dev.pcopy.plan.Action.HardLink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hard links waiting for the entry they link to (a file, symbolic link or special file): a link
 * is made only once that entry is at its final name, or fixed when it needed a fix, whichever
 * worker does it. The walk parks links here; the coordinator releases them when that write or
 * fix is done, or fails them with it.
 */
final class LinkWaits {
  /** What became of a link handed to {@link #park}. */
  enum Parked {
    /** It waits for its file. */
    WAITING,
    /** Its file is in place: hand it out. */
    READY,
    /** Its file was not written: the link fails. */
    ANCHOR_FAILED
  }

  private final Set<Long> done = new HashSet<>();
  private final Set<Long> failed = new HashSet<>();
  private final Map<Long, List<HardLink>> parked = new HashMap<>();

  /** Parks {@code link} until the action numbered {@code anchor} ends, unless it has ended. */
  synchronized Parked park(long anchor, HardLink link) {
    if (done.contains(anchor)) {
      return Parked.READY;
    }
    if (failed.contains(anchor)) {
      return Parked.ANCHOR_FAILED;
    }
    parked.computeIfAbsent(anchor, k -> new ArrayList<>()).add(link);
    return Parked.WAITING;
  }

  /** The action numbered {@code anchor} is done: returns the links waiting for it. */
  synchronized List<HardLink> done(long anchor) {
    done.add(anchor);
    return release(anchor);
  }

  /** The action numbered {@code anchor} failed: returns the links waiting for it, to fail. */
  synchronized List<HardLink> failed(long anchor) {
    failed.add(anchor);
    return release(anchor);
  }

  private List<HardLink> release(long anchor) {
    List<HardLink> released = parked.remove(anchor);
    return released == null ? List.of() : released;
  }
}
