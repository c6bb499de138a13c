/**
 * The binary protocol between the coordinator and its worker processes.
 *
 * <p>{@link dev.pcopy.protocol.Message} lists what crosses a worker's stdin and stdout and
 * {@link dev.pcopy.protocol.FrameCodec} encodes it as length-prefixed frames; names travel as
 * their exact bytes, never as strings, and a decoded name must be one path component. Imports
 * {@code plan} (the actions and outcomes) and {@code fs}.
 */
package dev.pcopy.protocol;
