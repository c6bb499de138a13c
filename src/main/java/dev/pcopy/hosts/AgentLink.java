package dev.pcopy.hosts;

import dev.pcopy.link.Heartbeat;
import dev.pcopy.link.LinkCodec;
import dev.pcopy.link.LinkFrame;
import dev.pcopy.link.LinkFrame.Checked;
import dev.pcopy.link.LinkFrame.Data;
import dev.pcopy.link.LinkFrame.Exited;
import dev.pcopy.link.LinkFrame.Hello;
import dev.pcopy.link.LinkFrame.Open;
import dev.pcopy.link.LinkFrame.Ping;
import dev.pcopy.link.LinkFrame.Setup;
import dev.pcopy.link.QueuedOutput;
import dev.pcopy.protocol.FrameCodec;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The coordinator's end of one host's link: the handshake (versions, checks), then one reader
 * thread that hands each worker's bytes to its {@link Channel}, and a heartbeat. A link that
 * closes, breaks or stays silent past the limit is lost: the launcher process is killed and
 * every channel ends at once, so the pool sees each of the host's workers die.
 */
final class AgentLink {
  private final Host host;
  private final AgentProcess process;
  private final QueuedOutput out;
  private final InputStream in;
  private final Map<Integer, Channel> channels = new ConcurrentHashMap<>();
  private Heartbeat heartbeat;
  private BiConsumer<AgentLink, String> onLost;
  /** Why the link was lost, or null while it is up. */
  private volatile String lost;
  /** Closed on purpose: its end is no loss. */
  private volatile boolean closing;

  AgentLink(Host host, AgentProcess process) {
    this.host = host;
    this.process = process;
    this.out = new QueuedOutput(process.output(), "pcopy-link-out-" + host.name());
    this.in = new BufferedInputStream(process.input(), 1 << 16);
  }

  Host host() {
    return host;
  }

  /**
   * Waits for the agent's hello, checks its versions, sends {@code setup} and waits for the
   * checks' verdict; returns why the host cannot be used, or empty.
   *
   * @throws IOException if the link ends or breaks first
   */
  String handshake(Setup setup, String version) throws IOException {
    try {
      FrameCodec.skipPreamble(in);
    } catch (EOFException e) {
      throw new IOException("the agent did not start" + tail(), e);
    }
    LinkFrame first = LinkCodec.read(in);
    if (!(first instanceof Hello hello)) {
      throw new IOException("the agent sent no hello but " + first);
    }
    if (hello.linkVersion() != LinkCodec.VERSION || hello.frameVersion() != FrameCodec.VERSION
        || !hello.pcopyVersion().equals(version)) {
      return "it runs pcopy " + hello.pcopyVersion() + " (link " + hello.linkVersion()
          + ", protocol " + hello.frameVersion() + "), this is pcopy " + version + " (link "
          + LinkCodec.VERSION + ", protocol " + FrameCodec.VERSION
          + "): install the same version on every host";
    }
    send(setup);
    LinkFrame verdict = LinkCodec.read(in);
    if (!(verdict instanceof Checked checked)) {
      throw new IOException("the agent ended during its checks" + tail());
    }
    return checked.failure();
  }

  /**
   * Starts reading and pinging, at once after the handshake: the agent counts the silence from
   * its verdict on, while the coordinator may still be waiting for slower hosts.
   */
  void start(Duration heartbeatInterval, Duration silence) {
    heartbeat = new Heartbeat(heartbeatInterval, silence, System::nanoTime, this::ping,
        silent -> lose("it sent nothing for " + silent.toSeconds() + " s"));
    heartbeat.start("pcopy-link-heartbeat-" + host.name());
    Thread reader = new Thread(this::read, "pcopy-link-in-" + host.name());
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Tells {@code onLost}, once, why the link was lost (never for one closed by {@link #close}),
   * at once if it was lost already.
   */
  void onLost(BiConsumer<AgentLink, String> onLost) {
    String why;
    synchronized (this) {
      this.onLost = onLost;
      why = lost;
    }
    if (why != null) {
      onLost.accept(this, why);
    }
  }

  /** Opens the channel of worker {@code index}: the agent starts the worker. */
  Channel open(int index) {
    Channel channel = new Channel(index, host.name(), this);
    channels.put(index, channel);
    try {
      send(new Open(index));
    } catch (IOException e) {
      channel.hostLost(lost == null ? e.getMessage() : lost);
    }
    return channel;
  }

  /**
   * Sends one frame; fails once the link is lost. A write that fails loses the link at once:
   * until its reader sees the end too, workers would go on being placed on a host that cannot
   * take them, and die one after the other before doing any work.
   */
  void send(LinkFrame frame) throws IOException {
    if (lost != null) {
      throw new IOException("host " + host.name() + " is lost: " + lost);
    }
    try {
      out.write(LinkCodec.encode(frame));
    } catch (IOException e) {
      lose("the link broke: " + e.getMessage() + tail());
      throw e;
    }
  }

  /** Returns whether the link is lost. */
  boolean isLost() {
    return lost != null;
  }

  /**
   * Closes the link: the agent stops its remaining workers and exits. Waits up to
   * {@code grace} for the launcher process to end, then kills it.
   */
  void close(Duration grace) throws InterruptedException {
    closing = true;
    if (heartbeat != null) {
      heartbeat.stop();
    }
    out.close();
    if (!process.awaitExit(grace)) {
      process.kill();
    }
    endChannels("the run ended");
  }

  /** Kills the launcher process at once, as for a host that failed or is lost. */
  void kill() {
    closing = true;
    process.kill();
    out.close();
    endChannels("it was stopped");
  }

  private void ping() {
    // A queue that is not empty carries traffic already; pings need not pile up behind it.
    if (out.isEmpty()) {
      try {
        send(new Ping());
      } catch (IOException e) {
        // The reader or the heartbeat reports the loss.
      }
    }
  }

  private void read() {
    try {
      LinkFrame frame;
      while ((frame = LinkCodec.read(in)) != null) {
        heartbeat.heard();
        if (frame instanceof Data d) {
          Channel channel = channels.get(d.channel());
          if (channel != null) {
            channel.deliver(d.bytes());
          }
        } else if (frame instanceof Exited x) {
          Channel channel = channels.remove(x.channel());
          if (channel != null) {
            channel.exited(x.description(), x.killedBySignal());
          }
        }
      }
      lose("it closed the link" + tail());
    } catch (IOException e) {
      lose("the link broke: " + e.getMessage() + tail());
    }
  }

  /** Takes the link for lost: cuts it and ends every channel. Only the first call counts. */
  private void lose(String why) {
    BiConsumer<AgentLink, String> told;
    synchronized (this) {
      if (lost != null || closing) {
        endChannels(why);
        return;
      }
      lost = why;
      told = onLost;
    }
    heartbeat.stop();
    process.kill();
    out.close();
    endChannels(why);
    if (told != null) {
      told.accept(this, why);
    }
  }

  private void endChannels(String why) {
    for (Channel channel : List.copyOf(channels.values())) {
      channels.remove(channel.index());
      channel.hostLost(why);
    }
  }

  private String tail() {
    String tail = process.errorTail();
    return tail.isEmpty() ? "" : " (" + tail + ")";
  }
}
