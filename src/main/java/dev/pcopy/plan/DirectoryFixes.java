package dev.pcopy.plan;

/**
 * What an existing target directory was found to differ in from its source, each fixed when the
 * directory is finished and each shown as a line ({@code chown}, {@code chmod}, {@code setfacl},
 * {@code setfattr}, {@code touch}) by the dry run and {@code -v} alike. A directory the run makes
 * differs in nothing: giving it its metadata is part of copying it, as putting back the time of
 * a directory the run adds, replaces or removes entries in is (their own lines say it).
 *
 * @param owner its owner or group
 * @param mode its mode
 * @param acls its POSIX ACLs (access or default)
 * @param xattrs its other extended attributes
 * @param times its modification time (only when the run sets times, not while another run's
 *     temporary files stay in it, and changes no entry of it)
 */
public record DirectoryFixes(boolean owner, boolean mode, boolean acls, boolean xattrs,
    boolean times) {
  /** Nothing differs. */
  public static final DirectoryFixes NONE = new DirectoryFixes(false, false, false, false, false);

  /** Whether anything differs. */
  public boolean any() {
    return owner || mode || acls || xattrs || times;
  }
}
