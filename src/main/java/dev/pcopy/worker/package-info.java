/**
 * The worker process: a child JVM that reads tasks on stdin, copies them, and reports on stdout.
 *
 * <p>{@link dev.pcopy.worker.WorkerMain} owns the pipes and the process's life;
 * {@link dev.pcopy.worker.TaskRunner} turns a task into calls on the copy layer.
 */
package dev.pcopy.worker;
