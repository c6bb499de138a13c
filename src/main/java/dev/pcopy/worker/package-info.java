/**
 * The worker process: a child JVM that reads tasks on stdin, carries out their actions, and
 * reports on stdout.
 *
 * <p>{@link dev.pcopy.worker.WorkerMain} owns the pipes and the process's life, and opens SRC and
 * DST as the coordinator did; {@link dev.pcopy.worker.TaskRunner} hands each action to the copy
 * layer and reports progress; {@link dev.pcopy.worker.TestHooks} is what tests may ask of a
 * worker.
 */
package dev.pcopy.worker;
