/**
 * Walking and planning: lists the source tree and turns it into copy tasks.
 *
 * <p>{@link dev.pcopy.plan.TreeWalker} is the only class here that touches a file system, and it
 * only reads; {@link dev.pcopy.plan.TaskBatcher} and {@link dev.pcopy.plan.Guards} are pure logic.
 */
package dev.pcopy.plan;
