package dev.pcopy.link;

/**
 * Everything that crosses the link between the coordinator and one host's agent (an ssh
 * session or a Slurm step). The agent speaks first, with {@link Hello}; the coordinator answers
 * with {@link Setup}, the agent with {@link Checked}; then workers' streams flow as
 * {@link Data}, and both sides send {@link Ping}s so that silence can be told from a slow link.
 */
public sealed interface LinkFrame {

  /**
   * Agent to coordinator, first frame. Its layout never changes, so that two versions of pcopy
   * can always tell each other apart.
   *
   * @param linkVersion {@link LinkCodec#VERSION} of the agent
   * @param pcopyVersion the agent's pcopy version
   * @param frameVersion the protocol version of the agent's workers
   */
  record Hello(int linkVersion, String pcopyVersion, int frameVersion) implements LinkFrame {}

  /**
   * Coordinator to agent: what to check, and how often to speak.
   *
   * @param source SRC's real path on the coordinator's host, as bytes
   * @param target DST's real path, as bytes
   * @param witnessName a file the coordinator just wrote in DST
   * @param witnessContent what it holds
   * @param sourceIdentity SRC as the coordinator sees it
   * @param heartbeatMillis how often each side pings the other
   * @param silenceMillis after how long without a frame the coordinator gives the host up; the
   *     agent stops its workers after half of it
   */
  record Setup(byte[] source, byte[] target, byte[] witnessName, byte[] witnessContent,
      RootIdentity sourceIdentity, long heartbeatMillis, long silenceMillis)
      implements LinkFrame {}

  /**
   * Agent to coordinator: the checks' verdict.
   *
   * @param failure why this host cannot work on SRC and DST, or empty if it can
   */
  record Checked(String failure) implements LinkFrame {}

  /** Coordinator to agent: start worker {@code channel}. */
  record Open(int channel) implements LinkFrame {}

  /** Bytes of a worker's stdin (coordinator to agent) or stdout (agent to coordinator). */
  record Data(int channel, byte[] bytes) implements LinkFrame {}

  /** Coordinator to agent: close the worker's stdin, which asks it to stop. */
  record Close(int channel) implements LinkFrame {}

  /** Coordinator to agent: kill the worker at once. */
  record Kill(int channel) implements LinkFrame {}

  /**
   * Agent to coordinator: the worker ended, after the last of its stdout was sent.
   *
   * @param description how it ended, as {@code WorkerProcess.exitDescription} says it
   * @param killedBySignal whether it was killed from outside rather than ending on its own
   */
  record Exited(int channel, String description, boolean killedBySignal) implements LinkFrame {}

  /** Either way: still here. */
  record Ping() implements LinkFrame {}
}
