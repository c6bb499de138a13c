/**
 * The binary protocol between the coordinator and its worker processes.
 *
 * <p>{@link dev.pcopy.protocol.Message} lists what crosses a worker's stdin and stdout and
 * {@link dev.pcopy.protocol.FrameCodec} encodes it as length-prefixed frames; paths travel as
 * their exact bytes ({@link dev.pcopy.protocol.RawPaths}), never as platform strings.
 */
package dev.pcopy.protocol;
