package dev.pcopy.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version from the jar's manifest, and the Java runtime it runs on. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "pcopy " + version(),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.home") + ")"
    };
  }

  /** pcopy's version, from the jar's manifest. */
  static String version() {
    String version = PcopyCommand.class.getPackage().getImplementationVersion();
    return version == null ? "(development build)" : version;
  }
}
