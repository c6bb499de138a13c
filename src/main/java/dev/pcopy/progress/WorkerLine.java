package dev.pcopy.progress;

import java.time.Duration;

/**
 * What one worker is copying now, for its line below the bar.
 *
 * @param index the worker's number
 * @param host the host it runs on ({@code --hosts}), or null for this one
 * @param path the entry it is on, as the user reads it
 * @param at how many bytes of the entry it has written
 * @param size the entry's size in bytes
 * @param idle how long its count has not moved
 */
public record WorkerLine(int index, String host, String path, long at, long size, Duration idle) {}
