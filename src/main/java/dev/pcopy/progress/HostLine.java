package dev.pcopy.progress;

/**
 * What one host ({@code --hosts}) has done so far, for its line below the bar.
 *
 * @param host the host's name
 * @param entries entries its workers have ended, the failed ones too
 * @param failed entries that failed there
 * @param bytes bytes its workers have written
 * @param state why it copies nothing now ({@code lost, reconnecting}, {@code not used}), or
 *     null while it is up
 */
public record HostLine(String host, long entries, long failed, long bytes, String state) {}
