/**
 * The agent: the one process pcopy runs on each remote host ({@code pcopy agent}, started by
 * ssh or srun). It checks that the host sees the coordinator's SRC and DST, runs the host's
 * workers with the local launcher, and relays their byte streams over its stdin and stdout.
 *
 * <p>{@link dev.pcopy.agent.Agent} serves the link; {@link dev.pcopy.agent.AgentChecks} runs the
 * checks; {@link dev.pcopy.agent.RelayedWorker} is one worker's relay.
 */
package dev.pcopy.agent;
