package dev.pcopy.fs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One extended attribute: its name (with its namespace, {@code user.test},
 * {@code system.posix_acl_access}) and its value, both as raw bytes.
 *
 * @param name the attribute's name
 * @param value its value
 */
public record Xattr(byte[] name, byte[] value) {
  /** The attribute the kernel keeps a POSIX access ACL in. */
  public static final String ACL_ACCESS = "system.posix_acl_access";
  /** The attribute the kernel keeps a directory's default ACL in. */
  public static final String ACL_DEFAULT = "system.posix_acl_default";
  /** The attribute the kernel keeps a file's capabilities in, and removes on chown. */
  public static final String CAPABILITY = "security.capability";

  /** Returns the name as text (names are ASCII in practice; others are escaped when shown). */
  public String nameText() {
    return new String(name, StandardCharsets.UTF_8);
  }

  /** Whether this is a POSIX ACL rather than an extended attribute proper. */
  public boolean isAcl() {
    String n = nameText();
    return n.equals(ACL_ACCESS) || n.equals(ACL_DEFAULT);
  }

  /** Whether this attribute has the same name and value as {@code other}. */
  public boolean sameAs(Xattr other) {
    return Arrays.equals(name, other.name) && Arrays.equals(value, other.value);
  }
}
