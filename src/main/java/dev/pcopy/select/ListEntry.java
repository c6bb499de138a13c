package dev.pcopy.select;

/**
 * One entry of a {@code -from} file, with its place there for messages.
 *
 * @param number the line number, or the entry number in a NUL-separated file, from 1
 * @param text the entry's bytes, without its separator
 */
record ListEntry(int number, byte[] text) {}
