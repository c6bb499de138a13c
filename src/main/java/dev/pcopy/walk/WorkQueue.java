package dev.pcopy.walk;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * Runs directory units on a few threads, newest first, until none is left: each unit's
 * subdirectories come back as new units, pushed so that the first of them is taken next, which
 * keeps the walk depth first and the number of directories held open small.
 */
final class WorkQueue {
  private final int threads;
  private final Function<Unit, List<Unit>> process;
  private final Deque<Unit> units = new ArrayDeque<>();
  /** Units queued or being processed; the walk is over when it reaches zero. */
  private int pending;
  private RuntimeException failure;

  WorkQueue(int threads, Function<Unit, List<Unit>> process) {
    this.threads = threads;
    this.process = process;
  }

  /** Processes {@code root} and everything it leads to; returns when all is done. */
  void run(Unit root) {
    synchronized (this) {
      units.push(root);
      pending = 1;
    }
    List<Thread> helpers = new java.util.ArrayList<>();
    for (int i = 1; i < threads; i++) {
      Thread t = new Thread(null, this::work, "pcopy-walker-" + i, TreeWalk.STACK_BYTES);
      t.setDaemon(true);
      t.start();
      helpers.add(t);
    }
    work();
    for (Thread t : helpers) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    synchronized (this) {
      if (failure != null) {
        throw failure;
      }
    }
  }

  private void work() {
    while (true) {
      Unit unit;
      synchronized (this) {
        while (units.isEmpty() && pending > 0 && failure == null) {
          try {
            wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        if (units.isEmpty() || failure != null) {
          return;
        }
        unit = units.pop();
      }
      List<Unit> children;
      try {
        children = process.apply(unit);
      } catch (RuntimeException e) {
        fail(e);
        return;
      } catch (Error e) {
        // A stack or the heap exhausted: the other threads would otherwise wait for this unit
        // for ever, and the walk would end as if complete.
        fail(new WalkError(e));
        return;
      }
      synchronized (this) {
        for (int i = children.size() - 1; i >= 0; i--) {
          units.push(children.get(i));
        }
        pending += children.size() - 1;
        notifyAll();
      }
    }
  }

  private synchronized void fail(RuntimeException e) {
    if (failure == null) {
      failure = e;
    }
    notifyAll();
  }

  /** An {@link Error} met by a walk thread, carried to the thread that started the walk. */
  static final class WalkError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WalkError(Error cause) {
      super(TreeWalk.describe(cause), cause);
    }
  }
}
