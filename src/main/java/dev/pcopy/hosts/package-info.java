/**
 * Workers on other hosts: the coordinator's side of {@code --hosts}. One agent per host, started
 * by ssh or srun, carries that host's workers over one link; {@link dev.pcopy.hosts.HostLauncher}
 * is the pool's {@link dev.pcopy.pool.WorkerLauncher} whose workers are channels of those links.
 *
 * <p>{@link dev.pcopy.hosts.Admission} checks every host before anything is copied;
 * {@link dev.pcopy.hosts.HostLauncher} places workers, and replaces or retires a host that is
 * lost; {@link dev.pcopy.hosts.HostTally} counts per host, for the summary and for the lines
 * per host of the live display, which it hands over as {@link dev.pcopy.progress.HostLine}s:
 * the display's package never imports this one. See docs/multi-host.md.
 */
package dev.pcopy.hosts;
