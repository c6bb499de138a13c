/**
 * The link between the coordinator and one host's agent: frames that carry the host's checks,
 * heartbeats, and its workers' byte streams, each tagged with a worker number.
 *
 * <p>Pure over streams, like {@code protocol}, which it carries without reading: a worker's
 * frames travel as opaque bytes, so a new kind of frame needs no change here.
 */
package dev.pcopy.link;
