/**
 * The coordinator side of the worker processes: starting them, handing out tasks by demand,
 * draining the one completion queue, and replacing workers that die.
 *
 * <p>{@link dev.pcopy.pool.Coordinator} runs the loop; {@link dev.pcopy.pool.WorkerPool} owns the
 * live {@link dev.pcopy.pool.WorkerHandle}s; {@link dev.pcopy.pool.ProcessWorkerLauncher} is the
 * only class that starts processes, with {@link dev.pcopy.pool.WorkerJvm}'s options (which the
 * multi-host agent uses too).
 */
package dev.pcopy.pool;
