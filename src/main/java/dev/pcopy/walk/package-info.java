/**
 * The walk: reads SRC and DST side by side, a directory at a time, through directory handles,
 * and hands every entry's decision to an {@link dev.pcopy.walk.ActionSink}.
 *
 * <p>{@link dev.pcopy.walk.TreeWalk} lists and stats both trees, asks {@link dev.pcopy.select}
 * whether an entry is selected and {@link dev.pcopy.plan.Planner} what to do with it; the sink
 * carries it out (a real run) or prints it (a dry run). It writes nothing itself: with
 * {@code --delete}, a target entry of another kind than its source's is planned for deletion
 * ({@link dev.pcopy.walk.KindChange}) and the sink deletes it before the source entry is
 * decided. Imports
 * {@code fs}, {@code plan} and {@code select}.
 */
package dev.pcopy.walk;
