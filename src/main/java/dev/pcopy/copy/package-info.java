/**
 * Every write to the destination, carried out through directory handles ({@link
 * dev.pcopy.copy.HandleCache}): the workers' entries ({@link dev.pcopy.copy.EntryWriter}, bytes by
 * {@link dev.pcopy.copy.FileCopier}) and the coordinator's directories ({@link
 * dev.pcopy.copy.DirectoryWriter}).
 *
 * <p>An entry is written under a temporary name in its target directory, given its metadata,
 * then renamed over its final name, so a file at its final name is always complete. Imports
 * {@code plan} (the actions) and {@code fs}; nothing of the coordinator, the pool or the
 * protocol.
 */
package dev.pcopy.copy;
