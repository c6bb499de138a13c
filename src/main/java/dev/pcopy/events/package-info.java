/**
 * What a run tells a program reading its output ({@code --json}): the {@link
 * dev.pcopy.events.EventLog} the job and the command line call, and its JSON-lines form.
 *
 * <p>Imports {@code plan} (the actions it describes), {@code progress} (the snapshot and
 * summary it reports) and {@code fs} (the escaping of names); imported by {@code job} and
 * {@code cli}.
 */
package dev.pcopy.events;
