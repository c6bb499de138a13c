/**
 * The file-system layer every stage stands on: the system calls the JDK lacks, through pcopy's
 * own JNI library, and the plain helpers every stage shares.
 *
 * <p>{@link dev.pcopy.fs.DirHandle} is an open directory and every operation on the entries in
 * it by name, never following a link; {@link dev.pcopy.fs.FileHandle} an open file, with the
 * kernel's copy calls and holes; {@link dev.pcopy.fs.Stat} what {@code statx} says;
 * {@link dev.pcopy.fs.SysException} a failed call with its error number. Only
 * {@link dev.pcopy.fs.Paths} takes whole paths: the two the user typed. Names are raw bytes
 * ({@link dev.pcopy.fs.Names}), shown escaped ({@link dev.pcopy.fs.PathText}). Imports no other
 * pcopy package.
 */
package dev.pcopy.fs;
