package dev.pcopy.link;

/** The version of this pcopy install, as both ends of a link state it. */
public final class PcopyVersion {
  private PcopyVersion() {}

  /** Returns the version from the jar's manifest, or a fixed word for classes outside a jar. */
  public static String current() {
    String version = PcopyVersion.class.getPackage().getImplementationVersion();
    return version == null ? "(development build)" : version;
  }
}
