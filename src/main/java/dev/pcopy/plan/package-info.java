/**
 * Planning: every decision a run makes about an entry, in one place, without touching a disk.
 *
 * <p>{@link dev.pcopy.plan.Planner} turns a source entry and what its target holds into an
 * {@link dev.pcopy.plan.Action} (make a directory, write a file or link, fix metadata, skip,
 * refuse, finish a directory) by the rules of a {@link dev.pcopy.plan.Policy};
 * {@link dev.pcopy.plan.HardLinks} keeps hard-link groups together (of files, symbolic links
 * and special files alike); {@link
 * dev.pcopy.plan.Leftovers} judges a killed run's temporary files. The workers' actions travel
 * in {@link dev.pcopy.plan.Task}s and come back as {@link dev.pcopy.plan.Outcome}s. Imports
 * only {@code fs}.
 */
package dev.pcopy.plan;
